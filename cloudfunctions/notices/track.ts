/**
 * Following a notice up: read rate per building, homes not yet read, a reminder by
 * subscribe message, and 已当面告知 for homes told in person (counted apart).
 */
import type {
  BuildingReadRate,
  GroupReads,
  ReadSummary,
  RemindPreview,
  RemindResult,
  UnreadHome,
  UnreadHomesPage,
} from '../../core/notices/contract';
import { can } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import { maskName } from '../../core/platform/mask';
import { homeKnows, rates, sumCounts, type ReadCounts, type TargetBuilding } from '../../core/notices/rules';
import { naturalCompare } from '../../core/platform/text';
import type { Actor } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import { decodeCursor } from '../_shared/db';
import { compounds, homes, leadContactPhone, memberships, people, type PersonDoc } from '../_shared/directory';
import { enqueue, jobProgress as advanceJob, jobStatus, work, workerBudgetMs } from '../_shared/jobs';
import { grantsLeft } from '../_shared/messaging';
import { NOTICE_TEMPLATE_ID } from '../../core/notices/contract';
import { groupLinks, noticeHomeReads, noticeReads, type NoticeDoc } from './docs';
import { fromVersion, homeReadId, loadNotice, mustTrack } from './common';
import { audienceQuery, messageFields, noticeMessageJob } from './messages';
import deploy from './deploy.json';

interface HomeReadGroup {
  _id: { b?: string; r?: string; app?: boolean; av?: number; told?: boolean; tv?: number; au?: boolean };
  n: number;
}
const stateOf = (g: HomeReadGroup['_id']) => ({
  app: !!g.app,
  appVersion: g.av ?? 1,
  told: !!g.told,
  toldVersion: g.tv ?? 1,
  author: !!g.au,
});

/** Read / told / own homes per building of a notice (all its versions): one aggregation. */
async function countsByBuilding(ctx: Ctx, n: NoticeDoc): Promise<Map<string, Required<Omit<ReadCounts, 'homes'>>>> {
  const $ = ctx.db.command.aggregate;
  const res = (await ctx.db
    .collection('noticeHomeReads')
    .aggregate()
    .match({ rootId: n.rootId })
    .group({ _id: { b: '$buildingId', app: '$app', av: '$appVersion', told: '$told', tv: '$toldVersion', au: '$author' }, n: $.sum(1) })
    .limit(1000)
    .end()) as { list: HomeReadGroup[] };
  const out = new Map<string, { read: number; told: number; own: number }>();
  const from = fromVersion(n);
  for (const row of res.list) {
    const k = homeKnows(stateOf(row._id), from);
    if (!k) continue;
    const c = out.get(row._id.b ?? '') ?? { read: 0, told: 0, own: 0 };
    c[k] += row.n;
    out.set(row._id.b ?? '', c);
  }
  return out;
}

/**
 * x/y 户已知晓 of several notices (我发布的): one aggregation over a bounded $in of
 * their rootIds, counted per version from the version each one's reads count from.
 */
export async function progressOf(ctx: Ctx, docs: NoticeDoc[]): Promise<Map<string, { reached: number; homes: number }>> {
  const shown = docs.filter((d) => d.status === 'published' || d.status === 'corrected' || d.status === 'withdrawn');
  if (!shown.length) return new Map();
  const $ = ctx.db.command.aggregate;
  const res = (await ctx.db
    .collection('noticeHomeReads')
    .aggregate()
    .match({ rootId: ctx.db.command.in([...new Set(shown.map((d) => d.rootId))]) })
    .group({ _id: { r: '$rootId', app: '$app', av: '$appVersion', told: '$told', tv: '$toldVersion', au: '$author' }, n: $.sum(1) })
    .limit(1000)
    .end()) as { list: HomeReadGroup[] };
  const out = new Map<string, { reached: number; homes: number }>();
  for (const d of shown) {
    const homes = d.buildings.reduce((s, b) => s + b.homeCount, 0);
    const reached = res.list.filter((g) => g._id.r === d.rootId && homeKnows(stateOf(g._id), fromVersion(d))).reduce((s, g) => s + g.n, 0);
    out.set(d._id, { reached: Math.min(reached, homes), homes });
  }
  return out;
}

/**
 * One call, a constant number of reads whatever the compound's size: two
 * aggregations (home reads by building, group opens by group), one count, the
 * group links — never the homes themselves. Reads and 已当面告知 of earlier versions
 * count unless a correction was marked 需重新阅读; the author's own homes count as
 * known (own), never as unread.
 */
export async function readSummary(ctx: Ctx, input: { noticeId: string }): Promise<ReadSummary> {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  const tracked = mustTrack(actor, n, ctx.now);
  const $ = ctx.db.command.aggregate;
  const from = fromVersion(n);
  const compoundIds = [...new Set(tracked.map((b) => b.compoundId))];
  const [counts, byGroup, readers, buildingLinks, ownerLinks, compoundDocs] = await Promise.all([
    countsByBuilding(ctx, n),
    ctx.db
      .collection('noticeGroupOpens')
      .aggregate()
      .match({ noticeId: n._id })
      .group({ _id: '$openGId', n: $.sum(1) })
      .limit(1000)
      .end(),
    noticeReads(ctx.db).count({ rootId: n.rootId, version: ctx.db.command.gte(from) }),
    groupLinks(ctx.db).find({ buildingId: ctx.db.command.in(tracked.map((b) => b.id)) }, { limit: 1000 }),
    groupLinks(ctx.db).find({ ownersOf: ctx.db.command.in(compoundIds) }, { limit: 100 }),
    compounds(ctx.db).byIds(compoundIds),
  ]);
  const perBuilding: (ReadCounts & { b: TargetBuilding })[] = tracked.map((b) => ({
    b,
    homes: b.homeCount,
    read: 0,
    told: 0,
    own: 0,
    ...counts.get(b.id),
  }));
  const buildings: BuildingReadRate[] = perBuilding.map((c) => ({
    buildingId: c.b.id,
    buildingName: c.b.name,
    compoundId: c.b.compoundId,
    ...rates(c),
  }));
  const opens = new Map((byGroup as { list: { _id: string; n: number }[] }).list.map((g) => [g._id, g.n]));
  const name = new Map(tracked.map((b) => [b.id, b.name]));
  const compoundName = (id: string) => compoundDocs.get(id)?.name ?? '';
  const groups: GroupReads[] = [
    ...ownerLinks.map((l): GroupReads => ({
      openGId: l._id,
      kind: 'owners',
      compoundId: l.compoundId,
      name: `${compoundName(l.compoundId)}业主群`,
      opens: opens.get(l._id) ?? 0,
    })),
    ...buildingLinks.map((l): GroupReads => ({
      openGId: l._id,
      kind: 'building',
      buildingId: l.buildingId,
      compoundId: l.compoundId,
      name: `${name.get(l.buildingId ?? '') ?? ''}楼栋群`,
      opens: opens.get(l._id) ?? 0,
    })),
  ];
  const linkedIds = new Set(groups.map((g) => g.openGId));
  return {
    noticeId: n._id,
    title: n.title,
    status: n.status,
    total: rates(sumCounts(perBuilding)),
    buildings,
    readers,
    groups,
    compounds: compoundIds.map((id) => ({ compoundId: id, name: compoundName(id) })),
    unlinkedGroupOpens: [...opens.entries()].filter(([g]) => !linkedIds.has(g)).reduce((s, [, v]) => s + v, 0),
    readFromVersion: from,
    version: n.version,
  };
}

function trackedBuilding(tracked: TargetBuilding[], n: NoticeDoc, buildingId: string) {
  const b = tracked.find((x) => x.id === buildingId);
  if (b) return b;
  if (n.buildings.some((x) => x.id === buildingId)) throw new AppError('FORBIDDEN');
  throw new AppError('NOT_FOUND', '该楼栋不在通知范围内');
}

/** A building's homes are read at most this many at a time (one page of the database). */
const BUILDING_MAX = 1000;

/** Which of these people's homes can get a WeChat message (someone of it has a grant left). */
async function messageable(
  ctx: Ctx,
  rows: { homeId: string; personId: string }[],
  found: Map<string, PersonDoc>,
  excludePersonId?: string,
): Promise<Set<string>> {
  const mine = rows.filter((m) => m.personId !== excludePersonId);
  if (!mine.length) return new Set();
  const grants = await grantsLeft(
    ctx.db,
    [...found.values()].map((p) => p.openid),
    NOTICE_TEMPLATE_ID,
  );
  const ok = new Set([...found.values()].filter((p) => (grants.get(p.openid) ?? 0) > 0).map((p) => p._id));
  return new Set(mine.filter((m) => ok.has(m.personId)).map((m) => m.homeId));
}

/**
 * Homes of one building nobody knows about yet (no app read of a counting version;
 * told ones are listed and flagged), in natural room order (101 before 1001),
 * paginated. Two indexed reads for the building (its homes, its reads) and two for
 * the page (members, grants): the same cost at 585 or 30,000 homes.
 */
export async function unreadHomes(
  ctx: Ctx,
  input: { noticeId: string; buildingId: string; cursor?: string; size: number },
): Promise<UnreadHomesPage> {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  const b = trackedBuilding(mustTrack(actor, n, ctx.now), n, input.buildingId);
  const _ = ctx.db.command;
  const pos = decodeCursor(input.cursor);
  const [all, reads] = await Promise.all([
    homes(ctx.db).find({ buildingId: b.id }, { limit: BUILDING_MAX }),
    noticeHomeReads(ctx.db).find({ rootId: n.rootId, buildingId: b.id }, { limit: BUILDING_MAX }),
  ]);
  // Natural order of rooms: unit, then number, digit runs as numbers.
  all.sort((x, y) => naturalCompare(x.unit, y.unit) || naturalCompare(x.number, y.number) || naturalCompare(x._id, y._id));
  const byHome = new Map(reads.map((r) => [r.homeId, r]));
  const from = fromVersion(n);
  const open = all.map((home) => ({ home, k: homeKnows(byHome.get(home._id), from) })).filter((x) => x.k === null || x.k === 'told');
  const page = open.slice(pos, pos + input.size);
  const members = page.length
    ? await memberships(ctx.db).find(
        { homeId: _.in(page.map((f) => f.home._id)), status: 'active' },
        { limit: 1000, fields: { homeId: true, personId: true } },
      )
    : [];
  const withApp = new Set(members.map((m) => m.homeId));
  const found = members.length ? await people(ctx.db).byIds(members.map((m) => m.personId)) : new Map<string, PersonDoc>();
  const canMessage = await messageable(ctx, members, found, n.authorId);
  // The building's lead (or the committee) may call residents who chose 愿意楼栋长联系我.
  const mayCall = can(actor, 'binding.decide', { communityId: b.communityId, compoundId: b.compoundId, buildingId: b.id });
  const contactsOf = (homeId: string) =>
    mayCall
      ? members.flatMap((m) => {
          const p = m.homeId === homeId ? found.get(m.personId) : undefined;
          const phone = leadContactPhone(p);
          return p && phone ? [{ name: maskName(p.name), phone }] : [];
        })
      : [];
  const items: UnreadHome[] = page.map((f) => ({
    homeId: f.home._id,
    label: f.home.label,
    buildingId: f.home.buildingId,
    owners: f.home.registeredOwners.map((o) => maskName(o.name)),
    hasAppUser: withApp.has(f.home._id),
    told: f.k === 'told',
    canMessage: canMessage.has(f.home._id),
    contacts: contactsOf(f.home._id),
  }));
  return { buildingId: b.id, items, ...(open.length > pos + input.size ? { nextCursor: String(pos + input.size) } : {}) };
}

async function toldTarget(ctx: Ctx, input: { noticeId: string; homeId: string }) {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  const tracked = mustTrack(actor, n, ctx.now);
  const home = await homes(ctx.db).must(input.homeId);
  trackedBuilding(tracked, n, home.buildingId);
  if (n.status !== 'published') throw new AppError('NOTICE_CLOSED');
  const rid = homeReadId(n.rootId, home._id);
  const current = await noticeHomeReads(ctx.db).get(rid);
  return { actor, n, home, rid, current };
}

/** 已当面告知: for a home whose people do not use the app. Idempotent; kept across corrections. */
export async function markTold(ctx: Ctx, input: { noticeId: string; homeId: string }) {
  const { actor, n, home, rid, current } = await toldTarget(ctx, input);
  if (current?.told && (current.toldVersion ?? 1) >= fromVersion(n)) return { homeId: home._id, told: true };
  if (current) {
    await noticeHomeReads(ctx.db).patch(rid, { told: true, toldVersion: n.version, toldAt: ctx.now, toldBy: actor.personId ?? '' });
  } else {
    await noticeHomeReads(ctx.db).put(rid, {
      rootId: n.rootId,
      homeId: home._id,
      buildingId: home.buildingId,
      compoundId: home.compoundId,
      app: false,
      appVersion: 0,
      told: true,
      toldVersion: n.version,
      toldAt: ctx.now,
      toldBy: actor.personId ?? '',
    });
  }
  return { homeId: home._id, told: true };
}

/** Undo 已当面告知 (a mistaken tap). An app read of the home, and an author's home, stay. */
export async function unmarkTold(ctx: Ctx, input: { noticeId: string; homeId: string }) {
  const { home, rid, current } = await toldTarget(ctx, input);
  if (!current?.told) return { homeId: home._id, told: false };
  if (current.app || current.author) await noticeHomeReads(ctx.db).patch(rid, { told: false, toldVersion: 0 });
  else await noticeHomeReads(ctx.db).remove(rid);
  return { homeId: home._id, told: false };
}

/** The author's own homes among the notice's buildings know it: recorded once per notice (all versions). */
export async function markAuthorHomes(ctx: Ctx, actor: Actor, n: NoticeDoc) {
  const reached = new Set(n.buildings.map((b) => b.id));
  const own = [...new Map(actor.homes.filter((h) => reached.has(h.buildingId)).map((h) => [h.homeId, h])).values()];
  if (!own.length) return;
  const found = await noticeHomeReads(ctx.db).byIds(own.map((h) => homeReadId(n.rootId, h.homeId)));
  for (const h of own) {
    const rid = homeReadId(n.rootId, h.homeId);
    const r = found.get(rid);
    if (r?.author) continue;
    if (r) await noticeHomeReads(ctx.db).patch(rid, { author: true });
    else {
      await noticeHomeReads(ctx.db).put(rid, {
        rootId: n.rootId,
        homeId: h.homeId,
        buildingId: h.buildingId,
        compoundId: h.compoundId,
        app: false,
        appVersion: 0,
        told: false,
        toldVersion: 0,
        author: true,
      });
    }
  }
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
  const counts = await countsByBuilding(ctx, n);
  const unreadHomeCount = buildings.reduce(
    (s, b) => s + rates({ homes: b.homeCount, read: 0, told: 0, own: 0, ...counts.get(b.id) }).unread,
    0,
  );
  const job = await enqueue(
    ctx,
    noticeMessageJob,
    {
      noticeId: n._id,
      rootId: n.rootId,
      fromVersion: fromVersion(n),
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
  await work(ctx, { jobId: job._id, budgetMs: workerBudgetMs(deploy) });
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
  return advanceJob(ctx, input.jobId, actor.personId, deploy);
}

/**
 * Before the tap: how many unread homes and people a reminder can reach now (they
 * granted a message), so the page can say who must be told in person instead.
 */
export async function remindPreview(ctx: Ctx, input: { noticeId: string; buildingId?: string }): Promise<RemindPreview> {
  const actor = await ctx.actor();
  const n = await loadNotice(ctx, input.noticeId);
  const tracked = mustTrack(actor, n, ctx.now);
  const chosen = input.buildingId ? [trackedBuilding(tracked, n, input.buildingId)] : tracked;
  const buildingIds = chosen.map((b) => b.id);
  const rows = await memberships(ctx.db).all(audienceQuery(ctx, { buildingIds, compoundIds: [] }));
  const reads = await noticeHomeReads(ctx.db).all({ rootId: n.rootId, buildingId: ctx.db.command.in(buildingIds) });
  const from = fromVersion(n);
  const reachedHomes = new Set(reads.filter((r) => homeKnows(r, from)).map((r) => r.homeId));
  const open = rows.filter((m) => !reachedHomes.has(m.homeId) && m.personId !== n.authorId);
  const personIds = [...new Set(open.map((m) => m.personId))];
  const found = await people(ctx.db).byIds(personIds);
  const grants = await grantsLeft(
    ctx.db,
    [...found.values()].map((p) => p.openid),
    NOTICE_TEMPLATE_ID,
  );
  const granted = new Set([...found.values()].filter((p) => (grants.get(p.openid) ?? 0) > 0).map((p) => p._id));
  const unreadHomes = Math.max(0, chosen.reduce((s, b) => s + b.homeCount, 0) - reachedHomes.size);
  return {
    unreadHomes,
    people: personIds.length,
    withGrant: granted.size,
    homesWithGrant: new Set(open.filter((m) => granted.has(m.personId)).map((m) => m.homeId)).size,
  };
}
