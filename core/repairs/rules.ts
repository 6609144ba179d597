/**
 * Repairs: the pure rules shared by the client and the `repairs` function — where a
 * repair is, its categories and clocks, THE state machine (one data table), who a
 * person is to a repair, what they may see, and the monthly arithmetic. No zod, no
 * dayjs (the client imports this file), no Taro, no wx-server-sdk.
 */
import { can } from '../authz';
import type { Actor, Target } from '../platform/roles';
import { AUTO_CLOSE_DAYS, REPAIR_LIMITS, URGE_INTERVAL_HOURS } from './limits';

export { REPAIR_LIMITS } from './limits';

// ---------------------------------------------------------------- what and where

export const REPAIR_CATEGORIES = ['水管漏水', '下水堵塞', '电路照明', '电梯', '门窗门禁', '墙面渗水', '公共设施', '其他'] as const;
export type RepairCategory = (typeof REPAIR_CATEGORIES)[number];

/** Common areas a repair can be for (a home repair names the home instead). */
export const COMMON_AREAS = ['building', 'lift', 'parking', 'green', 'gate', 'other'] as const;
export type CommonArea = (typeof COMMON_AREAS)[number];
export const COMMON_AREA_LABELS: Record<CommonArea, string> = {
  building: '楼道/楼栋',
  lift: '电梯',
  parking: '停车场/车棚',
  green: '绿化',
  gate: '大门/门岗',
  other: '其他公共区域',
};

/**
 * Clocks per category, in hours from the report: time to accept and time to
 * finish. An urgent repair gets a quarter of each (at least one hour to accept).
 */
export const CATEGORY_CLOCKS: Record<RepairCategory, { acceptHours: number; finishHours: number }> = {
  水管漏水: { acceptHours: 2, finishHours: 24 },
  下水堵塞: { acceptHours: 4, finishHours: 24 },
  电路照明: { acceptHours: 4, finishHours: 48 },
  电梯: { acceptHours: 1, finishHours: 24 },
  门窗门禁: { acceptHours: 8, finishHours: 72 },
  墙面渗水: { acceptHours: 24, finishHours: 168 },
  公共设施: { acceptHours: 24, finishHours: 120 },
  其他: { acceptHours: 24, finishHours: 168 },
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function clocksOf(category: RepairCategory, urgent: boolean): { acceptHours: number; finishHours: number } {
  const c = CATEGORY_CLOCKS[category];
  if (!urgent) return c;
  return { acceptHours: Math.max(1, c.acceptHours / 4), finishHours: Math.max(4, c.finishHours / 4) };
}

export function deadlines(category: RepairCategory, urgent: boolean, reportedAt: Date): { acceptDueAt: Date; finishDueAt: Date } {
  const c = clocksOf(category, urgent);
  return {
    acceptDueAt: new Date(reportedAt.getTime() + c.acceptHours * HOUR),
    finishDueAt: new Date(reportedAt.getTime() + c.finishHours * HOUR),
  };
}

// ---------------------------------------------------------------- the state machine

export const REPAIR_STATUSES = [
  'submitted',
  'accepted',
  'assigned',
  'inProgress',
  'done',
  'confirmed',
  'reopened',
  'cancelled',
  'merged',
  'closed',
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

export const REPAIR_STATUS_LABELS: Record<RepairStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  assigned: '已派单',
  inProgress: '维修中',
  done: '待确认',
  confirmed: '已完成',
  reopened: '待重新派单',
  cancelled: '已取消',
  merged: '已合并',
  closed: '已完成（自动）',
};

/** Who someone is to one repair. 'system' is the auto-close timer. */
export type RepairParty = 'reporter' | 'manager' | 'assignee' | 'system';

export const REPAIR_ACTIONS = ['accept', 'assign', 'start', 'finish', 'confirm', 'reopen', 'cancel', 'merge', 'autoClose'] as const;
export type RepairAction = (typeof REPAIR_ACTIONS)[number];

export interface TransitionRule {
  action: RepairAction;
  from: readonly RepairStatus[];
  to: RepairStatus;
  by: readonly RepairParty[];
  /** A note must be given (why it is reopened or cancelled). */
  noteRequired?: boolean;
}

/**
 * THE table. Anything not in it is refused. The manager accepts and dispatches
 * (also straight from submitted, which accepts it too; again while assigned, to
 * re-dispatch before work starts); only the assigned staff member starts and
 * finishes; the reporter's side (the reporter, or a resident of the repaired
 * home) confirms, reopens or cancels before work starts; the timer closes a done
 * repair nobody confirmed.
 */
export const REPAIR_TRANSITIONS: readonly TransitionRule[] = [
  { action: 'accept', from: ['submitted'], to: 'accepted', by: ['manager'] },
  { action: 'assign', from: ['submitted', 'accepted', 'assigned', 'reopened'], to: 'assigned', by: ['manager'] },
  { action: 'start', from: ['assigned'], to: 'inProgress', by: ['assignee'] },
  { action: 'finish', from: ['inProgress'], to: 'done', by: ['assignee'] },
  { action: 'confirm', from: ['done'], to: 'confirmed', by: ['reporter'] },
  { action: 'reopen', from: ['done'], to: 'reopened', by: ['reporter'], noteRequired: true },
  { action: 'cancel', from: ['submitted', 'accepted', 'assigned'], to: 'cancelled', by: ['reporter'] },
  { action: 'merge', from: ['submitted', 'accepted', 'assigned', 'reopened'], to: 'merged', by: ['manager'] },
  { action: 'autoClose', from: ['done'], to: 'closed', by: ['system'] },
];

export const REPAIR_ACTION_LABELS: Record<RepairAction, string> = {
  accept: '受理',
  assign: '派单',
  start: '开始维修',
  finish: '完工',
  confirm: '确认完成',
  reopen: '未修好，重新处理',
  cancel: '取消报修',
  merge: '合并到其他报修',
  autoClose: '超时自动完成',
};

export function ruleFor(action: RepairAction): TransitionRule {
  const r = REPAIR_TRANSITIONS.find((t) => t.action === action);
  if (!r) throw new Error(`no transition ${action}`);
  return r;
}

/** The status `action` leads to from `from`, or null when the table has no such move. */
export function nextStatus(from: RepairStatus, action: RepairAction): RepairStatus | null {
  const r = REPAIR_TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
  return r ? r.to : null;
}

export type TransitionVerdict = 'ok' | 'illegal' | 'notYours';

/** May someone with these parties do `action` to a repair in `status`? */
export function judgeTransition(status: RepairStatus, action: RepairAction, parties: readonly RepairParty[]): TransitionVerdict {
  const r = ruleFor(action);
  if (!r.from.includes(status)) return 'illegal';
  return r.by.some((p) => parties.includes(p)) ? 'ok' : 'notYours';
}

/** The actions this person may take now (the buttons a page shows). */
export function allowedActions(status: RepairStatus, parties: readonly RepairParty[]): RepairAction[] {
  return REPAIR_TRANSITIONS.filter((t) => t.action !== 'autoClose' && t.from.includes(status) && t.by.some((p) => parties.includes(p))).map(
    (t) => t.action,
  );
}

/** Statuses where the repair is still being worked on (its clock runs). */
export const CLOCK_STATUSES: readonly RepairStatus[] = ['submitted', 'accepted', 'assigned', 'inProgress', 'reopened'];
/** Statuses where nothing more happens. */
export const FINAL_STATUSES: readonly RepairStatus[] = ['confirmed', 'cancelled', 'merged', 'closed'];
export const isOpen = (s: RepairStatus) => !FINAL_STATUSES.includes(s);

/** Repairs that may be merged share this key: the same compound, scope and home (a common area has no home). */
export function mergeKey(r: { compoundId: string; scope: 'home' | 'common'; homeId?: string | null }): string {
  return `${r.compoundId}|${r.scope}|${r.homeId ?? ''}`;
}
/** A repair can take a duplicate while it is still being worked on (not finished, not closed). */
export const takesMerges = (s: RepairStatus) => isOpen(s) && s !== 'done';
/** In a staff member's queue: assigned to them and not done yet. */
export const inQueue = (s: RepairStatus) => s === 'assigned' || s === 'inProgress';
/** Work has not started: the reporter may still cancel. */
export const beforeWork = (s: RepairStatus) => s === 'submitted' || s === 'accepted' || s === 'assigned';

/** What the resident waits for next, in words. */
export function nextStepText(s: RepairStatus): string {
  switch (s) {
    case 'submitted':
      return '等待物业受理';
    case 'accepted':
      return '已受理，等待派给维修师傅';
    case 'assigned':
      return '已派给维修师傅，等待上门';
    case 'inProgress':
      return '师傅正在维修';
    case 'done':
      return `已完工，请确认并评价（${AUTO_CLOSE_DAYS}天内未确认将自动完成）`;
    case 'reopened':
      return '已重新提交，等待物业重新派单';
    case 'confirmed':
    case 'closed':
      return '已完成';
    case 'cancelled':
      return '已取消';
    case 'merged':
      return '已合并到同一问题的报修，请查看那一条的进度';
  }
}

// ---------------------------------------------------------------- who is who

export interface RepairParties {
  compoundId: string;
  communityId: string;
  buildingId?: string | null;
  homeId?: string | null;
  reporterId: string;
  assigneeId?: string | null;
  scope: 'home' | 'common';
  status: RepairStatus;
  /** How it came in; a home repair the property logged belongs to the home, not to whoever logged it. */
  source?: 'resident' | 'phone' | 'walkIn' | 'patrol';
}

/** Logged by the property for a home: the home's residents are the reporter's side (and get its messages). */
export function loggedForHome(r: Pick<RepairParties, 'homeId' | 'source'>): boolean {
  return !!r.homeId && !!r.source && r.source !== 'resident';
}

export function repairTarget(r: Pick<RepairParties, 'communityId' | 'compoundId' | 'buildingId'>): Target {
  return { communityId: r.communityId, compoundId: r.compoundId, ...(r.buildingId ? { buildingId: r.buildingId } : {}) };
}

/**
 * Who the actor is to this repair. The reporter's side is the reporter, or a
 * current resident of the repaired home (a repair logged for them by phone is
 * theirs, and not the logger's: the staff member who logged it cannot confirm
 * it). The assignee needs a current work role: a staff member who left the
 * compound moves nothing.
 */
export function partiesOf(actor: Pick<Actor, 'personId' | 'homes' | 'roles'>, r: RepairParties): RepairParty[] {
  const out: RepairParty[] = [];
  const t = repairTarget(r);
  const ownReport = actor.personId === r.reporterId && !loggedForHome(r);
  if (actor.personId && (ownReport || (!!r.homeId && actor.homes.some((h) => h.homeId === r.homeId)))) out.push('reporter');
  if (can(actor, 'repair.manage', t)) out.push('manager');
  if (actor.personId && r.assigneeId === actor.personId && can(actor, 'repair.work', t)) out.push('assignee');
  return out;
}

/**
 * What opening a repair gives:
 *   'full'  — its parties and those who oversee the compound;
 *   'board' — a resident (or role holder) of the compound, for an open common-area
 *             repair: anonymised, no phone, no reporter;
 *   null    — everything else (NOT_FOUND: existence never leaks).
 */
export function repairAccess(
  actor: Pick<Actor, 'personId' | 'homes' | 'roles'>,
  r: RepairParties & { onBoard?: boolean },
): 'full' | 'board' | null {
  if (partiesOf(actor, r).length) return 'full';
  // Whoever logged it for a home keeps reading it (without the reporter's moves).
  if (actor.personId && actor.personId === r.reporterId) return 'full';
  if (can(actor, 'repair.viewAll', repairTarget(r))) return 'full';
  if (r.scope === 'common' && r.onBoard && inCompound(actor, r.compoundId)) return 'board';
  return null;
}

export function inCompound(actor: Pick<Actor, 'homes' | 'roles'>, compoundId: string): boolean {
  return actor.homes.some((h) => h.compoundId === compoundId) || actor.roles.some((g) => g.compoundId === compoundId);
}

/** On the board: a common-area repair that is still open and not a merged duplicate. */
export function onBoard(scope: 'home' | 'common', s: RepairStatus): boolean {
  return scope === 'common' && s !== 'merged' && s !== 'cancelled' && s !== 'confirmed' && s !== 'closed';
}

// ---------------------------------------------------------------- clocks at a moment

export interface ClockFacts {
  status: RepairStatus;
  createdAt: Date;
  acceptDueAt: Date;
  finishDueAt: Date;
  acceptedAt?: Date | null;
  doneAt?: Date | null;
}

/** The deadline that currently runs, or null when no clock runs (done, final). */
export function currentDue(f: Pick<ClockFacts, 'status' | 'acceptDueAt' | 'finishDueAt' | 'acceptedAt'>): Date | null {
  if (!CLOCK_STATUSES.includes(f.status)) return null;
  return f.status === 'submitted' && !f.acceptedAt ? f.acceptDueAt : f.finishDueAt;
}

export function isOverdueNow(f: Pick<ClockFacts, 'status' | 'acceptDueAt' | 'finishDueAt' | 'acceptedAt'>, now: Date): boolean {
  const due = currentDue(f);
  return !!due && due.getTime() < now.getTime();
}

/** Overdue at any point: accepted late, finished late, or still open past a deadline. */
export function wasOverdue(f: ClockFacts, now: Date): boolean {
  if (f.status === 'cancelled' || f.status === 'merged') return false;
  const accepted = f.acceptedAt ? new Date(f.acceptedAt).getTime() : now.getTime();
  const done = f.doneAt ? new Date(f.doneAt).getTime() : now.getTime();
  return accepted > new Date(f.acceptDueAt).getTime() || done > new Date(f.finishDueAt).getTime();
}

/** 催单: the reporter's side, while being worked on, once the current deadline passed, at most every 12 hours. */
export function urgeProblem(
  f: Pick<ClockFacts, 'status' | 'acceptDueAt' | 'finishDueAt' | 'acceptedAt'> & { lastUrgedAt?: Date | null },
  now: Date,
): string | null {
  const due = currentDue(f);
  if (!due) return '这条报修不在处理中，不能催单';
  if (due.getTime() > now.getTime()) return '还没到承诺的处理时间，请再等等';
  if (f.lastUrgedAt && now.getTime() - new Date(f.lastUrgedAt).getTime() < URGE_INTERVAL_HOURS * HOUR)
    return `已催过单，${URGE_INTERVAL_HOURS}小时内不能重复催单`;
  return null;
}

/** Done and not confirmed for AUTO_CLOSE_DAYS: closes itself. */
export function autoCloseDue(f: { status: RepairStatus; doneAt?: Date | null }, now: Date): boolean {
  return f.status === 'done' && !!f.doneAt && now.getTime() - new Date(f.doneAt).getTime() >= AUTO_CLOSE_DAYS * DAY;
}
export const autoCloseBefore = (now: Date) => new Date(now.getTime() - AUTO_CLOSE_DAYS * DAY);

// ---------------------------------------------------------------- money

/** "128.50" typed into a form → 12850 fen; null when not a non-negative amount with ≤ 2 decimals within the limit. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen <= REPAIR_LIMITS.maxCostFen ? fen : null;
}
export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/**
 * THE SEAM for the ledger (fees/ledger is another feature: it never imports this
 * file's function; it reads `repairs.costs`, whose items carry this draft). A
 * common-area repair with a cost, finished, can be booked as a compound expense;
 * the ledger keeps `sourceId` to link back (link, not copy: the repair keeps its
 * own costs). Home repairs are the household's own business: never bookable.
 */
export interface LedgerExpenseDraft {
  /** Stable link key: `repair:<id>`. A ledger books one source once. */
  sourceId: string;
  compoundId: string;
  /** Integer fen: labour + materials. */
  amountFen: number;
  labourFen: number;
  materialsFen: number;
  title: string;
  /** When the work was done (ISO). */
  occurredAt: string;
}
export function ledgerExpenseOf(r: {
  id: string;
  compoundId: string;
  scope: 'home' | 'common';
  status: RepairStatus;
  category: RepairCategory;
  placeLabel: string;
  labourFen: number;
  materialsFen: number;
  doneAt?: string | null;
}): LedgerExpenseDraft | null {
  const amount = r.labourFen + r.materialsFen;
  if (r.scope !== 'common' || amount <= 0 || !r.doneAt) return null;
  if (!['done', 'confirmed', 'closed'].includes(r.status)) return null;
  return {
    sourceId: `repair:${r.id}`,
    compoundId: r.compoundId,
    amountFen: amount,
    labourFen: r.labourFen,
    materialsFen: r.materialsFen,
    title: `维修：${r.placeLabel} ${r.category}`,
    occurredAt: r.doneAt,
  };
}

// ---------------------------------------------------------------- monthly figures

/** Nearest-rank percentile of whole numbers (minutes); null for none. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

export interface StatFacts extends ClockFacts {
  category: RepairCategory;
  rating?: number | null;
}

export interface CategoryBar {
  category: RepairCategory;
  count: number;
  /** Width of its bar, 0–100, relative to the largest category. */
  barPercent: number;
  overdue: number;
}

export interface RepairFigures {
  total: number;
  byCategory: CategoryBar[];
  /** Minutes, over repairs accepted / finished. */
  acceptMinutes: { median: number | null; p90: number | null; count: number };
  finishMinutes: { median: number | null; p90: number | null; count: number };
  /** Ratings given, average ×10 (42 = 4.2 stars), share of 4–5 stars in whole percent. */
  satisfaction: { rated: number; averageTenths: number | null; goodPercent: number | null; stars: number[] };
  overdue: number;
  /** Whole percent of repairs (not cancelled or merged) that ran past a deadline. */
  overduePercent: number;
  open: number;
}

const wholePercent = (part: number, whole: number) => (whole <= 0 ? 0 : Math.round((part * 100) / whole));

export function monthlyFigures(list: StatFacts[], now: Date): RepairFigures {
  const counted = list.filter((r) => r.status !== 'merged');
  const real = counted.filter((r) => r.status !== 'cancelled');
  const byCat = new Map<RepairCategory, { count: number; overdue: number }>();
  for (const c of REPAIR_CATEGORIES) byCat.set(c, { count: 0, overdue: 0 });
  let overdue = 0;
  for (const r of counted) {
    const b = byCat.get(r.category)!;
    b.count++;
    if (wasOverdue(r, now)) {
      b.overdue++;
      overdue++;
    }
  }
  const max = Math.max(0, ...[...byCat.values()].map((b) => b.count));
  const minutes = (from: Date, to: Date) => Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000));
  const accept = real.filter((r) => r.acceptedAt).map((r) => minutes(r.createdAt, r.acceptedAt!));
  const finish = real.filter((r) => r.doneAt).map((r) => minutes(r.createdAt, r.doneAt!));
  const ratings = real.map((r) => r.rating).filter((x): x is number => typeof x === 'number');
  const stars = [1, 2, 3, 4, 5].map((s) => ratings.filter((x) => x === s).length);
  return {
    total: counted.length,
    byCategory: [...byCat.entries()]
      .filter(([, b]) => b.count > 0)
      .sort((a, b) => b[1].count - a[1].count)
      .map(([category, b]) => ({
        category,
        count: b.count,
        overdue: b.overdue,
        barPercent: max ? Math.max(4, wholePercent(b.count, max)) : 0,
      })),
    acceptMinutes: { median: percentile(accept, 50), p90: percentile(accept, 90), count: accept.length },
    finishMinutes: { median: percentile(finish, 50), p90: percentile(finish, 90), count: finish.length },
    satisfaction: {
      rated: ratings.length,
      averageTenths: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) * 10) / ratings.length) : null,
      goodPercent: ratings.length ? wholePercent(ratings.filter((x) => x >= 4).length, ratings.length) : null,
      stars,
    },
    overdue,
    overduePercent: wholePercent(overdue, real.length),
    open: counted.filter((r) => isOpen(r.status)).length,
  };
}

/** "1小时20分" / "3天2小时" for minutes. */
export function durationText(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes}分钟`;
  const h = Math.floor(minutes / 60);
  if (h < 24) return minutes % 60 ? `${h}小时${minutes % 60}分` : `${h}小时`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}天${h % 24}小时` : `${d}天`;
}

// ---------------------------------------------------------------- messages

/** Subscribe-message "thing" fields take at most 20 characters. */
export function clip(text: string, max = 20): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

export const REPAIR_DETAIL_PAGE = 'packages/repairs/pages/detail/index';
export const repairPage = (id: string) => `${REPAIR_DETAIL_PAGE}?id=${encodeURIComponent(id)}`;
