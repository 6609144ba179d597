/** Collections of fees and the ledger. Every per-user read is an equality/$in on an index's first key, with a limit. */
import { defineCollections } from '../platform/collections';

export const FEES_COLLECTIONS = defineCollections([
  /** One per compound and item: _id `${compoundId}_${code}`, with its rate history. */
  { name: 'feeItems', indexes: [{ name: 'compound', keys: { compoundId: 1 } }] },
  /**
   * One per home, item and month: _id `${homeId}_${itemCode}_${period}` is the unique
   * key (a second generation writes nothing new). "My bills" is a $in on homeId; a
   * month's bills (and a compound's arrears over past months) a $in on compoundPeriod.
   */
  {
    name: 'bills',
    indexes: [
      { name: 'home', keys: { homeId: 1, period: -1 } },
      { name: 'compound_period', keys: { compoundPeriod: 1, status: 1 } },
    ],
  },
  /** One per WeChat Pay order: _id = outTradeNo. */
  {
    name: 'payOrders',
    indexes: [
      { name: 'open', keys: { state: 1, createdAt: 1 } },
      { name: 'person', keys: { personId: 1, createdAt: -1 } },
    ],
  },
  /** One per payment received (online: `wx_${outTradeNo}`; offline: `off_${compoundId}_${receiptNo}`). */
  {
    name: 'payments',
    indexes: [
      { name: 'compound_day', keys: { compoundId: 1, day: 1 } },
      { name: 'homes', keys: { homeIds: 1, paidAt: -1 } },
      /** Money still owed back, per compound (the refunds page). */
      { name: 'refund', keys: { needsRefund: 1, compoundId: 1 } },
      /** Refunds by state: the reconcile timer asks WeChat about every `pending` one. */
      { name: 'refund_state', keys: { refundState: 1, compoundId: 1 } },
      /** A resident's refunds (my bills). */
      { name: 'home_refund', keys: { homeIds: 1, refundState: 1 } },
    ],
  },
  /** Append-only entries: _id `${compoundId}_${seq}` (seq zero-padded); sourceKey unique per compound. */
  {
    name: 'ledger',
    indexes: [
      { name: 'compound_period', keys: { compoundPeriod: 1, seq: 1 } },
      { name: 'compound_seq', keys: { compoundId: 1, seq: 1 }, unique: true },
      { name: 'source', keys: { sourceKey: 1 }, unique: true },
      { name: 'donations', keys: { donationBoard: 1, at: -1 } },
    ],
  },
  /** The chain head per compound: _id = compoundId. Appends move it in the entry's transaction. */
  { name: 'ledgerHeads', indexes: [] },
  /** The head once a day, written only by the `witness` timer: _id `${compoundId}_${day}`; a notice reads the newest. */
  { name: 'ledgerDailyHeads', indexes: [{ name: 'compound_day', keys: { compoundId: 1, day: -1 } }] },
  /** One per compound and month: _id `${compoundId}_${period}`. */
  { name: 'statements', indexes: [{ name: 'compound', keys: { compoundId: 1, period: -1 } }] },
  /** Questions on a statement line, with the public answer. */
  { name: 'ledgerQuestions', indexes: [{ name: 'statement', keys: { statementId: 1, at: -1 } }] },
  /** Parking spaces of a compound and the home renting each: _id `${compoundId}_${spaceNo}`. */
  {
    name: 'parkingSpaces',
    indexes: [
      { name: 'compound', keys: { compoundId: 1, sortKey: 1 } },
      { name: 'home', keys: { homeId: 1 } },
    ],
  },
  /** EV charging sessions (energy and amount), each billed to a home. */
  {
    name: 'evSessions',
    indexes: [
      { name: 'compound_period', keys: { compoundPeriod: 1, at: -1 } },
      { name: 'home', keys: { homeId: 1, at: -1 } },
    ],
  },
  /** The last arrears reminder of each home and person (the 7-day rule): _id `h_<homeId>` / `p_<personId>`, read by id. */
  { name: 'feeReminders', indexes: [] },
  /** The six-monthly published list of whether each committee member has paid: _id `${compoundId}_${half}`. */
  { name: 'committeeDues', indexes: [{ name: 'compound', keys: { compoundId: 1, half: -1 } }] },
]);
