import { setup } from './helpers';

describe('transactions', () => {
  const { emu, db, _ } = setup();
  beforeEach(async () => {
    await db.collection('items').doc('acct').set({ data: { balance: 100 } });
  });
  afterAll(() => emu.close());
  const balance = async () => (await db.collection('items').doc('acct').get()).data.balance;

  test('runTransaction: single-document operations commit atomically and return the callback value', async () => {
    const out = await db.runTransaction(async (tx: any) => {
      const { data } = await tx.collection('items').doc('acct').get();
      await tx.collection('items').doc('acct').update({ data: { balance: _.inc(-30) } });
      const added = await tx.collection('items').add({ data: { kind: 'ledger', amount: -30 } });
      await tx.collection('items').doc('tmp').set({ data: { x: 1 } });
      await tx.collection('items').doc('tmp').remove();
      // read-your-writes inside the transaction
      expect((await tx.collection('items').doc('acct').get()).data.balance).toBe(70);
      // ...but nothing is visible outside before commit
      expect(await balance()).toBe(100);
      return { before: data.balance, added: added._id };
    });
    expect(out.before).toBe(100);
    expect(await balance()).toBe(70);
    expect((await db.collection('items').doc(out.added).get()).data.amount).toBe(-30);
    await expect(db.collection('items').doc('tmp').get()).rejects.toMatchObject({ errCode: -1 });
  });

  test.each([
    ['where()', (tx: any) => tx.collection('items').where({ kind: 'ledger' }).get()],
    ['collection get()', (tx: any) => tx.collection('items').get()],
    ['collection update()', (tx: any) => tx.collection('items').update({ data: { a: 1 } })],
    ['collection remove()', (tx: any) => tx.collection('items').remove()],
    ['count()', (tx: any) => tx.collection('items').count()],
    ['aggregate()', (tx: any) => tx.collection('items').aggregate().end()],
    ['orderBy()', (tx: any) => tx.collection('items').orderBy('a', 'asc').get()],
  ])('multi-document operation %s inside a transaction is refused and nothing is written', async (_n, op) => {
    const err = await db
      .runTransaction(async (tx: any) => {
        await tx.collection('items').doc('acct').update({ data: { balance: 1 } });
        await op(tx);
      })
      .catch((e: any) => e);
    expect(err.errCode).toBe(-501007);
    expect(err.errMsg).toMatch(/single-document operations/);
    expect(await balance()).toBe(100);
  });

  test('a thrown error rolls back: nothing written, error propagated', async () => {
    await expect(
      db.runTransaction(async (tx: any) => {
        await tx.collection('items').doc('acct').update({ data: { balance: 0 } });
        await tx.collection('items').add({ data: { _id: 'ghost' } });
        throw new Error('insufficient funds');
      }),
    ).rejects.toThrow('insufficient funds');
    expect(await balance()).toBe(100);
    await expect(db.collection('items').doc('ghost').get()).rejects.toBeDefined();
  });

  test('tx.rollback(reason) writes nothing and runTransaction rejects with the reason', async () => {
    await expect(
      db.runTransaction(async (tx: any) => {
        await tx.collection('items').doc('acct').update({ data: { balance: 0 } });
        await tx.rollback('nope');
      }),
    ).rejects.toBe('nope');
    expect(await balance()).toBe(100);
  });

  test('startTransaction: commit applies, rollback discards', async () => {
    const t1 = await db.startTransaction();
    await t1.collection('items').doc('acct').update({ data: { balance: 55 } });
    await t1.commit();
    expect(await balance()).toBe(55);
    const t2 = await db.startTransaction();
    await t2.collection('items').doc('acct').update({ data: { balance: 1 } });
    await t2.rollback();
    expect(await balance()).toBe(55);
  });

  test('conflict: a doc changed by someone else after the snapshot fails the commit (first committer wins)', async () => {
    const tx = await db.startTransaction();
    await tx.collection('items').doc('acct').get();
    await db.collection('items').doc('acct').update({ data: { balance: 500 } }); // concurrent writer
    await tx.collection('items').doc('acct').update({ data: { balance: _.inc(1) } });
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(await balance()).toBe(500);
  });

  test('conflict: a doc deleted after the snapshot also conflicts', async () => {
    await db.collection('items').doc('gone').set({ data: { v: 1 } });
    const tx = await db.startTransaction();
    await tx.collection('items').doc('acct').get();
    await db.collection('items').doc('gone').remove();
    await tx.collection('items').doc('gone').set({ data: { v: 2 } });
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  });

  test('runTransaction retries the callback on conflict and then succeeds', async () => {
    let attempts = 0;
    const result = await db.runTransaction(async (tx: any) => {
      attempts++;
      const { data } = await tx.collection('items').doc('acct').get();
      if (attempts === 1) await db.collection('items').doc('acct').update({ data: { balance: 10 } });
      await tx.collection('items').doc('acct').update({ data: { balance: data.balance + 1 } });
      return data.balance;
    });
    expect(attempts).toBe(2);
    expect(result).toBe(10);
    expect(await balance()).toBe(11);
  });

  test('concurrent read-modify-write transactions never lose an update', async () => {
    await Promise.all(
      Array.from({ length: 5 }, () =>
        db.runTransaction(async (tx: any) => {
          const { data } = await tx.collection('items').doc('acct').get();
          await tx.collection('items').doc('acct').update({ data: { balance: data.balance + 1 } });
        }, 10),
      ),
    );
    expect(await balance()).toBe(105);
  });

  test('a unique-index violation at commit writes nothing', async () => {
    await db.collection('accounts').add({ data: { phone: '555' } });
    await expect(
      db.runTransaction(async (tx: any) => {
        await tx.collection('items').doc('acct').update({ data: { balance: 0 } });
        await tx.collection('accounts').add({ data: { phone: '555' } });
      }),
    ).rejects.toBeDefined();
    expect(await balance()).toBe(100);
    expect((await db.collection('accounts').where({ phone: '555' }).count()).total).toBe(1);
  });
});
