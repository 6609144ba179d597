/**
 * The community's figures per compound and month: what each means, how a raw
 * figure becomes a cell (样本太少 below the minimum base, never a number that could
 * point at a home) and how two compounds' figures become a gap in words. Pure: the
 * snapshot job, the overview and the pages all read these.
 */
import dayjs from 'dayjs';
import { TZ, shanghai } from '../platform/time';
import { COMMUNITY_LIMITS } from './limits';
import { FIGURES, type FigureKey, type FigureUnit } from './figures';

export { FIGURES, FIGURE_KEYS } from './figures';
export type { FigureDef, FigureKey, FigureUnit } from './figures';

/** A figure as the snapshot stores it: the value (null = nothing to measure) and the homes in its base. */
export interface RawFigure {
  value: number | null;
  /** Homes (or home-level records) the value is computed from. */
  base: number;
}
export type CellState = 'value' | 'small' | 'none' | 'pending';
export interface Cell {
  state: CellState;
  /** Only when state is 'value'. */
  value?: number;
  text: string;
}

export const SMALL_SAMPLE = '样本太少';
export const NO_DATA = '暂无数据';

export function formatValue(unit: FigureUnit, v: number): string {
  switch (unit) {
    case 'percent':
      return `${Math.round(v * 100)}%`;
    case 'days':
      return `${v.toFixed(1)} 天`;
    case 'score':
      return `${v.toFixed(1)} 分`;
    case 'hours':
      return `${v.toFixed(1)} 小时`;
    case 'count':
      return `${v} 次`;
    case 'yesno':
      return v >= 1 ? '按时' : '未按时';
  }
}

/** What a stored figure may show: a number only when its base holds enough homes. */
export function cellOf(key: FigureKey, raw: RawFigure | undefined): Cell {
  const def = FIGURES[key];
  if (def.pending) return { state: 'pending', text: NO_DATA };
  if (!raw || raw.value === null) return { state: 'none', text: NO_DATA };
  if (raw.base < COMMUNITY_LIMITS.minBase) return { state: 'small', text: SMALL_SAMPLE };
  return { state: 'value', value: raw.value, text: formatValue(def.unit, raw.value) };
}

/** The gap between a compound and the model compound, in words. */
export function gapInWords(key: FigureKey, cell: Cell, model: Cell): string {
  const def = FIGURES[key];
  if (cell.state !== 'value' || model.state !== 'value') {
    if (cell.state === 'small' || model.state === 'small') return `${def.short}${SMALL_SAMPLE}，不作比较`;
    return `${def.short}${NO_DATA}，不作比较`;
  }
  const a = cell.value!;
  const b = model.value!;
  if (def.unit === 'yesno') {
    if (a === b) return `${def.short}与示范小区一样${a >= 1 ? '按时' : '未按时'}`;
    return a >= 1 ? `${def.short}按时，示范小区未按时` : `${def.short}未按时，示范小区按时`;
  }
  const [diff, unitWord, hi, lo] = ((): [number, string, string, string] => {
    switch (def.unit) {
      case 'percent':
        return [Math.round(a * 100) - Math.round(b * 100), ' 个百分点', '高', '低'];
      case 'days':
        return [round1(a - b), ' 天', '多', '少'];
      case 'score':
        return [round1(a - b), ' 分', '高', '低'];
      case 'hours':
        return [round1(a - b), ' 小时', '多', '少'];
      default:
        return [a - b, ' 次', '多', '少'];
    }
  })();
  if (diff === 0) return `${def.short}与示范小区持平`;
  return `${def.short}比示范小区${diff > 0 ? hi : lo} ${fmtNum(Math.abs(diff))}${unitWord}`;
}

/** Whether a compound's figure is worse than the model's (for marking the gap), null when not comparable. */
export function behind(key: FigureKey, cell: Cell, model: Cell): boolean | null {
  const def = FIGURES[key];
  if (cell.state !== 'value' || model.state !== 'value' || !def.better) return null;
  return def.better === 'higher' ? cell.value! < model.value! : cell.value! > model.value!;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const fmtNum = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

// ---- periods ----
/** The instants a Shanghai month covers: [start, end). */
export function monthRange(period: string): { start: Date; end: Date } {
  const start = dayjs.tz(`${period}-01 00:00:00`, TZ);
  return { start: start.toDate(), end: start.add(1, 'month').toDate() };
}
/** The `n` months ending at `period`, oldest first. */
export function trailingPeriods(period: string, n: number = COMMUNITY_LIMITS.trendMonths): string[] {
  const end = dayjs.tz(`${period}-01 00:00:00`, TZ);
  return Array.from({ length: n }, (_, i) => end.subtract(n - 1 - i, 'month').format('YYYY-MM'));
}
/** The month before the one an instant falls in (the last complete month). */
export function previousPeriod(at: Date | number = Date.now()): string {
  return shanghai(at).startOf('month').subtract(1, 'month').format('YYYY-MM');
}
/** The instant after which a month's statement is late: the end of the 10th day after month end. */
export function statementDeadline(period: string): Date {
  return dayjs.tz(`${period}-01 00:00:00`, TZ).add(1, 'month').add(COMMUNITY_LIMITS.statementDays, 'day').toDate();
}

// ---- the figures from raw rows (the snapshot job feeds these; tests recount independently) ----
export interface RawInputs {
  period: string;
  /** When the snapshot is taken: open repairs past their deadline count as overdue. */
  at: Date;
  homes: number;
  /** Notices published this month, with this compound's target homes and the homes that knew within 48 h. */
  notices: { targetHomes: number; knewHomes: number }[];
  bills: { homeId: string; amountFen: number; paid: boolean }[];
  statement: { closedAt: Date | null; publishedAt: Date | null } | null;
  repairs: { createdAt: Date; doneAt: Date | null; finishDueAt: Date; rating: number | null; homeId: string | null }[];
  volunteerMinutes: number;
  votes: { owners: number; voted: number }[];
  /** Concerns raised this month (merged duplicates left out): when the first answer was due and came, and the last rating. */
  concerns: { homeId: string; firstDueAt: Date; firstAnsweredAt: Date | null; rating: 'satisfied' | 'unsatisfied' | null }[];
  /** Homes a party member reached (上门, 电话 or 路遇; 不在家 is not reached) in the six months ending with this one. */
  visitedHomes: number;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const DAY_MS = 24 * 3600 * 1000;

export function computeFigures(r: RawInputs): Record<FigureKey, RawFigure> {
  const targetHomes = Math.max(0, ...r.notices.map((n) => n.targetHomes));
  const sumTarget = r.notices.reduce((s, n) => s + n.targetHomes, 0);
  const sumKnew = r.notices.reduce((s, n) => s + n.knewHomes, 0);
  const due = r.bills.reduce((s, b) => s + b.amountFen, 0);
  const paid = r.bills.reduce((s, b) => s + (b.paid ? b.amountFen : 0), 0);
  const billedHomes = new Set(r.bills.map((b) => b.homeId)).size;
  const deadline = statementDeadline(r.period);
  const onTime = r.statement?.publishedAt && r.statement.closedAt && r.statement.publishedAt <= deadline ? 1 : 0;
  const statementKnown = onTime === 1 || r.at > deadline;
  const done = r.repairs.filter((x) => x.doneAt);
  const rated = r.repairs.filter((x) => x.rating !== null);
  const repairHomes = (xs: typeof r.repairs) => new Set(xs.map((x) => x.homeId ?? 'common')).size;
  const overdue = r.repairs.filter((x) => (x.doneAt ?? r.at) > x.finishDueAt).length;
  const owners = r.votes.reduce((s, v) => s + v.owners, 0);
  // A concern counts once its first deadline has passed or it was answered: one still inside its time is not yet late.
  const dueConcerns = r.concerns.filter((c) => c.firstAnsweredAt || c.firstDueAt <= r.at);
  const inTime = dueConcerns.filter((c) => c.firstAnsweredAt && c.firstAnsweredAt <= c.firstDueAt).length;
  const ratedConcerns = r.concerns.filter((c) => c.rating);
  const concernHomes = (xs: typeof r.concerns) => new Set(xs.map((x) => x.homeId)).size;
  const voted = r.votes.reduce((s, v) => s + v.voted, 0);
  return {
    noticeReach: { value: sumTarget ? sumKnew / sumTarget : null, base: targetHomes },
    feeCollection: { value: due ? paid / due : null, base: billedHomes },
    statementOnTime: { value: statementKnown ? onTime : null, base: r.homes },
    repairMedianDays: { value: median(done.map((x) => (x.doneAt!.getTime() - x.createdAt.getTime()) / DAY_MS)), base: repairHomes(done) },
    repairOverdueShare: { value: r.repairs.length ? overdue / r.repairs.length : null, base: repairHomes(r.repairs) },
    repairSatisfaction: { value: rated.length ? rated.reduce((s, x) => s + x.rating!, 0) / rated.length : null, base: repairHomes(rated) },
    concernsAnswered: { value: dueConcerns.length ? inTime / dueConcerns.length : null, base: concernHomes(dueConcerns) },
    concernsSatisfaction: {
      value: ratedConcerns.length ? ratedConcerns.filter((c) => c.rating === 'satisfied').length / ratedConcerns.length : null,
      base: concernHomes(ratedConcerns),
    },
    volunteerHoursPer100: { value: r.homes ? (r.volunteerMinutes / 60 / r.homes) * 100 : null, base: r.homes },
    visitedHomes: { value: r.homes ? Math.min(r.visitedHomes, r.homes) / r.homes : null, base: r.homes },
    votesHeld: { value: r.votes.length, base: r.homes },
    voteTurnout: { value: owners ? voted / owners : null, base: owners },
  };
}
