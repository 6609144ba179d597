/**
 * Settling a WeChat Pay order: the order must be one we issued, the amount the one
 * we asked for, and WeChat's own record (queryOrder) must say it was paid. Then, in
 * one transaction with the order: its bills become paid, the payment is written, and
 * the income entries are appended to the ledger's hash chain. The order's state is
 * read inside the transaction, so however often and in whatever order WeChat calls,
 * a payment is recorded once. A bill already paid meanwhile (cash at the office) is
 * marked on the payment as owed back (fees.refund).
 */
import { createHash } from 'node:crypto';
import type { BillDoc, LedgerEntryDoc, LedgerHeadDoc, PaymentDoc, PayOrderDoc } from '../../core/fees/docs';
import { addMonths, CATEGORY_FUND, chainNext, EMPTY_HEAD, FEE_KIND_CATEGORY, type IncomeCategory } from '../../core/fees/rules';
import { formatDate, periodOf } from '../../core/platform/time';
import { compounds } from '../_shared/directory';
import { repository, transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const bills = repository<BillDoc>('bills');
export const payOrders = repository<PayOrderDoc>('payOrders');
export const payments = repository<PaymentDoc>('payments');
export const ledger = repository<LedgerEntryDoc>('ledger');
export const ledgerHeads = repository<LedgerHeadDoc>('ledgerHeads');

export interface CloudPay {
  queryOrder(d: Record<string, unknown>): Promise<unknown>;
  closeOrder(d: Record<string, unknown>): Promise<unknown>;
}
const nonce = () => sha256(`${Date.now()}|${Math.random()}`).slice(0, 32);
export const cloudPay = (ctx: Ctx) => (ctx.cloud as unknown as { cloudPay: CloudPay }).cloudPay;

export interface PaidNotice {
  outTradeNo: string;
  totalFee: number;
  transactionId: string;
  subMchId?: string;
}

export type SettleResult = 'recorded' | 'refused' | 'unknown' | 'unpaid';

/**
 * What WeChat says about the order: paid with this amount and transaction id, or not.
 * The query names the order's merchant (sub_mch_id is required of a service provider:
 * without it WeChat finds no order, and a paid order would look unpaid).
 */
export async function askWeChat(
  ctx: Ctx,
  outTradeNo: string,
  subMchId?: string,
): Promise<{ paid: boolean; totalFee?: number; transactionId?: string; exists: boolean }> {
  const r = (await cloudPay(ctx).queryOrder({ outTradeNo, ...(subMchId ? { subMchId } : {}), nonceStr: nonce() })) as {
    resultCode?: string;
    tradeState?: string;
    totalFee?: number;
    transactionId?: string;
  };
  if (r.resultCode !== 'SUCCESS') return { paid: false, exists: false };
  return { paid: r.tradeState === 'SUCCESS', totalFee: r.totalFee, transactionId: r.transactionId, exists: true };
}

export async function settle(ctx: Ctx, notice: PaidNotice, opts: { confirmed?: boolean } = {}): Promise<SettleResult> {
  const order = await payOrders(ctx.db).get(notice.outTradeNo);
  if (!order) return 'unknown';
  if (order.state === 'paid') return 'recorded';
  if (!Number.isSafeInteger(notice.totalFee) || notice.totalFee !== order.totalFee) {
    await payOrders(ctx.db).patch(order._id, { refused: ctx.db.command.inc(1) });
    return 'refused';
  }
  if (!opts.confirmed) {
    // The notice's fields are only believed once WeChat's own record agrees.
    const w = await askWeChat(ctx, order._id, order.subMchId ?? notice.subMchId);
    if (!w.paid) return 'unpaid';
    if (w.totalFee !== order.totalFee) {
      await payOrders(ctx.db).patch(order._id, { refused: ctx.db.command.inc(1) });
      return 'refused';
    }
    notice = { ...notice, transactionId: w.transactionId ?? notice.transactionId };
  }
  const compound = await compounds(ctx.db).get(order.compoundId);
  if (!compound) return 'unknown';
  const paymentId = `wx_${order._id}`;
  const now = new Date();
  await transaction(
    ctx.db,
    async (tx) => {
      const o = await payOrders(ctx.db).in(tx).get(order._id);
      if (!o || o.state === 'paid') return;
      const billTx = bills(ctx.db).in(tx);
      const lines: PaymentDoc['lines'] = [];
      const kinds: { kind: BillDoc['kind']; amountFen: number }[] = [];
      for (const id of o.billIds) {
        const b = await billTx.must(id);
        const duplicate = b.status === 'paid' && b.paymentId !== paymentId;
        if (!duplicate) await billTx.patch(id, { status: 'paid', paymentId, paidAt: now, orderNo: null });
        lines.push({ billId: id, homeLabel: b.homeLabel, itemName: b.itemName, period: b.period, amountFen: b.amountFen, duplicate });
        kinds.push({ kind: b.kind, amountFen: b.amountFen });
      }
      // Income: one entry per category, for all the money received (a duplicate is refunded later as an expense).
      const byCat = new Map<IncomeCategory, number>();
      for (const k of kinds) byCat.set(FEE_KIND_CATEGORY[k.kind], (byCat.get(FEE_KIND_CATEGORY[k.kind]) ?? 0) + k.amountFen);
      const heads = ledgerHeads(ctx.db).in(tx);
      const cur = await heads.get(compound._id);
      let head = cur ? { seq: cur.seq, hash: cur.hash } : EMPTY_HEAD;
      const p = periodOf(now);
      const period = cur?.closedThrough && cur.closedThrough >= p ? addMonths(cur.closedThrough, 1) : p;
      const entryIds: string[] = [];
      for (const [category, amountFen] of byCat) {
        const next = chainNext(
          head,
          {
            compoundId: compound._id,
            period,
            kind: 'income',
            category,
            fund: CATEGORY_FUND[category],
            amountFen,
            memo: `微信支付 ${o._id.slice(-8)}`,
            sourceKey: `${paymentId}_${category}`,
            reverses: null,
            receipts: [],
            at: now.toISOString(),
          },
          sha256,
        );
        const id = `${compound._id}_${String(next.fields.seq).padStart(9, '0')}`;
        await ledger(ctx.db)
          .in(tx)
          .put(id, {
            ...next.fields,
            communityId: compound.communityId,
            compoundPeriod: `${compound._id}_${period}`,
            hash: next.hash,
            by: '',
            byName: '微信支付',
          });
        entryIds.push(id);
        head = next.head;
      }
      await heads.put(compound._id, { seq: head.seq, hash: head.hash, closedThrough: cur?.closedThrough ?? null, updatedAt: now });
      const duplicateFen = lines.filter((l) => l.duplicate).reduce((s, l) => s + l.amountFen, 0);
      const payment: Omit<PaymentDoc, '_id'> = {
        communityId: compound.communityId,
        compoundId: compound._id,
        compoundName: compound.name,
        method: 'wechat',
        receiptNo: `WX${o._id.slice(1, 13).toUpperCase()}`,
        billIds: o.billIds,
        homeIds: [...new Set(lines.map((l) => l.billId.split('_').slice(0, -2).join('_')))],
        lines,
        amountFen: o.totalFee,
        duplicateFen,
        needsRefund: duplicateFen > 0,
        ...(duplicateFen > 0 ? { refundState: 'owed' as const } : {}),
        transactionId: notice.transactionId,
        outTradeNo: o._id,
        day: formatDate(now),
        paidAt: now,
        recordedBy: 'wechat',
        entryIds,
      };
      await payments(ctx.db).in(tx).put(paymentId, payment);
      await payOrders(ctx.db).in(tx).patch(o._id, { state: 'paid', paymentId, settledAt: now });
    },
    8,
  );
  return 'recorded';
}

/**
 * Orders with no callback after 5 minutes: ask WeChat (with the order's merchant);
 * settle the paid; an unpaid one past its expiry is closed at WeChat first, and only
 * then are its bills free again (a close refused as ORDERPAID is asked again next time).
 */
export async function reconcile(ctx: Ctx): Promise<{ settled: number; closed: number }> {
  const _ = ctx.db.command;
  const now = Date.now();
  const open = await payOrders(ctx.db).find(
    { state: 'pending', createdAt: _.lt(new Date(now - 5 * 60_000)) },
    { orderBy: [['createdAt', 'asc']], limit: 50 },
  );
  let settled = 0;
  let closed = 0;
  for (const o of open) {
    const w = await askWeChat(ctx, o._id, o.subMchId);
    if (w.paid && w.totalFee === o.totalFee) {
      if (
        (await settle(ctx, { outTradeNo: o._id, totalFee: w.totalFee!, transactionId: w.transactionId ?? '' }, { confirmed: true })) ===
        'recorded'
      )
        settled++;
    } else if (!w.paid && now >= (o.expiresAt ? new Date(o.expiresAt).getTime() : new Date(o.createdAt).getTime() + 30 * 60_000)) {
      if (!o.subMchId) continue; // an order from before merchants were recorded: left for the office to check
      const c = (await cloudPay(ctx).closeOrder({ outTradeNo: o._id, subMchId: o.subMchId, nonceStr: nonce() })) as {
        resultCode?: string;
        subErrCode?: string;
      };
      if (c.resultCode !== 'SUCCESS' && c.subErrCode !== 'ORDERCLOSED' && c.subErrCode !== 'ORDERNOTEXIST') continue; // paid meanwhile, or WeChat busy: next run
      await transaction(ctx.db, async (tx) => {
        const cur = await payOrders(ctx.db).in(tx).get(o._id);
        if (!cur || cur.state !== 'pending') return;
        for (const id of cur.billIds) {
          const b = await bills(ctx.db).in(tx).get(id);
          if (b && b.orderNo === cur._id) await bills(ctx.db).in(tx).patch(id, { orderNo: null });
        }
        await payOrders(ctx.db).in(tx).patch(cur._id, { state: 'closed' });
      });
      closed++;
    }
  }
  return { settled, closed };
}
