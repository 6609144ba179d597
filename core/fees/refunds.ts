/**
 * Refunds of money paid twice. WeChat Pay's synchronous answer to `cloudPay.refund`
 * only says the refund was ACCEPTED ("调用退款接口成功，并不代表退款成功，具体还是要以
 * 退款支付通知为准"): the money moves later, and the refund notification or
 * `queryRefund` says how it ended (refund_status SUCCESS / REFUNDCLOSE / CHANGE, or
 * PROCESSING meanwhile; pay.weixin.qq.com v2 退款结果通知 and 查询退款). So a refund is:
 *
 *   owed ──ask WeChat──▶ pending ──SUCCESS──▶ refunded (ledger entries written now)
 *     │                    └──REFUNDCLOSE / CHANGE / refused──▶ failed ──retry──▶ pending
 *     └──cash at the office──▶ refunded            failed ──cash at the office──▶ refunded
 *
 * Pure: no I/O. The functions (`fees`, `payCallback`) keep the state on the payment.
 */
import type { Sha256 } from './ledger';
import { CATEGORY_FUND, FEE_KIND_CATEGORY, refundCategoryOf } from './ledger';
import type { FeeKind } from './rates';

export const REFUND_STATES = ['owed', 'pending', 'failed', 'refunded'] as const;
export type RefundState = (typeof REFUND_STATES)[number];
export const REFUND_STATE_LABELS: Record<RefundState, string> = {
  owed: '待退款',
  pending: '退款中',
  failed: '退款未成功',
  refunded: '已退回',
};

/** WeChat Pay's refund_status (查询退款 refund_status_$n; 退款结果通知 refund_status). */
export type WxRefundStatus = 'SUCCESS' | 'PROCESSING' | 'REFUNDCLOSE' | 'CHANGE';

/**
 * How a refund failed, which decides how it may be tried again:
 * - refused: WeChat did not accept the request (no 退款 authorisation, balance too low,
 *   a system error). WeChat: "一笔退款失败后重新提交，请不要更换退款单号，请使用原商户退款单号" —
 *   the retry asks with the same refund number.
 * - closed: REFUNDCLOSE, the refund was closed; a new refund needs a new number.
 * - change: CHANGE, the bank refused the money (card cancelled or frozen) and it went
 *   back to the merchant's account; WeChat Pay asks for manual handling, so the
 *   office gives it back in cash (or through the merchant platform) and records that.
 */
export type RefundFailureKind = 'refused' | 'closed' | 'change';

export function failureOfStatus(status: WxRefundStatus): RefundFailureKind | null {
  if (status === 'REFUNDCLOSE') return 'closed';
  if (status === 'CHANGE') return 'change';
  return null;
}

/** Words for a failure, for the people who handle it (committee, property manager, bookkeeper). */
export function refundFailureNote(kind: RefundFailureKind, detail?: string): string {
  if (kind === 'refused') return `微信支付未受理退款${detail ? `：${detail}` : ''}。可再次发起，或改为现金退还。`;
  if (kind === 'closed') return '微信支付关闭了这笔退款，钱没有退出。可重新发起，或改为现金退还。';
  return '退回付款人银行卡失败（卡已注销或冻结），钱已回到小区的商户账户。请现金退还，或在微信支付商户平台处理这笔异常退款后登记。';
}

/** What a resident reads about their refund: no codes, and who acts next. */
export function refundResidentNote(state: RefundState): string {
  if (state === 'owed') return '部分账单已用其他方式缴过，多缴的钱将退回，请留意。';
  if (state === 'pending') return '多缴的钱正在原路退回，到账一般需要几分钟到几个工作日。';
  if (state === 'failed') return '多缴的钱这次没有退成功，物业或业委会会重新办理。';
  return '';
}

/** What may be done next with a payment's refund (the page shows these buttons; the function checks again). */
export function refundActions(
  state: RefundState | null,
  online: boolean,
  failure?: RefundFailureKind,
): { wechat: boolean; cash: boolean; check: boolean } {
  if (state === 'pending') return { wechat: false, cash: false, check: true };
  if (state === 'owed') return { wechat: online, cash: true, check: false };
  if (state === 'failed') return { wechat: online && failure !== 'change', cash: true, check: false };
  return { wechat: false, cash: false, check: false };
}

/**
 * The refund number of a payment's n-th refund (1-based): fixed per payment and
 * attempt, so a retry after a lost answer asks WeChat for the SAME refund (WeChat
 * answers the same refund_id), and a refund closed by WeChat is tried again under a
 * new number. 1–64 of [A-Za-z0-9_-|*@] (out_refund_no).
 */
export function outRefundNoOf(paymentId: string, attempt: number, hash: Sha256): string {
  return `R${hash(`refund|${paymentId}|${attempt}`).slice(0, 31)}`;
}

/** The attempt a new request makes: the same number again after a refusal, the next after a closed refund. */
export function nextAttempt(previous: { attempt: number; failure?: RefundFailureKind } | null): number {
  if (!previous) return 1;
  return previous.failure === 'refused' ? previous.attempt : previous.attempt + 1;
}

export type RefundCategory = 'refund' | 'refundCommon';

/**
 * What the refund takes out of which fund: each duplicate line from the fund its
 * money came into (property and fixed fees from operating money, parking and EV
 * charging from the owners' common-part money). If the lines ever disagreed with the
 * duplicate total, the whole sum is operating money (never more than was owed back).
 */
export function refundParts(
  lines: { amountFen: number; kind: FeeKind | undefined }[],
  duplicateFen: number,
): { category: RefundCategory; fund: 'operating' | 'commonPart'; amountFen: number }[] {
  const by = new Map<RefundCategory, number>();
  for (const l of lines) {
    const cat = refundCategoryOf(FEE_KIND_CATEGORY[l.kind ?? 'property']);
    by.set(cat, (by.get(cat) ?? 0) + l.amountFen);
  }
  if ([...by.values()].reduce((a, b) => a + b, 0) !== duplicateFen) {
    by.clear();
    by.set('refund', duplicateFen);
  }
  return [...by.entries()]
    .filter(([, amountFen]) => amountFen > 0)
    .map(([category, amountFen]) => ({ category, fund: CATEGORY_FUND[category] as 'operating' | 'commonPart', amountFen }));
}

/** The ledger sourceKey of a refund part: unique per compound, so a refund is booked once whoever confirms it. */
export function refundSourceKey(paymentId: string, category: RefundCategory): string {
  return category === 'refund' ? `refund_${paymentId}` : `refund_${paymentId}_common`;
}
