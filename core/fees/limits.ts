/** Field limits of fees and the ledger, read by the contract's schemas and by the forms. */
export const FEE_LIMITS = {
  /** Receipts one 校验 checks (the newest an app keeps). */
  witnesses: 200,
  /** Highest rate a form accepts: 1,000 元 per m² (or per space / per home) per month, in fen. */
  maxRateFen: 100_000,
  /** Highest single amount booked or paid: 10,000,000 元 in fen. */
  maxAmountFen: 1_000_000_000,
  /** Bills paid in one order. */
  billsPerOrder: 24,
  memo: 60,
  reason: 100,
  receiptNo: 32,
  donor: 20,
  question: 200,
  answer: 500,
  receipts: 9,
  /** Months a bill may be paid ahead (a year). */
  prepayMonths: 12,
} as const;
/** Receipt numbers people type: letters, digits and dashes. */
export const RECEIPT_NO = /^[A-Za-z0-9-]{1,32}$/;
/** "YYYY-MM" (the shared pattern). */
export { PERIOD_PATTERN as PERIOD } from '../platform/patterns';
