/**
 * Fees demo, parking part (written after the bills and the ledger of seed-fees.ts):
 * a 停车费 item in both compounds (天翔世家 150 元/个/月, 御家兰庭 120, both from a
 * year ago), 40 spaces each with about 70 % rented (李秀英 rents A-012, 林国栋 A-013
 * and A-014), the renting homes' parking bills of the last three months (mostly paid;
 * this month about half; a couple unpaid), a 充电费 item at 天翔世家 (1.20 元/度, with
 * 刘洋's proposal of 1.00 元/度 from next month for the committee) and about twenty
 * charging sessions this month and last, a few unpaid on named residents' homes.
 *
 * Bills are built by the same builder and rules as generation and `ev.record` (a
 * function test regenerates one and compares). Their payments before this app are
 * in the statements' lump 停车费/充电桩 income booked by seed-fees.ts; paid bills of
 * the named people have receipts, as the property bills do.
 */
import { createHash } from 'node:crypto';
import { billDoc, type BillDoc, type EvSessionDoc, type FeeItemDoc, type ParkingSpaceDoc, type PaymentDoc } from '../../core/fees/docs';
import { addMonths, billId, billLine, evBillId, evLine, spacesByHome, spaceSortKey, type RateVersion } from '../../core/fees/rules';
import { periodOf, shanghai } from '../../core/platform/time';
import type { Database } from '../../cloudfunctions/_shared/database';
import type { HomeDoc } from '../../cloudfunctions/_shared/directory';
import { current as currentEmulator } from '../../emulator';
import { TXSJ, YJLT, type SeedData } from './seed-data';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

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

/** As seed-fees.ts: one emulator transaction per collection locally, array adds against CloudBase. */
async function bulk(db: Database, collection: string, docs: object[], size = 300) {
  if (!docs.length) return;
  const emu = currentEmulator();
  if (emu) {
    emu.seed(collection, docs);
    return;
  }
  for (let i = 0; i < docs.length; i += size) await db.collection(collection).add({ data: docs.slice(i, i + size) });
}

/** An instant inside a Shanghai month (Shanghai keeps +08:00 all year). */
function inMonth(period: string, day: number, hour = 10, minute = 0): Date {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, Math.min(28, Math.max(1, day)), hour - 8, minute));
}

/** Named homes of the walkthrough (their parking and EV lines are fixed, not drawn). */
const LEAD3_HOME = 'txsj-b3_1_602';
const CHAIR_HOME = 'txsj-b1_1_801';
const SECRETARY_HOME = 'txsj-b4_1_1201';
/** Homes whose unpaid counts the walkthrough and its tests rely on: no parking or EV lines. */
const KEEP_CLEAR = new Set(['txsj-b3_2_101', 'txsj-b5_1_702', 'txsj-b3_1_1502', 'yjlt-b5_1_301']);

const SPACE_NOS: Record<string, string[]> = {
  [TXSJ]: [
    ...Array.from({ length: 28 }, (_, i) => `A-${String(i + 1).padStart(3, '0')}`),
    ...Array.from({ length: 12 }, (_, i) => `地下B2-${101 + i}`),
  ],
  [YJLT]: Array.from({ length: 40 }, (_, i) => `P-${String(i + 1).padStart(2, '0')}`),
};

export async function writeParkingDemo(db: Database, base: SeedData, now: Date): Promise<Record<string, number>> {
  const current = periodOf(now);
  const first = addMonths(current, -11);
  const today = Number(shanghai(now).format('D'));
  const rand = rng(20261201);
  const counts = { parkingItems: 0, parkingSpaces: 0, parkingBills: 0, evSessions: 0, evBills: 0, parkingPayments: 0 };
  const items: FeeItemDoc[] = [];
  const spaces: ParkingSpaceDoc[] = [];
  const bills: BillDoc[] = [];
  const payments: PaymentDoc[] = [];
  const sessions: EvSessionDoc[] = [];
  const homesById = new Map(base.homes.map((h) => [h._id, h]));

  /** Paid: status, time, and for the named people a receipt like seed-fees' ones. */
  const names = new Map(base.compounds.map((c) => [c._id, c.name]));
  const pay = (bill: BillDoc, p: string, named: boolean, after?: Date) => {
    const paidAt = after
      ? new Date(Math.min(now.getTime() - 60_000, after.getTime() + (1 + Math.floor(rand() * 48)) * 3_600_000))
      : p === current
        ? new Date(
            Math.min(
              now.getTime() - 3_600_000,
              inMonth(p, 1 + Math.floor(rand() * Math.max(1, today)), 9 + Math.floor(rand() * 10)).getTime(),
            ),
          )
        : inMonth(p, 2 + Math.floor(rand() * 20), 9 + Math.floor(rand() * 10));
    bill.status = 'paid';
    bill.paidAt = paidAt;
    if (!named) return;
    const pid = `seed_${bill._id}`;
    bill.paymentId = pid;
    payments.push({
      _id: pid,
      communityId: bill.communityId,
      compoundId: bill.compoundId,
      compoundName: names.get(bill.compoundId) ?? '',
      method: 'wechat',
      receiptNo: `WX${p.replace('-', '')}${bill.itemCode.toUpperCase().slice(0, 2)}${bill.homeId.split('_').pop()}`,
      billIds: [bill._id],
      homeIds: [bill.homeId],
      lines: [
        { billId: bill._id, homeLabel: bill.homeLabel, itemName: bill.itemName, period: p, amountFen: bill.amountFen, duplicate: false },
      ],
      amountFen: bill.amountFen,
      duplicateFen: 0,
      needsRefund: false,
      day: shanghai(paidAt).format('YYYY-MM-DD'),
      paidAt,
      recordedBy: 'wechat',
      entryIds: [],
    });
  };

  for (const c of base.compounds.filter((x) => x._id === TXSJ || x._id === YJLT)) {
    const setBy = c._id === TXSJ ? 'p-txsj-committee-chair' : 'p-yjlt-committee';
    const rates: RateVersion[] = [{ from: first, fen: c._id === TXSJ ? 15000 : 12000, setBy, setAt: inMonth(first, 1).toISOString() }];
    const parking: FeeItemDoc = {
      _id: `${c._id}_parking`,
      compoundId: c._id,
      communityId: c.communityId,
      code: 'parking',
      kind: 'parking',
      name: '停车费',
      rates,
      proposals: [],
      updatedAt: inMonth(first, 1),
    };
    items.push(parking);

    // Who rents: about 70 % of the spaces, to flats drawn at random (the named ones fixed).
    const flats = base.homes.filter(
      (h) => h.compoundId === c._id && h.kind === 'flat' && !KEEP_CLEAR.has(h._id) && h._id !== LEAD3_HOME && h._id !== CHAIR_HOME,
    );
    const fixed: Record<string, string> = c._id === TXSJ ? { 'A-012': LEAD3_HOME, 'A-013': CHAIR_HOME, 'A-014': CHAIR_HOME } : {};
    for (const spaceNo of SPACE_NOS[c._id]) {
      const rentals: ParkingSpaceDoc['rentals'] = [];
      const by = c._id === TXSJ ? 'p-txsj-manager' : 'p-yjlt-manager';
      const byName = c._id === TXSJ ? '刘洋' : '孙志刚';
      const rent = (homeId: string, from: string, until: string | null) => {
        const h = homesById.get(homeId)!;
        rentals.push({
          homeId,
          homeLabel: h.label,
          from,
          until,
          by,
          byName,
          at: inMonth(from, 1, 9),
          ...(until ? { endedBy: by, endedAt: inMonth(addMonths(until, -1), 25, 16) } : {}),
        });
      };
      if (fixed[spaceNo]) rent(fixed[spaceNo], addMonths(current, spaceNo === 'A-012' ? -6 : -11), null);
      else if (rand() < 0.7) {
        const pick = () => flats[Math.floor(rand() * flats.length)]._id;
        // A few spaces changed hands during the year: the earlier rental ended.
        if (rand() < 0.15) {
          const change = addMonths(current, -1 - Math.floor(rand() * 6));
          rent(pick(), first, change);
          rent(pick(), change, null);
        } else rent(pick(), addMonths(current, -Math.floor(rand() * 12)), null);
      }
      spaces.push({
        _id: `${c._id}_${spaceNo}`,
        compoundId: c._id,
        communityId: c.communityId,
        spaceNo,
        sortKey: spaceSortKey(spaceNo),
        homeId: [...new Set(rentals.map((r) => r.homeId))],
        rentals,
        createdBy: c._id === TXSJ ? 'p-txsj-manager' : 'p-yjlt-manager',
        createdAt: inMonth(first, 1, 8),
        updatedAt: rentals.length ? rentals[rentals.length - 1].at : inMonth(first, 1, 8),
      });
    }

    // The last three months' parking bills, as generation writes them.
    const mine = spaces.filter((s) => s.compoundId === c._id);
    for (let age = 2; age >= 0; age--) {
      const p = addMonths(current, -age);
      for (const [homeId, nos] of spacesByHome(mine, p)) {
        const h = homesById.get(homeId)! as HomeDoc;
        const line = billLine('parking', rates, p, { ...h, spaces: nos.length })!;
        const bill = billDoc(billId(homeId, 'parking', p), h, parking, p, line, inMonth(p, 1, 2), { spaces: nos });
        const named = homeId === LEAD3_HOME || homeId === CHAIR_HOME;
        // 李秀英 has this month's to pay; 林国栋 pays on time; the rest like the property fee.
        const paid =
          homeId === LEAD3_HOME ? age > 0 : homeId === CHAIR_HOME ? true : age === 0 ? rand() < 0.45 : rand() < (age === 1 ? 0.9 : 0.96);
        if (paid) pay(bill, p, named);
        bills.push(bill);
      }
    }
  }

  // EV charging at 天翔世家: 1.20 元/度; 刘洋 proposed 1.00 元/度 from next month.
  const txsj = base.compounds.find((c) => c._id === TXSJ)!;
  const evRates: RateVersion[] = [{ from: first, fen: 120, setBy: 'p-txsj-committee-chair', setAt: inMonth(first, 1).toISOString() }];
  const ev: FeeItemDoc = {
    _id: `${TXSJ}_ev`,
    compoundId: TXSJ,
    communityId: txsj.communityId,
    code: 'ev',
    kind: 'ev',
    name: '充电费',
    rates: evRates,
    proposals: [
      { from: addMonths(current, 1), fen: 100, by: 'p-txsj-manager', byName: '刘洋', at: new Date(now.getTime() - 2 * 86_400_000) },
    ],
    updatedAt: new Date(now.getTime() - 2 * 86_400_000),
  };
  items.push(ev);
  const chargers = [...new Set(spaces.filter((s) => s.compoundId === TXSJ).flatMap((s) => s.homeId))].filter((id) => !KEEP_CLEAR.has(id));
  const plan: { homeId: string; period: string; named: boolean; paid: boolean }[] = [
    { homeId: LEAD3_HOME, period: current, named: true, paid: false },
    { homeId: CHAIR_HOME, period: current, named: true, paid: false },
    { homeId: CHAIR_HOME, period: addMonths(current, -1), named: true, paid: true },
    { homeId: SECRETARY_HOME, period: addMonths(current, -1), named: true, paid: true },
  ];
  for (let i = 0; i < 17; i++) {
    const period = i < 8 ? current : addMonths(current, -1);
    plan.push({
      homeId: chargers[Math.floor(rand() * chargers.length)],
      period,
      named: false,
      paid: period === current ? rand() < 0.4 : rand() < 0.85,
    });
  }
  for (const [i, s] of plan.entries()) {
    const h = homesById.get(s.homeId)! as HomeDoc;
    const day = s.period === current ? 1 + Math.floor(rand() * Math.max(1, today)) : 1 + Math.floor(rand() * 27);
    let at = inMonth(s.period, day, 18 + Math.floor(rand() * 5), Math.floor(rand() * 60));
    if (at.getTime() > now.getTime() - 1_800_000) at = new Date(now.getTime() - 1_800_000 - Math.floor(rand() * 3_600_000));
    const period = periodOf(at);
    const energyCenti = 500 + Math.floor(rand() * 4500);
    const line = evLine(evRates, period, energyCenti)!;
    const id = evBillId(h._id, 'ev', period, sha256(`seed|${TXSJ}|${i}`).slice(0, 12));
    const createdAt = new Date(at.getTime() + 2 * 3_600_000 > now.getTime() ? now.getTime() - 60_000 : at.getTime() + 2 * 3_600_000);
    sessions.push({
      _id: id,
      communityId: h.communityId,
      compoundId: TXSJ,
      compoundPeriod: `${TXSJ}_${period}`,
      period,
      buildingId: h.buildingId,
      homeId: h._id,
      homeLabel: h.label,
      itemCode: 'ev',
      energyCenti,
      rateFen: line.rateFen,
      amountFen: line.amountFen,
      at,
      recordedBy: 'p-txsj-manager',
      recordedByName: '刘洋',
      createdAt,
    });
    const bill = billDoc(id, h, ev, period, line, createdAt, { sessionAt: at });
    if (s.paid) pay(bill, period, s.named, at);
    bills.push(bill);
  }

  await bulk(db, 'feeItems', items);
  await bulk(db, 'parkingSpaces', spaces);
  await bulk(db, 'bills', bills);
  await bulk(db, 'evSessions', sessions);
  await bulk(db, 'payments', payments);
  counts.parkingItems = items.length;
  counts.parkingSpaces = spaces.length;
  counts.parkingBills = bills.filter((b) => b.kind === 'parking').length;
  counts.evSessions = sessions.length;
  counts.evBills = bills.filter((b) => b.kind === 'ev').length;
  counts.parkingPayments = payments.length;
  return counts;
}
