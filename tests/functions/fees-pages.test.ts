/**
 * The fees pages' one read each (README: one call before first content):
 * ledger.statementPage is ledger.trend + the newest month's ledger.statement +
 * ledger.donations, ledger.booksPage is a fees.summary row + fees.arrears +
 * fees.remindPreview + ledger.entries; the same answers as the separate calls, for the
 * same people, and nothing more. The matrix (fees-matrix.test.ts) refuses everyone
 * else and bad input.
 */
import { newRequestId, type Harness } from '../support/harness';
import { AFTER_PERIOD, at, feesHarness, generate, LAST, PERIOD } from './fees-setup';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await feesHarness();
  await generate(h);
  await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
    clientRequestId: newRequestId(),
    compoundId: 'txsj',
    category: 'donation',
    amountFen: 50000,
    memo: '捐资修门',
    receipts: [],
    donor: { anonymous: false, name: '林先生', project: '大门改造' },
  });
  await at(AFTER_PERIOD, async () => {
    await h.as('txsj-committee').ok('fees', 'ledger.close', { compoundId: 'txsj', period: LAST });
    await h.as('txsj-committee').ok('fees', 'ledger.close', { compoundId: 'txsj', period: PERIOD });
    await h.as('txsj-committee').ok('fees', 'ledger.publish', { compoundId: 'txsj', period: PERIOD });
  });
}, 60_000);
afterAll(() => h.close());

describe('ledger.statementPage', () => {
  it('gives a resident their compound: the trend, the newest month and the donation board, as the three reads do', async () => {
    const c = h.as('txsj-resident-3');
    const page = await c.ok('fees', 'ledger.statementPage', {});
    expect(page.compoundId).toBe('txsj');
    expect(page.compounds).toEqual([]);
    expect(page.trend).toEqual(await c.ok('fees', 'ledger.trend', { compoundId: 'txsj' }));
    expect(page.period).toBe(PERIOD);
    expect(page.statement).toEqual(await c.ok('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD }));
    expect(page.donations).toEqual(await c.ok('fees', 'ledger.donations', { compoundId: 'txsj' }));
    expect(page.donations.map((d: { donor: string }) => d.donor)).toContain('林先生');
  });

  it('shows the trend and says so when the asked-for month is not published (LAST is closed, not published)', async () => {
    const page = await h.as('txsj-resident-3').ok('fees', 'ledger.statementPage', { compoundId: 'txsj', period: LAST });
    expect(page.statement).toBeNull();
    expect(page.statementMissing).toBe('该月账目尚未公示');
    expect(page.trend.map((p: { period: string }) => p.period)).toEqual([PERIOD]);
    // The committee keeps the books: it sees the closed month.
    const committee = await h.as('txsj-committee').ok('fees', 'ledger.statementPage', { compoundId: 'txsj', period: LAST });
    expect(committee.statement.status).toBe('closed');
  });

  it('gives the community office its community’s compounds to pick from, and the one it picks', async () => {
    const c = h.as('community-admin');
    const first = await c.ok('fees', 'ledger.statementPage', {});
    expect(first.compounds.map((x: { id: string }) => x.id).sort()).toEqual(['txsj', 'yjlt']);
    expect(first.compoundId).toBe(first.compounds[0].id);
    const picked = await c.ok('fees', 'ledger.statementPage', { compoundId: 'yjlt' });
    expect(picked.compoundId).toBe('yjlt');
    expect(picked.compounds).toEqual(first.compounds);
  });

  it('gives someone with no compound an empty page, and another compound’s resident nothing of it', async () => {
    expect(await h.as('demo-new-pages').ok('fees', 'ledger.statementPage', {})).toEqual({
      compounds: [],
      compoundId: null,
      trend: [],
      period: null,
      statement: null,
      donations: [],
    });
    const r = await h.as('txsj-resident-3').call('fees', 'ledger.statementPage', { compoundId: 'yjlt' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('reads no more than the three calls it replaces', async () => {
    const c = h.as('txsj-resident-3');
    const one = await h.emu.measure(() => c.ok('fees', 'ledger.statementPage', {}));
    const three = await h.emu.measure(async () => {
      await c.ok('fees', 'ledger.trend', { compoundId: 'txsj' });
      await c.ok('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD });
      await c.ok('fees', 'ledger.donations', { compoundId: 'txsj' });
    });
    expect(one.reads).toBeLessThanOrEqual(three.reads);
  });
});

describe('ledger.booksPage', () => {
  it('gives the committee the close row, the arrears, the reminder preview and the booking month’s entries', async () => {
    const c = h.as('txsj-committee');
    const page = await c.ok('fees', 'ledger.booksPage', { compoundId: 'txsj' });
    const summary = await c.ok('fees', 'fees.summary', {});
    expect(page.period).toBe(PERIOD);
    expect(page.compound).toEqual(summary.compounds.find((x: { compoundId: string }) => x.compoundId === 'txsj'));
    expect(page.arrears).toEqual(await c.ok('fees', 'fees.arrears', { compoundId: 'txsj', period: PERIOD }));
    expect(page.preview).toEqual(await c.ok('fees', 'fees.remindPreview', { compoundId: 'txsj' }));
    // PERIOD is closed: bookings go into the next month.
    expect(page.compound.bookingPeriod).not.toBe(PERIOD);
    const entries = await c.ok('fees', 'ledger.entries', { compoundId: 'txsj', period: page.compound.bookingPeriod });
    expect(page.entries.map((e: { id: string }) => e.id)).toEqual(entries.map((e: { id: string }) => e.id));
  });

  it('gives the bookkeeper the entries it books into', async () => {
    const b = h.as('txsj-bookkeeper');
    const before = await b.ok('fees', 'ledger.booksPage', { compoundId: 'txsj' });
    const booked = await b.ok('fees', 'ledger.book', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      category: 'cleaning',
      amountFen: 1200,
      memo: '楼道保洁',
      receipts: [],
    });
    const after = await b.ok('fees', 'ledger.booksPage', { compoundId: 'txsj' });
    expect(after.entries.map((e: { id: string }) => e.id)).toEqual([...before.entries.map((e: { id: string }) => e.id), booked.id]);
  });

  it('refuses a resident (may read the books, may not keep them) and hides the compound from another’s committee', async () => {
    expect(await h.as('txsj-resident-3').call('fees', 'ledger.booksPage', { compoundId: 'txsj' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.as('yjlt-committee').call('fees', 'ledger.booksPage', { compoundId: 'txsj' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
