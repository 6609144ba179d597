/** The fees demo: written fast, its chain verifies, its statements balance, and the walkthrough's people see what they should. */
import { performance } from 'node:perf_hooks';
import { main as fees } from '../../cloudfunctions/fees';
import { main as payCallback } from '../../cloudfunctions/payCallback';
import { addMonths } from '../../core/fees/rules';
import { periodOf } from '../../core/platform/time';
import { feesSeed } from '../../scripts/lib/seed-fees';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
let ms = 0;
let counts: Record<string, number>;
beforeAll(async () => {
  h = await createHarness({ fees: fees as any, payCallback: payCallback as any });
  const t = performance.now();
  counts = await feesSeed.write(h.db, h.seed, new Date());
  ms = performance.now() - t;
}, 60_000);
afterAll(() => h.close());

const PERIOD = periodOf(new Date());

it('writes a year of bills for both compounds in bulk, quickly', () => {
  // The whole year: one property bill per home and month.
  expect(counts.bills).toBe((585 + 296) * 12);
  expect(counts.statements).toBe(22);
  // Parking and EV charging (seed-fees-parking.ts): two parking items and an EV item, 40 spaces a compound, three months of parking bills, about 20 sessions.
  expect(counts).toMatchObject({ parkingItems: 3, parkingSpaces: 80, evSessions: 21, evBills: 21 });
  expect(counts.parkingBills).toBeGreaterThan(100);
  expect(counts.parkingBills).toBeLessThan(200);
  process.stdout.write(`fees seed: ${JSON.stringify(counts)} in ${Math.round(ms)} ms\n`);
});

it('the chain verifies and every published month balances; a resident sees the trend', async () => {
  for (const c of ['txsj', 'yjlt']) {
    const who = c === 'txsj' ? 'txsj-resident-3' : 'yjlt-resident-5';
    expect(await h.as(who).ok('fees', 'ledger.verify', { compoundId: c })).toMatchObject({ ok: true, statements: 11 });
    const s = await h.as(who).ok('fees', 'ledger.statement', { compoundId: c, period: addMonths(PERIOD, -1) });
    expect(s.figures.opening + s.figures.income - s.figures.expense).toBe(s.figures.closing);
    expect(s.figures.commonPart.income).toBeGreaterThan(0);
    expect(await h.as(who).ok('fees', 'ledger.trend', { compoundId: c })).toHaveLength(11);
  }
  expect((await h.as('txsj-resident-3').ok('fees', 'ledger.donations', { compoundId: 'txsj' })).map((d: any) => d.donor)).toContain('匿名');
});

it('陈阿婆 owes this month only; 郑海涛 two months; the committee sees a realistic rate', async () => {
  expect((await h.as('txsj-resident-3').ok('fees', 'fees.myBills', {})).unpaidCount).toBe(1);
  expect((await h.as('txsj-resident-5').ok('fees', 'fees.myBills', {})).unpaidCount).toBe(2);
  const a = await h.as('txsj-committee').ok('fees', 'fees.arrears', { compoundId: 'txsj', period: addMonths(PERIOD, -2) });
  expect(a.rate).toBeGreaterThan(85);
  expect(a.rate).toBeLessThan(99);
  const sum = await h.as('txsj-bookkeeper').ok('fees', 'fees.summary', {});
  // Last month is closed in the demo; this month closes once it has ended, by the committee.
  expect(sum.compounds[0]).toMatchObject({
    compoundId: 'txsj',
    nextToClose: null,
    bookingPeriod: PERIOD,
    closedBy: '业委会委员',
    closeHint: expect.stringContaining('结束后'),
  });
  const paid = (await h.as('txsj-resident-3').ok('fees', 'fees.myBills', {})).recentPaid[0];
  expect(await h.as('txsj-resident-3').ok('fees', 'fees.receipt', { paymentId: paid.paymentId })).toMatchObject({
    amountFen: paid.amountFen,
  });
});
