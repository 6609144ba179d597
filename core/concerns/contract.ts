/**
 * concerns: 民情 (a resident's concern heard, answered, and ended by the resident) and
 * the 议事厅 (a topic deliberated 征集 → 通报 → 协商 → 公示 → 实施 → 反馈). Schemas are
 * strict (a stray field is a BAD_REQUEST); dates cross as ISO strings.
 */
import { z } from 'zod';
import { action, clientRequestId, defineApi, id, page, type Page } from '../platform/api';
import { optionalText, text } from '../platform/text';
import type { AppLink } from '../platform/links';
import { TEMPLATE_IDS, TEMPLATES } from '../templates';
import { CONCERN_LIMITS as L } from './limits';
import {
  CONCERN_CATEGORIES,
  STANCES,
  TASK_LINK_KINDS,
  VISIBILITIES,
  type ConcernCategory,
  type ConcernFigures,
  type ConcernLevel,
  type ConcernStatus,
  type OutcomeKind,
  type Stance,
  type TaskLinkKind,
  type TopicStage,
  type Visibility,
} from './rules';

/** The subscribe-message template for concerns and topics (答复, 上报, 解决了吗, 公示, 反馈): id per environment and keywords in core/templates.ts. */
export const CONCERN_TEMPLATE_ID = TEMPLATE_IDS.concern;
export const CONCERN_TEMPLATE_FIELDS = TEMPLATES.concern.fields;
export const CONCERN_SUBSCRIBE_TEMPLATES = [CONCERN_TEMPLATE_ID] as const;
/** Photos and materials live in the uploader's own folder: u/<openid>/concerns/… */
export const CONCERN_FILES = 'concerns';

// ---- views ----
export interface ConcernPhoto {
  fileID: string;
  url: string;
  check: 'pending' | 'pass' | 'risky';
}
export interface ConcernListItem {
  id: string;
  compoundId: string;
  category: ConcernCategory;
  /** "天翔世家 3栋" (a building) or "天翔世家" (the compound): never a room. */
  placeLabel: string;
  excerpt: string;
  visibility: Visibility;
  status: ConcernStatus;
  statusLabel: string;
  level: ConcernLevel;
  escalated: boolean;
  overdue: boolean;
  dueAt?: string;
  followers: number;
  photoCount: number;
  nextStep: string;
  outcome?: OutcomeKind;
  createdAt: string;
}
export type ConcernListPage = Page<ConcernListItem>;
export interface ConcernEventView {
  action: 'raise' | 'raiseFor' | 'answer' | 'convert' | 'escalate' | 'rate' | 'reopen' | 'merge' | 'ask';
  label: string;
  /** Handlers and the raiser see "李秀英（党员楼栋长）"; a neighbour sees the role, and the raiser only as 提出人. */
  by: string;
  at: string;
  note?: string;
}
export interface ConcernDetail extends ConcernListItem {
  access: 'handler' | 'party' | 'board';
  description: string;
  photos: ConcernPhoto[];
  /** Handlers only: who raised it and their home. Neighbours never see either. */
  raiserName?: string;
  homeLabel?: string;
  /** Raised on the household's behalf (a visit): by whom. Handlers and the household see it. */
  raisedBy?: string;
  answer?: string;
  /** Where it went: a repair, a 议事 topic, an owners' vote (linked). */
  link?: AppLink;
  voteReason?: string;
  rating?: 'satisfied' | 'unsatisfied';
  ratingReason?: string;
  /** The raiser is asked 解决了吗？ (two weeks after an unrated answer). */
  asked: boolean;
  events: ConcernEventView[];
  canAnswer: boolean;
  canConvert: boolean;
  canMerge: boolean;
  canRate: boolean;
  canFollow: boolean;
  following: boolean;
  /** The raiser may put it to the 议事厅 (enough neighbours care). */
  canPropose: boolean;
  mergedIntoId?: string;
  topicId?: string;
}
export interface ConcernPlaces {
  homes: { homeId: string; label: string; compoundId: string; buildingName: string }[];
  /** Compounds where the caller handles concerns (queue filters) and sees figures. */
  handles: { compoundId: string; name: string; compoundWide: boolean }[];
  stats: { compoundId: string; name: string }[];
}
/**
 * A per-compound page's one read carries the caller's places (its picker and what the
 * caller does where) and the compound it answered for: without a compoundId, the first
 * by the page's rule, so the page shows itself with one call.
 */
export interface ConcernPlaced {
  compoundId: string;
  places: ConcernPlaces;
}
export interface ConcernHome {
  mine: ConcernListItem[];
  mineOpen: number;
  /** A handler's open concerns, and the overdue/escalated ones (highlighted). */
  queue: ConcernListItem[];
  queueCount: number;
  overdue: ConcernListItem[];
  overdueCount: number;
  board: ConcernListItem[];
  boardCount: number;
  /** 解决了吗？ — the raiser's answered concerns asked about. */
  asked: ConcernListItem[];
}
export interface ConcernSettings {
  compoundId: string;
  escalateDays: number;
  topicThreshold: number;
}
export interface ConcernStats extends ConcernFigures {
  compoundId: string;
  compoundName: string;
  period: string;
  byCategory: { category: ConcernCategory; count: number }[];
}
export interface ConcernExport {
  fileName: string;
  fileID: string;
  url: string;
  expiresAt: string;
  rows: number;
}

export interface TopicMaterial {
  title: string;
  photos: ConcernPhoto[];
}
export interface TopicTaskView {
  id: string;
  title: string;
  owner: string;
  dueOn: string;
  link?: AppLink & { kind: TaskLinkKind };
}
export interface TopicCommentView {
  /** "3栋住户": never a name or room. */
  who: string;
  stance: Stance | 'objection';
  stanceLabel: string;
  text: string;
  at: string;
  edited: boolean;
}
export interface TopicListItem {
  id: string;
  compoundId: string;
  title: string;
  stage: TopicStage;
  stageLabel: string;
  comments: number;
  createdAt: string;
}
export interface TopicDetail extends TopicListItem {
  description: string;
  sourceConcernId?: string;
  collectUntil: string;
  materials: TopicMaterial[];
  meeting?: { at: string; place: string };
  participants?: string;
  minutes?: string;
  opinion?: string;
  art278: boolean;
  art278Reason?: string;
  /** What the outcome is, in words (an opinion, or "put to an owners' vote" and why). */
  outcome?: string;
  publicUntil?: string;
  tasks: TopicTaskView[];
  report?: string;
  ratings: { satisfied: number; unsatisfied: number };
  commentsList: TopicCommentView[];
  /** The caller's home's own thread, to edit. */
  myComment?: { stance: Stance | 'objection'; text: string };
  myRating?: 'satisfied' | 'unsatisfied';
  canManage: boolean;
  canComment: boolean;
  canObject: boolean;
  canRate: boolean;
  /** The step the manager may take now (null when none), and why not. */
  nextStage: TopicStage | null;
  nextProblem: string | null;
  /** Words for the share card: the title and the stage, never a name. */
  shareTitle: string;
}

// ---- inputs ----
const fileID = z
  .string()
  .trim()
  .regex(/^cloud:\/\/[^\s]{1,400}$/, '图片应为上传后得到的云文件ID（cloud://…）');
const photos = (max: number) => z.array(fileID).max(max, `最多${max}张图片`).default([]);
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const instant = z.string().datetime({ offset: true, message: '时间格式有误' });
const description = text({ max: L.description, multiline: true, emptyMessage: '请说说是什么事' });
const int = (min: number, max: number, what: string) =>
  z.number().int(`${what}应为整数`).min(min, `${what}最少${min}`).max(max, `${what}最多${max}`);

const raise = {
  clientRequestId,
  /** The home it comes from (the raiser's own; routes it to that building's lead). */
  homeId: id,
  /** About the building or the whole compound. */
  about: z.enum(['building', 'compound']).default('building'),
  category: z.enum(CONCERN_CATEGORIES, { error: '请选择类别' }),
  description,
  photos: photos(L.photos),
  visibility: z.enum(VISIBILITIES, { error: '请选择公开或仅处理人可见' }),
};

export const convertTo = z.discriminatedUnion(
  'kind',
  [
    /** A repair that was reported for it (linked, not copied). */
    z.object({ kind: z.literal('repair'), repairId: id }).strict(),
    /** A 议事 topic opened from it (its description becomes the topic's). */
    z
      .object({
        kind: z.literal('topic'),
        clientRequestId,
        title: text({ max: L.title, emptyMessage: '请填写议题' }),
        collectDays: int(L.collectDaysMin, L.collectDaysMax, '征集天数').default(7),
      })
      .strict(),
    /** Only an owners' vote can decide it (art. 278): why, and the draft vote when there is one. */
    z
      .object({ kind: z.literal('vote'), reason: text({ max: L.reason, emptyMessage: '请说明为什么需要业主表决' }), voteId: id.optional() })
      .strict(),
  ],
  { error: '请选择转为报修（repair）、议事（topic）或业主表决（vote）' },
);

const taskLink = z.object({ kind: z.enum(TASK_LINK_KINDS), id, period: period.optional() }).strict();

export const advance = z.discriminatedUnion(
  'to',
  [
    z
      .object({
        to: z.literal('brief'),
        materials: z
          .array(z.object({ title: text({ max: L.materialTitle, emptyMessage: '请填写材料名称' }), photos: photos(L.materials) }).strict())
          .min(1, '请至少公布一份材料')
          .max(L.materials),
        meetingAt: instant,
        place: text({ max: L.place, emptyMessage: '请填写议事会地点' }),
      })
      .strict(),
    z
      .object({
        to: z.literal('consult'),
        participants: text({ max: L.participants, multiline: true, emptyMessage: '请填写参会人员（按身份和楼栋）' }),
        minutes: text({ max: L.minutes, multiline: true, emptyMessage: '请填写会议记录' }),
        opinion: text({ max: L.opinion, multiline: true, emptyMessage: '请填写协商意见' }),
        art278: z.boolean(),
        art278Reason: optionalText({ max: L.reason, multiline: true }),
      })
      .strict(),
    z.object({ to: z.literal('publicize'), objectionDays: int(L.objectionDaysMin, L.objectionDaysMax, '公示天数').default(5) }).strict(),
    z.object({ to: z.literal('implement') }).strict(),
    z.object({ to: z.literal('feedback'), report: text({ max: L.topicText, multiline: true, emptyMessage: '请填写反馈情况' }) }).strict(),
    z.object({ to: z.literal('closed') }).strict(),
  ],
  { error: '请选择下一步' },
);
export type AdvanceInput = z.input<typeof advance>;

export const concernsApi = defineApi('concerns', {
  /** A bound resident raises a concern from their home. */
  'concerns.raise': action(z.object(raise).strict()).returns<ConcernDetail>(),
  /** A lead, the branch or the committee raises one on a household's behalf (a visit, a call): the household are its parties. */
  'concerns.raiseFor': action(z.object({ ...raise, source: z.enum(['visit', 'phone']) }).strict()).returns<ConcernDetail>(),
  'concerns.get': action(z.object({ concernId: id }).strict()).returns<ConcernDetail>(),
  /** Mine: raised by me or for my home, and the ones I follow. */
  'concerns.mine': action(
    z
      .object({ following: z.boolean().default(false) })
      .merge(page)
      .strict(),
  ).returns<ConcernListPage>(),
  /** A handler's queue: a lead's buildings, or the compound for the branch and committee (the first handled without one), with its settings. */
  'concerns.queue': action(
    z
      .object({ compoundId: id.optional(), filter: z.enum(['open', 'overdue', 'escalated', 'all']).default('open') })
      .merge(page)
      .strict(),
  ).returns<ConcernListPage & ConcernPlaced & { settings: ConcernSettings | null }>(),
  /** The compound's open public concerns (my first home's compound without one): never a name or a room. */
  'concerns.board': action(z.object({ compoundId: id.optional() }).strict()).returns<
    { items: ConcernListItem[]; following: string[] } & ConcernPlaced
  >(),
  /** 我也关心: once per person. */
  'concerns.follow': action(z.object({ concernId: id }).strict()).returns<{ concernId: string; followers: number; following: true }>(),
  'concerns.answer': action(
    z.object({ concernId: id, answer: text({ max: L.answer, multiline: true, emptyMessage: '请填写答复' }) }).strict(),
  ).returns<ConcernDetail>(),
  'concerns.convert': action(
    z.object({ concernId: id, to: convertTo, note: optionalText({ max: L.answer, multiline: true }) }).strict(),
  ).returns<ConcernDetail>(),
  /** The raiser ends it: 满意, or 不满意 with a reason (reopens and escalates). */
  'concerns.rate': action(
    z
      .object({
        concernId: id,
        verdict: z.enum(['satisfied', 'unsatisfied'], { error: '请选择满意或不满意' }),
        reason: optionalText({ max: L.reason, multiline: true }),
      })
      .strict(),
  ).returns<ConcernDetail>(),
  /** A duplicate goes into the one it duplicates: its raiser and followers follow that one. */
  'concerns.merge': action(z.object({ concernId: id, intoId: id }).strict()).returns<ConcernDetail>(),
  'concerns.places': action(z.object({}).strict()).returns<ConcernPlaces>(),
  'concerns.home': action(z.object({}).strict()).returns<ConcernHome>(),
  'concerns.settings': action(z.object({ compoundId: id }).strict()).returns<ConcernSettings>(),
  'concerns.setSettings': action(
    z
      .object({
        compoundId: id,
        escalateDays: int(L.escalateDaysMin, L.escalateDaysMax, '上报天数'),
        topicThreshold: int(L.topicThresholdMin, L.topicThresholdMax, '议事人数'),
      })
      .strict(),
  ).returns<ConcernSettings>(),
  /** Monthly figures of one compound (the first the caller sees figures of without one): counts only. */
  'concerns.stats': action(z.object({ compoundId: id.optional(), period }).strict()).returns<ConcernStats & ConcernPlaced>(),
  /** A month's concerns as a spreadsheet (CSV) for the committee: category, building, status, days — no names, no rooms. */
  'concerns.export': action(z.object({ compoundId: id, period }).strict()).returns<ConcernExport>(),
  'concerns.subscribe': action(z.object({ templateId: z.enum(CONCERN_SUBSCRIBE_TEMPLATES), accepted: z.boolean() }).strict()).returns<{
    templateId: string;
    remaining: number;
  }>(),

  /** The branch or the committee opens a topic (征集). */
  'topics.propose': action(
    z
      .object({
        clientRequestId,
        compoundId: id,
        title: text({ max: L.title, emptyMessage: '请填写议题' }),
        description: text({ max: L.topicText, multiline: true, emptyMessage: '请说明议题' }),
        collectDays: int(L.collectDaysMin, L.collectDaysMax, '征集天数').default(7),
      })
      .strict(),
  ).returns<TopicDetail>(),
  'topics.get': action(z.object({ topicId: id }).strict()).returns<TopicDetail>(),
  /** A compound's topics (my first home's, else the first I handle, without one). */
  'topics.list': action(z.object({ compoundId: id.optional() }).merge(page).strict()).returns<Page<TopicListItem> & ConcernPlaced>(),
  /** 征集: one thread per home, edited (not repeated). */
  'topics.comment': action(
    z
      .object({
        topicId: id,
        homeId: id,
        stance: z.enum(STANCES, { error: '请选择赞成、反对或建议' }),
        text: text({ max: L.comment, multiline: true, emptyMessage: '请写下您的意见' }),
      })
      .strict(),
  ).returns<TopicDetail>(),
  /** 公示: an objection, on the same thread of the home. */
  'topics.object': action(
    z.object({ topicId: id, homeId: id, text: text({ max: L.comment, multiline: true, emptyMessage: '请写下异议' }) }).strict(),
  ).returns<TopicDetail>(),
  /** The next step of the cycle, with what that step records; any other step is refused. */
  'topics.advance': action(z.object({ topicId: id, step: advance }).strict()).returns<TopicDetail>(),
  'topics.addTask': action(
    z
      .object({
        topicId: id,
        clientRequestId,
        title: text({ max: L.taskTitle, emptyMessage: '请填写任务' }),
        owner: text({ max: L.taskOwner, emptyMessage: '请填写负责人' }),
        dueOn: day,
        link: taskLink.optional(),
      })
      .strict(),
  ).returns<TopicDetail>(),
  /** Link a task to a repair, a ledger expense or a vote (linked, never copied). */
  'topics.linkTask': action(z.object({ topicId: id, taskId: id, link: taskLink }).strict()).returns<TopicDetail>(),
  /** 反馈: a home rates the outcome. */
  'topics.rate': action(
    z.object({ topicId: id, homeId: id, verdict: z.enum(['satisfied', 'unsatisfied'], { error: '请选择满意或不满意' }) }).strict(),
  ).returns<TopicDetail>(),
});

export type ConcernsApi = typeof concernsApi;
