/**
 * Arrears follow-up rules, pure: which homes are overdue (an unpaid bill of a month
 * before this one), the 7-day limit on reminding a home, the reminder's message
 * fields; half-years ("2026H1" = January–June) and whether a committee member has
 * paid every bill of a half-year. Money in integer fen, periods "YYYY-MM".
 */
import { addMonths, periodLabel, sumFen } from './rules';

// ---------------------------------------------------------------- half-years

/** "2026H1" (January–June) or "2026H2" (July–December). */
export const HALF = /^(20\d\d)H([12])$/;

export function isHalf(half: string): boolean {
  return HALF.test(half);
}

/** The six periods of a half-year, in order. */
export function halfPeriods(half: string): string[] {
  const m = HALF.exec(half);
  if (!m) throw new RangeError(`not a half-year: ${half}`);
  const first = `${m[1]}-${m[2] === '1' ? '01' : '07'}`;
  return Array.from({ length: 6 }, (_, i) => addMonths(first, i));
}

/** The half-year a period falls in. */
export function halfOf(period: string): string {
  const [y, mo] = period.split('-');
  return `${y}H${Number(mo) <= 6 ? 1 : 2}`;
}

/** "2026年上半年（1–6月）" */
export function halfLabel(half: string): string {
  const m = HALF.exec(half);
  if (!m) return half;
  return `${m[1]}年${m[2] === '1' ? '上半年（1–6月）' : '下半年（7–12月）'}`;
}

/** A half-year has ended when `nowPeriod` is after its last month. */
export function halfEnded(half: string, nowPeriod: string): boolean {
  const ps = halfPeriods(half);
  return nowPeriod > ps[ps.length - 1];
}

/** The half-year before this one. */
export function previousHalf(half: string): string {
  const m = HALF.exec(half);
  if (!m) throw new RangeError(`not a half-year: ${half}`);
  return m[2] === '2' ? `${m[1]}H1` : `${Number(m[1]) - 1}H2`;
}

/** The last half-year that has ended by `nowPeriod`. */
export function lastEndedHalf(nowPeriod: string): string {
  return previousHalf(halfOf(nowPeriod));
}

/** The current half-year and the `n - 1` before it, newest first (for a picker). */
export function recentHalves(nowPeriod: string, n: number): string[] {
  const out = [halfOf(nowPeriod)];
  while (out.length < n) out.push(previousHalf(out[out.length - 1]));
  return out;
}

// ---------------------------------------------------------------- a member's dues

export type DuesState = 'paid' | 'owing' | 'noBills' | 'noHome';
export const DUES_STATE_LABELS: Record<DuesState, string> = { paid: '已缴清', owing: '欠费', noBills: '无账单', noHome: '未登记房屋' };

export interface DuesStatus {
  state: DuesState;
  /** Months of the half with an unpaid bill. */
  months: number;
  owingFen: number;
  bills: number;
  /** 已缴清 / 欠 2 个月 356.40元 / 无账单 / 未登记房屋 */
  label: string;
}

/**
 * Whether every bill of the half-year for a member's homes is paid. `homes` is how
 * many homes of the compound they are bound to; `bills` those homes' bills of the
 * half (others are ignored).
 */
export function memberDues(
  half: string,
  homes: number,
  bills: { period: string; amountFen: number; status: 'paid' | 'unpaid' }[],
  formatYuan: (fen: number) => string,
): DuesStatus {
  if (homes === 0) return { state: 'noHome', months: 0, owingFen: 0, bills: 0, label: DUES_STATE_LABELS.noHome };
  const periods = new Set(halfPeriods(half));
  const inHalf = bills.filter((b) => periods.has(b.period));
  if (!inHalf.length) return { state: 'noBills', months: 0, owingFen: 0, bills: 0, label: DUES_STATE_LABELS.noBills };
  const unpaid = inHalf.filter((b) => b.status !== 'paid');
  if (!unpaid.length) return { state: 'paid', months: 0, owingFen: 0, bills: inHalf.length, label: DUES_STATE_LABELS.paid };
  const months = new Set(unpaid.map((b) => b.period)).size;
  const owingFen = sumFen(unpaid.map((b) => b.amountFen));
  return { state: 'owing', months, owingFen, bills: inHalf.length, label: `欠 ${months} 个月 ${formatYuan(owingFen)}` };
}

// ---------------------------------------------------------------- reminders

/** A home is reminded at most once in this many days. */
export const REMIND_WINDOW_DAYS = 7;
export const REMIND_WINDOW_MS = REMIND_WINDOW_DAYS * 24 * 3600_000;

/** Reminded at `at` (or never): still inside the window at `now`? */
export function remindedRecently(at: Date | string | null | undefined, now: Date): boolean {
  if (!at) return false;
  return new Date(at).getTime() > now.getTime() - REMIND_WINDOW_MS;
}

export interface OverdueHome {
  homeId: string;
  buildingId: string;
  label: string;
  /** Overdue months (distinct periods before this month with an unpaid bill), oldest first. */
  periods: string[];
  fen: number;
  itemNames: string[];
}

/**
 * Homes in arrears: an unpaid bill of a month before `nowPeriod` (this month's bill is
 * due, not overdue). Amounts are the overdue bills only. Sorted by home id.
 */
export function overdueHomes(
  bills: {
    homeId: string;
    buildingId: string;
    homeLabel: string;
    period: string;
    amountFen: number;
    status: 'paid' | 'unpaid';
    itemName: string;
  }[],
  nowPeriod: string,
): OverdueHome[] {
  const by = new Map<string, OverdueHome & { ps: Set<string>; items: Set<string>; amounts: number[] }>();
  for (const b of bills) {
    if (b.status !== 'unpaid' || b.period >= nowPeriod) continue;
    const e = by.get(b.homeId) ?? {
      homeId: b.homeId,
      buildingId: b.buildingId,
      label: b.homeLabel,
      periods: [],
      fen: 0,
      itemNames: [],
      ps: new Set<string>(),
      items: new Set<string>(),
      amounts: [],
    };
    e.ps.add(b.period);
    e.items.add(b.itemName);
    e.amounts.push(b.amountFen);
    by.set(b.homeId, e);
  }
  return [...by.values()]
    .map(({ ps, items, amounts, ...e }) => ({ ...e, periods: [...ps].sort(), fen: sumFen(amounts), itemNames: [...items].sort() }))
    .sort((a, b) => (a.homeId < b.homeId ? -1 : a.homeId > b.homeId ? 1 : 0));
}

/** A subscribe message's `thing` value: at most 20 characters. */
export function clip20(s: string): string {
  const chars = [...s];
  return chars.length <= 20 ? s : `${chars.slice(0, 19).join('')}…`;
}

/** "2026年3月" or "2026年3月至10月" / "2025年11月至2026年2月". */
export function periodsSpan(periods: string[]): string {
  if (!periods.length) return '';
  const sorted = [...periods].sort();
  const a = sorted[0];
  const b = sorted[sorted.length - 1];
  if (a === b) return periodLabel(a);
  if (a.slice(0, 4) === b.slice(0, 4)) return `${periodLabel(a)}至${Number(b.slice(5))}月`;
  return `${periodLabel(a)}至${periodLabel(b)}`;
}

/** What one person's reminder says, over the overdue homes it covers. */
export function reminderText(
  homes: Pick<OverdueHome, 'periods' | 'fen' | 'itemNames'>[],
  formatYuan: (fen: number) => string,
): { item: string; amount: string; period: string; note: string } {
  const items = [...new Set(homes.flatMap((h) => h.itemNames))].sort();
  const periods = [...new Set(homes.flatMap((h) => h.periods))];
  const months = periods.length;
  return {
    item: clip20(items.length > 1 ? `${items.join('、')}` : (items[0] ?? '物业费')),
    amount: formatYuan(sumFen(homes.map((h) => h.fen))),
    period: monthsText(periodsSpan(periods), months),
    note: REMIND_NOTE,
  };
}
/** "2026年3月至10月（8个月）", or without the count when that would pass 20 characters. */
function monthsText(span: string, months: number): string {
  const full = `${span}（${months}个月）`;
  if ([...full].length <= 20) return full;
  return [...span].length <= 20 ? span : `${months}个月`;
}
export const REMIND_NOTE = '请在小程序「物业缴费」缴纳';
