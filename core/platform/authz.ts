/**
 * The authorization engine: a permission table (permission → roles × scopes) read
 * both ways. `can` answers "may this actor do X to this target"; `scopesOf` lists
 * where an actor holds X, to build list queries from the same table. Each feature
 * declares its own table (core/<feature>/permissions.ts); core/authz.ts merges them.
 * A grant covers a target when the target lies inside the grant's scope
 * (building ⊂ compound ⊂ community).
 */
import { AppError } from './errors';
import type { Actor, RoleGrant, RoleName, Target } from './roles';

export type Scope = 'building' | 'compound' | 'community';
export type PermissionRules = ReadonlyArray<readonly [RoleName, Scope]>;
export type PermissionTable = Record<string, PermissionRules>;

export function grantCovers(grant: RoleGrant, scope: Scope, target: Target): boolean {
  switch (scope) {
    case 'building':
      return !!target.buildingId && grant.compoundId === target.compoundId && (grant.buildingIds ?? []).includes(target.buildingId);
    case 'compound':
      return !!grant.compoundId && grant.compoundId === target.compoundId;
    case 'community':
      return !!grant.communityId && grant.communityId === target.communityId;
  }
}

export interface Scopes {
  buildingIds: string[];
  compoundIds: string[];
  communityIds: string[];
}

export function createAuthz<T extends PermissionTable>(table: T) {
  type P = keyof T & string;
  const rulesOf = (p: P): PermissionRules => table[p];

  /** The grants that give `permission` on `target` (empty when none does). */
  function grantsFor(actor: Pick<Actor, 'roles'>, permission: P, target: Target): RoleGrant[] {
    const rules = rulesOf(permission);
    return actor.roles.filter((g) => rules.some(([role, scope]) => g.role === role && grantCovers(g, scope, target)));
  }
  function can(actor: Pick<Actor, 'roles'>, permission: P, target: Target): boolean {
    return grantsFor(actor, permission, target).length > 0;
  }
  function assertCan(actor: Pick<Actor, 'roles'>, permission: P, target: Target): void {
    if (!can(actor, permission, target)) throw new AppError('FORBIDDEN');
  }
  /** Where an actor holds a permission, as id lists for a database query. */
  function scopesOf(actor: Pick<Actor, 'roles'>, permission: P): Scopes {
    const out: Scopes = { buildingIds: [], compoundIds: [], communityIds: [] };
    for (const g of actor.roles) {
      for (const [role, scope] of rulesOf(permission)) {
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
  /** Holds the permission somewhere (decides what the client shows, never what is allowed). */
  function canAnywhere(actor: Pick<Actor, 'roles'>, permission: P): boolean {
    const s = scopesOf(actor, permission);
    return s.buildingIds.length + s.compoundIds.length + s.communityIds.length > 0;
  }
  /**
   * Each of these grants that holds `permission`, with the scope it holds it at (the
   * widest when a role is listed twice): what a page offers as "where you may do X",
   * read from the table instead of a list of role names.
   */
  function scopedGrants<G extends Pick<RoleGrant, 'role'>>(grants: readonly G[], permission: P): (G & { scope: Scope })[] {
    const order: Scope[] = ['building', 'compound', 'community'];
    return grants.flatMap((g) => {
      const scopes = rulesOf(permission)
        .filter(([role]) => role === g.role)
        .map(([, scope]) => scope);
      if (!scopes.length) return [];
      return [{ ...g, scope: scopes.sort((a, b) => order.indexOf(b) - order.indexOf(a))[0] }];
    });
  }
  /** The roles that hold a permission at all (e.g. "who can do this" in a refusal). */
  function rolesWith(permission: P): RoleName[] {
    return [...new Set(rulesOf(permission).map(([role]) => role))];
  }
  return { table, grantsFor, can, assertCan, scopesOf, canAnywhere, scopedGrants, rolesWith };
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
