/** Documents of notices. */
import type { NoticeCategory, NoticeStatus, NoticeTarget, TargetBuilding } from '../../core/notices/rules';
import type { RoleName } from '../../core/platform/roles';
import type { AppLink } from '../../core/platform/links';
import { repository } from '../_shared/repo';
import type { QuotedHead } from '../_shared/ledger-witness';

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
  /**
   * The id of the correction being made of this version, claimed in a transaction
   * before the correction is written: a second correction (or a withdrawal) of the
   * same version meanwhile gets CONFLICT. Cleared if that correction is rejected.
   */
  correctionClaim?: string | null;
  /** The client request id that created it: a retry finds it instead of posting twice. */
  clientRequestId?: string;
  status: NoticeStatus;
  title: string;
  body: string;
  images: string[];
  category: NoticeCategory;
  pinned: boolean;
  /** A page of another feature it opens (core/platform/links). */
  link?: AppLink;
  /** The ledger's daily head of each target compound on the day it was posted (_shared/ledger-witness). */
  ledgerHeads?: QuotedHead[];
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
  /**
   * Reads and 已当面告知 count from this version on (absent = 1): a correction keeps
   * the previous count unless its author marked it 需重新阅读 (then it is its own version).
   */
  readFromVersion?: number;
  createdAt: Date;
  publishedAt: Date | null;
}
/** _id `${rootId}_${personId}`: one per person for every version of a notice. */
export interface NoticeReadDoc {
  _id: string;
  rootId: string;
  /** The version opened most recently. */
  noticeId: string;
  version: number;
  personId: string;
  at: Date;
}
/** _id `${rootId}_${homeId}`: one per home for every version of a notice. */
export interface NoticeHomeReadDoc {
  _id: string;
  rootId: string;
  homeId: string;
  buildingId: string;
  compoundId: string;
  /** Someone of the home opened it in the app … */
  app: boolean;
  /** … on this version (0 = never). */
  appVersion: number;
  appAt?: Date;
  appBy?: string;
  /** A lead told the home in person (elderly without the app) … */
  told: boolean;
  /** … about this version (0 = never). */
  toldVersion: number;
  toldAt?: Date;
  toldBy?: string;
  /** The home of an author of the notice: it knows what it wrote. */
  author?: boolean;
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
}
/** A linked WeChat group: a 楼栋群 (buildingId) or a compound's 业主群 (ownersOf, no buildingId). */
export interface GroupLinkDoc {
  _id: string;
  openGId: string;
  buildingId?: string;
  ownersOf?: string;
  compoundId: string;
  communityId: string;
  linkedBy: string;
  linkedAt: Date;
}

export const notices = repository<NoticeDoc>('notices');
export const noticeReads = repository<NoticeReadDoc>('noticeReads');
export const noticeHomeReads = repository<NoticeHomeReadDoc>('noticeHomeReads');
export const noticeGroupOpens = repository<NoticeGroupOpenDoc>('noticeGroupOpens');
export const noticeReminders = repository<NoticeReminderDoc>('noticeReminders');
export const groupLinks = repository<GroupLinkDoc>('groupLinks');
