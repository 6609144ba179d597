/**
 * The directory every feature reads: communities, compounds, buildings, homes,
 * people, their bindings (memberships) and role grants. accounts writes it; other
 * features read it through these repositories and helpers, never by collection name.
 */
import { AppError } from '../../core/platform/errors';
import type { Actor, Relation, RoleName, Target } from '../../core/platform/roles';
import type { Database } from './database';
import { repository } from './repo';

export interface CommunityDoc {
  _id: string;
  name: string;
}
export interface CompoundDoc {
  _id: string;
  communityId: string;
  name: string;
  /** From the operator's setup file. */
  address?: string;
  /** Beijing-style rule: binding online votes must use the city's own system. */
  cityEVotingRequired?: boolean;
  /** The name's search keys (core/accounts/search.ts compoundNameKeys), indexed for compounds.search. */
  nameKeys?: string[];
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
export interface RegisteredOwner {
  name: string;
  phone?: string;
}
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
  /** roomSortKey(unit, number): natural room order from an index (101 before 1001). */
  sortKey?: string;
  updatedAt: Date;
}
export interface PersonDoc {
  _id: string;
  openid: string;
  name: string;
  phone?: string;
  partyMember: boolean;
  showPartyBadge: boolean;
  /** 愿意楼栋长联系我: the person lets the lead of their building see their phone (read it with leadContactPhone). */
  contactLead?: boolean;
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

export const communities = repository<CommunityDoc>('communities');
export const compounds = repository<CompoundDoc>('compounds');
export const buildings = repository<BuildingDoc>('buildings');
export const homes = repository<HomeDoc>('homes');
export const people = repository<PersonDoc>('people');
export const memberships = repository<MembershipDoc>('memberships');
export const roles = repository<RoleDoc>('roles');

/** Where a home (or a request about one) lies, for `assertCan`. */
export function targetOf(x: Pick<HomeDoc, 'communityId' | 'compoundId' | 'buildingId'>): Target {
  return { communityId: x.communityId, compoundId: x.compoundId, buildingId: x.buildingId };
}

export const membershipId = (personId: string, homeId: string) => `${personId}_${homeId}`;

/** The caller's person record, or NOT_REGISTERED. */
export async function requirePerson(db: Database, actor: Pick<Actor, 'personId'>): Promise<PersonDoc> {
  if (!actor.personId) throw new AppError('NOT_REGISTERED');
  const p = await people(db).get(actor.personId);
  if (!p) throw new AppError('NOT_REGISTERED');
  return p;
}

/**
 * The phone a building lead (or another approver) may see and call for a person:
 * in full when the person chose 愿意楼栋长联系我, otherwise undefined (show it masked
 * or not at all). Every feature that shows people to leads reads consent here.
 */
export function leadContactPhone(p: Pick<PersonDoc, 'phone' | 'contactLead'> | undefined | null): string | undefined {
  return p?.contactLead && p.phone ? p.phone : undefined;
}

/**
 * A person's profile, created the first time they give a name (binding, a claim
 * code, the profile). The unique openid index settles a race between two first calls.
 */
export async function ensurePersonByOpenid(db: Database, openid: string, name: string, now: Date, phone?: string): Promise<PersonDoc> {
  const existing = await people(db).first({ openid });
  if (existing) return existing;
  const doc: Omit<PersonDoc, '_id'> = {
    openid,
    name,
    ...(phone ? { phone } : {}),
    partyMember: false,
    showPartyBadge: false,
    createdAt: now,
  };
  try {
    const id = await people(db).add(doc);
    return { _id: id, ...doc };
  } catch (e) {
    const again = await people(db).first({ openid });
    if (again) return again;
    throw e;
  }
}
