/** Who may do what on day one. Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

export const ONBOARDING_PERMISSIONS = {
  /**
   * The first-run guide and the building posters: the committee; the community
   * worker for every compound of the community (and so for one without a committee).
   */
  'onboarding.guide': [
    ['committeeMember', 'compound'],
    ['communityAdmin', 'community'],
  ],
} as const satisfies PermissionTable;
