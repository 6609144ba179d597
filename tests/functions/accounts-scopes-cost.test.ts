/**
 * The staff pages' pickers (roster.list, roles.list, invite.list without a place) read
 * the caller's own compounds, never every compound of the environment: a district of
 * hundreds of compounds on one environment costs a committee member what one compound
 * costs. (The pickers' compounds.list and a newcomer's compounds.search: accounts-compounds.test.ts.)
 */
import { main as accounts } from '../../cloudfunctions/accounts';
import { withNameKeys } from '../../core/accounts/search';
import { createHarness, type Harness } from '../support/harness';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts: accounts as any });
});
afterAll(() => h.close());

const CALLS = [
  ['txsj-committee', 'roles.list', {}],
  ['txsj-committee', 'roster.list', { size: 20 }],
  ['txsj-committee', 'invite.list', { size: 20 }],
  ['txsj-lead-3', 'roster.list', { size: 20 }],
  ['txsj-lead-3', 'invite.list', { size: 20 }],
  ['community-admin', 'roles.list', {}],
  ['community-admin', 'roster.list', { size: 20 }],
] as const;

async function measureAll() {
  const out: Record<string, { queries: number; reads: number; scanned: number; result: unknown }> = {};
  for (const [who, action, payload] of CALLS) {
    const m = await h.emu.measure(() => h.as(who).ok('accounts', action, payload));
    out[`${who} ${action}`] = { queries: m.queries, reads: m.reads, scanned: m.scanned, result: m.result };
  }
  return out;
}

it('reads and rows scanned do not grow with 300 more compounds in other communities', async () => {
  const before = await measureAll();
  h.emu.seed('communities', [{ _id: 'far-1', name: '远方社区' }]);
  h.emu.seed(
    'compounds',
    Array.from({ length: 300 }, (_, i) =>
      withNameKeys({ _id: `far-c${String(i).padStart(3, '0')}`, communityId: 'far-1', name: `远方小区${i + 1}` }),
    ),
  );
  h.emu.seed(
    'buildings',
    Array.from({ length: 300 * 10 }, (_, i) => ({
      _id: `far-c${String(Math.floor(i / 10)).padStart(3, '0')}-b${(i % 10) + 1}`,
      communityId: 'far-1',
      compoundId: `far-c${String(Math.floor(i / 10)).padStart(3, '0')}`,
      no: (i % 10) + 1,
      name: `${(i % 10) + 1}栋`,
      kind: 'residential',
      hasLift: false,
      units: ['1', '2'],
      homeCount: 40,
    })),
  );
  // The seed is there: a newcomer's search finds them.
  expect((await h.as('demo-new-scopes').ok('accounts', 'compounds.search', { q: '远方', size: 50 })).nextCursor).toBeDefined();
  const after = await measureAll();
  for (const key of Object.keys(before)) {
    const cost = (x: (typeof before)[string]) => ({ key, queries: x.queries, reads: x.reads, scanned: x.scanned });
    expect(cost(after[key])).toEqual(cost(before[key]));
    expect(after[key].result).toEqual(before[key].result);
  }
  // The office's picker is its community's compounds, the committee's its own.
  expect((before['community-admin roles.list'].result as { compounds: { id: string }[] }).compounds.map((c) => c.id)).toEqual([
    'txsj',
    'yjlt',
  ]);
  expect((before['txsj-committee roles.list'].result as { compounds: { id: string }[] }).compounds.map((c) => c.id)).toEqual(['txsj']);
});
