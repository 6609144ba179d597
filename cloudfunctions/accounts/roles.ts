import type { RoleView } from '../../core/accounts/contract';
import { assertCan, can, type Permission } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { RoleName } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import { buildings as buildingsRepo, communities, compounds, people, roles, type BuildingDoc, type CompoundDoc, type RoleDoc } from '../_shared/directory';
import { roleView } from './views';

/** Which permission appointing a role needs. */
function grantPermission(role: RoleName): Permission {
  if (role === 'buildingLead') return 'role.grant.buildingLead';
  if (role === 'staff') return 'role.grant.staff';
  return 'role.grant.compound';
}

export async function listRoles(ctx: Ctx, input: { compoundId: string }) {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).must(input.compoundId);
  assertCan(actor, 'role.view', { communityId: compound.communityId, compoundId: compound._id });
  const grants = await roles(ctx.db).all({ compoundId: compound._id });
  const who = await people(ctx.db).byIds(grants.map((r) => r.personId));
  const buildings = await buildingsRepo(ctx.db).byIds(grants.flatMap((r) => r.buildingIds ?? []));
  const byId = new Map([[compound._id, compound]]);
  return grants.map((r) => ({ ...roleView(r, byId, buildings), personId: r.personId, personName: who.get(r.personId)?.name ?? '' }));
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
  assertCan(actor, grantPermission(input.role), { communityId, compoundId: compound?._id });
  // Separation of duties: nobody appoints themselves.
  if (input.personId === actor.personId) throw new AppError('SELF_DECISION', '不能给自己授予角色');
  const buildings = input.buildingIds ? await buildingsRepo(ctx.db).byIds(input.buildingIds) : new Map<string, BuildingDoc>();
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
  const id = await roles(ctx.db).add(doc);
  return roleView({ _id: id, ...doc }, new Map(compound ? [[compound._id, compound]] : []), buildings);
}

export async function revokeRole(ctx: Ctx, input: { roleId: string }) {
  const actor = await ctx.actor();
  const role = await roles(ctx.db).must(input.roleId);
  const target = { communityId: role.communityId, compoundId: role.compoundId };
  if (!can(actor, grantPermission(role.role), target)) throw new AppError('FORBIDDEN');
  // Nor removes their own role (a hand-over is someone else's decision).
  if (role.personId === actor.personId) throw new AppError('SELF_DECISION', '不能撤销自己的角色');
  await roles(ctx.db).remove(role._id);
  return { id: role._id };
}
