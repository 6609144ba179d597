/** Documents → views. */
import type { BillDoc, LedgerEntryDoc, PaymentDoc } from '../../core/fees/docs';
import type { BillView, LedgerEntryView, ReceiptView } from '../../core/fees/contract';
import { CATEGORY_LABELS, monthsOverdue, periodLabel, REFUND_STATE_LABELS, refundResidentNote, witnessCode } from '../../core/fees/rules';
import { formatFen, formatHundredths, formatYuan } from '../../core/platform/units';
import { periodOf, shanghai } from '../../core/platform/time';
import { iso } from '../_shared/db';
import { refundStateOf } from '../_shared/refunds';

export const yuan = (fen: number) => formatYuan(fen);

/** What a bill was computed from: "89.50㎡ × 1.10元", "2个车位（A-012、A-013）× 150.00元", "充电 12.50度 × 1.20元". */
export function basisOf(b: Pick<BillDoc, 'unit' | 'quantity' | 'rateFen' | 'spaces'>): string {
  const rate = `${formatFen(b.rateFen)}元`;
  if (b.unit === 'm2') return `${formatHundredths(b.quantity)}㎡ × ${rate}`;
  if (b.unit === 'space') return `${b.quantity}个车位${b.spaces?.length ? `（${b.spaces.join('、')}）` : ' '}× ${rate}`;
  if (b.unit === 'kwh') return `充电 ${formatHundredths(b.quantity)}度 × ${rate}`;
  return `每户 ${rate}`;
}

export function billView(b: BillDoc, now: Date): BillView {
  const basis = b.unit === 'kwh' && b.sessionAt ? `${basisOf(b)}（${shanghai(b.sessionAt).format('D日 HH:mm')}）` : basisOf(b);
  return {
    id: b._id,
    homeId: b.homeId,
    homeLabel: b.homeLabel,
    itemCode: b.itemCode,
    itemName: b.itemName,
    period: b.period,
    periodLabel: periodLabel(b.period),
    basis,
    amountFen: b.amountFen,
    amount: yuan(b.amountFen),
    status: b.status,
    statusLabel: b.status === 'paid' ? '已缴' : '待缴',
    ...(b.paidAt ? { paidAt: iso(b.paidAt) } : {}),
    ...(b.paymentId ? { paymentId: b.paymentId } : {}),
    overdueMonths: b.status === 'paid' ? 0 : monthsOverdue(b.period, periodOf(now)),
  };
}

const METHOD_LABELS = { wechat: '微信支付', cash: '现金', transfer: '银行转账' } as const;

/**
 * A receipt. `entries` are the ledger entries it posted (payment and refund), read
 * when the receipt is shown to the resident: the app keeps their seq and hash as the
 * resident's witness of the ledger.
 */
export function receiptView(p: PaymentDoc, entries: Pick<LedgerEntryDoc, 'seq' | 'hash'>[] = []): ReceiptView {
  const refundState = refundStateOf(p);
  return {
    id: p._id,
    receiptNo: p.receiptNo,
    compoundName: p.compoundName,
    method: p.method,
    methodLabel: METHOD_LABELS[p.method],
    amountFen: p.amountFen,
    amount: yuan(p.amountFen),
    paidAt: iso(p.paidAt),
    lines: p.lines.map((l) => ({
      homeLabel: l.homeLabel,
      itemName: l.itemName,
      periodLabel: periodLabel(l.period),
      amount: yuan(l.amountFen),
    })),
    ...(p.transactionId ? { transactionId: p.transactionId } : {}),
    ...(refundState
      ? {
          refund: {
            state: refundState,
            label: REFUND_STATE_LABELS[refundState],
            amount: yuan(p.duplicateFen),
            note: refundResidentNote(refundState),
          },
        }
      : {}),
    ...(p.refund && refundState === 'refunded'
      ? {
          refunded: {
            amount: yuan(p.refund.amountFen),
            reason: p.refund.reason,
            at: iso(p.refund.confirmedAt ?? p.refund.at),
            how: p.refund.how === 'wechat' ? '原路退回微信零钱/银行卡' : '现金退还',
          },
        }
      : {}),
    duplicateFen: p.duplicateFen,
    compoundId: p.compoundId,
    witnesses: [...entries].sort((a, b) => a.seq - b.seq).map((e) => ({ seq: e.seq, hash: e.hash, code: witnessCode(e.hash) })),
  };
}

export function entryView(e: LedgerEntryDoc, urls: Map<string, string>): LedgerEntryView {
  return {
    id: e._id,
    seq: e.seq,
    period: e.period,
    kind: e.kind,
    category: e.category,
    categoryLabel: CATEGORY_LABELS[e.category],
    fund: e.fund,
    amountFen: e.amountFen,
    amount: yuan(e.amountFen),
    memo: e.memo,
    receipts: e.receipts.map((f) => ({ fileID: f, url: urls.get(f) ?? '' })),
    at: e.at,
    byName: e.byName,
    ...(e.reverses ? { reverses: e.reverses } : {}),
    ...(e.reversedBy ? { reversedBy: e.reversedBy } : {}),
    ...(e.reason ? { reason: e.reason } : {}),
    hash: e.hash,
  };
}
