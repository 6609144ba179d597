/**
 * The party branch's pure rules: 走访 modes and topics, what a note may not hold,
 * room ranges for 包联, the phases of a 好邻居 selection, who may nominate and vote,
 * and the branch book's categories. Shared by the function and the pages (no zod here:
 * room order, which needs core/platform/text, is in order.ts for the function).
 */
import { DAY_MS, addMonths, shanghaiDay, shanghaiMonth } from '../platform/period';
import { PARTY_LIMITS } from './limits';

// ---------------------------------------------------------------- 走访
export const VISIT_MODES = ['door', 'phone', 'street', 'away'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];
export const VISIT_MODE_LABELS: Record<VisitMode, string> = { door: '上门', phone: '电话', street: '路遇', away: '不在家' };

/** Topics as categories, so the free note can stay short. None of them is sensitive (PIPL arts. 28–29). */
export const VISIT_TOPICS = ['repair', 'environment', 'neighbours', 'fees', 'safety', 'policy', 'suggestion', 'other'] as const;
export type VisitTopic = (typeof VISIT_TOPICS)[number];
export const VISIT_TOPIC_LABELS: Record<VisitTopic, string> = {
  repair: '房屋维修',
  environment: '环境卫生',
  neighbours: '邻里关系',
  fees: '物业收费',
  safety: '消防安全',
  policy: '政策咨询',
  suggestion: '意见建议',
  other: '其他',
};

/** Shown above the note field: what must not be written there. */
export const NOTE_WARNING = '请勿记录健康状况、宗教信仰、身份证件号码等敏感信息（个人信息保护法第28、29条）。';

/** An identity-card number (18 digits, the last may be X) or a long digit run that looks like one. */
const ID_NUMBER = /\d{15,17}[\dXx]/;
/**
 * What a visit note may not carry, or null. Identity numbers are refused outright;
 * words about health or religion are refused too (the member writes a category instead).
 */
export function noteProblem(note: string): string | null {
  if (ID_NUMBER.test(note)) return '备注中不能记录身份证件号码';
  if (/(病|诊断|住院|吃药|服药|残疾|宗教|信教|信仰|教会|寺庙|礼拜)/.test(note))
    return '备注中不能记录健康状况或宗教信仰，请只写需要跟进的事';
  return null;
}

/** The day a visit may be logged for: not in the future, not more than visitBackDays back. */
export function visitDateProblem(date: string, now: number): string | null {
  const today = shanghaiDay(now);
  if (date > today) return '走访日期不能晚于今天';
  if (date < shanghaiDay(now - PARTY_LIMITS.visitBackDays * DAY_MS)) return `只能补记${PARTY_LIMITS.visitBackDays}天内的走访`;
  return null;
}

/** When a visit (and its note) is deleted: a year after the day it was made. */
export function visitDeleteAt(date: string): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + PARTY_LIMITS.noteRetentionDays * DAY_MS);
}

/** A household is 半年未走访 when its last visit is older than staleDays (or it never had one). */
export function isStale(lastVisitAt: Date | string | null, now: number): boolean {
  return !lastVisitAt || new Date(lastVisitAt).getTime() < now - PARTY_LIMITS.staleDays * DAY_MS;
}

/** The last n months, newest first, for the visits report. */
export function reportPeriods(now: number, n = 6): string[] {
  const cur = shanghaiMonth(now);
  return Array.from({ length: n }, (_, i) => addMonths(cur, -i));
}

// ---------------------------------------------------------------- the roster (党员名册)
/** A member's duty in the branch, as the structure page shows it; every duty but 党员 is a 支部委员. */
export const MEMBER_DUTIES = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员', '党员'] as const;
export type MemberDuty = (typeof MEMBER_DUTIES)[number];
/** 支委: a second one approves the branch's expenses. */
export const isCommittee = (duty: MemberDuty | string): boolean => duty !== '党员';
/** The roster's order: the 书记 first, then the 委员 in duty order, then members by name. */
export function rosterSortKey(duty: MemberDuty | string, name: string): string {
  const i = (MEMBER_DUTIES as readonly string[]).indexOf(duty);
  return `${isCommittee(duty) ? `0${Math.max(0, i)}` : '1'}_${name}`;
}

// ---------------------------------------------------------------- 好邻居 / 好家庭
export const SELECTION_KINDS = ['neighbour', 'family'] as const;
export type SelectionKind = (typeof SELECTION_KINDS)[number];
export const SELECTION_KIND_LABELS: Record<SelectionKind, string> = { neighbour: '好邻居', family: '好家庭' };

export type SelectionPhase = 'nominating' | 'voting' | 'counted' | 'published';
export const SELECTION_PHASE_LABELS: Record<SelectionPhase, string> = {
  nominating: '提名中',
  voting: '投票中',
  counted: '投票已结束，待公布',
  published: '已公布',
};
/** The phase from the dates: nominations until nominateUntil, votes until voteUntil, then counted until published. */
export function selectionPhase(
  s: { nominateUntil: Date | string; voteUntil: Date | string; publishedAt: Date | string | null },
  now: number,
): SelectionPhase {
  if (s.publishedAt) return 'published';
  if (now < new Date(s.nominateUntil).getTime()) return 'nominating';
  if (now < new Date(s.voteUntil).getTime()) return 'voting';
  return 'counted';
}

/** Why this home may not nominate that one, or null. */
export function nominateProblem(byHomeId: string, nomineeHomeId: string, sameCompound: boolean): string | null {
  if (byHomeId === nomineeHomeId) return '不能提名自己家';
  if (!sameCompound) return '只能提名本小区的住户';
  return null;
}
/** Why this home may not vote for that nominee, or null (one vote per home is the ballot's id). */
export function voteProblem(voterHomeId: string, nominee: { homeId: string; accepted: boolean }): string | null {
  if (voterHomeId === nominee.homeId) return '不能给自己家投票';
  if (!nominee.accepted) return '该候选户尚未同意参选';
  return null;
}

// ---------------------------------------------------------------- the branch's book
/** Where a branch's money comes from (the article): never the owners' funds. */
export const BOOK_INCOME = ['startup', 'partyDues', 'fiscal', 'special', 'crowdfunding'] as const;
export type BookIncome = (typeof BOOK_INCOME)[number];
export const BOOK_EXPENSE = ['allowance', 'activity', 'visits', 'supplies', 'other'] as const;
export type BookExpense = (typeof BOOK_EXPENSE)[number];
export type BookCategory = BookIncome | BookExpense;
export const BOOK_LABELS: Record<BookCategory, string> = {
  startup: '组建启动经费',
  partyDues: '党费划拨',
  fiscal: '财政扶持',
  special: '专项补助',
  crowdfunding: '社会众筹（经公益慈善组织）',
  allowance: '书记工作补贴',
  activity: '组织活动',
  visits: '走访慰问',
  supplies: '办公用品',
  other: '其他支出',
};
export function bookKind(c: BookCategory): 'income' | 'expense' {
  return (BOOK_INCOME as readonly string[]).includes(c) ? 'income' : 'expense';
}
/** The article's floors: a start-up grant of at least 3,000 元, an allowance of at least 200 元 a month. */
export function bookAmountProblem(c: BookCategory, amountFen: number): string | null {
  if (c === 'startup' && amountFen < PARTY_LIMITS.startupMinFen) return '组建启动经费不少于3000元';
  if (c === 'allowance' && amountFen < PARTY_LIMITS.allowanceMinFen) return '书记工作补贴每月不少于200元';
  return null;
}
/** Who may approve an expense: a 支委 other than the one who booked it. */
export function approveProblem(expense: { proposedBy: string }, approver: { personId: string; committee: boolean }): string | null {
  if (!approver.committee) return '只有支部委员可以审核支出';
  if (approver.personId === expense.proposedBy) return '支出须由另一位支部委员审核';
  return null;
}

// ---------------------------------------------------------------- 服务先锋
/**
 * The rule printed under the quarterly list: the same figures everyone can see on 亮作为,
 * added up. Visits and follow-ups are the branch's own work; the others come from what
 * activities, notices and concerns recorded of the member this quarter.
 */
export const VANGUARD_RULE =
  '按本季度走访户次×1分、需要跟进（转为民情）的×2分、包联户数×0.5分、志愿服务每满1小时×1分、当面告知户次×0.5分、答复民情件数×2分合计排序，取前五名；同分按姓名排序。';
export interface RecordFigures {
  visits: number;
  followUps: number;
  households: number;
  /** Whole hours of volunteer time credited this quarter. */
  hours: number;
  /** Homes told a notice in person this quarter (已当面告知). */
  told: number;
  /** 民情 concerns whose current answer the member gave this quarter. */
  answered: number;
}
export function vanguardScore(f: RecordFigures): number {
  return f.visits + f.followUps * 2 + f.households * 0.5 + f.hours + f.told * 0.5 + f.answered * 2;
}
/** The quarter a month falls in: "2026-Q4". */
export function quarterOf(period: string): string {
  return `${period.slice(0, 4)}-Q${Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1}`;
}
export function quarterPeriods(quarter: string): string[] {
  const y = quarter.slice(0, 4);
  const q = Number(quarter.slice(6));
  return [1, 2, 3].map((i) => `${y}-${String((q - 1) * 3 + i).padStart(2, '0')}`);
}
