/**
 * Posting, correcting and withdrawing. Nothing is written before the text passed
 * msgSecCheck; a notice with images waits in 'reviewing' until every image verdict
 * arrived (the wxa_media_check push, handled by `onMediaCheck`).
 */
import type { Audience, NoticeDetail } from '../../core/notices/contract';
import { AppError } from '../../core/platform/errors';
import {
  authorRole, canManage, canPostTo, canTransition, isEmergency, noticeKeys, openAccess, rejectionMessage, trackableBuildings,
  type NoticeCategory, type NoticeTarget, type TargetBuilding,
} from '../../core/notices/rules';
import { endOfShanghaiDay, formatDate } from '../../core/platform/time';
import type { Actor } from '../../core/platform/roles';
import type { CloudModule, Ctx, Database } from '../_shared/router';
import { getAll, getByIds } from '../_shared/db';
import type { BuildingDoc, CompoundDoc, MembershipDoc, PersonDoc } from '../_shared/directory';
import type { NoticeDoc, NoticeMedia } from './docs';
import { imageUrls, loadNotice, mustPerson } from './common';
import { messagePeople } from './messages';
import { detailView } from './views';

/** msgSecCheck v2 scene: 1 资料, 2 评论, 3 论坛, 4 社交日志. A notice board is closest to 论坛. */
export const SEC_SCENE = 3;
const FOREVER = new Date('9999-12-31T00:00:00Z');

interface Content {
  title: string;
  body: string;
  images: string[];
  category: NoticeCategory;
  pinned: boolean;
  expiresOn?: string;
}

interface Resolved {
  targets: NoticeTarget[];
  buildings: TargetBuilding[];
  label: string;
}

/** Targets come from the database (ids in the payload only name them). */
export async function resolveAudience(ctx: Ctx, a: Audience): Promise<Resolved> {
  const _ = ctx.db.command;
  let targets: NoticeTarget[];
  let buildings: BuildingDoc[];
  let compounds: Map<string, CompoundDoc>;
  if (a.kind === 'buildings') {
    const found = await getByIds<BuildingDoc>(ctx.db, 'buildings', a.buildingIds);
    if (found.size !== new Set(a.buildingIds).size) throw new AppError('NOT_FOUND', '所选楼栋不存在');
    buildings = [...found.values()];
    compounds = await getByIds<CompoundDoc>(ctx.db, 'compounds', buildings.map((b) => b.compoundId));
    targets = buildings.map((b) => ({ kind: 'building', communityId: b.communityId, compoundId: b.compoundId, buildingId: b._id }));
  } else {
    compounds = await getByIds<CompoundDoc>(ctx.db, 'compounds', a.compoundIds);
    if (compounds.size !== new Set(a.compoundIds).size) throw new AppError('NOT_FOUND', '所选小区不存在');
    targets = [...compounds.values()].map((c) => ({ kind: 'compound', communityId: c.communityId, compoundId: c._id }));
    buildings = await getAll<BuildingDoc>(ctx.db, 'buildings', { compoundId: _.in([...compounds.keys()]) });
  }
  buildings.sort((x, y) => x.compoundId.localeCompare(y.compoundId) || x.no - y.no);
  const label = [...compounds.values()]
    .map((c) => (a.kind === 'compounds' ? `${c.name} 全体` : `${c.name} ${buildings.filter((b) => b.compoundId === c._id).map((b) => b.name).join('、')}`))
    .join('；');
  return {
    targets,
    buildings: buildings.map((b) => ({ id: b._id, communityId: b.communityId, compoundId: b.compoundId, name: b.name, no: b.no, homeCount: b.homeCount })),
    label,
  };
}

function expiry(ctx: Ctx, expiresOn?: string): Date | null {
  if (!expiresOn) return null;
  const at = endOfShanghaiDay(expiresOn);
  if (Number.isNaN(at.getTime()) || formatDate(at) !== expiresOn) throw new AppError('BAD_REQUEST', '截止日期无效');
  if (at.getTime() <= ctx.now.getTime()) throw new AppError('BAD_REQUEST', '截止日期不能早于今天');
  return at;
}

/** msgSecCheck v2 on title and body with the author's openid. Throws CONTENT_REJECTED; writes nothing. */
async function checkText(ctx: Ctx, c: Pick<Content, 'title' | 'body'>) {
  let res: { result?: { suggest?: string; label?: number } };
  try {
    res = await ctx.cloud.openapi.security.msgSecCheck({ openid: ctx.openid, scene: SEC_SCENE, version: 2, title: c.title, content: `${c.title}\n${c.body}` });
  } catch (e) {
    console.error('[msgSecCheck]', (e as Error).message);
    throw new AppError('INTERNAL', '内容安全检测暂时不可用，请稍后再发布');
  }
  const suggest = res.result?.suggest ?? 'risky';
  if (suggest !== 'pass') throw new AppError('CONTENT_REJECTED', rejectionMessage('text', suggest, res.result?.label ?? 0));
}

/** Start the asynchronous check of every image; their verdicts arrive by `onMediaCheck`. */
async function checkImages(ctx: Ctx, images: string[]): Promise<NoticeMedia[]> {
  const urls = await imageUrls(ctx, images);
  const missing = urls.findIndex((u) => u.status !== 0 || !u.url);
  if (missing >= 0) throw new AppError('BAD_REQUEST', `第${missing + 1}张图片不存在，请重新上传`);
  const media: NoticeMedia[] = [];
  for (const u of urls) {
    try {
      const r = (await ctx.cloud.openapi.security.mediaCheckAsync({ mediaUrl: u.url, mediaType: 2, version: 2, openid: ctx.openid, scene: SEC_SCENE })) as { traceId: string };
      media.push({ fileID: u.fileID, traceId: r.traceId, status: 'pending' });
    } catch (e) {
      console.error('[mediaCheckAsync]', (e as Error).message);
      throw new AppError('INTERNAL', '图片安全检测暂时不可用，请稍后再发布');
    }
  }
  return media;
}

async function createVersion(ctx: Ctx, actor: Actor, author: PersonDoc, where: Resolved, c: Content, previous?: NoticeDoc, note?: string): Promise<NoticeDetail> {
  const expiresAt = expiry(ctx, c.expiresOn);
  const role = authorRole(actor, where.targets);
  if (!role) throw new AppError('FORBIDDEN');
  await checkText(ctx, c);
  const media = await checkImages(ctx, c.images);
  const live = media.length === 0;
  const doc: Omit<NoticeDoc, '_id'> = {
    rootId: previous?.rootId ?? '',
    version: (previous?.version ?? 0) + 1,
    ...(previous ? { previousId: previous._id } : {}),
    status: live ? 'published' : 'reviewing',
    title: c.title,
    body: c.body,
    images: c.images,
    category: c.category,
    pinned: c.pinned,
    expiresAt,
    visibleUntil: expiresAt ?? FOREVER,
    targets: where.targets,
    targetsLabel: where.label,
    targetKeys: noticeKeys(where.targets),
    buildings: where.buildings,
    authorId: author._id,
    authorName: author.name,
    authorRole: role,
    partyBadge: author.partyMember && author.showPartyBadge,
    media,
    mediaTraceIds: media.map((m) => m.traceId),
    ...(note ? { correctionNote: note } : {}),
    createdAt: ctx.now,
    publishedAt: live ? ctx.now : null,
  };
  const added = await ctx.db.collection('notices').add({ data: doc });
  const id = String(added._id);
  if (!previous) await ctx.db.collection('notices').doc(id).update({ data: { rootId: id } });
  const notice: NoticeDoc = { ...doc, _id: id, rootId: previous?.rootId ?? id };
  if (live) await afterPublish(ctx.db, ctx.cloud, notice, ctx.now);
  return detailView(notice, {
    access: 'full',
    unread: false,
    images: (await imageUrls(ctx, notice.images)).map(({ fileID, url }) => ({ fileID, url })),
    canTrack: trackableBuildings(actor, notice).length > 0,
    canManage: true,
    now: ctx.now,
  });
}

/** A version went live: the one it corrects steps aside, and an emergency messages every subscribed resident. */
export async function afterPublish(db: Database, cloud: CloudModule, notice: NoticeDoc, now: Date) {
  if (notice.previousId) {
    await db.collection('notices').where({ _id: notice.previousId, status: 'published' }).update({ data: { status: 'corrected', correctedById: notice._id, correctedAt: now } });
  }
  if (isEmergency(notice.category)) {
    const _ = db.command;
    const buildingIds = notice.targets.flatMap((t) => (t.kind === 'building' ? [t.buildingId] : []));
    const compoundIds = notice.targets.flatMap((t) => (t.kind === 'compound' ? [t.compoundId] : []));
    const ors: object[] = [];
    if (buildingIds.length) ors.push({ buildingId: _.in(buildingIds) });
    if (compoundIds.length) ors.push({ compoundId: _.in(compoundIds) });
    // A write-time fan-out, bounded by the target's households (not a per-user read).
    const members: MembershipDoc[] = [];
    for (const o of ors) members.push(...(await getAll<MembershipDoc>(db, 'memberships', { ...o, status: 'active' })));
    const people = [...new Set(members.map((m) => m.personId))].filter((p) => p !== notice.authorId);
    await messagePeople(db, cloud, notice, people, '紧急通知，请尽快查看', now);
  }
}

export async function postNotice(ctx: Ctx, input: Content & { audience: Audience }): Promise<NoticeDetail> {
  const actor = await ctx.actor();
  if (!actor.roles.length) throw new AppError('FORBIDDEN');
  const where = await resolveAudience(ctx, input.audience);
  if (!canPostTo(actor, where.targets)) throw new AppError('FORBIDDEN', '您只能向自己负责的楼栋或小区发布通知');
  const author = await mustPerson(ctx, actor);
  return createVersion(ctx, actor, author, where, input);
}

async function manageable(ctx: Ctx, noticeId: string) {
  const actor = await ctx.actor();
  const notice = await loadNotice(ctx, noticeId);
  if (!canManage(actor, notice)) {
    if (!openAccess(notice, actor, ctx.now)) throw new AppError('NOT_FOUND');
    throw new AppError('FORBIDDEN');
  }
  return { actor, notice };
}

/** A correction is a new version with the same targets; the old one shows 已更正 once it is live. */
export async function correctNotice(ctx: Ctx, input: Content & { noticeId: string; note?: string }): Promise<NoticeDetail> {
  const { actor, notice } = await manageable(ctx, input.noticeId);
  if (!canTransition(notice.status, 'corrected')) throw new AppError('NOTICE_CLOSED');
  const author = await mustPerson(ctx, actor);
  const { noticeId: _id, note, ...content } = input;
  return createVersion(ctx, actor, author, { targets: notice.targets, buildings: notice.buildings, label: notice.targetsLabel }, content, notice, note);
}

export async function withdrawNotice(ctx: Ctx, input: { noticeId: string; reason: string }): Promise<NoticeDetail> {
  const { actor, notice } = await manageable(ctx, input.noticeId);
  if (!canTransition(notice.status, 'withdrawn')) throw new AppError('NOTICE_CLOSED');
  const who = await mustPerson(ctx, actor);
  const withdrawal = { by: who._id, byName: who.name, reason: input.reason, at: ctx.now };
  const res = await ctx.db.collection('notices').where({ _id: notice._id, status: notice.status }).update({ data: { status: 'withdrawn', withdrawal } });
  if (!res.stats.updated) throw new AppError('CONFLICT');
  const updated: NoticeDoc = { ...notice, status: 'withdrawn', withdrawal };
  return detailView(updated, {
    access: 'full',
    unread: false,
    images: (await imageUrls(ctx, notice.images)).map(({ fileID, url }) => ({ fileID, url })),
    canTrack: trackableBuildings(actor, notice).length > 0,
    canManage: true,
    now: ctx.now,
  });
}

/**
 * The wxa_media_check push (no caller: OPENID is empty). Matched to its notice by
 * trace_id; the last verdict publishes the notice, any risky one rejects it.
 */
export async function onMediaCheck(ctx: Ctx, event: Record<string, unknown>) {
  const { db, cloud } = ctx;
  const traceId = String(event.trace_id);
  const result = (event.result ?? {}) as { suggest?: string; label?: number };
  const suggest = result.suggest === 'pass' ? 'pass' : 'risky';
  const found = await db.collection('notices').where({ mediaTraceIds: traceId }).limit(1).get();
  const hit = found.data[0] as NoticeDoc | undefined;
  if (!hit) {
    console.warn('[wxa_media_check] no notice for trace', traceId);
    return { handled: false };
  }
  const now = new Date();
  const outcome = await db.runTransaction(async (tx) => {
    const n = (await tx.collection('notices').doc(hit._id).get()).data as NoticeDoc;
    const media = n.media.map((m) => (m.traceId === traceId ? { ...m, status: suggest, label: result.label ?? 0 } : m)) as NoticeMedia[];
    const patch: Record<string, unknown> = { media: db.command.set(media) };
    let status = n.status;
    if (n.status === 'reviewing') {
      const bad = media.findIndex((m) => m.status === 'risky');
      if (bad >= 0) {
        status = 'rejected';
        patch.status = status;
        patch.rejectReason = rejectionMessage('image', 'risky', media[bad].label ?? 0, bad);
      } else if (media.every((m) => m.status === 'pass')) {
        status = 'published';
        patch.status = status;
        patch.publishedAt = now;
      }
    }
    await tx.collection('notices').doc(hit._id).update({ data: patch });
    return { notice: { ...n, media, status, publishedAt: status === 'published' ? now : n.publishedAt } as NoticeDoc, changed: status !== n.status };
  });
  if (outcome.changed && outcome.notice.status === 'published') await afterPublish(db, cloud, outcome.notice, now);
  return { handled: true, noticeId: hit._id, status: outcome.notice.status };
}
