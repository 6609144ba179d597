/**
 * Who may do what with the party branch (roles × scopes). Merged into core/authz.ts.
 * Being a party member is not a role: a member's own actions (my households, a
 * visit, approving the book as a 支委) are checked against the branch's roster
 * (`partyMembers`) by the function; these rows are the roles.
 */
import type { PermissionTable } from '../platform/authz';

export const PARTY_PERMISSIONS = {
  /** Assign households (包联), keep the roster, book the branch's money: the branch secretary. */
  'party.manage': [['branchSecretary', 'compound']],
  /** Counts only (visits per member per month, households not visited per building): the branch and the community office. */
  'party.reports': [
    ['branchSecretary', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /** The branch's book and its 校验: the branch (members by roster) and the community office. */
  'party.book': [
    ['branchSecretary', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /** Open and close a 好邻居 / 好家庭 selection: the branch or the owners' committee. */
  'party.selection': [
    ['branchSecretary', 'compound'],
    ['committeeMember', 'compound'],
  ],
} as const satisfies PermissionTable;
