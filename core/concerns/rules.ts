/**
 * Pure rules of concerns (民情) and the 议事厅: categories, who may see and do what
 * with a concern, the deliberation cycle as a data table, the escalation and the
 * 解决了吗？ clocks, and the monthly figures. Unit-tested; the functions and the pages
 * read the same tables.
 */
import type { Actor } from '../platform/roles';
import { ASK_AFTER_DAYS } from './limits';

export const CONCERN_CATEGORIES = ['环境卫生', '停车与电动车', '噪音', '邻里纠纷', '公共设施', '安全', '物业服务', '建议', '其他'] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

/** 公开: neighbours see it (never who raised it); 仅处理人可见: the raiser and the handlers only. */
export const VISIBILITIES = ['public', 'handlers'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const VISIBILITY_LABELS: Record<Visibility, string> = { public: '公开（邻居可见，不显示姓名）', handlers: '仅处理人可见' };

/**
 * open: waiting for an answer (again, after 不满意); answered: answered or turned into
 * a repair / 议事 topic / owners' vote, waiting for the raiser; satisfied: the raiser
 * said 满意 (the end is theirs); merged: a duplicate, its people follow the original.
 */
export const CONCERN_STATUSES = ['open', 'answered', 'satisfied', 'merged'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
export const CONCERN_STATUS_LABELS: Record<ConcernStatus, string> = {
  open: '待答复',
  answered: '已答复，待评价',
  satisfied: '已解决',
  merged: '已合并',
};

/** How a handler answered: in words, or by turning it into something that decides it (linked, never copied). */
export const OUTCOME_KINDS = ['answer', 'repair', 'topic', 'vote'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const OUTCOME_LABELS: Record<OutcomeKind, string> = { answer: '答复', repair: '已转报修', topic: '已转议事厅', vote: '须业主表决' };

/** Who handles it now: the building's lead first, the branch and committee after escalation. */
export type ConcernLevel = 'lead' | 'branch';

export const DAY_MS = 86_400_000;
export const FOREVER = new Date('9999-12-31T00:00:00Z');

export interface ConcernFacts {
  compoundId: string;
  buildingId: string;
  raiserId: string;
  partyKeys: string[];
  visibility: Visibility;
  status: ConcernStatus;
}

/**
 * How an actor may see a concern: 'party' (raised it, or it is for their home),
 * 'handler' (its building's lead, the branch, the committee: they see who raised
 * it), 'board' (a neighbour of the compound, public concerns only: no name, no
 * room), or null (not theirs to know: NOT_FOUND).
 */
export type ConcernAccess = 'handler' | 'party' | 'board' | null;
export function concernAccess(actor: Pick<Actor, 'personId' | 'roles' | 'homes'>, c: ConcernFacts, canHandle: boolean): ConcernAccess {
  if (canHandle) return 'handler';
  const keys = [`p:${actor.personId ?? ''}`, ...actor.homes.map((h) => `h:${h.homeId}`)];
  if (c.partyKeys.some((k) => keys.includes(k))) return 'party';
  if (c.visibility === 'public' && actor.homes.some((h) => h.compoundId === c.compoundId)) return 'board';
  return null;
}

export const isOpen = (s: ConcernStatus) => s === 'open';
/** On the public board while it is public and not settled or merged. */
export const onBoard = (v: Visibility, s: ConcernStatus) => v === 'public' && (s === 'open' || s === 'answered');

/** When an answer is due: `days` after it was raised (or reopened). */
export function answerDue(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}
/** Past due at the lead's level: time to escalate. */
export function shouldEscalate(c: { status: ConcernStatus; level: ConcernLevel; dueAt: Date | string }, now: Date): boolean {
  return c.status === 'open' && c.level === 'lead' && new Date(c.dueAt).getTime() <= now.getTime();
}
/** An unrated answer asks 解决了吗？ two weeks later. */
export function askAt(answeredAt: Date): Date {
  return new Date(answeredAt.getTime() + ASK_AFTER_DAYS * DAY_MS);
}
export function isOverdue(c: { status: ConcernStatus; dueAt: Date | string }, now: Date): boolean {
  return c.status === 'open' && new Date(c.dueAt).getTime() < now.getTime();
}

/** The raiser may put a public concern to the 议事厅 once this many neighbours care too. */
export function residentMayPropose(
  c: { visibility: Visibility; status: ConcernStatus; followers: number; topicId: string | null },
  threshold: number,
): boolean {
  return c.visibility === 'public' && (c.status === 'open' || c.status === 'answered') && !c.topicId && c.followers >= threshold;
}

/** What the raiser reads next, in words. */
export function nextStepText(s: ConcernStatus, level: ConcernLevel): string {
  if (s === 'open') return level === 'branch' ? '已上报党支部和业委会，等待答复' : '等待楼栋长答复';
  if (s === 'answered') return '请看答复，告诉我们解决了没有';
  if (s === 'satisfied') return '已解决';
  return '已合并到相同的问题';
}

// ---------------------------------------------------------------- the 议事厅

/** 征集 → 通报 → 协商 → 公示 → 实施 → 反馈, then 已结束. */
export const TOPIC_STAGES = ['collect', 'brief', 'consult', 'publicize', 'implement', 'feedback', 'closed'] as const;
export type TopicStage = (typeof TOPIC_STAGES)[number];
export const TOPIC_STAGE_LABELS: Record<TopicStage, string> = {
  collect: '征集意见',
  brief: '通报材料',
  consult: '协商议事',
  publicize: '结果公示',
  implement: '组织实施',
  feedback: '反馈评价',
  closed: '已结束',
};
/** The stage after each: a step may only go to the next one. */
export function nextStage(s: TopicStage): TopicStage | null {
  const i = TOPIC_STAGES.indexOf(s);
  return i >= 0 && i < TOPIC_STAGES.length - 1 ? TOPIC_STAGES[i + 1] : null;
}
/**
 * Why a step to `to` is refused now, or null when it may go. Steps go one at a
 * time, in order; 实施 waits for the objection period of 公示 to end.
 */
export function stepProblem(t: { stage: TopicStage; publicUntil: Date | string | null }, to: TopicStage, now: Date): string | null {
  const want = nextStage(t.stage);
  if (want !== to) {
    if (!want) return '这个议题已结束';
    return `议题正在“${TOPIC_STAGE_LABELS[t.stage]}”，下一步只能是“${TOPIC_STAGE_LABELS[want]}”`;
  }
  if (to === 'implement' && t.publicUntil && new Date(t.publicUntil).getTime() > now.getTime()) return '公示期未满，不能开始实施';
  return null;
}

/** Comment stances: during 征集 (for, against, a suggestion) and 公示 (an objection). */
export const STANCES = ['for', 'against', 'suggest'] as const;
export type Stance = (typeof STANCES)[number];
export const STANCE_LABELS: Record<Stance, string> = { for: '赞成', against: '反对', suggest: '建议' };

/**
 * The outcome of 协商 is an opinion. Where a matter falls under Civil Code art. 278
 * (common property, fees, the property company, the repair fund, rules…), only an
 * owners' vote decides it: the outcome then says "put to an owners' vote", and why.
 */
export const ART278_OUTCOME = '提交业主大会表决';
export function outcomeText(t: { opinion: string | null; art278: boolean; art278Reason: string | null }): string {
  if (t.art278) return `${ART278_OUTCOME}：${t.art278Reason ?? ''}（依《民法典》第二百七十八条，议事厅的意见不能代替业主共同决定）`;
  return t.opinion ?? '';
}

export const TASK_LINK_KINDS = ['repair', 'expense', 'vote'] as const;
export type TaskLinkKind = (typeof TASK_LINK_KINDS)[number];
export const TASK_LINK_LABELS: Record<TaskLinkKind, string> = { repair: '报修', expense: '账目支出', vote: '业主表决' };

// ---------------------------------------------------------------- figures

export interface ConcernFigureInput {
  createdAt: Date | string;
  firstDueAt: Date | string;
  firstAnsweredAt: Date | string | null;
  rating: 'satisfied' | 'unsatisfied' | null;
  /** Ever rated 满意 (a later 不满意 does not unsay it, and vice versa: the last word counts). */
  reopens: number;
  status: ConcernStatus;
}
export interface ConcernFigures {
  raised: number;
  answered: number;
  answeredInTime: number;
  /** Median whole days from raised to first answer (null when none answered). */
  medianDaysToAnswer: number | null;
  rated: number;
  satisfied: number;
  /** Percent 0–100 of rated (null when none rated). */
  satisfaction: number | null;
  reopened: number;
  /** Percent 0–100 of answered (null when none answered). */
  reopenedShare: number | null;
  topicsDeliberated: number;
  outcomesImplemented: number;
}
const pct = (a: number, b: number) => (b ? Math.round((a * 100) / b) : null);
/**
 * One compound's month: counts only (no names, no rooms), computable from the
 * concerns raised and the topics deliberated in that month.
 */
export function monthlyFigures(
  cs: ConcernFigureInput[],
  topics: { stage: TopicStage; consultedAt: Date | string | null; implementedAt: Date | string | null }[],
): ConcernFigures {
  const real = cs.filter((c) => c.status !== 'merged');
  const answered = real.filter((c) => c.firstAnsweredAt);
  const days = answered
    .map((c) => (new Date(c.firstAnsweredAt!).getTime() - new Date(c.createdAt).getTime()) / DAY_MS)
    .sort((a, b) => a - b);
  const median = days.length
    ? days.length % 2
      ? days[(days.length - 1) / 2]
      : (days[days.length / 2 - 1] + days[days.length / 2]) / 2
    : null;
  const rated = real.filter((c) => c.rating);
  const satisfied = rated.filter((c) => c.rating === 'satisfied').length;
  const reopened = real.filter((c) => c.reopens > 0).length;
  return {
    raised: real.length,
    answered: answered.length,
    answeredInTime: answered.filter((c) => new Date(c.firstAnsweredAt!).getTime() <= new Date(c.firstDueAt).getTime()).length,
    medianDaysToAnswer: median === null ? null : Math.round(median * 10) / 10,
    rated: rated.length,
    satisfied,
    satisfaction: pct(satisfied, rated.length),
    reopened,
    reopenedShare: pct(reopened, answered.length),
    topicsDeliberated: topics.filter((t) => t.consultedAt).length,
    outcomesImplemented: topics.filter((t) => t.implementedAt).length,
  };
}

/** Detail pages named in subscribe messages and share cards (fixed paths). */
export const CONCERN_DETAIL_PAGE = 'packages/concerns/pages/detail/index';
export const TOPIC_DETAIL_PAGE = 'packages/concerns/pages/topic/index';
export const concernPage = (id: string) => `${CONCERN_DETAIL_PAGE}?id=${encodeURIComponent(id)}`;
export const topicPage = (id: string) => `${TOPIC_DETAIL_PAGE}?id=${encodeURIComponent(id)}`;

/** A subscribe-message value clipped to WeChat's length for `thing` fields (20). */
export function clip(s: string, max = 20): string {
  const chars = Array.from(s.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}
