/** Who may see the community's overview of its compounds (roles × scopes). Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

export const COMMUNITY_PERMISSIONS = {
  /** The overview, the trends and the side by side: aggregates only, for the community office. */
  'community.overview': [['communityAdmin', 'community']],
  /** Run the monthly snapshot now (the job also runs on its daily timer). */
  'community.snapshot': [['communityAdmin', 'community']],
} as const satisfies PermissionTable;
