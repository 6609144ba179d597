/**
 * fees through the emulator: generation twice, paying (sandbox, replays, forged and
 * differing callbacks, parallel payers, offline + online double payment and its
 * refund), the ledger (append-only, reversal, close, publish, verify, tamper), arrears.
 */
import { addMonths, billId } from '../../core/fees/rules';
import { newRequestId, type Harness } from '../support/harness';
import { AFTER_PERIOD, at, feesHarness, generate, HOME3, HOME5, LAST, PERIOD, payOnline, unpaid } from './fees-setup';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await feesHarness();
  await generate(h);
});
afterAll(() => h.close());

const count = async (c: string, where: object = {}) => (await h.db.collection(c).where(where).count()).total;
const txsjHomes = () => h.seed.homes.filter((x) => x.compoundId === 'txsj').length;

describe('bill generation', () => {
  it('writes one bill per home for the month, at 1.1 元/m², and a second run adds nothing', async () => {
    expect(await count('bills', { compoundPeriod: `txsj_${PERIOD}` })).toBe(txsjHomes());
    const home = h.seed.homes.find((x) => x._id === HOME3)!;
    const bill = (
      await h.db
        .collection('bills')
        .where({ _id: billId(HOME3, 'property', PERIOD) })
        .get()
    ).data[0];
    expect(bill).toMatchObject({
      rateFen: 110,
      quantity: home.areaCenti,
      amountFen: Math.floor((home.areaCenti * 110 + 50) / 100),
      status: 'unpaid',
    });
    const before = await h.snapshot();
    const job = await generate(h);
    expect(job.status).toBe('done');
    expect(await h.snapshot()).toBe(
      before
        .replace(/jobs:(\d+)/, (_, n) => `jobs:${Number(n) + 1}`)
        .replace(/jobEffects:(\d+)/, (_, n) => `jobEffects:${Number(n) + Math.ceil(txsjHomes() / 200)}`),
    );
    expect(await count('bills', { compoundPeriod: `txsj_${PERIOD}` })).toBe(txsjHomes());
  });

  it('御家兰庭: 1.2 元 in lift buildings 1–3, 0.8 元 in walk-ups', async () => {
    await generate(h, 'yjlt', PERIOD, 'yjlt-committee');
    const lift = (await h.db.collection('bills').where({ buildingId: 'yjlt-b2', period: PERIOD }).limit(1).get()).data[0];
    const walk = (await h.db.collection('bills').where({ buildingId: 'yjlt-b5', period: PERIOD }).limit(1).get()).data[0];
    expect([lift.rateFen, lift.tier, walk.rateFen, walk.tier]).toEqual([120, 'flat_lift', 80, 'flat_walkup']);
  });

  it('the monthly timer queues one job per compound and month, however often it fires', async () => {
    const fire = () =>
      h.emu.invoke(
        'fees',
        { Type: 'Timer', TriggerName: 'billing', Time: new Date().toISOString(), Message: '' },
        { openid: '', source: 'wx_trigger' },
      );
    await fire();
    await fire();
    expect(await count('jobs', { kind: 'fees.generate', createdBy: 'system' })).toBe(2);
    expect(await count('bills', { compoundPeriod: `txsj_${PERIOD}` })).toBe(txsjHomes());
  });
});

describe('paying online', () => {
  it("a resident sees only their homes' bills and pays this month's through the sandbox; the receipt shows it", async () => {
    const bills = await unpaid(h, 'txsj-resident-3');
    expect(bills.every((b) => b.homeId === HOME3)).toBe(true);
    const { start, notify } = await payOnline(h, 'txsj-resident-3', [bills[0].id]);
    expect(notify).toMatchObject({ acknowledged: true, response: { errcode: 0 } });
    const order = await h.as('txsj-resident-3').ok('fees', 'fees.order', { outTradeNo: start.outTradeNo });
    expect(order.state).toBe('paid');
    const r = await h.as('txsj-resident-3').ok('fees', 'fees.receipt', { paymentId: order.paymentId });
    expect(r).toMatchObject({ method: 'wechat', amountFen: start.totalFee, duplicateFen: 0 });
    expect(await unpaid(h, 'txsj-resident-3')).toHaveLength(bills.length - 1);
    const entries = await h.as('txsj-resident-3').ok('fees', 'ledger.entries', { compoundId: 'txsj', period: PERIOD });
    expect(entries.filter((e: any) => e.memo.includes(start.outTradeNo.slice(-8)))).toHaveLength(1);
    // Paying it again is refused; another home's bill is not found (as a missing one).
    expect(
      await h.as('txsj-resident-3').call('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bills[0].id] }),
    ).toMatchObject({ ok: false, error: { code: 'BILL_PAID' } });
    const other = billId(HOME5, 'property', PERIOD);
    expect(await h.as('txsj-resident-3').call('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [other] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await h.as('txsj-resident-3').call('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: ['no-such-bill'] }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.as('txsj-resident-5').call('fees', 'fees.receipt', { paymentId: order.paymentId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.as('txsj-resident-5').call('fees', 'fees.order', { outTradeNo: start.outTradeNo })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it("20 replays of one callback interleaved with a second payment's: one payment and one ledger entry each", async () => {
    const a = await h
      .as('txsj-resident-5')
      .ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [billId(HOME5, 'property', PERIOD)] });
    const lead = h.seed.memberships.find((m) => m.personId === 'p-txsj-lead-5')!.homeId;
    const b = await h
      .as('txsj-lead-5')
      .ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [billId(lead, 'property', PERIOD)] });
    const entriesBefore = await count('ledger', { compoundId: 'txsj' });
    await h.emu.pay.complete(a.outTradeNo);
    await h.emu.pay.complete(b.outTradeNo);
    const replays = [];
    for (let i = 0; i < 20; i++) replays.push(i % 3 === 0 ? b : a);
    replays.sort(() => Math.random() - 0.5);
    const answers = await Promise.all(
      replays.map((o) =>
        h.emu.invoke(
          'payCallback',
          { outTradeNo: o.outTradeNo, totalFee: o.totalFee, transactionId: 'x', returnCode: 'SUCCESS', resultCode: 'SUCCESS' },
          { openid: '', source: 'wx_paycallback' },
        ),
      ),
    );
    // Some parallel replays may be told to come again; WeChat does, and every later one is acknowledged.
    expect(answers.every((x: any) => x.errcode === 0 || x.errmsg === 'retry')).toBe(true);
    for (const o of [a, b]) {
      expect(
        await h.emu.invoke(
          'payCallback',
          { outTradeNo: o.outTradeNo, totalFee: o.totalFee, transactionId: 'x', returnCode: 'SUCCESS', resultCode: 'SUCCESS' },
          { openid: '', source: 'wx_paycallback' },
        ),
      ).toEqual({ errcode: 0, errmsg: 'OK' });
      expect(await count('payments', { outTradeNo: o.outTradeNo })).toBe(1);
      expect(await count('ledger', { sourceKey: `wx_${o.outTradeNo}_propertyFee` })).toBe(1);
    }
    expect(await count('ledger', { compoundId: 'txsj' })).toBe(entriesBefore + 2);
    expect((await h.as('txsj-resident-5').ok('fees', 'ledger.verify', { compoundId: 'txsj' })).ok).toBe(true);
  });

  it('a callback whose amount differs is refused and the bill stays unpaid; a forged one from a client is an action call', async () => {
    const bill = (await unpaid(h, 'txsj-resident-3b'))[0];
    const o = await h.as('txsj-resident-3b').ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bill.id] });
    const forged = { outTradeNo: o.outTradeNo, totalFee: o.totalFee - 1, transactionId: 'x', returnCode: 'SUCCESS', resultCode: 'SUCCESS' };
    expect(await h.emu.invoke('payCallback', forged, { openid: '', source: 'wx_paycallback' })).toEqual({ errcode: 1, errmsg: 'refused' });
    // Right amount but never paid at WeChat: not recorded either.
    expect(await h.emu.invoke('payCallback', { ...forged, totalFee: o.totalFee }, { openid: '', source: 'wx_paycallback' })).toEqual({
      errcode: 1,
      errmsg: 'unpaid',
    });
    // From a client, the same JSON is an action envelope: refused by shape.
    expect(await h.as('txsj-resident-3b').raw('payCallback', { ...forged, totalFee: o.totalFee })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect((await unpaid(h, 'txsj-resident-3b')).map((b) => b.id)).toContain(bill.id);
    expect(await count('payments', { outTradeNo: o.outTradeNo })).toBe(0);
  });

  it('two parallel orders for one bill: one wins, the other is told it is being paid', async () => {
    const home = h.seed.memberships.find((m) => m.personId === 'p-txsj-committee')!.homeId;
    const id = billId(home, 'property', PERIOD);
    const rs = await Promise.all(
      [0, 1, 2].map(() => h.as('txsj-committee').call('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [id] })),
    );
    expect(rs.filter((r) => r.ok)).toHaveLength(1);
    expect(rs.filter((r) => !r.ok).every((r: any) => ['BILL_PAID', 'CONFLICT'].includes(r.error.code))).toBe(true);
    expect(await count('payOrders', { billIds: id })).toBe(1);
  });

  it('bill paid twice (cash at the office while paying online): the online payment is marked for refund, 退款中 until WeChat confirms, refunded once', async () => {
    const home = h.seed.memberships.find((m) => m.personId === 'p-txsj-shop')!.homeId;
    const id = billId(home, 'property', PERIOD);
    const o = await h.as('txsj-shop').ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [id] });
    // The office takes cash for it while the online payment is under way…
    expect(
      await h
        .as('txsj-manager')
        .call('fees', 'fees.payOffline', { clientRequestId: newRequestId(), billIds: [id], method: 'cash', receiptNo: 'S07-001' }),
    ).toMatchObject({ ok: true });
    await h.emu.pay.complete(o.outTradeNo);
    const order = await h.as('txsj-shop').ok('fees', 'fees.order', { outTradeNo: o.outTradeNo });
    const p = await h.as('txsj-shop').ok('fees', 'fees.receipt', { paymentId: order.paymentId });
    expect(p.duplicateFen).toBe(o.totalFee);
    expect(await h.as('txsj-shop').call('fees', 'fees.refund', { paymentId: order.paymentId, reason: '重复缴费' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const r = await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId: order.paymentId, reason: '现金已缴，退回微信支付' });
    // WeChat accepted it; that is not a refund yet: 退款中, nothing booked.
    expect(r.refunded).toBeUndefined();
    expect(r.refund).toMatchObject({ state: 'pending', label: '退款中', amount: p.amount });
    expect(await count('ledger', { sourceKey: `refund_${order.paymentId}` })).toBe(0);
    // Asked again meanwhile: the same refund, never a second one.
    await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId: order.paymentId, reason: '再退一次' });
    expect(h.emu.pay.refunds().filter((x) => x.outTradeNo === o.outTradeNo)).toEqual([
      expect.objectContaining({ refundFee: o.totalFee, status: 'PROCESSING' }),
    ]);
    // WeChat's notification: refunded, booked once.
    const [wx] = h.emu.pay.refunds().filter((x) => x.outTradeNo === o.outTradeNo);
    expect(await h.emu.pay.settleRefund(wx.outRefundNo)).toMatchObject({ acknowledged: true });
    const done = await h.as('txsj-shop').ok('fees', 'fees.receipt', { paymentId: order.paymentId });
    expect(done.refunded).toMatchObject({ amount: p.amount, how: expect.stringContaining('原路退回') });
    expect(done.refund).toMatchObject({ state: 'refunded' });
    expect(await h.as('txsj-manager').call('fees', 'fees.refund', { paymentId: order.paymentId, reason: '再退一次' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await count('ledger', { sourceKey: `refund_${order.paymentId}` })).toBe(1);
  });

  it("a parking bill paid twice is refunded from the owners' common-part money, not operating money", async () => {
    const home = h.seed.memberships.find((m) => m.personId === 'p-txsj-lead-3')!.homeId;
    const old = addMonths(PERIOD, -3);
    const id = billId(home, 'parking', old);
    await h.db.collection('bills').add({
      data: {
        _id: id,
        communityId: 'qiaoxing',
        compoundId: 'txsj',
        buildingId: 'txsj-b3',
        homeId: home,
        homeLabel: '天翔世家 3栋',
        compoundPeriod: `txsj_${old}`,
        itemCode: 'parking',
        itemName: '停车费',
        kind: 'parking',
        period: old,
        rateFen: 15000,
        quantity: 1,
        unit: 'space',
        amountFen: 15000,
        status: 'unpaid',
        orderNo: null,
        createdAt: new Date(),
      },
    });
    const o = await h.as('txsj-lead-3').ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [id] });
    await h
      .as('txsj-manager')
      .ok('fees', 'fees.payOffline', { clientRequestId: newRequestId(), billIds: [id], method: 'cash', receiptNo: 'P07-001' });
    await h.emu.pay.complete(o.outTradeNo);
    const paymentId = (await h.as('txsj-lead-3').ok('fees', 'fees.order', { outTradeNo: o.outTradeNo })).paymentId;
    await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId, reason: '现金已缴' });
    const [wx] = h.emu.pay.refunds().filter((x) => x.outTradeNo === o.outTradeNo);
    await h.emu.pay.settleRefund(wx.outRefundNo);
    const entries = (
      await h.db
        .collection('ledger')
        .where({ sourceKey: h.db.command.in([`refund_${paymentId}`, `refund_${paymentId}_common`]) })
        .get()
    ).data;
    expect(entries.map((e: any) => [e.category, e.fund, e.amountFen])).toEqual([['refundCommon', 'commonPart', 15000]]);
  });

  it('a refund WeChat Pay refuses books nothing: no 退款 entry, shown as 退款未成功 and still to be refunded', async () => {
    const home = h.seed.memberships.find((m) => m.personId === 'p-txsj-resident-5')!.homeId;
    const old = addMonths(PERIOD, -2); // not this month's: the export below counts those
    const id = billId(home, 'rf', old);
    await h.db.collection('bills').add({
      data: {
        _id: id,
        communityId: 'qiaoxing',
        compoundId: 'txsj',
        buildingId: 'txsj-b5',
        homeId: home,
        homeLabel: '天翔世家 5栋1单元702',
        compoundPeriod: `txsj_${old}`,
        itemCode: 'rf',
        itemName: '垃圾清运费',
        kind: 'fixed',
        period: old,
        rateFen: 500,
        quantity: 1,
        unit: 'home',
        amountFen: 500,
        status: 'unpaid',
        orderNo: null,
        createdAt: new Date(),
      },
    });
    const o = await h.as('txsj-resident-5').ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [id] });
    await h
      .as('txsj-manager')
      .ok('fees', 'fees.payOffline', { clientRequestId: newRequestId(), billIds: [id], method: 'transfer', receiptNo: 'S07-002' });
    await h.emu.pay.complete(o.outTradeNo);
    const paymentId = (await h.as('txsj-resident-5').ok('fees', 'fees.order', { outTradeNo: o.outTradeNo })).paymentId;
    // As if the order were unknown to WeChat Pay (another merchant's, or a typo in the record).
    await h.db
      .collection('payments')
      .doc(paymentId)
      .update({ data: { outTradeNo: 'Fnotanorder000' } });
    const before = await count('ledger', {});
    const r = await h.as('txsj-manager').call('fees', 'fees.refund', { paymentId, reason: '重复缴费' });
    expect(r).toMatchObject({ ok: false, error: { code: 'PAY_FAILED', message: expect.stringContaining('微信退款未成功') } });
    expect(await count('ledger', {})).toBe(before);
    expect((await h.db.collection('payments').doc(paymentId).get()).data).toMatchObject({
      needsRefund: true,
      refundState: 'failed',
      refund: { state: 'failed', failure: { kind: 'refused' } },
    });
  });

  it("reconciliation: a paid order whose callback never came is settled by the timer; the day's WeChat total matches the ledger", async () => {
    const bill = (await unpaid(h, 'txsj-lead-3'))[0];
    const o = await h.as('txsj-lead-3').ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bill.id] });
    // Paid at WeChat, callback lost: mark paid in the sandbox without acknowledging.
    await h.db
      .collection('payOrders')
      .doc(o.outTradeNo)
      .update({ data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    const orig = h.emu.invoke.bind(h.emu);
    (h.emu as any).invoke = async (name: string, ev: any, id: any) =>
      name === 'payCallback' && id?.source === 'wx_paycallback' ? { errcode: 1 } : orig(name, ev, id);
    await h.emu.pay.complete(o.outTradeNo);
    (h.emu as any).invoke = orig;
    expect((await h.as('txsj-lead-3').ok('fees', 'fees.order', { outTradeNo: o.outTradeNo })).state).toBe('pending');
    const r = await h.emu.invoke(
      'payCallback',
      { Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString(), Message: '' },
      { openid: '', source: 'wx_trigger' },
    );
    expect(r).toMatchObject({ ok: true, data: { settled: 1 } });
    expect((await h.as('txsj-lead-3').ok('fees', 'fees.order', { outTradeNo: o.outTradeNo })).state).toBe('paid');
    const wx = (await h.db.collection('payments').where({ compoundId: 'txsj', method: 'wechat' }).limit(1000).get()).data.reduce(
      (s: number, p: any) => s + p.amountFen,
      0,
    );
    const ledgerWx = (await h.db.collection('ledger').where({ compoundId: 'txsj', byName: '微信支付' }).limit(1000).get()).data.reduce(
      (s: number, e: any) => s + e.amountFen,
      0,
    );
    expect(ledgerWx).toBe(wx);
  });
});

describe('ledger', () => {
  const receipt = async (openid: string, name = 'r.jpg') =>
    (await h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/receipts/${name}`, fileContent: Buffer.from('img') })).fileID as string;

  it('the bookkeeper and the manager book expenses with receipt photos; only their own uploads', async () => {
    const file = await receipt('demo-txsj-manager');
    const e = await h.as('txsj-manager').ok('fees', 'ledger.book', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      category: 'cleaning',
      amountFen: 320000,
      memo: '11月保洁服务费',
      receipts: [file],
    });
    expect(e).toMatchObject({ kind: 'expense', fund: 'operating', amountFen: 320000, byName: '刘洋' });
    expect(e.receipts[0].url).toMatch(/^\/_files\//);
    const other = await receipt('demo-txsj-bookkeeper');
    expect(
      await h.as('txsj-manager').call('fees', 'ledger.book', {
        clientRequestId: newRequestId(),
        compoundId: 'txsj',
        category: 'cleaning',
        amountFen: 1,
        memo: 'x',
        receipts: [other],
      }),
    ).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    const rid = newRequestId();
    const once = await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
      clientRequestId: rid,
      compoundId: 'txsj',
      category: 'security',
      amountFen: 450000,
      memo: '保安工资',
      receipts: [],
    });
    const again = await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
      clientRequestId: rid,
      compoundId: 'txsj',
      category: 'security',
      amountFen: 450000,
      memo: '保安工资',
      receipts: [],
    });
    expect(again.id).toBe(once.id);
  });

  it('entries are never edited or deleted: there is no such action for anyone; a reversal points at the original with a reason', async () => {
    const e = await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      category: 'purchases',
      amountFen: 99900,
      memo: '误记',
      receipts: [],
    });
    for (const who of ['txsj-bookkeeper', 'txsj-manager', 'txsj-committee', 'community-admin', 'txsj-resident-3']) {
      for (const action of ['ledger.edit', 'ledger.update', 'ledger.delete', 'ledger.remove']) {
        expect(await h.as(who).call('fees', action, { entryId: e.id, amountFen: 1 })).toMatchObject({
          ok: false,
          error: { code: 'UNKNOWN_ACTION' },
        });
      }
    }
    const before = (await h.db.collection('ledger').doc(e.id).get()).data;
    const rev = await h
      .as('txsj-manager')
      .ok('fees', 'ledger.reverse', { clientRequestId: newRequestId(), entryId: e.id, reason: '重复记账' });
    expect(rev).toMatchObject({ amountFen: -99900, reverses: e.id, reason: '重复记账' });
    expect((await h.db.collection('ledger').doc(e.id).get()).data).toEqual(before);
    expect(
      await h.as('txsj-manager').call('fees', 'ledger.reverse', { clientRequestId: newRequestId(), entryId: e.id, reason: '再来' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await h.as('txsj-manager').call('fees', 'ledger.reverse', { clientRequestId: newRequestId(), entryId: rev.id, reason: '再来' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await h.as('txsj-resident-3').call('fees', 'ledger.reverse', { clientRequestId: newRequestId(), entryId: e.id, reason: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('donations on the board, with a name or anonymous', async () => {
    await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      category: 'donation',
      amountFen: 50000,
      memo: '捐资修凉亭',
      receipts: [],
      donor: { name: '林国栋', anonymous: false, project: '凉亭修缮' },
    });
    await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      category: 'donation',
      amountFen: 20000,
      memo: '捐资修凉亭',
      receipts: [],
      donor: { name: '某人', anonymous: true, project: '凉亭修缮' },
    });
    const board = await h.as('txsj-resident-3').ok('fees', 'ledger.donations', { compoundId: 'txsj' });
    expect(board.map((d: any) => d.donor).sort()).toEqual(['匿名', '林国栋']);
    expect(JSON.stringify(board)).not.toContain('某人');
  });

  it('closing a month: statement balances, records the chain head, stops bookings into it; residents see it once published', async () => {
    expect(await h.as('txsj-resident-3').call('fees', 'ledger.statement', { compoundId: 'txsj', period: LAST })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.as('txsj-bookkeeper').call('fees', 'ledger.close', { compoundId: 'txsj', period: LAST })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const last = await h.as('txsj-committee').ok('fees', 'ledger.close', { compoundId: 'txsj', period: LAST });
    expect(last.figures).toMatchObject({ opening: 0, income: 0, closing: 0 });
    // This month is still running: it cannot be closed yet, and the committee is told from when.
    expect(await h.as('txsj-committee').call('fees', 'ledger.close', { compoundId: 'txsj', period: PERIOD })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('还没有结束') },
    });
    expect((await h.as('txsj-committee').ok('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD })).canClose).toBe(false);
    const waiting = (await h.as('txsj-bookkeeper').ok('fees', 'fees.summary', {})).compounds[0];
    expect(waiting).toMatchObject({
      nextToClose: null,
      bookingPeriod: PERIOD,
      closedBy: '业委会委员',
      closeHint: expect.stringContaining(`${Number(PERIOD.slice(5))}月结束后`),
    });
    // The day after it ends, it can.
    const s = await at(AFTER_PERIOD, () => h.as('txsj-committee').ok('fees', 'ledger.close', { compoundId: 'txsj', period: PERIOD }));
    const f = s.figures;
    expect(f.opening + f.income - f.expense).toBe(f.closing);
    expect(s.lines.find((l: any) => l.category === 'cleaning').amountFen).toBe(320000);
    expect(s.lines.find((l: any) => l.category === 'purchases').amountFen).toBe(0);
    expect(s.head.seq).toBe(await count('ledger', { compoundId: 'txsj' }));
    // booked after closing: into the next month
    const later = await at(AFTER_PERIOD, () =>
      h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
        clientRequestId: newRequestId(),
        compoundId: 'txsj',
        category: 'otherExpense',
        amountFen: 100,
        memo: '结账后',
        receipts: [],
      }),
    );
    expect(later.period > PERIOD).toBe(true);
    expect(await h.as('txsj-resident-3').call('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await h.as('txsj-committee').ok('fees', 'ledger.publish', { compoundId: 'txsj', period: PERIOD });
    const seen = await h.as('txsj-resident-3').ok('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD });
    expect(seen).toMatchObject({ status: 'published', canClose: false, canPublish: false });
    expect(await h.as('yjlt-resident-5').call('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // a question on a line, answered publicly by the bookkeeper
    const q = await h.as('txsj-resident-3').ok('fees', 'ledger.ask', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      period: PERIOD,
      category: 'cleaning',
      question: '保洁费为什么比上月多？',
    });
    await h.as('txsj-bookkeeper').ok('fees', 'ledger.answer', { questionId: q.id, answer: '本月含外墙清洗一次。' });
    const again = await h.as('txsj-resident-5').ok('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD });
    expect(again.lines.find((l: any) => l.category === 'cleaning').questions[0]).toMatchObject({ answer: '本月含外墙清洗一次。' });
    const trend = await h.as('txsj-resident-3').ok('fees', 'ledger.trend', { compoundId: 'txsj' });
    expect(trend.map((t: any) => t.period)).toEqual([PERIOD]);
  });

  it('校验 passes, then finds an altered entry and a removed one', async () => {
    expect(await h.as('txsj-resident-3').ok('fees', 'ledger.verify', { compoundId: 'txsj' })).toMatchObject({ ok: true });
    const first = (await h.db.collection('ledger').where({ compoundId: 'txsj' }).orderBy('seq', 'asc').limit(3).get()).data;
    await h.db
      .collection('ledger')
      .doc(first[1]._id)
      .update({ data: { amountFen: first[1].amountFen + 1 } });
    const v = await h.as('txsj-resident-3').ok('fees', 'ledger.verify', { compoundId: 'txsj' });
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({ seq: first[1].seq, problem: 'altered' });
    await h.db
      .collection('ledger')
      .doc(first[1]._id)
      .update({ data: { amountFen: first[1].amountFen } });
    await h.db.collection('ledger').doc(first[2]._id).remove();
    expect((await h.as('txsj-resident-3').ok('fees', 'ledger.verify', { compoundId: 'txsj' })).problems).toContainEqual({
      seq: first[2].seq,
      problem: 'missing',
    });
    const { _id, ...rest } = first[2];
    await h.db.collection('ledger').add({ data: { _id, ...rest } });
    expect((await h.as('txsj-resident-3').ok('fees', 'ledger.verify', { compoundId: 'txsj' })).ok).toBe(true);
  });
});

describe('exports', () => {
  it("every kind as .xlsx under the maker's own folder, with the rows it says", async () => {
    const ExcelJS = (await import('exceljs')).default;
    const rows: Record<string, number> = {};
    for (const kind of ['bills', 'payments', 'arrears', 'ledger', 'statements']) {
      const r = await h.as('txsj-bookkeeper').ok('fees', 'fees.export', { compoundId: 'txsj', kind, period: PERIOD });
      rows[kind] = r.rows;
      expect(r.fileID).toContain('exports/demo-txsj-bookkeeper/');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(h.emu.readFile(r.fileID) as any);
      expect([kind, wb.worksheets[0].rowCount]).toEqual([kind, r.rows + 1]);
    }
    expect(rows.bills).toBe(txsjHomes());
  });
});

describe('arrears and collection rate', () => {
  it("per building for the month, and a building's homes in arrears for its lead", async () => {
    const a = await h.as('txsj-committee').ok('fees', 'fees.arrears', { compoundId: 'txsj', period: PERIOD });
    expect(a.buildings).toHaveLength(9);
    expect(a.paidFen).toBeGreaterThan(0);
    expect(a.rate).toBeLessThan(5);
    const lead = await h.as('txsj-lead-3').ok('fees', 'fees.arrears', { compoundId: 'txsj', period: PERIOD, buildingId: 'txsj-b3' });
    expect(lead.buildings.map((b: any) => b.buildingId)).toEqual(['txsj-b3']);
    expect(lead.homes.length).toBeGreaterThan(0);
    expect(
      await h.as('txsj-lead-3').call('fees', 'fees.arrears', { compoundId: 'txsj', period: PERIOD, buildingId: 'txsj-b5' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const sum = await h.as('txsj-committee').ok('fees', 'fees.summary', {});
    expect(sum.compounds[0]).toMatchObject({ compoundId: 'txsj', period: PERIOD });
  });
});

describe('a rate proposal', () => {
  it('takes a reason, kept with it for the committee', async () => {
    const base = { compoundId: 'txsj', itemCode: 'cleanfee', kind: 'fixed', name: '垃圾清运费', from: PERIOD, fen: 600 };
    expect(await h.as('txsj-manager').call('fees', 'fees.setRate', base)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('理由') },
    });
    const r = await h.as('txsj-manager').ok('fees', 'fees.setRate', { ...base, reason: '清运公司每车涨价20元' });
    expect(r.state).toBe('proposed');
    expect(r.item.proposals).toEqual([expect.objectContaining({ fen: 600, byName: '刘洋', reason: '清运公司每车涨价20元' })]);
  });
});
