/**
 * notices: post, target, track and follow up a notice until every home knows.
 * Schemas are strict (a stray field is a BAD_REQUEST). Dates cross the wire as
 * ISO strings; an expiry is a Shanghai calendar day "YYYY-MM-DD".
 */
import { z } from 'zod';
import { CLOUD_FILE_ID_PATTERN, DAY_PATTERN } from '../platform/patterns';
import { action, defineApi, id, page, clientRequestId, type Page } from '../platform/api';
import { optionalText, text } from '../platform/text';
import { NOTICE_CATEGORIES, NOTICE_LIMITS, type NoticeCategory, type NoticeStatus } from './rules';
import type { RoleName } from '../platform/roles';
import { TEMPLATE_IDS, TEMPLATES } from '../templates';
import type { JobView } from '../platform/jobs';
import { APP_LINK_NAMES, isValidLink, type AppLink } from '../platform/links';

/** The subscribe-message template for "new notice / reminder": id per environment and keywords in core/templates.ts. */
export const NOTICE_TEMPLATE_ID = TEMPLATE_IDS.notice;
export const NOTICE_TEMPLATE_FIELDS = TEMPLATES.notice.fields;
export const SUBSCRIBE_TEMPLATES = [NOTICE_TEMPLATE_ID] as const;

// ---- views ----
export interface NoticeAuthor {
  personId: string;
  name: string;
  role: RoleName;
  /** "党员楼栋长" */
  roleLabel: string;
  /** The author is a party member and chose to show it (亮身份). */
  /** Show 党员 next to the name (亮身份) — not when the role label already says 党员 (党员楼栋长). */
  partyBadge: boolean;
}
export interface NoticeListItem {
  id: string;
  title: string;
  /** First ~60 characters of the body. */
  excerpt: string;
  category: NoticeCategory;
  /** 紧急: show it so it stands out. */
  emergency: boolean;
  pinned: boolean;
  status: NoticeStatus;
  statusLabel: string;
  author: NoticeAuthor;
  /** "天翔世家 3栋" */
  targetsLabel: string;
  version: number;
  imageCount: number;
  /** fileID of the first image, for a thumbnail. */
  cover?: string;
  createdAt: string;
  publishedAt?: string;
  /** "YYYY-MM-DD", the last day it is listed. */
  expiresOn?: string;
  /** I have not opened it yet. */
  unread: boolean;
  /** 我发布的 only: how many homes know it (x/y 户已知晓), from the same counts as the summary. */
  progress?: { reached: number; homes: number };
}
export interface NoticeListPage extends Page<NoticeListItem> {
  /** Unread notices for me (tab badge), counted over the newest 100 live ones. */
  unreadCount: number;
}
export interface NoticeImage {
  fileID: string;
  /** Temporary https URL (H5 cannot show cloud:// ids). */
  url: string;
}
export interface NoticeTargetView {
  kind: 'compound' | 'building';
  compoundId: string;
  buildingId?: string;
}
export interface NoticeDetail extends NoticeListItem {
  body: string;
  images: NoticeImage[];
  targets: NoticeTargetView[];
  /** The version this one corrects. */
  previousId?: string;
  /** Set when a newer version replaced this one (show 已更正 and link to it). */
  correctedById?: string;
  correctionNote?: string;
  /** This correction must be seen again by everyone: reads of earlier versions no longer count. */
  mustReread?: boolean;
  withdrawal?: { byName: string; reason: string; at: string };
  /** Why it was not published (author only). */
  rejectReason?: string;
  /** The caller may see read rates / unread homes for at least one building (never while reviewing or rejected). */
  canTrack: boolean;
  /** The caller may correct or withdraw it. */
  canManage: boolean;
  /** The caller may correct it now, or withdraw it now (canManage and the life cycle in core/notices/rules). */
  canCorrect: boolean;
  canWithdraw: boolean;
  expired: boolean;
  /** Opens a page of another feature (e.g. the month's statement for a 财务公示). */
  link?: AppLink;
  /** The ledger's daily head when it was posted, per compound: "账本 12月7日 第1234笔 3F2A-9C01". */
  ledgerWitness?: { compoundId: string; day: string; seq: number; code: string }[];
}
export interface ReadRate {
  homes: number;
  /** Homes where someone opened it in the app. */
  read: number;
  /** Homes told in person and not read in the app: counted apart. */
  told: number;
  /** The author's own homes (not read or told otherwise): they know it, counted as reached. */
  own: number;
  reached: number;
  unread: number;
  /** Whole percent, 0 only when none, 100 only when all. */
  readRate: number;
  reachedRate: number;
}
export interface BuildingReadRate extends ReadRate {
  buildingId: string;
  buildingName: string;
  compoundId: string;
}
export interface GroupReads {
  openGId: string;
  /** 'building': a 楼栋群; 'owners': the compound's 业主群 (a compound may have several). */
  kind: 'building' | 'owners';
  /** The building of a 楼栋群; the compound of a 业主群. */
  buildingId?: string;
  compoundId: string;
  /** What people call the group: 「3栋楼栋群」, 「天翔世家业主群」. */
  name: string;
  /** People who opened the notice from this WeChat group's share card. */
  opens: number;
}
export interface ReadSummary {
  noticeId: string;
  title: string;
  status: NoticeStatus;
  /** Over the buildings the caller may track. */
  total: ReadRate;
  buildings: BuildingReadRate[];
  /** Distinct people who opened it (in the buildings the caller tracks or not). */
  readers: number;
  groups: GroupReads[];
  /** The compounds of the tracked buildings: a group may be linked as one's 业主群. */
  compounds: { compoundId: string; name: string }[];
  /** Opens from WeChat groups not linked yet. */
  unlinkedGroupOpens: number;
  /** Reads and 已当面告知 of versions from this one on count (a correction marked 需重新阅读 raises it). */
  readFromVersion: number;
  version: number;
}
export interface UnreadHome {
  homeId: string;
  /** "3栋2单元101" */
  label: string;
  buildingId: string;
  /** Registered owners' names, masked. */
  owners: string[];
  /** Someone of the home uses the app (else tell them in person). */
  hasAppUser: boolean;
  /** Already told in person (can be undone). */
  told: boolean;
  /** Someone of the home granted a WeChat message: 一键提醒 reaches it (else tell them in person). */
  canMessage: boolean;
  /** For the building's lead (or the committee): people of the home who chose 愿意楼栋长联系我, phone in full. */
  contacts: { name: string; phone: string }[];
}
export interface UnreadHomesPage extends Page<UnreadHome> {
  buildingId: string;
}
export interface RemindResult {
  /** People messaged so far. */
  reminded: number;
  /** Unread people who could not be messaged (no subscription granted, or none left). */
  unreachable: number;
  unreadHomes: number;
  /** The reminder runs as a job; `notices.jobStatus` follows it until `finished`. */
  jobId: string;
  finished: boolean;
}
/** Before the tap: how many unread people a reminder can reach. */
export interface RemindPreview {
  unreadHomes: number;
  /** People of unread homes who use the app. */
  people: number;
  /** Of those, who granted a message (the rest must be told in person). */
  withGrant: number;
  /** Unread homes where at least one person granted a message: the rest must be told in person. */
  homesWithGrant: number;
}

// ---- inputs ----
const fileID = z.string().trim().regex(CLOUD_FILE_ID_PATTERN, '图片应为上传后得到的云文件ID（cloud://…）');
const day = z.string().regex(DAY_PATTERN, '日期格式应为 YYYY-MM-DD');
const title = text({ max: NOTICE_LIMITS.title, emptyMessage: '请填写标题' });
const body = text({ max: NOTICE_LIMITS.body, multiline: true, emptyMessage: '请填写正文' });
const reason = text({ max: NOTICE_LIMITS.reason, emptyMessage: '请填写原因' });

/** Where to post: whole compounds, or chosen buildings. */
export const audience = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('compounds'), compoundIds: z.array(id).min(1, '请选择小区').max(20) }).strict(),
    z.object({ kind: z.literal('buildings'), buildingIds: z.array(id).min(1, '请选择楼栋').max(50) }).strict(),
  ],
  { error: '请选择发布范围：按小区（compounds）或按楼栋（buildings）' },
);
export type Audience = z.input<typeof audience>;

/** A button under the body that opens a page of another feature (a 财务公示 notice opens the statement). */
const link = z
  .strictObject({
    to: z.enum(APP_LINK_NAMES as [AppLink['to'], ...AppLink['to'][]]),
    params: z.record(z.string(), z.string().max(64)),
    label: text({ max: 12 }),
  })
  .refine(isValidLink, { error: '链接的页面或参数有误' });

const content = {
  title,
  body,
  images: z.array(fileID).max(NOTICE_LIMITS.images, `最多${NOTICE_LIMITS.images}张图片`).default([]),
  category: z.enum(NOTICE_CATEGORIES),
  pinned: z.boolean().default(false),
  /** Last day it is listed (Shanghai); absent = until withdrawn. */
  expiresOn: day.optional(),
  link: link.optional(),
};

/**
 * How the platform hands a function an open-data CloudID: the client passes
 * `wx.cloud.CloudID(res.cloudID)` and WeChat replaces it, before the function runs,
 * with `{ cloudID, data }` decoded and verified on WeChat's side. Each API decodes to
 * its own shape: `wx.getGroupEnterInfo` (what the client calls) to `{ opengid }`,
 * lowercase, and the older `wx.getShareInfo` to `{ openGId }` (both pages of the
 * mini-program API docs, "开放数据为以下 json 结构"). Both are accepted;
 * `openGIdOf` (rules.ts) reads either. (A client can also send this shape by hand; group opens
 * are statistics only, so that is tolerated — see the README.)
 */
const groupId = z.string().min(1).max(64);
export const groupInfo = z
  .object({
    cloudID: z.string().max(1000),
    data: z.union([z.object({ openGId: groupId }).passthrough(), z.object({ opengid: groupId }).passthrough()]),
  })
  .strict();
export type { DecodedGroupInfo } from './rules';

export const noticesApi = defineApi('notices', {
  'notices.post': action(z.object({ clientRequestId, audience, ...content }).strict()).returns<NoticeDetail>(),
  'notices.correct': action(
    z
      .object({
        clientRequestId,
        noticeId: id,
        ...content,
        note: optionalText({ max: NOTICE_LIMITS.reason }),
        /** Everyone must see this version again: reads and 已当面告知 of earlier versions stop counting. */
        mustReread: z.boolean().default(false),
      })
      .strict(),
  ).returns<NoticeDetail>(),
  'notices.withdraw': action(z.object({ noticeId: id, reason }).strict()).returns<NoticeDetail>(),
  /** inbox: notices for me; authored: what I posted, any status (reviewing and rejected included). */
  'notices.list': action(
    z
      .object({ box: z.enum(['inbox', 'authored']).default('inbox'), q: optionalText({ max: NOTICE_LIMITS.search }) })
      .merge(page)
      .strict(),
  ).returns<NoticeListPage>(),
  'notices.unreadCount': action(z.object({}).strict()).returns<{ unread: number }>(),
  /** Open a notice: returns it and records my read (idempotent). `groupInfo` when opened from a group share card. */
  'notices.open': action(z.object({ noticeId: id, groupInfo: groupInfo.optional() }).strict()).returns<NoticeDetail>(),
  'notices.groupOpen': action(z.object({ noticeId: id, groupInfo }).strict()).returns<{
    noticeId: string;
    openGId: string;
    recorded: boolean;
  }>(),
  'notices.summary': action(z.object({ noticeId: id }).strict()).returns<ReadSummary>(),
  'notices.unreadHomes': action(z.object({ noticeId: id, buildingId: id }).merge(page).strict()).returns<UnreadHomesPage>(),
  /** Message the unread homes' people who granted a subscribe message (optionally one building). */
  'notices.remind': action(z.object({ clientRequestId, noticeId: id, buildingId: id.optional() }).strict()).returns<RemindResult>(),
  'notices.remindPreview': action(z.object({ noticeId: id, buildingId: id.optional() }).strict()).returns<RemindPreview>(),
  /** Progress of a reminder I started. */
  'notices.jobStatus': action(z.object({ jobId: id.max(120) }).strict()).returns<JobView>(),
  'notices.markTold': action(z.object({ noticeId: id, homeId: id }).strict()).returns<{ homeId: string; told: boolean }>(),
  'notices.unmarkTold': action(z.object({ noticeId: id, homeId: id }).strict()).returns<{ homeId: string; told: boolean }>(),
  /** After wx.requestSubscribeMessage: one accepted tap = one message. */
  'notices.subscribe': action(z.object({ templateId: z.enum(SUBSCRIBE_TEMPLATES), accepted: z.boolean() }).strict()).returns<{
    templateId: string;
    remaining: number;
  }>(),
  /** Link a WeChat group to the building group it is: group info only as WeChat decoded it (a share ticket's CloudID). */
  'groups.link': action(z.object({ buildingId: id, groupInfo }).strict()).returns<{
    openGId: string;
    buildingId: string;
    buildingName: string;
  }>(),
  /** Link a WeChat group as the compound's 业主群 (the owners' group, which the committee runs). */
  'groups.linkOwners': action(z.object({ compoundId: id, groupInfo }).strict()).returns<{
    openGId: string;
    compoundId: string;
    name: string;
  }>(),
});

export type NoticesApi = typeof noticesApi;
