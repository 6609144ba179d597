/**
 * fees, refunds of money paid twice: the refunds page of the people who keep the
 * books (what is owed back, 退款中, 退款未成功 and why), asking for a refund (原路退回
 * through WeChat Pay, or cash at the office) and asking how one stands: the views
 * (the actions are in contract.ts). States and rules in refunds.ts.
 */
import type { RefundState } from './refunds';

// ---- views ----

/** One payment with money owed back, as the refunds page lists it. */
export interface RefundItem {
  paymentId: string;
  receiptNo: string;
  /** The homes it paid for: "天翔世家 3栋2单元101". */
  homes: string;
  paidAt: string;
  methodLabel: string;
  /** What is owed back (the bills it paid twice). */
  amountFen: number;
  amount: string;
  state: RefundState;
  stateLabel: string;
  /** Why the last attempt failed, and what to do (退款未成功). */
  note?: string;
  reason?: string;
  askedByName?: string;
  askedAt?: string;
  /** Refunds tried and failed so far. */
  failures: number;
  /** What the caller may do now (the function checks again). */
  can: { wechat: boolean; cash: boolean; check: boolean };
}

export interface RefundsPageView {
  /** The compounds whose refunds the caller sees, and the one shown. */
  compounds: { id: string; name: string }[];
  compoundId: string;
  /** Owed, pending and failed refunds, oldest payment first. */
  items: RefundItem[];
}

/** A refund on my bills page: what it is for and where it stands, in words for a resident. */
export interface MyRefundView {
  paymentId: string;
  receiptNo: string;
  amount: string;
  state: RefundState;
  stateLabel: string;
  note: string;
  at: string;
}
