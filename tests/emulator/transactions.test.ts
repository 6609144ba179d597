import { setup } from './helpers';
import { ERR } from '../../emulator/store';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CONFLICT =
  /^document\.(update|set|remove):fail -501001 resource system error\. \[ResourceUnavailable\.TransactionConflict\] Transaction is conflict, maybe resource operated by others\./;

describe('transactions', () => {
  const { emu, db, _ } = setup();
  beforeEach(async () => {
    jest.restoreAllMocks();
    await db
      .collection('items')
      .doc('acct')
      .set({ data: { balance: 100 } });
  });
  afterAll(() => emu.close());
  const balance = async () => (await db.collection('items').doc('acct').get()).data.balance;

  test('runTransaction: single-document operations commit atomically and return the callback value', async () => {
    const out = await db.runTransaction(async (tx: any) => {
      const { data } = await tx.collection('items').doc('acct').get();
      await tx
        .collection('items')
        .doc('acct')
        .update({ data: { balance: _.inc(-30) } });
      const added = await tx.collection('items').add({ data: { kind: 'ledger', amount: -30 } });
      await tx
        .collection('items')
        .doc('tmp')
        .set({ data: { x: 1 } });
      await tx.collection('items').doc('tmp').remove();
      // read-your-writes inside the transaction
      expect((await tx.collection('items').doc('acct').get()).data.balance).toBe(70);
      // ...but nothing is visible outside before commit (a plain read never waits for a lock)
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
        await tx
          .collection('items')
          .doc('acct')
          .update({ data: { balance: 1 } });
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
        await tx
          .collection('items')
          .doc('acct')
          .update({ data: { balance: 0 } });
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
        await tx
          .collection('items')
          .doc('acct')
          .update({ data: { balance: 0 } });
        await tx.rollback('nope');
      }),
    ).rejects.toBe('nope');
    expect(await balance()).toBe(100);
  });

  test('startTransaction: commit applies, rollback discards; an ended transaction no longer exists', async () => {
    const t1 = await db.startTransaction();
    await t1
      .collection('items')
      .doc('acct')
      .update({ data: { balance: 55 } });
    await t1.commit();
    expect(await balance()).toBe(55);
    const t2 = await db.startTransaction();
    await t2
      .collection('items')
      .doc('acct')
      .update({ data: { balance: 1 } });
    await t2.rollback();
    expect(await balance()).toBe(55);
    // as on the server: later calls on a finished transaction fail with TransactionNotExist
    await expect(t1.collection('items').doc('acct').get()).rejects.toMatchObject({
      errCode: -501001,
      errMsg: expect.stringMatching(/TransactionNotExist/),
    });
    await expect(t2.commit()).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message: expect.stringMatching(/^\[ResourceUnavailable\.TransactionNotExist\]/),
    });
  });

  test('snapshot isolation: reads see the state at startTransaction, even for documents first read later', async () => {
    await db
      .collection('items')
      .doc('other')
      .set({ data: { v: 1 } });
    const tx = await db.startTransaction();
    await db
      .collection('items')
      .doc('acct')
      .update({ data: { balance: 500 } });
    await db.collection('items').doc('other').remove();
    await db
      .collection('items')
      .doc('late')
      .set({ data: { v: 9 } });
    expect((await tx.collection('items').doc('acct').get()).data.balance).toBe(100);
    expect((await tx.collection('items').doc('other').get()).data.v).toBe(1);
    await expect(tx.collection('items').doc('late').get()).rejects.toMatchObject({ errMsg: expect.stringMatching(/does not exist/) });
    expect(await balance()).toBe(500);
    await tx.rollback();
  });

  test('lock conflict: a write to a document another open transaction wrote fails at once (not at commit) and aborts the loser', async () => {
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('items').doc('acct').get();
    await t2
      .collection('items')
      .doc('acct')
      .update({ data: { balance: 200 } }); // t2 holds the lock
    const err = await t1
      .collection('items')
      .doc('acct')
      .update({ data: { balance: _.inc(1) } })
      .catch((e: any) => e);
    // what wx-server-sdk makes of the server's {code: 'DATABASE_TRANSACTION_CONFLICT'}: errCode -501001 and NO `.code`
    expect(err).toMatchObject({ errCode: -501001 });
    expect(err.errMsg).toMatch(CONFLICT);
    expect(err.code).toBeUndefined();
    // the server aborted t1: its fallback rollback fails, as the node-sdk tests note
    await expect(t1.rollback()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    await t2.commit();
    expect(await balance()).toBe(200);
  });

  test('write after an outside change to the snapshot conflicts too (document changed or deleted since the start)', async () => {
    await db
      .collection('items')
      .doc('gone')
      .set({ data: { v: 1 } });
    const t1 = await db.startTransaction();
    await t1.collection('items').doc('acct').get();
    await db
      .collection('items')
      .doc('acct')
      .update({ data: { balance: 500 } }); // not locked yet: goes through
    await expect(
      t1
        .collection('items')
        .doc('acct')
        .update({ data: { balance: 1 } }),
    ).rejects.toMatchObject({ errMsg: expect.stringMatching(CONFLICT) });
    const t2 = await db.startTransaction();
    await db.collection('items').doc('gone').remove();
    await expect(
      t2
        .collection('items')
        .doc('gone')
        .set({ data: { v: 2 } }),
    ).rejects.toMatchObject({ errMsg: expect.stringMatching(CONFLICT) });
    expect(await balance()).toBe(500);
  });

  test('a plain write to a locked document waits until the transaction ends', async () => {
    const tx = await db.startTransaction();
    await tx
      .collection('items')
      .doc('acct')
      .update({ data: { balance: 1 } });
    let done = false;
    const plain = db
      .collection('items')
      .doc('acct')
      .update({ data: { balance: _.inc(10) } })
      .then(() => (done = true));
    const multi = db
      .collection('items')
      .where({ balance: _.gte(0) })
      .update({ data: { seen: true } });
    await sleep(30);
    expect(done).toBe(false);
    expect(await balance()).toBe(100); // plain reads do not wait
    await tx.commit();
    await plain;
    await multi;
    const doc = (await db.collection('items').doc('acct').get()).data;
    expect(doc).toMatchObject({ balance: 11, seen: true });
  });

  test('an abandoned transaction expires (30 s in production) and releases its locks', async () => {
    // Long enough that a loaded machine still writes inside the transaction before it expires.
    const short = setup({ transactionLifetimeMs: 1_000 });
    await short.db
      .collection('items')
      .doc('a')
      .set({ data: { n: 0 } });
    const tx = await short.db.startTransaction();
    await tx
      .collection('items')
      .doc('a')
      .update({ data: { n: 1 } });
    // Waits for the lock, which the expiry releases; the abandoned transaction then may not commit.
    await short.db
      .collection('items')
      .doc('a')
      .update({ data: { n: 2 } });
    await expect(tx.commit()).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message: expect.stringMatching(/TransactionNotExist/),
    });
    expect((await short.db.collection('items').doc('a').get()).data.n).toBe(2);
    short.emu.close();
  });

  test('one request in flight per transaction: a concurrent second one fails with TransactionBusy', async () => {
    const tx = await db.startTransaction();
    const results = await Promise.allSettled([tx.collection('items').doc('acct').get(), tx.collection('items').doc('acct').get()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      errCode: -501001,
      errMsg: expect.stringMatching(/\[ResourceUnavailable\.TransactionBusy\] Transaction is busy/),
    });
    await tx.rollback();
  });

  test('runTransaction does NOT retry a lock conflict raised inside the callback: it rolls back and rejects with -501001', async () => {
    const holder = await db.startTransaction();
    await holder
      .collection('items')
      .doc('acct')
      .update({ data: { balance: 300 } });
    let attempts = 0;
    const err = await db
      .runTransaction(async (tx: any) => {
        attempts++;
        await tx
          .collection('items')
          .doc('acct')
          .update({ data: { balance: _.inc(1) } });
      })
      .catch((e: any) => e);
    expect(attempts).toBe(1);
    expect(err.errMsg).toMatch(CONFLICT);
    await holder.commit();
    expect(await balance()).toBe(300);
  });

  test('runTransaction retries only when COMMIT answers DATABASE_TRANSACTION_CONFLICT: 1 + `times` attempts (3 by default)', async () => {
    const run = (times?: number) => {
      let attempts = 0;
      const p = db.runTransaction(async (tx: any) => {
        attempts++;
        await tx
          .collection('items')
          .doc('acct')
          .update({ data: { balance: _.inc(1) } });
        return 'ok';
      }, times);
      return p.then(
        (v: any) => ({ v, attempts }),
        (e: any) => ({ e, attempts }),
      );
    };
    const spy = jest.spyOn(emu.store.tx as any, 'apply');
    spy.mockImplementationOnce(() => {
      throw ERR.txConflict();
    });
    expect(await run()).toEqual({ v: 'ok', attempts: 2 });
    expect(await balance()).toBe(101);
    spy.mockImplementation(() => {
      throw ERR.txConflict();
    });
    const always = await run();
    expect(always.attempts).toBe(4);
    // the commit error reaches the caller raw ({code, message, requestId}): wx-server-sdk's commit() does not wrap it
    expect((always as any).e).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect((await run(1)).attempts).toBe(2);
    spy.mockRestore();
    expect(await balance()).toBe(101);
  });

  test('concurrent read-modify-write transactions: losers fail with a conflict (not retried), no update is lost', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        db.runTransaction(async (tx: any) => {
          const { data } = await tx.collection('items').doc('acct').get();
          await tx
            .collection('items')
            .doc('acct')
            .update({ data: { balance: data.balance + 1 } });
        }, 10),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled').length;
    expect(won).toBeGreaterThanOrEqual(1);
    expect(results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason.errMsg)] : [])).filter((m) => !CONFLICT.test(m))).toEqual([]);
    expect(await balance()).toBe(100 + won);
  });

  test('a unique-index violation at commit writes nothing', async () => {
    await db.collection('accounts').add({ data: { phone: '555' } });
    await expect(
      db.runTransaction(async (tx: any) => {
        await tx
          .collection('items')
          .doc('acct')
          .update({ data: { balance: 0 } });
        await tx.collection('accounts').add({ data: { phone: '555' } });
      }),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(await balance()).toBe(100);
    expect((await db.collection('accounts').where({ phone: '555' }).count()).total).toBe(1);
  });
});
