/**
 * Fee items, rates and bills, pure and in integers: money in fen, area in hundredths
 * of m², periods "YYYY-MM" (Asia/Shanghai). Rates change from a month on and old
 * bills keep the rate they were made with.
 */
import { billLineFen } from '../platform/units';
import { periodIndex, periodsFrom } from '../platform/period';

// ---------------------------------------------------------------- fee items

export const FEE_KINDS = ['property', 'parking', 'fixed', 'ev'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];
export const FEE_KIND_LABELS: Record<FeeKind, string> = { property: '物业费', parking: '停车费', fixed: '固定费用', ev: '充电费' };

/** Property-fee tiers by home attributes. */
export const TIERS = ['flat_lift', 'flat_walkup', 'shop'] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_LABELS: Record<Tier, string> = { flat_lift: '电梯住宅', flat_walkup: '无电梯住宅', shop: '商铺' };

export function tierOf(home: { kind: 'flat' | 'shop'; hasLift: boolean }): Tier {
  if (home.kind === 'shop') return 'shop';
  return home.hasLift ? 'flat_lift' : 'flat_walkup';
}

/** What one unit of each kind's rate is, as forms and lists say it. */
export const FEE_KIND_UNITS: Record<FeeKind, string> = { property: '元/㎡/月', parking: '元/个/月', fixed: '元/户/月', ev: '元/度' };

/**
 * One version of an item's rate, in force from `from` (a period) until a later one.
 * property: fen per m² per month by tier; parking: fen per space per month;
 * fixed: fen per home per month; ev: fen per kWh, charged per session.
 */
export interface RateVersion {
  from: string;
  /** property only */
  tiers?: Partial<Record<Tier, number>>;
  /** parking / fixed / ev */
  fen?: number;
  setBy: string;
  setAt: string;
}

/** The version in force in `period` (the latest `from` ≤ period), or null before the first. */
export function rateIn(history: RateVersion[], period: string): RateVersion | null {
  let best: RateVersion | null = null;
  for (const v of history) if (v.from <= period && (!best || v.from >= best.from)) best = v;
  return best;
}

/** Add a version; one from the same month replaces the earlier one of that month. Sorted by `from`. */
export function withVersion(history: RateVersion[], v: RateVersion): RateVersion[] {
  return [...history.filter((h) => h.from !== v.from), v].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export interface BillHome {
  kind: 'flat' | 'shop';
  hasLift: boolean;
  areaCenti: number;
  /** Parking spaces rented (parking items). */
  spaces?: number;
}

export type BillUnit = 'm2' | 'space' | 'home' | 'kwh';

export interface BillLine {
  /** What the line was computed from, kept on the bill: old bills keep their rate. */
  rateFen: number;
  quantity: number;
  /** 'm2' quantities are hundredths of m²; 'kwh' hundredths of a kWh. */
  unit: BillUnit;
  amountFen: number;
  tier?: Tier;
}

/**
 * The bill line of one home for one item and month, or null when the item does not
 * apply (no rate yet, no tier rate, no parking space, EV).
 * property: round-half-up(areaCenti × rate / 100) — `billLineFen`.
 */
export function billLine(kind: FeeKind, history: RateVersion[], period: string, home: BillHome): BillLine | null {
  const v = rateIn(history, period);
  if (!v) return null;
  if (kind === 'property') {
    const tier = tierOf(home);
    const rate = v.tiers?.[tier];
    if (rate === undefined) return null;
    return { rateFen: rate, quantity: home.areaCenti, unit: 'm2', amountFen: billLineFen(home.areaCenti, rate), tier };
  }
  if (kind === 'parking') {
    const spaces = home.spaces ?? 0;
    if (!spaces || v.fen === undefined) return null;
    return { rateFen: v.fen, quantity: spaces, unit: 'space', amountFen: safeMul(v.fen, spaces) };
  }
  if (kind === 'fixed') {
    if (v.fen === undefined) return null;
    return { rateFen: v.fen, quantity: 1, unit: 'home', amountFen: v.fen };
  }
  return null;
}

function safeMul(a: number, b: number): number {
  const r = a * b;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(r) || a < 0 || b < 0)
    throw new RangeError('amounts must be non-negative integers');
  return r;
}

/** Sum of integer fen amounts; refuses anything that is not a safe integer. */
export function sumFen(xs: number[]): number {
  let s = 0;
  for (const x of xs) {
    if (!Number.isSafeInteger(x)) throw new RangeError('amounts must be integers');
    s += x;
    if (!Number.isSafeInteger(s)) throw new RangeError('sum out of range');
  }
  return s;
}
// ---------------------------------------------------------------- periods

export const PREPAY_SPANS = { month: 1, quarter: 3, year: 12 } as const;
export type PrepaySpan = keyof typeof PREPAY_SPANS;

/**
 * Paying ahead: a quarter or a year from `start` is one line per month, each at the
 * rate in force in that month (a rate change inside the span applies from its month).
 */
export function prepayLines(
  kind: FeeKind,
  history: RateVersion[],
  start: string,
  span: PrepaySpan,
  home: BillHome,
): { period: string; line: BillLine }[] {
  const out: { period: string; line: BillLine }[] = [];
  for (const period of periodsFrom(start, PREPAY_SPANS[span])) {
    const line = billLine(kind, history, period, home);
    if (line) out.push({ period, line });
  }
  return out;
}
// ---------------------------------------------------------------- collection

/** Whole percent, floor (100 only when everything is paid; 0 when nothing is due). */
export function collectionRate(paidFen: number, dueFen: number): number {
  if (dueFen <= 0) return 0;
  return Math.floor((paidFen * 100) / dueFen);
}

/** Months between a bill's period and `now`'s period (0 = this month). */
export function monthsOverdue(period: string, nowPeriod: string): number {
  return Math.max(0, periodIndex(nowPeriod) - periodIndex(period));
}

// ---------------------------------------------------------------- rooms and bill ids

/** What people type for a room, made comparable: NFKC, no spaces, upper case, no trailing 室/号. */
export function normalizeRoom(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toUpperCase()
    .replace(/[室号]$/, '');
}

/** The room number a typed room ends with ("3栋2单元101" → "101", "沿街商铺S07" → "S07"). */
export function roomNumberOf(raw: string): string | null {
  const m = /([A-Z]?\d+)$/.exec(normalizeRoom(raw));
  return m ? m[1] : null;
}

/**
 * Whether a typed room names this home: its label ("3栋2单元101"), building-unit-room
 * with dashes ("3-2-101"), or, for a shop, the building and number ("沿街商铺S07").
 */
export function roomMatches(raw: string, home: { label: string; buildingName: string; unit: string; number: string }): boolean {
  const t = normalizeRoom(raw);
  if (t === normalizeRoom(home.label)) return true;
  const b = normalizeRoom(home.buildingName).replace(/(栋|幢|号楼|楼)$/, '');
  const parts = t.split('-');
  if (home.unit && parts.length === 3)
    return (
      parts[0].replace(/(栋|幢|号楼|楼)$/, '') === b &&
      parts[1].replace(/单元$/, '') === home.unit.toUpperCase() &&
      parts[2] === home.number.toUpperCase()
    );
  if (!home.unit && parts.length === 2) return parts[0].replace(/(栋|幢|号楼|楼)$/, '') === b && parts[1] === home.number.toUpperCase();
  return false;
}

/** Deterministic bill id: one bill per home, item and month, however often generation runs. */
export function billId(homeId: string, itemCode: string, period: string): string {
  return `${homeId}_${itemCode}_${period}`;
}
