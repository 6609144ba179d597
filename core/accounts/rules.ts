/** Pure rules of accounts, shared by the function and the client. */
import { can } from '../authz';
import type { Actor, Relation, Target } from '../platform/roles';

/** Which roster view an actor gets for a building: full, masked, or none. */
export function rosterView(actor: Pick<Actor, 'roles'>, target: Target): 'full' | 'masked' | null {
  if (can(actor, 'roster.viewFull', target)) return 'full';
  if (can(actor, 'roster.viewMasked', target)) return 'masked';
  return null;
}

/** Deterministic home ids make a re-run roster import idempotent. */
export function homeId(buildingId: string, unit: string, number: string): string {
  return `${buildingId}_${unit || '0'}_${number}`;
}

export function homeLabel(buildingName: string, unit: string, number: string, kind: 'flat' | 'shop'): string {
  if (kind === 'shop') return `${buildingName}${number}`;
  return `${buildingName}${unit ? unit + '单元' : ''}${number}`;
}

/** Names compared as people write them: no spaces (全角 or not). */
function sameName(a: string, b: string): boolean {
  const n = (s: string) => s.normalize('NFC').replace(/[\s\u3000·•]/g, '');
  return n(a) === n(b);
}

/**
 * How many different approvers a bind request needs: someone who asks to be an
 * OWNER under a name the property register does not list for the home needs two
 * (the register is the evidence; without it one person's say is not enough).
 */
export function approvalsNeeded(relation: Relation, applicantName: string, registeredOwnerNames: string[]): 1 | 2 {
  if (relation !== 'owner') return 1;
  return registeredOwnerNames.some((o) => sameName(o, applicantName)) ? 1 : 2;
}

/** "已有1人同意，还需1人" while a two-approver request waits for the second. */
export function approvalProgress(approvals: number, needed: number): string | undefined {
  if (approvals <= 0 || approvals >= needed) return undefined;
  return `已有${approvals}人同意，还需${needed - approvals}人`;
}
