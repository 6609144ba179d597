/**
 * What the 首页 costs: home.get is opened by every home every day, so its database reads
 * per call are most of a compound's daily reads (`npm run cost` prints the peak day by
 * action). The figures are pinned here so they cannot creep back: a resident's and a
 * building lead's 首页, measured on the demo. Each read a card adds must be paid for here.
 * (Before the caller's documents, counts and unread figure were read once per call: 34 and 55.)
 */
import { createHarness, type Harness } from '../support/harness';
import { main as accounts } from '../../cloudfunctions/accounts';
import { main as home } from '../../cloudfunctions/home';
import { repairs } from '../../cloudfunctions/repairs/docs';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts, home } as any, undefined, {
    features: ['notices', 'fees', 'activities', 'repairs', 'votes', 'vehicles', 'concerns', 'community', 'party'],
  });
});
afterAll(() => h.close());

/** Read requests per home.get (CloudBase counts each get / count / aggregate as one read). */
const BUDGET: Record<string, number> = { 'txsj-resident-3': 24, 'txsj-lead-3': 35 };

test.each(Object.entries(BUDGET))('%s: home.get reads at most %i times and writes nothing', async (who, budget) => {
  const m = await h.emu.measure(() => h.as(who).ok('home', 'home.get', {}));
  expect(Object.values(m.result.cards).every((c: any) => c.ok)).toBe(true);
  expect(m.queries).toBeLessThanOrEqual(budget);
  expect(m.writes).toBe(0);
});

test('the caller is read once per call: people, roles and bindings once each', async () => {
  const docs = h.emu.store.docs as any;
  const seen: string[] = [];
  const find = docs.find.bind(docs);
  docs.find = (coll: string, q: any, ...rest: unknown[]) => {
    if (q?.openid || q?.personId === 'p-txsj-resident-3') seen.push(`${coll} ${JSON.stringify(q)}`);
    return find(coll, q, ...rest);
  };
  try {
    await h.as('txsj-resident-3').ok('home', 'home.get', {});
  } finally {
    docs.find = find;
  }
  const byOpenid = seen.filter((s) => s.startsWith('people '));
  expect(byOpenid).toHaveLength(1);
  expect(seen.filter((s) => s.startsWith('roles '))).toHaveLength(1);
  expect(seen.filter((s) => s.startsWith('memberships '))).toHaveLength(1);
});

test('head(): a short page is its own count; a full page reads the count', async () => {
  const where = { compoundId: 'txsj' };
  const total = await repairs(h.db).count(where);
  expect(total).toBeGreaterThan(1);
  const count = (fn: () => Promise<unknown>) => h.emu.measure(fn).then((m) => m.queries);
  const short = await h.emu.measure(() => repairs(h.db).head(where, { limit: total + 5 }));
  expect(short.result.total).toBe(total);
  expect(short.queries).toBe(1);
  const full = await h.emu.measure(() => repairs(h.db).head(where, { limit: 1 }));
  expect(full.result).toMatchObject({ total, items: [expect.anything()] });
  expect(full.queries).toBe(2);
  expect(await count(() => repairs(h.db).head({ compoundId: 'nowhere' }, { limit: 3 }))).toBe(1);
});
