/**
 * Vehicles demo data: plates for about half the homes of both compounds (one in five
 * an e-bike, some new-energy cars; linked to the space a home rents in fees' parking
 * register), and a week of 挪车 requests in every state, one on an unregistered plate
 * that went to the property office, one reported as harassment, and a neighbour who
 * asks often (the property's 反复提醒 list). Named people the demo walks through:
 * 陈阿婆 (3栋) owns 闽E12345 and can be messaged; 郑海涛 (5栋) owns 闽ED12345 and
 * cannot (no grant), so a request for his car goes to his lead 张卫东, who may call
 * him (he agreed to 愿意楼栋长联系我). 吴晓峰 asks. Dates are relative to `now`.
 */
import type { Database } from '../../cloudfunctions/_shared/database';
import type { MoveMonthDoc, MoveRequestDoc, VehicleDoc } from '../../cloudfunctions/vehicles/docs';
import { vehicleId } from '../../cloudfunctions/vehicles/docs';
import { subscriptionId } from '../../cloudfunctions/_shared/messaging';
import { VEHICLE_TEMPLATE_ID } from '../../core/vehicles/contract';
import { MOVE_REASONS, expiresAt, minutesBetween, type MoveRoute, type MoveStatus, type VehicleKind } from '../../core/vehicles/rules';
import { periodOf } from '../../core/platform/time';
import type { FeatureSeed } from './seed-features';
import { TXSJ, YJLT, demoOpenid, type SeedData } from './seed-data';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_PLATES = {
  /** 陈阿婆, 天翔世家 3栋2单元101: messageable. */
  chen: '闽E12345',
  /** 郑海涛, 天翔世家 5栋1单元702: no grant, so his lead gets requests. */
  zheng: '闽ED12345',
  /** Nobody registered it: requests go to the property office. */
  unregistered: '闽D88Q66',
} as const;

async function bulk(db: Database, name: string, docs: { _id: string }[]) {
  for (let i = 0; i < docs.length; i += 32) await Promise.all(docs.slice(i, i + 32).map((d) => db.collection(name).add({ data: d })));
}

export const vehiclesSeed: FeatureSeed = {
  name: 'vehicles',
  async write(db: Database, base: SeedData, now: Date) {
    const rand = rng(20260512);
    const pick = (s: string) => s[Math.floor(rand() * s.length)];
    const period = periodOf(now);
    const buildingNo = new Map(base.buildings.map((b) => [b._id, b.no]));
    // Spaces homes rent this month (fees' register, written before this seed).
    const rented = new Map<string, string>();
    for (const compoundId of [TXSJ, YJLT]) {
      const res = await db.collection('parkingSpaces').where({ compoundId }).limit(1000).get();
      for (const s of res.data as { spaceNo: string; rentals: { homeId: string; from: string; until: string | null }[] }[]) {
        const r = s.rentals.find((x) => x.from <= period && (x.until === null || period < x.until));
        if (r && !rented.has(r.homeId)) rented.set(r.homeId, s.spaceNo);
      }
    }
    const used = new Set<string>(Object.values(DEMO_PLATES));
    const plateFor = (kind: VehicleKind, ev: boolean): string => {
      for (;;) {
        let p: string;
        if (kind === 'ebike') p = `厦门${pick(LETTERS)}${Array.from({ length: 5 }, () => pick(DIGITS)).join('')}`;
        else if (ev) p = `闽ED${pick(LETTERS + DIGITS)}${Array.from({ length: 4 }, () => pick(DIGITS)).join('')}`;
        else p = `闽E${Array.from({ length: 5 }, (_, i) => pick(i < 1 && rand() < 0.4 ? LETTERS : DIGITS)).join('')}`;
        if (!used.has(p)) {
          used.add(p);
          return p;
        }
      }
    };
    const vehicles: VehicleDoc[] = [];
    const homePlates = new Map<string, string[]>();
    const add = (homeId: string, plate: string, kind: VehicleKind, at: Date) => {
      const h = base.homes.find((x) => x._id === homeId)!;
      const spaceNo = kind === 'car' && !(homePlates.get(homeId) ?? []).length ? (rented.get(homeId) ?? null) : null;
      vehicles.push({
        _id: vehicleId(h.compoundId, plate),
        communityId: h.communityId,
        compoundId: h.compoundId,
        buildingId: h.buildingId,
        homeId: h._id,
        homeLabel: h.label,
        sortKey: `${String(buildingNo.get(h.buildingId) ?? 0).padStart(3, '0')}!${h.sortKey ?? h.label}!${plate}`,
        plate,
        kind,
        spaceNo,
        addedBy: 'seed',
        createdAt: at,
      });
      homePlates.set(homeId, [...(homePlates.get(homeId) ?? []), plate]);
    };
    const homeOf = (key: string) => base.memberships.find((m) => m.personId === `p-${key}`)!.homeId;
    add(homeOf('txsj-resident-3'), DEMO_PLATES.chen, 'car', new Date(now.getTime() - 60 * DAY));
    add(homeOf('txsj-resident-5'), DEMO_PLATES.zheng, 'car', new Date(now.getTime() - 50 * DAY));
    add(homeOf('txsj-resident-5'), plateFor('ebike', false), 'ebike', new Date(now.getTime() - 50 * DAY));
    // About half the homes of the two demo compounds (generated bench compounds get none).
    const demoHomes = base.homes.filter((h) => h.compoundId === TXSJ || h.compoundId === YJLT);
    for (const h of demoHomes) {
      if (homePlates.has(h._id) || rand() >= 0.5) continue;
      const at = new Date(now.getTime() - (10 + Math.floor(rand() * 300)) * DAY);
      const kind: VehicleKind = rand() < 0.2 ? 'ebike' : 'car';
      add(h._id, plateFor(kind, rand() < 0.25), kind, at);
      if (rand() < 0.15) add(h._id, plateFor('ebike', false), 'ebike', at);
    }
    await bulk(db, 'vehicles', vehicles);
    await bulk(
      db,
      'vehicleHomes',
      [...homePlates].map(([homeId, plates]) => ({ _id: homeId, plates, updatedAt: now })),
    );

    // 陈阿婆 tapped 允许 for 挪车提醒 (three grants left); 郑海涛 never did, and lets his lead call him.
    await db.collection('subscriptions').add({
      data: {
        _id: subscriptionId(demoOpenid('txsj-resident-3'), VEHICLE_TEMPLATE_ID),
        openid: demoOpenid('txsj-resident-3'),
        personId: 'p-txsj-resident-3',
        templateId: VEHICLE_TEMPLATE_ID,
        remaining: 3,
        updatedAt: now,
      },
    });
    await db
      .collection('people')
      .where({ _id: 'p-txsj-resident-5' })
      .update({ data: { contactLead: true } });

    // A week of requests at 天翔世家, in every state, from generated neighbours.
    const homesById = new Map(base.homes.map((h) => [h._id, h]));
    const personById = new Map(base.people.map((p) => [p._id, p]));
    const askers = base.memberships
      .filter((m) => m.compoundId === TXSJ && m.status === 'active' && m.personId.startsWith('p-gen-'))
      .slice(0, 40);
    const txsjCars = vehicles.filter((v) => v.compoundId === TXSJ && v.plate !== DEMO_PLATES.chen && v.plate !== DEMO_PLATES.zheng);
    const requests: MoveRequestDoc[] = [];
    const months = new Map<string, MoveMonthDoc>();
    const leadOf = (buildingId: string) => base.roles.some((r) => r.role === 'buildingLead' && (r.buildingIds ?? []).includes(buildingId));
    const make = (
      i: number,
      o: {
        asker: (typeof askers)[number];
        plate: string;
        status: MoveStatus;
        route: MoveRoute;
        at: Date;
        handledAfterMin?: number;
        reported?: boolean;
      },
    ) => {
      const v = vehicles.find((x) => x.compoundId === TXSJ && x.plate === o.plate) ?? null;
      const h = homesById.get(o.asker.homeId)!;
      const p = personById.get(o.asker.personId)!;
      const handledAt = o.handledAfterMin !== undefined ? new Date(o.at.getTime() + o.handledAfterMin * 60_000) : null;
      const audience = [
        ...(v ? [`h:${v.homeId}`] : []),
        ...(o.route === 'lead' && v ? [`b:${v.buildingId}`] : []),
        ...(o.route !== 'owner' ? [`c:${TXSJ}`] : []),
      ];
      const doc: MoveRequestDoc = {
        _id: `m-demo-${String(i).padStart(3, '0')}`,
        clientRequestId: `seed-move-${i}`,
        communityId: h.communityId,
        compoundId: TXSJ,
        compoundName: '天翔世家',
        plate: o.plate,
        ownerHomeId: v?.homeId ?? null,
        ownerHomeLabel: v?.homeLabel ?? null,
        ownerBuildingId: v?.buildingId ?? null,
        reason: MOVE_REASONS[i % MOVE_REASONS.length],
        note: i % 3 === 0 ? '在3栋和4栋之间的路口' : null,
        media: [],
        mediaTraceIds: [],
        requesterId: p._id,
        requesterName: p.name,
        requesterHomeLabel: h.label,
        route: o.route,
        status: o.status,
        open: o.status === 'notified' || o.status === 'forwarded',
        audience,
        reported: !!o.reported,
        handledAt,
        handledBy: handledAt ? (o.route === 'owner' ? 'household' : 'responder') : null,
        resolvedAt: o.status === 'resolved' ? new Date(o.at.getTime() + 40 * 60_000) : null,
        period: periodOf(o.at),
        version: 2,
        createdAt: o.at,
        updatedAt: o.at,
        expiresAt: expiresAt(o.at),
      };
      requests.push(doc);
      const mid = `${TXSJ}_${doc.period}`;
      const m = months.get(mid) ?? {
        _id: mid,
        compoundId: TXSJ,
        period: doc.period,
        requests: 0,
        forwarded: 0,
        handledMinutes: [],
        reported: 0,
        deleted: 0,
      };
      m.requests++;
      if (o.route !== 'owner') m.forwarded++;
      if (handledAt) m.handledMinutes.push(minutesBetween(o.at, handledAt));
      if (o.reported) m.reported++;
      months.set(mid, m);
    };
    const STATES: { status: MoveStatus; route: MoveRoute; handled?: boolean }[] = [
      { status: 'resolved', route: 'owner', handled: true },
      { status: 'handled', route: 'owner', handled: true },
      { status: 'resolved', route: 'owner', handled: true },
      { status: 'handled', route: 'lead', handled: true },
      { status: 'unreachable', route: 'lead' },
      { status: 'resolved', route: 'owner' },
    ];
    for (let i = 0; i < 18; i++) {
      const s = STATES[i % STATES.length];
      const car = txsjCars[(i * 7) % txsjCars.length];
      const route: MoveRoute = s.route === 'lead' && !leadOf(car.buildingId) ? 'property' : s.route;
      make(i, {
        asker: askers[i % askers.length],
        plate: car.plate,
        status: s.status,
        route,
        at: new Date(now.getTime() - (7 - i * 0.38) * DAY),
        handledAfterMin: s.handled ? 3 + ((i * 5) % 25) : undefined,
        reported: i === 4,
      });
    }
    // Open now: one waiting for its owner, one forwarded to a lead.
    const recent = txsjCars.filter((v) => v.homeId !== homeOf('txsj-resident-3') && v.homeId !== homeOf('txsj-resident-5'));
    make(20, { asker: askers[5], plate: recent[3].plate, status: 'notified', route: 'owner', at: new Date(now.getTime() - 25 * 60_000) });
    const ledCar = recent.find((v) => leadOf(v.buildingId))!;
    make(21, { asker: askers[6], plate: ledCar.plate, status: 'forwarded', route: 'lead', at: new Date(now.getTime() - 50 * 60_000) });
    // An unregistered plate: the property office got it.
    make(22, {
      asker: askers[7],
      plate: DEMO_PLATES.unregistered,
      status: 'forwarded',
      route: 'property',
      at: new Date(now.getTime() - 2 * HOUR),
    });
    // A neighbour who asks often: the property's 反复提醒 list.
    for (let k = 0; k < 5; k++)
      make(30 + k, {
        asker: askers[0],
        plate: recent[(k * 3 + 1) % recent.length].plate,
        status: 'resolved',
        route: 'owner',
        at: new Date(now.getTime() - (6 - k) * DAY - 3 * HOUR),
        handledAfterMin: 6 + k,
      });
    await bulk(db, 'moveRequests', requests);
    await bulk(db, 'moveMonths', [...months.values()]);
    return { vehicles: vehicles.length, vehicleHomes: homePlates.size, moveRequests: requests.length, moveMonths: months.size };
  },
};
