/** Who may do what with owners' votes (roles × scopes). Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

export const VOTES_PERMISSIONS = {
  /**
   * Create, announce, close and publish a matter; enter paper ballots; remind. The
   * committee; the community office only where the compound has no committee (the
   * function checks that).
   */
  'vote.manage': [
    ['committeeMember', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /** See the live count, who has not voted (door-to-door) and the paper ballots. */
  'vote.track': [
    ['committeeMember', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /** See a compound's votes without living there (residents see their own compound's). */
  'vote.view': [
    ['committeeMember', 'compound'],
    ['branchSecretary', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /** The city's rule that binding online votes go through the government system. */
  'vote.settings': [['communityAdmin', 'community']],
} as const satisfies PermissionTable;
