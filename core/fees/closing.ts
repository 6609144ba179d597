/** When a month closes and where entries go, and how a due bill is named on the home card. */
import { addMonths } from '../platform/period';
import { FEE_KIND_LABELS, type FeeKind } from './rates';

/** A home card's title for what is due: the bill's kind (停车费待缴), or 待缴费用 when several kinds are due. */
export function dueTitle(kinds: FeeKind[]): string {
  const k = [...new Set(kinds)];
  if (!k.length) return '费用已缴清';
  return k.length === 1 ? `${FEE_KIND_LABELS[k[0]]}待缴` : '待缴费用';
}

// ---------------------------------------------------------------- closing months

/** Who closes and publishes a month (ledger.close): named where a bookkeeper sees a month waiting. */
export const CLOSED_BY_LABEL = '业委会委员';

/** A month can be closed only once it has ended in Asia/Shanghai: the figures of a running month are not final. */
export function monthEnded(period: string, nowPeriod: string): boolean {
  return period < nowPeriod;
}

/** "2027年1月1日": the first day on which `period` can be closed. */
export function closableFrom(period: string): string {
  const [y, m] = addMonths(period, 1).split('-');
  return `${y}年${Number(m)}月1日`;
}

/**
 * The month entries go into now: this month, or the one after the last closed month
 * (a month closed before the rule above existed may be the running one).
 */
export function bookingPeriod(closedThrough: string | null, nowPeriod: string): string {
  return closedThrough && closedThrough >= nowPeriod ? addMonths(closedThrough, 1) : nowPeriod;
}

export interface MonthToClose {
  /** The next month to close: the one after the last closed month (last month when none is closed). */
  period: string;
  /** It has ended, so it can be closed now. */
  closable: boolean;
  /** In words, for the books page and the home card: "11月可以结账" / "12月结束后（2027年1月1日起）可以结账". */
  hint: string;
}

export function monthToClose(closedThrough: string | null, nowPeriod: string): MonthToClose {
  const period = closedThrough ? addMonths(closedThrough, 1) : addMonths(nowPeriod, -1);
  const closable = monthEnded(period, nowPeriod);
  const m = `${Number(period.slice(5))}月`;
  return { period, closable, hint: closable ? `${m}可以结账` : `${m}结束后（${closableFrom(period)}起）可以结账` };
}
