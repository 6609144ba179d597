/**
 * Lists and figures. Every per-user list is an indexed equality/$in with a limit
 * (the same cost at 585 or 30,000 homes); the monthly figures read one compound's
 * month through its own index in one call.
 */
import type {
  CompoundChoice,
  CostsPage,
  HomeSummary,
  MonthlyStats,
  RepairListItem,
  RepairListPage,
  PickedCompound,
  RepairPlaces,
  StaffOption,
} from '../../core/repairs/contract';
import type { Actor } from '../../core/platform/roles';
import { AppError } from '../../core/platform/errors';
import { can, scopesOf } from '../../core/authz';
import { CLOCK_STATUSES, inCompound, ledgerExpenseOf, monthlyFigures, type RepairStatus } from '../../core/repairs/rules';
import { ROLE_LABELS } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import { buildings, compounds, homes, people, roles as rolesRepo } from '../_shared/directory';
import { decodeCursor, iso, pageOf } from '../_shared/db';
import { followerId, repairFollowers, repairs, type RepairDoc } from './docs';
import { listItem } from './views';

const OPEN: RepairStatus[] = ['submitted', 'accepted', 'assigned', 'inProgress', 'done', 'reopened'];

function pageFrom(ctx: Ctx, docs: RepairDoc[], offset: number, size: number): RepairListPage {
  return pageOf(
    docs.map((d) => listItem(d, ctx.now)),
    offset,
    size,
  );
}

export async function myRepairs(ctx: Ctx, input: { open: boolean; cursor?: string; size: number }): Promise<RepairListPage> {
  const actor = await ctx.actor();
  const offset = decodeCursor(input.cursor);
  if (!actor.personId) return { items: [] };
  const _ = ctx.db.command;
  const keys = [`p:${actor.personId}`, ...actor.homes.map((h) => `h:${h.homeId}`)];
  const where = { partyKeys: _.in(keys), ...(input.open ? { status: _.in(OPEN) } : {}) };
  const docs = await repairs(ctx.db).find(where, { orderBy: [['createdAt', 'desc']], skip: offset, limit: input.size + 1 });
  return pageFrom(ctx, docs, offset, input.size);
}

export async function myQueue(ctx: Ctx, input: { cursor?: string; size: number }): Promise<RepairListPage> {
  const actor = await ctx.actor();
  const offset = decodeCursor(input.cursor);
  if (!actor.personId) return { items: [] };
  const docs = await repairs(ctx.db).find(
    { assigneeId: actor.personId, queueOpen: true },
    {
      orderBy: [
        ['urgent', 'desc'],
        ['createdAt', 'desc'],
      ],
      skip: offset,
      limit: input.size + 1,
    },
  );
  return pageFrom(ctx, docs, offset, input.size);
}

async function compoundTarget(ctx: Ctx, compoundId: string) {
  const c = await compounds(ctx.db).get(compoundId);
  if (!c) throw new AppError('NOT_FOUND', '小区不存在');
  return { compound: c, target: { communityId: c.communityId, compoundId: c._id } };
}

const mayList = (actor: Actor, t: { communityId: string; compoundId: string }) =>
  can(actor, 'repair.viewAll', t) || can(actor, 'repair.manage', t);

export async function compoundList(
  ctx: Ctx,
  input: { compoundId?: string; filter: 'open' | 'overdue' | 'done' | 'all'; cursor?: string; size: number },
): Promise<RepairListPage & PickedCompound> {
  const actor = await ctx.actor();
  const offset = decodeCursor(input.cursor);
  const choices = (await compoundChoices(ctx, actor)).filter((c) => mayList(actor, c));
  // No compound named: the first this person may list (none at all is the same refusal as a compound not theirs).
  const c = input.compoundId ?? choices[0]?.compoundId;
  if (!c) throw new AppError('FORBIDDEN');
  const { target } = await compoundTarget(ctx, c);
  if (!mayList(actor, target)) throw new AppError('FORBIDDEN');
  const _ = ctx.db.command;
  const opts = { skip: offset, limit: input.size + 1 };
  let docs: RepairDoc[];
  if (input.filter === 'overdue')
    docs = await repairs(ctx.db).find({ compoundId: c, dueAt: _.lt(ctx.now) }, { ...opts, orderBy: [['dueAt', 'asc']] });
  else if (input.filter === 'open')
    docs = await repairs(ctx.db).find({ compoundId: c, status: _.in(OPEN) }, { ...opts, orderBy: [['createdAt', 'desc']] });
  else if (input.filter === 'done')
    docs = await repairs(ctx.db).find(
      { compoundId: c, status: _.in(['done', 'confirmed', 'closed']) },
      { ...opts, orderBy: [['createdAt', 'desc']] },
    );
  else docs = await repairs(ctx.db).find({ compoundId: c }, { ...opts, orderBy: [['createdAt', 'desc']] });
  return { ...pageFrom(ctx, docs, offset, input.size), compoundId: c, compounds: choices };
}

export async function board(
  ctx: Ctx,
  input: { compoundId?: string },
): Promise<{ items: RepairListItem[]; following: string[] } & PickedCompound> {
  const actor = await ctx.actor();
  const choices = (await compoundChoices(ctx, actor)).filter((c) => inCompound(actor, c.compoundId));
  const compoundId = input.compoundId ?? choices[0]?.compoundId;
  // Someone in no compound has no board: an empty one, as the page showed before.
  if (!compoundId) return { compoundId: '', compounds: [], items: [], following: [] };
  if (!inCompound(actor, compoundId)) throw new AppError('FORBIDDEN', '只能查看自己所在小区的公共报修');
  const docs = await repairs(ctx.db).find({ compoundId, onBoard: true }, { orderBy: [['createdAt', 'desc']], limit: 50 });
  const mine = actor.personId ? await repairFollowers(ctx.db).byIds(docs.map((d) => followerId(d._id, actor.personId!))) : new Map();
  return {
    compoundId,
    compounds: choices,
    items: docs.map((d) => listItem(d, ctx.now)),
    following: docs.filter((d) => mine.has(followerId(d._id, actor.personId ?? '')) || d.reporterId === actor.personId).map((d) => d._id),
  };
}

export async function staffOptions(ctx: Ctx, input: { compoundId: string }): Promise<{ items: StaffOption[] }> {
  const actor = await ctx.actor();
  const { target } = await compoundTarget(ctx, input.compoundId);
  if (!can(actor, 'repair.manage', target)) throw new AppError('FORBIDDEN');
  const _ = ctx.db.command;
  const grants = await rolesRepo(ctx.db).find({ compoundId: input.compoundId, role: _.in(['staff', 'propertyManager']) }, { limit: 100 });
  const byPerson = new Map<string, string>();
  for (const g of grants) if (!byPerson.has(g.personId) || g.role === 'staff') byPerson.set(g.personId, ROLE_LABELS[g.role]);
  const found = await people(ctx.db).byIds([...byPerson.keys()]);
  const items: StaffOption[] = [];
  for (const [personId, roleLabel] of byPerson) {
    const p = found.get(personId);
    if (!p) continue;
    items.push({ personId, name: p.name, roleLabel, queue: await repairs(ctx.db).count({ assigneeId: personId, queueOpen: true }) });
  }
  items.sort((a, b) => (a.roleLabel === b.roleLabel ? a.queue - b.queue : a.roleLabel === ROLE_LABELS.staff ? -1 : 1));
  return { items };
}

/** The compounds a person has to do with: their homes', their roles', and the office's community's. */
async function compoundIdsOf(ctx: Ctx, actor: Actor): Promise<string[]> {
  // The community office oversees every compound of its community (repair.viewAll / repair.stats at community scope).
  const communityIds = [...new Set([...scopesOf(actor, 'repair.viewAll').communityIds, ...scopesOf(actor, 'repair.stats').communityIds])];
  const ofCommunity = communityIds.length
    ? await compounds(ctx.db).find({ communityId: ctx.db.command.in(communityIds) }, { limit: 50 })
    : [];
  return [
    ...new Set([
      ...actor.homes.map((h) => h.compoundId),
      ...actor.roles.flatMap((g) => (g.compoundId ? [g.compoundId] : [])),
      ...ofCommunity.map((c) => c._id),
    ]),
  ];
}

/** The picker of a per-compound page, in the order repairs.places gives (each page filters it by its own rule). */
async function compoundChoices(ctx: Ctx, actor: Actor): Promise<CompoundChoice[]> {
  const ids = await compoundIdsOf(ctx, actor);
  const cs = await compounds(ctx.db).byIds(ids);
  return ids.filter((id) => cs.has(id)).map((id) => ({ compoundId: id, communityId: cs.get(id)!.communityId, name: cs.get(id)!.name }));
}

export async function places(ctx: Ctx): Promise<RepairPlaces> {
  const actor = await ctx.actor();
  const myHomes = await homes(ctx.db).byIds(actor.homes.map((h) => h.homeId));
  const compoundIds = await compoundIdsOf(ctx, actor);
  const [cs, bs] = await Promise.all([
    compounds(ctx.db).byIds(compoundIds),
    compoundIds.length
      ? buildings(ctx.db).find(
          { compoundId: ctx.db.command.in(compoundIds) },
          {
            orderBy: [
              ['compoundId', 'asc'],
              ['no', 'asc'],
            ],
            limit: 500,
          },
        )
      : Promise.resolve([]),
  ]);
  return {
    homes: [...myHomes.values()].map((h) => ({ homeId: h._id, label: `${h.compoundName} ${h.label}`, compoundId: h.compoundId })),
    compounds: compoundIds
      .filter((id) => cs.has(id))
      .map((id) => ({
        compoundId: id,
        communityId: cs.get(id)!.communityId,
        name: cs.get(id)!.name,
        buildings: bs
          .filter((b) => b.compoundId === id && b.kind === 'residential')
          .map((b) => ({ buildingId: b._id, name: b.name, hasLift: b.hasLift })),
      })),
    logCompounds: scopesOf(actor, 'repair.log').compoundIds,
  };
}

export async function homeSummary(ctx: Ctx): Promise<HomeSummary> {
  const actor = await ctx.actor();
  const out: HomeSummary = { mine: [], mineOpen: 0, queue: [], queueCount: 0, overdue: [], overdueCount: 0 };
  if (!actor.personId) return out;
  const _ = ctx.db.command;
  const keys = [`p:${actor.personId}`, ...actor.homes.map((h) => `h:${h.homeId}`)];
  const mineWhere = { partyKeys: _.in(keys), status: _.in(OPEN) };
  const managed = scopesOf(actor, 'repair.manage').compoundIds;
  const working = scopesOf(actor, 'repair.work').compoundIds.length > 0;
  const none = Promise.resolve({ items: [] as RepairDoc[], total: 0 });
  // Each list with its count (head() counts only when the three shown may not be all).
  const [mine, queue, overdue] = await Promise.all([
    repairs(ctx.db).head(mineWhere, { orderBy: [['createdAt', 'desc']], limit: 3 }),
    working
      ? repairs(ctx.db).head(
          { assigneeId: actor.personId, queueOpen: true },
          {
            orderBy: [
              ['urgent', 'desc'],
              ['createdAt', 'desc'],
            ],
            limit: 3,
          },
        )
      : none,
    managed.length
      ? repairs(ctx.db).head({ compoundId: _.in(managed), dueAt: _.lt(ctx.now) }, { orderBy: [['dueAt', 'asc']], limit: 3 })
      : none,
  ]);
  return {
    mine: mine.items.map((d) => listItem(d, ctx.now)),
    mineOpen: mine.total,
    queue: queue.items.map((d) => listItem(d, ctx.now)),
    queueCount: queue.total,
    overdue: overdue.items.map((d) => listItem(d, ctx.now)),
    overdueCount: overdue.total,
  };
}

async function month(ctx: Ctx, compoundId: string, period: string) {
  const actor = await ctx.actor();
  const { compound, target } = await compoundTarget(ctx, compoundId);
  if (!can(actor, 'repair.stats', target)) throw new AppError('FORBIDDEN');
  const docs = await repairs(ctx.db).all({ compoundId, period });
  return { compound, docs };
}

export async function monthlyStats(
  ctx: Ctx,
  input: { compoundId?: string; period: string },
): Promise<MonthlyStats & { compounds: CompoundChoice[] }> {
  const actor = await ctx.actor();
  const choices = (await compoundChoices(ctx, actor)).filter((c) => can(actor, 'repair.stats', c));
  const compoundId = input.compoundId ?? choices[0]?.compoundId;
  if (!compoundId) throw new AppError('FORBIDDEN');
  const { compound, docs } = await month(ctx, compoundId, input.period);
  const figures = monthlyFigures(
    docs.map((d) => ({
      status: d.status,
      category: d.category,
      createdAt: d.createdAt,
      acceptDueAt: d.acceptDueAt,
      finishDueAt: d.finishDueAt,
      acceptedAt: d.acceptedAt,
      doneAt: d.doneAt,
      rating: d.rating,
    })),
    ctx.now,
  );
  return { ...figures, compoundId: compound._id, compoundName: compound.name, period: input.period, compounds: choices };
}

export async function costs(ctx: Ctx, input: { compoundId: string; period: string }): Promise<CostsPage> {
  const { docs } = await month(ctx, input.compoundId, input.period);
  const items = docs
    .filter((d) => d.labourFen + d.materialsFen > 0 && d.status !== 'cancelled' && d.status !== 'merged')
    .map((d) => ({
      repairId: d._id,
      placeLabel: d.placeLabel,
      category: d.category,
      scope: d.scope,
      status: d.status,
      labourFen: d.labourFen,
      materialsFen: d.materialsFen,
      expense: ledgerExpenseOf({
        id: d._id,
        compoundId: d.compoundId,
        scope: d.scope,
        status: d.status,
        category: d.category,
        placeLabel: d.placeLabel,
        labourFen: d.labourFen,
        materialsFen: d.materialsFen,
        doneAt: d.doneAt ? iso(d.doneAt) : null,
      }),
    }));
  return {
    compoundId: input.compoundId,
    period: input.period,
    items,
    totalFen: items.reduce((a, i) => a + i.labourFen + i.materialsFen, 0),
    bookableFen: items.reduce((a, i) => a + (i.expense?.amountFen ?? 0), 0),
  };
}

export const RUNNING = CLOCK_STATUSES;
