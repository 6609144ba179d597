/**
 * fees: fee items and rates, monthly bills, WeChat Pay and offline payments,
 * receipts, arrears; the ledger: entries (append-only, hash-chained), monthly
 * statements, verification, questions, donations. Money is integer fen; periods
 * "YYYY-MM" (Asia/Shanghai). Schemas are strict.
 */
import { z } from 'zod';
import { action, clientRequestId, defineApi, id } from '../platform/api';
import { optionalText, text } from '../platform/text';
import type { JobView } from '../platform/jobs';
import type { StatementNoticeDraft } from './statement-notice';
import { FEE_LIMITS, PERIOD, RECEIPT_NO } from './limits';
import { PARKING_ACTIONS } from './contract-parking';
import { DUES_ACTIONS } from './contract-dues';
import type { MyRefundView, RefundsPageView } from './contract-refunds';
import type { RemindPreviewView } from './contract-dues';
import type { RefundState } from './refunds';
export * from './contract-parking';
export * from './contract-dues';
export * from './contract-refunds';
import {
  EXPENSE_CATEGORIES,
  FEE_KINDS,
  INCOME_CATEGORIES,
  TIERS,
  type Category,
  type ChainHead,
  type FeeKind,
  type Fund,
  type LedgerKind,
  type StatementFigures,
  type Tier,
  type VerifyProblem,
  type WitnessProblem,
} from './rules';

export { BILL_TEMPLATE_FIELDS, BILL_TEMPLATE_ID } from './templates';

const period = z.string().regex(PERIOD, '月份格式应为 YYYY-MM');
const rateFen = z.number().int('费率须为整数分').min(0).max(FEE_LIMITS.maxRateFen, '费率过高');
const amountFen = z.number().int('金额须为整数分').min(1, '金额须大于0').max(FEE_LIMITS.maxAmountFen, '金额过大');
const billIds = z.array(id).min(1, '请选择账单').max(FEE_LIMITS.billsPerOrder, `一次最多${FEE_LIMITS.billsPerOrder}张账单`);
const fileIds = z.array(z.string().max(500)).max(FEE_LIMITS.receipts);
const itemCode = z.string().regex(/^[a-z][a-z0-9]{1,19}$/, '收费项目代码有误');

// ---- views ----
export interface FeeItemView {
  code: string;
  kind: FeeKind;
  kindLabel: string;
  name: string;
  /** The version in force this month, if any. */
  current: { from: string; tiers?: Partial<Record<Tier, number>>; fen?: number } | null;
  history: { from: string; tiers?: Partial<Record<Tier, number>>; fen?: number; setAt: string }[];
  proposals: { from: string; tiers?: Partial<Record<Tier, number>>; fen?: number; byName: string; at: string; reason?: string }[];
}
export interface BillView {
  id: string;
  homeId: string;
  homeLabel: string;
  itemCode: string;
  itemName: string;
  period: string;
  periodLabel: string;
  /** "89.50㎡ × 1.10元" */
  basis: string;
  amountFen: number;
  amount: string;
  status: 'unpaid' | 'paid';
  statusLabel: string;
  paidAt?: string;
  paymentId?: string;
  /** Months past its period (0 = this month). */
  overdueMonths: number;
}
export interface MyBills {
  homes: { homeId: string; label: string; bills: BillView[] }[];
  /** 物业费待缴 / 停车费待缴 / 待缴费用 (several kinds) / 费用已缴清 (core/fees/rules.ts dueTitle). */
  dueTitle: string;
  dueFen: number;
  due: string;
  unpaidCount: number;
  /** Paid bills of the last 12 months, newest first. */
  recentPaid: BillView[];
  /** Money owed back to my homes and how each refund stands (recently refunded ones too). */
  refunds: MyRefundView[];
}
export interface PayStart {
  outTradeNo: string;
  totalFee: number;
  /** For wx.requestPayment (weapp). */
  payment: { appId?: string; timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string };
}
export interface OrderState {
  outTradeNo: string;
  state: 'pending' | 'paid' | 'closed';
  paymentId?: string;
}
export interface ReceiptView {
  id: string;
  /** 收据号 */
  receiptNo: string;
  compoundName: string;
  method: 'wechat' | 'cash' | 'transfer';
  methodLabel: string;
  amountFen: number;
  amount: string;
  paidAt: string;
  lines: { homeLabel: string; itemName: string; periodLabel: string; amount: string }[];
  transactionId?: string;
  /** Given back (a WeChat refund once WeChat said it succeeded). */
  refunded?: { amount: string; reason: string; at: string; how: string };
  /** Some bills were already paid: the difference is to be refunded. */
  duplicateFen: number;
  /** Where the refund of `duplicateFen` stands, in words for the payer. */
  refund?: { state: RefundState; label: string; amount: string; note: string };
  compoundId: string;
  /**
   * The ledger entries this payment posted: each one's sequence number and the chain
   * head after it (its hash, `code` the short form). The app keeps them, and 校验
   * checks the chain still has them: every resident holding a receipt is a witness.
   */
  witnesses: { seq: number; hash: string; code: string }[];
}
export interface BuildingArrears {
  buildingId: string;
  buildingName: string;
  homes: number;
  dueFen: number;
  paidFen: number;
  /** Whole percent of this month's amount collected. */
  rate: number;
  /** Homes with any unpaid bill of this month or earlier. */
  homesInArrears: number;
  arrearsFen: number;
}
export interface ArrearsView {
  compoundId: string;
  period: string;
  dueFen: number;
  paidFen: number;
  rate: number;
  buildings: BuildingArrears[];
  /** Homes of one building with unpaid bills (when a building was asked for). */
  homes?: { homeId: string; label: string; months: number; arrearsFen: number; arrears: string }[];
}
export interface LedgerEntryView {
  id: string;
  seq: number;
  period: string;
  kind: LedgerKind;
  category: Category;
  categoryLabel: string;
  fund: Fund;
  amountFen: number;
  amount: string;
  memo: string;
  receipts: { fileID: string; url: string }[];
  at: string;
  byName: string;
  reverses?: string;
  reversedBy?: string;
  reason?: string;
  hash: string;
}
export interface StatementLineView {
  category: Category;
  label: string;
  kind: LedgerKind;
  fund: Fund;
  amountFen: number;
  amount: string;
  entries: number;
  /** 0–100: the bar's length relative to the biggest line of its kind. */
  bar: number;
  questions: { id: string; question: string; answer?: string; at: string }[];
}
export interface StatementView {
  id: string;
  compoundId: string;
  compoundName: string;
  period: string;
  periodLabel: string;
  status: 'open' | 'closed' | 'published';
  statusLabel: string;
  figures: Omit<StatementFigures, 'lines'>;
  lines: StatementLineView[];
  head: ChainHead | null;
  /** The month's final head as a short code (statement and its 财务公示 notice print it). */
  headCode?: string;
  closedAt?: string;
  publishedAt?: string;
  canClose: boolean;
  canPublish: boolean;
  canAnswer: boolean;
  /** The 财务公示 notice posted for this month; `problem` (for the committee) when it no longer checks out. */
  notice?: { id: string; at: string; problem?: string };
  /** Links replaced by the committee, oldest first (for the people who keep the books). */
  noticeChanges?: { from: string; to: string; at: string }[];
  /**
   * Published and no notice yet, for the committee: what to post to the compound's
   * owners (notices.post with this title, body and link), then ledger.linkNotice.
   */
  noticeDraft?: StatementNoticeDraft;
}
export interface TrendPoint {
  period: string;
  label: string;
  incomeFen: number;
  expenseFen: number;
  closingFen: number;
  /** 0–100 relative to the largest of the 12 months. */
  incomeBar: number;
  expenseBar: number;
}
export interface VerifyView {
  ok: boolean;
  checked: number;
  statements: number;
  /** Daily heads written by the timer that were checked. */
  dailyHeads: number;
  problems: VerifyProblem[];
  /** The caller's receipts (sent by the app) that no longer match the chain, naming each entry. */
  receipts: { checked: number; problems: WitnessProblem[] };
  message: string;
}
export interface DonationView {
  id: string;
  project: string;
  donor: string;
  amount: string;
  amountFen: number;
  at: string;
  /** The donation's receipt: its entry's sequence number and the chain head after it. */
  seq: number;
  hash: string;
  code: string;
}
export interface FeesSummary {
  /** For a resident's home card: 物业费待缴 / 停车费待缴 / 待缴费用 / 费用已缴清. */
  dueTitle: string;
  dueFen: number;
  due: string;
  unpaidCount: number;
  /** For the committee's card: this month's collection rate per compound they keep. */
  compounds: {
    compoundId: string;
    name: string;
    period: string;
    rate: number;
    /** The next month to close, once it has ended (core/fees/rules.ts monthToClose); null while it runs. */
    nextToClose: string | null;
    /** "11月可以结账" / "12月结束后（2027年1月1日起）可以结账". */
    closeHint: string;
    /** Who closes a month (for the bookkeeper, who books but does not close). */
    closedBy: string;
    /** The month an entry booked now goes into. */
    bookingPeriod: string;
  }[];
}

/**
 * 财务公示 in one call: the compound (the caller's own, or the one asked for), the
 * 12-month trend, the newest month's statement (or the one asked for) and the donation
 * board. `compounds` is the picker of someone with no compound of their own (the
 * community office: its community's compounds); empty otherwise.
 */
export interface StatementPageView {
  compounds: { id: string; name: string }[];
  compoundId: string | null;
  trend: TrendPoint[];
  period: string | null;
  statement: StatementView | null;
  /** Why the month asked for is not shown (not yet published), instead of the statement. */
  statementMissing?: string;
  donations: DonationView[];
}
/**
 * 记账结账 in one call: the compound's close-and-book row (as fees.summary gives it),
 * and for those who remind, this month's arrears and the whole compound's reminder
 * preview; the entries of the month a booking goes into.
 */
export interface BooksPageView {
  period: string;
  compound: FeesSummary['compounds'][number];
  arrears: ArrearsView | null;
  preview: RemindPreviewView | null;
  entries: LedgerEntryView[];
}

export const EXPORT_KINDS = ['bills', 'payments', 'arrears', 'ledger', 'statements'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  bills: '账单',
  payments: '收款',
  arrears: '欠费',
  ledger: '流水账',
  statements: '月度报表',
};
export interface FeesExport {
  fileName: string;
  fileID: string;
  url: string;
  expiresAt: string;
  rows: number;
}

/** The core actions of fees; the parking/EV and arrears-reminder/committee-dues actions live in their own files. */
export const FEES_BASE_ACTIONS = {
  'fees.items': action(z.strictObject({ compoundId: id })).returns<FeeItemView[]>(),
  /** The committee sets a rate from a month on; the property manager's call records a proposal. */
  'fees.setRate': action(
    z.strictObject({
      compoundId: id,
      itemCode,
      kind: z.enum(FEE_KINDS),
      name: text({ max: 20 }),
      from: period,
      tiers: z.partialRecord(z.enum(TIERS), rateFen).optional(),
      fen: rateFen.optional(),
      /** Why: required of a proposal (the committee decides on it), kept with it. */
      reason: optionalText({ max: 200 }),
    }),
  ).returns<{ state: 'set' | 'proposed'; item: FeeItemView }>(),
  'fees.generate': action(z.strictObject({ clientRequestId, compoundId: id, period })).returns<JobView>(),
  'fees.jobStatus': action(z.strictObject({ jobId: id })).returns<JobView>(),
  'fees.myBills': action(z.strictObject({})).returns<MyBills>(),
  'fees.summary': action(z.strictObject({})).returns<FeesSummary>(),
  'fees.pay': action(z.strictObject({ clientRequestId, billIds })).returns<PayStart>(),
  'fees.order': action(z.strictObject({ outTradeNo: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) })).returns<OrderState>(),
  'fees.receipt': action(z.strictObject({ paymentId: id })).returns<ReceiptView>(),
  'fees.payOffline': action(
    z.strictObject({
      clientRequestId,
      billIds,
      method: z.enum(['cash', 'transfer']),
      receiptNo: z.string().regex(RECEIPT_NO, '收据号只能含字母、数字和-'),
    }),
  ).returns<ReceiptView>(),
  /**
   * Give back what a payment received for bills already paid: through WeChat Pay to
   * the payer (`wechat`, the default for an online payment; 退款中 until WeChat says it
   * succeeded) or in cash at the office (`cash`, recorded at once).
   */
  'fees.refund': action(
    z.strictObject({ paymentId: id, reason: text({ max: FEE_LIMITS.reason }), how: z.enum(['wechat', 'cash']).optional() }),
  ).returns<ReceiptView>(),
  /** 查询进度: ask WeChat Pay now how a pending refund stands (the reconcile timer does so every 2 hours). */
  'fees.refundCheck': action(z.strictObject({ paymentId: id })).returns<ReceiptView>(),
  /** The refunds page: money owed back in one of the caller's compounds and how each refund stands. */
  'fees.refunds': action(z.strictObject({ compoundId: id.optional() })).returns<RefundsPageView>(),
  'fees.arrears': action(z.strictObject({ compoundId: id, period, buildingId: id.optional() })).returns<ArrearsView>(),
  'ledger.book': action(
    z.strictObject({
      clientRequestId,
      compoundId: id,
      category: z.enum([...INCOME_CATEGORIES, ...EXPENSE_CATEGORIES]),
      amountFen,
      memo: text({ max: FEE_LIMITS.memo }),
      receipts: fileIds.default([]),
      donor: z
        .strictObject({ name: optionalText({ max: FEE_LIMITS.donor }), anonymous: z.boolean(), project: text({ max: 20 }) })
        .optional(),
    }),
  ).returns<LedgerEntryView>(),
  'ledger.reverse': action(
    z.strictObject({ clientRequestId, entryId: id, reason: text({ max: FEE_LIMITS.reason }) }),
  ).returns<LedgerEntryView>(),
  'ledger.entries': action(
    z.strictObject({ compoundId: id, period, category: z.enum([...INCOME_CATEGORIES, ...EXPENSE_CATEGORIES]).optional() }),
  ).returns<LedgerEntryView[]>(),
  'ledger.close': action(z.strictObject({ compoundId: id, period })).returns<StatementView>(),
  'ledger.publish': action(z.strictObject({ compoundId: id, period })).returns<StatementView>(),
  /**
   * Record the 财务公示 notice posted for a published month: only a published 财务公示
   * notice to the whole compound opening this month's statement. The first one
   * recorded stays unless `replace` (the committee replacing a wrong link; recorded).
   */
  'ledger.linkNotice': action(
    z.strictObject({ compoundId: id, period, noticeId: id, replace: z.boolean().optional() }),
  ).returns<StatementView>(),
  'ledger.statement': action(z.strictObject({ compoundId: id, period })).returns<StatementView>(),
  'ledger.trend': action(z.strictObject({ compoundId: id })).returns<TrendPoint[]>(),
  /** 校验; `receipts` are the ones the caller's app kept (entry seq + hash or short code). */
  'ledger.verify': action(
    z.strictObject({
      compoundId: id,
      receipts: z
        .array(
          z.strictObject({
            seq: z.number().int().min(1).max(1e9),
            hash: z.string().regex(/^(?:[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}|[0-9a-fA-F]{64})$/, '校验码格式不对'),
          }),
        )
        .max(FEE_LIMITS.witnesses)
        .optional(),
    }),
  ).returns<VerifyView>(),
  'ledger.ask': action(
    z.strictObject({
      clientRequestId,
      compoundId: id,
      period,
      category: z.enum([...INCOME_CATEGORIES, ...EXPENSE_CATEGORIES]),
      question: text({ max: FEE_LIMITS.question }),
    }),
  ).returns<{ id: string }>(),
  'ledger.answer': action(z.strictObject({ questionId: id, answer: text({ max: FEE_LIMITS.answer, multiline: true }) })).returns<{
    id: string;
  }>(),
  'ledger.donations': action(z.strictObject({ compoundId: id })).returns<DonationView[]>(),
  /** The 财务公示 page's one read (ledger.trend, ledger.statement and ledger.donations composed on the server). */
  'ledger.statementPage': action(z.strictObject({ compoundId: id.optional(), period: period.optional() })).returns<StatementPageView>(),
  /** The 记账结账 page's one read (a fees.summary row, fees.arrears, fees.remindPreview, ledger.entries). */
  'ledger.booksPage': action(z.strictObject({ compoundId: id })).returns<BooksPageView>(),
  /** .xlsx for the people who keep the books: a private file and a 10-minute link. */
  'fees.export': action(z.strictObject({ compoundId: id, kind: z.enum(EXPORT_KINDS), period })).returns<FeesExport>(),
};

export const feesApi = defineApi('fees', { ...FEES_BASE_ACTIONS, ...PARKING_ACTIONS, ...DUES_ACTIONS });
export type FeesApi = typeof feesApi;

/** payCallback has no client actions: WeChat Pay's notification and a timer only. */
export const payCallbackApi = defineApi('payCallback', {});
