/** The party demo is what the issue asks for: the article's member counts, 包联 on most homes, six months of visits, one member shown and one not, a finished and an open selection, a year of each branch's book that verifies. */
import { TXSJ, YJLT } from '../../scripts/lib/seed-data';
import type { Harness } from '../support/harness';
import { partyHarness } from './party-support';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await partyHarness();
});
afterAll(() => h.close());

const count = async (c: string, where: object) => (await h.db.collection(c).where(where).count()).total;

it('47 members in 天翔世家 and 37 in 御家兰庭, each a party member in the directory', async () => {
  expect(await count('partyMembers', { compoundId: TXSJ })).toBe(47);
  expect(await count('partyMembers', { compoundId: YJLT })).toBe(37);
  const ids = ((await h.db.collection('partyMembers').limit(100).get()).data as { personId: string }[]).map((m) => m.personId);
  expect(await count('people', { _id: h.db.command.in(ids), partyMember: true })).toBe(84);
});

it('包联 covers most homes, six months of visits, a few follow-ups open', async () => {
  for (const c of [TXSJ, YJLT]) {
    const homes = h.seed.homes.filter((x) => x.compoundId === c).length;
    const assigned = await count('partyAssignments', { compoundId: c });
    expect(assigned / homes).toBeGreaterThan(0.85);
    expect(assigned).toBeLessThan(homes);
  }
  const visits = (await h.db.collection('partyVisits').where({ compoundId: TXSJ }).limit(1000).get()).data as {
    period: string;
    followUpOpen: boolean;
  }[];
  expect(new Set(visits.map((v) => v.period)).size).toBeGreaterThanOrEqual(6);
  expect(visits.some((v) => v.followUpOpen)).toBe(true);
});

it('李秀英 shows herself, 张卫东 does not; a finished and an open selection; a year of the book', async () => {
  const [li, zhang] = await Promise.all(
    ['p-txsj-lead-3', 'p-txsj-lead-5'].map(async (id) => (await h.db.collection('people').where({ _id: id }).get()).data[0] as any),
  );
  expect([li.showPartyBadge, zhang.showPartyBadge]).toEqual([true, false]);
  const list = await h.as('txsj-resident-3').ok('party', 'party.selections', {});
  expect(list.items.map((s: { phase: string }) => s.phase).sort()).toEqual(['nominating', 'published']);
  const done = await h
    .as('txsj-resident-3')
    .ok('party', 'party.selection', { selectionId: list.items.find((s: any) => s.phase === 'published').id });
  expect(done.winners).toHaveLength(3);
  for (const c of [TXSJ, YJLT]) {
    const b = await h.as(c === TXSJ ? 'txsj-secretary' : 'yjlt-secretary').ok('party', 'party.book', { compoundId: c });
    expect(b.entries.filter((e: any) => e.categoryLabel === '书记工作补贴').length).toBeGreaterThanOrEqual(11);
    expect(b.entries.at(-1)).toMatchObject({ seq: 1, categoryLabel: '组建启动经费', amountFen: 300_000 });
    expect(b.balanceFen).toBeGreaterThan(0);
    expect((await h.as(c === TXSJ ? 'txsj-secretary' : 'yjlt-secretary').ok('party', 'party.verify', { compoundId: c })).ok).toBe(true);
  }
});
