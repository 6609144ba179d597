/**
 * Lists, home cards, settings, figures and the export. Every per-user list is an
 * indexed equality/$in with a limit (the same cost at 585 or 300,000 homes); the
 * monthly figures read one compound's month through its own index.
 */
import type {
  ConcernExport,
  ConcernHome,
  ConcernListPage,
  ConcernPlaced,
  ConcernPlaces,
  ConcernSettings,
  ConcernStats,
} from '../../core/concerns/contract';
import { CONCERN_CATEGORIES, CONCERN_STATUS_LABELS, DAY_MS, monthlyFigures } from '../../core/concerns/rules';
import { DEFAULT_ESCALATE_DAYS, DEFAULT_TOPIC_THRESHOLD } from '../../core/concerns/limits';
import { assertCan, can, scopesOf } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import { formatDate } from '../../core/platform/time';
import { compounds, homes, requirePerson } from '../_shared/directory';
import { decodeCursor, pageOf } from '../_shared/db';
import { privateExport } from '../_shared/files';
import type { Ctx } from '../_shared/router';
import { settingsOf } from './common';
import { concernFollowers, concernSettings, concerns, followerId, topics, type ConcernDoc } from './docs';
import { listItem } from './views';

async function compoundOf(ctx: Ctx, compoundId: string) {
  const c = await compounds(ctx.db).get(compoundId);
  if (!c) throw new AppError('NOT_FOUND', '小区不存在');
  return { compound: c, target: { communityId: c.communityId, compoundId: c._id } };
}

const pageFrom = (ctx: Ctx, docs: ConcernDoc[], offset: number, size: number): ConcernListPage =>
  pageOf(
    docs.map((d) => listItem(d, ctx.now)),
    offset,
    size,
  );

export async function myConcerns(ctx: Ctx, input: { following: boolean; cursor?: string; size: number }): Promise<ConcernListPage> {
  const actor = await ctx.actor();
  const offset = decodeCursor(input.cursor);
  if (!actor.personId) return { items: [] };
  if (input.following) {
    const f = await concernFollowers(ctx.db).find(
      { personId: actor.personId },
      { orderBy: [['at', 'desc']], skip: offset, limit: input.size + 1 },
    );
    const docs = await concerns(ctx.db).byIds(f.map((x) => x.concernId));
    return pageFrom(
      ctx,
      f.map((x) => docs.get(x.concernId)).filter((d): d is ConcernDoc => !!d),
      offset,
      input.size,
    );
  }
  const keys = [`p:${actor.personId}`, ...actor.homes.map((h) => `h:${h.homeId}`)];
  const docs = await concerns(ctx.db).find(
    { partyKeys: ctx.db.command.in(keys) },
    { orderBy: [['createdAt', 'desc']], skip: offset, limit: input.size + 1 },
  );
  return pageFrom(ctx, docs, offset, input.size);
}

/** Where the caller handles: the whole compound (branch, committee) or some of its buildings (a lead). */
function handling(actor: Awaited<ReturnType<Ctx['actor']>>, compoundId: string): { compoundWide: boolean; buildingIds: string[] } {
  const compoundWide = actor.roles.some(
    (g) => (g.role === 'branchSecretary' || g.role === 'committeeMember') && g.compoundId === compoundId,
  );
  const buildingIds = actor.roles
    .filter((g) => g.role === 'buildingLead' && g.compoundId === compoundId)
    .flatMap((g) => g.buildingIds ?? []);
  return { compoundWide, buildingIds };
}

export async function queue(
  ctx: Ctx,
  input: { compoundId?: string; filter: 'open' | 'overdue' | 'escalated' | 'all'; cursor?: string; size: number },
): Promise<ConcernListPage & ConcernPlaced & { settings: ConcernSettings | null }> {
  const actor = await ctx.actor();
  const p = await places(ctx);
  // No compound named: the first one I handle; handling none, nothing to do (the page's empty queue).
  const compoundId = input.compoundId ?? p.handles[0]?.compoundId;
  if (!compoundId) return { items: [], compoundId: '', places: p, settings: null };
  const { target } = await compoundOf(ctx, compoundId);
  const h = handling(actor, compoundId);
  if (!h.compoundWide && !h.buildingIds.length) {
    assertCan(actor, 'concern.viewAll', target);
  }
  const offset = decodeCursor(input.cursor);
  const _ = ctx.db.command;
  const where: Record<string, unknown> = h.compoundWide ? { compoundId } : { buildingId: _.in(h.buildingIds) };
  if (input.filter === 'open') where.open = true;
  if (input.filter === 'overdue') Object.assign(where, { open: true, dueAt: _.lt(ctx.now) });
  if (input.filter === 'escalated') {
    if (h.compoundWide) Object.assign(where, { escalatedOpen: true });
    else Object.assign(where, { open: true, escalated: true });
  }
  const order: [string, 'asc' | 'desc'][] = input.filter === 'all' ? [['createdAt', 'desc']] : [['dueAt', 'asc']];
  const [docs, settings] = await Promise.all([
    concerns(ctx.db).find(where, { orderBy: order, skip: offset, limit: input.size + 1 }),
    mayReadSettings(actor, target) ? settingsOf(ctx, compoundId) : Promise.resolve(null),
  ]);
  return {
    ...pageFrom(ctx, docs, offset, input.size),
    compoundId,
    places: p,
    settings: settings && { compoundId, ...settings },
  };
}

export async function board(
  ctx: Ctx,
  input: { compoundId?: string },
): Promise<{ items: ConcernListPage['items']; following: string[] } & ConcernPlaced> {
  const actor = await ctx.actor();
  const p = await places(ctx);
  // No compound named: my first home's; with no home, an empty board (as the page showed).
  const compoundId = input.compoundId ?? p.homes[0]?.compoundId;
  if (!compoundId) return { items: [], following: [], compoundId: '', places: p };
  if (!actor.homes.some((h) => h.compoundId === compoundId)) throw new AppError('FORBIDDEN', '只能查看自己所在小区的民情');
  const docs = await concerns(ctx.db).find({ compoundId, onBoard: true }, { orderBy: [['createdAt', 'desc']], limit: 50 });
  const mine = actor.personId ? await concernFollowers(ctx.db).byIds(docs.map((d) => followerId(d._id, actor.personId!))) : new Map();
  return {
    items: docs.map((d) => listItem(d, ctx.now)),
    following: docs.filter((d) => mine.has(followerId(d._id, actor.personId ?? '')) || d.raiserId === actor.personId).map((d) => d._id),
    compoundId,
    places: p,
  };
}

export async function places(ctx: Ctx): Promise<ConcernPlaces> {
  const actor = await ctx.actor();
  const myHomes = await homes(ctx.db).byIds(actor.homes.map((h) => h.homeId));
  const handled = [
    ...new Set([
      ...scopesOf(actor, 'concern.handle').compoundIds,
      ...actor.roles.filter((g) => g.role === 'buildingLead' && g.compoundId).map((g) => g.compoundId!),
    ]),
  ];
  const statIds = scopesOf(actor, 'concern.stats').compoundIds;
  const communityIds = scopesOf(actor, 'concern.stats').communityIds;
  const inCommunity = communityIds.length
    ? await compounds(ctx.db).find({ communityId: ctx.db.command.in(communityIds) }, { limit: 100 })
    : [];
  const cs = await compounds(ctx.db).byIds([...handled, ...statIds]);
  return {
    homes: [...myHomes.values()].map((h) => ({
      homeId: h._id,
      label: `${h.compoundName} ${h.label}`,
      compoundId: h.compoundId,
      buildingName: h.buildingName,
    })),
    handles: handled
      .filter((id) => cs.has(id))
      .map((id) => ({ compoundId: id, name: cs.get(id)!.name, compoundWide: handling(actor, id).compoundWide })),
    stats: [
      ...new Map([
        ...statIds.filter((id) => cs.has(id)).map((id) => [id, cs.get(id)!.name] as const),
        ...inCommunity.map((c) => [c._id, c.name] as const),
      ]).entries(),
    ].map(([compoundId, name]) => ({ compoundId, name })),
  };
}

export async function home(ctx: Ctx): Promise<ConcernHome> {
  const actor = await ctx.actor();
  const out: ConcernHome = {
    mine: [],
    mineOpen: 0,
    queue: [],
    queueCount: 0,
    overdue: [],
    overdueCount: 0,
    board: [],
    boardCount: 0,
    asked: [],
  };
  if (!actor.personId) return out;
  const _ = ctx.db.command;
  const keys = [`p:${actor.personId}`, ...actor.homes.map((h) => `h:${h.homeId}`)];
  const mineWhere = { partyKeys: _.in(keys), status: _.in(['open', 'answered']) };
  const wide = actor.roles
    .filter((g) => (g.role === 'branchSecretary' || g.role === 'committeeMember') && g.compoundId)
    .map((g) => g.compoundId!);
  const leadBuildings = actor.roles.filter((g) => g.role === 'buildingLead').flatMap((g) => g.buildingIds ?? []);
  const qWhere = wide.length
    ? { compoundId: _.in([...new Set(wide)]), open: true }
    : leadBuildings.length
      ? { buildingId: _.in(leadBuildings), open: true }
      : null;
  // The branch and committee: the escalated ones; a lead: their overdue ones. Both highlighted.
  const oWhere = wide.length
    ? { compoundId: _.in([...new Set(wide)]), escalatedOpen: true }
    : leadBuildings.length
      ? { buildingId: _.in(leadBuildings), open: true, dueAt: _.lt(ctx.now) }
      : null;
  // The highlighted ones are some of the queue (escalatedOpen = escalated and open; overdue = open past dueAt).
  const highlighted = (d: ConcernDoc) => (wide.length ? d.escalatedOpen : +new Date(d.dueAt) < ctx.now.getTime());
  const compoundId = actor.homes[0]?.compoundId;
  const none = Promise.resolve({ items: [] as ConcernDoc[], total: 0 });
  const byDue = { orderBy: [['dueAt', 'asc']] as [string, 'asc'][], limit: 3 };
  // Each list with its count (head() counts only when the three shown may not be all).
  const [mine, q, b] = await Promise.all([
    concerns(ctx.db).head(mineWhere, { orderBy: [['createdAt', 'desc']], limit: 3 }),
    qWhere ? concerns(ctx.db).head(qWhere, byDue) : none,
    compoundId ? concerns(ctx.db).head({ compoundId, onBoard: true }, { orderBy: [['createdAt', 'desc']], limit: 3 }) : none,
  ]);
  // A queue shown whole holds every highlighted one, in the same order: no second read.
  const shownWhole = q.items.length === q.total;
  const o = !oWhere
    ? { items: [], total: 0 }
    : shownWhole
      ? { items: q.items.filter(highlighted), total: q.items.filter(highlighted).length }
      : await concerns(ctx.db).head(oWhere, byDue);
  return {
    mine: mine.items.map((d) => listItem(d, ctx.now)),
    mineOpen: mine.total,
    queue: q.items.map((d) => listItem(d, ctx.now)),
    queueCount: q.total,
    overdue: o.items.map((d) => listItem(d, ctx.now)),
    overdueCount: o.total,
    board: b.items.map((d) => listItem(d, ctx.now)),
    boardCount: b.total,
    asked: mine.items.filter((d) => d.asked && d.status === 'answered').map((d) => listItem(d, ctx.now)),
  };
}

/** Those who set a compound's settings, and the leads who work to them. */
const mayReadSettings = (actor: Awaited<ReturnType<Ctx['actor']>>, target: { communityId: string; compoundId: string }) =>
  can(actor, 'concern.settings', target) || actor.roles.some((g) => g.role === 'buildingLead' && g.compoundId === target.compoundId);

export async function getSettings(ctx: Ctx, input: { compoundId: string }): Promise<ConcernSettings> {
  const actor = await ctx.actor();
  const { target } = await compoundOf(ctx, input.compoundId);
  if (!mayReadSettings(actor, target)) throw new AppError('FORBIDDEN');
  return { compoundId: input.compoundId, ...(await settingsOf(ctx, input.compoundId)) };
}

export async function setSettings(
  ctx: Ctx,
  input: { compoundId: string; escalateDays: number; topicThreshold: number },
): Promise<ConcernSettings> {
  const actor = await ctx.actor();
  const { target } = await compoundOf(ctx, input.compoundId);
  assertCan(actor, 'concern.settings', target);
  const person = await requirePerson(ctx.db, actor);
  await concernSettings(ctx.db).put(input.compoundId, {
    escalateDays: input.escalateDays,
    topicThreshold: input.topicThreshold,
    updatedAt: ctx.now,
    updatedBy: person._id,
  });
  return { compoundId: input.compoundId, escalateDays: input.escalateDays, topicThreshold: input.topicThreshold };
}

async function month(ctx: Ctx, compoundId: string, period: string) {
  const actor = await ctx.actor();
  const { compound, target } = await compoundOf(ctx, compoundId);
  assertCan(actor, 'concern.stats', target);
  const [docs, ts] = await Promise.all([concerns(ctx.db).all({ compoundId, period }), topics(ctx.db).all({ compoundId, period })]);
  return { compound, docs, ts };
}

/** Figures per compound per month (issue 21's community overview reads this per compound). */
export async function stats(ctx: Ctx, input: { compoundId: string; period: string }): Promise<ConcernStats> {
  const { compound, docs, ts } = await month(ctx, input.compoundId, input.period);
  const figures = monthlyFigures(docs, ts);
  const counts = new Map<string, number>();
  for (const d of docs) if (d.status !== 'merged') counts.set(d.category, (counts.get(d.category) ?? 0) + 1);
  return {
    ...figures,
    compoundId: compound._id,
    compoundName: compound.name,
    period: input.period,
    byCategory: CONCERN_CATEGORIES.filter((c) => counts.has(c)).map((c) => ({ category: c, count: counts.get(c)! })),
  };
}

/** The 民情统计 page's one read: the figures, and the places its picker needs (the first compound without one). */
export async function statsPage(ctx: Ctx, input: { compoundId?: string; period: string }): Promise<ConcernStats & ConcernPlaced> {
  const p = await places(ctx);
  const compoundId = input.compoundId ?? p.stats[0]?.compoundId;
  // Figures of no compound: the same refusal as for a compound not mine.
  if (!compoundId) throw new AppError('FORBIDDEN');
  return { ...(await stats(ctx, { compoundId, period: input.period })), places: p };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** A month's concerns for the committee's records: building, category, status, days — never a name or a room. */
export async function exportMonth(ctx: Ctx, input: { compoundId: string; period: string }): Promise<ConcernExport> {
  // One row per concern: the branch and the committee keep it; the community office reads figures only.
  const actor = await ctx.actor();
  assertCan(actor, 'concern.viewAll', (await compoundOf(ctx, input.compoundId)).target);
  const { compound, docs } = await month(ctx, input.compoundId, input.period);
  const lines = [['提出日期', '楼栋', '范围', '类别', '公开', '状态', '是否上报', '答复用时(天)', '评价', '我也关心'].join(',')];
  for (const d of docs.sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt))) {
    const days = d.firstAnsweredAt ? Math.round(((+new Date(d.firstAnsweredAt) - +new Date(d.createdAt)) / DAY_MS) * 10) / 10 : '';
    lines.push(
      [
        formatDate(d.createdAt),
        d.buildingName,
        d.about === 'building' ? '本楼' : '小区',
        d.category,
        d.visibility === 'public' ? '公开' : '仅处理人',
        CONCERN_STATUS_LABELS[d.status],
        d.escalated ? '是' : '否',
        days,
        d.rating === 'satisfied' ? '满意' : d.rating === 'unsatisfied' ? '不满意' : '',
        d.followers,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  const fileName = `${compound.name}-民情-${input.period}.csv`;
  return { ...(await privateExport(ctx, fileName, Buffer.from('\ufeff' + lines.join('\n'), 'utf8'))), rows: docs.length };
}

export { DEFAULT_ESCALATE_DAYS, DEFAULT_TOPIC_THRESHOLD };
