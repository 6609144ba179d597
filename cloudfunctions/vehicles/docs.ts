/** Documents of vehicles and 挪车. */
import type { MoveReason, MoveRoute, MoveStatus, VehicleKind } from '../../core/vehicles/rules';
import { repository } from '../_shared/repo';

/** A registered plate: _id `${compoundId}_${plate}`. */
export interface VehicleDoc {
  _id: string;
  communityId: string;
  compoundId: string;
  buildingId: string;
  homeId: string;
  homeLabel: string;
  /** The home's room order, then the plate: the register reads it from the `compound` index. */
  sortKey: string;
  plate: string;
  kind: VehicleKind;
  spaceNo: string | null;
  addedBy: string;
  createdAt: Date;
}
/** The lock and count of one home's plates: _id = homeId. */
export interface VehicleHomeDoc {
  _id: string;
  plates: string[];
  updatedAt: Date;
}
export interface MoveMedia {
  fileID: string;
  traceId: string;
  status: 'pending' | 'pass' | 'risky';
  label?: number;
}
export interface MoveRequestDoc {
  _id: string;
  clientRequestId: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  plate: string;
  /** null: the plate is not registered in this compound. */
  ownerHomeId: string | null;
  ownerHomeLabel: string | null;
  ownerBuildingId: string | null;
  reason: MoveReason;
  note: string | null;
  media: MoveMedia[];
  mediaTraceIds: string[];
  /** Kept for the property's 反复提醒 list only; no other view reads these. */
  requesterId: string;
  requesterName: string;
  requesterHomeLabel: string;
  route: MoveRoute;
  status: MoveStatus;
  /** notified or forwarded: the home card and the queue list it. */
  open: boolean;
  /** Who sees it: `h:<ownerHome>` (the household), `b:<building>` (a lead), `c:<compound>` (the property office). */
  audience: string[];
  reported: boolean;
  handledAt: Date | null;
  handledBy: 'household' | 'responder' | null;
  resolvedAt: Date | null;
  period: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}
export interface MoveLimitDoc {
  _id: string;
  count: number;
  lastAt: Date;
  expiresAt: Date;
}
/** Counts that outlive the requests: _id `${compoundId}_${period}`. */
export interface MoveMonthDoc {
  _id: string;
  compoundId: string;
  period: string;
  requests: number;
  forwarded: number;
  /** Minutes from each request to 车主已处理 (the median is read from them). */
  handledMinutes: number[];
  reported: number;
  deleted: number;
}

export const vehicles = repository<VehicleDoc>('vehicles');
export const vehicleHomes = repository<VehicleHomeDoc>('vehicleHomes');
export const moveRequests = repository<MoveRequestDoc>('moveRequests');
export const moveLimits = repository<MoveLimitDoc>('moveLimits');
export const moveMonths = repository<MoveMonthDoc>('moveMonths');

export const vehicleId = (compoundId: string, plate: string) => `${compoundId}_${plate}`;
