/**
 * Lists and figures. Per-user reads are indexed equality/$in with a limit (the same
 * cost at 585 or 300,000 homes); the property's lists read one compound's last 30
 * days, which retention keeps bounded; figures are one document per month.
 */
import type {
  CommunityMoveStats,
  MoveHome,
  MoveStats,
  RepeatRequester,
  RequesterMoveView,
  ResponderMoveView,
} from '../../core/vehicles/contract';
import type { Page } from '../../core/platform/api';
import { AppError } from '../../core/platform/errors';
import { assertCan, scopesOf } from '../../core/authz';
import type { Actor } from '../../core/platform/roles';
import { OPEN_STATUSES, VEHICLE_LIMITS, figuresOf } from '../../core/vehicles/rules';
import type { Ctx } from '../_shared/router';
import { communities, compounds } from '../_shared/directory';
import { MAX_GET } from '../_shared/repo';
import { decodeCursor, iso, pageOf } from '../_shared/db';
import { moveMonths, moveRequests } from './docs';
import { householdView, requesterView, responderView } from './views';

async function compoundOf(ctx: Ctx, compoundId: string) {
  const c = await compounds(ctx.db).get(compoundId);
  if (!c) throw new AppError('NOT_FOUND', '小区不存在');
  return c;
}

export async function myRequests(ctx: Ctx, input: { cursor?: string; size: number }): Promise<Page<RequesterMoveView>> {
  const actor = await ctx.actor();
  const offset = decodeCursor(input.cursor);
  if (!actor.personId) return { items: [] };
  const docs = await moveRequests(ctx.db).find(
    { requesterId: actor.personId },
    { orderBy: [['createdAt', 'desc']], skip: offset, limit: input.size + 1 },
  );
  return pageOf(
    docs.map((d) => requesterView(d)),
    offset,
    input.size,
  );
}

/** Where the caller answers forwarded requests: `b:` keys of their buildings and `c:` keys of their compounds. */
function responderKeys(actor: Actor, compoundId?: string): string[] {
  const keys: string[] = [];
  for (const g of actor.roles) {
    if (compoundId && g.compoundId !== compoundId) continue;
    if (g.role === 'buildingLead') keys.push(...(g.buildingIds ?? []).map((b) => `b:${b}`));
    if ((g.role === 'propertyManager' || g.role === 'staff') && g.compoundId) keys.push(`c:${g.compoundId}`);
  }
  return [...new Set(keys)];
}

export async function queue(ctx: Ctx, input: { compoundId: string; cursor?: string; size: number }): Promise<Page<ResponderMoveView>> {
  const actor = await ctx.actor();
  const c = await compoundOf(ctx, input.compoundId);
  const s = scopesOf(actor, 'vehicle.respond');
  if (!s.compoundIds.includes(c._id) && !actor.roles.some((g) => g.role === 'buildingLead' && g.compoundId === c._id))
    throw new AppError('FORBIDDEN');
  const keys = responderKeys(actor, c._id);
  const offset = decodeCursor(input.cursor);
  const _ = ctx.db.command;
  const docs = await moveRequests(ctx.db).find(
    { audience: _.in(keys), open: true },
    { orderBy: [['createdAt', 'desc']], skip: offset, limit: input.size + 1 },
  );
  const page = pageOf(docs, offset, input.size);
  return { ...page, items: await Promise.all(page.items.map((d) => responderView(ctx, actor, d))) };
}

export async function repeatRequesters(ctx: Ctx, input: { compoundId: string }): Promise<{ items: RepeatRequester[]; threshold: number }> {
  const actor = await ctx.actor();
  const c = await compoundOf(ctx, input.compoundId);
  assertCan(actor, 'vehicle.oversee', { communityId: c.communityId, compoundId: c._id });
  // Everything still stored is inside the 30-day window (retention deletes the rest).
  const docs = await moveRequests(ctx.db).find(
    { compoundId: c._id },
    {
      orderBy: [['createdAt', 'desc']],
      limit: 1000,
      fields: { requesterId: true, requesterName: true, requesterHomeLabel: true, reported: true, createdAt: true },
    },
  );
  const by = new Map<string, RepeatRequester>();
  for (const d of docs) {
    const cur = by.get(d.requesterId) ?? {
      personId: d.requesterId,
      name: d.requesterName,
      homeLabel: d.requesterHomeLabel,
      requests: 0,
      reported: 0,
      lastAt: iso(d.createdAt),
    };
    cur.requests++;
    if (d.reported) cur.reported++;
    by.set(d.requesterId, cur);
  }
  const items = [...by.values()]
    .filter((x) => x.requests >= VEHICLE_LIMITS.repeatThreshold || x.reported > 0)
    .sort((a, b) => b.reported - a.reported || b.requests - a.requests);
  return { items, threshold: VEHICLE_LIMITS.repeatThreshold };
}

export async function stats(ctx: Ctx, input: { compoundId: string; period: string }): Promise<MoveStats> {
  const actor = await ctx.actor();
  const c = await compoundOf(ctx, input.compoundId);
  assertCan(actor, 'vehicle.stats', { communityId: c.communityId, compoundId: c._id });
  const m = await moveMonths(ctx.db).get(`${c._id}_${input.period}`);
  return { compoundId: c._id, compoundName: c.name, period: input.period, ...figuresOf(m) };
}

/** One read of the compounds and one of their month documents: the same cost at any number of homes. */
export async function communityStats(ctx: Ctx, input: { communityId: string; period: string }): Promise<CommunityMoveStats> {
  const actor = await ctx.actor();
  const community = await communities(ctx.db).get(input.communityId);
  if (!community) throw new AppError('NOT_FOUND');
  assertCan(actor, 'vehicle.stats', { communityId: community._id });
  const list = await compounds(ctx.db).find({ communityId: community._id }, { orderBy: [['_id', 'asc']], limit: MAX_GET });
  const months = await moveMonths(ctx.db).byIds(list.map((c) => `${c._id}_${input.period}`));
  return {
    communityId: community._id,
    communityName: community.name,
    period: input.period,
    compounds: list.map((c) => ({
      compoundId: c._id,
      compoundName: c.name,
      period: input.period,
      ...figuresOf(months.get(`${c._id}_${input.period}`) ?? null),
    })),
  };
}

export async function home(ctx: Ctx): Promise<MoveHome> {
  const actor = await ctx.actor();
  if (!actor.personId) return { alerts: [], queue: [], queueCount: 0, mine: [] };
  const _ = ctx.db.command;
  const homeKeys = actor.homes.map((h) => `h:${h.homeId}`);
  const keys = responderKeys(actor);
  const [alerts, { items: queueDocs, total: queueCount }, mine] = await Promise.all([
    homeKeys.length
      ? moveRequests(ctx.db).find({ audience: _.in(homeKeys), open: true }, { orderBy: [['createdAt', 'desc']], limit: 5 })
      : [],
    // The queue with its count (head() counts only when the five shown may not be all).
    keys.length
      ? moveRequests(ctx.db).head({ audience: _.in(keys), open: true }, { orderBy: [['createdAt', 'desc']], limit: 5 })
      : { items: [], total: 0 },
    moveRequests(ctx.db).find(
      { requesterId: actor.personId, status: _.in([...OPEN_STATUSES, 'handled', 'unreachable']) },
      { orderBy: [['createdAt', 'desc']], limit: 3 },
    ),
  ]);
  const mineIds = new Set(mine.map((d) => d._id));
  return {
    // A request is never both an alert and the caller's own (own plates are refused).
    alerts: alerts.filter((d) => !mineIds.has(d._id) && d.requesterId !== actor.personId).map((d) => householdView(d)),
    queue: await Promise.all(queueDocs.filter((d) => d.requesterId !== actor.personId).map((d) => responderView(ctx, actor, d))),
    queueCount,
    mine: mine.map((d) => requesterView(d)),
  };
}
