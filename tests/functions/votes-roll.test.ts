/**
 * The roll as a job: announcing a vote in a compound of 2,596 homes (no cap) builds the
 * roll 1,000 homes a batch, the matter stays a draft with the job's progress until the
 * roll is complete; an owner of many homes (the developer's 1,200 unsold homes, more than
 * a batch) is one entry; a worker killed mid-way re-runs its batch without changing the
 * result; a rebuild removes the entries of owners no longer on the register. The roll
 * equals buildRoll (core/votes/count.ts) over the same homes.
 */
import { main as votes } from '../../cloudfunctions/votes';
import { ROLL_WORK } from '../../cloudfunctions/votes/matters';
import { jobs, work } from '../../cloudfunctions/_shared/jobs';
import { killable, workerCtx as makeWorkerCtx } from '../support/killable';
import type { Database } from '../../cloudfunctions/_shared/database';
import type { HomeDoc } from '../../cloudfunctions/_shared/directory';
import { ownerHash } from '../../cloudfunctions/votes/common';
import { buildRoll, rollTotals } from '../../core/votes/count';
import { createHarness, newRequestId, type Harness } from '../support/harness';

const DAY = 24 * 3600 * 1000;
const EXTRA = 2_300;
jest.setTimeout(120_000);
let h: Harness;
const kick = ROLL_WORK.kickBudgetMs;
beforeAll(async () => {
  h = await createHarness({ votes: votes as any }, undefined, { features: ['votes'] });
  ROLL_WORK.kickBudgetMs = 0;
  // 2,300 more homes in 御家兰庭: 1,200 of them the developer's, every 97th one of 王多房's.
  const now = new Date();
  const extra: HomeDoc[] = Array.from({ length: EXTRA }, (_, i) => ({
    _id: `yjlt-bz${Math.floor(i / 200)}_1_${1000 + i}`,
    communityId: 'qiaoxing',
    compoundId: 'yjlt',
    compoundName: '御家兰庭',
    buildingId: `yjlt-bz${Math.floor(i / 200)}`,
    buildingName: `Z${Math.floor(i / 200)}栋`,
    unit: '1',
    number: String(1000 + i),
    label: `Z${Math.floor(i / 200)}栋1单元${1000 + i}`,
    kind: 'flat',
    areaCenti: 6_000 + ((i * 7919) % 9_000),
    hasLift: true,
    registeredOwners:
      i % 2 === 1 && i < 2_400 && i % 97 !== 0
        ? [{ name: '开发商' }]
        : i % 97 === 0
          ? [{ name: '王多房', phone: '13900000000' }]
          : [{ name: `业主${i}`, phone: `138${String(i).padStart(8, '0')}` }],
    updatedAt: now,
  }));
  h.emu.seed('homes', extra);
});
afterAll(() => {
  ROLL_WORK.kickBudgetMs = kick;
  h.close();
});

const workerCtx = (db: Database = h.db) => makeWorkerCtx(h.emu.sdk, db);

async function all(collection: string, where: object): Promise<any[]> {
  const out: any[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = (await h.db.collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(1000).get()).data;
    out.push(...page);
    if (page.length < 1000) return out;
  }
}
/** The roll stored for the matter, as (owner, homes, area, developer), against buildRoll over the compound's homes now. */
async function expectRollMatchesRegister(matterId: string) {
  const homes = (await all('homes', { compoundId: 'yjlt' })) as HomeDoc[];
  const expected = buildRoll(homes.map((x) => ({ homeId: x._id, label: x.label, areaCenti: x.areaCenti, owners: x.registeredOwners })));
  const stored = await all('voteRoll', { matterId });
  const norm = (xs: { hash: string; homeIds: string[]; areaCenti: number; developer: boolean }[]) =>
    xs.map((x) => ({ ...x, homeIds: [...x.homeIds].sort() })).sort((a, b) => (a.hash < b.hash ? -1 : 1));
  expect(norm(stored.map((e) => ({ hash: e.ownerHash, homeIds: e.homeIds, areaCenti: e.areaCenti, developer: e.developer })))).toEqual(
    norm(expected.map((e) => ({ hash: ownerHash(e.key), homeIds: e.homeIds, areaCenti: e.areaCenti, developer: e.developer }))),
  );
  const d = await h.as('yjlt-committee').ok('votes', 'matters.get', { matterId });
  expect(d.roll).toEqual(rollTotals(expected));
  return expected;
}
async function drive(matterId: string, jobId: string, until: (phase: string) => boolean) {
  for (let i = 0; i < 20; i++) {
    const d = await h.as('yjlt-committee').ok('votes', 'matters.get', { matterId });
    if (until(d.phase) && !d.rolling) return d;
    expect(d.rolling).toMatchObject({ id: jobId });
    await work(workerCtx(), { jobId, maxBatches: 1 });
  }
  throw new Error('the roll job did not finish');
}

let id = '';
describe('the roll is a job: 1,000 homes a batch, no cap on the compound', () => {
  it("announce → a draft with the job's progress → announced with the whole roll; a worker killed mid-way changes nothing", async () => {
    const committee = h.as('yjlt-committee');
    const opensAt = new Date(Date.now() + 16 * DAY);
    const draft = await committee.ok('votes', 'matters.create', {
      clientRequestId: newRequestId(),
      compoundId: 'yjlt',
      title: '大名册',
      description: '名册分批生成',
      kind: 9,
      format: 'approval',
      opensAt: opensAt.toISOString(),
      closesAt: new Date(opensAt.getTime() + 7 * DAY).toISOString(),
    });
    id = draft.id;
    const ann = await committee.ok('votes', 'matters.announce', { matterId: id });
    expect(ann.phase).toBe('draft');
    expect(ann.rolling).toMatchObject({ done: 0, status: 'queued' });
    const jobId = ann.rolling.id as string;
    // Announcing again while it builds: the same job.
    expect((await committee.ok('votes', 'matters.announce', { matterId: id })).rolling.id).toBe(jobId);
    // Residents see nothing yet (a draft).
    expect(((await h.as('yjlt-resident-5').call('votes', 'matters.get', { matterId: id })) as any).error.code).toBe('NOT_FOUND');

    await work(workerCtx(), { jobId, maxBatches: 1 });
    // A worker dies right after its 1,500th write of staged homes or entries: that batch is re-run.
    let sets = 0;
    const dying = killable(h.db, (m) => m === 'set' && ++sets === 1_500 && dying.kill());
    await expect(work(workerCtx(dying.db), { jobId, leaseMs: 50, budgetMs: 60_000 })).rejects.toThrow('process killed');
    expect(await jobs(h.db).get(jobId)).toMatchObject({ open: true });
    await new Promise((r) => setTimeout(r, 80));

    const d = await drive(id, jobId, (p) => p === 'announced');
    expect(d.phase).toBe('announced');
    const expected = await expectRollMatchesRegister(id);
    expect(expected.length).toBeLessThan(EXTRA); // the developer's and 王多房's homes are one owner each
    expect(expected.find((e) => e.developer)!.homeIds.length).toBeGreaterThan(1_000);
    expect(await jobs(h.db).get(jobId)).toMatchObject({ status: 'done', open: false, unknown: 0 });
    expect((await h.db.collection('voteRollHomes').where({ jobId }).count()).total).toBe(0); // staging removed
  });

  it('a rebuild during the announcement: new owners in, owners no longer on the register out', async () => {
    const committee = h.as('yjlt-committee');
    const before = (await all('voteRoll', { matterId: id })).length;
    // Two homes sold by the developer, one 业主0 home's owner renamed.
    await h.db
      .collection('homes')
      .doc('yjlt-bz0_1_1001')
      .update({ data: { registeredOwners: [{ name: '新业主甲' }] } });
    await h.db
      .collection('homes')
      .doc('yjlt-bz0_1_1003')
      .update({ data: { registeredOwners: [{ name: '新业主乙' }] } });
    await h.db
      .collection('homes')
      .doc('yjlt-bz0_1_1002')
      .update({ data: { registeredOwners: [{ name: '业主2改名' }] } });
    const r = await committee.ok('votes', 'roll.rebuild', { matterId: id });
    expect(r.phase).toBe('announced');
    const jobId = r.rolling.id as string;
    await drive(id, jobId, (p) => p === 'announced');
    await expectRollMatchesRegister(id);
    expect((await all('voteRoll', { matterId: id })).length).toBe(before + 2);
    expect((await h.db.collection('voteRollHomes').where({ jobId }).count()).total).toBe(0);
  });
});
