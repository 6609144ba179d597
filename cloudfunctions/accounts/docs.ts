/** Documents only accounts writes and reads: bind requests and invite codes. */
import type { Relation } from '../../core/platform/roles';
import type { RequestStatus } from '../../core/accounts/contract';
import { repository } from '../_shared/repo';

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

export const bindRequests = repository<BindRequestDoc>('bindRequests');
export const invites = repository<InviteDoc>('invites');
