/**
 * 好邻居 / 好家庭: nominating one's own household and voting for it are refused; a
 * nominee shows publicly only after accepting; one vote per home however many calls
 * race (50 parallel → 1); unbound accounts cannot vote; results only after close.
 */
import { TXSJ } from '../../scripts/lib/seed-data';
import { newRequestId, type Harness } from '../support/harness';
import { partyHarness } from './party-support';

jest.setTimeout(180_000);
let h: Harness;
let sel: string;
const homeOf = (who: string) => h.seed.memberships.find((m) => m.personId === `p-${who}` && m.status === 'active')!.homeId;
const CHEN = 'txsj-resident-3';
const WU = 'txsj-resident-3b';
const ZHENG = 'txsj-resident-5';

beforeAll(async () => {
  h = await partyHarness();
  const s = await h.as('txsj-secretary').ok('party', 'party.openSelection', {
    clientRequestId: newRequestId(),
    compoundId: TXSJ,
    kind: 'neighbour',
    title: '本季好邻居',
    rules: '每户一票，得票最多的两户当选。',
    places: 2,
    nominateDays: 7,
    voteDays: 7,
  });
  sel = s.id;
});
afterAll(() => h.close());

it('nominating one’s own household is refused; a neighbour’s shows publicly only after accepting', async () => {
  const own = await h
    .as(CHEN)
    .call('party', 'party.nominate', { selectionId: sel, homeId: homeOf(CHEN), nomineeHomeId: homeOf(CHEN), reason: '我家很热心' });
  expect(own).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '不能提名自己家' } });
  const d = await h
    .as(CHEN)
    .ok('party', 'party.nominate', { selectionId: sel, homeId: homeOf(CHEN), nomineeHomeId: homeOf(WU), reason: '常帮我拿快递' });
  expect(d.nominees).toEqual([expect.objectContaining({ homeId: homeOf(WU), accepted: false })]);
  // Others do not see a nominee who has not accepted.
  expect((await h.as(ZHENG).ok('party', 'party.selection', { selectionId: sel })).nominees).toEqual([]);
  const invited = await h.as(WU).ok('party', 'party.selection', { selectionId: sel });
  expect(invited.invitation).toMatchObject({ homeId: homeOf(WU) });
  await h.as(WU).ok('party', 'party.accept', { selectionId: sel, homeId: homeOf(WU), accept: true, shownAs: '吴家' });
  const pub = await h.as(ZHENG).ok('party', 'party.selection', { selectionId: sel });
  expect(pub.nominees).toEqual([expect.objectContaining({ homeId: homeOf(WU), accepted: true, label: expect.stringContaining('吴家') })]);
  expect(pub.nominees[0].votes).toBeUndefined();
  // Someone else's household cannot accept for them.
  expect(await h.as(ZHENG).call('party', 'party.accept', { selectionId: sel, homeId: homeOf(WU), accept: false })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  // 郑海涛 is nominated too and accepts.
  await h
    .as(CHEN)
    .ok('party', 'party.nominate', { selectionId: sel, homeId: homeOf(CHEN), nomineeHomeId: homeOf(ZHENG), reason: '义务修好了门禁' });
  await h.as(ZHENG).ok('party', 'party.accept', { selectionId: sel, homeId: homeOf(ZHENG), accept: true, shownAs: '郑家' });
});

it('no voting before nominations close; then one vote per home, never for one’s own, never unbound', async () => {
  expect(await h.as(CHEN).call('party', 'party.vote', { selectionId: sel, homeId: homeOf(CHEN), nomineeHomeId: homeOf(WU) })).toMatchObject(
    {
      ok: false,
      error: { code: 'BAD_REQUEST' },
    },
  );
  await h.db
    .collection('partySelections')
    .where({ _id: sel })
    .update({ data: { nominateUntil: new Date(Date.now() - 1000) } });
  const own = await h.as(WU).call('party', 'party.vote', { selectionId: sel, homeId: homeOf(WU), nomineeHomeId: homeOf(WU) });
  expect(own).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '不能给自己家投票' } });
  const unbound = await h
    .as('demo-new-voter')
    .call('party', 'party.vote', { selectionId: sel, homeId: homeOf(CHEN), nomineeHomeId: homeOf(WU) });
  expect(unbound.ok).toBe(false);
  // Someone voting from a home that is not theirs.
  expect(
    await h.as(ZHENG).call('party', 'party.vote', { selectionId: sel, homeId: homeOf(CHEN), nomineeHomeId: homeOf(WU) }),
  ).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
});

it('50 parallel votes from one home count once', async () => {
  const results = await Promise.all(
    Array.from({ length: 50 }, () =>
      h.as(CHEN).call('party', 'party.vote', { selectionId: sel, homeId: homeOf(CHEN), nomineeHomeId: homeOf(WU) }),
    ),
  );
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  for (const r of results.filter((x) => !x.ok)) expect(['BAD_REQUEST', 'CONFLICT']).toContain((r as any).error.code);
  const ballots = await h.db.collection('partyBallots').where({ selectionId: sel }).count();
  expect(ballots.total).toBe(1);
  const n = (
    await h.db
      .collection('partyNominees')
      .where({ selectionId: sel, homeId: homeOf(WU) })
      .get()
  ).data[0] as any;
  expect(n.votes).toBe(1);
  // A second person of the same home (a family member) is the same home: refused.
  expect(
    await h.as(CHEN).call('party', 'party.vote', { selectionId: sel, homeId: homeOf(CHEN), nomineeHomeId: homeOf(ZHENG) }),
  ).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST' },
  });
});

it('results only after close: counts hidden while voting, the 荣誉榜 once published', async () => {
  await h.as(ZHENG).ok('party', 'party.vote', { selectionId: sel, homeId: homeOf(ZHENG), nomineeHomeId: homeOf(WU) });
  const during = await h.as(CHEN).ok('party', 'party.selection', { selectionId: sel });
  expect(during.winners).toEqual([]);
  expect(during.nominees.every((n: any) => n.votes === undefined)).toBe(true);
  expect(await h.as(CHEN).call('party', 'party.publish', { selectionId: sel })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const pub = await h.as('txsj-secretary').ok('party', 'party.publish', { selectionId: sel });
  expect(pub.phase).toBe('published');
  expect(pub.winners.map((w: any) => w.homeId)).toEqual([homeOf(WU)]);
  expect(pub.winners[0].votes).toBe(2);
  expect(pub.shareText).toContain('吴家');
  // After close nobody votes.
  expect(await h.as(WU).call('party', 'party.vote', { selectionId: sel, homeId: homeOf(WU), nomineeHomeId: homeOf(ZHENG) })).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST' },
  });
  // The demo's finished selection shows its 荣誉榜 to a resident.
  const list = await h.as(CHEN).ok('party', 'party.selections', {});
  expect(list.items.map((i: any) => i.phase)).toEqual(expect.arrayContaining(['published', 'nominating']));
});
