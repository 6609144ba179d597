/**
 * The one authorization module. Every action names a permission; this table says
 * which roles hold it and at which scope. A grant covers a target when the target
 * lies inside the grant's scope (building ⊂ compound ⊂ community).
 */
import { AppError } from './errors';
import type { Actor, RoleGrant, RoleName, Target } from './roles';

type Scope = 'building' | 'compound' | 'community';

export const PERMISSIONS = {
  /** Approve or reject a request to bind a home. */
  'binding.decide': [['buildingLead', 'building'], ['committeeMember', 'compound']],
  /** Issue an invite code for a home. */
  'invite.create': [['buildingLead', 'building'], ['committeeMember', 'compound']],
  /** See a building's roster with names and phones masked. */
  'roster.viewMasked': [['buildingLead', 'building'], ['branchSecretary', 'compound']],
  /** See the roster in full (committee and property keep the register). */
  'roster.viewFull': [['committeeMember', 'compound'], ['propertyManager', 'compound'], ['communityAdmin', 'community']],
  'roster.import': [['committeeMember', 'compound'], ['propertyManager', 'compound']],
  'roster.export': [['committeeMember', 'compound'], ['propertyManager', 'compound']],
  /** The branch secretary appoints building leads. */
  'role.grant.buildingLead': [['branchSecretary', 'compound'], ['communityAdmin', 'community']],
  'role.grant.staff': [['propertyManager', 'compound'], ['committeeMember', 'compound']],
  'role.grant.compound': [['communityAdmin', 'community']],
  'role.view': [['branchSecretary', 'compound'], ['committeeMember', 'compound'], ['propertyManager', 'compound'], ['communityAdmin', 'community']],
  /** Post a notice: a lead to their buildings, compound roles to the compound, the community office to its compounds. */
  'notice.post': [
    ['buildingLead', 'building'],
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /**
   * Follow a notice up on a target: read rate, unread homes, reminders, "told in
   * person". The same people who may post there (the author always may).
   */
  'notice.track': [
    ['buildingLead', 'building'],
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /** Link a WeChat group (openGId) to a building group: the lead who runs it, or the branch secretary. */
  'group.link': [['buildingLead', 'building'], ['branchSecretary', 'compound']],
} as const satisfies Record<string, ReadonlyArray<readonly [RoleName, Scope]>>;

export type Permission = keyof typeof PERMISSIONS;

export function grantCovers(grant: RoleGrant, scope: Scope, target: Target): boolean {
  switch (scope) {
    case 'building':
      return (
        !!target.buildingId &&
        grant.compoundId === target.compoundId &&
        (grant.buildingIds ?? []).includes(target.buildingId)
      );
    case 'compound':
      return !!grant.compoundId && grant.compoundId === target.compoundId;
    case 'community':
      return !!grant.communityId && grant.communityId === target.communityId;
  }
}

/** The grants that give `permission` on `target` (empty when none does). */
export function grantsFor(actor: Pick<Actor, 'roles'>, permission: Permission, target: Target): RoleGrant[] {
  const rules = PERMISSIONS[permission] as ReadonlyArray<readonly [RoleName, Scope]>;
  return actor.roles.filter((g) => rules.some(([role, scope]) => g.role === role && grantCovers(g, scope, target)));
}

export function can(actor: Pick<Actor, 'roles'>, permission: Permission, target: Target): boolean {
  return grantsFor(actor, permission, target).length > 0;
}

export function assertCan(actor: Pick<Actor, 'roles'>, permission: Permission, target: Target): void {
  if (!can(actor, permission, target)) throw new AppError('FORBIDDEN');
}

/** A resident of a building or compound (any active binding inside it). */
export function livesIn(actor: Pick<Actor, 'homes'>, target: Target): boolean {
  return actor.homes.some(
    (h) =>
      (!target.buildingId || h.buildingId === target.buildingId) &&
      (!target.compoundId || h.compoundId === target.compoundId) &&
      (!target.communityId || h.communityId === target.communityId),
  );
}

/** Which roster view an actor gets for a building: full, masked, or none. */
export function rosterView(actor: Pick<Actor, 'roles'>, target: Target): 'full' | 'masked' | null {
  if (can(actor, 'roster.viewFull', target)) return 'full';
  if (can(actor, 'roster.viewMasked', target)) return 'masked';
  return null;
}

/**
 * Where an actor holds a permission, as id lists for building a database query
 * ("pending requests I may decide"). The same table as `can`, read the other way.
 */
export function scopesOf(actor: Pick<Actor, 'roles'>, permission: Permission) {
  const rules = PERMISSIONS[permission] as ReadonlyArray<readonly [RoleName, Scope]>;
  const out = { buildingIds: [] as string[], compoundIds: [] as string[], communityIds: [] as string[] };
  for (const g of actor.roles) {
    for (const [role, scope] of rules) {
      if (g.role !== role) continue;
      if (scope === 'building') out.buildingIds.push(...(g.buildingIds ?? []));
      if (scope === 'compound' && g.compoundId) out.compoundIds.push(g.compoundId);
      if (scope === 'community') out.communityIds.push(g.communityId);
    }
  }
  return {
    buildingIds: [...new Set(out.buildingIds)],
    compoundIds: [...new Set(out.compoundIds)],
    communityIds: [...new Set(out.communityIds)],
  };
}
