/** Pure rules of accounts, shared by the function and the client. */
import { can } from '../authz';
import type { Actor, Target } from '../platform/roles';

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
