/**
 * The signed-in person as core/authz sees them, and the few questions pages ask of
 * the permission table. Every answer is a core call (can, canAnywhere, rosterView);
 * the functions still check every call: this only hides what would be refused.
 */
import { can, type Permission } from '@core/authz';
import { grantableRoles as coreGrantableRoles, rosterView } from '@core/accounts/rules';
import type { RoleGrant, RoleName, Target } from '@core/platform/roles';
import type { BuildingInfo, CompoundInfo, Me } from '@core/accounts/contract';

export interface ClientActor {
  roles: RoleGrant[];
}

/** Me's role views as the grants core/authz reads. */
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

/** Buildings whose roster the actor may see, with the view they get (core rosterView). */
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

/**
 * Roles this actor may grant in a compound: core/accounts/rules (the same function
 * roles.list answers `grantable` with). Pages that have roles.list read its flags.
 */
export function grantableRoles(actor: ClientActor, c: CompoundInfo): RoleName[] {
  return coreGrantableRoles(actor, compoundTarget(c));
}
