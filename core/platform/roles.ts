/**
 * Roles are scoped grants. Being a resident is not a grant: it follows from an
 * active home binding. Everything here is pure data so the client can use the same
 * rules to decide what to show (the functions still decide what is allowed).
 */
export const ROLE_NAMES = [
  'buildingLead',
  'branchSecretary',
  'committeeMember',
  'propertyManager',
  'staff',
  'communityAdmin',
  'bookkeeper',
  'committeeStandIn',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
/**
 * 社区代行业委会: a community worker running a compound that has no committee holds every
 * committee permission there (core/authz.ts), until a committee member is appointed
 * (roles.grant removes it). Taken with roles.standIn, never granted by roles.grant.
 */
export const STAND_IN_ROLE = 'committeeStandIn' satisfies RoleName;
/** Roles roles.grant gives (the stand-in is taken by the worker, not granted). */
export const GRANTABLE_ROLE_NAMES = ROLE_NAMES.filter((r): r is Exclude<RoleName, typeof STAND_IN_ROLE> => r !== STAND_IN_ROLE);

export const ROLE_LABELS: Record<RoleName | 'resident', string> = {
  resident: '住户',
  buildingLead: '党员楼栋长',
  branchSecretary: '小区党支部书记',
  committeeMember: '业委会委员',
  propertyManager: '物业经理',
  staff: '物业员工',
  communityAdmin: '社区工作人员',
  /** 记账员: books the ledger (fees); granted by the committee (`role.grant.bookkeeper`). */
  bookkeeper: '记账员',
  committeeStandIn: '社区代行业委会',
};

/** A building lead's grant names its buildings; every other role's covers a whole compound or community. */
export function grantsBuildings(role: RoleName): boolean {
  return role === 'buildingLead';
}

export const RELATIONS = ['owner', 'tenant', 'family'] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Record<Relation, string> = { owner: '业主', tenant: '租户', family: '家庭成员' };

/** Where a grant applies. A buildingLead grant lists its buildings; compound roles name the compound. */
export interface RoleGrant {
  role: RoleName;
  communityId: string;
  compoundId?: string;
  buildingIds?: string[];
}

export interface HomeLink {
  homeId: string;
  buildingId: string;
  compoundId: string;
  communityId: string;
  relation: Relation;
}

/** Who is calling, as the functions resolved it from getWXContext(). */
export interface Actor {
  openid: string;
  /** null until the person has a profile (first bind or sign-up). */
  personId: string | null;
  roles: RoleGrant[];
  homes: HomeLink[];
}

/** The place an action touches. Functions look it up from the database, never from the payload alone. */
export interface Target {
  communityId?: string;
  compoundId?: string;
  buildingId?: string;
}
