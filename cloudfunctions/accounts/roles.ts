import type { Page } from '../../core/platform/api';
import type { CompoundInfo, PersonHit, RoleList, RoleView } from '../../core/accounts/contract';
import { canRevokeRole, grantableRoles, mayGrant } from '../../core/accounts/rules';
import { assertCan, can } from '../../core/authz';
import { RELATION_LABELS, ROLE_LABELS } from '../../core/platform/roles';
import { roomSortKey } from '../../core/platform/text';
import { decodeCursor } from '../_shared/db';
import { AppError } from '../../core/platform/errors';
import { STAND_IN_ROLE, type RoleName } from '../../core/platform/roles';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import {
  buildings as buildingsRepo,
  communities,
  compounds,
  homes as homesRepo,
  memberships,
  people,
  roles,
  type BuildingDoc,
  type CompoundDoc,
  type RoleDoc,
} from '../_shared/directory';
import { roleView } from './views';
import { roleCompounds } from './scopes';

export async function listRoles(
  ctx: Ctx,
  input: { compoundId?: string },
): Promise<RoleList & { compoundId: string; compounds?: CompoundInfo[] }> {
  if (input.compoundId) return { ...(await compoundRoles(ctx, input.compoundId)), compoundId: input.compoundId };
  // No compound named: the picker, and the roles themselves when there is only one compound (as the page opened it).
  const list = await roleCompounds(ctx, await ctx.actor());
  if (list.length === 0) throw new AppError('FORBIDDEN');
  if (list.length > 1) return { items: [], grantable: [], canInviteStaff: false, compoundId: '', compounds: list };
  return { ...(await compoundRoles(ctx, list[0].id)), compoundId: list[0].id, compounds: list };
}

async function compoundRoles(ctx: Ctx, compoundId: string): Promise<RoleList> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).must(compoundId);
  const target = { communityId: compound.communityId, compoundId: compound._id };
  assertCan(actor, 'role.view', target);
  const grants = await roles(ctx.db).all({ compoundId: compound._id });
  const staffing = { hasBranchSecretary: grants.some((r) => r.role === 'branchSecretary') };
  const who = await people(ctx.db).byIds(grants.map((r) => r.personId));
  const buildings = await buildingsRepo(ctx.db).byIds(grants.flatMap((r) => r.buildingIds ?? []));
  const byId = new Map([[compound._id, compound]]);
  return {
    items: grants.map((r) => ({
      ...roleView(r, byId, buildings),
      personId: r.personId,
      personName: who.get(r.personId)?.name ?? '',
      canRevoke: canRevokeRole(actor, r.role, r.personId, target, staffing),
    })),
    grantable: grantableRoles(actor, target, staffing),
    canInviteStaff: can(actor, 'role.grant.staff', target),
  };
}

/**
 * People of a compound for role assignment: by room ("602", "3栋602", "1-602") through
 * the homes' compound+number index, or by name prefix through the people's name
 * index; without a query, the compound's role holders and the first residents.
 * Every read is an indexed equality/prefix with a limit; together ≤ 1,000 documents a call.
 */
export async function searchPeople(
  ctx: Ctx,
  input: { compoundId: string; q?: string; cursor?: string; size: number },
): Promise<Page<PersonHit>> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).must(input.compoundId);
  const target = { communityId: compound.communityId, compoundId: compound._id };
  assertCan(actor, 'role.view', target);
  const _ = ctx.db.command;
  const offset = decodeCursor(input.cursor);
  const q = (input.q ?? '').replace(/\s/g, '');
  const room = /(\d+[A-Za-z]?)$/.exec(q.normalize('NFKC'));
  let personIds: string[];
  let homeFilter: Set<string> | null = null;
  if (q && room && /^[\d\-栋号楼单元幢座A-Za-z]+$/.test(q.normalize('NFKC'))) {
    // A room: every home of that number in the compound (one per building and unit at most).
    const found = await homesRepo(ctx.db).find({ compoundId: compound._id, number: room[1].toUpperCase() }, { limit: 100 });
    // "3栋1单元1502", "3-1-1502", "3栋1502": the numbers before the room narrow it to a building (and unit).
    const parts =
      q
        .normalize('NFKC')
        .slice(0, -room[1].length)
        .match(/\d+|[A-Za-z]+/g) ?? [];
    const homesHit = found.filter((h) => {
      const own = [h.buildingName.match(/\d+/)?.[0] ?? '', h.unit];
      return parts.every((p, i) => i < own.length && own[i].toUpperCase() === p.toUpperCase());
    });
    homeFilter = new Set(homesHit.map((h) => h._id));
    const ms = homeFilter.size ? await memberships(ctx.db).find({ homeId: _.in([...homeFilter]), status: 'active' }, { limit: 300 }) : [];
    // In natural room order: 1栋…, 2栋…, 10栋 last.
    const order = new Map(homesHit.map((h) => [h._id, roomSortKey(`${h.buildingId}!${h.unit}`, h.number)]));
    ms.sort((a, b) => (order.get(a.homeId) ?? '').localeCompare(order.get(b.homeId) ?? ''));
    personIds = [...new Set(ms.map((m) => m.personId))];
  } else if (q) {
    // A name prefix: people whose name starts with it, then only those of this compound.
    const escaped = q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const named = await people(ctx.db).find(
      { name: ctx.db.RegExp({ regexp: `^${escaped}` }) },
      { orderBy: [['name', 'asc']], limit: 200, fields: { _id: true } },
    );
    const ids = named.map((p) => p._id);
    const [ms, rs] = ids.length
      ? await Promise.all([
          memberships(ctx.db).find({ compoundId: compound._id, personId: _.in(ids), status: 'active' }, { limit: 200 }),
          roles(ctx.db).find({ compoundId: compound._id, personId: _.in(ids) }, { limit: 50 }),
        ])
      : [[], []];
    personIds = ids.filter((id) => ms.some((m) => m.personId === id) || rs.some((r) => r.personId === id));
  } else {
    // No query: role holders first, then residents in the order they joined.
    const [rs, ms] = await Promise.all([
      roles(ctx.db).find({ compoundId: compound._id }, { limit: 100 }),
      memberships(ctx.db).find(
        { compoundId: compound._id, status: 'active' },
        { orderBy: [['_id', 'asc']], skip: offset, limit: input.size + 1 },
      ),
    ]);
    const holders = offset === 0 ? rs.map((r) => r.personId) : [];
    personIds = [...new Set([...holders, ...ms.map((m) => m.personId)])];
    const more = ms.length > input.size;
    const hits = await describe(ctx, compound, personIds.slice(0, holders.length + input.size), homeFilter);
    return { items: hits, ...(more ? { nextCursor: String(offset + input.size) } : {}) };
  }
  const shown = personIds.slice(offset, offset + input.size);
  const hits = await describe(ctx, compound, shown, homeFilter);
  return {
    items: hits,
    total: personIds.length,
    ...(offset + input.size < personIds.length ? { nextCursor: String(offset + input.size) } : {}),
  };
}

/** Each person with their homes (natural order) and roles in this compound. */
async function describe(ctx: Ctx, compound: CompoundDoc, personIds: string[], _homeFilter: Set<string> | null): Promise<PersonHit[]> {
  if (!personIds.length) return [];
  const _ = ctx.db.command;
  const [who, ms, rs] = await Promise.all([
    people(ctx.db).byIds(personIds),
    memberships(ctx.db).find({ compoundId: compound._id, personId: _.in(personIds), status: 'active' }, { limit: 200 }),
    roles(ctx.db).find({ compoundId: compound._id, personId: _.in(personIds) }, { limit: 100 }),
  ]);
  const homes = await homesRepo(ctx.db).byIds(ms.map((m) => m.homeId));
  return personIds
    .filter((id) => who.has(id))
    .map((id) => {
      const mine = ms
        .filter((m) => m.personId === id && homes.has(m.homeId))
        .map((m) => ({ h: homes.get(m.homeId)!, m }))
        .sort((a, b) =>
          (a.h.buildingId + (a.h.sortKey ?? roomSortKey(a.h.unit, a.h.number))).localeCompare(
            b.h.buildingId + (b.h.sortKey ?? roomSortKey(b.h.unit, b.h.number)),
          ),
        );
      return {
        personId: id,
        name: who.get(id)!.name,
        homes: mine.map(({ h, m }) => `${h.label}（${RELATION_LABELS[m.relation]}）`),
        roles: [...new Set(rs.filter((r) => r.personId === id).map((r) => ROLE_LABELS[r.role]))],
      };
    });
}

export async function grantRole(
  ctx: Ctx,
  input: { personId: string; role: RoleName; compoundId?: string; communityId?: string; buildingIds?: string[] },
): Promise<RoleView> {
  const actor = await ctx.actor();
  await people(ctx.db).must(input.personId);
  let communityId: string;
  let compound: CompoundDoc | undefined;
  if (input.role === 'communityAdmin') {
    if (!input.communityId) throw new AppError('BAD_REQUEST', '请选择社区');
    communityId = (await communities(ctx.db).must(input.communityId))._id;
  } else {
    if (!input.compoundId) throw new AppError('BAD_REQUEST', '请选择小区');
    compound = await compounds(ctx.db).must(input.compoundId);
    communityId = compound.communityId;
  }
  if (input.role === 'buildingLead' && !input.buildingIds?.length) throw new AppError('BAD_REQUEST', '请选择楼栋');
  if (input.role !== 'buildingLead' && input.buildingIds) throw new AppError('BAD_REQUEST', '只有楼栋长需要选择楼栋');
  const target = { communityId, compoundId: compound?._id };
  if (!mayGrant(actor, input.role, target, await staffingOf(ctx, compound?._id))) throw new AppError('FORBIDDEN');
  // Separation of duties: nobody appoints themselves.
  if (input.personId === actor.personId) throw new AppError('SELF_DECISION', '不能给自己授予角色');
  const buildings = input.buildingIds ? await buildingsRepo(ctx.db).byIds(input.buildingIds) : new Map<string, BuildingDoc>();
  if (input.buildingIds?.some((id) => buildings.get(id)?.compoundId !== compound?._id))
    throw new AppError('BAD_REQUEST', '楼栋不属于该小区');
  const doc: Omit<RoleDoc, '_id'> = {
    personId: input.personId,
    role: input.role,
    communityId,
    ...(compound ? { compoundId: compound._id } : {}),
    ...(input.buildingIds ? { buildingIds: input.buildingIds } : {}),
    grantedBy: actor.personId!,
    createdAt: ctx.now,
  };
  const id = await roles(ctx.db).add(doc);
  // A committee member appointed: the community hands the compound back (社区代行 ends).
  if (input.role === 'committeeMember' && compound) await roles(ctx.db).remove(standInId(compound._id));
  return roleView({ _id: id, ...doc }, new Map(compound ? [[compound._id, compound]] : []), buildings);
}

export async function revokeRole(ctx: Ctx, input: { roleId: string }) {
  const actor = await ctx.actor();
  const role = await roles(ctx.db).must(input.roleId);
  const target = { communityId: role.communityId, compoundId: role.compoundId };
  if (!mayGrant(actor, role.role, target, await staffingOf(ctx, role.compoundId))) throw new AppError('FORBIDDEN');
  // Nor removes their own role (a hand-over is someone else's decision).
  if (role.personId === actor.personId) throw new AppError('SELF_DECISION', '不能撤销自己的角色');
  await roles(ctx.db).remove(role._id);
  return { id: role._id };
}

/** Whether the compound has a branch secretary (read only when it could matter: the day-one stand-in). */
async function staffingOf(ctx: Ctx, compoundId: string | undefined) {
  if (!compoundId) return { hasBranchSecretary: true };
  return { hasBranchSecretary: !!(await roles(ctx.db).first({ compoundId, role: 'branchSecretary' })) };
}

/** One stand-in per compound: a fixed id, so a repeated or parallel call writes one grant. */
export const standInId = (compoundId: string) => `standin_${compoundId}`;

/**
 * 社区代行业委会. On: the worker takes the committee's place in a compound that has no
 * committee member (refused otherwise, and when another worker already holds it); taking
 * it again is a no-op. Off: the worker (or another of the community's workers) hands it
 * back. Appointing a committee member ends it (grantRole).
 */
export async function standIn(ctx: Ctx, input: { compoundId: string; on: boolean }) {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).must(input.compoundId);
  assertCan(actor, 'role.standIn', { communityId: compound.communityId, compoundId: compound._id });
  if (!actor.personId) throw new AppError('NOT_REGISTERED');
  const id = standInId(compound._id);
  if (!input.on) {
    await roles(ctx.db).remove(id);
    return { compoundId: compound._id, active: false };
  }
  if (await roles(ctx.db).first({ compoundId: compound._id, role: 'committeeMember' })) throw new AppError('STAND_IN_REFUSED');
  await transaction(ctx.db, async (tx) => {
    const held = await roles(ctx.db).in(tx).get(id);
    if (held && held.personId !== actor.personId) throw new AppError('STAND_IN_REFUSED');
    if (held) return;
    await roles(ctx.db).in(tx).put(id, {
      personId: actor.personId!,
      role: STAND_IN_ROLE,
      communityId: compound.communityId,
      compoundId: compound._id,
      grantedBy: actor.personId!,
      createdAt: ctx.now,
    });
  });
  return { compoundId: compound._id, active: true };
}
