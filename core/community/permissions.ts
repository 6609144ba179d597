/** Who may see and do what across a community's compounds (roles × scopes). Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

export const COMMUNITY_PERMISSIONS = {
  /** The overview, the trends and the side by side: aggregates only, for the community office. */
  'community.overview': [['communityAdmin', 'community']],
  /** Run the monthly snapshot now (the job also runs on its daily timer). */
  'community.snapshot': [['communityAdmin', 'community']],
  /** The monthly report for the 街道 (.xlsx and the A4 page): the office. */
  'community.report': [['communityAdmin', 'community']],
  /**
   * 示范创建 scorecards of every compound in the community: the office, and each
   * compound's branch and committee (they rate the others, so they see their evidence).
   */
  'scorecard.view': [
    ['communityAdmin', 'community'],
    ['branchSecretary', 'community'],
    ['committeeMember', 'community'],
  ],
  /** The community defines its criteria (the weights of the 六有 items and the figures): the office. */
  'scorecard.criteria': [['communityAdmin', 'community']],
  /** A compound assesses itself: its branch and committee. */
  'scorecard.assess': [
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
  ],
  /** 互评: a compound's branch or committee rates another compound of the community (never their own: checked by the handler). */
  'scorecard.rate': [
    ['branchSecretary', 'community'],
    ['committeeMember', 'community'],
  ],
  /** 互学 cases: read by the office and every compound's organisers. */
  'case.read': [
    ['communityAdmin', 'community'],
    ['branchSecretary', 'community'],
    ['committeeMember', 'community'],
    ['buildingLead', 'community'],
    ['propertyManager', 'community'],
  ],
  /** A compound publishes what worked: its branch and committee. */
  'case.publish': [
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
  ],
  /** The community features the best. */
  'case.feature': [['communityAdmin', 'community']],
} as const satisfies PermissionTable;
