/** Who may do what with vehicles and 挪车 (roles × scopes). Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

export const VEHICLES_PERMISSIONS = {
  /** The compound's plates with their rooms (the register): the committee and the property office. */
  'vehicle.viewAll': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
  ],
  /**
   * A 挪车 request the owner's household could not be messaged about: the building's lead
   * (to knock or call) and the property office on duty. They see the room and may call.
   */
  'vehicle.respond': [
    ['buildingLead', 'building'],
    ['propertyManager', 'compound'],
    ['staff', 'compound'],
  ],
  /** Repeat requesters and harassment reports. */
  'vehicle.oversee': [
    ['propertyManager', 'compound'],
    ['staff', 'compound'],
  ],
  /** Monthly figures (counts only). */
  'vehicle.stats': [
    ['propertyManager', 'compound'],
    ['committeeMember', 'compound'],
    ['communityAdmin', 'community'],
  ],
} as const satisfies PermissionTable;
