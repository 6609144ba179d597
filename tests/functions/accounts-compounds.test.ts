/**
 * Compounds at district size (one environment, ~500 compounds): a newcomer finds theirs
 * by name (compounds.search: an indexed lookup of the name's keys, names and communities
 * only) and reads the one picked (compounds.get, also a poster's direct path); staff and
 * residents' pickers (compounds.list) get their own compounds only. 300 more compounds
 * elsewhere change neither the answers nor the reads and rows scanned of any of them.
 */
import { main as accounts } from '../../cloudfunctions/accounts';
import { backfillCompoundKeys } from '../../cloudfunctions/accounts/compounds';
import { compoundNameKeys, compoundQueryKeys, searchForm } from '../../core/accounts/search';
import { parseSetupRows, setupIds } from '../../core/onboarding/rules';
import { runSetup } from '../../scripts/lib/setup';
import { COMMUNITY_ID } from '../../scripts/lib/seed-data';
import { createHarness, type Harness } from '../support/harness';
import { expectBadInputRefused } from '../support/matrix';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts: accounts as any });
});
afterAll(() => h.close());

const names = async (who: string, payload: Record<string, unknown>) =>
  (await h.as(who).ok('accounts', 'compounds.search', payload)).items.map((c: { name: string }) => c.name);

describe('search keys', () => {
  it('cut a name into its characters and neighbouring pairs; a query asks for its pairs', () => {
    expect(compoundNameKeys('天翔世家')).toEqual(['天', '翔', '世', '家', '天翔', '翔世', '世家']);
    expect(compoundQueryKeys('天翔')).toEqual(['天翔']);
    expect(compoundQueryKeys('翔世家')).toEqual(['翔世', '世家']);
    expect(compoundQueryKeys('兰')).toEqual(['兰']);
    // Spaces, invisible characters and 全角 are not part of a name's search form.
    expect(searchForm(' 天\u200B翔　世家 ')).toBe('天翔世家');
    expect(searchForm('ＡＢＣ花园')).toBe('abc花园');
  });
});

describe('compounds.search', () => {
  it('finds 天翔世家 by 天翔, by one character and by its end; typed spaces and invisible characters do not matter', async () => {
    const who = 'demo-new-search';
    expect(await h.as(who).ok('accounts', 'compounds.search', { q: '天翔' })).toEqual({
      items: [{ id: 'txsj', name: '天翔世家', communityName: '侨兴社区' }],
    });
    expect(await names(who, { q: '兰' })).toEqual(['御家兰庭']);
    expect(await names(who, { q: '家' })).toEqual(['天翔世家', '御家兰庭']);
    expect(await names(who, { q: '世家' })).toEqual(['天翔世家']);
    expect(await names(who, { q: ' 天\u200B翔 ' })).toEqual(['天翔世家']);
    // The characters must stand together as in the name.
    expect(await names(who, { q: '天世' })).toEqual([]);
    expect(await names(who, { q: '不存在的小区' })).toEqual([]);
  });

  it('pages by name, 20 at a time', async () => {
    h.emu.seed(
      'compounds',
      Array.from({ length: 45 }, (_, i) => ({
        _id: `hp${String(i).padStart(2, '0')}`,
        communityId: 'hp-community',
        name: `和平里${String(i + 1).padStart(2, '0')}号院`,
        nameKeys: compoundNameKeys(`和平里${String(i + 1).padStart(2, '0')}号院`),
      })),
    );
    h.emu.seed('communities', [{ _id: 'hp-community', name: '和平社区' }]);
    const who = h.as('demo-new-paging');
    const seen: string[] = [];
    let cursor: string | undefined;
    const scanned: number[] = [];
    do {
      const m = await h.emu.measure(() => who.ok('accounts', 'compounds.search', { q: '和平', ...(cursor ? { cursor } : {}) }));
      seen.push(...m.result.items.map((c: { name: string }) => c.name));
      scanned.push(m.scanned);
      cursor = m.result.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `和平里${String(i + 1).padStart(2, '0')}号院`));
    expect(scanned).toHaveLength(3);
    // The index gives the name order: a page reads what it skips and shows (+1), and the community.
    expect(scanned).toEqual([21 + 1, 41 + 1, 45 + 1]);
    for (const c of seen) expect(c).toMatch(/^和平里/);
    await h.db.collection('compounds').where({ communityId: 'hp-community' }).remove();
  });

  it('refuses an empty, invisible or too long query, and a bad page, writing nothing', async () => {
    await expectBadInputRefused(
      h,
      'accounts',
      'compounds.search',
      'demo-new-bad',
      { q: '天翔' },
      {
        rules: [
          { q: '' },
          { q: '   ' },
          { q: '\u200B\u200C\u2060' },
          { q: '、。 ·' },
          { q: '天'.repeat(21) },
          { q: '天翔', size: 0 },
          { q: '天翔', cursor: 'x' },
        ],
      },
    );
    const r = await h.as('demo-new-bad').call('accounts', 'compounds.search', { q: '\u200B ' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('请输入小区名称') } });
  });
});

describe('compounds.get', () => {
  it('reads one compound with its buildings, by id or by one of its buildings (a poster)', async () => {
    const byId = await h.as('demo-new-get').ok('accounts', 'compounds.get', { compoundId: 'yjlt' });
    expect(byId).toMatchObject({ id: 'yjlt', name: '御家兰庭', communityName: '侨兴社区' });
    expect(byId.buildings.length).toBeGreaterThan(0);
    expect(await h.as('demo-new-get').ok('accounts', 'compounds.get', { buildingId: 'txsj-b3' })).toMatchObject({ id: 'txsj' });
    for (const payload of [{ compoundId: 'nope' }, { buildingId: 'nope' }])
      expect(await h.as('demo-new-get').call('accounts', 'compounds.get', payload)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringMatching(/没有找到/) },
      });
  });

  it('needs exactly one of compound and building', async () => {
    await expectBadInputRefused(
      h,
      'accounts',
      'compounds.get',
      'demo-new-get',
      { compoundId: 'txsj' },
      {
        rules: [{}, { compoundId: 'txsj', buildingId: 'txsj-b3' }],
      },
    );
  });
});

describe('compounds.list', () => {
  it('gives staff the compounds they work in and residents those they live in; a newcomer none', async () => {
    const list = async (who: string, payload = {}) =>
      (await h.as(who).ok('accounts', 'compounds.list', payload)).map((c: { id: string }) => c.id);
    expect(await list('demo-new-list')).toEqual([]);
    expect(await list('txsj-resident-3')).toEqual(['txsj']);
    expect(await list('txsj-committee')).toEqual(['txsj']);
    expect(await list('community-admin')).toEqual(['txsj', 'yjlt']);
    expect(await list('community-admin', { compoundIds: ['yjlt'] })).toEqual(['yjlt']);
    // Naming a compound one does not belong to gives nothing of it.
    expect(await list('txsj-committee', { compoundIds: ['yjlt'] })).toEqual([]);
  });
});

const CALLS = [
  ['demo-new-cost', 'compounds.search', { q: '天翔' }],
  ['demo-new-cost', 'compounds.search', { q: '家' }],
  ['demo-new-cost', 'compounds.search', { q: '翔世家' }],
  ['demo-new-cost', 'compounds.search', { q: '没有这个' }],
  ['demo-new-cost', 'compounds.get', { compoundId: 'txsj' }],
  ['demo-new-cost', 'compounds.get', { buildingId: 'yjlt-b2' }],
  ['demo-new-cost', 'compounds.list', {}],
  ['txsj-resident-3', 'compounds.list', {}],
  ['txsj-committee', 'compounds.list', {}],
  ['txsj-lead-3', 'compounds.list', { compoundIds: ['txsj'] }],
  ['txsj-manager', 'compounds.list', { compoundIds: ['txsj'] }],
  ['community-admin', 'compounds.list', {}],
  ['community-admin', 'compounds.list', { compoundIds: ['yjlt'] }],
] as const;

async function measureAll() {
  const out: Record<string, { queries: number; reads: number; scanned: number; result: unknown }> = {};
  for (const [who, action, payload] of CALLS) {
    const m = await h.emu.measure(() => h.as(who).ok('accounts', action, payload));
    out[`${who} ${action} ${JSON.stringify(payload)}`] = { queries: m.queries, reads: m.reads, scanned: m.scanned, result: m.result };
  }
  return out;
}

it('reads, rows scanned and answers of search, get and every picker stay the same with 300 more compounds elsewhere', async () => {
  const before = await measureAll();
  const far = (i: number) => `far-c${String(i).padStart(3, '0')}`;
  h.emu.seed('communities', [{ _id: 'far-1', name: '远方社区' }]);
  h.emu.seed(
    'compounds',
    Array.from({ length: 300 }, (_, i) => ({
      _id: far(i),
      communityId: 'far-1',
      name: `远方小区${i + 1}`,
      nameKeys: compoundNameKeys(`远方小区${i + 1}`),
    })),
  );
  h.emu.seed(
    'buildings',
    Array.from({ length: 300 * 10 }, (_, i) => ({
      _id: `${far(Math.floor(i / 10))}-b${(i % 10) + 1}`,
      communityId: 'far-1',
      compoundId: far(Math.floor(i / 10)),
      no: (i % 10) + 1,
      name: `${(i % 10) + 1}栋`,
      kind: 'residential',
      hasLift: false,
      units: ['1', '2'],
      homeCount: 40,
    })),
  );
  // They are there: a search for them finds them.
  expect((await h.as('demo-new-cost').ok('accounts', 'compounds.search', { q: '远方', size: 50 })).items).toHaveLength(50);
  const after = await measureAll();
  for (const key of Object.keys(before)) {
    const cost = (x: (typeof before)[string]) => ({ key, queries: x.queries, reads: x.reads, scanned: x.scanned });
    expect(cost(after[key])).toEqual(cost(before[key]));
    expect(after[key].result).toEqual(before[key].result);
  }
  // A search reads what it shows (and the communities), never the collection.
  expect(before['demo-new-cost compounds.search {"q":"天翔"}'].scanned).toBeLessThanOrEqual(2);
  expect(after['demo-new-cost compounds.search {"q":"天翔"}'].scanned).toBeLessThanOrEqual(2);
});

describe('keys kept current', () => {
  it('setup writes a new compound with its keys; the backfill fills missing and renamed ones, and a second run writes nothing', async () => {
    const { spec } = parseSetupRows([
      ['社区', '小区', '地址', '楼栋', '单元数', '电梯', '类型'],
      ['侨兴社区', '锦绣江南', '', '1栋', '1', '无', '住宅'],
    ]);
    await runSetup(h.db, spec!, { now: new Date(), claim: null });
    expect(await names('demo-new-keys', { q: '锦绣' })).toEqual(['锦绣江南']);
    const made = setupIds.compound(COMMUNITY_ID, '锦绣江南');

    // Written before search existed (no keys), and renamed by hand in the console (stale keys).
    h.emu.seed('compounds', [{ _id: 'old-1', communityId: COMMUNITY_ID, name: '碧水湾' }]);
    await h.db
      .collection('compounds')
      .doc(made)
      .update({ data: { name: '锦绣南岸' } });
    expect(await names('demo-new-keys', { q: '碧水' })).toEqual([]);
    expect(await names('demo-new-keys', { q: '南岸' })).toEqual([]);

    expect(await backfillCompoundKeys(h.db)).toBe(2);
    expect(await names('demo-new-keys', { q: '碧水' })).toEqual(['碧水湾']);
    expect(await names('demo-new-keys', { q: '南岸' })).toEqual(['锦绣南岸']);
    expect(await names('demo-new-keys', { q: '江南' })).toEqual([]);
    const { result, writes } = await h.emu.measure(() => backfillCompoundKeys(h.db));
    expect([result, writes]).toEqual([0, 0]);
  });
});
