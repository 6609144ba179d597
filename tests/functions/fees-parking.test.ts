/**
 * Parking per space and EV charging per session, through the emulator: generation
 * bills each home for the spaces it rents (twice = once), an ended rental stops
 * billing, a rental from this month bills at once, two people renting one space at
 * once (one wins), an EV session is a bill the resident pays (evCharging income in
 * the commonPart fund), residents cannot write; then the authorization matrix and
 * bad input (nothing written) for every parking/EV action, and the demo's bills
 * against what generation and recording write.
 */
import { main as fees } from '../../cloudfunctions/fees';
import { main as payCallback } from '../../cloudfunctions/payCallback';
import { PARKING_ACTIONS } from '../../core/fees/contract';
import { addMonths, billId } from '../../core/fees/rules';
import { billLineFen } from '../../core/platform/units';
import { createHarness, newRequestId, type Harness } from '../support/harness';
import { expectAuthorization, expectBadInputRefused, type ActionSpec } from '../support/matrix';
import { buildSeed } from '../../scripts/lib/seed-data';
import { feesHarness, generate, HOME3, HOME5, LAST, PERIOD, payOnline, unpaid } from './fees-setup';

jest.setTimeout(60_000);

const NEXT = addMonths(PERIOD, 1);
const LEAD3_HOME = 'txsj-b3_1_602';
let h: Harness;
beforeAll(async () => {
  h = await feesHarness();
  const from = addMonths(PERIOD, -12);
  await h
    .as('txsj-committee')
    .ok('fees', 'fees.setRate', { compoundId: 'txsj', itemCode: 'parking', kind: 'parking', name: '停车费', from, fen: 15000 });
  await h
    .as('txsj-committee')
    .ok('fees', 'fees.setRate', { compoundId: 'txsj', itemCode: 'ev', kind: 'ev', name: '充电费', from, fen: 120 });
  const added = await h.as('txsj-manager').ok('fees', 'parking.add', {
    compoundId: 'txsj',
    spaceNos: Array.from({ length: 10 }, (_, i) => `A-${String(i + 1).padStart(3, '0')}`),
  });
  expect(added.added).toHaveLength(10);
}, 60_000);
afterAll(() => h.close());

const one = async (c: string, id: string) => (await h.db.collection(c).where({ _id: id }).get()).data[0] as any;
const count = async (c: string, where: object = {}) => (await h.db.collection(c).where(where).count()).total;
const rent = (spaceNo: string, home: { homeId?: string; room?: string }, from: string, who = 'txsj-manager') =>
  h.as(who).call('fees', 'parking.rent', { compoundId: 'txsj', spaceNo, ...home, from });

describe('parking per space', () => {
  it('generation bills each home for the spaces it rents that month; a second run adds nothing', async () => {
    expect((await rent('A-001', { homeId: HOME3 }, NEXT)).ok).toBe(true);
    expect((await rent('a-002', { room: '3栋2单元101室' }, NEXT)).ok).toBe(true);
    expect((await rent('A-003', { room: '5-1-702' }, NEXT)).ok).toBe(true);
    await generate(h, 'txsj', NEXT);
    const b3 = await one('bills', billId(HOME3, 'parking', NEXT));
    expect(b3).toMatchObject({
      kind: 'parking',
      unit: 'space',
      quantity: 2,
      rateFen: 15000,
      amountFen: 30000,
      spaces: ['A-001', 'A-002'],
      status: 'unpaid',
    });
    expect(await one('bills', billId(HOME5, 'parking', NEXT))).toMatchObject({ quantity: 1, amountFen: 15000, spaces: ['A-003'] });
    expect(await count('bills', { compoundPeriod: `txsj_${NEXT}`, kind: 'parking' })).toBe(2);
    const mine = await unpaid(h, 'txsj-resident-3');
    expect(mine.find((b) => b.id === b3._id)?.basis).toBe('2个车位（A-001、A-002）× 150.00元');
    const before = await h.snapshot();
    await generate(h, 'txsj', NEXT);
    expect((await h.snapshot()).replace(/jobs:\d+|jobEffects:\d+/g, '')).toBe(before.replace(/jobs:\d+|jobEffects:\d+/g, ''));
    expect(await count('bills', { compoundPeriod: `txsj_${NEXT}`, kind: 'parking' })).toBe(2);
  });

  it('an ended rental stops billing; a month already billed cannot be ended', async () => {
    expect((await rent('A-004', { homeId: LEAD3_HOME }, PERIOD)).ok).toBe(true);
    const ended = await h.as('txsj-bookkeeper').ok('fees', 'parking.end', { compoundId: 'txsj', spaceNo: 'A-004', from: NEXT });
    expect(ended).toMatchObject({ canRent: true, canEnd: false, current: { homeId: LEAD3_HOME, until: NEXT } });
    await generate(h, 'txsj', PERIOD);
    await generate(h, 'txsj', NEXT);
    expect(await one('bills', billId(LEAD3_HOME, 'parking', PERIOD))).toMatchObject({ quantity: 1, spaces: ['A-004'] });
    expect(await one('bills', billId(LEAD3_HOME, 'parking', NEXT))).toBeUndefined();
    // HOME3's next month is billed already: ending from then is refused, from the month after it is fine.
    const r = await h.as('txsj-manager').call('fees', 'parking.end', { compoundId: 'txsj', spaceNo: 'A-001', from: NEXT });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('账单已出') } });
    expect(
      await h.as('txsj-manager').ok('fees', 'parking.end', { compoundId: 'txsj', spaceNo: 'A-001', from: addMonths(NEXT, 1) }),
    ).toMatchObject({ canEnd: false });
    // The space can be rented again from its end on, not before.
    expect(await rent('A-001', { homeId: HOME5 }, NEXT)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await rent('A-001', { homeId: HOME5 }, addMonths(NEXT, 1))).ok).toBe(true);
  });

  it('a rental from this month, once the month is billed, bills the home at once (a second space waits for next month)', async () => {
    expect(await one('bills', billId(HOME5, 'parking', PERIOD))).toBeUndefined();
    expect((await rent('A-005', { homeId: HOME5 }, PERIOD)).ok).toBe(true);
    expect(await one('bills', billId(HOME5, 'parking', PERIOD))).toMatchObject({ quantity: 1, amountFen: 15000, spaces: ['A-005'] });
    expect(await rent('A-006', { homeId: HOME5 }, PERIOD)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('本月的停车费账单已出') },
    });
    // Two spaces for one home from this month at once: one is billed now, the other is refused (never a space rented and not billed).
    const home = 'txsj-b2_2_502';
    const [a, b] = await Promise.all([
      rent('A-008', { homeId: home }, PERIOD, 'txsj-manager'),
      rent('A-009', { homeId: home }, PERIOD, 'txsj-bookkeeper'),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    const won = a.ok ? 'A-008' : 'A-009';
    expect(await one('bills', billId(home, 'parking', PERIOD))).toMatchObject({ quantity: 1, spaces: [won] });
    expect((await one('parkingSpaces', `txsj_${won === 'A-008' ? 'A-009' : 'A-008'}`)).rentals).toHaveLength(0);
  });

  it('two people renting one space at once: one wins, the other is told it is taken', async () => {
    const [a, b] = await Promise.all([
      rent('A-007', { homeId: HOME3 }, NEXT, 'txsj-manager'),
      rent('A-007', { homeId: HOME5 }, NEXT, 'txsj-bookkeeper'),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    const loser = [a, b].find((r) => !r.ok) as any;
    // The loser either lost the race (CONFLICT) or arrived after and was told why.
    expect(['CONFLICT', 'BAD_REQUEST 该车位已出租']).toContain(
      loser.error.code === 'CONFLICT' ? 'CONFLICT' : `${loser.error.code} ${loser.error.message}`,
    );
    expect((await one('parkingSpaces', 'txsj_A-007')).rentals).toHaveLength(1);
  });

  it('the register lists spaces in natural order with their renters, searchable by space or room', async () => {
    await h.as('txsj-manager').ok('fees', 'parking.add', { compoundId: 'txsj', spaceNos: ['B-10', 'B-9', '地下B2-105'] });
    const all = await h.as('txsj-committee').ok('fees', 'parking.spaces', { compoundId: 'txsj' });
    expect(all.total).toBe(13);
    const nos = all.items.map((s: any) => s.spaceNo);
    expect(nos.indexOf('B-9')).toBeLessThan(nos.indexOf('B-10'));
    expect(all).toMatchObject({ rateFen: 15000, canWrite: true, rented: 3 });
    const byRoom = await h.as('txsj-secretary').ok('fees', 'parking.spaces', { compoundId: 'txsj', q: '5栋1单元702' });
    expect(byRoom.items.map((s: any) => s.spaceNo)).toEqual(expect.arrayContaining(['A-003', 'A-005']));
    expect(byRoom.items.every((s: any) => [s.current, s.upcoming].some((r: any) => r?.homeId === HOME5))).toBe(true);
    expect(byRoom.canWrite).toBe(false);
    const paged = await h.as('txsj-manager').ok('fees', 'parking.spaces', { compoundId: 'txsj', size: 5 });
    const next = await h.as('txsj-manager').ok('fees', 'parking.spaces', { compoundId: 'txsj', size: 5, cursor: paged.nextCursor });
    expect([...paged.items, ...next.items].map((s: any) => s.spaceNo)).toEqual(nos.slice(0, 10));
  });
});

describe('EV charging per session', () => {
  let sessionId: string;
  it('a session is one unpaid bill of the home at the rate in force; a retry records it once', async () => {
    const clientRequestId = newRequestId();
    const at = new Date(Date.now() - 3600_000).toISOString();
    const payload = { clientRequestId, compoundId: 'txsj', room: '3栋2单元101', energyCenti: 1250, at };
    const before = await h.snapshot();
    const s = await h.as('txsj-manager').ok('fees', 'ev.record', payload);
    expect(s).toMatchObject({ homeId: HOME3, energy: '12.50度', rateFen: 120, amountFen: 1500, amount: '15.00元', status: 'unpaid' });
    const again = await h.as('txsj-manager').ok('fees', 'ev.record', payload);
    expect(again.id).toBe(s.id);
    expect(await h.snapshot()).toBe(
      before
        .replace(/bills:(\d+)/, (_, n) => `bills:${Number(n) + 1}`)
        .replace(/evSessions:(\d+)/, (_, n) => `evSessions:${Number(n) + 1}`),
    );
    sessionId = s.id;
    const bill = (await unpaid(h, 'txsj-resident-3')).find((b) => b.id === s.id);
    expect(bill).toMatchObject({ itemName: '充电费', amountFen: 1500 });
    expect(bill.basis).toMatch(/^充电 12\.50度 × 1\.20元/);
    // A second session the same month is a second bill.
    const other = await h.as('txsj-bookkeeper').ok('fees', 'ev.record', { ...payload, clientRequestId: newRequestId(), energyCenti: 1 });
    expect(other.id).not.toBe(s.id);
    expect(other.amountFen).toBe(billLineFen(1, 120));
  });

  it('paid through the pay sandbox, it posts evCharging income in the commonPart fund', async () => {
    const { notify } = await payOnline(h, 'txsj-resident-3', [sessionId]);
    expect(notify).toMatchObject({ acknowledged: true });
    const entries = await h
      .as('txsj-resident-3')
      .ok('fees', 'ledger.entries', { compoundId: 'txsj', period: PERIOD, category: 'evCharging' });
    expect(entries).toEqual([expect.objectContaining({ category: 'evCharging', fund: 'commonPart', amountFen: 1500 })]);
    const month = await h.as('txsj-bookkeeper').ok('fees', 'ev.sessions', { compoundId: 'txsj', period: PERIOD });
    expect(month.items.find((x: any) => x.id === sessionId)).toMatchObject({ status: 'paid', statusLabel: '已缴' });
    expect(month).toMatchObject({ rateFen: 120, canWrite: true });
    const payment = (await h.db.collection('payments').where({ billIds: sessionId }).get()).data[0] as any;
    expect(payment.homeIds).toEqual([HOME3]);
  });

  it("residents cannot record sessions or rent spaces; another compound's committee does not see them", async () => {
    const s = { clientRequestId: newRequestId(), compoundId: 'txsj', homeId: HOME3, energyCenti: 100, at: new Date().toISOString() };
    const before = await h.snapshot();
    expect(await h.as('txsj-resident-3').call('fees', 'ev.record', s)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await h.as('txsj-resident-3').call('fees', 'parking.rent', { compoundId: 'txsj', spaceNo: 'A-008', homeId: HOME3, from: NEXT }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await h.as('yjlt-committee').call('fees', 'parking.rent', { compoundId: 'txsj', spaceNo: 'A-008', homeId: HOME3, from: NEXT }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.as('txsj-resident-3').call('fees', 'parking.spaces', { compoundId: 'txsj' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses a home of another compound, the future, a month ago and more than 200 kWh', async () => {
    const base = { clientRequestId: newRequestId(), compoundId: 'txsj', energyCenti: 1000, at: new Date().toISOString() };
    for (const [bad, msg] of [
      [{ homeId: 'yjlt-b5_1_301' }, '不在'],
      [{ room: '99栋9单元999' }, '没有房屋'],
      [{ room: '101' }, '请写全'],
      [{ homeId: HOME3, at: new Date(Date.now() + 86_400_000).toISOString() }, '不能晚于现在'],
      [{ homeId: HOME3, at: new Date(Date.now() - 40 * 86_400_000).toISOString() }, '31天'],
      [{ homeId: HOME3, energyCenti: 20_001 }, '200度'],
    ] as const) {
      expect(await h.as('txsj-manager').call('fees', 'ev.record', { ...base, ...bad })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST', message: expect.stringContaining(msg) },
      });
    }
  });
});

// ---------------------------------------------------------------- matrix and bad input

const IDENTITIES = [
  '',
  'demo-new-matrix',
  'txsj-resident-3',
  'txsj-resident-5',
  'txsj-lead-3',
  'txsj-committee',
  'txsj-secretary',
  'txsj-manager',
  'txsj-staff',
  'txsj-bookkeeper',
  'community-admin',
  'yjlt-committee',
] as const;
const WRITERS = ['txsj-committee', 'txsj-manager', 'txsj-bookkeeper'];
/** The register and the sessions: the writers and whoever may read the compound's books. */
const READERS = [...WRITERS, 'txsj-secretary', 'community-admin'];

let seq = 0;
/** A fresh registered space (written directly: the payload maker must not need a permission). */
async function freshSpace(rentTo?: string): Promise<string> {
  const spaceNo = `M-${++seq}`;
  await h.db.collection('parkingSpaces').add({
    data: {
      _id: `txsj_${spaceNo}`,
      compoundId: 'txsj',
      communityId: 'qiaoxing',
      spaceNo,
      sortKey: spaceNo,
      homeId: rentTo ? [rentTo] : [],
      rentals: rentTo
        ? [{ homeId: rentTo, homeLabel: '3栋2单元101', from: addMonths(NEXT, 2), until: null, by: 'x', byName: 'x', at: new Date() }]
        : [],
      createdBy: 'x',
      createdAt: new Date(),
      updatedAt: new Date(),
    },
  });
  return spaceNo;
}

type Spec = ActionSpec;
const MATRIX: Record<keyof typeof PARKING_ACTIONS, Spec> = {
  'parking.spaces': { allowed: READERS, payload: async () => ({ compoundId: 'txsj', q: 'A', cursor: '0', size: 20 }) },
  'parking.add': { allowed: WRITERS, payload: async () => ({ compoundId: 'txsj', spaceNos: [`N-${++seq}`] }) },
  'parking.rent': {
    allowed: WRITERS,
    payload: async () => ({ compoundId: 'txsj', spaceNo: await freshSpace(), homeId: HOME3, from: NEXT }),
  },
  'parking.end': {
    allowed: WRITERS,
    payload: async () => ({ compoundId: 'txsj', spaceNo: await freshSpace(HOME3), from: addMonths(NEXT, 3) }),
  },
  'ev.record': {
    allowed: WRITERS,
    payload: async () => ({
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      homeId: HOME5,
      energyCenti: 860,
      at: new Date(Date.now() - 60_000).toISOString(),
    }),
  },
  'ev.sessions': { allowed: READERS, payload: async () => ({ compoundId: 'txsj', period: PERIOD, homeId: HOME3 }) },
};

describe('authorization matrix: every parking/EV action × every identity', () => {
  it('covers every parking action of the contract', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(PARKING_ACTIONS).sort());
  });
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(
      action,
      async () => {
        await expectAuthorization(h, 'fees', action, spec, IDENTITIES);
      },
      60_000,
    );
  }
});

/** Fields a valid payload may leave out. */
const OPTIONAL_FIELDS = new Set(['parking.spaces:q', 'parking.spaces:cursor', 'parking.spaces:size', 'ev.sessions:homeId']);

const SPECIFIC = async (): Promise<Record<string, Record<string, unknown>[]>> => {
  const taken = await freshSpace(HOME3);
  const free = await freshSpace();
  const recent = new Date(Date.now() - 60_000).toISOString();
  const ev = { clientRequestId: newRequestId(), compoundId: 'txsj', homeId: HOME5, energyCenti: 100, at: recent };
  return {
    'parking.spaces': [
      { compoundId: 'txsj', size: 0 },
      { compoundId: 'txsj', size: 101 },
      { compoundId: 'txsj', cursor: '../1' },
      { compoundId: 'txsj', q: '\u202Ex' },
    ],
    'parking.add': [
      { compoundId: 'txsj', spaceNos: [] },
      { compoundId: 'txsj', spaceNos: ['A 0?1'] },
      { compoundId: 'txsj', spaceNos: ['-A'] },
      { compoundId: 'txsj', spaceNos: ['X'.repeat(17)] },
      { compoundId: 'txsj', spaceNos: Array.from({ length: 51 }, (_, i) => `Z-${i}`) },
    ],
    'parking.rent': [
      { compoundId: 'txsj', spaceNo: free, homeId: HOME3, from: '2099-01' },
      { compoundId: 'txsj', spaceNo: free, homeId: HOME3, from: LAST },
      { compoundId: 'txsj', spaceNo: free, homeId: HOME3, from: '2026-13' },
      { compoundId: 'txsj', spaceNo: free, homeId: 'yjlt-b5_1_301', from: NEXT },
      { compoundId: 'txsj', spaceNo: free, homeId: 'no-such-home', from: NEXT },
      { compoundId: 'txsj', spaceNo: free, room: '99栋9单元999', from: NEXT },
      { compoundId: 'txsj', spaceNo: free, homeId: HOME3, room: '3栋2单元101', from: NEXT },
      { compoundId: 'txsj', spaceNo: free, from: NEXT },
      { compoundId: 'txsj', spaceNo: taken, homeId: HOME5, from: addMonths(NEXT, 3) },
    ],
    'parking.end': [
      { compoundId: 'txsj', spaceNo: free, from: NEXT },
      { compoundId: 'txsj', spaceNo: taken, from: LAST },
      { compoundId: 'txsj', spaceNo: taken, from: NEXT },
    ],
    'ev.record': [
      { ...ev, energyCenti: 0 },
      { ...ev, energyCenti: -100 },
      { ...ev, energyCenti: 12.5 },
      { ...ev, energyCenti: 1e20 },
      { ...ev, energyCenti: 20_001 },
      { ...ev, at: new Date(Date.now() + 3_600_000).toISOString() },
      { ...ev, at: new Date(Date.now() - 40 * 86_400_000).toISOString() },
      { ...ev, at: '昨天晚上' },
      { ...ev, homeId: 'yjlt-b5_1_301' },
      { ...ev, homeId: undefined, room: '101' },
      { ...ev, room: '5栋1单元702' },
      { ...ev, clientRequestId: 'short' },
    ],
    'ev.sessions': [
      { compoundId: 'txsj', period: '2026-13' },
      { compoundId: 'txsj', period: PERIOD, homeId: 12 },
    ],
  };
};

describe('bad input: BAD_REQUEST with a Chinese message, and nothing written', () => {
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(
      action,
      async () => {
        const valid = await spec.payload();
        const who = spec.allowed.includes('txsj-manager') ? 'txsj-manager' : spec.allowed[0];
        await expectBadInputRefused(h, 'fees', action, who, valid, { optional: OPTIONAL_FIELDS, rules: (await SPECIFIC())[action] });
        // Every optional field really is optional: the valid payload without it still works.
        for (const key of Object.keys(valid).filter((k) => OPTIONAL_FIELDS.has(`${action}:${k}`))) {
          const rest = Object.fromEntries(Object.entries(await spec.payload()).filter(([k]) => k !== key));
          expect([key, (await h.as(who).call('fees', action, rest)).ok]).toEqual([key, true]);
        }
      },
      60_000,
    );
  }
});

// ---------------------------------------------------------------- the demo

describe('the demo (scripts/lib/seed-fees-parking.ts)', () => {
  let d: Harness;
  beforeAll(async () => {
    d = await createHarness({ fees: fees as any, payCallback: payCallback as any }, buildSeed(), { features: ['fees'] });
  }, 60_000);
  afterAll(() => d.close());

  it('writes parking bills exactly as generation does, and EV bills as recording does', async () => {
    const demo = (
      await d.db
        .collection('bills')
        .where({ compoundPeriod: `txsj_${PERIOD}`, kind: 'parking' })
        .limit(1000)
        .get()
    ).data as any[];
    expect(demo.length).toBeGreaterThan(20);
    const sample = demo.find((b) => b.quantity === 2) ?? demo[0];
    await d.db.collection('bills').doc(sample._id).remove();
    await d.as('txsj-committee').ok('fees', 'fees.generate', { clientRequestId: newRequestId(), compoundId: 'txsj', period: PERIOD });
    const again = (await d.db.collection('bills').where({ _id: sample._id }).get()).data[0] as any;
    const strip = (b: any) => ({ ...b, createdAt: undefined, status: undefined, paidAt: undefined, paymentId: undefined });
    expect(strip(again)).toEqual(strip(sample));
    expect(
      await d.db
        .collection('bills')
        .where({ compoundPeriod: `txsj_${PERIOD}`, kind: 'parking' })
        .count(),
    ).toMatchObject({ total: demo.length });

    const evDemo = (
      await d.db
        .collection('bills')
        .where({ compoundPeriod: `txsj_${PERIOD}`, kind: 'ev' })
        .limit(1)
        .get()
    ).data[0] as any;
    const session = (await d.db.collection('evSessions').where({ _id: evDemo._id }).get()).data[0] as any;
    expect(session).toMatchObject({ amountFen: evDemo.amountFen, energyCenti: evDemo.quantity });
    const rec = await d.as('txsj-manager').ok('fees', 'ev.record', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      homeId: evDemo.homeId,
      energyCenti: evDemo.quantity,
      at: new Date(Date.now() - 60_000).toISOString(),
    });
    const live = (await d.db.collection('bills').where({ _id: rec.id }).get()).data[0] as any;
    expect(Object.keys(live).sort()).toEqual(
      Object.keys(evDemo)
        .filter((k) => !['paidAt', 'paymentId'].includes(k))
        .sort(),
    );
    const liveSession = (await d.db.collection('evSessions').where({ _id: rec.id }).get()).data[0] as any;
    expect(Object.keys(liveSession).sort()).toEqual(Object.keys(session).sort());
  });

  it("the register, a named resident's space and the month's sessions are there", async () => {
    for (const c of ['txsj', 'yjlt']) {
      const who = c === 'txsj' ? 'txsj-manager' : 'yjlt-manager';
      const page = await d.as(who).ok('fees', 'parking.spaces', { compoundId: c, size: 100 });
      expect(page.total).toBeGreaterThanOrEqual(35);
      expect(page.rented / page.total).toBeGreaterThan(0.55);
      expect(page.rented / page.total).toBeLessThan(0.85);
    }
    const lead = await d.as('txsj-manager').ok('fees', 'parking.spaces', { compoundId: 'txsj', q: '3栋1单元602' });
    expect(lead.items.length).toBeGreaterThanOrEqual(1);
    const month = await d.as('txsj-bookkeeper').ok('fees', 'ev.sessions', { compoundId: 'txsj', period: PERIOD });
    const last = await d.as('txsj-bookkeeper').ok('fees', 'ev.sessions', { compoundId: 'txsj', period: LAST });
    expect(month.items.length + last.items.length).toBeGreaterThanOrEqual(15);
    expect(month.rateFen).toBe(120);
    const unpaidLead = (await d.as('txsj-lead-3').ok('fees', 'fees.myBills', {})).homes.flatMap((x: any) => x.bills);
    expect(unpaidLead.some((b: any) => b.itemName === '充电费')).toBe(true);
    expect(unpaidLead.some((b: any) => b.itemName === '停车费')).toBe(true);
  });
});
