/**
 * Document shapes of fees, shared by the two functions that write them (`fees` and
 * `payCallback`, which may not import each other), and the one builder of a bill
 * document (generation, EV sessions and the demo write bills of the same shape).
 */
import type {
  BillLine,
  BillUnit,
  Category,
  ChainFields,
  ChainHead,
  FeeKind,
  Fund,
  LedgerKind,
  RateVersion,
  Rental,
  StatementFigures,
  Tier,
} from './rules';
import type { RefundCategory, RefundFailureKind, RefundState } from './refunds';

export interface FeeItemDoc {
  _id: string;
  compoundId: string;
  communityId: string;
  code: string;
  kind: FeeKind;
  name: string;
  rates: RateVersion[];
  proposals: (Omit<RateVersion, 'setBy' | 'setAt'> & { by: string; byName: string; at: Date; reason?: string })[];
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
  /** m2: hundredths of m²; space: spaces; home: 1; kwh: hundredths of a kWh. */
  quantity: number;
  unit: BillUnit;
  tier?: Tier;
  /** Parking: the spaces billed, natural order ("A-012", "A-013"). */
  spaces?: string[];
  /** EV charging: when the session started. */
  sessionAt?: Date;
  amountFen: number;
  status: 'unpaid' | 'paid';
  /** The order being paid (a second order for the same bill waits until it is settled or closed). */
  orderNo?: string | null;
  paymentId?: string;
  paidAt?: Date;
  createdAt: Date;
}

/** Where a bill belongs: the home's place (from the directory). */
export interface BillHomeRef {
  _id: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  buildingId: string;
  label: string;
}

/** A new (unpaid) bill of a home for one item's line. */
export function billDoc(
  id: string,
  home: BillHomeRef,
  item: Pick<FeeItemDoc, 'code' | 'name' | 'kind'>,
  period: string,
  line: BillLine,
  createdAt: Date,
  extra: { spaces?: string[]; sessionAt?: Date } = {},
): BillDoc {
  return {
    _id: id,
    communityId: home.communityId,
    compoundId: home.compoundId,
    buildingId: home.buildingId,
    homeId: home._id,
    homeLabel: `${home.compoundName} ${home.label}`,
    compoundPeriod: `${home.compoundId}_${period}`,
    itemCode: item.code,
    itemName: item.name,
    kind: item.kind,
    period,
    rateFen: line.rateFen,
    quantity: line.quantity,
    unit: line.unit,
    ...(line.tier ? { tier: line.tier } : {}),
    ...(extra.spaces ? { spaces: extra.spaces } : {}),
    ...(extra.sessionAt ? { sessionAt: extra.sessionAt } : {}),
    amountFen: line.amountFen,
    status: 'unpaid',
    orderNo: null,
    createdAt,
  };
}

/** A parking space of a compound: _id `${compoundId}_${spaceNo}`. */
export interface ParkingSpaceDoc {
  _id: string;
  compoundId: string;
  communityId: string;
  spaceNo: string;
  /** spaceSortKey(spaceNo): natural order from the `compound` index. */
  sortKey: string;
  /**
   * Every home with a rental on record (multikey `home` index): generation finds a
   * batch's spaces with one $in, including a past renter's when a month is generated late.
   */
  homeId: string[];
  /** Oldest first; never overlapping. */
  rentals: (Rental & { by: string; byName: string; at: Date; endedBy?: string; endedAt?: Date })[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One EV charging session; its bill has the same _id. */
export interface EvSessionDoc {
  _id: string;
  communityId: string;
  compoundId: string;
  /** `${compoundId}_${period}`: a month's sessions. */
  compoundPeriod: string;
  period: string;
  buildingId: string;
  homeId: string;
  homeLabel: string;
  itemCode: string;
  /** Hundredths of a kWh. */
  energyCenti: number;
  /** Fen per kWh in force in the session's month. */
  rateFen: number;
  amountFen: number;
  /** When charging started. */
  at: Date;
  recordedBy: string;
  recordedByName: string;
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
  /** The merchant (子商户号) the order was made for: queryOrder and closeOrder must name it. */
  subMchId?: string;
  /** When WeChat stops accepting payment for it (`timeExpire`): the bills' hold ends then. */
  expiresAt?: Date;
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
  /** Money is still owed back (true until a refund is confirmed). */
  needsRefund: boolean;
  /** Where the refund of `duplicateFen` stands (core/fees/refunds.ts); absent when nothing is owed. */
  refundState?: RefundState;
  /**
   * Money given back: through WeChat Pay to the payer (原路退回), or in cash at the
   * office. A WeChat refund is `pending` from the request until WeChat's notification
   * or queryRefund says how it ended; its ledger entries are written only then. A
   * refund recorded before refunds were confirmed has no `state` and is refunded.
   */
  refund?: {
    state?: 'pending' | 'failed' | 'refunded';
    amountFen: number;
    reason: string;
    /** Who asked for it (person id, name as booked). */
    by: string;
    byName?: string;
    /** When it was asked for (the latest attempt). */
    at: Date;
    how?: 'wechat' | 'cash';
    /** WeChat: the attempt (1-based) and its refund number; WeChat's refund id once accepted. */
    attempt?: number;
    outRefundNo?: string;
    refundId?: string;
    /** The merchant the order was paid to: refund and queryRefund must name it. */
    subMchId?: string;
    /** The ledger lines it posts when confirmed, by fund. */
    parts?: { category: RefundCategory; amountFen: number }[];
    /** The last failure, shown to the people who handle it. */
    failure?: { kind: RefundFailureKind; note: string; at: Date; outRefundNo?: string };
    /** Failed attempts so far. */
    failures?: number;
    confirmedAt?: Date;
    /** What confirmed it: WeChat's notification, queryRefund, or the office (cash). */
    confirmedBy?: 'notify' | 'query' | 'office';
    /** The first of its ledger entries, and all of them (one per fund). */
    entryId?: string;
    entryIds?: string[];
  };
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

/**
 * The chain head of a compound as the `witness` timer saw it once a day: _id
 * `${compoundId}_${day}`. Only the timer writes it (no action does), every notice
 * posted that day quotes it, and 校验 checks the chain still has it.
 */
export interface LedgerDailyHeadDoc {
  _id: string;
  compoundId: string;
  /** Shanghai day "YYYY-MM-DD". */
  day: string;
  seq: number;
  hash: string;
  at: Date;
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
  /** Every replacement of `notice` by the committee (ledger.linkNotice with replace). */
  noticeChanges?: { from: string; to: string; by: string; at: Date }[];
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
