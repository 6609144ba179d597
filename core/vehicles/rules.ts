/**
 * Vehicles and 挪车: pure rules shared by the client and the `vehicles` function —
 * plates (normalise, validate, mask), the request's state machine as a data table,
 * who someone is to a request, the abuse limits and the monthly arithmetic. No zod,
 * no dayjs (the client imports this file), no Taro, no wx-server-sdk.
 */
import { CAR_PLATE, EBIKE_PLATE, VEHICLE_LIMITS } from './limits';

export { VEHICLE_LIMITS } from './limits';

// ---------------------------------------------------------------- plates

export const VEHICLE_KINDS = ['car', 'ebike'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];
export const VEHICLE_KIND_LABELS: Record<VehicleKind, string> = { car: '汽车', ebike: '电动车' };

/** "闽e·12345 " → "闽E12345": upper case, without the separators people type or WeChat's picker adds. */
export function normalizePlate(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s·•.\-_]/g, '');
}

/** Why a (normalised) plate is not one, in Chinese, or null. */
export function plateProblem(plate: string, kind: VehicleKind): string | null {
  if (kind === 'ebike')
    return EBIKE_PLATE.test(plate) ? null : `电动车牌照应为${VEHICLE_LIMITS.ebikeMin}到${VEHICLE_LIMITS.ebikeMax}个汉字、字母或数字`;
  if (CAR_PLATE.test(plate)) return null;
  if (Array.from(plate).length === 8) return '新能源车牌应为8位，如 闽ED12345';
  return '车牌号格式不对，应如 闽E12345（新能源 闽ED12345）';
}

/** A plate's kind when it is a car plate, else an e-bike plate, else null (the request form guesses this way). */
export function guessKind(plate: string): VehicleKind | null {
  if (!plateProblem(plate, 'car')) return 'car';
  if (!plateProblem(plate, 'ebike')) return 'ebike';
  return null;
}

/** "闽E12345" → "闽E·12345" (the office part, a dot, the serial). */
export function formatPlate(plate: string): string {
  const chars = Array.from(plate);
  return chars.length > 2 ? `${chars.slice(0, 2).join('')}·${chars.slice(2).join('')}` : plate;
}

/**
 * "闽E12345" → "闽E·12**5": how a plate is shown to anyone but its own home, the
 * committee and the property office. The serial keeps its first two and last character.
 */
export function maskPlate(plate: string): string {
  const chars = Array.from(plate);
  if (chars.length <= 2) return '*'.repeat(chars.length);
  const head = chars.slice(0, 2).join('');
  const serial = chars.slice(2);
  if (serial.length <= 3) return `${head}·${serial[0]}${'*'.repeat(serial.length - 1)}`;
  return `${head}·${serial.slice(0, 2).join('')}${'*'.repeat(serial.length - 3)}${serial[serial.length - 1]}`;
}

// ---------------------------------------------------------------- 挪车

export const MOVE_REASONS = ['挡道', '车窗未关', '车灯未关', '漏油', '占用消防通道', '其他'] as const;
export type MoveReason = (typeof MOVE_REASONS)[number];

/**
 * notified: the owner's household was messaged. forwarded: nobody there could be
 * messaged (or the plate is not registered): the building lead or the property
 * office has it. handled: 车主已处理 (the household, or the lead/property after
 * knocking). unreachable: the lead/property could not reach anyone. resolved: the
 * requester said 已解决.
 */
export const MOVE_STATUSES = ['notified', 'forwarded', 'handled', 'unreachable', 'resolved'] as const;
export type MoveStatus = (typeof MOVE_STATUSES)[number];
export const MOVE_STATUS_LABELS: Record<MoveStatus, string> = {
  notified: '已通知车主',
  forwarded: '已转物业',
  handled: '车主已处理',
  unreachable: '无法联系',
  resolved: '已解决',
};
/** The same statuses as the lead or the property office reads them: it is theirs to act on. */
export const RESPONDER_STATUS_LABELS: Record<MoveStatus, string> = { ...MOVE_STATUS_LABELS, forwarded: '待上门或电话告知' };
/** Still waiting for someone to act (the home card and the queue show these). */
export const OPEN_STATUSES: readonly MoveStatus[] = ['notified', 'forwarded'];

/** Who someone is to one request. */
export type MoveParty = 'requester' | 'household' | 'responder' | 'overseer';
export const MOVE_ACTIONS = ['handle', 'unreachable', 'resolve', 'report'] as const;
export type MoveAction = (typeof MOVE_ACTIONS)[number];

/** THE state machine: from a status, which party may make which move, and where it goes. */
export const MOVE_TRANSITIONS: Record<MoveAction, { from: readonly MoveStatus[]; by: readonly MoveParty[]; to?: MoveStatus }> = {
  handle: { from: ['notified', 'forwarded', 'unreachable'], by: ['household', 'responder'], to: 'handled' },
  unreachable: { from: ['forwarded'], by: ['responder'], to: 'unreachable' },
  resolve: { from: ['notified', 'forwarded', 'handled', 'unreachable'], by: ['requester'], to: 'resolved' },
  /** Harassment: the status does not change; the request is marked and counted for the property. */
  report: { from: MOVE_STATUSES, by: ['household'] },
};

export function allowedMoves(status: MoveStatus, parties: readonly MoveParty[], reported = false): MoveAction[] {
  return MOVE_ACTIONS.filter((a) => {
    const t = MOVE_TRANSITIONS[a];
    if (a === 'report' && reported) return false;
    return t.from.includes(status) && t.by.some((p) => parties.includes(p));
  });
}

/** Where a request goes: the owner's household, the building lead, or the property office. */
export type MoveRoute = 'owner' | 'lead' | 'property';
export function routeOf(o: { registered: boolean; messageable: boolean; hasLead: boolean }): MoveRoute {
  if (!o.registered) return 'property';
  if (o.messageable) return 'owner';
  return o.hasLead ? 'lead' : 'property';
}

/** What the requester reads under the status: never who or where the owner is. */
export function requesterHint(status: MoveStatus): string {
  switch (status) {
    case 'notified':
      return '已给车主发送提醒，请稍候。车主不会看到您是谁。';
    case 'forwarded':
      return '车主暂时收不到提醒，已交给物业或楼栋长上门处理。';
    case 'handled':
      return '问题解决了请点“已解决”；没解决可以10分钟后再提醒一次。';
    case 'unreachable':
      return '物业暂时联系不上车主，请稍后再看或到物业服务中心。';
    case 'resolved':
      return '已解决，谢谢您的提醒。';
  }
}

// ---------------------------------------------------------------- limits and figures

const MINUTE = 60_000;

/** Null when the plate may be messaged now, else the minutes to wait. */
export function samePlateWait(lastAt: Date | null, now: Date): number | null {
  if (!lastAt) return null;
  const left = lastAt.getTime() + VEHICLE_LIMITS.samePlateMinutes * MINUTE - now.getTime();
  return left > 0 ? Math.ceil(left / MINUTE) : null;
}

export function expiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + VEHICLE_LIMITS.retentionDays * 24 * 60 * MINUTE);
}

/** Whole minutes from a request to 车主已处理 (never negative). */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / MINUTE));
}

/** The median of whole minutes (the lower middle of an even count, so it is a time that happened); null when none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

export interface MoveFigures {
  requests: number;
  handled: number;
  forwarded: number;
  /** Median minutes from the request to 车主已处理; null when none was handled. */
  medianMinutes: number | null;
  /** Share sent on to the property office or the building lead, in whole percent; null when no requests. */
  forwardedPercent: number | null;
}

export function figuresOf(m: { requests: number; forwarded: number; handledMinutes: readonly number[] } | null): MoveFigures {
  const requests = m?.requests ?? 0;
  const forwarded = m?.forwarded ?? 0;
  const minutes = m?.handledMinutes ?? [];
  return {
    requests,
    handled: minutes.length,
    forwarded,
    medianMinutes: median(minutes),
    forwardedPercent: requests ? Math.round((forwarded * 100) / requests) : null,
  };
}

/** The page a 挪车 subscribe message opens (packages/vehicles, src/features/vehicles/routes.ts). */
export const MOVE_DETAIL_PAGE = 'packages/vehicles/pages/detail/index';
export const movePage = (id: string) => `${MOVE_DETAIL_PAGE}?id=${encodeURIComponent(id)}`;
