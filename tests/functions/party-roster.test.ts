/**
 * 党员名册: the secretary lists the roster a page at a time, adds a bound resident
 * (a retry adds once), keeps a member who does not use the app by name only (no
 * households until linked to the person), edits a duty, and ends a membership: the
 * entry stays with its counts, the households go back to the unassigned list, and
 * the member's visit rights and 亮身份 end. Bad input writes nothing.
 */
import { TXSJ, YJLT } from '../../scripts/lib/seed-data';
import { expectBadInputRefused } from '../support/matrix';
import { newRequestId, type Harness } from '../support/harness';
import { dayOf, partyHarness } from './party-support';

jest.setTimeout(180_000);
let h: Harness;
beforeAll(async () => {
  h = await partyHarness();
});
afterAll(() => h.close());

const sec = () => h.as('txsj-secretary');
const person = async (id: string) => (await h.db.collection('people').where({ _id: id }).get()).data[0] as any;
/** Generated owners of a compound who are not party members (fresh ones per call). */
let taken = 0;
async function nonMember(compoundId: string): Promise<{ personId: string; openid: string; homeId: string }> {
  const ms = h.seed.memberships.filter((m) => m.compoundId === compoundId && m.personId.startsWith('p-gen-') && m.status === 'active');
  for (const m of ms.slice(taken)) {
    taken++;
    const p = await person(m.personId);
    if (!p.partyMember) return { personId: p._id, openid: p.openid, homeId: m.homeId };
  }
  throw new Error('no resident left');
}

it('lists the roster a page at a time: 47 members, the 书记 first', async () => {
  const first = await sec().ok('party', 'party.members', { compoundId: TXSJ, size: 20 });
  expect(first).toMatchObject({ compoundId: TXSJ, status: 'active', active: 47 });
  expect(first.items).toHaveLength(20);
  expect(first.items[0]).toMatchObject({ personId: 'p-txsj-secretary', duty: '书记', committee: true, bound: true, canChange: false });
  const second = await sec().ok('party', 'party.members', { compoundId: TXSJ, size: 20, cursor: first.nextCursor });
  const third = await sec().ok('party', 'party.members', { compoundId: TXSJ, size: 20, cursor: second.nextCursor });
  expect(third.nextCursor).toBeUndefined();
  const ids = [...first.items, ...second.items, ...third.items].map((m: { id: string }) => m.id);
  expect(new Set(ids).size).toBe(47);
  expect((await sec().ok('party', 'party.members', { compoundId: TXSJ, status: 'ended' })).items).toEqual([]);
});

it('adds a bound resident once however often the call is retried; their homes show; a second add is refused', async () => {
  const r = await nonMember(TXSJ);
  const payload = { op: 'add', clientRequestId: newRequestId(), compoundId: TXSJ, personId: r.personId, duty: '党员' };
  const [a, b] = await Promise.all([sec().call('party', 'party.saveMember', payload), sec().call('party', 'party.saveMember', payload)]);
  // Two racing retries: one writes, the other returns the same entry or meets the lock (CONFLICT) and retries.
  const ok = [a, b].filter((x) => x.ok).map((x) => x.data);
  expect(ok.length).toBeGreaterThan(0);
  const again = await sec().ok('party', 'party.saveMember', payload);
  expect(again).toMatchObject({
    id: `${TXSJ}_${r.personId}`,
    bound: true,
    duty: '党员',
    committee: false,
    households: 0,
    endedAt: null,
    canChange: true,
  });
  expect(again.homes[0]).toMatch(/栋.*（业主）$/);
  expect((await person(r.personId)).partyMember).toBe(true);
  expect((await sec().ok('party', 'party.members', { compoundId: TXSJ, size: 50 })).active).toBe(48);
  const dup = await sec().call('party', 'party.saveMember', { ...payload, clientRequestId: newRequestId() });
  expect(dup).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  // Only residents bound in this compound.
  const other = await nonMember(YJLT);
  const far = await sec().call('party', 'party.saveMember', { ...payload, clientRequestId: newRequestId(), personId: other.personId });
  expect(far).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '只能添加本小区已绑定房屋的住户' } });
});

it('ending a membership keeps the entry and its counts; the households go back; visits and 亮身份 end', async () => {
  const r = await nonMember(TXSJ);
  await sec().ok('party', 'party.saveMember', {
    op: 'add',
    clientRequestId: newRequestId(),
    compoundId: TXSJ,
    personId: r.personId,
    duty: '宣传委员',
  });
  // The secretary gives them two homes of 3栋2单元 (left unassigned in the demo); they visit one.
  const page = await sec().ok('party', 'party.assign', {
    compoundId: TXSJ,
    buildingId: `${TXSJ}-b3`,
    unit: '2',
    from: '101',
    to: '102',
    memberId: r.personId,
  });
  expect(page.assigned).toBe(2);
  const member = h.as(r.openid);
  const mine = await member.ok('party', 'party.mine', {});
  expect(mine.items).toHaveLength(2);
  await member.ok('party', 'party.visit', {
    clientRequestId: newRequestId(),
    homeId: mine.items[0].homeId,
    date: dayOf(Date.now()),
    mode: 'door',
    followUp: false,
  });
  await h.db
    .collection('people')
    .where({ _id: r.personId })
    .update({ data: { showPartyBadge: true } });
  const unassignedBefore = (await sec().ok('party', 'party.assignPage', { compoundId: TXSJ, buildingId: `${TXSJ}-b3` })).unassigned.length;

  const ended = await sec().ok('party', 'party.saveMember', { op: 'end', memberId: `${TXSJ}_${r.personId}` });
  expect(ended).toMatchObject({ endedAt: dayOf(Date.now()), households: 0 });
  // A retry is the same outcome.
  expect(await sec().ok('party', 'party.saveMember', { op: 'end', memberId: `${TXSJ}_${r.personId}` })).toEqual(ended);
  const after = await sec().ok('party', 'party.assignPage', { compoundId: TXSJ, buildingId: `${TXSJ}-b3` });
  expect(after.unassigned.length).toBe(unassignedBefore + 2);
  expect(after.members.some((m: { personId: string }) => m.personId === r.personId)).toBe(false);
  // The visit right is gone, and so is the roster page of households.
  const v = await member.call('party', 'party.visit', {
    clientRequestId: newRequestId(),
    homeId: mine.items[1].homeId,
    date: dayOf(Date.now()),
    mode: 'phone',
    followUp: false,
  });
  expect(v).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await member.call('party', 'party.mine', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await member.call('party', 'party.book', { compoundId: TXSJ })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const p = await person(r.personId);
  expect([p.partyMember, p.showPartyBadge]).toEqual([false, false]);
  // History and counts stay: the ended list, the month's visit in the report, the homes' last visit.
  const endedList = await sec().ok('party', 'party.members', { compoundId: TXSJ, status: 'ended' });
  expect(endedList.items.map((m: { personId: string }) => m.personId)).toContain(r.personId);
  const report = await sec().ok('party', 'party.reports', { compoundId: TXSJ });
  expect(report.members.find((m: { personId: string }) => m.personId === r.personId)?.counts[0]).toBe(1);
  const kept = (await h.db.collection('partyAssignments').where({ _id: mine.items[0].homeId }).get()).data[0] as any;
  expect(kept).toMatchObject({ memberId: '' });
  expect(kept.lastVisitAt).toBeTruthy();
  // Added again later: a new spell, the earlier one in its history.
  const back = await sec().ok('party', 'party.saveMember', {
    op: 'add',
    clientRequestId: newRequestId(),
    compoundId: TXSJ,
    personId: r.personId,
    duty: '党员',
  });
  expect(back.endedAt).toBeNull();
  const doc = (
    await h.db
      .collection('partyMembers')
      .where({ _id: `${TXSJ}_${r.personId}` })
      .get()
  ).data[0] as any;
  expect(doc.history).toHaveLength(1);
});

it('a member who does not use the app is a name only, takes no households, and moves to the person once bound', async () => {
  const n = await sec().ok('party', 'party.saveMember', {
    op: 'add',
    clientRequestId: newRequestId(),
    compoundId: TXSJ,
    name: '王建国',
    duty: '党员',
  });
  expect(n).toMatchObject({ personId: null, bound: false, name: '王建国', homes: [] });
  const doc = (await h.db.collection('partyMembers').where({ _id: n.id }).get()).data[0] as any;
  // Least data: no phone, no home, no person.
  expect(Object.keys(doc).filter((k) => /phone|home|openid/i.test(k))).toEqual([]);
  const page = await sec().ok('party', 'party.assignPage', { compoundId: TXSJ });
  expect(page.members.some((m: { name: string }) => m.name === '王建国')).toBe(false);
  const r = await nonMember(TXSJ);
  const linked = await sec().ok('party', 'party.saveMember', { op: 'edit', memberId: n.id, duty: '组织委员', personId: r.personId });
  expect(linked).toMatchObject({ id: `${TXSJ}_${r.personId}`, bound: true, committee: true, joinedAt: n.joinedAt });
  expect((await h.db.collection('partyMembers').where({ _id: n.id }).count()).total).toBe(0);
  // The duty changes; the secretary's own entry is not theirs to change.
  expect(await sec().ok('party', 'party.saveMember', { op: 'edit', memberId: linked.id, duty: '党员' })).toMatchObject({
    committee: false,
  });
  const self = await sec().call('party', 'party.saveMember', { op: 'end', memberId: `${TXSJ}_p-txsj-secretary` });
  expect(self).toMatchObject({ ok: false, error: { code: 'SELF_DECISION' } });
  // Another compound's secretary cannot touch this roster.
  const yj = await h.as('yjlt-secretary').call('party', 'party.saveMember', { op: 'end', memberId: linked.id });
  expect(yj).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

it('bad input writes nothing', async () => {
  const add = { op: 'add', clientRequestId: 'bad-member-0001', compoundId: TXSJ, name: '王建国', duty: '党员' };
  await expectBadInputRefused(h, 'party', 'party.saveMember', 'txsj-secretary', add, {
    rules: [
      { ...add, personId: 'p-txsj-resident-3' },
      { ...add, name: '王'.repeat(11) },
      { ...add, duty: '主任' },
      { ...add, op: 'remove' },
      { op: 'end', memberId: `${TXSJ}_p-txsj-lead-5`, duty: '党员' },
      { op: 'edit', memberId: `${TXSJ}_p-txsj-lead-5` },
    ],
  });
  await expectBadInputRefused(
    h,
    'party',
    'party.members',
    'txsj-secretary',
    { compoundId: TXSJ, status: 'ended', size: 20 },
    {
      optional: new Set(['party.members:status', 'party.members:size']),
      rules: [
        { compoundId: TXSJ, status: 'left' },
        { compoundId: TXSJ, size: 51 },
        { compoundId: TXSJ, cursor: '-1' },
      ],
    },
  );
});
