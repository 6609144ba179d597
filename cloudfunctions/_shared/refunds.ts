/**
 * WeChat Pay refunds, shared by `fees` (the committee asks for one, or asks how it
 * stands) and `payCallback` (WeChat's refund notification, and the `reconcile` timer
 * that asks queryRefund about every refund still pending). A refund is recorded as
 * pending BEFORE WeChat is asked, so nothing is lost if the call dies after WeChat
 * accepted it; its ledger entries are written only when WeChat says it succeeded, in
 * one transaction with the payment, and their sourceKeys are unique: however often
 * and in whatever order the notification, the timer and the page confirm it, the
 * money leaves the ledger once. Rules (states, numbers, funds) in core/fees/refunds.ts.
 */
import { createHash } from 'node:crypto';
import type { PaymentDoc } from '../../core/fees/docs';
import {
  CATEGORY_FUND,
  failureOfStatus,
  refundFailureNote,
  refundSourceKey,
  type RefundFailureKind,
  type RefundState,
  type WxRefundStatus,
} from '../../core/fees/rules';
import { compounds } from './directory';
import { appendInTx } from './ledger-chain';
import { repository, transaction } from './repo';
import type { Ctx } from './router';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const nonce = () => sha256(`${Date.now()}|${Math.random()}`).slice(0, 32);
const payments = repository<PaymentDoc>('payments');

/** The refund calls of cloudPay (not in wx-server-sdk's typings; the SDK proxies any name). */
interface CloudPayRefunds {
  refund(d: Record<string, unknown>): Promise<unknown>;
  queryRefund(d: Record<string, unknown>): Promise<unknown>;
}
const cloudPay = (ctx: Ctx) => (ctx.cloud as unknown as { cloudPay: CloudPayRefunds }).cloudPay;

/** The function WeChat Pay notifies of a refund's result (the same one as for payments). */
export const REFUND_CALLBACK = 'payCallback';

/** Where a payment's refund stands (a refund recorded before refunds were confirmed has no state: it was refunded). */
export function refundStateOf(p: Pick<PaymentDoc, 'needsRefund' | 'duplicateFen' | 'refund' | 'refundState'>): RefundState | null {
  if (p.refund) return p.refund.state ?? 'refunded';
  if (p.needsRefund && p.duplicateFen > 0) return 'owed';
  return null;
}

export type SubmitResult = { accepted: true; refundId?: string } | { accepted: false; detail: string };

/**
 * Ask WeChat Pay to refund the payment's current refund (its number, merchant and
 * amount are on the payment). The same number asks for the same refund: WeChat
 * answers the same refund_id, never a second refund. Accepted is not refunded.
 */
export async function submitRefund(ctx: Ctx, p: PaymentDoc): Promise<SubmitResult> {
  const r = p.refund!;
  const res = (await cloudPay(ctx).refund({
    subMchId: r.subMchId,
    nonceStr: nonce(),
    outTradeNo: p.outTradeNo,
    outRefundNo: r.outRefundNo,
    totalFee: p.amountFen,
    refundFee: r.amountFen,
    envId: (ctx.cloud.getWXContext() as { ENV?: string }).ENV || process.env.TCB_ENV || 'local',
    functionName: REFUND_CALLBACK,
  })) as { returnCode?: string; resultCode?: string; refundId?: string; errCodeDes?: string; returnMsg?: string };
  if (res.returnCode === 'SUCCESS' && res.resultCode === 'SUCCESS')
    return { accepted: true, ...(res.refundId ? { refundId: res.refundId } : {}) };
  return { accepted: false, detail: String(res.errCodeDes || (res.returnCode !== 'SUCCESS' ? res.returnMsg : '') || '').slice(0, 60) };
}

export type RefundAnswer =
  | { status: WxRefundStatus; refundId?: string; refundFee?: number }
  | { status: 'NOTEXIST' }
  /** WeChat did not say (a failed query, or an answer without this refund's row). */
  | { status: 'UNKNOWN' };

const STATUSES: readonly string[] = ['SUCCESS', 'PROCESSING', 'REFUNDCLOSE', 'CHANGE'];

/**
 * This refund's row in a queryRefund answer. CloudBase answers with lists
 * (`outRefundNoList`, `refundStatusList`, `refundIdList`, `refundFeeList` — the shape
 * developers report from cloudPay.queryRefund); the document describes WeChat's
 * `refund_status_$n` fields, which the SDK's camel-casing makes `refundStatus0`; a
 * single refund may come unnumbered. Read all three; a row must name this refund.
 */
export function refundRow(r: Record<string, unknown>, outRefundNo: string): RefundAnswer {
  const known = (status: unknown, refundId: unknown, fee: unknown): RefundAnswer =>
    typeof status === 'string' && STATUSES.includes(status)
      ? {
          status: status as WxRefundStatus,
          ...(typeof refundId === 'string' && refundId ? { refundId } : {}),
          ...(Number.isSafeInteger(Number(fee)) && fee !== undefined && fee !== '' ? { refundFee: Number(fee) } : {}),
        }
      : { status: 'UNKNOWN' };
  const list = r.outRefundNoList;
  if (Array.isArray(list) && list.includes(outRefundNo)) {
    const i = list.indexOf(outRefundNo);
    const at = (k: string) => (Array.isArray(r[k]) ? (r[k] as unknown[])[i] : undefined);
    return known(at('refundStatusList'), at('refundIdList'), at('refundFeeList'));
  }
  for (let i = 0; i < 50 && r[`outRefundNo${i}`] !== undefined; i++) {
    if (r[`outRefundNo${i}`] === outRefundNo) return known(r[`refundStatus${i}`], r[`refundId${i}`], r[`refundFee${i}`]);
  }
  if (r.outRefundNo === outRefundNo) return known(r.refundStatus, r.refundId, r.refundFee);
  return { status: 'UNKNOWN' };
}

/** What WeChat says of one refund: queryRefund by refund number, naming the merchant (sub_mch_id 必填). */
export async function askRefund(ctx: Ctx, outRefundNo: string, subMchId: string | undefined): Promise<RefundAnswer> {
  let r: Record<string, unknown>;
  try {
    r = (await cloudPay(ctx).queryRefund({ subMchId, nonceStr: nonce(), outRefundNo })) as Record<string, unknown>;
  } catch (e) {
    console.error('[refunds] queryRefund failed', outRefundNo, e);
    return { status: 'UNKNOWN' };
  }
  if (r.returnCode === 'SUCCESS' && r.resultCode !== 'SUCCESS')
    return r.subErrCode === 'REFUNDNOTEXIST' ? { status: 'NOTEXIST' } : { status: 'UNKNOWN' };
  if (r.returnCode !== 'SUCCESS') return { status: 'UNKNOWN' };
  return refundRow(r, outRefundNo);
}

export type ApplyResult = RefundState | 'stale' | 'refused';

/**
 * Whether WeChat's verdict on `outRefundNo` may still change the payment: its refund
 * is pending under that number, or the request was refused under it (a refusal such as
 * SYSTEMERROR may have been accepted after all: WeChat's later word wins).
 */
export function awaitsVerdict(p: Pick<PaymentDoc, 'refund'>, outRefundNo: string): boolean {
  const r = p.refund;
  if (!r || r.outRefundNo !== outRefundNo) return false;
  return r.state === 'pending' || (r.state === 'failed' && r.failure?.kind === 'refused' && r.failure.outRefundNo === outRefundNo);
}

/**
 * Record WeChat's verdict on the payment's current refund, once: SUCCESS writes the
 * refund's ledger entries (each from its own fund) and marks it refunded; REFUNDCLOSE
 * and CHANGE mark it failed, to be shown and tried again; PROCESSING changes nothing.
 * A verdict on another refund number (an earlier attempt) is 'stale'; an amount that
 * differs from what was asked is 'refused' and records nothing.
 */
export async function applyRefundResult(
  ctx: Ctx,
  paymentId: string,
  outRefundNo: string,
  answer: { status: WxRefundStatus; refundId?: string; refundFee?: number },
  via: 'notify' | 'query',
): Promise<ApplyResult> {
  const now = new Date();
  return transaction(
    ctx.db,
    async (tx): Promise<ApplyResult> => {
      const cur = await payments(ctx.db).in(tx).get(paymentId);
      if (!cur?.refund || cur.refund.outRefundNo !== outRefundNo) return 'stale';
      if (!awaitsVerdict(cur, outRefundNo)) return cur.refund.state ?? 'refunded';
      if (answer.refundFee !== undefined && answer.refundFee !== cur.refund.amountFen) return 'refused';
      if (answer.status === 'PROCESSING') {
        // A request thought refused that WeChat is in fact processing: 退款中 again.
        if (cur.refund.state !== 'pending')
          await payments(ctx.db)
            .in(tx)
            .patch(cur._id, { refund: ctx.db.command.set({ ...cur.refund, state: 'pending' }), refundState: 'pending' });
        return 'pending';
      }
      const failure = failureOfStatus(answer.status);
      if (failure) {
        await failInTx(ctx, tx, cur, failure, now, outRefundNo);
        return 'failed';
      }
      const compound = await compounds(ctx.db).get(cur.compoundId);
      if (!compound) return 'stale';
      const parts = cur.refund.parts?.length ? cur.refund.parts : [{ category: 'refund' as const, amountFen: cur.refund.amountFen }];
      const entries = await appendInTx(
        ctx,
        tx,
        compound,
        parts.map((x) => ({
          kind: 'expense' as const,
          category: x.category,
          fund: CATEGORY_FUND[x.category],
          amountFen: x.amountFen,
          memo: `重复缴费退款 ${cur.receiptNo}（原路退回微信）`,
          sourceKey: refundSourceKey(cur._id, x.category),
          reverses: null,
          receipts: [],
          by: cur.refund!.by,
          byName: cur.refund!.byName ?? '',
          reason: cur.refund!.reason,
        })),
        now,
      );
      await payments(ctx.db)
        .in(tx)
        .patch(cur._id, {
          refund: ctx.db.command.set({
            ...cur.refund,
            state: 'refunded',
            ...(answer.refundId ? { refundId: answer.refundId } : {}),
            confirmedAt: now,
            confirmedBy: via,
            entryId: entries[0]?._id,
            entryIds: entries.map((e) => e._id),
          }),
          refundState: 'refunded',
          needsRefund: false,
        });
      return 'refunded';
    },
    5,
  );
}

async function failInTx(
  ctx: Ctx,
  tx: Parameters<Parameters<typeof transaction>[1]>[0],
  cur: PaymentDoc,
  kind: RefundFailureKind,
  now: Date,
  outRefundNo: string,
  detail?: string,
) {
  await payments(ctx.db)
    .in(tx)
    .patch(cur._id, {
      refund: ctx.db.command.set({
        ...cur.refund!,
        state: 'failed',
        failure: { kind, note: refundFailureNote(kind, detail), at: now, outRefundNo },
        failures: (cur.refund!.failures ?? 0) + 1,
      }),
      refundState: 'failed',
    });
}

/** WeChat refused the request itself (the synchronous answer): the refund failed, to be asked again under the same number. */
export async function markRefused(ctx: Ctx, paymentId: string, outRefundNo: string, detail: string): Promise<void> {
  const now = new Date();
  await transaction(ctx.db, async (tx) => {
    const cur = await payments(ctx.db).in(tx).get(paymentId);
    if (!cur?.refund || cur.refund.outRefundNo !== outRefundNo || cur.refund.state !== 'pending') return;
    await failInTx(ctx, tx, cur, 'refused', now, outRefundNo, detail);
  });
}

/** WeChat accepted the request: keep its refund id (the refund stays pending). */
export async function markAccepted(ctx: Ctx, paymentId: string, outRefundNo: string, refundId: string | undefined): Promise<void> {
  if (!refundId) return;
  await transaction(ctx.db, async (tx) => {
    const cur = await payments(ctx.db).in(tx).get(paymentId);
    if (!cur?.refund || cur.refund.outRefundNo !== outRefundNo || cur.refund.state !== 'pending' || cur.refund.refundId === refundId)
      return;
    await payments(ctx.db)
      .in(tx)
      .patch(cur._id, { refund: ctx.db.command.set({ ...cur.refund, refundId }) });
  });
}

/**
 * A pending refund, asked about now (the reconcile timer, or 查询进度 on the refunds
 * page): WeChat's verdict is recorded; a refund WeChat has never heard of (the call
 * died before it reached WeChat) is asked for again under the same number.
 */
export async function checkRefund(ctx: Ctx, p: PaymentDoc): Promise<{ state: ApplyResult; resubmitted: boolean }> {
  const r = p.refund;
  if (!r || r.state !== 'pending' || !r.outRefundNo) return { state: refundStateOf(p) ?? 'stale', resubmitted: false };
  const answer = await askRefund(ctx, r.outRefundNo, r.subMchId);
  if (answer.status === 'NOTEXIST') {
    const sent = await submitRefund(ctx, p);
    if (sent.accepted) await markAccepted(ctx, p._id, r.outRefundNo, sent.refundId);
    else await markRefused(ctx, p._id, r.outRefundNo, sent.detail);
    return { state: sent.accepted ? 'pending' : 'failed', resubmitted: true };
  }
  if (answer.status === 'UNKNOWN') return { state: 'pending', resubmitted: false };
  return { state: await applyRefundResult(ctx, p._id, r.outRefundNo, answer, 'query'), resubmitted: false };
}

/**
 * Before money is handed back another way after WeChat refused a request: ask WeChat
 * whether it took that refund after all. 'unknown' when WeChat cannot say now (then no
 * other refund may be made, or the payer could be paid twice).
 */
export async function verdictOnRefused(ctx: Ctx, p: PaymentDoc): Promise<ApplyResult | 'notexist' | 'unknown'> {
  const no = p.refund?.outRefundNo;
  if (!no || !awaitsVerdict(p, no) || p.refund?.state !== 'failed') return 'notexist';
  const answer = await askRefund(ctx, no, p.refund?.subMchId);
  if (answer.status === 'NOTEXIST') return 'notexist';
  if (answer.status === 'UNKNOWN') return 'unknown';
  return applyRefundResult(ctx, p._id, no, answer, 'query');
}

/** The reconcile timer's part for refunds: every refund still pending is asked about (one indexed read when none is). */
export async function reconcileRefunds(ctx: Ctx): Promise<{ refunded: number; refundsFailed: number; resubmitted: number }> {
  const pending = await payments(ctx.db).find({ refundState: 'pending' }, { limit: 50 });
  const out = { refunded: 0, refundsFailed: 0, resubmitted: 0 };
  for (const p of pending) {
    try {
      const r = await checkRefund(ctx, p);
      if (r.state === 'refunded') out.refunded++;
      if (r.state === 'failed') out.refundsFailed++;
      if (r.resubmitted) out.resubmitted++;
    } catch (e) {
      // One refund's trouble must not stop the others; the next run asks again.
      console.error('[refunds] reconcile failed', p._id, e);
    }
  }
  return out;
}

/** The fields of a refund notification (退款结果通知, its req_info decrypted by the platform). */
export interface RefundNotice {
  outTradeNo: string;
  outRefundNo: string;
  refundStatus: string;
  refundId?: string;
  refundFee?: number;
}

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/**
 * A refund notification by its shape: WeChat Pay v2's 退款结果通知 carries the result
 * in `req_info`, encrypted with the merchant's key; cloudPay holds no key for us, so
 * the platform delivers it decrypted. Whether CloudBase nests it (`reqInfo`) or
 * spreads it is not documented: both are read. Only ever consulted for an event whose
 * SOURCE is wx_paycallback (a client can send any JSON).
 */
export function refundNotice(e: unknown): RefundNotice | null {
  if (!isObject(e) || 'action' in e) return null;
  const x = isObject(e.reqInfo) ? e.reqInfo : e;
  const s = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : null);
  const outTradeNo = s(x.outTradeNo, 32);
  const outRefundNo = s(x.outRefundNo, 64);
  const refundStatus = s(x.refundStatus, 32);
  if (!outTradeNo || !outRefundNo || !refundStatus) return null;
  const fee = Number(x.refundFee);
  return {
    outTradeNo,
    outRefundNo,
    refundStatus,
    ...(s(x.refundId, 64) ? { refundId: x.refundId as string } : {}),
    ...(x.refundFee !== undefined && Number.isSafeInteger(fee) ? { refundFee: fee } : {}),
  };
}

/**
 * WeChat's refund notification: answered `{errcode: 0}` once recorded (or when there
 * is nothing of ours to record), anything else to be notified again. WeChat's own
 * record (queryRefund) decides when it has one; the notification's fields are used
 * only when queryRefund has no row for the refund (CloudBase's answer may come with
 * empty lists), and never when WeChat says the refund does not exist.
 */
export async function onRefundNotice(ctx: Ctx, n: RefundNotice): Promise<{ errcode: number; errmsg: string }> {
  const paymentId = `wx_${n.outTradeNo}`;
  const p = await payments(ctx.db).get(paymentId);
  if (!p?.refund || p.refund.outRefundNo !== n.outRefundNo) return { errcode: 0, errmsg: 'not ours: nothing to record' };
  if (!awaitsVerdict(p, n.outRefundNo)) return { errcode: 0, errmsg: 'OK' };
  let answer = await askRefund(ctx, n.outRefundNo, p.refund.subMchId);
  if (answer.status === 'NOTEXIST') return { errcode: 1, errmsg: 'unknown to WeChat' };
  if (answer.status === 'UNKNOWN') {
    if (!STATUSES.includes(n.refundStatus)) return { errcode: 1, errmsg: 'unknown status' };
    answer = {
      status: n.refundStatus as WxRefundStatus,
      ...(n.refundId ? { refundId: n.refundId } : {}),
      ...(n.refundFee !== undefined ? { refundFee: n.refundFee } : {}),
    };
  }
  if (answer.status === 'PROCESSING') return { errcode: 1, errmsg: 'still processing' };
  const r = await applyRefundResult(ctx, paymentId, n.outRefundNo, answer, 'notify');
  if (r === 'refused') return { errcode: 1, errmsg: 'refused: amount differs' };
  return { errcode: 0, errmsg: 'OK' };
}
