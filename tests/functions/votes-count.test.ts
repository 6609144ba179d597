/**
 * The final count as a job: closing a vote of 2,500 owners answers 计票中 with the job's
 * progress, the worker counts 1,000 owners a batch (driven here one batch at a time),
 * a worker killed right after writing a batch's sums re-runs that batch without
 * counting it twice, and the stored result is exactly the pure count (core/votes/count.ts)
 * over the same roll and ballots.
 */
import { main as votes } from '../../cloudfunctions/votes';
import { COUNT_WORK } from '../../cloudfunctions/votes/matters';
import type { BallotDoc, MatterDoc, RollDoc } from '../../cloudfunctions/votes/docs';
import { jobs, work } from '../../cloudfunctions/_shared/jobs';
import { killable, workerCtx as makeWorkerCtx } from '../support/killable';
import type { Database } from '../../cloudfunctions/_shared/database';
import { countVote, type CastBallot, type RollEntry } from '../../core/votes/count';
import { createHarness, type Harness } from '../support/harness';

const DAY = 24 * 3600 * 1000;
const OWNERS = 2_500; // three batches of 1,000
jest.setTimeout(120_000);
let h: Harness;
const kick = COUNT_WORK.kickBudgetMs;
beforeAll(async () => {
  h = await createHarness({ votes: votes as any }, undefined, { features: ['votes'] });
  // The close counts nothing inside the call: every batch is the worker's (as at 30,000 homes).
  COUNT_WORK.kickBudgetMs = 0;
});
afterAll(() => {
  COUNT_WORK.kickBudgetMs = kick;
  h.close();
});

const workerCtx = (db: Database = h.db) => makeWorkerCtx(h.emu.sdk, db);

/** An ended matter of 御家兰庭 with a synthetic roll of OWNERS owners, most of them voted. */
function seedMatter(id: string, format: 'approval' | 'election') {
  const now = Date.now();
  const opensAt = new Date(now - 20 * DAY);
  const closesAt = new Date(now - DAY);
  const choicesOf = (i: number): string[] =>
    format === 'approval'
      ? [['approve', 'approve', 'reject', 'abstain'][i % 4]]
      : i % 7 === 0
        ? ['abstain']
        : [['c1', 'c2'], ['c2', 'c3'], ['c1'], ['c3', 'c1']][i % 4];
  const rollDocs: RollDoc[] = [];
  const ballotDocs: BallotDoc[] = [];
  const entries: RollEntry[] = [];
  const cast: CastBallot[] = [];
  for (let i = 0; i < OWNERS; i++) {
    const hash = `o${String(i).padStart(6, '0')}`;
    const area = 5_000 + ((i * 7919) % 12_000);
    const homeId = `h-count-${id}-${i}`;
    const sort = `b${String(1 + (i % 9)).padStart(6, '0')}|${String(i).padStart(8, '0')}`;
    const developer = i === OWNERS - 1;
    rollDocs.push({
      _id: `${id}_${hash}`,
      matterId: id,
      compoundId: 'yjlt',
      ownerHash: hash,
      homeIds: [homeId],
      homes: [{ homeId, label: `${i}`, buildingId: 'yjlt-b1', areaCenti: area }],
      areaCenti: area,
      developer,
      sort,
      voted: i % 5 !== 0,
    });
    entries.push({ key: hash, homeIds: [homeId], areaCenti: area, developer });
    if (i % 5 !== 0) {
      const choices = choicesOf(i);
      ballotDocs.push({
        _id: `${id}_${hash}`,
        matterId: id,
        sort,
        choices,
        via: i % 11 ? 'online' : 'paper',
        ownerHash: hash,
        homeId,
        castBy: 'p-test',
        castByName: '测试',
        firstAt: opensAt,
        castAt: new Date(opensAt.getTime() + i),
        changes: 0,
      });
      cast.push({ key: hash, choices, at: opensAt.getTime() + i });
    }
  }
  const totals = { owners: OWNERS, areaCenti: rollDocs.reduce((s, r) => s + r.areaCenti, 0) };
  const shape = {
    kind: 3 as const,
    format,
    candidateIds: format === 'election' ? ['c1', 'c2', 'c3'] : [],
    seats: format === 'election' ? 2 : 1,
  };
  const m: MatterDoc = {
    _id: id,
    compoundId: 'yjlt',
    compoundName: '御家兰庭',
    communityId: 'qiaoxing',
    title: `计票测试 ${id}`,
    description: '测试',
    kind: shape.kind,
    format,
    candidates:
      format === 'election'
        ? [
            { id: 'c1', name: '甲' },
            { id: 'c2', name: '乙' },
            { id: 'c3', name: '丙' },
          ]
        : [],
    seats: shape.seats,
    documents: [],
    opensAt,
    closesAt,
    secret: false,
    status: 'announced',
    createdBy: 'p-yjlt-committee',
    createdByName: '吴丽华',
    clientRequestId: id,
    createdAt: new Date(opensAt.getTime() - 20 * DAY),
    announcedAt: new Date(opensAt.getTime() - 16 * DAY),
    rollTotals: totals,
    rollBuiltAt: new Date(opensAt.getTime() - 16 * DAY),
  };
  h.emu.seed('voteMatters', [m]);
  h.emu.seed('voteRoll', rollDocs);
  h.emu.seed('voteBallots', ballotDocs);
  h.emu.seed('voteTallies', [
    { _id: id, participants: { owners: 0, areaCenti: 0 }, choices: {}, ballots: 0, paper: 0, updatedAt: opensAt },
  ]);
  // What anyone holding the published roll and ballots recomputes: the pure count, in one go.
  return countVote(shape, entries, cast);
}

const get = (matterId: string) => h.as('yjlt-committee').ok('votes', 'matters.get', { matterId });
async function partsOf(jobId: string) {
  return (await h.db.collection('voteCountParts').where({ jobId }).limit(1000).get()).data as {
    _id: string;
    index: number;
    roll: { owners: number };
  }[];
}

describe('the final count is a job: 1,000 owners a batch, the matter 计票中 meanwhile', () => {
  it('close → 计票中 with progress; one batch per worker run; the stored result equals the pure count', async () => {
    const expected = seedMatter('vm_count_a', 'approval');
    const closed = await h.as('yjlt-committee').ok('votes', 'matters.close', { matterId: 'vm_count_a' });
    expect(closed).toMatchObject({ phase: 'counting', phaseLabel: '计票中', counting: { done: 0 } });
    const jobId = closed.counting.id as string;
    // A second close answers with the same job; a ballot now is refused (voting has closed).
    expect((await h.as('yjlt-committee').ok('votes', 'matters.close', { matterId: 'vm_count_a' })).counting.id).toBe(jobId);
    const own = h.seed.memberships.find((x) => x.personId === 'p-yjlt-committee' && x.relation === 'owner')!;
    expect(
      (
        (await h
          .as('yjlt-committee')
          .call('votes', 'ballots.cast', { matterId: 'vm_count_a', homeId: own.homeId, choices: ['approve'] })) as any
      ).error.code,
    ).toBe('VOTE_NOT_OPEN');

    const progress: number[] = [];
    for (let i = 0; i < 10 && (await get('vm_count_a')).phase === 'counting'; i++) {
      const r = await work(workerCtx(), { jobId, maxBatches: 1 });
      expect(r.batches).toBeLessThanOrEqual(1);
      const d = await get('vm_count_a');
      // While it counts, the matter shows the running job; the last batch ends it (checked below).
      expect(d.phase === 'counting' ? d.counting : { total: 3, status: 'running' }).toMatchObject({ total: 3, status: 'running' });
      if (d.phase === 'counting') progress.push(d.counting.done);
    }
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const d = await get('vm_count_a');
    expect(d.phase).toBe('preliminary');
    expect(d.counting).toBeUndefined();
    expect(d.objectionEndsAt).toBeTruthy();
    expect(d.result).toEqual(expected);
    expect(d.result.turnout.owners).toBe(2_000);
    const job = await jobs(h.db).get(jobId);
    expect(job).toMatchObject({ status: 'done', open: false, batches: 3, done: 3, total: 3 });
    const parts = await partsOf(jobId);
    expect(parts.map((p) => p.index).sort()).toEqual([0, 1, 2]);
    expect(parts.reduce((s, p) => s + p.roll.owners, 0)).toBe(OWNERS);
    // Running the worker again changes nothing.
    await work(workerCtx(), { jobId });
    expect((await get('vm_count_a')).result).toEqual(expected);
    expect(((await h.as('yjlt-committee').call('votes', 'matters.close', { matterId: 'vm_count_a' })) as any).error.code).toBe(
      'VOTE_STATE',
    );
  });

  it("a worker killed right after writing a batch's sums: the batch is re-run, counted once, the result still equals the pure count", async () => {
    const expected = seedMatter('vm_count_b', 'election');
    const closed = await h.as('yjlt-committee').ok('votes', 'matters.close', { matterId: 'vm_count_b' });
    expect(closed.phase).toBe('counting');
    const jobId = closed.counting.id as string;
    await work(workerCtx(), { jobId, maxBatches: 1 });
    expect((await jobs(h.db).get(jobId))!.batches).toBe(1);

    // Batch 2: its sums are written, then the process dies before the job's cursor moves.
    const dying = killable(h.db, (m) => m === 'set' && dying.kill());
    await expect(work(workerCtx(dying.db), { jobId, leaseMs: 50, budgetMs: 60_000 })).rejects.toThrow('process killed');
    const mid = await jobs(h.db).get(jobId);
    expect(mid).toMatchObject({ status: 'running', open: true, batches: 1 });
    expect((await partsOf(jobId)).map((p) => p.index).sort()).toEqual([0, 1]);
    expect((await get('vm_count_b')).phase).toBe('counting');

    // The lease runs out; later runs, one batch each, finish it.
    await new Promise((r) => setTimeout(r, 80));
    for (let i = 0; i < 10 && (await get('vm_count_b')).phase === 'counting'; i++) await work(workerCtx(), { jobId, maxBatches: 1 });
    const d = await get('vm_count_b');
    expect(d.phase).toBe('preliminary');
    expect(d.result).toEqual(expected);
    expect(d.result.elected.length).toBeGreaterThan(0);
    const parts = await partsOf(jobId);
    expect(parts.map((p) => p.index).sort()).toEqual([0, 1, 2]);
    expect(parts.reduce((s, p) => s + p.roll.owners, 0)).toBe(OWNERS);
    expect(await jobs(h.db).get(jobId)).toMatchObject({ status: 'done', batches: 3, unknown: 0 });
  });

  it('with the usual budget, a roll of a few thousand owners is still counted inside the close call (as before)', async () => {
    COUNT_WORK.kickBudgetMs = 20_000;
    try {
      const expected = seedMatter('vm_count_c', 'approval');
      const closed = await h.as('yjlt-committee').ok('votes', 'matters.close', { matterId: 'vm_count_c' });
      expect(closed.phase).toBe('preliminary');
      expect(closed.result).toEqual(expected);
    } finally {
      COUNT_WORK.kickBudgetMs = 0;
    }
  });
});
