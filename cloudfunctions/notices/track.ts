/**
 * Following a notice up: read rate per building, homes not yet read, a reminder by
 * subscribe message, and 已当面告知 for homes told in person (counted apart).
 */
import type { BuildingReadRate, ReadSummary, RemindPreview, RemindResult, UnreadHome, UnreadHomesPage } from '../../core/notices/contract';
import { AppError } from '../../core/platform/errors';
import { maskName } from '../../core/platform/mask';
import { rates, sumCounts, type ReadCounts, type TargetBuilding } from '../../core/notices/rules';
import type { Ctx } from '../_shared/router';
import { decodeCursor } from '../_shared/db';
import { homes, memberships, type HomeDoc } from '../_shared/directory';
import { enqueue, jobStatus, work } from '../_shared/jobs';
import { grantsLeft } from '../_shared/messaging';
import { people } from '../_shared/directory';
import { NOTICE_TEMPLATE_ID } from '../../core/notices/contract';
import { groupLinks, noticeHomeReads, noticeReads, type NoticeDoc } from './docs';
import { homeReadId, loadNotice, mustTrack } from './common';
import { audienceQuery, messageFields, noticeMessageJob } from './messages';

/**
 * One call, a constant number of reads whatever the compound's size: two
 * aggregations (home reads by building, group opens by group), one count, the
 * group links — never the homes themselves.
 */
export async function readSummary(ctx: Ctx, input: { noticeId: string }): Promise<ReadSummary> {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  const tracked = mustTrack(actor, n, ctx.now);
  const $ = ctx.db.command.aggregate;
  const [byBuilding, byGroup, readers, links] = await Promise.all([
    ctx.db.collection('noticeHomeReads').aggregate().match({ noticeId: n._id }).group({ _id: { b: '$buildingId', app: '$app', told: '$told' }, n: $.sum(1) }).limit(1000).end(),
    ctx.db.collection('noticeGroupOpens').aggregate().match({ noticeId: n._id }).group({ _id: '$openGId', n: $.sum(1) }).limit(1000).end(),
    noticeReads(ctx.db).count({ noticeId: n._id }),
    groupLinks(ctx.db).find({ buildingId: ctx.db.command.in(tracked.map((b) => b.id)) }, { limit: 1000 }),
  ]);
  const counts = new Map<string, { read: number; told: number }>();
  for (const row of (byBuilding as { list: { _id: { b: string; app: boolean; told: boolean }; n: number }[] }).list) {
    const c = counts.get(row._id.b) ?? { read: 0, told: 0 };
    if (row._id.app) c.read += row.n;
    else if (row._id.told) c.told += row.n;
    counts.set(row._id.b, c);
  }
  const perBuilding: (ReadCounts & { b: TargetBuilding })[] = tracked.map((b) => ({ b, homes: b.homeCount, read: counts.get(b.id)?.read ?? 0, told: counts.get(b.id)?.told ?? 0 }));
  const buildings: BuildingReadRate[] = perBuilding.map((c) => ({ buildingId: c.b.id, buildingName: c.b.name, compoundId: c.b.compoundId, ...rates(c) }));
  const opens = new Map((byGroup as { list: { _id: string; n: number }[] }).list.map((g) => [g._id, g.n]));
  const linkDocs = links;
  const linkedIds = new Set(linkDocs.map((l) => l._id));
  const name = new Map(tracked.map((b) => [b.id, b.name]));
  return {
    noticeId: n._id,
    title: n.title,
    status: n.status,
    total: rates(sumCounts(perBuilding)),
    buildings,
    readers,
    groups: linkDocs.map((l) => ({ openGId: l._id, buildingId: l.buildingId, buildingName: name.get(l.buildingId) ?? '', opens: opens.get(l._id) ?? 0 })),
    unlinkedGroupOpens: [...opens.entries()].filter(([g]) => !linkedIds.has(g)).reduce((s, [, v]) => s + v, 0),
  };
}

function trackedBuilding(tracked: TargetBuilding[], n: NoticeDoc, buildingId: string) {
  const b = tracked.find((x) => x.id === buildingId);
  if (b) return b;
  if (n.buildings.some((x) => x.id === buildingId)) throw new AppError('FORBIDDEN');
  throw new AppError('NOT_FOUND', '该楼栋不在通知范围内');
}

const BATCH = 200;

/** Homes of one building with no app read (told ones flagged), in room order, paginated. */
export async function unreadHomes(ctx: Ctx, input: { noticeId: string; buildingId: string; cursor?: string; size: number }): Promise<UnreadHomesPage> {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  const b = trackedBuilding(mustTrack(actor, n, ctx.now), n, input.buildingId);
  const _ = ctx.db.command;
  let pos = decodeCursor(input.cursor);
  const found: { home: HomeDoc; told: boolean; pos: number }[] = [];
  // Walk the building's homes in batches until one page (+1, to know there is more) is found.
  for (;;) {
    const batch = await homes(ctx.db).find({ buildingId: b.id }, { orderBy: [['unit', 'asc'], ['number', 'asc']], skip: pos, limit: BATCH });
    if (!batch.length) break;
    const reads = await noticeHomeReads(ctx.db).byIds(batch.map((h) => homeReadId(n._id, h._id)));
    const byHome = new Map([...reads.values()].map((r) => [r.homeId, r]));
    for (const [i, h] of batch.entries()) {
      const r = byHome.get(h._id);
      if (!r?.app) found.push({ home: h, told: !!r?.told, pos: pos + i });
      if (found.length > input.size) break;
    }
    if (found.length > input.size || batch.length < BATCH) break;
    pos += batch.length;
  }
  const page = found.slice(0, input.size);
  const members = page.length
    ? await memberships(ctx.db).find({ homeId: _.in(page.map((f) => f.home._id)), status: 'active' }, { limit: 1000, fields: { homeId: true } })
    : [];
  const withApp = new Set(members.map((m) => m.homeId));
  const items: UnreadHome[] = page.map((f) => ({
    homeId: f.home._id,
    label: f.home.label,
    buildingId: f.home.buildingId,
    owners: f.home.registeredOwners.map((o) => maskName(o.name)),
    hasAppUser: withApp.has(f.home._id),
    told: f.told,
  }));
  return { buildingId: b.id, items, ...(found.length > input.size ? { nextCursor: String(found[input.size].pos) } : {}) };
}

async function toldTarget(ctx: Ctx, input: { noticeId: string; homeId: string }) {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  const tracked = mustTrack(actor, n, ctx.now);
  const home = await homes(ctx.db).must(input.homeId);
  trackedBuilding(tracked, n, home.buildingId);
  if (n.status !== 'published') throw new AppError('NOTICE_CLOSED');
  const rid = homeReadId(n._id, home._id);
  const current = await noticeHomeReads(ctx.db).get(rid);
  return { actor, n, home, rid, current };
}

/** 已当面告知: for a home whose people do not use the app. Idempotent. */
export async function markTold(ctx: Ctx, input: { noticeId: string; homeId: string }) {
  const { actor, n, home, rid, current } = await toldTarget(ctx, input);
  if (current?.told) return { homeId: home._id, told: true };
  if (current) {
    await noticeHomeReads(ctx.db).patch(rid, { told: true, toldAt: ctx.now, toldBy: actor.personId ?? '' });
  } else {
    await noticeHomeReads(ctx.db).put(rid, { noticeId: n._id, homeId: home._id, buildingId: home.buildingId, compoundId: home.compoundId, app: false, told: true, toldAt: ctx.now, toldBy: actor.personId ?? '' });
  }
  return { homeId: home._id, told: true };
}

/** Undo 已当面告知 (a mistaken tap). An app read of the home stays. */
export async function unmarkTold(ctx: Ctx, input: { noticeId: string; homeId: string }) {
  const { home, rid, current } = await toldTarget(ctx, input);
  if (!current?.told) return { homeId: home._id, told: false };
  if (current.app) await noticeHomeReads(ctx.db).patch(rid, { told: false });
  else await noticeHomeReads(ctx.db).remove(rid);
  return { homeId: home._id, told: false };
}

/**
 * One tap: message the people of every home not reached yet (no app read, not
 * told) who have a subscribe grant left. Queued as a job (the first batch runs
 * right away, the timer worker does the rest) and logged in noticeReminders when
 * it finishes. A retry with the same client request id finds the same job.
 */
export async function remind(ctx: Ctx, input: { noticeId: string; buildingId?: string; clientRequestId: string }): Promise<RemindResult> {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  const tracked = mustTrack(actor, n, ctx.now);
  const buildings = input.buildingId ? [trackedBuilding(tracked, n, input.buildingId)] : tracked;
  if (n.status !== 'published') throw new AppError('NOTICE_CLOSED');
  const ids = buildings.map((b) => b.id);
  const reached = await noticeHomeReads(ctx.db).count({ noticeId: n._id, buildingId: ctx.db.command.in(ids) });
  const unreadHomeCount = Math.max(0, buildings.reduce((s, b) => s + b.homeCount, 0) - reached);
  const job = await enqueue(
    ctx,
    noticeMessageJob,
    {
      noticeId: n._id,
      note: '您还未查看这条通知，请点击查看',
      buildingIds: ids,
      compoundIds: [],
      onlyUnread: true,
      excludePersonId: n.authorId,
      fields: messageFields(n, '您还未查看这条通知，请点击查看', ctx.now),
      remindedBy: actor.personId ?? '',
    },
    { createdBy: actor.personId ?? ctx.openid, clientRequestId: input.clientRequestId },
  );
  await work(ctx, { jobId: job._id, budgetMs: 2_000 });
  const progress = await jobStatus(ctx, job._id, actor.personId ?? ctx.openid);
  return {
    reminded: progress.done,
    unreachable: progress.skipped,
    unreadHomes: unreadHomeCount,
    jobId: job._id,
    finished: progress.status === 'done',
  };
}

/** Progress of a reminder or send-out job, for the person who started it. */
export async function jobProgress(ctx: Ctx, input: { jobId: string }) {
  const actor = await ctx.actor();
  return jobStatus(ctx, input.jobId, actor.personId);
}

/** How many unread people a reminder can reach now (they granted a message), before the tap. */
export async function remindPreview(ctx: Ctx, input: { noticeId: string; buildingId?: string }): Promise<RemindPreview> {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  const tracked = mustTrack(actor, n, ctx.now);
  const chosen = input.buildingId ? [trackedBuilding(tracked, n, input.buildingId)] : tracked;
  const buildingIds = chosen.map((b) => b.id);
  const rows = await memberships(ctx.db).all(audienceQuery(ctx, { buildingIds, compoundIds: [] }));
  const reads = await noticeHomeReads(ctx.db).all({ noticeId: n._id, buildingId: ctx.db.command.in(buildingIds) });
  const reachedHomes = new Set(reads.filter((r) => r.app || r.told).map((r) => r.homeId));
  const personIds = [...new Set(rows.filter((m) => !reachedHomes.has(m.homeId) && m.personId !== n.authorId).map((m) => m.personId))];
  const found = await people(ctx.db).byIds(personIds);
  const grants = await grantsLeft(ctx.db, [...found.values()].map((p) => p.openid), NOTICE_TEMPLATE_ID);
  const unreadHomes = Math.max(0, chosen.reduce((s, b) => s + b.homeCount, 0) - reads.length);
  return { unreadHomes, people: personIds.length, withGrant: [...grants.values()].filter((g) => g > 0).length };
}
