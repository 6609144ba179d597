/**
 * A home's plates: its residents register them (≤ 5, in a transaction on the home's
 * lock document), link them to a parking space the home rents (read from fees'
 * register through _shared/parking.ts), and remove them. The committee and the
 * property office read the register with rooms; nobody else sees another home's plates.
 */
import type { HomeVehicles, MyVehicles, RegisterItem, RegisterPage, VehicleView } from '../../core/vehicles/contract';
import { AppError } from '../../core/platform/errors';
import { assertCan } from '../../core/authz';
import { VEHICLE_KIND_LABELS, VEHICLE_LIMITS, formatPlate, type VehicleKind } from '../../core/vehicles/rules';
import { periodOf } from '../../core/platform/time';
import type { Ctx } from '../_shared/router';
import { buildings, compounds, homes, requirePerson, type HomeDoc } from '../_shared/directory';
import { decodeCursor, iso, pageOf } from '../_shared/db';
import { transaction } from '../_shared/repo';
import { spacesRentedBy } from '../_shared/parking';
import { vehicleHomes, vehicleId, vehicles, type VehicleDoc } from './docs';

export function vehicleView(v: VehicleDoc): VehicleView {
  return {
    plate: v.plate,
    plateLabel: formatPlate(v.plate),
    kind: v.kind,
    kindLabel: VEHICLE_KIND_LABELS[v.kind],
    spaceNo: v.spaceNo,
    createdAt: iso(v.createdAt),
  };
}

async function homeVehicles(ctx: Ctx, home: HomeDoc): Promise<HomeVehicles> {
  const [list, spaces] = await Promise.all([
    vehicles(ctx.db).find({ homeId: home._id }, { orderBy: [['createdAt', 'asc']], limit: VEHICLE_LIMITS.perHome * 2 }),
    spacesRentedBy(ctx.db, home._id, periodOf(ctx.now)),
  ]);
  return {
    homeId: home._id,
    label: `${home.compoundName} ${home.label}`,
    compoundId: home.compoundId,
    vehicles: list.map(vehicleView),
    spaces,
    canAdd: list.length < VEHICLE_LIMITS.perHome,
  };
}

/** One of the caller's own homes; any other home does not exist for them. */
async function myHome(ctx: Ctx, homeId: string): Promise<HomeDoc> {
  const actor = await ctx.actor();
  if (!actor.homes.some((h) => h.homeId === homeId)) throw new AppError('NOT_FOUND', '房屋不存在');
  return homes(ctx.db).must(homeId, '房屋不存在');
}

export async function mine(ctx: Ctx): Promise<MyVehicles> {
  const actor = await ctx.actor();
  const found = await homes(ctx.db).byIds(actor.homes.map((h) => h.homeId));
  const list = [...found.values()];
  const out = await Promise.all(list.map((h) => homeVehicles(ctx, h)));
  const names = new Map(list.map((h) => [h.compoundId, h.compoundName]));
  return { homes: out, compounds: [...names].map(([compoundId, name]) => ({ compoundId, name })) };
}

export async function addVehicle(
  ctx: Ctx,
  input: { homeId: string; plate: string; kind: VehicleKind; spaceNo?: string },
): Promise<HomeVehicles> {
  const home = await myHome(ctx, input.homeId);
  const person = await requirePerson(ctx.db, await ctx.actor());
  // A space must be one the home rents now (fees' register), never one typed freely.
  if (input.spaceNo !== undefined && !(await spacesRentedBy(ctx.db, home._id, periodOf(ctx.now))).includes(input.spaceNo)) {
    throw new AppError('BAD_REQUEST', '只能关联本户当前租用的车位');
  }
  const building = await buildings(ctx.db).get(home.buildingId);
  const id = vehicleId(home.compoundId, input.plate);
  await transaction(ctx.db, async (tx) => {
    const lock = await vehicleHomes(ctx.db).in(tx).get(home._id);
    const plates = lock?.plates ?? [];
    const existing = await vehicles(ctx.db).in(tx).get(id);
    if (existing) {
      if (existing.homeId !== home._id) throw new AppError('VEHICLE_TAKEN');
      // Adding it again (a retry, or a new space): the plate is the id.
      if ((input.spaceNo ?? null) !== existing.spaceNo)
        await vehicles(ctx.db)
          .in(tx)
          .patch(id, { spaceNo: input.spaceNo ?? null });
      return;
    }
    if (plates.length >= VEHICLE_LIMITS.perHome) throw new AppError('VEHICLE_LIMIT');
    const doc: Omit<VehicleDoc, '_id'> = {
      communityId: home.communityId,
      compoundId: home.compoundId,
      buildingId: home.buildingId,
      homeId: home._id,
      homeLabel: home.label,
      sortKey: `${String(building?.no ?? 0).padStart(3, '0')}!${home.sortKey ?? home.label}!${input.plate}`,
      plate: input.plate,
      kind: input.kind,
      spaceNo: input.spaceNo ?? null,
      addedBy: person._id,
      createdAt: ctx.now,
    };
    await vehicles(ctx.db).in(tx).put(id, doc);
    await vehicleHomes(ctx.db)
      .in(tx)
      .put(home._id, { plates: [...plates, input.plate], updatedAt: ctx.now });
  });
  return homeVehicles(ctx, home);
}

export async function removeVehicle(ctx: Ctx, input: { homeId: string; plate: string }): Promise<HomeVehicles> {
  const home = await myHome(ctx, input.homeId);
  const id = vehicleId(home.compoundId, input.plate);
  await transaction(ctx.db, async (tx) => {
    const v = await vehicles(ctx.db).in(tx).get(id);
    if (!v || v.homeId !== home._id) throw new AppError('NOT_FOUND', '本户没有登记这个车牌');
    const lock = await vehicleHomes(ctx.db).in(tx).get(home._id);
    await vehicles(ctx.db).in(tx).remove(id);
    await vehicleHomes(ctx.db)
      .in(tx)
      .put(home._id, { plates: (lock?.plates ?? []).filter((p) => p !== input.plate), updatedAt: ctx.now });
  });
  return homeVehicles(ctx, home);
}

export async function register(ctx: Ctx, input: { compoundId: string; cursor?: string; size: number }): Promise<RegisterPage> {
  const actor = await ctx.actor();
  const c = await compounds(ctx.db).get(input.compoundId);
  if (!c) throw new AppError('NOT_FOUND', '小区不存在');
  assertCan(actor, 'vehicle.viewAll', { communityId: c.communityId, compoundId: c._id });
  const offset = decodeCursor(input.cursor);
  const [docs, total] = await Promise.all([
    vehicles(ctx.db).find({ compoundId: c._id }, { orderBy: [['sortKey', 'asc']], skip: offset, limit: input.size + 1 }),
    vehicles(ctx.db).count({ compoundId: c._id }),
  ]);
  const items: RegisterItem[] = docs.map((v) => ({ ...vehicleView(v), homeId: v.homeId, homeLabel: v.homeLabel }));
  return { ...pageOf(items, offset, input.size), total };
}
