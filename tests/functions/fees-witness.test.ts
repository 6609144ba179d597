/**
 * Receipts witness the ledger (issue 17): every receipt shows its entry's sequence
 * number and the chain head after it; statements and their 财务公示 notice carry the
 * month's final head; the `witness` timer writes each day's head once, and every
 * notice quotes it. Then the attack: someone with database access rewrites an entry
 * of the open month and re-hashes everything after it (heads included). The
 * database's own checks pass; a resident's 校验 with an earlier receipt names the entry.
 */
import { createHash } from 'node:crypto';
import { main as notices } from '../../cloudfunctions/notices';
import { entryHash, witnessCode, type ChainFields } from '../../core/fees/rules';
import { formatDate } from '../../core/platform/time';
import { newRequestId, type Harness } from '../support/harness';
import { AFTER_PERIOD, at, feesHarness, generate, HOME3, LAST, payOnline, PERIOD, unpaid } from './fees-setup';

jest.setTimeout(120_000);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const timer = (name: string) => ({ Type: 'Timer', TriggerName: name, Time: new Date().toISOString(), Message: '' });
let h: Harness;
beforeAll(async () => {
  h = await feesHarness({ notices });
  await generate(h);
  await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
    clientRequestId: newRequestId(),
    compoundId: 'txsj',
    category: 'cleaning',
    amountFen: 80_000,
    memo: '保洁服务费',
    receipts: [],
  });
});
afterAll(() => h.close());

async function chain(compoundId = 'txsj'): Promise<any[]> {
  return (await h.db.collection('ledger').where({ compoundId }).orderBy('seq', 'asc').limit(1000).get()).data;
}

describe('every copy a resident holds shows the chain head', () => {
  it('a published statement and its 财务公示 notice carry the month’s final head', async () => {
    const committee = h.as('txsj-committee');
    await committee.ok('fees', 'ledger.close', { compoundId: 'txsj', period: LAST });
    // This month closes once it has ended (the day after).
    const st = await at(AFTER_PERIOD, async () => {
      await committee.ok('fees', 'ledger.close', { compoundId: 'txsj', period: PERIOD });
      return committee.ok('fees', 'ledger.publish', { compoundId: 'txsj', period: PERIOD });
    });
    const last = (await chain()).at(-1);
    expect(st.head).toEqual({ seq: last.seq, hash: last.hash });
    expect(st.headCode).toBe(witnessCode(last.hash));
    expect(st.headCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(st.noticeDraft.body).toContain(`到第${last.seq}笔为止，末笔校验码 ${st.headCode}`);
    expect((await h.as('txsj-resident-3').ok('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD })).headCode).toBe(
      st.headCode,
    );
  });

  it('WeChat Pay, offline and donation receipts show each entry’s seq and the head after it', async () => {
    const [bill] = await unpaid(h, 'txsj-resident-3');
    const { notify } = await payOnline(h, 'txsj-resident-3', [bill.id]);
    expect(notify).toMatchObject({ acknowledged: true });
    const paymentId = (await h.db.collection('bills').where({ _id: bill.id }).get()).data[0].paymentId;
    const online = await h.as('txsj-resident-3').ok('fees', 'fees.receipt', { paymentId });
    const entries = await chain();
    const mine = entries.filter((e) => e.sourceKey.startsWith(paymentId));
    expect(online.witnesses).toEqual(mine.map((e) => ({ seq: e.seq, hash: e.hash, code: witnessCode(e.hash) })));
    expect(online.compoundId).toBe('txsj');

    const [other] = await unpaid(h, 'txsj-resident-5');
    const offline = await h
      .as('txsj-manager')
      .ok('fees', 'fees.payOffline', { clientRequestId: newRequestId(), billIds: [other.id], method: 'cash', receiptNo: 'W-0001' });
    const seen = await h.as('txsj-resident-5').ok('fees', 'fees.receipt', { paymentId: offline.id });
    expect(seen.witnesses).toEqual([
      expect.objectContaining({ seq: (await chain()).at(-1).seq, code: expect.stringMatching(/^[0-9A-F]{4}-[0-9A-F]{4}$/) }),
    ]);

    const gift = await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      category: 'donation',
      amountFen: 50_000,
      memo: '大门翻新捐资',
      receipts: [],
      donor: { name: '王阿姨', anonymous: false, project: '大门翻新' },
    });
    const board = await h.as('txsj-resident-3').ok('fees', 'ledger.donations', { compoundId: 'txsj' });
    expect(board.find((d: any) => d.id === gift.id)).toMatchObject({ seq: gift.seq, hash: gift.hash, code: witnessCode(gift.hash) });
  });

  it('the witness timer writes the day’s head once; a client cannot; every notice posted that day quotes it', async () => {
    const head = (await chain()).at(-1);
    const resident = h.as('txsj-resident-3');
    const before = await h.snapshot();
    expect(await resident.raw('fees', timer('witness'))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await h.snapshot()).toBe(before);

    const day = formatDate(new Date());
    expect(await h.emu.invoke('fees', timer('witness'), { openid: '', source: 'wx_trigger' } as any)).toMatchObject({
      ok: true,
      data: { written: 1 },
    });
    expect(await h.emu.invoke('fees', timer('witness'), { openid: '', source: 'wx_trigger' } as any)).toMatchObject({
      ok: true,
      data: { written: 0 },
    });
    const docs = (await h.db.collection('ledgerDailyHeads').where({ compoundId: 'txsj' }).get()).data;
    expect(docs).toEqual([expect.objectContaining({ _id: `txsj_${day}`, day, seq: head.seq, hash: head.hash })]);

    const n = await h.as('txsj-lead-3').ok('notices', 'notices.post', {
      clientRequestId: newRequestId(),
      audience: { kind: 'buildings', buildingIds: ['txsj-b3'] },
      title: '停水通知',
      body: '周六上午停水。',
      category: '停水停电',
    });
    expect(n.ledgerWitness).toEqual([{ compoundId: 'txsj', day, seq: head.seq, code: witnessCode(head.hash) }]);
    expect((await resident.ok('notices', 'notices.open', { noticeId: n.id })).ledgerWitness).toEqual(n.ledgerWitness);
    // 御家兰庭 has no head yet: its notices quote none.
    const y = await h.as('yjlt-committee').ok('notices', 'notices.post', {
      clientRequestId: newRequestId(),
      audience: { kind: 'compounds', compoundIds: ['yjlt'] },
      title: '通知',
      body: '正文',
      category: '通知',
    });
    expect(y.ledgerWitness).toBeUndefined();
  });
});

describe('a rewritten open-month entry', () => {
  it('re-hashed with every head in the database passes the database’s checks, and a resident’s earlier receipt names the entry', async () => {
    const bill = { id: `${HOME3}_wt1_${PERIOD}` };
    await h.db.collection('bills').add({
      data: {
        _id: bill.id,
        communityId: 'qiaoxing',
        compoundId: 'txsj',
        buildingId: 'txsj-b3',
        homeId: HOME3,
        homeLabel: '天翔世家 3栋2单元101',
        compoundPeriod: `txsj_${PERIOD}`,
        itemCode: 'wt1',
        itemName: '测试费',
        kind: 'fixed',
        period: PERIOD,
        rateFen: 100,
        quantity: 1,
        unit: 'home',
        amountFen: 100,
        status: 'unpaid',
        orderNo: null,
        createdAt: new Date(),
      },
    });
    const { notify } = await payOnline(h, 'txsj-resident-3', [bill.id]);
    expect(notify).toMatchObject({ acknowledged: true });
    const paymentId = (await h.db.collection('bills').where({ _id: bill.id }).get()).data[0].paymentId;
    const receipt = await h.as('txsj-resident-3').ok('fees', 'fees.receipt', { paymentId });
    const [w] = receipt.witnesses;
    // More entries after it, and the day's head.
    await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      category: 'repairs',
      amountFen: 12_000,
      memo: '更换路灯',
      receipts: [],
    });
    await h.emu.invoke('fees', timer('witness'), { openid: '', source: 'wx_trigger' } as any);
    const honest = await h
      .as('txsj-resident-3')
      .ok('fees', 'ledger.verify', { compoundId: 'txsj', receipts: receipt.witnesses.map((x: any) => ({ seq: x.seq, hash: x.hash })) });
    expect(honest).toMatchObject({ ok: true, receipts: { checked: 1, problems: [] } });

    // The console account: the payment's entry now says 1 fen, and every hash after it is recomputed.
    const entries = await chain();
    let prev = entries.find((e) => e.seq === w.seq - 1)?.hash ?? '0'.repeat(64);
    for (const e of entries.filter((x) => x.seq >= w.seq)) {
      const fields: ChainFields = {
        seq: e.seq,
        compoundId: e.compoundId,
        period: e.period,
        kind: e.kind,
        category: e.category,
        fund: e.fund,
        amountFen: e.seq === w.seq ? 1 : e.amountFen,
        memo: e.memo,
        sourceKey: e.sourceKey,
        reverses: e.reverses,
        receipts: e.receipts,
        at: e.at,
        prevHash: prev,
      };
      const hash = entryHash(fields, sha256);
      await h.db
        .collection('ledger')
        .doc(e._id)
        .update({ data: { amountFen: fields.amountFen, prevHash: prev, hash } });
      prev = hash;
    }
    const top = entries.at(-1);
    await h.db
      .collection('ledgerHeads')
      .doc('txsj')
      .update({ data: { hash: prev } });
    const days = (await h.db.collection('ledgerDailyHeads').where({ compoundId: 'txsj' }).get()).data;
    for (const d of days)
      if (d.seq >= w.seq)
        await h.db
          .collection('ledgerDailyHeads')
          .doc(d._id)
          .update({
            data: {
              hash:
                d.seq === top.seq ? prev : (await h.db.collection('ledger').where({ compoundId: 'txsj', seq: d.seq }).get()).data[0].hash,
            },
          });

    // Everything in the database agrees with itself.
    const blind = await h.as('txsj-resident-3').ok('fees', 'ledger.verify', { compoundId: 'txsj' });
    expect(blind.ok).toBe(true);
    // The receipt in the resident's hands does not.
    const r = await h.as('txsj-resident-3').ok('fees', 'ledger.verify', { compoundId: 'txsj', receipts: [{ seq: w.seq, hash: w.hash }] });
    expect(r.ok).toBe(false);
    expect(r.receipts.problems).toEqual([{ seq: w.seq, held: w.code, now: expect.not.stringMatching(w.code) }]);
    expect(r.message).toContain(`您收据上的第${w.seq}笔与账本不符（收据校验码 ${w.code}`);
    // A short code typed from a paper receipt works the same.
    const typed = await h
      .as('txsj-resident-3')
      .ok('fees', 'ledger.verify', { compoundId: 'txsj', receipts: [{ seq: w.seq, hash: w.code }] });
    expect(typed.receipts.problems).toHaveLength(1);
  });

  it('bad receipts in a 校验 are BAD_REQUEST and write nothing', async () => {
    for (const receipts of [
      [{ seq: 0, hash: 'ABCD-1234' }],
      [{ seq: 1, hash: 'xyz' }],
      [{ seq: 1, hash: 'ABCD-1234', extra: 1 }],
      Array.from({ length: 201 }, (_, i) => ({ seq: i + 1, hash: 'ABCD-1234' })),
    ]) {
      const before = await h.snapshot();
      expect(await h.as('txsj-resident-3').call('fees', 'ledger.verify', { compoundId: 'txsj', receipts })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
      expect(await h.snapshot()).toBe(before);
    }
  });
});
