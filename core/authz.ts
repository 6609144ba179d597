/**
 * The one authorization module: every feature's permission table merged, and the
 * engine (core/platform/authz.ts) bound to it. Handlers call `assertCan`; list
 * queries use `scopesOf`; the client uses `can`/`canAnywhere` only to decide what
 * to show.
 */
import { createAuthz, type PermissionRules } from './platform/authz';
import { STAND_IN_ROLE } from './platform/roles';
import { ACCOUNTS_PERMISSIONS } from './accounts/permissions';
import { VOTES_PERMISSIONS } from './votes/permissions';
import { NOTICES_PERMISSIONS } from './notices/permissions';
import { REPAIRS_PERMISSIONS } from './repairs/permissions';
import { ACTIVITIES_PERMISSIONS } from './activities/permissions';
import { FEES_PERMISSIONS } from './fees/permissions';
import { ONBOARDING_PERMISSIONS } from './onboarding/permissions';
import { VEHICLES_PERMISSIONS } from './vehicles/permissions';
import { CONCERNS_PERMISSIONS } from './concerns/permissions';
import { COMMUNITY_PERMISSIONS } from './community/permissions';
import { PARTY_PERMISSIONS } from './party/permissions';

const TABLES = {
  ...ACCOUNTS_PERMISSIONS,
  ...NOTICES_PERMISSIONS,
  ...REPAIRS_PERMISSIONS,
  ...FEES_PERMISSIONS,
  ...ACTIVITIES_PERMISSIONS,
  ...VOTES_PERMISSIONS,
  ...ONBOARDING_PERMISSIONS,
  ...VEHICLES_PERMISSIONS,
  ...CONCERNS_PERMISSIONS,
  ...COMMUNITY_PERMISSIONS,
  ...PARTY_PERMISSIONS,
};

/**
 * A compound without a committee is run by its community worker in the committee's
 * place until one is elected: wherever the committee holds a permission in a compound,
 * so does the stand-in (core/platform/roles.ts STAND_IN_ROLE). Derived here, once, so
 * no feature's table can forget it.
 */
function withStandIn<T extends Record<string, PermissionRules>>(tables: T): { [K in keyof T]: PermissionRules } {
  return Object.fromEntries(
    Object.entries(tables).map(([permission, rules]) => [
      permission,
      rules.some(([role, scope]) => role === 'committeeMember' && scope === 'compound')
        ? [...rules, [STAND_IN_ROLE, 'compound'] as const]
        : rules,
    ]),
  ) as { [K in keyof T]: PermissionRules };
}

export const PERMISSIONS = withStandIn(TABLES);

export type Permission = keyof typeof PERMISSIONS;

const authz = createAuthz(PERMISSIONS);
export const { grantsFor, can, assertCan, scopesOf, canAnywhere, scopedGrants } = authz;
/** The roles that hold a permission, as people are told "who can do this": the stand-in is the committee's place, so not named apart. */
export const rolesWith = (permission: Permission) => authz.rolesWith(permission).filter((r) => r !== STAND_IN_ROLE);
export { grantCovers, livesIn } from './platform/authz';
