/**
 * Notices: the pure rules shared by the client and the `notices` function —
 * categories, who a notice reaches (targeting keys), what a person may see, the
 * life cycle of a notice and the read-rate arithmetic. No Taro, no wx-server-sdk.
 */
import { PERMISSIONS, can, scopesOf } from '../authz';
import type { Actor, RoleGrant, RoleName, Target } from '../platform/roles';

export const NOTICE_CATEGORIES = ['通知', '停水停电', '活动', '财务公示', '紧急'] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];
/** Emergency notices stand out in the list and message every subscribed resident on publish. */
export const EMERGENCY: NoticeCategory = '紧急';
export const isEmergency = (category: string) => category === EMERGENCY;

export { NOTICE_LIMITS } from './limits';

// ---------------------------------------------------------------- life cycle

/**
 * reviewing: waiting for image checks; published: live; rejected: failed a check,
 * never shown; corrected: replaced by a newer version; withdrawn: taken back.
 * A published notice is never edited in place: a correction is a new notice.
 */
export const NOTICE_STATUSES = ['reviewing', 'published', 'rejected', 'corrected', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  reviewing: '审核中',
  published: '已发布',
  rejected: '未通过审核',
  corrected: '已更正',
  withdrawn: '已撤回',
};

const TRANSITIONS: Record<NoticeStatus, readonly NoticeStatus[]> = {
  reviewing: ['published', 'rejected', 'withdrawn'],
  published: ['corrected', 'withdrawn'],
  rejected: [],
  corrected: [],
  withdrawn: [],
};

export function canTransition(from: NoticeStatus, to: NoticeStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A correction or a withdrawal applies to a live notice only (a reviewing one may only be withdrawn). */
export function canCorrect(status: NoticeStatus) {
  return canTransition(status, 'corrected');
}

// ---------------------------------------------------------------- targeting

/** Where a notice goes: whole compounds, or chosen buildings. */
export type NoticeTarget =
  | { kind: 'compound'; communityId: string; compoundId: string }
  | { kind: 'building'; communityId: string; compoundId: string; buildingId: string };

/**
 * Targeting keys, stored on the notice as a multikey-indexed array so "notices for
 * me" is one `$in` query whatever the number of households.
 *   c:<compound>, b:<building>  — the audience (residents of the compound / building)
 *   sc:<compound>, sm:<community> — the compound and community roles who may follow it up
 */
export const key = {
  compound: (id: string) => `c:${id}`,
  building: (id: string) => `b:${id}`,
  compoundStaff: (id: string) => `sc:${id}`,
  communityStaff: (id: string) => `sm:${id}`,
};

export function noticeKeys(targets: NoticeTarget[]): string[] {
  const out = new Set<string>();
  for (const t of targets) {
    out.add(t.kind === 'building' ? key.building(t.buildingId) : key.compound(t.compoundId));
    out.add(key.compoundStaff(t.compoundId));
    out.add(key.communityStaff(t.communityId));
  }
  return [...out];
}

/**
 * The keys an actor listens on: their homes' compounds and buildings, the compounds
 * they hold any role in (staff read compound notices too), and the scopes where
 * they may track notices.
 */
export function actorKeys(actor: Pick<Actor, 'homes' | 'roles'>): string[] {
  const out = new Set<string>();
  for (const h of actor.homes) {
    out.add(key.compound(h.compoundId));
    out.add(key.building(h.buildingId));
  }
  for (const g of actor.roles) if (g.compoundId) out.add(key.compound(g.compoundId));
  const s = scopesOf(actor, 'notice.track');
  for (const b of s.buildingIds) out.add(key.building(b));
  for (const c of s.compoundIds) out.add(key.compoundStaff(c));
  for (const m of s.communityIds) out.add(key.communityStaff(m));
  return [...out].sort();
}

export function targetOf(t: NoticeTarget): Target {
  return t.kind === 'building'
    ? { communityId: t.communityId, compoundId: t.compoundId, buildingId: t.buildingId }
    : { communityId: t.communityId, compoundId: t.compoundId };
}

/** Everyone may post only where `notice.post` covers every target. */
export function canPostTo(actor: Pick<Actor, 'roles'>, targets: NoticeTarget[]): boolean {
  return targets.length > 0 && targets.every((t) => can(actor, 'notice.post', targetOf(t)));
}

/**
 * The role shown next to the author's name: the first role (in the permission
 * table's order, widest scope first among equals) whose grant alone covers every
 * target; else the first grant covering the first target.
 */
export function authorRole(actor: Pick<Actor, 'roles'>, targets: NoticeTarget[]): RoleName | null {
  const order = (PERMISSIONS['notice.post'] as ReadonlyArray<readonly [RoleName, string]>).map(([r]) => r);
  const ranked = [...actor.roles].sort((a, b) => rank(order, b.role) - rank(order, a.role));
  const covers = (g: RoleGrant, t: NoticeTarget) => can({ roles: [g] }, 'notice.post', targetOf(t));
  const all = ranked.find((g) => targets.every((t) => covers(g, t)));
  if (all) return all.role;
  return ranked.find((g) => targets[0] && covers(g, targets[0]))?.role ?? null;
}
function rank(order: RoleName[], r: RoleName) {
  // communityAdmin > compound roles > buildingLead: the widest voice is shown.
  const i = order.indexOf(r);
  return i < 0 ? -1 : r === 'communityAdmin' ? 100 : r === 'buildingLead' ? 0 : 50 - i;
}

/** A building reached by a notice (compound targets expand to every building of the compound). */
export interface TargetBuilding {
  id: string;
  communityId: string;
  compoundId: string;
  name: string;
  no: number;
  homeCount: number;
}

/**
 * The buildings of a notice whose read status this actor may follow up: only by a
 * current `notice.track` role. Authorship gives nothing here — a lead whose role is
 * revoked must no longer see which homes of the building have not read.
 */
export function trackableBuildings<B extends Pick<TargetBuilding, 'id' | 'communityId' | 'compoundId'>>(
  actor: Pick<Actor, 'roles'>,
  notice: { buildings: B[] },
): B[] {
  return notice.buildings.filter((b) =>
    can(actor, 'notice.track', { communityId: b.communityId, compoundId: b.compoundId, buildingId: b.id }),
  );
}

/** Correct or withdraw: the author, or whoever may post to every target. */
export function canManage(actor: Pick<Actor, 'roles' | 'personId'>, notice: { authorId: string; targets: NoticeTarget[] }): boolean {
  return (!!actor.personId && notice.authorId === actor.personId) || canPostTo(actor, notice.targets);
}

// ---------------------------------------------------------------- visibility

export interface VisibilityInput {
  authorId: string;
  targetKeys: string[];
  status: NoticeStatus;
  /** End of the expiry day; absent = never expires. */
  expiresAt?: Date | null;
}

export function isExpired(n: Pick<VisibilityInput, 'expiresAt'>, now: Date): boolean {
  return !!n.expiresAt && new Date(n.expiresAt).getTime() <= now.getTime();
}

/** In "notices for me": published, not expired (the query says the same; this is the rule written once). */
export function inList(n: VisibilityInput, now: Date): boolean {
  return n.status === 'published' && !isExpired(n, now);
}

/**
 * What opening a notice by id gives:
 *   'full'   — the author, or someone who may track it (staff keys), any status;
 *   'reader' — the audience: published, corrected (to be pointed to the new version)
 *              and withdrawn (to see that and why), while not expired;
 *   null     — everything else, reported as NOT_FOUND so existence never leaks.
 */
export function openAccess(n: VisibilityInput, actor: Pick<Actor, 'personId' | 'homes' | 'roles'>, now: Date): 'full' | 'reader' | null {
  if (actor.personId && n.authorId === actor.personId) return 'full';
  const mine = new Set(actorKeys(actor));
  const staff = n.targetKeys.some((k) => (k.startsWith('sc:') || k.startsWith('sm:')) && mine.has(k));
  const tracksBuilding = n.targetKeys.some((k) => k.startsWith('b:') && scopesOf(actor, 'notice.track').buildingIds.includes(k.slice(2)));
  if (staff || tracksBuilding) return 'full';
  const audience = n.targetKeys.some((k) => (k.startsWith('c:') || k.startsWith('b:')) && mine.has(k));
  if (!audience) return null;
  if (n.status === 'reviewing' || n.status === 'rejected') return null;
  if (isExpired(n, now)) return null;
  return 'reader';
}

// ---------------------------------------------------------------- read rates

/**
 * A share as a whole percent for display, rounded half up, except that it shows 0
 * only when nobody read and 100 only when everybody did (1 home of 585 is "1%",
 * 584 of 585 is "99%"): a lead must never see "done" when a home is left.
 */
export function percent(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  if (part >= whole) return 100;
  const p = Math.floor((part * 100 * 2 + whole) / (2 * whole));
  return Math.min(99, Math.max(1, p));
}

export interface ReadCounts {
  homes: number;
  /** Homes where someone opened the notice in the app. */
  read: number;
  /** Homes told in person and not (yet) read in the app: counted apart. */
  told: number;
  /** The author's own homes, neither read nor told otherwise: they know it (they wrote it). */
  own?: number;
}

export function rates(c: ReadCounts) {
  const read = Math.min(c.read, c.homes);
  const told = Math.min(c.told, Math.max(0, c.homes - read));
  const own = Math.min(c.own ?? 0, Math.max(0, c.homes - read - told));
  const reached = read + told + own;
  return {
    homes: c.homes,
    read,
    told,
    own,
    reached,
    unread: Math.max(0, c.homes - reached),
    readRate: percent(read, c.homes),
    reachedRate: percent(reached, c.homes),
  };
}

export function sumCounts(list: ReadCounts[]): ReadCounts {
  return list.reduce(
    (a, c) => ({ homes: a.homes + c.homes, read: a.read + c.read, told: a.told + c.told, own: (a.own ?? 0) + (c.own ?? 0) }),
    { homes: 0, read: 0, told: 0, own: 0 },
  );
}

/**
 * A home's record for one notice, all its versions together (keyed by the notice's
 * rootId): read in the app and told in person each remember the version they
 * happened on; `author` marks the author's own homes.
 */
export interface HomeReadState {
  app: boolean;
  appVersion?: number;
  told: boolean;
  toldVersion?: number;
  author?: boolean;
}

/**
 * How a home knows a notice whose reads count from `fromVersion` on (1, unless a
 * correction was marked 需重新阅读): read in the app, told in person, the author's
 * own home, or not at all (null). A version missing on a record is version 1.
 */
export function homeKnows(r: HomeReadState | null | undefined, fromVersion = 1): 'read' | 'told' | 'own' | null {
  if (!r) return null;
  if (r.app && (r.appVersion ?? 1) >= fromVersion) return 'read';
  if (r.told && (r.toldVersion ?? 1) >= fromVersion) return 'told';
  if (r.author) return 'own';
  return null;
}

/** A person's read of a notice (any version) counts when it is of `fromVersion` or newer. */
export function personReadCounts(read: { version?: number } | null | undefined, fromVersion = 1): boolean {
  return !!read && (read.version ?? 1) >= fromVersion;
}

/** The version reads count from after a correction: the new one when everyone must see it again. */
export function nextReadFromVersion(previous: { readFromVersion?: number } | undefined, newVersion: number, mustReread: boolean): number {
  if (mustReread) return newVersion;
  return previous?.readFromVersion ?? 1;
}

// ---------------------------------------------------------------- small text rules

/** Escape user text for a database RegExp so "3.1" or "(停水)" search literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function excerpt(body: string, max = 60): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : chars.slice(0, max).join('') + '…';
}

/** Subscribe-message "thing" fields take at most 20 characters. */
export function clip(text: string, max = 20): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

/** msgSecCheck v2 labels, for a message that says what kind of content was refused. */
export const SEC_LABELS: Record<number, string> = {
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他不适宜',
};

export function rejectionMessage(what: 'text' | 'image', suggest: string, label: number, index?: number): string {
  const kind = SEC_LABELS[label] ? `（疑似${SEC_LABELS[label]}内容）` : '';
  if (what === 'image') return `第${(index ?? 0) + 1}张图片未通过安全检测${kind}，通知未发布，请更换图片后重新发布`;
  if (suggest === 'review') return '标题或正文可能含有不适宜的内容，请修改后再发布';
  return `标题或正文未通过安全检测${kind}，请修改后再发布`;
}

export const NOTICE_DETAIL_PAGE = 'packages/notices/pages/detail/index';
export const noticePage = (id: string) => `${NOTICE_DETAIL_PAGE}?id=${encodeURIComponent(id)}`;

/** Group info as WeChat decoded it: getShareInfo → `{ openGId }`, getGroupEnterInfo → `{ opengid }`. */
export type DecodedGroupInfo = { data: { openGId: string } | { opengid: string } };

/** The group's id, whichever API decoded it (getShareInfo → openGId, getGroupEnterInfo → opengid). */
export function openGIdOf(info: DecodedGroupInfo): string {
  return 'openGId' in info.data ? info.data.openGId : info.data.opengid;
}
