/**
 * Parking spaces rented to homes and EV charging sessions (actions of
 * core/fees/contract-parking.ts).
 *
 * A space's rentals never overlap; renting and ending run in a transaction on the
 * space, so of two people renting one space at once one wins and the other is told
 * 该车位已出租. Generation bills each home for the spaces it rents in the month
 * (bills.ts writeBills); a rental from this month, once this month's bills exist,
 * writes the home's parking bill in its own transaction. Rentals start and end from this month on:
 * a month already billed for a home is not changed.
 *
 * An EV session is one unpaid bill of the home at the EV item's rate (fen per kWh)
 * in the session's month; the session and its bill share one id, derived from the
 * recorder and their request id, and are written in one transaction.
 */
import { assertCan, can, livesIn } from '../../core/authz';
import type { EvSessionsView, EvSessionView, ParkingSpacesPage, ParkingSpaceView, RentalView } from '../../core/fees/contract-parking';
import type { PARKING_ACTIONS } from '../../core/fees/contract-parking';
import { billDoc, type EvSessionDoc, type FeeItemDoc, type ParkingSpaceDoc } from '../../core/fees/docs';
import {
  addMonths,
  billId,
  billLine,
  evBillId,
  evLine,
  normalizeRoom,
  normalizeSpaceNo,
  PARKING_LIMITS,
  periodLabel,
  rateIn,
  rentalIn,
  rentProblem,
  roomMatches,
  roomNumberOf,
  sessionStartProblem,
  spaceSortKey,
  sumFen,
  type Rental,
} from '../../core/fees/rules';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { formatDateTime, periodOf } from '../../core/platform/time';
import { formatHundredths } from '../../core/platform/units';
import { hideThenForbid } from '../_shared/access';
import { compounds, homes, requirePerson, type CompoundDoc, type HomeDoc } from '../_shared/directory';
import { iso } from '../_shared/db';
import { transaction } from '../_shared/repo';
import type { ActionHandlers, Ctx } from '../_shared/router';
import { compoundTarget, sha256 } from './common';
import { bills, evSessions, feeItems, parkingSpaces } from './docs';
import { yuan } from './views';

const SESSIONS_LIMIT = 300;

/**
 * The compound, and whether the caller may write its parking and EV records. Who may
 * not even read them gets NOT_FOUND unless they live there (then FORBIDDEN).
 */
async function parkingCompound(
  ctx: Ctx,
  compoundId: string,
  write: boolean,
): Promise<{ compound: CompoundDoc; actor: Actor; canWrite: boolean }> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  const t = compoundTarget(compound);
  const canWrite = can(actor, 'fees.parking', t);
  const canRead = canWrite || can(actor, 'ledger.view', t);
  hideThenForbid(canRead || livesIn(actor, t), write ? canWrite : canRead);
  if (write) assertCan(actor, 'fees.parking', t);
  return { compound, actor, canWrite };
}

/** The home a form names (its id, or the room as typed), refused unless it is in this compound. */
async function homeIn(ctx: Ctx, compound: CompoundDoc, input: { homeId?: string; room?: string }): Promise<HomeDoc> {
  if (input.homeId !== undefined) {
    const h = await homes(ctx.db).get(input.homeId);
    if (!h || h.compoundId !== compound._id) throw new AppError('BAD_REQUEST', `该房屋不在${compound.name}`);
    return h;
  }
  const room = input.room ?? '';
  const number = roomNumberOf(room);
  if (!number) throw new AppError('BAD_REQUEST', '请填写房号，如 3栋2单元101');
  const candidates = await homes(ctx.db).find({ compoundId: compound._id, number }, { limit: 200 });
  const matches = candidates.filter((h) => roomMatches(room, h));
  if (matches.length === 1) return matches[0];
  if (!matches.length && candidates.length === 1 && normalizeRoom(room) === number) return candidates[0];
  if (candidates.length > 1 && normalizeRoom(room) === number)
    throw new AppError('BAD_REQUEST', `${compound.name}有${candidates.length}户房号是${number}，请写全楼栋、单元和房号，如 3栋2单元101`);
  throw new AppError('BAD_REQUEST', `${compound.name}没有房屋“${room}”，请按“3栋2单元101”填写`);
}

async function parkingItems(ctx: Ctx, compoundId: string): Promise<FeeItemDoc[]> {
  return (await feeItems(ctx.db).find({ compoundId }, { limit: 50 }))
    .filter((i) => i.kind === 'parking')
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** This month, and the months a rental may start or end in (this month to a year ahead). */
function checkMonth(ctx: Ctx, p: string, what: string): string {
  const now = periodOf(ctx.now);
  if (p < now || p > addMonths(now, PARKING_LIMITS.monthsAhead))
    throw new AppError('BAD_REQUEST', `${what}月份只能是本月或以后${PARKING_LIMITS.monthsAhead}个月内`);
  return now;
}

function rentalView(r: Rental): RentalView {
  return {
    homeId: r.homeId,
    homeLabel: r.homeLabel,
    from: r.from,
    fromLabel: periodLabel(r.from),
    until: r.until,
    untilLabel: r.until ? periodLabel(r.until) : null,
  };
}

export function spaceView(d: ParkingSpaceDoc, now: Date): ParkingSpaceView {
  const p = periodOf(now);
  const current = rentalIn(d.rentals, p);
  const upcoming = d.rentals.find((r) => r.from > p && (r.until === null || r.from < r.until)) ?? null;
  const open = d.rentals.find((r) => r.until === null) ?? null;
  const lastEnd = d.rentals.reduce((m, r) => (r.until && r.until > m ? r.until : m), p);
  let statusLabel = '空闲';
  if (current)
    statusLabel = `出租给 ${current.homeLabel}（${periodLabel(current.from)}起${current.until ? `，${periodLabel(current.until)}退租` : ''}）`;
  else if (upcoming) statusLabel = `${periodLabel(upcoming.from)}起出租给 ${upcoming.homeLabel}`;
  return {
    id: d._id,
    spaceNo: d.spaceNo,
    current: current ? rentalView(current) : null,
    upcoming: upcoming && upcoming !== current ? rentalView(upcoming) : null,
    statusLabel,
    canRent: !open,
    rentableFrom: lastEnd,
    canEnd: !!open,
  };
}

const spaceId = (compoundId: string, spaceNo: string) => `${compoundId}_${spaceNo}`;

async function listSpaces(ctx: Ctx, input: { compoundId: string; q?: string; cursor?: string; size: number }): Promise<ParkingSpacesPage> {
  const { compound, canWrite } = await parkingCompound(ctx, input.compoundId, false);
  // The register is capped (PARKING_LIMITS.spacesPerCompound): one indexed read in natural order.
  const all = await parkingSpaces(ctx.db).find(
    { compoundId: compound._id },
    { orderBy: [['sortKey', 'asc']], limit: PARKING_LIMITS.spacesPerCompound },
  );
  const p = periodOf(ctx.now);
  const views = all.map((d) => spaceView(d, ctx.now));
  const qSpace = input.q ? normalizeSpaceNo(input.q) : '';
  const qRoom = input.q ? normalizeRoom(input.q) : '';
  const hit = (v: ParkingSpaceView) =>
    !input.q || v.spaceNo.includes(qSpace) || [v.current, v.upcoming].some((r) => r && normalizeRoom(r.homeLabel).includes(qRoom));
  const found = views.filter(hit);
  const offset = input.cursor ? Number(input.cursor) : 0;
  const items = found.slice(offset, offset + input.size);
  const item = (await parkingItems(ctx, compound._id))[0];
  const rate = item ? rateIn(item.rates, p) : null;
  return {
    items,
    ...(offset + input.size < found.length ? { nextCursor: String(offset + input.size) } : {}),
    total: all.length,
    rented: all.filter((d) => rentalIn(d.rentals, p)).length,
    rateFen: rate?.fen ?? null,
    canWrite,
  };
}

async function addSpaces(ctx: Ctx, input: { compoundId: string; spaceNos: string[] }): Promise<{ added: string[]; existing: string[] }> {
  const { compound, actor } = await parkingCompound(ctx, input.compoundId, true);
  const person = await requirePerson(ctx.db, actor);
  const wanted = [...new Set(input.spaceNos)];
  const have = await parkingSpaces(ctx.db).byIds(wanted.map((n) => spaceId(compound._id, n)));
  const fresh = wanted.filter((n) => !have.has(spaceId(compound._id, n)));
  if (fresh.length && (await parkingSpaces(ctx.db).count({ compoundId: compound._id })) + fresh.length > PARKING_LIMITS.spacesPerCompound) {
    throw new AppError('BAD_REQUEST', `一个小区最多登记${PARKING_LIMITS.spacesPerCompound}个车位`);
  }
  const added: string[] = [];
  const existing = wanted.filter((n) => have.has(spaceId(compound._id, n)));
  for (const n of fresh) {
    const doc: ParkingSpaceDoc = {
      _id: spaceId(compound._id, n),
      compoundId: compound._id,
      communityId: compound.communityId,
      spaceNo: n,
      sortKey: spaceSortKey(n),
      homeId: [],
      rentals: [],
      createdBy: person._id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    try {
      await parkingSpaces(ctx.db).add(doc);
      added.push(n);
    } catch (e) {
      // registered by someone else meanwhile
      if ((e as { errCode?: number }).errCode !== -502001 && !/duplicate/i.test(String((e as Error).message))) throw e;
      existing.push(n);
    }
  }
  return { added, existing };
}

/** Whether this month's bills of the compound have been generated (then a change this month bills at once). */
async function monthBilled(ctx: Ctx, compoundId: string, period: string): Promise<boolean> {
  return !!(await bills(ctx.db).first({ compoundPeriod: `${compoundId}_${period}` }));
}

async function rent(
  ctx: Ctx,
  input: { compoundId: string; spaceNo: string; homeId?: string; room?: string; from: string },
): Promise<ParkingSpaceView> {
  const { compound, actor } = await parkingCompound(ctx, input.compoundId, true);
  const now = checkMonth(ctx, input.from, '出租');
  const home = await homeIn(ctx, compound, input);
  const person = await requirePerson(ctx.db, actor);
  const id = spaceId(compound._id, input.spaceNo);
  if (!(await parkingSpaces(ctx.db).get(id))) throw new AppError('NOT_FOUND', `没有车位${input.spaceNo}，请先登记车位`);
  const items = await parkingItems(ctx, compound._id);
  const billNow = input.from === now && items.length > 0 && (await monthBilled(ctx, compound._id, now));
  const billedAlready = () =>
    new AppError('BAD_REQUEST', `${home.label}本月的停车费账单已出，新车位请从${periodLabel(addMonths(now, 1))}起出租`);
  if (billNow && (await bills(ctx.db).byIds(items.map((it) => billId(home._id, it.code, now)))).size) throw billedAlready();
  const doc = await transaction(ctx.db, async (tx) => {
    const repo = parkingSpaces(ctx.db).in(tx);
    const cur = await repo.must(id);
    const problem = rentProblem(cur.rentals, input.from);
    if (problem) throw new AppError('BAD_REQUEST', problem);
    if (billNow) {
      // This month is billed already and the home had no parking bill in it (so no other
      // space this month): its bill for this one space, in the same transaction. Two
      // rentals for one home at once meet on this bill; the loser is told to wait a month.
      for (const it of items) {
        const line = billLine(it.kind, it.rates, now, { ...home, spaces: 1 });
        if (!line) continue;
        const billTx = bills(ctx.db).in(tx);
        const bid = billId(home._id, it.code, now);
        if (await billTx.get(bid)) throw billedAlready();
        const { _id: _bill, ...bill } = billDoc(bid, home, it, now, line, ctx.now, { spaces: [input.spaceNo] });
        await billTx.put(_bill, bill);
      }
    }
    const rentals = [
      ...cur.rentals,
      { homeId: home._id, homeLabel: home.label, from: input.from, until: null, by: person._id, byName: person.name, at: ctx.now },
    ].slice(-PARKING_LIMITS.rentalsKept);
    const { _id, ...rest } = cur;
    const next = { ...rest, rentals, homeId: [...new Set(rentals.map((r) => r.homeId))], updatedAt: ctx.now };
    await repo.put(_id, next);
    return { _id, ...next };
  });
  return spaceView(doc, ctx.now);
}

async function endRental(ctx: Ctx, input: { compoundId: string; spaceNo: string; from: string }): Promise<ParkingSpaceView> {
  const { compound, actor } = await parkingCompound(ctx, input.compoundId, true);
  checkMonth(ctx, input.from, '退租');
  const person = await requirePerson(ctx.db, actor);
  const id = spaceId(compound._id, input.spaceNo);
  if (!(await parkingSpaces(ctx.db).get(id))) throw new AppError('NOT_FOUND', `没有车位${input.spaceNo}`);
  const items = await parkingItems(ctx, compound._id);
  const doc = await transaction(ctx.db, async (tx) => {
    const repo = parkingSpaces(ctx.db).in(tx);
    const cur = await repo.must(id);
    const i = cur.rentals.findIndex((r) => r.until === null);
    if (i < 0) throw new AppError('BAD_REQUEST', '该车位没有在租');
    const r = cur.rentals[i];
    if (input.from < r.from) throw new AppError('BAD_REQUEST', `退租月份不能早于起租月份（${periodLabel(r.from)}）`);
    // A month already billed to the home stays billed: end from the month after.
    for (const it of items) {
      if (
        await bills(ctx.db)
          .in(tx)
          .get(billId(r.homeId, it.code, input.from))
      ) {
        throw new AppError(
          'BAD_REQUEST',
          `${r.homeLabel}${periodLabel(input.from)}的停车费账单已出，最早从${periodLabel(addMonths(input.from, 1))}起退租`,
        );
      }
    }
    const rentals = cur.rentals.map((x, j) => (j === i ? { ...x, until: input.from, endedBy: person._id, endedAt: ctx.now } : x));
    const { _id, ...rest } = cur;
    const next = { ...rest, rentals, updatedAt: ctx.now };
    await repo.put(_id, next);
    return { _id, ...next };
  });
  return spaceView(doc, ctx.now);
}

function sessionView(s: EvSessionDoc, status: 'unpaid' | 'paid'): EvSessionView {
  return {
    id: s._id,
    homeId: s.homeId,
    homeLabel: s.homeLabel,
    period: s.period,
    energyCenti: s.energyCenti,
    energy: `${formatHundredths(s.energyCenti)}度`,
    rateFen: s.rateFen,
    amountFen: s.amountFen,
    amount: yuan(s.amountFen),
    at: iso(s.at),
    atLabel: formatDateTime(s.at),
    status,
    statusLabel: status === 'paid' ? '已缴' : '待缴',
    byName: s.recordedByName,
  };
}

/** The EV item whose rate is in force in `period` (the first by code), if any. */
async function evItem(ctx: Ctx, compoundId: string, period: string): Promise<FeeItemDoc | null> {
  const items = (await feeItems(ctx.db).find({ compoundId }, { limit: 50 }))
    .filter((i) => i.kind === 'ev')
    .sort((a, b) => a.code.localeCompare(b.code));
  return items.find((i) => rateIn(i.rates, period)?.fen !== undefined) ?? null;
}

async function recordSession(
  ctx: Ctx,
  input: { clientRequestId: string; compoundId: string; homeId?: string; room?: string; energyCenti: number; at: string },
): Promise<EvSessionView> {
  const { compound, actor } = await parkingCompound(ctx, input.compoundId, true);
  const at = new Date(input.at);
  const late = sessionStartProblem(at, ctx.now);
  if (late) throw new AppError('BAD_REQUEST', late);
  const home = await homeIn(ctx, compound, input);
  const person = await requirePerson(ctx.db, actor);
  const period = periodOf(at);
  const item = await evItem(ctx, compound._id, period);
  const line = item ? evLine(item.rates, period, input.energyCenti) : null;
  if (!item || !line) throw new AppError('BAD_REQUEST', `${periodLabel(period)}还没有充电费单价，请先在“收费标准”里设置`);
  const id = evBillId(home._id, item.code, period, sha256(`${person._id}|${input.clientRequestId}`).slice(0, 12));
  const session: EvSessionDoc = {
    _id: id,
    communityId: compound.communityId,
    compoundId: compound._id,
    compoundPeriod: `${compound._id}_${period}`,
    period,
    buildingId: home.buildingId,
    homeId: home._id,
    homeLabel: home.label,
    itemCode: item.code,
    energyCenti: input.energyCenti,
    rateFen: line.rateFen,
    amountFen: line.amountFen,
    at,
    recordedBy: person._id,
    recordedByName: person.name,
    createdAt: ctx.now,
  };
  const saved = await transaction(ctx.db, async (tx) => {
    const prior = await evSessions(ctx.db).in(tx).get(id);
    if (prior) {
      // A retry of the same request: the first session, never a second one.
      if (prior.energyCenti !== input.energyCenti || new Date(prior.at).getTime() !== at.getTime())
        throw new AppError('BAD_REQUEST', '请求编号已用于另一条充电记录');
      return prior;
    }
    const { _id, ...rest } = session;
    await evSessions(ctx.db).in(tx).put(_id, rest);
    const { _id: billKey, ...bill } = billDoc(id, home, item, period, line, ctx.now, { sessionAt: at });
    await bills(ctx.db).in(tx).put(billKey, bill);
    return session;
  });
  const bill = await bills(ctx.db).get(saved._id);
  return sessionView(saved, bill?.status ?? 'unpaid');
}

async function listSessions(ctx: Ctx, input: { compoundId: string; period: string; homeId?: string }): Promise<EvSessionsView> {
  const { compound, canWrite } = await parkingCompound(ctx, input.compoundId, false);
  const list = await evSessions(ctx.db).find(
    { compoundPeriod: `${compound._id}_${input.period}`, ...(input.homeId ? { homeId: input.homeId } : {}) },
    { orderBy: [['at', 'desc']], limit: SESSIONS_LIMIT },
  );
  const status = await bills(ctx.db).byIds(list.map((s) => s._id));
  const totalFen = sumFen(list.map((s) => s.amountFen));
  const item = await evItem(ctx, compound._id, input.period);
  return {
    period: input.period,
    items: list.map((s) => sessionView(s, status.get(s._id)?.status ?? 'unpaid')),
    totalEnergyCenti: sumFen(list.map((s) => s.energyCenti)),
    totalFen,
    total: yuan(totalFen),
    rateFen: item ? (rateIn(item.rates, input.period)?.fen ?? null) : null,
    canWrite,
  };
}

export const PARKING_HANDLERS: ActionHandlers<typeof PARKING_ACTIONS> = {
  'parking.spaces': listSpaces,
  'parking.add': addSpaces,
  'parking.rent': rent,
  'parking.end': endRental,
  'ev.record': recordSession,
  'ev.sessions': listSessions,
};
