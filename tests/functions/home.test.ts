/**
 * home.get: the 首页 in one call. For each kind of person it answers exactly what the
 * card actions answer one by one (me.get, notices.list inbox/authored, fees.summary,
 * activities.home, matters.list openOnly, repairs.home, vehicles.home, concerns.home, community.home), in one invocation; the
 * authored list only for those who may post; no identity is refused; a payload with
 * anything in it is refused and writes nothing.
 */
import { createHarness, type Harness } from '../support/harness';
import { main as accounts } from '../../cloudfunctions/accounts';
import { main as notices } from '../../cloudfunctions/notices';
import { main as fees } from '../../cloudfunctions/fees';
import { main as activities } from '../../cloudfunctions/activities';
import { main as votes } from '../../cloudfunctions/votes';
import { main as repairs } from '../../cloudfunctions/repairs';
import { main as vehicles } from '../../cloudfunctions/vehicles';
import { main as concerns } from '../../cloudfunctions/concerns';
import { main as community } from '../../cloudfunctions/community';
import { main as party } from '../../cloudfunctions/party';
import { main as home } from '../../cloudfunctions/home';

jest.setTimeout(120_000);
let h: Harness;
/** Invocations per function (every main is wrapped): the 首页 must cost one. */
const invoked: Record<string, number> = {};
beforeAll(async () => {
  const mains: Record<string, (e: unknown, c?: unknown) => Promise<any>> = {
    accounts,
    notices,
    fees,
    activities,
    votes,
    repairs,
    vehicles,
    concerns,
    community,
    party,
    home,
  };
  const counted = Object.fromEntries(
    Object.entries(mains).map(([n, m]) => [n, (e: unknown, c?: unknown) => ((invoked[n] = (invoked[n] ?? 0) + 1), m(e, c))]),
  );
  h = await createHarness(counted as any, undefined, {
    features: ['notices', 'fees', 'activities', 'repairs', 'votes', 'vehicles', 'concerns', 'community', 'party'],
  });
});
afterAll(() => h.close());

const PEOPLE = [
  'txsj-resident-3',
  'txsj-lead-3',
  'txsj-committee',
  'txsj-secretary',
  'txsj-manager',
  'txsj-staff',
  'yjlt-resident-5',
  'community-admin',
];

test.each(PEOPLE)('%s: one call answers me and every card as the card actions do', async (who) => {
  const p = h.as(who);
  const m = await h.emu.measure(() => p.ok('home', 'home.get', {}));
  const view = m.result;
  const same = async (fn: string, action: string, payload: unknown) => {
    const r = await p.call(fn, action, payload);
    return r.ok ? { ok: true, data: r.data } : { ok: false, error: r.error };
  };
  expect(view.me).toEqual(await p.ok('accounts', 'me.get', {}));
  const inbox = await same('notices', 'notices.list', { box: 'inbox', size: 20 });
  const posts = view.me.roles.some((r: { role: string }) =>
    ['buildingLead', 'branchSecretary', 'committeeMember', 'propertyManager', 'communityAdmin'].includes(r.role),
  );
  expect(view.cards.notices).toEqual({
    ok: true,
    data: {
      inbox: (inbox as any).data,
      authored: posts ? ((await same('notices', 'notices.list', { box: 'authored', size: 3 })) as any).data : null,
    },
  });
  expect(view.cards.fees).toEqual(await same('fees', 'fees.summary', {}));
  expect(view.cards.activities).toEqual(await same('activities', 'activities.home', {}));
  expect(view.cards.votes).toEqual(await same('votes', 'matters.list', { openOnly: true }));
  expect(view.cards.repairs).toEqual(await same('repairs', 'repairs.home', {}));
  expect(view.cards.vehicles).toEqual(await same('vehicles', 'vehicles.home', {}));
  expect(view.cards.concerns).toEqual(await same('concerns', 'concerns.home', {}));
  expect(view.cards.community).toEqual(await same('community', 'community.home', {}));
  expect(view.cards.party).toEqual(await same('party', 'party.home', {}));
});

test('a resident’s 首页 is one invocation and writes nothing', async () => {
  const before = await h.snapshot();
  for (const k of Object.keys(invoked)) delete invoked[k];
  const m = await h.emu.measure(() => h.as('txsj-resident-3').ok('home', 'home.get', {}));
  expect(invoked).toEqual({ home: 1 });
  expect(m.result.cards).toMatchObject({
    notices: { ok: true },
    fees: { ok: true },
    activities: { ok: true },
    votes: { ok: true },
    repairs: { ok: true },
  });
  expect(m.writes).toBe(0);
  expect(await h.snapshot()).toBe(before);
});

test('no identity is refused; a payload with anything in it is a BAD_REQUEST that writes nothing', async () => {
  expect(await h.as('').call('home', 'home.get', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  const before = await h.snapshot();
  for (const payload of [{ openid: 'demo-txsj-committee' }, { size: 1000 }, []]) {
    expect(await h.as('txsj-resident-3').call('home', 'home.get', payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  }
  expect(await h.snapshot()).toBe(before);
});

test('the community card: the office sees its community, a compound’s branch its 示范创建 to do, a resident nothing', async () => {
  const office = await h.as('community-admin').ok('home', 'home.get', {});
  expect(office.cards.community).toMatchObject({
    ok: true,
    data: { office: { communityName: '侨兴社区', compounds: 4, modelName: '天翔世家' }, compound: null },
  });
  const sec = await h.as('txsj-secretary').ok('home', 'home.get', {});
  expect(sec.cards.community).toMatchObject({
    ok: true,
    data: { office: null, compound: { compoundId: 'txsj', name: '天翔世家', assessed: true, toRate: 1 } },
  });
  expect((await h.as('txsj-resident-3').ok('home', 'home.get', {})).cards.community).toEqual({ ok: true, data: null });
});
