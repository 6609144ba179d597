/**
 * activities: volunteer activities with 接龙-style sign-up, check-in and hours,
 * and neighbour service teams. Schemas are strict (a stray field is a
 * BAD_REQUEST). Instants cross the wire as ISO strings with a zone.
 */
import { z } from 'zod';
import { CLOUD_FILE_ID_PATTERN, MOBILE_PATTERN } from '../platform/patterns';
import { action, clientRequestId, defineApi, id, page, type Page } from '../platform/api';
import { optionalText, text } from '../platform/text';
import { ACTIVITY_LIMITS as L } from './limits';
import { HELP_KINDS, SKILLS, type HelpKind, type HelpStatus, type SignupStatus, type Skill } from './rules';

import { ACTIVITY_SUBSCRIBE_TEMPLATES } from './rules';
export { ACTIVITY_SUBSCRIBE_TEMPLATES, ACTIVITY_TEMPLATE_FIELDS, ACTIVITY_TEMPLATE_ID } from './rules';

// ---- views ----
export interface SlotView {
  key: string;
  name: string;
  capacity: number;
  confirmed: number;
  waiting: number;
  left: number;
}
export interface ActivityListItem {
  id: string;
  title: string;
  place: string;
  startAt: string;
  endAt: string;
  deadline: string;
  compoundId: string;
  /** "天翔世家 3栋、5栋" or "天翔世家 全体". */
  audienceLabel: string;
  partyOnly: boolean;
  organiserName: string;
  capacity: number;
  confirmed: number;
  waiting: number;
  /** My place, when I signed up. */
  mine?: { status: SignupStatus; slotKey: string; position: number };
  cover?: string;
  ended: boolean;
  /** The organiser called it off (雨天等): nobody can sign up or check in. */
  cancelled?: { reason: string; byName: string; at: string };
}
export interface SignupRow {
  personId: string;
  /** 接龙 number within the slot (confirmed first, then waiting). */
  no: number;
  name: string;
  partyBadge: boolean;
  slotKey: string;
  status: 'confirmed' | 'waitlisted';
  checkedInAt?: string;
  checkedOutAt?: string;
  minutes?: number;
  corrected?: boolean;
  /** Organisers only: time outside the activity's window was not credited (and how much was). */
  creditNote?: string;
  /** It is the caller. */
  isMe: boolean;
  /** Organisers only. */
  phone?: string;
  buildingName?: string;
}
export interface ActivityDetail extends ActivityListItem {
  description: string;
  images: { fileID: string; url: string }[];
  /** Managers: photos still in WeChat's image check (shown to others once passed), and refused ones (never shown). */
  imagesChecking?: number;
  imagesRefused?: number;
  slots: SlotView[];
  /** In order: every confirmed place, then the first 20 waiting (and me). */
  list: SignupRow[];
  /** Waiting beyond those shown. */
  moreWaiting: number;
  /** Why I cannot join (not eligible, deadline passed), or absent. */
  joinProblem?: string;
  canJoin: boolean;
  canCancel: boolean;
  canManage: boolean;
  /** The organiser (or a manager of it) may call the whole activity off: before it starts. */
  canCancelActivity: boolean;
  canCheckIn: boolean;
  canCheckOut: boolean;
}
export interface ActivityHome {
  /** Upcoming activities I can still join. */
  open: ActivityListItem[];
  /** Upcoming ones I signed up for (confirmed or waiting). */
  mine: ActivityListItem[];
  /** Organisers: today's activities with how many checked in. */
  today: { id: string; title: string; startAt: string; confirmed: number; checkedIn: number }[];
}
export interface CheckinCode {
  activityId: string;
  /** What the volunteer scans (or types): valid for this activity today. */
  code: string;
  /** An image of it: a mini-program code in production, an SVG locally. */
  imageUrl: string;
  kind: 'wxacode' | 'svg';
}
export interface HoursSummary {
  scope: 'me' | 'building' | 'compound';
  label: string;
  year: string;
  totalMinutes: number;
  months: { period: string; minutes: number }[];
  /** For `me`: each credited activity. */
  items?: { activityId: string; title: string; period: string; minutes: number; corrected: boolean }[];
  volunteers?: number;
}
/** What the 志愿时长 page shows; the building, compound and ranking only to someone with a home. */
export interface HoursPage {
  mine: HoursSummary;
  building: HoursSummary | null;
  compound: HoursSummary | null;
  ranking: { year: string; rows: RankingRow[] } | null;
}

export interface RankingRow {
  rank: number;
  name: string;
  minutes: number;
  partyBadge: true;
}
export interface ExportResult {
  fileName: string;
  fileID: string;
  url: string;
  expiresAt: string;
}
export interface VolunteerView {
  personId: string;
  name: string;
  skills: Skill[];
  availability: string;
  buildingName: string;
}
export interface TeamView {
  id: string;
  name: string;
  skill: Skill;
  members: { personId: string; name: string }[];
}
export interface HelpView {
  id: string;
  kind: HelpKind;
  kindLabel: string;
  text: string;
  status: HelpStatus;
  statusLabel: string;
  createdAt: string;
  /** First name + masked rest until taken; full for the taker. */
  requesterName: string;
  /** Only for the requester and the member who took it. */
  contact?: string;
  takerName?: string;
  takerContact?: string;
  thanks?: string;
  canTake: boolean;
  canClose: boolean;
}

// ---- inputs ----
const instant = z
  .string()
  .max(40)
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
    '时间格式有误',
  );
const fileID = z.string().trim().regex(CLOUD_FILE_ID_PATTERN, '图片应为上传后得到的云文件ID（cloud://…）');
const phone = z.string().regex(MOBILE_PATTERN, '请填写11位手机号');
const year = z.string().regex(/^20\d{2}$/, '年份有误');

export const activityAudience = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('compound'), compoundId: id }).strict(),
    z.object({ kind: z.literal('buildings'), buildingIds: z.array(id).min(1, '请选择楼栋').max(L.buildings) }).strict(),
  ],
  { error: '请选择参加范围：全小区（compound）或指定楼栋（buildings）' },
);

const slotInput = z
  .object({ name: text({ max: L.slotName, emptyMessage: '请填写岗位名称' }), capacity: z.number().int().min(1).max(L.capacity) })
  .strict();

export const createInput = z
  .object({
    clientRequestId,
    title: text({ max: L.title, emptyMessage: '请填写活动名称' }),
    description: text({ max: L.description, multiline: true, emptyMessage: '请填写活动说明' }),
    images: z.array(fileID).max(L.images, `最多${L.images}张图片`).default([]),
    place: text({ max: L.place, emptyMessage: '请填写地点' }),
    startAt: instant,
    endAt: instant,
    deadline: instant,
    audience: activityAudience,
    partyOnly: z.boolean().default(false),
    /** Slots by role (文明劝导员 × 5) — or none, with one overall `capacity`. */
    slots: z.array(slotInput).max(L.slots).default([]),
    capacity: z.number().int().min(1).max(L.capacity).optional(),
  })
  .strict()
  .refine((v) => v.slots.length > 0 !== (v.capacity !== undefined), {
    message: '请设置总人数，或按岗位设置人数（二选一）',
    path: ['capacity'],
  })
  .refine((v) => new Set(v.slots.map((s) => s.name)).size === v.slots.length, { message: '岗位名称不能重复', path: ['slots'] });
export type CreateActivityInput = z.input<typeof createInput>;

const actRef = { activityId: id };

export const activitiesApi = defineApi('activities', {
  'activities.create': action(createInput).returns<ActivityDetail>(),
  /** open: upcoming in my compounds that I may join; mine: what I signed up for; organised: what I organise. */
  'activities.list': action(
    z
      .object({ box: z.enum(['open', 'mine', 'organised']).default('open') })
      .merge(page)
      .strict(),
  ).returns<Page<ActivityListItem>>(),
  'activities.home': action(z.object({}).strict()).returns<ActivityHome>(),
  'activities.get': action(z.object(actRef).strict()).returns<ActivityDetail>(),
  'activities.signUp': action(z.object({ ...actRef, slotKey: z.string().min(1).max(20).optional() }).strict()).returns<ActivityDetail>(),
  'activities.cancel': action(z.object(actRef).strict()).returns<ActivityDetail>(),
  /** Call the whole activity off before it starts; everyone on the list is messaged once. */
  'activities.cancelActivity': action(
    z.object({ ...actRef, reason: text({ max: L.reason, emptyMessage: '请填写取消原因' }) }).strict(),
  ).returns<ActivityDetail>(),
  'activities.checkinCode': action(z.object(actRef).strict()).returns<CheckinCode>(),
  'activities.checkIn': action(
    z.object({ ...actRef, code: z.string().regex(/^[A-Za-z0-9]{6,16}$/, '签到码有误') }).strict(),
  ).returns<ActivityDetail>(),
  'activities.checkOut': action(z.object(actRef).strict()).returns<ActivityDetail>(),
  /** The organiser ticks a name: checked in, or checked out. */
  'activities.mark': action(z.object({ ...actRef, personId: id, what: z.enum(['in', 'out']) }).strict()).returns<ActivityDetail>(),
  'activities.correctHours': action(
    z
      .object({
        ...actRef,
        personId: id,
        minutes: z
          .number()
          .int()
          .min(0)
          .max(L.maxHours * 60),
        reason: text({ max: L.reason, emptyMessage: '请填写更正原因' }),
      })
      .strict(),
  ).returns<ActivityDetail>(),
  'activities.export': action(z.object(actRef).strict()).returns<ExportResult>(),
  'activities.hours': action(
    z
      .object({
        scope: z.enum(['me', 'building', 'compound']),
        buildingId: id.optional(),
        compoundId: id.optional(),
        year: year.optional(),
      })
      .strict(),
  ).returns<HoursSummary>(),
  /** 亮身份: party members who chose to show it, by hours this year. */
  'activities.ranking': action(z.object({ compoundId: id, year: year.optional() }).strict()).returns<{
    year: string;
    rows: RankingRow[];
  }>(),
  /** The 志愿时长 page in one call: mine, my first home's building and compound, and its ranking. */
  'activities.hoursPage': action(z.object({ year: year.optional() }).strict()).returns<HoursPage>(),
  'activities.subscribe': action(z.object({ templateId: z.enum(ACTIVITY_SUBSCRIBE_TEMPLATES), accepted: z.boolean() }).strict()).returns<{
    templateId: string;
    remaining: number;
  }>(),

  'service.register': action(
    z
      .object({
        skills: z.array(z.enum(SKILLS)).min(1, '请至少选择一项').max(SKILLS.length),
        availability: text({ max: L.availability, emptyMessage: '请填写什么时候方便' }),
        phone: phone.optional(),
      })
      .strict(),
  ).returns<{ registered: true; skills: Skill[]; availability: string }>(),
  'service.me': action(z.object({}).strict()).returns<{
    volunteer: { skills: Skill[]; availability: string } | null;
    teams: { id: string; name: string; skill: Skill }[];
  }>(),
  'service.volunteers': action(z.object({ compoundId: id }).strict()).returns<{ volunteers: VolunteerView[]; teams: TeamView[] }>(),
  'service.saveTeam': action(
    z
      .object({
        clientRequestId,
        teamId: id.optional(),
        compoundId: id,
        name: text({ max: L.teamName, emptyMessage: '请填写队伍名称' }),
        skill: z.enum(SKILLS),
        memberIds: z.array(id).max(L.teamMembers),
      })
      .strict(),
  ).returns<TeamView>(),
  'help.ask': action(
    z
      .object({
        clientRequestId,
        kind: z.enum(HELP_KINDS),
        text: text({ max: L.helpText, multiline: true, emptyMessage: '请说明需要什么帮助' }),
        contact: phone,
      })
      .strict(),
  ).returns<HelpView>(),
  /** mine: what I asked; team: what reached my teams. */
  /** The 邻里服务 page in one call: my registration and teams, my requests and my teams' requests (first pages). */
  'service.page': action(z.object({}).strict()).returns<{
    me: { volunteer: { skills: Skill[]; availability: string } | null; teams: { id: string; name: string; skill: Skill }[] };
    mine: Page<HelpView>;
    team: Page<HelpView>;
  }>(),
  'help.list': action(
    z
      .object({ box: z.enum(['mine', 'team']) })
      .merge(page)
      .strict(),
  ).returns<Page<HelpView>>(),
  'help.take': action(z.object({ requestId: id }).strict()).returns<HelpView>(),
  'help.close': action(z.object({ requestId: id, thanks: optionalText({ max: L.thanks }) }).strict()).returns<HelpView>(),
});

export type ActivitiesApi = typeof activitiesApi;
