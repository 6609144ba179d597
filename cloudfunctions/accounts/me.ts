import type { CompoundInfo, GroupView, Me, MyHome } from '../../core/accounts/contract';
import { AppError } from '../../core/platform/errors';
import type { Ctx } from '../_shared/router';
import { decodeCursor, getAll, getByIds, iso, pageOf } from '../_shared/db';
import type { BindRequestDoc } from './docs';
import type { BuildingDoc, CommunityDoc, CompoundDoc, HomeDoc, MembershipDoc, PersonDoc, RoleDoc } from '../_shared/directory';
import { buildingView, homeView, personView, requestView, roleView } from './views';
import { findPerson, ensurePerson } from './people';
import { approverQuery } from './binding';

export async function getMe(ctx: Ctx): Promise<Me> {
  const person = await findPerson(ctx);
  if (!person) return { registered: false, homes: [], roles: [], pendingRequests: [], approvalsWaiting: 0 };
  const _ = ctx.db.command;
  const [roleRes, memberRes, reqRes] = await Promise.all([
    ctx.db.collection('roles').where({ personId: person._id }).limit(100).get(),
    ctx.db.collection('memberships').where({ personId: person._id, status: 'active' }).limit(100).get(),
    ctx.db.collection('bindRequests').where({ personId: person._id, status: 'pending' }).orderBy('createdAt', 'desc').limit(20).get(),
  ]);
  const roles = roleRes.data as RoleDoc[];
  const members = memberRes.data as MembershipDoc[];
  const requests = reqRes.data as BindRequestDoc[];
  const homes = await getByIds<HomeDoc>(ctx.db, 'homes', [...members.map((m) => m.homeId), ...requests.map((r) => r.homeId)]);
  const compoundIds = roles.map((r) => r.compoundId).filter((x): x is string => !!x);
  const buildingIds = roles.flatMap((r) => r.buildingIds ?? []);
  const [compounds, buildings] = await Promise.all([
    compoundIds.length ? getByIds<CompoundDoc>(ctx.db, 'compounds', compoundIds) : Promise.resolve(new Map()),
    buildingIds.length ? getByIds<BuildingDoc>(ctx.db, 'buildings', buildingIds) : Promise.resolve(new Map()),
  ]);
  const approver = approverQuery(_, { roles });
  const approvalsWaiting = approver ? (await ctx.db.collection('bindRequests').where(approver).count()).total : 0;
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
  };
}

export async function updateMe(ctx: Ctx, input: { name?: string; phone?: string; showPartyBadge?: boolean }) {
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
  if (Object.keys(patch).length) await ctx.db.collection('people').doc(person._id).update({ data: patch });
  return personView({ ...person, ...patch }, true);
}

/** Every compound with its buildings: the picker a new resident starts from. */
export async function listCompounds(ctx: Ctx): Promise<CompoundInfo[]> {
  const [communities, compounds] = await Promise.all([
    getAll<CommunityDoc>(ctx.db, 'communities', {}),
    getAll<CompoundDoc>(ctx.db, 'compounds', {}),
  ]);
  const _ = ctx.db.command;
  const buildings = compounds.length
    ? await getAll<BuildingDoc>(ctx.db, 'buildings', { compoundId: _.in(compounds.map((c) => c._id)) }, [['compoundId', 'asc'], ['no', 'asc']])
    : [];
  const communityName = new Map(communities.map((c) => [c._id, c.name]));
  return compounds.map((c) => ({
    id: c._id,
    name: c.name,
    communityId: c.communityId,
    communityName: communityName.get(c.communityId) ?? '',
    buildings: buildings.filter((b) => b.compoundId === c._id).map(buildingView),
  }));
}

export async function listHomes(ctx: Ctx, input: { buildingId: string; unit?: string; cursor?: string; size: number }) {
  const offset = decodeCursor(input.cursor);
  const where: Record<string, unknown> = { buildingId: input.buildingId };
  if (input.unit) where.unit = input.unit;
  const res = await ctx.db.collection('homes').where(where).orderBy('unit', 'asc').orderBy('number', 'asc').skip(offset).limit(input.size + 1).get();
  return pageOf((res.data as HomeDoc[]).map(homeView), offset, input.size);
}

/** The owners' group of each compound I live in, and my building groups. */
export async function myGroups(ctx: Ctx): Promise<GroupView[]> {
  const actor = await ctx.actor();
  const compoundIds = [...new Set(actor.homes.map((h) => h.compoundId))];
  const buildingIds = [...new Set(actor.homes.map((h) => h.buildingId))];
  const [compounds, buildings] = await Promise.all([
    getByIds<CompoundDoc>(ctx.db, 'compounds', compoundIds),
    getByIds<BuildingDoc>(ctx.db, 'buildings', buildingIds),
  ]);
  const count = (where: object) => ctx.db.collection('memberships').where({ ...where, status: 'active' }).count().then((r) => r.total);
  const groups: GroupView[] = [];
  for (const id of compoundIds) {
    groups.push({ id: `owners:${id}`, kind: 'ownerGroup', name: `${compounds.get(id)?.name ?? ''}业主群`, compoundId: id, memberCount: await count({ compoundId: id }) });
  }
  for (const id of buildingIds) {
    const b = buildings.get(id);
    if (!b) continue;
    groups.push({ id: `building:${id}`, kind: 'buildingGroup', name: `${compounds.get(b.compoundId)?.name ?? ''}${b.name}楼栋群`, compoundId: b.compoundId, buildingId: id, memberCount: await count({ buildingId: id }) });
  }
  return groups;
}
