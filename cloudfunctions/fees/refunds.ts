/**
 * Refunds of money paid twice (a bill paid at the office while an online payment was
 * under way): the refunds page, asking for a refund and asking how one stands. A
 * WeChat refund is recorded as 退款中 before WeChat Pay is asked, and its ledger
 * entries are written only when WeChat's notification or queryRefund says it
 * succeeded (`_shared/refunds.ts`, shared with payCallback). A cash refund at the
 * office is booked at once. States and rules: core/fees/refunds.ts.
 */
import { assertCan, can, scopesOf } from '../../core/authz';
import type { MyRefundView, ReceiptView, RefundItem, RefundsPageView } from '../../core/fees/contract';
import type { PaymentDoc } from '../../core/fees/docs';
import {
  CATEGORY_FUND,
  nextAttempt,
  outRefundNoOf,
  REFUND_STATE_LABELS,
  refundActions,
  refundParts,
  refundResidentNote,
  refundSourceKey,
  type RefundState,
} from '../../core/fees/rules';
import { AppError } from '../../core/platform/errors';
import { compounds, requirePerson, type CompoundDoc } from '../_shared/directory';
import { iso } from '../_shared/db';
import { checkRefund, markAccepted, markRefused, refundStateOf, submitRefund, verdictOnRefused } from '../_shared/refunds';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { appendInTx, compoundTarget, sha256 } from './common';
import { bills, ledger, payments, payOrders } from './docs';
import { subMchIdOf } from './pay';
import { receiptView, yuan } from './views';

const METHOD_LABELS = { wechat: '微信支付', cash: '现金', transfer: '银行转账' } as const;
/** A refunded refund stays on the payer's bills page this long. */
const SHOWN_AFTER_REFUND_MS = 90 * 86_400_000;

async function receiptOf(ctx: Ctx, id: string): Promise<ReceiptView> {
  const p = await payments(ctx.db).must(id);
  const ids = [...p.entryIds, ...(p.refund?.entryIds ?? (p.refund?.entryId ? [p.refund.entryId] : []))];
  return receiptView(p, [...(await ledger(ctx.db).byIds(ids)).values()]);
}

/** A payment the caller may refund: NOT_FOUND when there is none, FORBIDDEN for whoever may not. */
async function refundable(ctx: Ctx, paymentId: string) {
  const actor = await ctx.actor();
  const p = await payments(ctx.db).get(paymentId);
  if (!p) throw new AppError('NOT_FOUND');
  const compound = (await compounds(ctx.db).get(p.compoundId)) as CompoundDoc;
  assertCan(actor, 'fees.refund', compoundTarget(compound));
  return { actor, p, compound };
}

export async function refund(ctx: Ctx, input: { paymentId: string; reason: string; how?: 'wechat' | 'cash' }): Promise<ReceiptView> {
  const { actor, p, compound } = await refundable(ctx, input.paymentId);
  const person = await requirePerson(ctx.db, actor);
  const state = refundStateOf(p);
  if (state === null || state === 'refunded') throw new AppError('BAD_REQUEST', '该笔付款没有需要退还的金额');
  if (state === 'pending') {
    // Asked again while WeChat has it: never a second refund, only how the first one stands.
    if (input.how === 'cash') throw new AppError('BAD_REQUEST', '微信退款正在处理中，等结果出来后再办理');
    await checkRefund(ctx, p);
    return receiptOf(ctx, p._id);
  }
  const online = p.method === 'wechat' && !!p.outTradeNo;
  const how = input.how ?? (online ? 'wechat' : 'cash');
  const allowed = refundActions(state, online, p.refund?.failure?.kind);
  if (how === 'wechat' && !allowed.wechat)
    throw new AppError('BAD_REQUEST', online ? '这笔钱退回银行卡没有成功，请现金退还后登记' : '这笔付款不是微信支付，请现金退还后登记');
  if (how === 'cash' && p.refund?.failure?.kind === 'refused') {
    // A refused request may have gone through after all (a timeout at WeChat): never pay twice.
    const v = await verdictOnRefused(ctx, p);
    if (v === 'unknown') throw new AppError('PAY_FAILED', '暂时无法向微信支付核实上一次退款，请稍后再试');
    if (v !== 'notexist' && v !== 'failed') return receiptOf(ctx, p._id);
  }
  const dup = p.lines.filter((l) => l.duplicate);
  const kinds = await bills(ctx.db).byIds(dup.map((l) => l.billId));
  const parts = refundParts(
    dup.map((l) => ({ amountFen: l.amountFen, kind: kinds.get(l.billId)?.kind })),
    p.duplicateFen,
  ).map(({ category, amountFen }) => ({ category, amountFen }));
  const asked = {
    amountFen: p.duplicateFen,
    reason: input.reason,
    by: person._id,
    byName: person.name,
    at: ctx.now,
    parts,
    failures: p.refund?.failures ?? 0,
    ...(p.refund?.failure ? { failure: p.refund.failure } : {}),
  };
  const _ = ctx.db.command;
  /** Someone else acted on it since it was read: the loser is told, nothing doubles. */
  const unchanged = (cur: PaymentDoc) => {
    if (refundStateOf(cur) !== state || cur.refund?.outRefundNo !== p.refund?.outRefundNo) throw new AppError('CONFLICT');
  };

  if (how === 'cash') {
    await transaction(
      ctx.db,
      async (tx) => {
        const cur = await payments(ctx.db).in(tx).must(p._id);
        unchanged(cur);
        const entries = await appendInTx(
          ctx,
          tx,
          compound,
          parts.map((x) => ({
            kind: 'expense' as const,
            category: x.category,
            fund: CATEGORY_FUND[x.category],
            amountFen: x.amountFen,
            memo: `重复缴费退款 ${cur.receiptNo}（现金退还）`,
            sourceKey: refundSourceKey(cur._id, x.category),
            reverses: null,
            receipts: [],
            by: person._id,
            byName: person.name,
            reason: input.reason,
          })),
          ctx.now,
        );
        await payments(ctx.db)
          .in(tx)
          .patch(cur._id, {
            refund: _.set({
              ...asked,
              state: 'refunded',
              how: 'cash',
              confirmedAt: ctx.now,
              confirmedBy: 'office',
              entryId: entries[0]?._id,
              entryIds: entries.map((e) => e._id),
            }),
            refundState: 'refunded',
            needsRefund: false,
          });
      },
      5,
    );
    return receiptOf(ctx, p._id);
  }

  // Through WeChat Pay: the refund is recorded as pending FIRST, so a call that dies after
  // WeChat accepted it still leaves a refund the reconcile timer asks about.
  const attempt = nextAttempt(p.refund ? { attempt: p.refund.attempt ?? 1, failure: p.refund.failure?.kind } : null);
  const order = await payOrders(ctx.db).get(p.outTradeNo!);
  const pending = {
    ...asked,
    state: 'pending' as const,
    how: 'wechat' as const,
    attempt,
    outRefundNo: outRefundNoOf(p._id, attempt, sha256),
    subMchId: order?.subMchId ?? subMchIdOf(p.compoundId),
  };
  await transaction(ctx.db, async (tx) => {
    const cur = await payments(ctx.db).in(tx).must(p._id);
    unchanged(cur);
    await payments(ctx.db)
      .in(tx)
      .patch(cur._id, { refund: _.set(pending), refundState: 'pending' });
  });
  let sent;
  try {
    sent = await submitRefund(ctx, { ...p, refund: pending });
  } catch (e) {
    // The answer is lost, not the refund: it stays 退款中 and the timer asks WeChat about it.
    console.error('[fees.refund] refund call failed', p._id, e);
    return receiptOf(ctx, p._id);
  }
  if (!sent.accepted) {
    await markRefused(ctx, p._id, pending.outRefundNo, sent.detail);
    throw new AppError('PAY_FAILED', `微信退款未成功${sent.detail ? `：${sent.detail}` : ''}。可稍后再试，或改为现金退还`);
  }
  await markAccepted(ctx, p._id, pending.outRefundNo, sent.refundId);
  return receiptOf(ctx, p._id);
}

/** 查询进度: WeChat's verdict on a pending refund, recorded now. */
export async function refundCheck(ctx: Ctx, input: { paymentId: string }): Promise<ReceiptView> {
  const { p } = await refundable(ctx, input.paymentId);
  if (refundStateOf(p) === 'pending') await checkRefund(ctx, p);
  return receiptOf(ctx, p._id);
}

function itemView(p: PaymentDoc, state: RefundState, canAct: boolean): RefundItem {
  const online = p.method === 'wechat' && !!p.outTradeNo;
  const can = refundActions(state, online, p.refund?.failure?.kind);
  const r = p.refund;
  const dup = p.lines.filter((l) => l.duplicate);
  return {
    paymentId: p._id,
    receiptNo: p.receiptNo,
    homes: [...new Set((dup.length ? dup : p.lines).map((l) => l.homeLabel))].join('、'),
    paidAt: iso(p.paidAt),
    methodLabel: METHOD_LABELS[p.method],
    amountFen: p.duplicateFen,
    amount: yuan(p.duplicateFen),
    state,
    stateLabel: REFUND_STATE_LABELS[state],
    ...(state === 'failed' && r?.failure ? { note: r.failure.note } : {}),
    ...(r ? { reason: r.reason, askedAt: iso(r.at), ...(r.byName ? { askedByName: r.byName } : {}) } : {}),
    failures: r?.failures ?? 0,
    can: canAct ? can : { wechat: false, cash: false, check: false },
  };
}

/** The refunds page: what is owed back in a compound, 退款中, 退款未成功 and why. */
export async function refundsPage(ctx: Ctx, input: { compoundId?: string }): Promise<RefundsPageView> {
  const actor = await ctx.actor();
  const ids = scopesOf(actor, 'fees.refund.view').compoundIds;
  if (!ids.length) throw new AppError('FORBIDDEN');
  const list = await compounds(ctx.db).byIds(ids);
  const mine = ids.filter((id) => list.has(id));
  const compoundId = input.compoundId ?? mine[0];
  const compound = compoundId ? list.get(compoundId) : undefined;
  if (!compound) throw new AppError('NOT_FOUND');
  const canAct = can(actor, 'fees.refund', compoundTarget(compound));
  const owed = await payments(ctx.db).find({ needsRefund: true, compoundId: compound._id }, { limit: 200 });
  const items = owed
    .map((p) => ({ p, state: refundStateOf(p) }))
    .filter((x): x is { p: PaymentDoc; state: RefundState } => !!x.state && x.state !== 'refunded')
    .sort((a, b) => new Date(a.p.paidAt).getTime() - new Date(b.p.paidAt).getTime())
    .map((x) => itemView(x.p, x.state, canAct));
  return { compounds: mine.map((id) => ({ id, name: list.get(id)!.name })), compoundId: compound._id, items };
}

/** My homes' refunds for the bills page: owed, under way, failed, or refunded in the last 90 days. */
export async function myRefunds(ctx: Ctx, homeIds: string[]): Promise<MyRefundView[]> {
  if (!homeIds.length) return [];
  const _ = ctx.db.command;
  const found = await payments(ctx.db).find(
    { homeIds: _.in(homeIds), refundState: _.in(['owed', 'pending', 'failed', 'refunded']) },
    { limit: 20 },
  );
  const out: (MyRefundView & { t: number })[] = [];
  for (const p of found) {
    const state = refundStateOf(p);
    if (!state) continue;
    const at = p.refund?.confirmedAt ?? p.refund?.at ?? p.paidAt;
    if (state === 'refunded' && ctx.now.getTime() - new Date(at).getTime() > SHOWN_AFTER_REFUND_MS) continue;
    out.push({
      paymentId: p._id,
      receiptNo: p.receiptNo,
      amount: yuan(p.duplicateFen),
      state,
      stateLabel: REFUND_STATE_LABELS[state],
      note:
        state === 'refunded'
          ? p.refund?.how === 'cash'
            ? '已在物业现金退还。'
            : '已原路退回微信零钱或银行卡。'
          : refundResidentNote(state),
      at: iso(at),
      t: new Date(at).getTime(),
    });
  }
  return out.sort((a, b) => b.t - a.t).map(({ t: _t, ...v }) => v);
}
