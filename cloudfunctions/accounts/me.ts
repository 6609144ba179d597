import { ownFolder } from '../_shared/files';
import type { GroupView, Me, MyHome } from '../../core/accounts/contract';
import { AppError } from '../../core/platform/errors';
import type { Ctx } from '../_shared/router';
import { decodeCursor, iso, pageOf } from '../_shared/db';
import {
  buildings as buildingsRepo,
  compounds as compoundsRepo,
  homes as homesRepo,
  memberships,
  people,
  type BuildingDoc,
  type CompoundDoc,
  type PersonDoc,
} from '../_shared/directory';
import { bindRequests } from './docs';
import { homeView, personView, requestView, roleView } from './views';
import { callerOf } from '../_shared/actor';
import { findPerson, ensurePerson } from './people';
import { approverQuery } from './binding';

export async function getMe(ctx: Ctx): Promise<Me> {
  // The person, grants and bindings the actor was made of (read once per invocation: the 首页's cards share them).
  const caller = await callerOf(ctx);
  const { person } = caller;
  if (!person)
    return {
      registered: false,
      homes: [],
      roles: [],
      pendingRequests: [],
      approvalsWaiting: 0,
      uploadPrefix: ownFolder(ctx.openid, '').slice(0, -1),
    };
  const _ = ctx.db.command;
  const { roles, memberships: members } = caller;
  const requests = await bindRequests(ctx.db).find(
    { personId: person._id, status: 'pending' },
    { orderBy: [['createdAt', 'desc']], limit: 20 },
  );
  const bound = await caller.homes();
  const asked = requests.map((r) => r.homeId).filter((id) => !bound.has(id));
  const homes = asked.length ? new Map([...bound, ...(await homesRepo(ctx.db).byIds(asked))]) : bound;
  const compoundIds = roles.map((r) => r.compoundId).filter((x): x is string => !!x);
  const buildingIds = roles.flatMap((r) => r.buildingIds ?? []);
  const [compounds, buildings] = await Promise.all([
    compoundIds.length ? compoundsRepo(ctx.db).byIds(compoundIds) : Promise.resolve(new Map<string, CompoundDoc>()),
    buildingIds.length ? buildingsRepo(ctx.db).byIds(buildingIds) : Promise.resolve(new Map<string, BuildingDoc>()),
  ]);
  const approver = approverQuery(_, { roles, personId: person._id });
  const approvalsWaiting = approver ? await bindRequests(ctx.db).count(approver) : 0;
  const myHomes: MyHome[] = members
    .filter((m) => homes.has(m.homeId))
    .map((m) => ({ ...homeView(homes.get(m.homeId)!), relation: m.relation, boundAt: iso(m.createdAt) }));
  return {
    registered: true,
    person: personView(person, true),
    homes: myHomes,
    roles: roles.map((r) => roleView(r, compounds, buildings)),
    pendingRequests: requests.filter((r) => homes.has(r.homeId)).map((r) => requestView(r, homes.get(r.homeId)!, true)),
    approvalsWaiting,
    uploadPrefix: ownFolder(ctx.openid, '').slice(0, -1),
  };
}

export async function updateMe(ctx: Ctx, input: { name?: string; phone?: string; showPartyBadge?: boolean; contactLead?: boolean }) {
  let person = await findPerson(ctx);
  if (!person) {
    if (!input.name) throw new AppError('NOT_REGISTERED', '请先填写姓名');
    person = await ensurePerson(ctx, input.name, input.phone);
  }
  const patch: Partial<PersonDoc> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.phone !== undefined) patch.phone = input.phone;
  if (input.showPartyBadge !== undefined) {
    if (input.showPartyBadge && !person.partyMember) throw new AppError('FORBIDDEN', '仅党员可以亮明身份');
    patch.showPartyBadge = input.showPartyBadge;
  }
  if (input.contactLead !== undefined) {
    if (input.contactLead && !(patch.phone ?? person.phone)) throw new AppError('BAD_REQUEST', '请先填写手机号，楼栋长才能联系您');
    patch.contactLead = input.contactLead;
  }
  if (Object.keys(patch).length) await people(ctx.db).patch(person._id, patch);
  return personView({ ...person, ...patch }, true);
}

export async function listHomes(ctx: Ctx, input: { buildingId: string; unit?: string; cursor?: string; size: number }) {
  const offset = decodeCursor(input.cursor);
  const where: Record<string, unknown> = { buildingId: input.buildingId };
  if (input.unit) where.unit = input.unit;
  // Natural room order (101 before 1001): sortKey starts with the unit, indexed with the building.
  const found = await homesRepo(ctx.db).find(where, { orderBy: [['sortKey', 'asc']], skip: offset, limit: input.size + 1 });
  return pageOf(found.map(homeView), offset, input.size);
}

/** The owners' group of each compound I live in, and my building groups. */
export async function myGroups(ctx: Ctx): Promise<GroupView[]> {
  const actor = await ctx.actor();
  const compoundIds = [...new Set(actor.homes.map((h) => h.compoundId))];
  const buildingIds = [...new Set(actor.homes.map((h) => h.buildingId))];
  const [compounds, buildings] = await Promise.all([compoundsRepo(ctx.db).byIds(compoundIds), buildingsRepo(ctx.db).byIds(buildingIds)]);
  const count = (where: object) => memberships(ctx.db).count({ ...where, status: 'active' });
  const groups: GroupView[] = [];
  for (const id of compoundIds) {
    groups.push({
      id: `owners:${id}`,
      kind: 'ownerGroup',
      name: `${compounds.get(id)?.name ?? ''}业主群`,
      compoundId: id,
      memberCount: await count({ compoundId: id }),
    });
  }
  for (const id of buildingIds) {
    const b = buildings.get(id);
    if (!b) continue;
    groups.push({
      id: `building:${id}`,
      kind: 'buildingGroup',
      name: `${compounds.get(b.compoundId)?.name ?? ''}${b.name}楼栋群`,
      compoundId: b.compoundId,
      buildingId: id,
      memberCount: await count({ buildingId: id }),
    });
  }
  return groups;
}
