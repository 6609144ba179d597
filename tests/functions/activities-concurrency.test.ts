/**
 * 200 people sign up at once for 10 places: exactly 10 confirmed and 190 waiting,
 * in the order they arrived; nobody twice, even when each of them taps twice or a
 * transaction holds the list meanwhile; cancellations promote the first waiting, in
 * order, each told once.
 */
import { main as activities } from '../../cloudfunctions/activities';
import { ACTIVITY_TEMPLATE_ID } from '../../core/activities/contract';
import { buildSeed } from '../../scripts/lib/seed-data';
import { createHarness, newRequestId, type Harness } from '../support/harness';

jest.setTimeout(120_000);

let h: Harness;
const seed = buildSeed();
/** 200 residents of 天翔世家 (generated owners), in a fixed order. */
const crowd = seed.people
  .filter((p) => p._id.startsWith('p-gen-') && seed.memberships.some((m) => m.personId === p._id && m.compoundId === 'txsj'))
  .slice(0, 200);

beforeAll(async () => {
  h = await createHarness({ activities: activities as any }, seed);
});
afterAll(() => h.close());

const hour = 3_600_000;
async function create(capacity: number, title = '文明劝导') {
  const now = Date.now();
  return h.as('txsj-secretary').ok('activities', 'activities.create', {
    clientRequestId: newRequestId(),
    title,
    description: '在小区门口劝导文明养犬。',
    place: '小区南门',
    startAt: new Date(now + 48 * hour).toISOString(),
    endAt: new Date(now + 50 * hour).toISOString(),
    deadline: new Date(now + 24 * hour).toISOString(),
    audience: { kind: 'compound', compoundId: 'txsj' },
    capacity,
  });
}

it('has 200 residents to sign up', () => expect(crowd).toHaveLength(200));

it('200 simultaneous sign-ups for 10 places: 10 confirmed, 190 waiting, in arrival order, nobody twice', async () => {
  const a = await create(10);
  const results = await Promise.all(crowd.map((p) => h.as(p.openid).call('activities', 'activities.signUp', { activityId: a.id })));
  expect(results.filter((r) => !r.ok)).toEqual([]);
  const d = await h.as('txsj-secretary').ok('activities', 'activities.get', { activityId: a.id });
  expect([d.confirmed, d.waiting]).toEqual([10, 190]);
  // The page shows every confirmed place and the first 20 waiting, in order.
  expect(d.list.map((r: any) => [r.personId, r.status, r.no])).toEqual(
    crowd.slice(0, 30).map((p, i) => [p._id, i < 10 ? 'confirmed' : 'waitlisted', i + 1]),
  );
  expect(d.moreWaiting).toBe(170);
  // The whole list, in arrival order (the order the calls were made), nobody twice.
  const list = (await h.db.collection('activityLists').doc(a.id).get()).data;
  expect(list.queues.all).toEqual(crowd.map((p) => p._id));
  expect(list.members).toEqual(crowd.map((p) => p._id));
  expect(list.size).toBe(200);
  // A waiting person sees their own place even beyond those shown.
  const last = await h.as(crowd[199].openid).ok('activities', 'activities.get', { activityId: a.id });
  expect(last.mine).toEqual({ status: 'waitlisted', slotKey: 'all', position: 190 });
  expect(last.list.filter((r: any) => r.isMe)).toEqual([expect.objectContaining({ no: 200, status: 'waitlisted' })]);
  // Each person's own answer agrees with the list, and the stored mirrors too.
  results.forEach((r: any, i) => expect([i, r.data.mine.status]).toEqual([i, i < 10 ? 'confirmed' : 'waitlisted']));
  const mirrors = (await h.db.collection('activitySignups').where({ activityId: a.id }).limit(1000).get()).data;
  expect(mirrors).toHaveLength(200);
  expect(mirrors.filter((m: any) => m.status === 'confirmed')).toHaveLength(10);
  expect(mirrors.filter((m: any) => m.status === 'waitlisted')).toHaveLength(190);
});

it('the same people tapping twice at once, while a transaction holds the list: still nobody twice, order kept', async () => {
  const a = await create(10, '义诊帮手');
  const some = crowd.slice(0, 60);
  // An open transaction writes the list document: plain writes to it wait for the lock.
  const tx = await h.db.startTransaction();
  await tx
    .collection('activityLists')
    .doc(a.id)
    .update({ data: { touchedBy: 'test' } });
  const calls = some.flatMap((p) => [p, p]).map((p) => h.as(p.openid).call('activities', 'activities.signUp', { activityId: a.id }));
  await new Promise((r) => setTimeout(r, 50));
  await tx.commit();
  const results = await Promise.all(calls);
  expect(results.filter((r) => !r.ok)).toEqual([]);
  const d = await h.as('txsj-secretary').ok('activities', 'activities.get', { activityId: a.id });
  expect((await h.db.collection('activityLists').doc(a.id).get()).data.queues.all).toEqual(some.map((p) => p._id));
  expect(d.confirmed).toBe(10);
  expect(d.waiting).toBe(50);
});

it('cancellations promote the first waiting, in order, and each promoted person is told once', async () => {
  const a = await create(10, '疫苗接种引导');
  const people = crowd.slice(0, 30);
  await Promise.all(
    people.map((p) => h.as(p.openid).call('activities', 'activities.subscribe', { templateId: ACTIVITY_TEMPLATE_ID, accepted: true })),
  );
  for (const p of people) await h.as(p.openid).ok('activities', 'activities.signUp', { activityId: a.id });
  h.emu.outbox.clear();
  // Five confirmed people cancel at once.
  const leaving = [people[0], people[3], people[5], people[7], people[9]];
  const res = await Promise.all(leaving.map((p) => h.as(p.openid).call('activities', 'activities.cancel', { activityId: a.id })));
  expect(res.filter((r) => !r.ok)).toEqual([]);
  const d = await h.as('txsj-secretary').ok('activities', 'activities.get', { activityId: a.id });
  const stay = people.filter((p) => !leaving.includes(p)).map((p) => p._id);
  expect(d.list.filter((r: any) => r.status === 'confirmed').map((r: any) => r.personId)).toEqual(stay.slice(0, 10));
  expect(d.list.filter((r: any) => r.status === 'waitlisted').map((r: any) => r.personId)).toEqual(stay.slice(10));
  // Promoted: people 10..14, each told exactly once.
  const sent = h.emu.outbox
    .list()
    .filter((m: any) => m.kind === 'subscribeMessage.send')
    .map((m: any) => m.payload.touser);
  expect(sent.sort()).toEqual(
    people
      .slice(10, 15)
      .map((p) => p.openid)
      .sort(),
  );
  const mirrors = await Promise.all(
    people.slice(10, 15).map(async (p) => (await h.db.collection('activitySignups').doc(`${a.id}_${p._id}`).get()).data.status),
  );
  expect(mirrors).toEqual(Array(5).fill('confirmed'));
  // Cancelling twice changes nothing more.
  expect(await h.as(leaving[0].openid).call('activities', 'activities.cancel', { activityId: a.id })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  // Signing up again goes to the end of the waitlist.
  const again = await h.as(leaving[0].openid).ok('activities', 'activities.signUp', { activityId: a.id });
  expect(again.mine).toEqual({ status: 'waitlisted', slotKey: 'all', position: 16 });
});
