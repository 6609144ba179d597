/** Documents of repairs. */
import type { CommonArea, RepairAction, RepairCategory, RepairStatus } from '../../core/repairs/rules';
import { repository } from '../_shared/repo';

export interface RepairMedia {
  fileID: string;
  traceId: string;
  status: 'pending' | 'pass' | 'risky';
  label?: number;
}
export interface RepairEvent {
  action: RepairAction | 'report' | 'log' | 'urge' | 'cost';
  by: string;
  byName: string;
  /** "物业经理", "住户" … at the time. */
  byRole: string;
  at: Date;
  note?: string;
  photos: string[];
  assigneeId?: string;
  assigneeName?: string;
}
export interface RepairDoc {
  _id: string;
  clientRequestId: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  buildingId: string | null;
  homeId: string | null;
  scope: 'home' | 'common';
  area: CommonArea | null;
  place: string | null;
  placeLabel: string;
  category: RepairCategory;
  description: string;
  /** The reporter's photos (every event's photos are in its own `photos`). */
  photos: string[];
  /** Every photo of the repair with its content check. */
  media: RepairMedia[];
  mediaTraceIds: string[];
  urgent: boolean;
  source: 'resident' | 'phone' | 'walkIn' | 'patrol';
  reporterId: string;
  reporterName: string;
  contactPhone: string | null;
  /** Logged on a resident's behalf: the caller's name as typed (absent on older documents). */
  contactName?: string | null;
  /** 'p:<reporter>' and 'h:<home>': "my repairs" is one $in on these. */
  partyKeys: string[];
  status: RepairStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  /** Assigned or in progress: in the assignee's queue. */
  queueOpen: boolean;
  onBoard: boolean;
  acceptDueAt: Date;
  finishDueAt: Date;
  /** The deadline running now, or FOREVER when none runs (an indexed range query finds the overdue). */
  dueAt: Date;
  acceptedAt: Date | null;
  doneAt: Date | null;
  closedAt: Date | null;
  /** YYYY-MM of the report (Shanghai): the monthly figures read by it. */
  period: string;
  followers: number;
  lastUrgedAt: Date | null;
  urges: number;
  reopens: number;
  rating: number | null;
  comment: string | null;
  labourFen: number;
  materialsFen: number;
  mergedIntoId: string | null;
  events: RepairEvent[];
  /** Bumped by every change: a transition writes only if it is unchanged since read. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
export interface RepairFollowerDoc {
  _id: string;
  repairId: string;
  personId: string;
  at: Date;
  /** Carried over from a merged duplicate (its reporter or follower). */
  via?: string;
}

export const repairs = repository<RepairDoc>('repairs');
export const repairFollowers = repository<RepairFollowerDoc>('repairFollowers');
export const FOREVER = new Date('9999-12-31T00:00:00Z');
export const followerId = (repairId: string, personId: string) => `${repairId}_${personId}`;
