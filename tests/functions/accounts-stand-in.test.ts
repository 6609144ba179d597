/**
 * 社区代行业委会 (day one, a compound without a committee): the community worker takes
 * the committee's place with roles.standIn and then holds every committee permission
 * there, until a committee member is appointed, which hands the compound back.
 */
import { main as accounts } from '../../cloudfunctions/accounts';
import { can, PERMISSIONS, type Permission } from '../../core/authz';
import { createHarness, type Harness } from '../support/harness';
import type { Reply } from '../../core/platform/errors';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts: accounts as any });
  // 新城花园: a compound of the community with no committee (nobody holds a role there).
  await h.db
    .collection('compounds')
    .doc('xcgy')
    .set({ data: { communityId: 'qiaoxing', name: '新城花园' } });
}, 60_000);
afterAll(() => h.close());

/** The error code of a reply, or OK. */
const codeOf = (r: Reply<unknown>) => (r.ok ? 'OK' : r.error.code);
const worker = () => h.as('community-admin');
const standIns = async () => (await h.db.collection('roles').where({ compoundId: 'xcgy', role: 'committeeStandIn' }).get()).data;

it('the stand-in holds exactly the committee’s permissions in its compound, and nothing elsewhere', () => {
  const place = { communityId: 'qiaoxing', compoundId: 'xcgy' };
  const standIn = { roles: [{ role: 'committeeStandIn' as const, ...place }] };
  const committee = { roles: [{ role: 'committeeMember' as const, ...place }] };
  const permissions = Object.keys(PERMISSIONS) as Permission[];
  // What a committee holds across its community (示范创建: seeing and rating the other compounds) is not the
  // stand-in's: the worker is the community office, which must not rate compounds as one of them.
  const communityWide = (p: Permission) => PERMISSIONS[p].some(([role, scope]) => role === 'committeeMember' && scope === 'community');
  expect(permissions.filter((p) => !communityWide(p) && can(standIn, p, place) !== can(committee, p, place))).toEqual([]);
  expect(permissions.filter(communityWide)).toEqual(['scorecard.view', 'scorecard.rate', 'case.read']);
  expect(permissions.filter((p) => can(standIn, p, place))).toEqual(
    expect.arrayContaining(['roster.import', 'fees.rate.set', 'binding.decide']),
  );
  expect(permissions.filter((p) => can(standIn, p, { communityId: 'qiaoxing', compoundId: 'txsj' }))).toEqual([]);
});

it('a worker runs a compound without a committee once they stand in, and hands it back when one is appointed', async () => {
  expect(codeOf(await worker().call('accounts', 'roster.export', { compoundId: 'xcgy' }))).toBe('FORBIDDEN');

  // Twenty taps at once: one grant.
  const taps = await Promise.all(
    Array.from({ length: 20 }, () => worker().call('accounts', 'roles.standIn', { compoundId: 'xcgy', on: true })),
  );
  expect(taps.every((t) => t.ok || codeOf(t) === 'CONFLICT')).toBe(true);
  expect(taps.filter((t) => t.ok).length).toBeGreaterThan(0);
  expect(await standIns()).toHaveLength(1);
  expect((await worker().call('accounts', 'roster.export', { compoundId: 'xcgy' })).ok).toBe(true);
  const list = await worker().ok('accounts', 'roles.list', { compoundId: 'xcgy' });
  expect(list.items.map((r: any) => [r.label, r.personName])).toEqual([['社区代行业委会', '周文华']]);

  // An elected committee member is appointed: the stand-in ends.
  await worker().ok('accounts', 'roles.grant', { personId: 'p-txsj-resident-3', role: 'committeeMember', compoundId: 'xcgy' });
  expect(await standIns()).toHaveLength(0);
  expect(codeOf(await worker().call('accounts', 'roster.export', { compoundId: 'xcgy' }))).toBe('FORBIDDEN');
  // And may not be taken again while the compound has its committee.
  const again = await h.emu.measure(() => worker().call('accounts', 'roles.standIn', { compoundId: 'xcgy', on: true }));
  expect([codeOf(again.result), again.writes]).toEqual(['STAND_IN_REFUSED', 0]);
});

it('refused where a committee exists, for everyone but the community, and never through roles.grant', async () => {
  const txsj = await h.emu.measure(() => worker().call('accounts', 'roles.standIn', { compoundId: 'txsj', on: true }));
  expect([codeOf(txsj.result), txsj.writes]).toEqual(['STAND_IN_REFUSED', 0]);
  await h.db
    .collection('compounds')
    .doc('xcgy2')
    .set({ data: { communityId: 'qiaoxing', name: '新城花园二期' } });
  for (const who of ['txsj-committee', 'txsj-secretary', 'txsj-lead-3', 'txsj-resident-3']) {
    expect([who, codeOf(await h.as(who).call('accounts', 'roles.standIn', { compoundId: 'xcgy2', on: true }))]).toEqual([who, 'FORBIDDEN']);
  }
  const granted = await worker().call('accounts', 'roles.grant', {
    personId: 'p-txsj-resident-3',
    role: 'committeeStandIn',
    compoundId: 'xcgy2',
  });
  expect(codeOf(granted)).toBe('BAD_REQUEST');
  // Taken, then handed back.
  await worker().ok('accounts', 'roles.standIn', { compoundId: 'xcgy2', on: true });
  expect((await worker().call('accounts', 'roster.export', { compoundId: 'xcgy2' })).ok).toBe(true);
  await worker().ok('accounts', 'roles.standIn', { compoundId: 'xcgy2', on: false });
  expect(codeOf(await worker().call('accounts', 'roster.export', { compoundId: 'xcgy2' }))).toBe('FORBIDDEN');
});
