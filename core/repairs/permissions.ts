/** Who may do what with repairs (roles × scopes). Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

export const REPAIRS_PERMISSIONS = {
  /** Accept, assign, merge, the compound's list and overdue items: the property manager. */
  'repair.manage': [['propertyManager', 'compound']],
  /** Be assigned repairs and carry them out (and log one found on patrol). */
  'repair.work': [
    ['staff', 'compound'],
    ['propertyManager', 'compound'],
  ],
  /** Log a repair on a resident's behalf (phone call, walk-in) or from patrol. */
  'repair.log': [
    ['propertyManager', 'compound'],
    ['staff', 'compound'],
  ],
  /** Read every repair of the compound (oversight, read only). */
  'repair.viewAll': [
    ['propertyManager', 'compound'],
    ['committeeMember', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /** Monthly figures and costs. */
  'repair.stats': [
    ['propertyManager', 'compound'],
    ['committeeMember', 'compound'],
    ['communityAdmin', 'community'],
  ],
} as const satisfies PermissionTable;
