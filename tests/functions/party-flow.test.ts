/**
 * 包联 and 走访: the secretary assigns a unit to 李秀英 and sees who is left; she sees
 * her households (names masked unless they agreed to be contacted), logs a visit with
 * 需要跟进, raises the concern through concerns.raiseFor and links it; a plain member's
 * follow-up waits on the secretary's task list; a note may not carry an ID number or
 * health; reports are counts only; nobody outside the branch sees a visit.
 */
import { TXSJ } from '../../scripts/lib/seed-data';
import { newRequestId, type Harness } from '../support/harness';
import { UNASSIGNED_UNIT, dayOf, partyHarness } from './party-support';

jest.setTimeout(180_000);
let h: Harness;
beforeAll(async () => {
  h = await partyHarness();
});
afterAll(() => h.close());

const today = () => dayOf(Date.now());

it('the secretary assigns 3栋2单元 to 李秀英, and the homes nobody has shrink by exactly those', async () => {
  const before = await h.as('txsj-secretary').ok('party', 'party.assignPage', { compoundId: TXSJ, buildingId: UNASSIGNED_UNIT.buildingId });
  const unit2 = before.unassigned.filter((x: { label: string }) => x.label.includes('2单元'));
  expect(unit2.length).toBeGreaterThan(10);
  const r = await h.as('txsj-secretary').ok('party', 'party.assign', {
    compoundId: TXSJ,
    buildingId: UNASSIGNED_UNIT.buildingId,
    memberId: 'p-txsj-lead-3',
  });
  // The whole building was asked for: unit 2 is new, homes other members already have are kept (not replaced).
  expect(r.assigned).toBeGreaterThanOrEqual(unit2.length);
  expect(r.page.unassigned).toHaveLength(0);
  const mine = await h.as('txsj-lead-3').ok('party', 'party.mine', {});
  expect(mine.member).toBe(true);
  expect(mine.items.length).toBeGreaterThanOrEqual(unit2.length);
  // Names masked unless the household agreed (then the full name and 打电话).
  const wrong = mine.items.filter((i: { phone?: string; contactName: string | null }) =>
    i.phone ? i.contactName?.includes('*') : !!i.contactName && !i.contactName.includes('*'),
  );
  expect(wrong).toEqual([]);
  expect(mine.items.some((i: { phone?: string }) => i.phone)).toBe(true);
  expect(mine.items.some((i: { contactName: string | null }) => i.contactName?.includes('*'))).toBe(true);
});

it('李秀英 logs a visit with 需要跟进, raises the concern and links it; a retry does not log twice', async () => {
  const mine = await h.as('txsj-lead-3').ok('party', 'party.mine', {});
  const home = mine.items.find((i: { label: string }) => i.label.includes('2单元'))!;
  const crid = newRequestId();
  const payload = {
    clientRequestId: crid,
    homeId: home.homeId,
    date: today(),
    mode: 'door',
    topics: ['environment'],
    followUp: true,
    note: '楼道堆放杂物',
  };
  const v = await h.as('txsj-lead-3').ok('party', 'party.visit', payload);
  expect(await h.as('txsj-lead-3').ok('party', 'party.visit', payload)).toEqual(v);
  expect(v).toMatchObject({ followUp: true, concernId: null, canRaiseConcern: true, modeLabel: '上门', topicLabels: ['环境卫生'] });
  const c = await h.as('txsj-lead-3').ok('concerns', 'concerns.raiseFor', {
    clientRequestId: newRequestId(),
    homeId: home.homeId,
    category: '环境卫生',
    description: '走访时住户反映：楼道堆放杂物',
    photos: [],
    visibility: 'handlers',
    source: 'visit',
  });
  const linked = await h.as('txsj-lead-3').ok('party', 'party.linkConcern', { visitId: v.id, concernId: c.id });
  expect(linked).toMatchObject({ concernId: c.id, canRaiseConcern: false });
  const again = await h.as('txsj-lead-3').call('party', 'party.linkConcern', { visitId: v.id, concernId: 'another' });
  expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  const after = await h.as('txsj-lead-3').ok('party', 'party.mine', {});
  expect(after.items.find((i: { homeId: string }) => i.homeId === home.homeId)).toMatchObject({
    visitedThisMonth: true,
    lastVisit: today(),
  });
  expect(after.recent[0]).toMatchObject({ id: v.id, concernId: c.id });
  const counts = await h.db.collection('partyVisits').where({ clientRequestId: crid }).count();
  expect(counts.total).toBe(1);
});

it('a plain member’s 需要跟进 waits on the secretary’s task list (a task for the lead), not raised by them', async () => {
  const a = (
    await h.db
      .collection('partyAssignments')
      .where({ compoundId: TXSJ, buildingId: `${TXSJ}-b1` })
      .limit(50)
      .get()
  ).data.find((x: any) => x.memberId.startsWith('p-gen-')) as any;
  const who = a.memberId.replace(/^p-/, '');
  const v = await h.as(who).ok('party', 'party.visit', {
    clientRequestId: newRequestId(),
    homeId: a._id,
    date: today(),
    mode: 'phone',
    topics: ['repair'],
    followUp: true,
  });
  expect(v.canRaiseConcern).toBe(false);
  const sec = await h.as('txsj-secretary').ok('party', 'party.mine', {});
  expect(sec.tasks.map((t: { id: string }) => t.id)).toContain(v.id);
  expect(sec.tasks.find((t: { id: string }) => t.id === v.id).canRaiseConcern).toBe(true);
  // Another member's household is not theirs to visit.
  const other = (await h.db.collection('partyAssignments').where({ memberId: 'p-txsj-lead-5' }).limit(1).get()).data[0] as any;
  expect(
    await h
      .as(who)
      .call('party', 'party.visit', { clientRequestId: newRequestId(), homeId: other._id, date: today(), mode: 'door', followUp: false }),
  ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

it('notes refuse identity numbers and health or religion; a date ahead or too far back is refused', async () => {
  const mine = await h.as('txsj-lead-3').ok('party', 'party.mine', {});
  const homeId = mine.items[0].homeId;
  const base = { homeId, date: today(), mode: 'door', topics: [], followUp: false };
  for (const note of ['身份证 350203196001011234', '老人住院了', '信教，周日去教会'])
    expect(await h.as('txsj-lead-3').call('party', 'party.visit', { ...base, clientRequestId: newRequestId(), note })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  for (const date of [dayOf(Date.now() + 2 * 86_400_000), dayOf(Date.now() - 40 * 86_400_000)])
    expect(await h.as('txsj-lead-3').call('party', 'party.visit', { ...base, clientRequestId: newRequestId(), date })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
});

it('reports are counts only: visits per member per month and homes not visited in six months per building', async () => {
  const r = await h.as('txsj-secretary').ok('party', 'party.reports', { compoundId: TXSJ });
  expect(r.periods).toHaveLength(6);
  expect(r.members.length).toBe(47);
  expect(r.members.find((m: { name: string }) => m.name === '李秀英').counts[0]).toBeGreaterThanOrEqual(1);
  expect(r.buildings.every((b: { stale: number; homes: number }) => b.stale >= 0 && b.stale <= b.homes)).toBe(true);
  // Counts, never a room, a note or a household's name.
  const text = JSON.stringify(r);
  expect(text).not.toMatch(/单元|楼道|\d{3,4}室/);
  expect(r.vanguard.length).toBeGreaterThan(0);
  expect(r.vanguardRule).toMatch(/走访/);
  // The community office sees the same counts.
  expect((await h.as('community-admin').call('party', 'party.reports', { compoundId: TXSJ })).ok).toBe(true);
});

it('nobody outside the branch sees a visit: residents, the committee, the property office get nothing', async () => {
  for (const who of ['txsj-resident-3', 'txsj-committee', 'txsj-manager', 'yjlt-resident-5'])
    expect(await h.as(who).call('party', 'party.mine', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});
