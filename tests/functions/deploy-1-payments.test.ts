/**
 * 1. Payments, in the pay sandbox: every order records its merchant; unifiedOrder
 * sends nonceStr and a timeExpire equal to the bills' hold; reconcile asks with the
 * merchant id; an expired order is closed at WeChat before its bills are released;
 * one bill is never paid through two orders.
 */
import { ORDER_HOLD_MS } from '../../cloudfunctions/fees/pay';
import { newRequestId, type Harness } from '../support/harness';
import { feesHarness, generate, unpaid } from './fees-setup';

let h: Harness;
beforeAll(async () => {
  h = await feesHarness();
  await generate(h);
});
afterAll(() => h.close());

const reconcile = () =>
  h.emu.invoke(
    'payCallback',
    { Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString(), Message: '' },
    { openid: '', source: 'wx_trigger' },
  );
const order = (no: string) => h.emu.pay.orders().find((o) => o.payload.request.outTradeNo === no)!;
/** Time passes for an order: in our database and at WeChat. */
async function age(no: string, ms: number) {
  const doc = (await h.db.collection('payOrders').doc(no).get()).data as { createdAt: Date; expiresAt: Date };
  await h.db
    .collection('payOrders')
    .doc(no)
    .update({
      data: { createdAt: new Date(new Date(doc.createdAt).getTime() - ms), expiresAt: new Date(new Date(doc.expiresAt).getTime() - ms) },
    });
  h.emu.pay.age(no, ms);
}
/** The user pays at WeChat, and the notification is lost (payCallback answers an error every time). */
async function payWithLostCallback(no: string) {
  const orig = h.emu.invoke.bind(h.emu);
  (h.emu as any).invoke = async (name: string, ev: any, id: any) =>
    name === 'payCallback' && id?.source === 'wx_paycallback' ? { errcode: 1 } : orig(name, ev, id);
  try {
    await h.emu.pay.complete(no);
  } finally {
    (h.emu as any).invoke = orig;
  }
}

describe('1. payments in the pay sandbox', () => {
  it('the order records its merchant; unifiedOrder gets nonceStr and timeExpire = the hold', async () => {
    const bill = (await unpaid(h, 'txsj-resident-5'))[0];
    const o = await h.as('txsj-resident-5').ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bill.id] });
    const doc = (await h.db.collection('payOrders').doc(o.outTradeNo).get()).data;
    expect(doc.subMchId).toMatch(/^\d+$/);
    expect(new Date(doc.expiresAt).getTime() - new Date(doc.createdAt).getTime()).toBe(ORDER_HOLD_MS);
    const req = order(o.outTradeNo).payload.request;
    expect(req).toMatchObject({ subMchId: doc.subMchId, nonceStr: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(Math.abs(order(o.outTradeNo).payload.expiresAt - new Date(doc.expiresAt).getTime())).toBeLessThan(1000);
  });

  it('a callback is lost; the order expires; reconcile asks with the merchant id, finds it paid, settles once; a second order is refused while the first can be paid', async () => {
    const who = h.as('txsj-lead-3');
    const bill = (await unpaid(h, 'txsj-lead-3'))[0];
    const first = await who.ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bill.id] });
    // While the first order can still be paid, no second order for the same bill.
    expect(await who.call('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bill.id] })).toMatchObject({
      ok: false,
      error: { code: 'BILL_PAID' },
    });
    await payWithLostCallback(first.outTradeNo);
    await age(first.outTradeNo, ORDER_HOLD_MS + 60_000);
    // Paid after all: a new order for the bill is refused, and nothing is released.
    expect(await who.call('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bill.id] })).toMatchObject({
      ok: false,
      error: { code: 'BILL_PAID' },
    });
    expect(await reconcile()).toMatchObject({ ok: true, data: { settled: 1 } });
    expect(await reconcile()).toMatchObject({ ok: true, data: { settled: 0 } });
    expect((await who.ok('fees', 'fees.order', { outTradeNo: first.outTradeNo })).state).toBe('paid');
    expect((await h.db.collection('payments').where({ outTradeNo: first.outTradeNo }).count()).total).toBe(1);
    expect((await h.db.collection('bills').doc(bill.id).get()).data).toMatchObject({ status: 'paid', paymentId: `wx_${first.outTradeNo}` });
  });

  it('an expired unpaid order is closed at WeChat before its bill goes to a new order, and can no longer be paid', async () => {
    const who = h.as('txsj-resident-3');
    const bill = (await unpaid(h, 'txsj-resident-3'))[0];
    const first = await who.ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bill.id] });
    await age(first.outTradeNo, ORDER_HOLD_MS + 60_000);
    const second = await who.ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bill.id] });
    expect(second.outTradeNo).not.toBe(first.outTradeNo);
    expect(order(first.outTradeNo).state).toBe('CLOSED');
    expect((await h.db.collection('payOrders').doc(first.outTradeNo).get()).data.state).toBe('closed');
    await expect(h.emu.pay.complete(first.outTradeNo)).rejects.toThrow(/cannot be paid/);
    await h.emu.pay.complete(second.outTradeNo);
    expect((await h.db.collection('bills').doc(bill.id).get()).data).toMatchObject({
      status: 'paid',
      paymentId: `wx_${second.outTradeNo}`,
    });
  });

  it('reconcile closes an expired unpaid order at WeChat before freeing its bill', async () => {
    const who = h.as('txsj-resident-3b');
    const bill = (await unpaid(h, 'txsj-resident-3b'))[0];
    const o = await who.ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bill.id] });
    await age(o.outTradeNo, ORDER_HOLD_MS + 60_000);
    await reconcile();
    expect(order(o.outTradeNo).state).toBe('CLOSED');
    expect((await h.db.collection('payOrders').doc(o.outTradeNo).get()).data.state).toBe('closed');
    expect((await h.db.collection('bills').doc(bill.id).get()).data.orderNo).toBeNull();
  });

  it('system events are routed by positive SOURCE: a pay notification only from wx_paycallback, a timer only from wx_trigger', async () => {
    const who = h.as('txsj-shop');
    const bill = (await unpaid(h, 'txsj-shop'))[0];
    const o = await who.ok('fees', 'fees.pay', { clientRequestId: newRequestId(), billIds: [bill.id] });
    await payWithLostCallback(o.outTradeNo);
    const notice = { outTradeNo: o.outTradeNo, totalFee: o.totalFee, transactionId: 'x', returnCode: 'SUCCESS', resultCode: 'SUCCESS' };
    const timer = { Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString(), Message: '' };
    for (const source of ['', 'wx_function', 'wx_trigger', 'wx_unknown']) {
      expect(await h.emu.invoke('payCallback', notice, { openid: '', source })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    for (const source of ['', 'wx_paycallback', 'wx_function', 'wx_unknown']) {
      expect(await h.emu.invoke('payCallback', timer, { openid: '', source })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect((await who.ok('fees', 'fees.order', { outTradeNo: o.outTradeNo })).state).toBe('pending');
    expect(await h.emu.invoke('payCallback', notice, { openid: '', source: 'wx_paycallback' })).toEqual({ errcode: 0, errmsg: 'OK' });
    expect((await who.ok('fees', 'fees.order', { outTradeNo: o.outTradeNo })).state).toBe('paid');
  });
});
