/**
 * Issue 16, point 10: what an idle compound costs. Jobs continue themselves — the
 * enqueuing call keeps running batches for a third of the function's timeout, and the
 * page that watches a job advances it a batch per poll — so the `jobs` timers are only
 * a rare safety net, and an idle day stays under 1 % of CloudBase's basic plan.
 */
import { main as notices } from '../../cloudfunctions/notices';
import { OUTBOX } from '../../emulator';
import { enqueue, jobs, work, workerBudgetMs } from '../../cloudfunctions/_shared/jobs';
import { noticeMessageJob } from '../../cloudfunctions/notices/messages';
import type { Ctx } from '../../cloudfunctions/_shared/router';
import { readFunctionConfigs } from '../../scripts/lib/function-config';
import { BASIC_PLAN, simulateIdleDay } from '../../scripts/idle-cost';
import { createHarness, type Harness } from '../support/harness';
import { seedSubscribedBuilding } from '../support/subscribed-building';

let h: Harness;
const N = 250; // three batches of noticeMessageJob (100 a batch)
const BUILDING = 'txsj-bidle';
const openidOf = (i: number) => `o-idle-${String(i).padStart(3, '0')}`;

beforeAll(async () => {
  h = await createHarness({ notices: notices as any });
  seedSubscribedBuilding(h, { building: BUILDING, key: 'idle', n: N, grants: 1 });
});
afterAll(() => h.close());

const ctx = (): Ctx => ({
  cloud: h.emu.sdk as any,
  db: h.db,
  openid: '',
  now: new Date(),
  actor: async () => ({ openid: '', personId: null, roles: [], homes: [] }),
});
const params = (noticeId: string) => ({
  noticeId,
  note: '测试',
  buildingIds: [BUILDING],
  compoundIds: [],
  onlyUnread: false,
  excludePersonId: '',
  fields: { thing1: { value: '测试' } },
});

describe('10. an idle compound', () => {
  it('the enqueuing invocation keeps running batches while it has time left: the job is done with no timer', async () => {
    h.emu.outbox.clear();
    const job = await enqueue(ctx(), noticeMessageJob, params('n-idle-1'), { createdBy: 'p-x', clientRequestId: 'idle-test-0001' });
    const ran = await work(ctx(), { jobId: job._id, budgetMs: workerBudgetMs({ timeout: 60 }) });
    expect(ran.batches).toBe(3);
    expect(await jobs(h.db).get(job._id)).toMatchObject({ status: 'done', open: false, done: N });
    expect(h.emu.outbox.list({ kind: OUTBOX.subscribe })).toHaveLength(N);
  });

  it('the page that watches a job advances it a batch per poll; someone else polling moves nothing', async () => {
    h.emu.outbox.clear();
    await h.db
      .collection('subscriptions')
      .where({ personId: h.db.command.exists(true), openid: h.db.command.in(Array.from({ length: N }, (_, i) => openidOf(i))) })
      .update({ data: { remaining: 1 } });
    const me = 'p-txsj-committee'; // the demo person behind h.as('txsj-committee')
    const job = await enqueue(ctx(), noticeMessageJob, params('n-idle-2'), { createdBy: me, clientRequestId: 'idle-test-0002' });
    // The first batch inline; then the caller's time ran out.
    await work(ctx(), { jobId: job._id, maxBatches: 1, budgetMs: 60_000 });
    expect((await jobs(h.db).get(job._id))!.batches).toBe(1);
    // Not the creator: NOT_FOUND, and the job stays where it was.
    expect(await h.as('txsj-lead-3').call('notices', 'notices.jobStatus', { jobId: job._id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await jobs(h.db).get(job._id))!.batches).toBe(1);
    const first = await h.as('txsj-committee').ok('notices', 'notices.jobStatus', { jobId: job._id });
    expect(first).toMatchObject({ status: 'running', done: 200 });
    const second = await h.as('txsj-committee').ok('notices', 'notices.jobStatus', { jobId: job._id });
    expect(second).toMatchObject({ status: 'done', done: N });
    expect(new Set(h.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload.touser)).size).toBe(N);
    // A finished job's poll runs nothing.
    const before = h.emu.stats.queries;
    await h.as('txsj-committee').ok('notices', 'notices.jobStatus', { jobId: job._id });
    expect(h.emu.stats.queries - before).toBeLessThanOrEqual(4);
  });

  it('the worker budget is a third of each function timeout in deploy.json', () => {
    for (const f of readFunctionConfigs()) expect(workerBudgetMs(f)).toBeLessThanOrEqual((f.timeout * 1000) / 3);
    expect(workerBudgetMs({ timeout: 60 })).toBe(20_000);
  });

  it('every timer is a rare safety net: none fires more often than every 2 hours', async () => {
    const start = Date.now() + 3600_000;
    const counts: Record<string, number> = {};
    await h.emu.timers.advanceTo(new Date(start)); // occurrences missed before now fire once here, uncounted
    for (let m = 1; m <= 24 * 60; m += 15) {
      for (const f of await h.emu.timers.advanceTo(new Date(start + m * 60_000)))
        counts[`${f.functionName}.${f.name}`] = (counts[`${f.functionName}.${f.name}`] ?? 0) + 1;
    }
    expect(Object.keys(counts).length).toBeGreaterThan(0);
    for (const n of Object.values(counts)) expect(n).toBeLessThanOrEqual(12);
  });

  it('an idle day (npm run idle-cost) uses under 1 % of the basic plan: calls and reads', async () => {
    const d = await simulateIdleDay();
    expect(d.invocations * 30).toBeLessThan(BASIC_PLAN.callsPerMonth / 100);
    expect(d.reads).toBeLessThan(BASIC_PLAN.readsPerDay / 100);
  }, 120_000);
});
