/**
 * fees, parking and EV charging: parking spaces rented to homes (billed per space
 * per month by bill generation) and EV charging sessions (energy and amount, one
 * bill each). Spread into `feesApi` by contract.ts.
 *
 * A home is named by its id (picked building → room) or by the room as typed
 * ("3栋2单元101", "3-2-101"): exactly one of `homeId` and `room`.
 */
import { z } from 'zod';
import { action, clientRequestId, id, type ActionSpec, type Page } from '../platform/api';
import { optionalText } from '../platform/text';
import { PERIOD } from './limits';
import { normalizeSpaceNo, PARKING_LIMITS, SPACE_NO } from './rules';

const period = z.string().regex(PERIOD, '月份格式应为 YYYY-MM');
const spaceNo = z
  .string()
  .max(PARKING_LIMITS.spaceNo * 4, `车位号最多${PARKING_LIMITS.spaceNo}个字`)
  .transform(normalizeSpaceNo)
  .pipe(z.string().regex(SPACE_NO, `车位号只能含字母、数字、汉字和-，最多${PARKING_LIMITS.spaceNo}个字`));
const home = {
  homeId: id.optional(),
  room: optionalText({ max: PARKING_LIMITS.room }),
};
const oneHome = (v: { homeId?: string; room?: string }) => (v.homeId === undefined) !== (v.room === undefined);
const oneHomeMessage = { message: '请选择房屋或填写房号（如 3栋2单元101），二者选一' };

// ---- views ----
export interface RentalView {
  homeId: string;
  homeLabel: string;
  from: string;
  fromLabel: string;
  until: string | null;
  untilLabel: string | null;
}
export interface ParkingSpaceView {
  id: string;
  spaceNo: string;
  /** The rental in force this month. */
  current: RentalView | null;
  /** A rental that starts after this month. */
  upcoming: RentalView | null;
  /** "出租给 3栋2单元101（2026年6月起）", "空闲", "2027年1月起出租给 …". */
  statusLabel: string;
  /** No open-ended rental: it can be rented (from `rentableFrom` on). */
  canRent: boolean;
  rentableFrom: string;
  /** An open-ended rental to end. */
  canEnd: boolean;
}
export interface ParkingSpacesPage extends Page<ParkingSpaceView> {
  total: number;
  /** Spaces rented this month. */
  rented: number;
  /** This month's rate of the parking item (fen per space per month), if set. */
  rateFen: number | null;
  canWrite: boolean;
}
export interface EvSessionView {
  id: string;
  homeId: string;
  homeLabel: string;
  period: string;
  energyCenti: number;
  /** "12.50度" */
  energy: string;
  rateFen: number;
  amountFen: number;
  amount: string;
  at: string;
  atLabel: string;
  status: 'unpaid' | 'paid';
  statusLabel: string;
  byName: string;
}
export interface EvSessionsView {
  period: string;
  items: EvSessionView[];
  totalEnergyCenti: number;
  totalFen: number;
  total: string;
  /** This month's rate (fen per kWh), null when no EV item has one. */
  rateFen: number | null;
  canWrite: boolean;
}

export const PARKING_ACTIONS = {
  /** The register: every space of the compound in natural order, searched by space or room, paged. */
  'parking.spaces': action(
    z.strictObject({
      compoundId: id,
      q: optionalText({ max: 20 }),
      cursor: z
        .string()
        .regex(/^\d{1,4}$/, '分页编号有误')
        .optional(),
      size: z.number().int().min(1).max(100).default(50),
    }),
  ).returns<ParkingSpacesPage>(),
  /** Register spaces: numbers, or ranges "A-001~A-040" expanded by the form. */
  'parking.add': action(
    z.strictObject({
      compoundId: id,
      spaceNos: z
        .array(spaceNo)
        .min(1, '请填写车位号')
        .max(PARKING_LIMITS.spacesPerAdd, `一次最多登记${PARKING_LIMITS.spacesPerAdd}个车位`),
    }),
  ).returns<{ added: string[]; existing: string[] }>(),
  /** Rent a space to a home from a month on (open-ended). */
  'parking.rent': action(
    z.strictObject({ compoundId: id, spaceNo, ...home, from: period }).refine(oneHome, oneHomeMessage),
  ).returns<ParkingSpaceView>(),
  /** End the space's open rental: from `from` on it is no longer rented (nor billed). */
  'parking.end': action(z.strictObject({ compoundId: id, spaceNo, from: period })).returns<ParkingSpaceView>(),
  /** Record an EV charging session: one unpaid bill of the home, at the EV item's rate. */
  'ev.record': action(
    z
      .strictObject({
        clientRequestId,
        compoundId: id,
        ...home,
        energyCenti: z
          .number()
          .int('电量最多两位小数')
          .min(1, '电量须大于0')
          .max(PARKING_LIMITS.maxEnergyCenti, `一次充电最多${PARKING_LIMITS.maxEnergyCenti / 100}度`),
        at: z.iso.datetime({ offset: true, error: '开始时间有误' }),
      })
      .refine(oneHome, oneHomeMessage),
  ).returns<EvSessionView>(),
  /** A month's sessions of the compound, newest first (at most 300), with their bills' state. */
  'ev.sessions': action(z.strictObject({ compoundId: id, period, homeId: id.optional() })).returns<EvSessionsView>(),
} satisfies Record<string, ActionSpec>;
