/**
 * Document shapes of fees, shared by the two functions that write them (`fees` and
 * `payCallback`, which may not import each other). Types only.
 */
import type { Category, ChainFields, ChainHead, FeeKind, Fund, LedgerKind, RateVersion, StatementFigures, Tier } from './rules';

export interface FeeItemDoc {
  _id: string;
  compoundId: string;
  communityId: string;
  code: string;
  kind: FeeKind;
  name: string;
  rates: RateVersion[];
  proposals: (Omit<RateVersion, 'setBy' | 'setAt'> & { by: string; byName: string; at: Date })[];
  updatedAt: Date;
}

export interface BillDoc {
  _id: string;
  communityId: string;
  compoundId: string;
  buildingId: string;
  homeId: string;
  homeLabel: string;
  /** `${compoundId}_${period}`: the index for a month's bills. */
  compoundPeriod: string;
  itemCode: string;
  itemName: string;
  kind: FeeKind;
  period: string;
  rateFen: number;
  quantity: number;
  unit: 'm2' | 'space' | 'home';
  tier?: Tier;
  amountFen: number;
  status: 'unpaid' | 'paid';
  /** The order being paid (a second order for the same bill waits until it is settled or closed). */
  orderNo?: string | null;
  paymentId?: string;
  paidAt?: Date;
  createdAt: Date;
}

export interface PayOrderDoc {
  _id: string;
  compoundId: string;
  communityId: string;
  personId: string;
  openid: string;
  billIds: string[];
  totalFee: number;
  state: 'pending' | 'paid' | 'closed';
  /** Callbacks refused (amount or order differing), kept for the audit. */
  refused?: number;
  paymentId?: string;
  createdAt: Date;
  settledAt?: Date;
}

export interface PaymentDoc {
  _id: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  method: 'wechat' | 'cash' | 'transfer';
  receiptNo: string;
  billIds: string[];
  homeIds: string[];
  lines: { billId: string; homeLabel: string; itemName: string; period: string; amountFen: number; duplicate: boolean }[];
  amountFen: number;
  /** Bills in it that were already paid by another payment: this much is owed back. */
  duplicateFen: number;
  needsRefund: boolean;
  refund?: { amountFen: number; reason: string; by: string; at: Date; entryId: string };
  transactionId?: string;
  outTradeNo?: string;
  /** Shanghai day "YYYY-MM-DD" (the day's WeChat Pay total against the ledger). */
  day: string;
  paidAt: Date;
  recordedBy: string;
  entryIds: string[];
}

export interface LedgerEntryDoc extends Omit<ChainFields, 'at'> {
  _id: string;
  communityId: string;
  compoundPeriod: string;
  at: string;
  hash: string;
  by: string;
  byName: string;
  reason?: string;
  reversedBy?: string;
  /** Donations: `${compoundId}` for the board, the donor as shown. */
  donationBoard?: string;
  donor?: { name: string; anonymous: boolean; project: string };
}
export type { LedgerKind, Fund, Category };

export interface LedgerHeadDoc {
  _id: string;
  seq: number;
  hash: string;
  /** The last closed month: nothing more is booked into it or before it. */
  closedThrough: string | null;
  updatedAt: Date;
}

export interface StatementDoc {
  _id: string;
  compoundId: string;
  communityId: string;
  period: string;
  status: 'closed' | 'published';
  figures: StatementFigures;
  head: ChainHead;
  closedBy: string;
  closedAt: Date;
  publishedBy?: string;
  publishedAt?: Date;
  /** The 财务公示 notice posted to the compound's owners when it was published. */
  notice?: { id: string; by: string; at: Date };
}

export interface LedgerQuestionDoc {
  _id: string;
  statementId: string;
  compoundId: string;
  period: string;
  category: Category;
  question: string;
  askedBy: string;
  answer?: string;
  answeredBy?: string;
  answeredAt?: Date;
  at: Date;
}
