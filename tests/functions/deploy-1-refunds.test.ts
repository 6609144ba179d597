/**
 * 1. Payments, refunds: WeChat Pay's synchronous answer to cloudPay.refund only says
 * the refund was accepted. A refund is 退款中 until WeChat's refund notification or
 * queryRefund (the reconcile timer, 查询进度) says how it ended; its ledger entries are
 * written only then, each from its own fund; a closed or refused refund is shown to
 * the people who keep the books and to the payer, and tried again, never lost; a
 * duplicate notification books nothing twice; a notification from a client is an
 * action call; a process killed between the writes loses and doubles nothing.
 */
import { loadActor } from '../../cloudfunctions/_shared/actor';
import type { Database } from '../../cloudfunctions/_shared/database';
import { onRefundNotice, refundNotice } from '../../cloudfunctions/_shared/refunds';
import type { Ctx } from '../../cloudfunctions/_shared/router';
import { refund } from '../../cloudfunctions/fees/refunds';
import { addMonths } from '../../core/fees/rules';
import { killable } from '../support/killable';
import { newRequestId, type Harness } from '../support/harness';
import { feesHarness, generate, PERIOD } from './fees-setup';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await feesHarness();
  await generate(h);
});
afterAll(() => h.close());

const HOMES: Record<string, { homeId: string; buildingId: string; label: string }> = {
  'txsj-resident-3': { homeId: 'txsj-b3_2_101', buildingId: 'txsj-b3', label: '天翔世家 3栋2单元101' },
  'txsj-resident-5': { homeId: 'txsj-b5_1_702', buildingId: 'txsj-b5', label: '天翔世家 5栋1单元702' },
};
let n = 0;
/** A fresh unpaid bill of `who`'s home (property unless told), of a month before this one. */
async function freshBill(who: keyof typeof HOMES, kind: 'property' | 'parking' = 'property', amountFen = 8800) {
  const home = HOMES[who];
  const code = `rf${++n}`;
  const period = addMonths(PERIOD, -2);
  const id = `${home.homeId}_${code}_${period}`;
  await h.db.collection('bills').add({
    data: {
      _id: id,
      communityId: 'qiaoxing',
      compoundId: 'txsj',
      buildingId: home.buildingId,
      homeId: home.homeId,
      homeLabel: home.label,
      compoundPeriod: `txsj_${period}`,
      itemCode: code,
      itemName: kind === 'parking' ? '停车费' : '物业费',
      kind,
      period,
      rateFen: amountFen,
      quantity: 1,
      unit: kind === 'parking' ? 'space' : 'home',
      amountFen,
      status: 'unpaid',
      orderNo: null,
      createdAt: new Date(),
    },
  });
  return id;
}
/** Paid online while the office took cash for the same bill: the online payment owes it back. */
async function paidTwice(who: keyof typeof HOMES, kind: 'property' | 'parking' = 'property') {
  const billId = await freshBill(who, kind);
  const o = await h.as(who).ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [billId] });
  await h
    .as('txsj-manager')
    .ok('fees', 'fees.payOffline', { clientRequestId: newRequestId(), billIds: [billId], method: 'cash', receiptNo: `RF-${++n}` });
  await h.emu.pay.complete(o.outTradeNo);
  const paymentId = (await h.as(who).ok('fees', 'fees.order', { outTradeNo: o.outTradeNo })).paymentId as string;
  return { paymentId, outTradeNo: o.outTradeNo as string, amountFen: o.totalFee as number };
}
const payment = async (id: string) => (await h.db.collection('payments').doc(id).get()).data;
const refundEntries = async (paymentId: string) =>
  (
    await h.db
      .collection('ledger')
      .where({ sourceKey: h.db.command.in([`refund_${paymentId}`, `refund_${paymentId}_common`]) })
      .get()
  ).data;
const wxRefunds = (outTradeNo: string) => h.emu.pay.refunds().filter((r) => r.outTradeNo === outTradeNo);
const reconcile = () =>
  h.emu.invoke(
    'payCallback',
    { Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString(), Message: '' },
    { openid: '', source: 'wx_trigger' },
  );
const item = async (who: string, paymentId: string) =>
  (await h.as(who).ok('fees', 'fees.refunds', { compoundId: 'txsj' })).items.find((x: any) => x.paymentId === paymentId);
const myRefund = async (who: string, paymentId: string) =>
  (await h.as(who).ok('fees', 'fees.myBills', {})).refunds.find((x: any) => x.paymentId === paymentId);
/** WeChat's notifications are lost: payCallback answers an error to every one. */
async function withLostNotifications<T>(fn: () => Promise<T>): Promise<T> {
  const orig = h.emu.invoke.bind(h.emu);
  (h.emu as any).invoke = async (name: string, ev: any, id: any) =>
    name === 'payCallback' && id?.source === 'wx_paycallback' ? { errcode: 1 } : orig(name, ev, id);
  try {
    return await fn();
  } finally {
    (h.emu as any).invoke = orig;
  }
}

describe('1. refunds: 退款中 until WeChat says how it ended', () => {
  it('pending → success by the notification: booked only then, from operating money; seen by the books and by the payer', async () => {
    const { paymentId, outTradeNo, amountFen } = await paidTwice('txsj-resident-3');
    expect(await item('txsj-bookkeeper', paymentId)).toMatchObject({
      state: 'owed',
      stateLabel: '待退款',
      can: { wechat: false, cash: false },
    });
    expect(await item('txsj-committee', paymentId)).toMatchObject({ state: 'owed', can: { wechat: true, cash: true, check: false } });
    const r = await h.as('txsj-committee').ok('fees', 'fees.refund', { paymentId, reason: '现金已缴' });
    expect(r.refund).toMatchObject({ state: 'pending', label: '退款中' });
    expect(r.refunded).toBeUndefined();
    expect(await refundEntries(paymentId)).toEqual([]);
    expect(await payment(paymentId)).toMatchObject({ needsRefund: true, refundState: 'pending', refund: { state: 'pending', attempt: 1 } });
    expect(await item('txsj-manager', paymentId)).toMatchObject({ state: 'pending', stateLabel: '退款中', can: { check: true } });
    expect(await myRefund('txsj-resident-3', paymentId)).toMatchObject({ state: 'pending', stateLabel: '退款中' });
    const [wx] = wxRefunds(outTradeNo);
    expect(wx).toMatchObject({ refundFee: amountFen, status: 'PROCESSING', functionName: 'payCallback' });

    expect(await h.emu.pay.settleRefund(wx.outRefundNo, 'SUCCESS')).toMatchObject({ acknowledged: true });
    const entries = await refundEntries(paymentId);
    expect(entries.map((e: any) => [e.kind, e.category, e.fund, e.amountFen])).toEqual([['expense', 'refund', 'operating', amountFen]]);
    expect(await payment(paymentId)).toMatchObject({
      needsRefund: false,
      refundState: 'refunded',
      refund: { state: 'refunded', confirmedBy: 'notify', refundId: wx.refundId, entryIds: [entries[0]._id] },
    });
    expect(await item('txsj-manager', paymentId)).toBeUndefined();
    expect(await myRefund('txsj-resident-3', paymentId)).toMatchObject({ state: 'refunded', stateLabel: '已退回' });
    const receipt = await h.as('txsj-resident-3').ok('fees', 'fees.receipt', { paymentId });
    expect(receipt.refunded).toMatchObject({ how: expect.stringContaining('原路退回') });
    // The payer's receipt witnesses the refund's entry too.
    expect(receipt.witnesses.map((w: any) => w.seq)).toContain(entries[0].seq);
  });

  it("pending → success by queryRefund when every notification is lost (the reconcile timer); parking from the owners' money", async () => {
    const { paymentId, outTradeNo, amountFen } = await paidTwice('txsj-resident-5', 'parking');
    await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId, reason: '现金已缴' });
    const [wx] = wxRefunds(outTradeNo);
    expect(await withLostNotifications(() => h.emu.pay.settleRefund(wx.outRefundNo))).toMatchObject({ acknowledged: false });
    expect(await refundEntries(paymentId)).toEqual([]);
    expect(await reconcile()).toMatchObject({ ok: true, data: { refunded: 1 } });
    expect(await reconcile()).toMatchObject({ ok: true, data: { refunded: 0 } });
    const entries = await refundEntries(paymentId);
    expect(entries.map((e: any) => [e.category, e.fund, e.amountFen])).toEqual([['refundCommon', 'commonPart', amountFen]]);
    expect((await payment(paymentId)).refund).toMatchObject({ state: 'refunded', confirmedBy: 'query' });
    // WeChat's retry arrives after all: answered, nothing booked again.
    expect((await h.emu.pay.deliverPendingRefunds())[0]).toMatchObject({ acknowledged: true });
    expect(await refundEntries(paymentId)).toHaveLength(1);
  });

  it('pending → failed (closed by WeChat): shown with why to the books and the payer, then retried under a new number → success, booked once', async () => {
    const { paymentId, outTradeNo } = await paidTwice('txsj-resident-3');
    await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId, reason: '现金已缴' });
    const [first] = wxRefunds(outTradeNo);
    expect(await h.emu.pay.settleRefund(first.outRefundNo, 'REFUNDCLOSE')).toMatchObject({ acknowledged: true });
    expect(await refundEntries(paymentId)).toEqual([]);
    expect(await payment(paymentId)).toMatchObject({
      needsRefund: true,
      refundState: 'failed',
      refund: { failure: { kind: 'closed' }, failures: 1 },
    });
    expect(await item('txsj-bookkeeper', paymentId)).toMatchObject({
      state: 'failed',
      stateLabel: '退款未成功',
      note: expect.stringContaining('关闭'),
      failures: 1,
    });
    expect(await item('txsj-committee', paymentId)).toMatchObject({ can: { wechat: true, cash: true, check: false } });
    expect(await myRefund('txsj-resident-3', paymentId)).toMatchObject({ state: 'failed', note: expect.stringContaining('重新办理') });
    // 重新退款: a closed refund's number is not taken again, so the retry asks under the next one.
    const again = await h.as('txsj-committee').ok('fees', 'fees.refund', { paymentId, reason: '再退一次' });
    expect(again.refund).toMatchObject({ state: 'pending' });
    const all = wxRefunds(outTradeNo);
    expect(all.map((r) => r.status)).toEqual(['REFUNDCLOSE', 'PROCESSING']);
    expect(all[1].outRefundNo).not.toBe(first.outRefundNo);
    // A late notification of the first attempt changes nothing.
    expect((await h.emu.pay.deliverPendingRefunds()).length).toBe(0);
    await h.emu.pay.settleRefund(all[1].outRefundNo, 'SUCCESS');
    expect(await refundEntries(paymentId)).toHaveLength(1);
    expect((await payment(paymentId)).refund).toMatchObject({ state: 'refunded', attempt: 2, failures: 1 });
  });

  it('a refund the bank refused (CHANGE) is given back in cash at the office: WeChat is not asked again, booked once', async () => {
    const { paymentId, outTradeNo, amountFen } = await paidTwice('txsj-resident-5');
    await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId, reason: '现金已缴' });
    await h.emu.pay.settleRefund(wxRefunds(outTradeNo)[0].outRefundNo, 'CHANGE');
    expect(await item('txsj-manager', paymentId)).toMatchObject({
      state: 'failed',
      note: expect.stringContaining('银行卡'),
      can: { wechat: false, cash: true },
    });
    expect(await h.as('txsj-manager').call('fees', 'fees.refund', { paymentId, reason: '再退' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const r = await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId, reason: '已现金退还本人', how: 'cash' });
    expect(r.refunded).toMatchObject({ how: '现金退还' });
    expect(wxRefunds(outTradeNo)).toHaveLength(1);
    expect((await refundEntries(paymentId)).map((e: any) => e.amountFen)).toEqual([amountFen]);
    expect((await payment(paymentId)).refund).toMatchObject({ state: 'refunded', how: 'cash', confirmedBy: 'office' });
  });

  it('a refused request is shown, kept as 退款未成功, and asked again under the same number', async () => {
    const { paymentId, outTradeNo } = await paidTwice('txsj-resident-3');
    // WeChat refuses the request (as without the 退款 authorisation): the sandbox cannot find the merchant.
    const realSub = (await h.db.collection('payOrders').doc(outTradeNo).get()).data.subMchId;
    await h.db
      .collection('payOrders')
      .doc(outTradeNo)
      .update({ data: { subMchId: '1999999999' } });
    expect(await h.as('txsj-manager').call('fees', 'fees.refund', { paymentId, reason: '现金已缴' })).toMatchObject({
      ok: false,
      error: { code: 'PAY_FAILED', message: expect.stringContaining('微信退款未成功') },
    });
    const failed = await payment(paymentId);
    expect(failed).toMatchObject({ refundState: 'failed', refund: { failure: { kind: 'refused' }, attempt: 1 } });
    expect(await item('txsj-committee', paymentId)).toMatchObject({ state: 'failed', note: expect.stringContaining('未受理') });
    await h.db
      .collection('payOrders')
      .doc(outTradeNo)
      .update({ data: { subMchId: realSub } });
    await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId, reason: '现金已缴' });
    expect((await payment(paymentId)).refund).toMatchObject({ state: 'pending', attempt: 1, outRefundNo: failed.refund.outRefundNo });
    await h.emu.pay.settleRefund(failed.refund.outRefundNo);
    expect(await refundEntries(paymentId)).toHaveLength(1);
  });

  it('a refusal WeChat took after all (a timeout): no cash on top of it, and its notification books it once', async () => {
    /** fees.refund through a WeChat that carries the refund out but answers SYSTEMERROR. */
    const refusedButTaken = async (paymentId: string) => {
      const pay = h.emu.sdk.cloudPay;
      const ctx: Ctx = {
        cloud: {
          ...h.emu.sdk,
          cloudPay: {
            ...pay,
            refund: async (d: any) => (
              await pay.refund(d),
              { returnCode: 'SUCCESS', resultCode: 'FAIL', subErrCode: 'SYSTEMERROR', errCodeDes: '系统超时' }
            ),
          },
          getWXContext: () => ({ ENV: 'test' }),
        } as unknown as Ctx['cloud'],
        db: h.db as unknown as Database,
        openid: 'demo-txsj-manager',
        now: new Date(),
        actor: () => loadActor(h.db as unknown as Database, 'demo-txsj-manager'),
      };
      await expect(refund(ctx, { paymentId, reason: '现金已缴' })).rejects.toMatchObject({ code: 'PAY_FAILED' });
      expect(await payment(paymentId)).toMatchObject({ refundState: 'failed', refund: { failure: { kind: 'refused' } } });
    };
    const a = await paidTwice('txsj-resident-3');
    await refusedButTaken(a.paymentId);
    // The office would hand over cash: WeChat is asked first, has the refund, so no cash.
    const r = await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId: a.paymentId, reason: '现金退还', how: 'cash' });
    expect(r.refund).toMatchObject({ state: 'pending' });
    expect(await refundEntries(a.paymentId)).toEqual([]);
    await h.emu.pay.settleRefund(wxRefunds(a.outTradeNo)[0].outRefundNo);
    expect((await refundEntries(a.paymentId)).map((e: any) => e.memo)).toEqual([expect.stringContaining('原路退回微信')]);
    // Straight to the notification: it books a refund thought refused.
    const b = await paidTwice('txsj-resident-5');
    await refusedButTaken(b.paymentId);
    expect(await h.emu.pay.settleRefund(wxRefunds(b.outTradeNo)[0].outRefundNo)).toMatchObject({ acknowledged: true });
    expect(await refundEntries(b.paymentId)).toHaveLength(1);
    expect((await payment(b.paymentId)).refund).toMatchObject({ state: 'refunded', confirmedBy: 'notify' });
  });

  it('a duplicate notification books nothing twice, also when the copies arrive together', async () => {
    const { paymentId, outTradeNo } = await paidTwice('txsj-resident-5');
    await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId, reason: '现金已缴' });
    const [wx] = wxRefunds(outTradeNo);
    // The first notification is caught on its way (not processed), to be replayed.
    const events: unknown[] = [];
    const orig = h.emu.invoke.bind(h.emu);
    (h.emu as any).invoke = async (name: string, ev: any, id: any) => {
      if (name === 'payCallback' && id?.source === 'wx_paycallback') {
        events.push(ev);
        return { errcode: 1 };
      }
      return orig(name, ev, id);
    };
    try {
      await h.emu.pay.settleRefund(wx.outRefundNo);
    } finally {
      (h.emu as any).invoke = orig;
    }
    const event = events[0];
    expect(event).toMatchObject({ returnCode: 'SUCCESS', reqInfo: { outRefundNo: wx.outRefundNo, refundStatus: 'SUCCESS' } });
    const replays = await Promise.all(
      Array.from({ length: 6 }, () => h.emu.invoke('payCallback', event, { openid: '', source: 'wx_paycallback' })),
    );
    // Each is recorded or told to come again (a transaction conflict); none books a second time.
    for (const r of replays) expect([0, 1]).toContain(r.errcode);
    expect(replays.some((r) => r.errcode === 0)).toBe(true);
    expect(await refundEntries(paymentId)).toHaveLength(1);
    expect(await h.emu.invoke('payCallback', event, { openid: '', source: 'wx_paycallback' })).toEqual({ errcode: 0, errmsg: 'OK' });
    expect((await h.emu.pay.deliverPendingRefunds())[0]).toMatchObject({ acknowledged: true });
    expect(await refundEntries(paymentId)).toHaveLength(1);
  });

  it('a forged notification from a client (or any source but WeChat Pay) is an action call: refused, nothing recorded', async () => {
    const { paymentId, outTradeNo } = await paidTwice('txsj-resident-3');
    await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId, reason: '现金已缴' });
    const [wx] = wxRefunds(outTradeNo);
    const forged = {
      returnCode: 'SUCCESS',
      reqInfo: { outTradeNo, outRefundNo: wx.outRefundNo, refundId: wx.refundId, refundFee: wx.refundFee, refundStatus: 'SUCCESS' },
    };
    for (const source of ['wx_client', 'wx_devtools', 'wx_http', 'wx_client,wx_paycallback', '', 'wx_function', 'wx_trigger']) {
      expect(await h.emu.invoke('payCallback', forged, { openid: 'demo-txsj-resident-3', source })).toMatchObject({
        ok: false,
        error: { code: expect.stringMatching(/BAD_REQUEST|UNAUTHENTICATED/) },
      });
    }
    expect(await refundEntries(paymentId)).toEqual([]);
    expect((await payment(paymentId)).refund).toMatchObject({ state: 'pending' });
    // Even from WeChat Pay's source, WeChat's own record decides: it says PROCESSING, so nothing is booked.
    expect(await h.emu.invoke('payCallback', forged, { openid: '', source: 'wx_paycallback' })).toMatchObject({ errcode: 1 });
    expect(await refundEntries(paymentId)).toEqual([]);
  });

  it('refundNotice reads the decrypted req_info nested or spread, and nothing else', () => {
    const fields = { outTradeNo: 'F1234567', outRefundNo: 'R1', refundStatus: 'SUCCESS', refundFee: 100, refundId: '50x' };
    expect(refundNotice({ returnCode: 'SUCCESS', reqInfo: fields })).toEqual(fields);
    expect(refundNotice({ returnCode: 'SUCCESS', ...fields })).toEqual(fields);
    expect(refundNotice({ action: 'fees.refund', ...fields })).toBeNull();
    expect(refundNotice({ outTradeNo: 'F1234567', totalFee: 100, transactionId: 't', returnCode: 'SUCCESS' })).toBeNull();
  });
});

describe('1. refunds: a process killed between the writes', () => {
  /** A ctx over a killable database whose cloudPay dies with it. */
  function dying(openid: string, onCall: (method: string, k: ReturnType<typeof killable>) => void, afterRefundCall = false) {
    const k = killable(h.db, (m) => onCall(m, k));
    const pay = h.emu.sdk.cloudPay;
    const cloudPay = {
      ...pay,
      refund: async (d: any) => {
        if (k.dead) throw new Error('process killed');
        const out = await pay.refund(d);
        if (afterRefundCall) k.kill();
        return out;
      },
      queryRefund: async (d: any) => {
        if (k.dead) throw new Error('process killed');
        return pay.queryRefund(d);
      },
    };
    const ctx: Ctx = {
      cloud: { ...h.emu.sdk, cloudPay, getWXContext: () => ({ ENV: 'test' }) } as unknown as Ctx['cloud'],
      db: k.db as Database,
      openid,
      now: new Date(),
      actor: () => loadActor(k.db as Database, openid),
    };
    return { k, ctx };
  }

  it('killed after 退款中 is written, before WeChat is asked: the timer finds WeChat never heard of it, asks again, and it is booked once', async () => {
    const { paymentId, outTradeNo } = await paidTwice('txsj-resident-5');
    const { ctx } = dying('demo-txsj-manager', (m, k) => {
      if (m === 'runTransaction') k.kill();
    });
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(refund(ctx, { paymentId, reason: '现金已缴' })).rejects.toThrow(/killed/);
    quiet.mockRestore();
    expect(await payment(paymentId)).toMatchObject({ refundState: 'pending', refund: { state: 'pending' } });
    expect(wxRefunds(outTradeNo)).toEqual([]);
    expect(await reconcile()).toMatchObject({ ok: true, data: { resubmitted: 1 } });
    const [wx] = wxRefunds(outTradeNo);
    expect(wx.outRefundNo).toBe((await payment(paymentId)).refund.outRefundNo);
    await h.emu.pay.settleRefund(wx.outRefundNo);
    expect(await refundEntries(paymentId)).toHaveLength(1);
    expect(wxRefunds(outTradeNo)).toHaveLength(1);
  });

  it('killed right after WeChat accepted it: the refund stays 退款中 and the notification books it once', async () => {
    const { paymentId, outTradeNo } = await paidTwice('txsj-resident-3');
    const { ctx } = dying('demo-txsj-manager', () => undefined, true);
    await expect(refund(ctx, { paymentId, reason: '现金已缴' })).rejects.toThrow(/killed/);
    expect((await payment(paymentId)).refund).toMatchObject({ state: 'pending' });
    expect((await payment(paymentId)).refund.refundId).toBeUndefined();
    // The manager taps again: the same refund at WeChat, not a second one.
    await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId, reason: '现金已缴' });
    expect(wxRefunds(outTradeNo)).toHaveLength(1);
    await h.emu.pay.settleRefund(wxRefunds(outTradeNo)[0].outRefundNo);
    expect(await refundEntries(paymentId)).toHaveLength(1);
  });

  it('killed inside the confirmation (after the first ledger write): nothing commits; the retried notification books it once', async () => {
    const { paymentId, outTradeNo } = await paidTwice('txsj-resident-5');
    await h.as('txsj-manager').ok('fees', 'fees.refund', { paymentId, reason: '现金已缴' });
    const [wx] = wxRefunds(outTradeNo);
    // WeChat's first notification reaches a process that dies mid-transaction.
    const { ctx } = dying('', (m, k) => {
      if (m === 'set') k.kill();
    });
    const orig = h.emu.invoke.bind(h.emu);
    (h.emu as any).invoke = async (name: string, ev: any, id: any) => {
      if (name !== 'payCallback' || id?.source !== 'wx_paycallback') return orig(name, ev, id);
      await expect(onRefundNotice(ctx, refundNotice(ev)!)).rejects.toThrow(/killed/);
      return { error: 'process killed' };
    };
    try {
      expect(await h.emu.pay.settleRefund(wx.outRefundNo)).toMatchObject({ acknowledged: false });
    } finally {
      (h.emu as any).invoke = orig;
    }
    expect(await refundEntries(paymentId)).toEqual([]);
    expect((await payment(paymentId)).refund).toMatchObject({ state: 'pending' });
    expect((await h.emu.pay.deliverPendingRefunds())[0]).toMatchObject({ acknowledged: true });
    expect(await refundEntries(paymentId)).toHaveLength(1);
    expect((await payment(paymentId)).refund).toMatchObject({ state: 'refunded' });
  });
});
