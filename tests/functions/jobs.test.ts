/**
 * Background jobs: a fan-out in batches that survives its worker being killed.
 * 300 people of one building have granted TWO messages each (so a double send
 * would go through and show); the worker is killed right after WeChat accepted the
 * 130th message (every later database call fails, as in a dead process); the
 * declared timer trigger then fires on the emulator's clock and finishes the job.
 */
import { main as notices } from '../../cloudfunctions/notices';
import { OUTBOX } from '../../emulator';
import { enqueue, jobs, work } from '../../cloudfunctions/_shared/jobs';
import { noticeMessageJob } from '../../cloudfunctions/notices/messages';
import { killable, workerCtx as makeWorkerCtx } from '../support/killable';
import type { Database } from '../../cloudfunctions/_shared/database';
import { createHarness, type Harness } from '../support/harness';
import { seedSubscribedBuilding } from '../support/subscribed-building';

let h: Harness;
const N = 300;
const BUILDING = 'txsj-bjob';

beforeAll(async () => {
  h = await createHarness({ notices: notices as any });
  seedSubscribedBuilding(h, { building: BUILDING, key: 'job', n: N, grants: 2 });
});
afterAll(() => h.close());

const workerCtx = (db: Database) => makeWorkerCtx(h.emu.sdk, db);

const messages = () => h.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload.touser as string);

it('300 reminders in batches, worker killed mid-batch: everyone messaged exactly once, no grant lost, the timer finishes it', async () => {
  h.emu.outbox.clear();
  const healthy = workerCtx(h.db);
  const job = await enqueue(
    healthy,
    noticeMessageJob,
    {
      noticeId: 'n-job',
      note: '测试',
      buildingIds: [BUILDING],
      compoundIds: [],
      onlyUnread: false,
      excludePersonId: '',
      fields: { thing1: { value: '测试' } },
    },
    { createdBy: 'p-lead', clientRequestId: 'job-test-0001' },
  );
  // The same request again finds the same job.
  expect((await enqueue(healthy, noticeMessageJob, job.params, { createdBy: 'p-lead', clientRequestId: 'job-test-0001' }))._id).toBe(
    job._id,
  );

  // A worker that dies right after WeChat accepted the 130th message.
  const { db, kill } = killable(h.db);
  const dying = workerCtx(db);
  const send = h.emu.sdk.openapi.subscribeMessage.send.bind(h.emu.sdk.openapi.subscribeMessage);
  let calls = 0;
  (dying as any).cloud = {
    ...h.emu.sdk,
    openapi: {
      subscribeMessage: {
        send: async (msg: unknown) => {
          const out = await send(msg as any);
          if (++calls === 130) kill();
          return out;
        },
      },
    },
  };
  await expect(work(dying, { leaseMs: 50, budgetMs: 60_000 })).rejects.toThrow('process killed');
  expect(messages().length).toBe(130);
  const mid = await jobs(h.db).get(job._id);
  expect(mid).toMatchObject({ status: 'running', open: true });
  expect(mid!.batches).toBeGreaterThanOrEqual(1); // the first batch of 100 completed before the kill

  // The lease runs out; the safety-net timer declared in notices/config.json (every few
  // hours) fires on the emulator's clock.
  await new Promise((r) => setTimeout(r, 80));
  const firings = await h.emu.timers.advanceTo(new Date(Date.now() + 4 * 3600_000 + 60_000));
  expect(firings).toEqual(expect.arrayContaining([expect.objectContaining({ functionName: 'notices', name: 'jobs' })]));

  const done = await jobs(h.db).get(job._id);
  expect(done).toMatchObject({ status: 'done', open: false, total: N });
  const to = messages();
  expect(to.length).toBe(N);
  expect(new Set(to).size).toBe(N); // nobody twice
  // The one claimed by the dead worker was sent before it died: counted as unknown, never sent again.
  expect(done!.done + done!.unknown).toBe(N);
  expect(done!.unknown).toBe(1);
  // Each grant spent exactly once: 2 → 1, none lost, none spent twice.
  const subs = await h.db
    .collection('subscriptions')
    .where({ personId: h.db.command.in(Array.from({ length: N }, (_, i) => `p-job-${i}`)) })
    .limit(1000)
    .get();
  expect(subs.data.map((s: { remaining: number }) => s.remaining)).toEqual(Array(N).fill(1));
  // Running the worker again changes nothing.
  await work(healthy);
  expect(messages().length).toBe(N);
});

it('a timer event can only come from the platform: the same event from a client is an ordinary (bad) call', async () => {
  const before = await h.snapshot();
  const timerEvent = { Type: 'Timer', TriggerName: 'jobs', Time: new Date().toISOString(), Message: '' };
  for (const who of ['txsj-lead-3', '']) {
    const r = await h.emu.invoke('notices', timerEvent, { openid: who ? `demo-${who}` : '', source: 'wx_client' });
    expect(r).toMatchObject({ ok: false });
  }
  expect(await h.snapshot()).toBe(before);
});
