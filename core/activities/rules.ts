/**
 * Volunteer activities and neighbour service: the pure rules shared by the client
 * and the `activities` function — who may join, how the 接龙 list turns into
 * confirmed and waiting places, how hours are credited. No Taro, no wx-server-sdk.
 */
import type { Actor } from '../platform/roles';
import { TEMPLATE_IDS, TEMPLATES } from '../templates';
export { ACTIVITY_LIMITS } from './limits';

/** The activity template (报名成功 / 候补转正 / 活动开始提醒): id per environment and keywords in core/templates.ts. */
export const ACTIVITY_TEMPLATE_ID = TEMPLATE_IDS.activity;
export const ACTIVITY_TEMPLATE_FIELDS = TEMPLATES.activity.fields;
export const ACTIVITY_SUBSCRIBE_TEMPLATES = [ACTIVITY_TEMPLATE_ID] as const;

export const SKILLS = ['teacher', 'doctor', 'lawyer', 'electrician', 'other'] as const;
export type Skill = (typeof SKILLS)[number];
export const SKILL_LABELS: Record<Skill, string> = { teacher: '教师', doctor: '医生', lawyer: '律师', electrician: '电工', other: '其他' };

export const HELP_KINDS = ['tutoring', 'medical', 'legal', 'other'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];
export const HELP_KIND_LABELS: Record<HelpKind, string> = {
  tutoring: '课业辅导',
  medical: '紧急医疗咨询',
  legal: '法律咨询',
  other: '其他帮助',
};
/** Which teams a request reaches. */
export const HELP_SKILLS: Record<HelpKind, readonly Skill[]> = {
  tutoring: ['teacher'],
  medical: ['doctor'],
  legal: ['lawyer'],
  other: ['electrician', 'other'],
};
export const HELP_STATUSES = ['open', 'taken', 'closed'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];
export const HELP_STATUS_LABELS: Record<HelpStatus, string> = { open: '等待接单', taken: '已有人跟进', closed: '已完成' };

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消' };

/** The slot key of an activity with one overall capacity. */
export const ANY_SLOT = 'all';

export interface Slot {
  key: string;
  name: string;
  capacity: number;
}

export interface Eligibility {
  compoundId: string;
  /** Empty = the whole compound. */
  buildingIds: string[];
  partyOnly: boolean;
}

/** Why a person may not join, in Chinese, or null when they may. */
export function joinProblem(e: Eligibility, actor: Pick<Actor, 'homes'>, person: { partyMember: boolean } | null): string | null {
  if (!person) return '请先完善个人信息';
  const homes = actor.homes.filter((h) => h.compoundId === e.compoundId);
  if (!homes.length) return '本活动只面向本小区住户';
  if (e.buildingIds.length && !homes.some((h) => e.buildingIds.includes(h.buildingId))) return '本活动只面向指定楼栋的住户';
  if (e.partyOnly && !person.partyMember) return '本活动只面向党员';
  return null;
}

/** The building a volunteer's hours count for: their home in the activity's buildings, else their first home in the compound. */
export function homeBuildingFor(e: Eligibility, actor: Pick<Actor, 'homes'>): string | null {
  const homes = actor.homes.filter((h) => h.compoundId === e.compoundId);
  return (homes.find((h) => !e.buildingIds.length || e.buildingIds.includes(h.buildingId)) ?? homes[0])?.buildingId ?? null;
}

/**
 * The 接龙 list as the database keeps it: per slot, people in the order they
 * arrived. The first `capacity` of each slot are confirmed, the rest wait. A
 * cancellation removes the person, so the first waiting one moves up by itself.
 */
export function placeOf(
  queue: readonly string[],
  capacity: number,
  personId: string,
): { status: 'confirmed' | 'waitlisted'; position: number } | null {
  const i = queue.indexOf(personId);
  if (i < 0) return null;
  return i < capacity ? { status: 'confirmed', position: i + 1 } : { status: 'waitlisted', position: i - capacity + 1 };
}

/** People who moved from waiting to confirmed between two states of one slot's queue. */
export function promoted(before: readonly string[], after: readonly string[], capacity: number): string[] {
  const was = new Set(before.slice(0, capacity));
  return after.slice(0, capacity).filter((p) => !was.has(p) && before.includes(p));
}

export const MINUTE = 60_000;

/**
 * Minutes credited: only the time between check-in and check-out that falls inside
 * the activity's own window (check-in opens an hour early; that hour is not
 * volunteering), never negative.
 */
export function creditedMinutes(checkIn: Date | number, checkOut: Date | number, startAt: Date | number, endAt: Date | number): number {
  const from = Math.max(+new Date(checkIn), +new Date(startAt));
  const to = Math.min(+new Date(checkOut), +new Date(endAt));
  return Math.max(0, Math.floor((to - from) / MINUTE));
}

/**
 * For the organiser: when the time between check-in and check-out was longer than
 * what is credited, say so ("签到 9:10–9:50 在场40分钟，活动时间内0分钟，按0分钟计"),
 * so a correction made by the rule is visible, not silent. Null when nothing was cut.
 */
export function creditCorrection(
  checkIn: Date | number,
  checkOut: Date | number,
  startAt: Date | number,
  endAt: Date | number,
): string | null {
  const present = Math.max(0, Math.floor((+new Date(checkOut) - +new Date(checkIn)) / MINUTE));
  const credited = creditedMinutes(checkIn, checkOut, startAt, endAt);
  if (present <= credited) return null;
  const outside =
    +new Date(checkIn) < +new Date(startAt) && +new Date(checkOut) > +new Date(endAt)
      ? '开始前和结束后'
      : +new Date(checkIn) < +new Date(startAt)
        ? '开始前'
        : '结束后';
  return `在场${formatMinutes(present)}，活动${outside}的时间不计，按${formatMinutes(credited)}计`;
}

/** "2小时30分" */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m}分钟`;
  return m ? `${h}小时${m}分` : `${h}小时`;
}

/** Problems with an activity's times, in Chinese, or null. */
export function scheduleProblem(s: { startAt: number; endAt: number; deadline: number }, now: number, maxHours: number): string | null {
  if (![s.startAt, s.endAt, s.deadline].every(Number.isFinite)) return '时间格式有误';
  if (s.startAt <= now) return '开始时间应晚于现在';
  if (s.endAt <= s.startAt) return '结束时间应晚于开始时间';
  if (s.endAt - s.startAt > maxHours * 3_600_000) return `一次活动不超过${maxHours}小时`;
  if (s.deadline > s.startAt) return '报名截止时间不能晚于开始时间';
  if (s.deadline <= now) return '报名截止时间应晚于现在';
  return null;
}

/** Check-in opens an hour before the start and closes at the end. */
export const CHECKIN_EARLY_MS = 3_600_000;
export function checkInOpen(a: { startAt: number; endAt: number }, now: number): boolean {
  return now >= a.startAt - CHECKIN_EARLY_MS && now <= a.endAt + CHECKIN_EARLY_MS;
}

/** The page a share card and subscribe messages open. */
export const ACTIVITY_DETAIL_PAGE = 'packages/activities/pages/detail/index';
export const activityPage = (id: string) => `${ACTIVITY_DETAIL_PAGE}?id=${encodeURIComponent(id)}`;
/** 邻里服务: where a team member sees the help requests that reached their team (help messages open it). */
export const NEIGHBOUR_SERVICE_PAGE = 'packages/activities/pages/service/index';
