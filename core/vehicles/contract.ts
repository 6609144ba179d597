/**
 * vehicles: a home's plates (cars and e-bikes) and 挪车 — a resident reaches a car's
 * owner without learning who they are. Schemas are strict (a stray field is a
 * BAD_REQUEST); dates cross as ISO strings.
 *
 * Privacy is in the view types: what the requester gets (MoveRequestView with
 * `as: 'requester'`) has no field that could name, place or reach the owner.
 */
import { z } from 'zod';
import { action, clientRequestId, defineApi, id, page, type Page } from '../platform/api';
import { optionalText } from '../platform/text';
import { TEMPLATE_IDS, TEMPLATES } from '../templates';
import { VEHICLE_LIMITS } from './limits';
import {
  MOVE_REASONS,
  VEHICLE_KINDS,
  normalizePlate,
  plateProblem,
  type MoveAction,
  type MoveFigures,
  type MoveReason,
  type MoveStatus,
  type VehicleKind,
} from './rules';

/**
 * The subscribe-message template for 挪车提醒 (to the owner's household, to a lead or
 * the property office it is forwarded to, and 车主已处理 to the person who asked):
 * its id per environment and keyword names are in core/templates.ts (`vehicle`).
 */
export const VEHICLE_TEMPLATE_ID = TEMPLATE_IDS.vehicle;
export const VEHICLE_TEMPLATE_FIELDS = TEMPLATES.vehicle.fields;
export const VEHICLE_SUBSCRIBE_TEMPLATES = [VEHICLE_TEMPLATE_ID] as const;
/** Photos live in the uploader's own folder: u/<openid>/vehicles/… */
export const VEHICLE_FILES = 'vehicles';

// ---- views ----
export interface VehicleView {
  plate: string;
  /** "闽E·12345" (the home's own plates and the register show it whole). */
  plateLabel: string;
  kind: VehicleKind;
  kindLabel: string;
  /** The rented parking space it is linked to (fees' register), if any. */
  spaceNo: string | null;
  createdAt: string;
}
export interface HomeVehicles {
  homeId: string;
  label: string;
  compoundId: string;
  vehicles: VehicleView[];
  /** Spaces the home rents this month (fees' parking register), to link a plate to. */
  spaces: string[];
  canAdd: boolean;
}
export interface MyVehicles {
  homes: HomeVehicles[];
  /** The compounds the caller may send 挪车 requests in. */
  compounds: { compoundId: string; name: string }[];
}
export interface RegisterItem extends VehicleView {
  homeId: string;
  homeLabel: string;
}
export interface RegisterPage extends Page<RegisterItem> {
  total: number;
}
export interface MovePhoto {
  /** Temporary https URL ('' while the image check has not passed). */
  url: string;
  check: 'pending' | 'pass' | 'risky';
}
/** Someone the lead or the property office may call about a forwarded request. */
export interface MoveContact {
  name: string;
  /** Only to the lead (with the person's consent) and the property office. */
  phone?: string;
}
interface MoveBase {
  id: string;
  reason: MoveReason;
  note?: string;
  status: MoveStatus;
  statusLabel: string;
  createdAt: string;
  /** The moves this caller may make now. */
  actions: MoveAction[];
}
/** What the person who asked sees: the plate masked, the status, nothing about the owner. */
export interface RequesterMoveView extends MoveBase {
  as: 'requester';
  plateMasked: string;
  hint: string;
  /** Their own photo. */
  photo?: MovePhoto;
}
/** The owner's household: their plate, the reason and photo, never who asked. */
export interface HouseholdMoveView extends MoveBase {
  as: 'household';
  plateLabel: string;
  photo?: MovePhoto;
  reported: boolean;
}
/** The building lead or the property office: the room and the people to call, never who asked. */
export interface ResponderMoveView extends MoveBase {
  as: 'responder';
  plateLabel: string;
  /** null when the plate is not registered. */
  homeLabel: string | null;
  compoundName: string;
  contacts: MoveContact[];
  photo?: MovePhoto;
  reported: boolean;
}
export type MoveRequestView = RequesterMoveView | HouseholdMoveView | ResponderMoveView;
export interface MoveHome {
  /** Open requests about my home's plates. */
  alerts: HouseholdMoveView[];
  /** Forwarded requests I respond to (lead, property). */
  queue: ResponderMoveView[];
  queueCount: number;
  /** My own open requests. */
  mine: RequesterMoveView[];
}
export interface RepeatRequester {
  personId: string;
  name: string;
  homeLabel: string;
  requests: number;
  reported: number;
  lastAt: string;
}
export interface MoveStats extends MoveFigures {
  compoundId: string;
  compoundName: string;
  period: string;
}
/** Every compound of a community side by side (the community office): counts only. */
export interface CommunityMoveStats {
  communityId: string;
  communityName: string;
  period: string;
  compounds: MoveStats[];
}

// ---- inputs ----
const plateInput = z.string().max(40, '车牌号过长').transform(normalizePlate);
const kind = z.enum(VEHICLE_KINDS);
const fileID = z
  .string()
  .trim()
  .regex(/^cloud:\/\/[^\s]{1,400}$/, '图片应为上传后得到的云文件ID（cloud://…）');
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const spaceNo = z
  .string()
  .trim()
  .min(1)
  .max(VEHICLE_LIMITS.spaceNo * 4);

export const vehiclesApi = defineApi('vehicles', {
  /** My homes' plates, and the parking spaces each rents. */
  'vehicles.mine': action(z.object({}).strict()).returns<MyVehicles>(),
  /** Register a plate for my home. The plate is the id: adding it again returns it. */
  'vehicles.add': action(
    z
      .object({ homeId: id, plate: plateInput, kind, spaceNo: spaceNo.optional() })
      .strict()
      .superRefine((v, ctx) => {
        const p = plateProblem(v.plate, v.kind);
        if (p) ctx.addIssue({ code: 'custom', path: ['plate'], message: p });
      }),
  ).returns<HomeVehicles>(),
  'vehicles.remove': action(z.object({ homeId: id, plate: plateInput }).strict()).returns<HomeVehicles>(),
  /** The register: a compound's plates with rooms (committee, property office). */
  'vehicles.register': action(z.object({ compoundId: id }).merge(page).strict()).returns<RegisterPage>(),
  /** 挪车: ask the owner of a plate to come. */
  'vehicles.request': action(
    z
      .object({
        clientRequestId,
        compoundId: id,
        plate: plateInput.pipe(z.string().min(5, '请填写完整的车牌号').max(VEHICLE_LIMITS.ebikeMax, '车牌号过长')),
        reason: z.enum(MOVE_REASONS, { error: '请选择原因' }),
        note: optionalText({ max: VEHICLE_LIMITS.note }),
        photos: z.array(fileID).max(VEHICLE_LIMITS.photos, `最多${VEHICLE_LIMITS.photos}张图片`).default([]),
      })
      .strict(),
  ).returns<RequesterMoveView>(),
  'vehicles.get': action(z.object({ requestId: id }).strict()).returns<MoveRequestView>(),
  /** My requests (the requester's list), newest first. */
  'vehicles.myRequests': action(page.strict()).returns<Page<RequesterMoveView>>(),
  /** 车主已处理: the household, or the lead / property office after knocking or calling. */
  'vehicles.handle': action(z.object({ requestId: id }).strict()).returns<MoveRequestView>(),
  /** 无法联系: the lead / property office could reach nobody. */
  'vehicles.unreachable': action(z.object({ requestId: id }).strict()).returns<MoveRequestView>(),
  /** 已解决: the requester. */
  'vehicles.resolve': action(z.object({ requestId: id }).strict()).returns<MoveRequestView>(),
  /** The household reports a request as harassment (the property office sees the count). */
  'vehicles.report': action(z.object({ requestId: id }).strict()).returns<MoveRequestView>(),
  /** Forwarded requests of a compound (the property office) or of my buildings (a lead). */
  'vehicles.queue': action(z.object({ compoundId: id }).merge(page).strict()).returns<Page<ResponderMoveView>>(),
  /** People who sent many requests, or were reported, in the retention window. */
  'vehicles.repeat': action(z.object({ compoundId: id }).strict()).returns<{ items: RepeatRequester[]; threshold: number }>(),
  'vehicles.stats': action(z.object({ compoundId: id, period }).strict()).returns<MoveStats>(),
  /** The month's figures of every compound in a community, in one call (the office holds vehicle.stats there). */
  'vehicles.communityStats': action(z.object({ communityId: id, period }).strict()).returns<CommunityMoveStats>(),
  /** The home tab's card, in one call. */
  'vehicles.home': action(z.object({}).strict()).returns<MoveHome>(),
  'vehicles.subscribe': action(z.object({ templateId: z.enum(VEHICLE_SUBSCRIBE_TEMPLATES), accepted: z.boolean() }).strict()).returns<{
    templateId: string;
    remaining: number;
  }>(),
});

export type VehiclesApi = typeof vehiclesApi;
