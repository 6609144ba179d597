/**
 * The one authorization module: every feature's permission table merged, and the
 * engine (core/platform/authz.ts) bound to it. Handlers call `assertCan`; list
 * queries use `scopesOf`; the client uses `can`/`canAnywhere` only to decide what
 * to show.
 */
import { createAuthz } from './platform/authz';
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

export const PERMISSIONS = {
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

export type Permission = keyof typeof PERMISSIONS;

export const { grantsFor, can, assertCan, scopesOf, canAnywhere, scopedGrants, rolesWith } = createAuthz(PERMISSIONS);
export { grantCovers, livesIn } from './platform/authz';
