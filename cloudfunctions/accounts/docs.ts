/** Documents only accounts writes and reads: bind requests, their pending slots, and invite codes. */
import type { Relation } from '../../core/platform/roles';
import type { RequestStatus } from '../../core/accounts/contract';
import { repository } from '../_shared/repo';

export interface BindRequestDoc {
  /** `${personId}_${homeId}_${n}`: the n-th request of this person for this home, so parallel duplicates collide. */
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
  /** The client's id for the call that made it: a retry finds this request. */
  clientRequestId?: string;
  /** The pending slot it holds (see PendingSlotDoc) while pending. */
  slot?: number;
  /** roomSortKey of building, unit and number: approvals list rooms in natural order (absent on older requests). */
  roomKey?: string;
  /** Approvers who agreed so far (a request that needs two stays pending after the first). */
  approvals?: string[];
  createdAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
}

/** One per open request of a person, _id `${personId}_${slot}`: at most MAX_PENDING_REQUESTS exist. */
export interface PendingSlotDoc {
  _id: string;
  personId: string;
  requestId: string;
  createdAt: Date;
}

export type InviteState = 'active' | 'used' | 'revoked';
export interface InviteDoc {
  /** `${creatorPersonId}_${clientRequestId}`: a retried create finds the invite it made. */
  _id: string;
  code: string;
  /** Absent on invites made before staff invites existed: 'home'. */
  kind?: 'home' | 'staff';
  /** Home invites. */
  homeId?: string;
  relation?: Relation;
  /** Staff invites: the compound whose 物业员工 the holder becomes. */
  compoundId?: string;
  state: InviteState;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedBy?: string;
  usedAt?: Date;
  revokedAt?: Date;
}

export const bindRequests = repository<BindRequestDoc>('bindRequests');
export const pendingSlots = repository<PendingSlotDoc>('pendingSlots');
export const invites = repository<InviteDoc>('invites');
