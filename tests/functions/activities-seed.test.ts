/** The demo data reads back through the function: hours credited, a full activity with a waitlist, answered help requests. */
import { main as activities } from '../../cloudfunctions/activities';
import { buildSeed } from '../../scripts/lib/seed-data';
import { createHarness, type Harness } from '../support/harness';

jest.setTimeout(60_000);
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ activities: activities as any }, buildSeed(), { features: ['activities'] });
});
afterAll(() => h.close());

it('past activities credited hours; the ranking shows party members who show it', async () => {
  const mine = await h
    .as('txsj-lead-3')
    .ok('activities', 'activities.hours', { scope: 'me', year: String(new Date(Date.now() - 40 * 86_400_000).getFullYear()) });
  expect(mine.items.length).toBeGreaterThan(0);
  const r = await h.as('txsj-resident-3').ok('activities', 'activities.ranking', { compoundId: 'txsj' });
  expect(r.rows.every((x: any) => x.partyBadge)).toBe(true);
});

it('upcoming: places left, and one full with a waitlist', async () => {
  const open = await h.as('txsj-resident-3b').ok('activities', 'activities.list', { box: 'open' });
  expect(open.items.map((a: any) => a.title)).toEqual(expect.arrayContaining(['3栋楼道清洁', '周末文明劝导', '敬老包饺子']));
  const full = await h.as('txsj-resident-3b').ok('activities', 'activities.get', { activityId: 'aseedelder000001' });
  expect([full.confirmed, full.waiting]).toEqual([3, 2]);
});

it('answered help requests are seen by their requester', async () => {
  const mine = await h.as('txsj-resident-3').ok('activities', 'help.list', { box: 'mine' });
  expect(mine.items[0]).toMatchObject({ status: 'closed', thanks: expect.any(String), takerName: expect.any(String) });
});

it('the 志愿时长 page reads in one call what the four separate reads return', async () => {
  const who = h.as('txsj-resident-3');
  const page = await who.ok('activities', 'activities.hoursPage', {});
  expect(page.mine).toEqual(await who.ok('activities', 'activities.hours', { scope: 'me' }));
  expect(page.compound).toEqual(await who.ok('activities', 'activities.hours', { scope: 'compound', compoundId: 'txsj' }));
  expect(page.ranking).toEqual(await who.ok('activities', 'activities.ranking', { compoundId: 'txsj' }));
  expect(page.building?.scope).toBe('building');
  // Someone without a home (the community worker) sees their own hours only.
  const worker = await h.as('community-admin').ok('activities', 'activities.hoursPage', {});
  expect([worker.mine.scope, worker.building, worker.compound, worker.ranking]).toEqual(['me', null, null, null]);
});

it('the 邻里服务 page reads in one call what its three reads return', async () => {
  const who = h.as('txsj-resident-3');
  const page = await who.ok('activities', 'service.page', {});
  expect(page.me).toEqual(await who.ok('activities', 'service.me', {}));
  expect(page.mine).toEqual(await who.ok('activities', 'help.list', { box: 'mine' }));
  expect(page.team).toEqual(await who.ok('activities', 'help.list', { box: 'team' }));
  expect(page.mine.items.length).toBeGreaterThan(0);
});
