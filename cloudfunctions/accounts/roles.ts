import type { RoleView } from '../../core/accounts/contract';
import { assertCan, can, type Permission } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { RoleName } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import { getAll, getByIds, mustGet } from '../_shared/db';
import type { BuildingDoc, CompoundDoc, PersonDoc, RoleDoc } from '../_shared/directory';
import { roleView } from './views';

/** Which permission appointing a role needs. */
function grantPermission(role: RoleName): Permission {
  if (role === 'buildingLead') return 'role.grant.buildingLead';
  if (role === 'staff') return 'role.grant.staff';
  return 'role.grant.compound';
}

export async function listRoles(ctx: Ctx, input: { compoundId: string }) {
  const actor = await ctx.actor();
  const compound = await mustGet<CompoundDoc>(ctx.db, 'compounds', input.compoundId);
  assertCan(actor, 'role.view', { communityId: compound.communityId, compoundId: compound._id });
  const roles = await getAll<RoleDoc>(ctx.db, 'roles', { compoundId: compound._id });
  const people = await getByIds<PersonDoc>(ctx.db, 'people', roles.map((r) => r.personId));
  const buildings = await getByIds<BuildingDoc>(ctx.db, 'buildings', roles.flatMap((r) => r.buildingIds ?? []));
  const compounds = new Map([[compound._id, compound]]);
  return roles.map((r) => ({ ...roleView(r, compounds, buildings), personId: r.personId, personName: people.get(r.personId)?.name ?? '' }));
}

export async function grantRole(
  ctx: Ctx,
  input: { personId: string; role: RoleName; compoundId?: string; communityId?: string; buildingIds?: string[] },
): Promise<RoleView> {
  const actor = await ctx.actor();
  await mustGet<PersonDoc>(ctx.db, 'people', input.personId);
  let communityId: string;
  let compound: CompoundDoc | undefined;
  if (input.role === 'communityAdmin') {
    if (!input.communityId) throw new AppError('BAD_REQUEST', '请选择社区');
    communityId = (await mustGet<{ _id: string }>(ctx.db, 'communities', input.communityId))._id;
  } else {
    if (!input.compoundId) throw new AppError('BAD_REQUEST', '请选择小区');
    compound = await mustGet<CompoundDoc>(ctx.db, 'compounds', input.compoundId);
    communityId = compound.communityId;
  }
  if (input.role === 'buildingLead' && !input.buildingIds?.length) throw new AppError('BAD_REQUEST', '请选择楼栋');
  if (input.role !== 'buildingLead' && input.buildingIds) throw new AppError('BAD_REQUEST', '只有楼栋长需要选择楼栋');
  assertCan(actor, grantPermission(input.role), { communityId, compoundId: compound?._id });
  const buildings = input.buildingIds ? await getByIds<BuildingDoc>(ctx.db, 'buildings', input.buildingIds) : new Map<string, BuildingDoc>();
  if (input.buildingIds?.some((id) => buildings.get(id)?.compoundId !== compound?._id)) throw new AppError('BAD_REQUEST', '楼栋不属于该小区');
  const doc: Omit<RoleDoc, '_id'> = {
    personId: input.personId,
    role: input.role,
    communityId,
    ...(compound ? { compoundId: compound._id } : {}),
    ...(input.buildingIds ? { buildingIds: input.buildingIds } : {}),
    grantedBy: actor.personId!,
    createdAt: ctx.now,
  };
  const res = await ctx.db.collection('roles').add({ data: doc });
  return roleView({ _id: String(res._id), ...doc }, new Map(compound ? [[compound._id, compound]] : []), buildings);
}

export async function revokeRole(ctx: Ctx, input: { roleId: string }) {
  const actor = await ctx.actor();
  const role = await mustGet<RoleDoc>(ctx.db, 'roles', input.roleId);
  const target = { communityId: role.communityId, compoundId: role.compoundId };
  if (!can(actor, grantPermission(role.role), target)) throw new AppError('FORBIDDEN');
  await ctx.db.collection('roles').doc(role._id).remove();
  return { id: role._id };
}
