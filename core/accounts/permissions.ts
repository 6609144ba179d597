/** Who may do what in accounts (roles × scopes). Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

export const ACCOUNTS_PERMISSIONS = {
  /** Approve or reject a request to bind a home. */
  'binding.decide': [
    ['buildingLead', 'building'],
    ['committeeMember', 'compound'],
  ],
  /** Issue an invite code for a home. */
  'invite.create': [
    ['buildingLead', 'building'],
    ['committeeMember', 'compound'],
  ],
  /** See a building's roster with names and phones masked. */
  'roster.viewMasked': [
    ['buildingLead', 'building'],
    ['branchSecretary', 'compound'],
  ],
  /** See the roster in full (committee and property keep the register). */
  'roster.viewFull': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['communityAdmin', 'community'],
  ],
  'roster.import': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
  ],
  'roster.export': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
  ],
  /** The branch secretary appoints building leads. */
  'role.grant.buildingLead': [
    ['branchSecretary', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /**
   * Day one: until the compound has a 小区党支部书记, its committee appoints building
   * leads (someone must approve residents). Applies only then (rules.mayGrant).
   */
  'role.grant.buildingLead.standIn': [['committeeMember', 'compound']],
  'role.grant.staff': [
    ['propertyManager', 'compound'],
    ['committeeMember', 'compound'],
  ],
  'role.grant.compound': [['communityAdmin', 'community']],
  /** 社区代行业委会: only while the compound has no committee member (roles.standIn checks). */
  'role.standIn': [['communityAdmin', 'community']],
  'role.view': [
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['communityAdmin', 'community'],
  ],
} as const satisfies PermissionTable;
