/** Stored document shapes, shared by every function that reads them. */
import type { Relation, RoleName } from '../../core/platform/roles';
import type { RequestStatus } from '../../core/accounts/contract';

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

// ---- notices (cloudfunctions/notices) ----
import type { NoticeCategory, NoticeStatus, NoticeTarget, TargetBuilding } from '../../core/notices/rules';

export interface NoticeMedia {
  fileID: string;
  traceId: string;
  status: 'pending' | 'pass' | 'risky';
  label?: number;
}
export interface NoticeDoc {
  _id: string;
  /** The first version's id: every correction of one notice shares it. */
  rootId: string;
  version: number;
  previousId?: string;
  correctedById?: string;
  correctedAt?: Date;
  status: NoticeStatus;
  title: string;
  body: string;
  images: string[];
  category: NoticeCategory;
  pinned: boolean;
  /** End of the expiry day (Asia/Shanghai); null = never. */
  expiresAt: Date | null;
  /** expiresAt, or far in the future: the list query filters on it with no null case. */
  visibleUntil: Date;
  targets: NoticeTarget[];
  /** "天翔世家 3栋" */
  targetsLabel: string;
  /** See core/notices.ts `noticeKeys`. */
  targetKeys: string[];
  /** Every building reached, snapshotted at posting (home counts are the denominators). */
  buildings: TargetBuilding[];
  authorId: string;
  authorName: string;
  authorRole: RoleName;
  partyBadge: boolean;
  media: NoticeMedia[];
  mediaTraceIds: string[];
  rejectReason?: string;
  withdrawal?: { by: string; byName: string; reason: string; at: Date };
  correctionNote?: string;
  createdAt: Date;
  publishedAt: Date | null;
}
export interface NoticeReadDoc {
  _id: string;
  noticeId: string;
  personId: string;
  at: Date;
}
export interface NoticeHomeReadDoc {
  _id: string;
  noticeId: string;
  homeId: string;
  buildingId: string;
  compoundId: string;
  /** Someone of the home opened it in the app. */
  app: boolean;
  appAt?: Date;
  appBy?: string;
  /** A lead told the home in person (elderly without the app). */
  told: boolean;
  toldAt?: Date;
  toldBy?: string;
}
export interface NoticeGroupOpenDoc {
  _id: string;
  noticeId: string;
  openGId: string;
  openid: string;
  at: Date;
}
export interface NoticeReminderDoc {
  _id: string;
  noticeId: string;
  by: string;
  at: Date;
  buildingIds: string[];
  reminded: number;
  unreachable: number;
  sentTo: string[];
}
export interface SubscriptionDoc {
  _id: string;
  openid: string;
  personId: string | null;
  templateId: string;
  remaining: number;
  updatedAt: Date;
}
export interface GroupLinkDoc {
  _id: string;
  openGId: string;
  buildingId: string;
  compoundId: string;
  communityId: string;
  linkedBy: string;
  linkedAt: Date;
}
