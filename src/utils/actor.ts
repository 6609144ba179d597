/**
 * What the client may show, decided with the same rules the functions enforce
 * (core/authz). The functions still check every call; this only hides what would
 * be refused.
 */
import { can, type Permission } from '@core/authz';
import { rosterView } from '@core/accounts/rules';
import type { RoleGrant, Target } from '@core/platform/roles';
import type { BuildingInfo, CompoundInfo, Me } from '@core/accounts/contract';

export interface ClientActor {
  roles: RoleGrant[];
}

export function actorOf(me: Pick<Me, 'roles'> | null | undefined): ClientActor {
  return {
    roles: (me?.roles ?? []).map((r) => ({
      role: r.role,
      communityId: r.communityId,
      compoundId: r.compoundId,
      buildingIds: r.buildingIds,
    })),
  };
}

/** Targets each grant covers, for "can I do this anywhere?" questions. */
function grantTargets(actor: ClientActor): Target[] {
  const out: Target[] = [];
  for (const g of actor.roles) {
    out.push({ communityId: g.communityId, compoundId: g.compoundId });
    for (const b of g.buildingIds ?? []) out.push({ communityId: g.communityId, compoundId: g.compoundId, buildingId: b });
  }
  return out;
}

export function canAnywhere(actor: ClientActor, permission: Permission): boolean {
  return grantTargets(actor).some((t) => can(actor, permission, t));
}

export function compoundTarget(c: CompoundInfo): Target {
  return { communityId: c.communityId, compoundId: c.id };
}

export function buildingTarget(c: CompoundInfo, b: BuildingInfo): Target {
  return { communityId: c.communityId, compoundId: c.id, buildingId: b.id };
}

/** Compounds where the actor holds `permission`. */
export function compoundsWhere(actor: ClientActor, permission: Permission, compounds: CompoundInfo[]): CompoundInfo[] {
  return compounds.filter((c) => can(actor, permission, compoundTarget(c)));
}

/** Buildings whose roster the actor may see, with the view they get. */
export function visibleRosterBuildings(
  actor: ClientActor,
  compounds: CompoundInfo[],
): { compound: CompoundInfo; building: BuildingInfo; view: 'full' | 'masked' }[] {
  const out: { compound: CompoundInfo; building: BuildingInfo; view: 'full' | 'masked' }[] = [];
  for (const c of compounds) {
    for (const b of c.buildings) {
      const view = rosterView(actor, buildingTarget(c, b));
      if (view) out.push({ compound: c, building: b, view });
    }
  }
  return out;
}

/** Roles this actor may grant in a compound (the role picker on 角色管理). */
export function grantableRoles(actor: ClientActor, c: CompoundInfo): RoleGrant['role'][] {
  const t = compoundTarget(c);
  const out: RoleGrant['role'][] = [];
  if (can(actor, 'role.grant.buildingLead', t)) out.push('buildingLead');
  if (can(actor, 'role.grant.compound', t)) out.push('branchSecretary', 'committeeMember', 'propertyManager');
  if (can(actor, 'role.grant.staff', t)) out.push('staff');
  return out;
}
