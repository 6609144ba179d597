/** Who may do what with concerns (民情) and the 议事厅 (roles × scopes). Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

export const CONCERNS_PERMISSIONS = {
  /** Answer, convert, merge a concern: the building's 党员楼栋长; the branch and the committee for the whole compound. */
  'concern.handle': [
    ['buildingLead', 'building'],
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
  ],
  /** Every concern of the compound (escalations land here). */
  'concern.viewAll': [
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
  ],
  /** Raise a concern on a household's behalf (a visit, a phone call): leads for their buildings, the branch and committee. */
  'concern.raiseFor': [
    ['buildingLead', 'building'],
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
  ],
  /** The escalation period and the 议事 threshold of a compound. */
  'concern.settings': [
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
  ],
  /** Monthly figures (the community office sees figures only). */
  'concern.stats': [
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /** Run a 议事厅 topic through its cycle. */
  'topic.manage': [
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
  ],
} as const satisfies PermissionTable;
