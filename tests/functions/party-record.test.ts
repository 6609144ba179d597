/**
 * 亮作为: a member's record adds the volunteer minutes activities credited this year and
 * the homes they told a notice in person (已当面告知), read through the declared seam
 * (cloudfunctions/_shared/member-record.ts). The member sees their own; residents see it
 * on the structure page only beside a member who shows themselves, and a withdrawal
 * takes it away at once.
 */
import { vanguardScore } from '../../core/party/rules';
import { TXSJ } from '../../scripts/lib/seed-data';
import type { Harness } from '../support/harness';
import { partyHarness } from './party-support';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await partyHarness();
});
afterAll(() => h.close());

const LI = 'p-txsj-lead-3';
const year = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);
const add = (collection: string, data: object) => h.db.collection(collection).add({ data });

it('the record counts credited minutes of this year and homes told in person; an undone mark does not count', async () => {
  const before = (await h.as('txsj-lead-3').ok('party', 'party.mine', {})).record;
  const hours = {
    personId: LI,
    name: '李秀英',
    partyBadge: true,
    communityId: 'qx',
    compoundId: TXSJ,
    buildingId: `${TXSJ}-b3`,
    corrected: false,
    updatedAt: new Date(),
  };
  await add('volunteerHours', {
    ...hours,
    _id: 'rec-h1',
    activityId: 'a1',
    title: '楼道清洁',
    period: `${year()}-01`,
    year: year(),
    minutes: 90,
  });
  // Last year's hours are not this year's record.
  await add('volunteerHours', {
    ...hours,
    _id: 'rec-h2',
    activityId: 'a2',
    title: '义诊',
    period: `${Number(year()) - 1}-12`,
    year: String(Number(year()) - 1),
    minutes: 600,
  });
  const told = { buildingId: `${TXSJ}-b3`, compoundId: TXSJ, app: false, appVersion: 0, toldVersion: 1, toldAt: new Date(), toldBy: LI };
  await add('noticeHomeReads', { ...told, _id: 'rec-r1', rootId: 'n-rec-1', homeId: `${TXSJ}-b3_1_101`, told: true });
  await add('noticeHomeReads', { ...told, _id: 'rec-r2', rootId: 'n-rec-1', homeId: `${TXSJ}-b3_1_102`, told: true });
  // Undone (the home read it in the app): told false.
  await add('noticeHomeReads', { ...told, _id: 'rec-r3', rootId: 'n-rec-1', homeId: `${TXSJ}-b3_1_201`, told: false, app: true });
  // Concerns she answered this year count; last year's, and one answered by someone else, do not.
  const concern = { compoundId: TXSJ, buildingId: `${TXSJ}-b3`, status: 'answered', answeredBy: LI, answeredAt: new Date() };
  await add('concerns', { ...concern, _id: 'rec-c1' });
  await add('concerns', { ...concern, _id: 'rec-c2' });
  await add('concerns', { ...concern, _id: 'rec-c3', answeredAt: new Date(`${Number(year()) - 1}-12-30T00:00:00+08:00`) });
  await add('concerns', { ...concern, _id: 'rec-c4', answeredBy: 'p-someone-else' });
  const after = (await h.as('txsj-lead-3').ok('party', 'party.mine', {})).record;
  expect(after.volunteerMinutesThisYear - before.volunteerMinutesThisYear).toBe(90);
  expect(after.toldThisYear - before.toldThisYear).toBe(2);
  expect(after.answeredThisYear - before.answeredThisYear).toBe(2);
});

it('服务先锋 weighs the quarter’s credited hours, homes told in person and concerns answered', async () => {
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const q0 = Math.floor((Number(month.slice(5)) - 1) / 3) * 3 + 1;
  const lastQuarter = q0 === 1 ? `${Number(month.slice(0, 4)) - 1}-12` : `${month.slice(0, 4)}-${String(q0 - 1).padStart(2, '0')}`;
  const row = {
    personId: LI,
    name: '李秀英',
    partyBadge: true,
    communityId: 'qx',
    compoundId: TXSJ,
    corrected: false,
    updatedAt: new Date(),
  };
  await add('volunteerHours', {
    ...row,
    _id: 'rec-q1',
    activityId: 'aq1',
    title: '敬老',
    period: month,
    year: month.slice(0, 4),
    minutes: 6000,
  });
  // The quarter before does not count, however large.
  await add('volunteerHours', {
    ...row,
    _id: 'rec-q0',
    activityId: 'aq0',
    title: '义诊',
    period: lastQuarter,
    year: lastQuarter.slice(0, 4),
    minutes: 60_000,
  });
  const r = await h.as('txsj-secretary').ok('party', 'party.reports', { compoundId: TXSJ });
  const li = r.vanguard.find((v: { name: string }) => v.name === '李秀英');
  // 6,000 minutes this quarter (plus any the demo credited her), the two homes and two concerns of the test above.
  expect(li.hours).toBeGreaterThanOrEqual(100);
  expect(li.hours).toBeLessThan(1000);
  expect(li.told).toBeGreaterThanOrEqual(2);
  expect(li.answered).toBeGreaterThanOrEqual(2);
  expect(li.score).toBe(vanguardScore(li));
  expect(r.vanguard.map((v: { score: number }) => v.score)).toEqual(
    [...r.vanguard.map((v: { score: number }) => v.score)].sort((a, b) => b - a),
  );
  expect(r.vanguardRule).toMatch(/志愿服务.*当面告知.*答复民情/);
});

it('residents see the record only beside a member who shows themselves; a withdrawal takes it away', async () => {
  const s = await h.as('txsj-resident-3').ok('party', 'party.structure', {});
  const people = [...s.branch.people, ...s.leads.flatMap((l: { people: unknown[] }) => l.people)] as {
    name: string | null;
    record?: any;
  }[];
  const li = people.find((p) => p.name === '李秀英');
  expect(li?.record).toMatchObject({
    volunteerMinutesThisYear: expect.any(Number),
    toldThisYear: expect.any(Number),
    answeredThisYear: expect.any(Number),
    households: expect.any(Number),
  });
  expect(li!.record.toldThisYear).toBeGreaterThanOrEqual(2);
  // Nobody unnamed carries figures.
  expect(people.filter((p) => !p.name && p.record)).toEqual([]);
  expect(JSON.stringify(s)).not.toContain('张卫东');
  await h.db
    .collection('people')
    .where({ _id: LI })
    .update({ data: { showPartyBadge: false } });
  const later = await h.as('txsj-resident-3').ok('party', 'party.structure', {});
  // Her name and her figures are gone; whoever still shows themselves keeps theirs, nobody unnamed has any.
  expect(JSON.stringify(later)).not.toContain('李秀英');
  const laterPeople = [...later.branch.people, ...later.leads.flatMap((l: { people: unknown[] }) => l.people)] as {
    name: string | null;
    record?: unknown;
  }[];
  expect(laterPeople.filter((p) => !p.name && p.record)).toEqual([]);
  expect(laterPeople.filter((p) => p.record).length).toBe(people.filter((p) => p.record && p.name !== '李秀英').length);
  // She still sees her own.
  expect((await h.as('txsj-lead-3').ok('party', 'party.mine', {})).record.toldThisYear).toBeGreaterThanOrEqual(2);
});
