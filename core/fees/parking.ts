/** Parking spaces rented by the month and EV charging billed per session (fees). */
import { billLineFen } from '../platform/units';
import { addMonths, periodLabel } from '../platform/period';
import type { BillLine, RateVersion } from './rates';
import { rateIn } from './rates';

// ---------------------------------------------------------------- parking and EV charging

export const PARKING_LIMITS = {
  /** Spaces in one compound's register (the register is read in one query). */
  spacesPerCompound: 1000,
  /** Spaces registered in one call. */
  spacesPerAdd: 50,
  /** Rentals kept on a space (the oldest go first). */
  rentalsKept: 24,
  /** Highest energy of one session: 200 kWh, in hundredths. */
  maxEnergyCenti: 20_000,
  /** A session may be recorded up to this many days after it started. */
  sessionMaxAgeDays: 31,
  /** A rental may start or end at most this many months ahead. */
  monthsAhead: 12,
  spaceNo: 16,
  room: 30,
} as const;

/** Clock skew allowed for a session's start "now" (the staff member's phone may run ahead). */
export const SESSION_CLOCK_SKEW_MS = 5 * 60_000;

/** Why a charging session's start cannot be recorded now (null when it can): not in the future, not too old. */
export function sessionStartProblem(at: Date, now: Date): string | null {
  if (at.getTime() > now.getTime() + SESSION_CLOCK_SKEW_MS) return '开始时间不能晚于现在';
  if (now.getTime() - at.getTime() > PARKING_LIMITS.sessionMaxAgeDays * 86_400_000)
    return `只能登记${PARKING_LIMITS.sessionMaxAgeDays}天内的充电记录`;
  return null;
}

/** Space numbers people type: letters, digits, Chinese and dashes ("A-012", "地下B2-105"). */
export const SPACE_NO = /^[\u4e00-\u9fa5A-Z0-9][\u4e00-\u9fa5A-Z0-9-]{0,15}$/;

/** Full-width letters, digits and dashes to ASCII, upper case, no spaces: "ａ－０１２" → "A-012". */
export function normalizeSpaceNo(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[\u2010-\u2015\u2212\uFF0D_]/g, '-')
    .toUpperCase();
}

/**
 * Space numbers from what a person types: separated by spaces, commas or 、, and
 * ranges "A-001~A-010" (or 至/到) expanded with the same zero padding. null when a
 * range is malformed or too long.
 */
export function expandSpaceNos(input: string, max: number = PARKING_LIMITS.spacesPerAdd): string[] | null {
  const out: string[] = [];
  for (const part of input.split(/[\s,，、;；]+/).filter(Boolean)) {
    const range = part.split(/[~～至到]/);
    if (range.length === 1) {
      out.push(normalizeSpaceNo(part));
      continue;
    }
    if (range.length !== 2) return null;
    const [a, b] = range.map(normalizeSpaceNo);
    const ma = /^(.*?)(\d+)$/.exec(a);
    const mb = /^(.*?)(\d+)$/.exec(b);
    if (!ma || !mb) return null;
    const prefixB = mb[1] || ma[1];
    if (ma[1] !== prefixB) return null;
    const lo = Number(ma[2]);
    const hi = Number(mb[2]);
    if (hi < lo || hi - lo + 1 > max) return null;
    for (let n = lo; n <= hi; n++) out.push(`${ma[1]}${String(n).padStart(ma[2].length, '0')}`);
  }
  const unique = [...new Set(out)];
  return unique.length > max ? null : unique;
}

/** A key that sorts space numbers naturally as a plain string: digit runs padded to 8 places. */
export function spaceSortKey(spaceNo: string): string {
  return spaceNo.replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(8, '0'));
}

/** One home's rental of a space: billed in every month from `from` up to (not including) `until`. */
export interface Rental {
  homeId: string;
  homeLabel: string;
  from: string;
  /** The first month no longer rented; null while open-ended. */
  until: string | null;
}

/** The rental in force in `period`, if any. */
export function rentalIn<R extends Rental>(rentals: R[], period: string): R | null {
  return rentals.find((r) => r.from <= period && (r.until === null || period < r.until)) ?? null;
}

/**
 * Why a space cannot be rented from `from` (Chinese), or null. Rentals never overlap:
 * a new one starts at or after the end of every earlier one.
 */
export function rentProblem(rentals: Rental[], from: string): string | null {
  for (const r of rentals) {
    if (r.until === null) return r.from <= from ? '该车位已出租' : `该车位已从${periodLabel(r.from)}起出租`;
    if (from < r.until) return `该车位${periodLabel(r.from)}至${periodLabel(addMonths(r.until, -1))}已出租`;
  }
  return null;
}

/** The spaces (numbers, natural order) each home rents in `period`. */
export function spacesByHome(spaces: { spaceNo: string; rentals: Rental[] }[], period: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of spaces) {
    const r = rentalIn(s.rentals, period);
    if (!r) continue;
    out.set(r.homeId, [...(out.get(r.homeId) ?? []), s.spaceNo]);
  }
  for (const list of out.values())
    list.sort((a, b) => (spaceSortKey(a) < spaceSortKey(b) ? -1 : spaceSortKey(a) > spaceSortKey(b) ? 1 : 0));
  return out;
}

/**
 * An EV charging session's bill line: round-half-up(energy in hundredths of kWh ×
 * fen per kWh / 100), integers only; null when the item has no rate in that month.
 */
export function evLine(history: RateVersion[], period: string, energyCenti: number): BillLine | null {
  const v = rateIn(history, period);
  if (!v || v.fen === undefined) return null;
  return { rateFen: v.fen, quantity: energyCenti, unit: 'kwh', amountFen: billLineFen(energyCenti, v.fen) };
}

/**
 * An EV session's bill id: unique per session, the same for a retry. It keeps the
 * shape `${homeId}_${item}_${period}` (the item part carries the session's hash), so
 * whatever reads a home from a bill id reads it the same way.
 */
export function evBillId(homeId: string, itemCode: string, period: string, sessionKey: string): string {
  return `${homeId}_${itemCode}-${sessionKey}_${period}`;
}
