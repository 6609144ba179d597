/**
 * Paying bills. Online: `fees.pay` claims the bills for one order (in a transaction,
 * so the same bill is never in two live orders) and asks WeChat Pay for it; the
 * `payCallback` function settles the order. Offline: the property manager records
 * cash or a transfer with the receipt number. A bill paid twice (offline while an
 * online payment was under way) is refunded from the payment that came second (refunds.ts).
 */
import { assertCan } from '../../core/authz';
import type { OrderState, PayStart, ReceiptView } from '../../core/fees/contract';
import type { BillDoc, PaymentDoc, PayOrderDoc } from '../../core/fees/docs';
import { CATEGORY_FUND, FEE_KIND_CATEGORY, orderTotal, outTradeNoOf, type IncomeCategory } from '../../core/fees/rules';
import { AppError } from '../../core/platform/errors';
import { formatDate } from '../../core/platform/time';
import { compounds, requirePerson, type CompoundDoc } from '../_shared/directory';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { appendInTx, compoundTarget, sha256 } from './common';
import { bills, ledger, payments, payOrders } from './docs';
import { receiptView } from './views';

/** WeChat Pay of the cloud SDK (not in wx-server-sdk's typings). */
export interface CloudPay {
  unifiedOrder(d: Record<string, unknown>): Promise<unknown>;
  queryOrder(d: Record<string, unknown>): Promise<unknown>;
  closeOrder(d: Record<string, unknown>): Promise<unknown>;
  refund(d: Record<string, unknown>): Promise<unknown>;
}
export const cloudPay = (ctx: Ctx) => (ctx.cloud as unknown as { cloudPay: CloudPay }).cloudPay;

/**
 * An order not paid within this long releases its bills to a new order. WeChat keeps
 * an order payable for about 2 hours unless told otherwise, so `unifiedOrder` gets
 * `timeExpire` = the hold, and an expired order is closed (closeOrder) before its bills
 * go to another: one bill can never be paid through two orders.
 */
export const ORDER_HOLD_MS = 15 * 60_000;

/** yyyyMMddHHmmss in Beijing time, WeChat Pay's time format (time_expire). */
export function payTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/** A fresh nonce_str (≤ 32 chars), required by every cloudPay call. */
const nonce = (seed: string) => sha256(`${seed}|${Date.now()}|${Math.random()}`).slice(0, 32);

const holdEnds = (o: PayOrderDoc) => (o.expiresAt ? new Date(o.expiresAt).getTime() : new Date(o.createdAt).getTime() + ORDER_HOLD_MS);

/**
 * Close an expired order at WeChat, then free its bills. 'paid' when WeChat says it
 * was paid after all (the callback or reconcile records it; its bills stay held).
 */
export async function closeExpired(ctx: Ctx, o: PayOrderDoc): Promise<'closed' | 'paid'> {
  const r = (await cloudPay(ctx).closeOrder({
    outTradeNo: o._id,
    subMchId: o.subMchId ?? subMchIdOf(o.compoundId),
    nonceStr: nonce(o._id),
  })) as { resultCode?: string; subErrCode?: string };
  if (r.resultCode !== 'SUCCESS' && r.subErrCode === 'ORDERPAID') return 'paid';
  if (r.resultCode !== 'SUCCESS' && r.subErrCode !== 'ORDERCLOSED' && r.subErrCode !== 'ORDERNOTEXIST')
    throw new AppError('PAY_FAILED', '上一笔支付暂时无法关闭，请稍后再试');
  await transaction(ctx.db, async (tx) => {
    const cur = await payOrders(ctx.db).in(tx).get(o._id);
    if (!cur || cur.state !== 'pending') return;
    for (const id of cur.billIds) {
      const b = await bills(ctx.db).in(tx).get(id);
      if (b && b.orderNo === cur._id) await bills(ctx.db).in(tx).patch(id, { orderNo: null });
    }
    await payOrders(ctx.db).in(tx).patch(cur._id, { state: 'closed' });
  });
  return 'closed';
}

/**
 * The merchant (特约商户) WeChat Pay credits, per compound: PAY_SUB_MCH_IDS is a JSON
 * map {compoundId: subMchId}; PAY_SUB_MCH_ID is the one for all. See docs/payments.md.
 * The emulator accepts any id.
 */
export function subMchIdOf(compoundId: string): string {
  try {
    const map = JSON.parse(process.env.PAY_SUB_MCH_IDS ?? '{}') as Record<string, string>;
    if (typeof map[compoundId] === 'string') return map[compoundId];
  } catch {
    /* a malformed map is ignored: the single id or the sandbox's */
  }
  return process.env.PAY_SUB_MCH_ID || '1900000109';
}

/** My bills by id: any that is not one of my homes' is NOT_FOUND, as a missing one is. */
async function myBillDocs(ctx: Ctx, billIds: string[]) {
  const actor = await ctx.actor();
  const found = await bills(ctx.db).byIds(billIds);
  const mine = new Set(actor.homes.map((h) => h.homeId));
  const list = [...new Set(billIds)].map((id) => found.get(id));
  if (list.some((b) => !b || !mine.has(b.homeId))) throw new AppError('NOT_FOUND', '账单不存在');
  return { actor, list: list as BillDoc[] };
}

function sameCompound(list: BillDoc[]): string {
  const ids = new Set(list.map((b) => b.compoundId));
  if (ids.size !== 1) throw new AppError('BAD_REQUEST', '一次只能缴同一个小区的账单');
  return list[0].compoundId;
}

export async function pay(ctx: Ctx, input: { clientRequestId: string; billIds: string[] }): Promise<PayStart> {
  const { actor, list } = await myBillDocs(ctx, input.billIds);
  const person = await requirePerson(ctx.db, actor);
  const compoundId = sameCompound(list);
  const compound = (await compounds(ctx.db).get(compoundId))!;
  const totalFee = orderTotal(list);
  if (totalFee <= 0) throw new AppError('BAD_REQUEST', '金额有误');
  const outTradeNo = outTradeNoOf(person._id, input.clientRequestId, sha256);
  const prior = await payOrders(ctx.db).get(outTradeNo);
  if (prior) {
    // A retry of the same request: the same order (never a second one).
    if (prior.personId !== person._id || prior.billIds.join() !== list.map((b) => b._id).join())
      throw new AppError('BAD_REQUEST', '请求编号已用于其他账单');
    if (prior.state !== 'pending') throw new AppError('BILL_PAID');
  } else {
    // Bills held by another order whose time is up: close that order at WeChat first.
    const held = [...new Set(list.map((b) => b.orderNo).filter((n): n is string => !!n && n !== outTradeNo))];
    for (const other of (await payOrders(ctx.db).byIds(held)).values()) {
      if (other.state === 'pending' && ctx.now.getTime() >= holdEnds(other) && (await closeExpired(ctx, other)) === 'paid') {
        throw new AppError('BILL_PAID', '该账单已支付，正在入账，请稍后刷新查看');
      }
    }
    await transaction(ctx.db, async (tx) => {
      const billTx = bills(ctx.db).in(tx);
      const orderTx = payOrders(ctx.db).in(tx);
      for (const b of list) {
        const cur = await billTx.must(b._id);
        if (cur.status !== 'unpaid') throw new AppError('BILL_PAID');
        if (cur.orderNo && cur.orderNo !== outTradeNo) {
          const other = await orderTx.get(cur.orderNo);
          // Still payable at WeChat (or not yet closed there): never a second order for the bill.
          if (other && other.state === 'pending') throw new AppError('BILL_PAID', '该账单正在支付中，请稍后刷新查看');
        }
        await billTx.patch(b._id, { orderNo: outTradeNo });
      }
      const order: Omit<PayOrderDoc, '_id'> = {
        compoundId,
        communityId: compound.communityId,
        personId: person._id,
        openid: ctx.openid,
        billIds: list.map((b) => b._id),
        totalFee,
        state: 'pending',
        subMchId: subMchIdOf(compoundId),
        expiresAt: new Date(ctx.now.getTime() + ORDER_HOLD_MS),
        createdAt: ctx.now,
      };
      await orderTx.put(outTradeNo, order);
    });
  }
  const order = (await payOrders(ctx.db).get(outTradeNo))!;
  const items = [...new Set(list.map((b) => b.itemName))].join('、');
  const res = (await cloudPay(ctx).unifiedOrder({
    body: `${compound.name}-${items}`.slice(0, 40),
    outTradeNo,
    spbillCreateIp: '127.0.0.1',
    subMchId: order.subMchId ?? subMchIdOf(compoundId),
    nonceStr: nonce(outTradeNo),
    // Payable no longer than the bills are held (a retry sends the same expiry).
    timeExpire: payTime(new Date(holdEnds(order))),
    totalFee,
    envId: (ctx.cloud.getWXContext() as { ENV?: string }).ENV || process.env.TCB_ENV || 'local',
    functionName: 'payCallback',
    tradeType: 'JSAPI',
  })) as { resultCode?: string; subErrCode?: string; payment?: PayStart['payment'] };
  if (res.resultCode !== 'SUCCESS' || !res.payment) {
    if (res.subErrCode === 'ORDERPAID') throw new AppError('BILL_PAID', '该订单已支付，请刷新查看');
    throw new AppError('PAY_FAILED');
  }
  return { outTradeNo, totalFee, payment: res.payment };
}

export async function orderState(ctx: Ctx, input: { outTradeNo: string }): Promise<OrderState> {
  const actor = await ctx.actor();
  const o = await payOrders(ctx.db).get(input.outTradeNo);
  if (!o || !actor.personId || o.personId !== actor.personId) throw new AppError('NOT_FOUND');
  return { outTradeNo: o._id, state: o.state, ...(o.paymentId ? { paymentId: o.paymentId } : {}) };
}

/** A receipt: for the homes it paid (their residents), or for whoever keeps the compound's money. */
export async function receipt(ctx: Ctx, input: { paymentId: string }): Promise<ReceiptView> {
  const actor = await ctx.actor();
  const p = await payments(ctx.db).get(input.paymentId);
  if (!p) throw new AppError('NOT_FOUND');
  const mine = actor.homes.some((h) => p.homeIds.includes(h.homeId));
  if (!mine) {
    try {
      assertCan(actor, 'fees.collect', { communityId: p.communityId, compoundId: p.compoundId });
    } catch {
      try {
        assertCan(actor, 'fees.refund', { communityId: p.communityId, compoundId: p.compoundId });
      } catch {
        throw new AppError('NOT_FOUND');
      }
    }
  }
  const entryIds = [...p.entryIds, ...(p.refund?.entryIds ?? (p.refund?.entryId ? [p.refund.entryId] : []))];
  return receiptView(p, [...(await ledger(ctx.db).byIds(entryIds)).values()]);
}

/** Income entries of a payment: one per category it covers. */
export function incomeDrafts(
  paymentId: string,
  lines: { kind: BillDoc['kind']; amountFen: number }[],
  memo: string,
  by: string,
  byName: string,
) {
  const byCat = new Map<IncomeCategory, number>();
  for (const l of lines) byCat.set(FEE_KIND_CATEGORY[l.kind], (byCat.get(FEE_KIND_CATEGORY[l.kind]) ?? 0) + l.amountFen);
  return [...byCat.entries()].map(([category, amountFen]) => ({
    kind: 'income' as const,
    category,
    fund: CATEGORY_FUND[category],
    amountFen,
    memo,
    sourceKey: `${paymentId}_${category}`,
    reverses: null,
    receipts: [],
    by,
    byName,
  }));
}

export async function payOffline(
  ctx: Ctx,
  input: { clientRequestId: string; billIds: string[]; method: 'cash' | 'transfer'; receiptNo: string },
): Promise<ReceiptView> {
  const actor = await ctx.actor();
  const found = await bills(ctx.db).byIds(input.billIds);
  const list = [...new Set(input.billIds)].map((id) => found.get(id));
  if (list.some((b) => !b)) throw new AppError('NOT_FOUND', '账单不存在');
  const docs = list as BillDoc[];
  const compoundId = sameCompound(docs);
  const compound = (await compounds(ctx.db).get(compoundId)) as CompoundDoc;
  assertCan(actor, 'fees.collect', compoundTarget(compound));
  const person = await requirePerson(ctx.db, actor);
  const paymentId = `off_${compoundId}_${input.receiptNo}`;
  const prior = await payments(ctx.db).get(paymentId);
  if (prior) {
    if (prior.billIds.join() === docs.map((b) => b._id).join() && prior.recordedBy === person._id) return receiptView(prior);
    throw new AppError('BAD_REQUEST', '该收据号已登记过');
  }
  const doc = await transaction(
    ctx.db,
    async (tx) => {
      const billTx = bills(ctx.db).in(tx);
      if (await payments(ctx.db).in(tx).get(paymentId)) throw new AppError('CONFLICT');
      for (const b of docs) {
        const cur = await billTx.must(b._id);
        if (cur.status !== 'unpaid') throw new AppError('BILL_PAID');
        await billTx.patch(b._id, { status: 'paid', paymentId, paidAt: ctx.now });
      }
      const amountFen = orderTotal(docs);
      const entries = await appendInTx(
        ctx,
        tx,
        compound,
        incomeDrafts(paymentId, docs, `收据 ${input.receiptNo}`, person._id, person.name),
        ctx.now,
      );
      const p: Omit<PaymentDoc, '_id'> = {
        communityId: compound.communityId,
        compoundId,
        compoundName: compound.name,
        method: input.method,
        receiptNo: input.receiptNo,
        billIds: docs.map((b) => b._id),
        homeIds: [...new Set(docs.map((b) => b.homeId))],
        lines: docs.map((b) => ({
          billId: b._id,
          homeLabel: b.homeLabel,
          itemName: b.itemName,
          period: b.period,
          amountFen: b.amountFen,
          duplicate: false,
        })),
        amountFen,
        duplicateFen: 0,
        needsRefund: false,
        day: formatDate(ctx.now),
        paidAt: ctx.now,
        recordedBy: person._id,
        entryIds: entries.map((e) => e._id),
      };
      await payments(ctx.db).in(tx).put(paymentId, p);
      return { _id: paymentId, ...p };
    },
    5,
  );
  return receiptView(doc);
}
