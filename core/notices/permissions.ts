/** Who may do what with notices (roles × scopes). Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

export const NOTICES_PERMISSIONS = {
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
   * person". The same people who may post there, by their current role: authorship
   * alone gives nothing once the role is gone.
   */
  'notice.track': [
    ['buildingLead', 'building'],
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /** Link a WeChat group (openGId) to a building group: the lead who runs it, or the branch secretary. */
  'group.link': [
    ['buildingLead', 'building'],
    ['branchSecretary', 'compound'],
  ],
  /**
   * Link a WeChat group as the compound's 业主群: the owners' committee, which runs it
   * (and so the community worker standing in for a compound without one), or the branch secretary.
   */
  'group.linkOwners': [
    ['committeeMember', 'compound'],
    ['branchSecretary', 'compound'],
  ],
} as const satisfies PermissionTable;
