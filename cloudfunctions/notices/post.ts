/**
 * Posting, correcting and withdrawing. Nothing is written before the text passed
 * msgSecCheck; a notice with images waits in 'reviewing' until every image verdict
 * arrived (the wxa_media_check push, handled by `onMediaCheck`).
 */
import type { Audience, NoticeDetail } from '../../core/notices/contract';
import { AppError } from '../../core/platform/errors';
import {
  authorRole,
  canManage,
  canPostTo,
  canTransition,
  isEmergency,
  nextReadFromVersion,
  noticeKeys,
  openAccess,
  rejectionMessage,
  trackableBuildings,
  type NoticeCategory,
  type NoticeTarget,
  type TargetBuilding,
} from '../../core/notices/rules';
import { endOfShanghaiDay, formatDate } from '../../core/platform/time';
import type { Actor } from '../../core/platform/roles';
import type { AppLink } from '../../core/platform/links';
import { createHash } from 'node:crypto';
import { checkText as checkTextOnce } from '../_shared/media';
import type { Ctx } from '../_shared/router';
import {
  buildings as buildingsRepo,
  compounds as compoundsRepo,
  type BuildingDoc,
  type CompoundDoc,
  type PersonDoc,
} from '../_shared/directory';
import { assertOwnFiles } from '../_shared/files';
import { enqueue, work, workerBudgetMs } from '../_shared/jobs';
import { transaction } from '../_shared/repo';
import { notices, type NoticeDoc, type NoticeMedia } from './docs';
import { imageUrls, loadNotice, mustPerson } from './common';
import { messageFields, noticeMessageJob } from './messages';
import { markAuthorHomes } from './track';
import { detailView } from './views';
import { latestDailyHeads } from '../_shared/ledger-witness';
import deploy from './deploy.json';

/** Photos a notice shows live in its author's own upload folder: u/<openid>/notices/… */
export const NOTICE_FILES = 'notices';

/** A notice's id from its author and the client request id: a retried post finds the first one. */
export function noticeIdFor(personId: string, clientRequestId: string): string {
  return 'n' + createHash('sha256').update(`${personId}\n${clientRequestId}`).digest('hex').slice(0, 31);
}

/** Functions that also send photos to mediaCheckAsync and accept its push (see onMediaCheck). */
const MEDIA_CHECK_FORWARD = ['repairs', 'activities', 'vehicles', 'concerns', 'community'];

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
  link?: AppLink;
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
    const found = await buildingsRepo(ctx.db).byIds(a.buildingIds);
    if (found.size !== new Set(a.buildingIds).size) throw new AppError('NOT_FOUND', '所选楼栋不存在');
    buildings = [...found.values()];
    compounds = await compoundsRepo(ctx.db).byIds(buildings.map((b) => b.compoundId));
    targets = buildings.map((b) => ({ kind: 'building', communityId: b.communityId, compoundId: b.compoundId, buildingId: b._id }));
  } else {
    compounds = await compoundsRepo(ctx.db).byIds(a.compoundIds);
    if (compounds.size !== new Set(a.compoundIds).size) throw new AppError('NOT_FOUND', '所选小区不存在');
    targets = [...compounds.values()].map((c) => ({ kind: 'compound', communityId: c.communityId, compoundId: c._id }));
    buildings = await buildingsRepo(ctx.db).all({ compoundId: _.in([...compounds.keys()]) });
  }
  buildings.sort((x, y) => x.compoundId.localeCompare(y.compoundId) || x.no - y.no);
  const label = [...compounds.values()]
    .map((c) =>
      a.kind === 'compounds'
        ? `${c.name} 全体`
        : `${c.name} ${buildings
            .filter((b) => b.compoundId === c._id)
            .map((b) => b.name)
            .join('、')}`,
    )
    .join('；');
  return {
    targets,
    buildings: buildings.map((b) => ({
      id: b._id,
      communityId: b.communityId,
      compoundId: b.compoundId,
      name: b.name,
      no: b.no,
      homeCount: b.homeCount,
    })),
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
const checkText = (ctx: Ctx, c: Pick<Content, 'title' | 'body'>) =>
  checkTextOnce(ctx, `${c.title}\n${c.body}`, {
    scene: SEC_SCENE,
    title: c.title,
    rejected: (suggest, label) => rejectionMessage('text', suggest, label),
  });

/** Start the asynchronous check of every image; their verdicts arrive by `onMediaCheck`. */
async function checkImages(ctx: Ctx, images: string[]): Promise<NoticeMedia[]> {
  const urls = await imageUrls(ctx, images);
  const missing = urls.findIndex((u) => u.status !== 0 || !u.url);
  if (missing >= 0) throw new AppError('BAD_REQUEST', `第${missing + 1}张图片不存在，请重新上传`);
  const media: NoticeMedia[] = [];
  for (const u of urls) {
    try {
      const r = (await ctx.cloud.openapi.security.mediaCheckAsync({
        mediaUrl: u.url,
        mediaType: 2,
        version: 2,
        openid: ctx.openid,
        scene: SEC_SCENE,
      })) as { traceId: string };
      media.push({ fileID: u.fileID, traceId: r.traceId, status: 'pending' });
    } catch (e) {
      console.error('[mediaCheckAsync]', (e as Error).message);
      throw new AppError('INTERNAL', '图片安全检测暂时不可用，请稍后再发布');
    }
  }
  return media;
}

async function createVersion(
  ctx: Ctx,
  actor: Actor,
  author: PersonDoc,
  where: Resolved,
  c: Content,
  clientRequestId: string,
  previous?: NoticeDoc,
  note?: string,
  mustReread = false,
): Promise<NoticeDetail> {
  const id = noticeIdFor(author._id, clientRequestId);
  const view = async (notice: NoticeDoc) =>
    detailView(notice, {
      access: 'full',
      unread: false,
      images: (await imageUrls(ctx, notice.images)).map(({ fileID, url }) => ({ fileID, url })),
      canTrack: trackableBuildings(actor, notice).length > 0,
      canManage: true,
      now: ctx.now,
    });
  // A retry of a call that timed out: answer what the first one made.
  const already = await notices(ctx.db).get(id);
  if (already) return view(already);
  const expiresAt = expiry(ctx, c.expiresOn);
  const role = authorRole(actor, where.targets);
  if (!role) throw new AppError('FORBIDDEN');
  // Only the author's own uploads (a correction may keep the photos it corrects).
  const kept = new Set(previous?.images ?? []);
  assertOwnFiles(
    ctx.openid,
    NOTICE_FILES,
    c.images.filter((f) => !kept.has(f)),
  );
  await checkText(ctx, c);
  const media = await checkImages(ctx, c.images);
  const live = media.length === 0;
  if (previous) {
    // Claim the version being corrected: a parallel correction or withdrawal loses with CONFLICT.
    await transaction(ctx.db, async (tx) => {
      const cur = await notices(ctx.db).in(tx).must(previous._id);
      if (cur.status !== previous.status || cur.correctionClaim || cur.correctedById)
        throw new AppError('CONFLICT', '这条通知刚被他人更正或撤回，请刷新后再操作');
      await notices(ctx.db).in(tx).patch(previous._id, { correctionClaim: id });
    });
  }
  // Every notice quotes the ledger's head of the day for its compounds: each home then holds a copy.
  const quoted = await latestDailyHeads(
    ctx.db,
    where.targets.map((t) => t.compoundId),
  );
  const doc: Omit<NoticeDoc, '_id'> = {
    rootId: previous?.rootId ?? id,
    version: (previous?.version ?? 0) + 1,
    ...(previous ? { previousId: previous._id } : {}),
    status: live ? 'published' : 'reviewing',
    title: c.title,
    body: c.body,
    images: c.images,
    category: c.category,
    pinned: c.pinned,
    ...(c.link ? { link: c.link } : {}),
    ...(quoted.length ? { ledgerHeads: quoted } : {}),
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
    readFromVersion: nextReadFromVersion(previous, (previous?.version ?? 0) + 1, !!previous && mustReread),
    clientRequestId,
    createdAt: ctx.now,
    publishedAt: live ? ctx.now : null,
  };
  try {
    await notices(ctx.db).add({ _id: id, ...doc });
  } catch (e) {
    // The same request raced itself: the other call wrote it.
    const raced = await notices(ctx.db).get(id);
    if (raced) return view(raced);
    throw e;
  }
  const notice: NoticeDoc = { ...doc, _id: id };
  // The author's own homes know what they wrote: never listed as unread.
  await markAuthorHomes(ctx, actor, notice);
  if (live) await afterPublish(ctx, notice);
  return view(notice);
}

/** A version went live: the one it corrects steps aside, and an emergency messages every subscribed resident. */
export async function afterPublish(ctx: Ctx, notice: NoticeDoc) {
  if (notice.previousId) {
    await notices(ctx.db).patchWhere(
      { _id: notice.previousId, correctionClaim: notice._id },
      { status: 'corrected', correctedById: notice._id, correctedAt: ctx.now, correctionClaim: null },
    );
  }
  if (isEmergency(notice.category)) {
    // A job in batches: a whole compound's send-out never rides on one call.
    const job = await enqueue(
      ctx,
      noticeMessageJob,
      {
        noticeId: notice._id,
        note: '紧急通知，请尽快查看',
        buildingIds: notice.targets.flatMap((t) => (t.kind === 'building' ? [t.buildingId] : [])),
        compoundIds: notice.targets.flatMap((t) => (t.kind === 'compound' ? [t.compoundId] : [])),
        onlyUnread: false,
        excludePersonId: notice.authorId,
        fields: messageFields(notice, '紧急通知，请尽快查看', ctx.now),
      },
      { createdBy: notice.authorId, clientRequestId: `publish-${notice._id}` },
    );
    await work(ctx, { jobId: job._id, budgetMs: workerBudgetMs(deploy) });
  }
}

/** A correction of `previous` was rejected: the version it would replace is free again. */
async function releaseClaim(ctx: Ctx, notice: NoticeDoc) {
  if (notice.previousId)
    await notices(ctx.db).patchWhere({ _id: notice.previousId, correctionClaim: notice._id }, { correctionClaim: null });
}

export async function postNotice(ctx: Ctx, input: Content & { audience: Audience; clientRequestId: string }): Promise<NoticeDetail> {
  const actor = await ctx.actor();
  if (!actor.roles.length) throw new AppError('FORBIDDEN');
  const where = await resolveAudience(ctx, input.audience);
  if (!canPostTo(actor, where.targets)) throw new AppError('FORBIDDEN', '您只能向自己负责的楼栋或小区发布通知');
  const author = await mustPerson(ctx, actor);
  const { audience: _a, clientRequestId, ...content } = input;
  return createVersion(ctx, actor, author, where, content, clientRequestId);
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

/**
 * A correction is a new version with the same targets; the old one shows 已更正 once
 * it is live. Reads and 已当面告知 of earlier versions keep counting (they are kept
 * per notice), unless `mustReread`: then only reads of this version count.
 */
export async function correctNotice(
  ctx: Ctx,
  input: Content & { noticeId: string; note?: string; clientRequestId: string; mustReread?: boolean },
): Promise<NoticeDetail> {
  const { actor, notice } = await manageable(ctx, input.noticeId);
  const author = await mustPerson(ctx, actor);
  // A retried correction finds the version it made (the old one is 'corrected' by now).
  const made = await notices(ctx.db).get(noticeIdFor(author._id, input.clientRequestId));
  if (!made && !canTransition(notice.status, 'corrected')) throw new AppError('NOTICE_CLOSED');
  const { noticeId: _id, note, clientRequestId, mustReread, ...content } = input;
  // A correction keeps the page the notice opens (the form does not edit it).
  const kept = content.link ?? notice.link;
  return createVersion(
    ctx,
    actor,
    author,
    { targets: notice.targets, buildings: notice.buildings, label: notice.targetsLabel },
    { ...content, ...(kept ? { link: kept } : {}) },
    clientRequestId,
    notice,
    note,
    !!mustReread,
  );
}

export async function withdrawNotice(ctx: Ctx, input: { noticeId: string; reason: string }): Promise<NoticeDetail> {
  const { actor, notice } = await manageable(ctx, input.noticeId);
  if (!canTransition(notice.status, 'withdrawn')) throw new AppError('NOTICE_CLOSED');
  const who = await mustPerson(ctx, actor);
  const withdrawal = { by: who._id, byName: who.name, reason: input.reason, at: ctx.now };
  // Guarded like a correction: a withdrawal never silently undoes a correction in flight.
  await transaction(ctx.db, async (tx) => {
    const cur = await notices(ctx.db).in(tx).must(notice._id);
    if (cur.status !== notice.status || cur.correctionClaim) throw new AppError('CONFLICT', '这条通知刚被他人更正或撤回，请刷新后再操作');
    await notices(ctx.db).in(tx).patch(notice._id, { status: 'withdrawn', withdrawal });
  });
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
  const { db } = ctx;
  const traceId = String(event.trace_id);
  const result = (event.result ?? {}) as { suggest?: string; label?: number };
  const suggest = result.suggest === 'pass' ? 'pass' : 'risky';
  const hit = await notices(db).first({ mediaTraceIds: traceId });
  if (!hit) {
    // WeChat pushes every verdict to this one function (the console's message-push
    // setting): a trace that is not a notice's is passed on to the other features
    // that check photos. Called function-to-function, it is a system event there too.
    for (const name of MEDIA_CHECK_FORWARD) {
      try {
        const r = (await ctx.cloud.callFunction({ name, data: event })) as { result?: { ok?: boolean; data?: { handled?: boolean } } };
        if (r.result?.ok && r.result.data?.handled) return { handled: true, forwardedTo: name };
      } catch (e) {
        console.error('[wxa_media_check] forward to', name, 'failed', (e as Error).message);
      }
    }
    console.warn('[wxa_media_check] no owner for trace', traceId);
    return { handled: false };
  }
  const now = new Date();
  const outcome = await transaction(db, async (tx) => {
    const n = await notices(db).in(tx).must(hit._id);
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
    await notices(db).in(tx).patch(hit._id, patch);
    return {
      notice: { ...n, media, status, publishedAt: status === 'published' ? now : n.publishedAt } as NoticeDoc,
      changed: status !== n.status,
    };
  });
  if (outcome.changed && outcome.notice.status === 'published') await afterPublish({ ...ctx, now }, outcome.notice);
  if (outcome.changed && outcome.notice.status === 'rejected') await releaseClaim(ctx, outcome.notice);
  return { handled: true, noticeId: hit._id, status: outcome.notice.status };
}
