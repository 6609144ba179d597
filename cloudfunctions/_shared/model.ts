/** Stored document shapes, shared by every function that reads them. */
import type { Relation, RoleName } from '../../core/roles';
import type { RequestStatus } from '../../core/contract/accounts';

export interface CommunityDoc { _id: string; name: string }
export interface CompoundDoc {
  _id: string;
  communityId: string;
  name: string;
  /** Beijing-style rule: binding online votes must use the city's own system. */
  cityEVotingRequired?: boolean;
}
export interface BuildingDoc {
  _id: string;
  communityId: string;
  compoundId: string;
  no: number;
  name: string;
  kind: 'residential' | 'shops';
  hasLift: boolean;
  units: string[];
  homeCount: number;
}
export interface RegisteredOwner { name: string; phone?: string }
export interface HomeDoc {
  _id: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  buildingId: string;
  buildingName: string;
  unit: string;
  number: string;
  label: string;
  kind: 'flat' | 'shop';
  /** Hundredths of m², from the property register. */
  areaCenti: number;
  hasLift: boolean;
  registeredOwners: RegisteredOwner[];
  updatedAt: Date;
}
export interface PersonDoc {
  _id: string;
  openid: string;
  name: string;
  phone?: string;
  partyMember: boolean;
  showPartyBadge: boolean;
  createdAt: Date;
}
export interface MembershipDoc {
  _id: string;
  personId: string;
  homeId: string;
  buildingId: string;
  compoundId: string;
  communityId: string;
  relation: Relation;
  status: 'active' | 'left';
  via: 'request' | 'invite' | 'seed';
  createdAt: Date;
}
export interface BindRequestDoc {
  _id: string;
  personId: string;
  homeId: string;
  buildingId: string;
  compoundId: string;
  communityId: string;
  relation: Relation;
  status: RequestStatus;
  name: string;
  phone?: string;
  note?: string;
  reason?: string;
  createdAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
}
export interface InviteDoc {
  _id: string;
  code: string;
  homeId: string;
  relation: Relation;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedBy?: string;
  usedAt?: Date;
}
export interface RoleDoc {
  _id: string;
  personId: string;
  role: RoleName;
  communityId: string;
  compoundId?: string;
  buildingIds?: string[];
  grantedBy: string;
  createdAt: Date;
}

/** Deterministic home ids make a re-run roster import idempotent. */
export function homeId(buildingId: string, unit: string, number: string): string {
  return `${buildingId}_${unit || '0'}_${number}`;
}

export function homeLabel(buildingName: string, unit: string, number: string, kind: 'flat' | 'shop'): string {
  if (kind === 'shop') return `${buildingName}${number}`;
  return `${buildingName}${unit ? unit + '单元' : ''}${number}`;
}
