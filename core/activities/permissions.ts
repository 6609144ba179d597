/** Who may do what with volunteer activities and neighbour service (roles × scopes). Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

const ORGANISERS = [
  ['buildingLead', 'building'],
  ['branchSecretary', 'compound'],
  ['committeeMember', 'compound'],
  ['propertyManager', 'compound'],
] as const;

export const ACTIVITIES_PERMISSIONS = {
  /** Create an activity: a lead for their buildings, the branch secretary, the committee or the property manager for the compound. */
  'activity.create': ORGANISERS,
  /**
   * Run an activity: sign-up list with contacts, check-in code, ticking names,
   * correcting hours, export. The same people, by their current role.
   */
  'activity.manage': ORGANISERS,
  /** Group registered volunteers into neighbour service teams. */
  'serviceTeam.manage': [['branchSecretary', 'compound']],
} as const satisfies PermissionTable;
