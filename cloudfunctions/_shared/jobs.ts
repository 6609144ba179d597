/**
 * Background jobs. A fan-out (reminders, emergency send-out, imports; later bill
 * generation, promotions, vote reminders) is enqueued as a job and continues itself,
 * so an idle environment costs nothing (issue 16, `npm run idle-cost`):
 * - the enqueuing call runs the first batch inline and keeps running batches while it
 *   has time left (a third of the function's timeout, deploy.json: `workerBudgetMs`);
 * - whoever watches the job's progress advances it by one batch per poll (`jobProgress`);
 * - the `jobs` timer in config.json is only a safety net, every few hours, for a job
 *   whose caller and watcher both went away (or whose worker died).
 * wx-server-sdk has no asynchronous invocation (its callFunction waits for the result:
 * node_modules/wx-server-sdk/index.d.ts CallFunctionParam), so a job cannot start
 * another invocation of itself without waiting for it. Every batch stays well inside the
 * function timeout (a time budget and a batch size).
 *
 * Each recipient's effect is recorded in `jobEffects` (_id `${jobId}_${key}`):
 * claimed → done | skipped | failed. A claim is written BEFORE the side effect
 * and confirmed after it, so a worker that dies never repeats an effect: a
 * claim left behind by a dead worker is counted as `unknown` (it may or may not
 * have reached the person — WeChat's send has no idempotency key to ask), and the
 * person who started the job sees that count.
 */
import type { JobStatus, JobView } from '../../core/platform/jobs';
import { JOB_STATUS_LABELS } from '../../core/platform/jobs';
import { AppError, isAppError } from '../../core/platform/errors';
import type { Ctx, SystemRoute } from './router';
import { timerRoute } from './router';
import { repository, transaction } from './repo';
import { iso } from './db';

export interface JobDoc<P = unknown> {
  _id: string;
  kind: string;
  params: P;
  status: JobStatus;
  /** true while queued or running: the worker's index. */
  open: boolean;
  runAfter: Date;
  cursor: string | null;
  total: number | null;
  done: number;
  skipped: number;
  failed: number;
  unknown: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
  lease?: { token: string; until: Date } | null;
  batches: number;
  error?: string;
}
export type EffectState = 'claimed' | 'done' | 'skipped' | 'failed' | 'unknown';
export interface JobEffectDoc {
  _id: string;
  jobId: string;
  key: string;
  state: EffectState;
  at: Date;
  note?: string;
}

export const jobs = repository<JobDoc>('jobs');
export const jobEffects = repository<JobEffectDoc>('jobEffects');

export interface BatchItem<T> {
  /** Unique within the job: the recipient (a person id, an openid, a row number). */
  key: string;
  data: T;
}
export interface JobKind<P, T> {
  kind: string;
  /** Items per batch; with `budgetMs` it keeps a batch well inside the timeout. */
  batchSize: number;
  /** The next items after `cursor` (null = start), and the cursor after them (null = no more). */
  next(
    ctx: Ctx,
    job: JobDoc<P>,
    cursor: string | null,
    limit: number,
  ): Promise<{ items: BatchItem<T>[]; cursor: string | null; total?: number }>;
  /** The effect for one item. Throw to mark it failed; return 'skipped' when it cannot apply. */
  apply(ctx: Ctx, job: JobDoc<P>, item: BatchItem<T>): Promise<'done' | 'skipped'>;
  /** After the last batch (e.g. write a summary). */
  finish?(ctx: Ctx, job: JobDoc<P>): Promise<void>;
  /**
   * The effect is safe to repeat (an upsert by a deterministic id): a claim left
   * behind by a dead worker is applied again instead of being counted unknown.
   */
  idempotent?: boolean;
  /** After each batch's effects (e.g. recompute facts derived from what the batch wrote). */
  afterBatch?(ctx: Ctx, job: JobDoc<P>, items: BatchItem<T>[]): Promise<void>;
  /**
   * Instead of `apply` one by one: the effects of every claimed item of the batch at
   * once (e.g. in transactions that also keep derived facts in step). Only for
   * `idempotent` kinds: the items are claimed first, so a worker killed inside it
   * leaves claims that the next run applies again. Throwing fails the batch (the job
   * is retried when its lease expires), never single items.
   */
  applyBatch?(ctx: Ctx, job: JobDoc<P>, items: BatchItem<T>[]): Promise<Map<string, 'done' | 'skipped'>>;
}

type AnyKind = JobKind<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const KINDS = new Map<string, AnyKind>();

/** Declare a job kind (at module load of the function that runs it). */
export function defineJob<P, T>(kind: JobKind<P, T>): JobKind<P, T> {
  KINDS.set(kind.kind, kind as AnyKind);
  return kind;
}

export function jobView(j: JobDoc): JobView {
  return {
    id: j._id,
    kind: j.kind,
    status: j.status,
    statusLabel: JOB_STATUS_LABELS[j.status],
    total: j.total,
    done: j.done,
    skipped: j.skipped,
    unknown: j.unknown,
    ...(j.error ? { error: j.error } : {}),
    createdAt: iso(j.createdAt),
    ...(j.finishedAt ? { finishedAt: iso(j.finishedAt) } : {}),
  };
}

/**
 * Queue a job. The id comes from the creator and their client request id, so a
 * retried call finds the job it already queued instead of queueing a second.
 */
export async function enqueue<P>(
  ctx: Ctx,
  kind: JobKind<P, unknown>,
  params: P,
  opts: { createdBy: string; clientRequestId: string },
): Promise<JobDoc<P>> {
  const id = `${kind.kind}_${opts.createdBy}_${opts.clientRequestId}`.slice(0, 120);
  const existing = await jobs(ctx.db).get(id);
  if (existing) return existing as JobDoc<P>;
  const doc: Omit<JobDoc<P>, '_id'> = {
    kind: kind.kind,
    params,
    status: 'queued',
    open: true,
    runAfter: ctx.now,
    cursor: null,
    total: null,
    done: 0,
    skipped: 0,
    failed: 0,
    unknown: 0,
    createdBy: opts.createdBy,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    lease: null,
    batches: 0,
  };
  try {
    await jobs(ctx.db).add({ _id: id, ...doc } as JobDoc);
  } catch (e) {
    // The same request raced itself: the other one queued it.
    const again = await jobs(ctx.db).get(id);
    if (again) return again as JobDoc<P>;
    throw e;
  }
  return { _id: id, ...doc };
}

export interface WorkOptions {
  /** Stop starting new batches after this long (ms). */
  budgetMs: number;
  /** A claimed batch is another worker's for this long; after it, it is abandoned. */
  leaseMs: number;
  /** Only this job (the kick right after enqueue). */
  jobId?: string;
  maxBatches?: number;
}
export const DEFAULT_WORK: WorkOptions = { budgetMs: 8_000, leaseMs: 60_000 };

/**
 * How long an invocation keeps starting batches: a third of the function's timeout
 * (its deploy.json), so the batch started last still ends well inside it.
 */
export function workerBudgetMs(deploy: { timeout: number }): number {
  return Math.floor((deploy.timeout * 1000) / 3);
}

/** The safety-net timer (`jobs` in config.json): every due job, for a third of the timeout. */
export function jobsTimer(deploy: { timeout: number }): SystemRoute {
  return timerRoute('jobs', (ctx) => work(ctx, { budgetMs: workerBudgetMs(deploy) }));
}

/** Take the job for one batch, unless another worker holds a live lease. */
async function claim(ctx: Ctx, id: string, leaseMs: number, now: Date): Promise<JobDoc | null> {
  const token = `${now.getTime()}_${Math.random().toString(36).slice(2, 10)}`;
  return transaction(ctx.db, async (tx) => {
    const j = await jobs(ctx.db).in(tx).get(id);
    if (!j || !j.open) return null;
    if (j.lease && new Date(j.lease.until).getTime() > now.getTime()) return null;
    const lease = { token, until: new Date(now.getTime() + leaseMs) };
    await jobs(ctx.db).in(tx).patch(id, { lease, status: 'running', updatedAt: now });
    return { ...j, lease, status: 'running' as const };
  });
}

/** One batch of one job; resolves with whether the job has more to do. */
async function runBatch(ctx: Ctx, job: JobDoc): Promise<boolean> {
  const kind = KINDS.get(job.kind);
  const effects = jobEffects(ctx.db);
  if (!kind) {
    await jobs(ctx.db).patch(job._id, {
      status: 'failed',
      open: false,
      error: `未知任务类型 ${job.kind}`,
      lease: null,
      updatedAt: new Date(),
    });
    return false;
  }
  let batch: Awaited<ReturnType<typeof kind.next>>;
  try {
    batch = await kind.next(ctx, job, job.cursor, kind.batchSize);
  } catch (e) {
    // A typed error is permanent (the input is gone or changed): stop the job and say why.
    if (!isAppError(e)) throw e;
    await jobs(ctx.db).patch(job._id, {
      status: 'failed',
      open: false,
      error: (e as AppError).message,
      lease: null,
      updatedAt: new Date(),
      finishedAt: new Date(),
    });
    return false;
  }
  const counts = { done: 0, skipped: 0, failed: 0, unknown: 0 };
  const existing = await effects.byIds(batch.items.map((i) => `${job._id}_${i.key}`));
  const together: BatchItem<unknown>[] = [];
  for (const item of batch.items) {
    const effectId = `${job._id}_${item.key}`;
    const prior = existing.get(effectId);
    if (prior && !(prior.state === 'claimed' && kind.idempotent)) {
      // Effects of a batch whose worker died. The counters and the cursor move in one
      // write, so an item still in the current batch was never counted: count it now.
      // A claim left behind may have happened: never repeat it, count it unknown.
      if (prior.state === 'claimed') await effects.patch(effectId, { state: 'unknown', at: new Date() });
      counts[prior.state === 'claimed' ? 'unknown' : (prior.state as 'done' | 'skipped' | 'failed' | 'unknown')]++;
      continue;
    }
    if (!prior) {
      try {
        await effects.add({ _id: effectId, jobId: job._id, key: item.key, state: 'claimed', at: new Date() });
      } catch {
        continue; // another worker claimed it first
      }
    }
    if (kind.applyBatch && kind.idempotent) {
      together.push(item);
      continue;
    }
    let state: EffectState;
    let note: string | undefined;
    try {
      state = await kind.apply(ctx, job, item);
    } catch (e) {
      state = 'failed';
      note = String((e as Error)?.message ?? e).slice(0, 200);
    }
    await effects.patch(effectId, { state, at: new Date(), ...(note ? { note } : {}) });
    counts[state as 'done' | 'skipped' | 'failed']++;
  }
  if (together.length) {
    const states = await kind.applyBatch!(ctx, job, together);
    for (const item of together) {
      const state = states.get(item.key) ?? 'done';
      await effects.patch(`${job._id}_${item.key}`, { state, at: new Date() });
      counts[state]++;
    }
  }
  if (kind.afterBatch && batch.items.length) await kind.afterBatch(ctx, job, batch.items);
  const _ = ctx.db.command;
  const finished = batch.cursor === null;
  const now = new Date();
  await jobs(ctx.db).patch(job._id, {
    cursor: batch.cursor,
    ...(batch.total !== undefined ? { total: batch.total } : {}),
    done: _.inc(counts.done),
    skipped: _.inc(counts.skipped),
    failed: _.inc(counts.failed),
    unknown: _.inc(counts.unknown),
    batches: _.inc(1),
    lease: null,
    updatedAt: now,
    ...(finished ? { status: 'done', open: false, finishedAt: now } : {}),
  });
  if (finished && kind.finish) await kind.finish(ctx, { ...job, cursor: null });
  return !finished;
}

/**
 * The worker: due jobs, oldest first, one batch at a time until the budget is
 * spent. Safe to run concurrently (leases) and to kill at any point.
 */
export async function work(ctx: Ctx, opts: Partial<WorkOptions> = {}): Promise<{ batches: number; jobs: string[] }> {
  const o = { ...DEFAULT_WORK, ...opts };
  const started = Date.now();
  const touched = new Set<string>();
  let batches = 0;
  while (Date.now() - started < o.budgetMs && (o.maxBatches === undefined || batches < o.maxBatches)) {
    const now = new Date();
    const due = o.jobId
      ? [await jobs(ctx.db).get(o.jobId)].filter((j): j is JobDoc => !!j && j.open)
      : // Only kinds this function defines: every function with a \`jobs\` timer shares the
        // collection, and another function's worker must neither run nor fail our jobs.
        await jobs(ctx.db).find(
          { open: true, runAfter: ctx.db.command.lte(now), kind: ctx.db.command.in([...KINDS.keys()]) },
          { orderBy: [['runAfter', 'asc']], limit: 5 },
        );
    let progressed = false;
    for (const candidate of due) {
      const job = await claim(ctx, candidate._id, o.leaseMs, now);
      if (!job) continue;
      touched.add(job._id);
      batches++;
      progressed = true;
      try {
        await runBatch(ctx, job);
      } catch (e) {
        // Leave the lease: the job is retried once it expires.
        console.error('[jobs] batch failed', job._id, e);
      }
      break;
    }
    if (!progressed) break;
  }
  return { batches, jobs: [...touched] };
}

/**
 * The progress of a job for the person who started it, advancing it by one batch
 * first: the page that watches a job moves it on, so no timer has to.
 */
export async function jobProgress(ctx: Ctx, jobId: string, personId: string | null, deploy: { timeout: number }): Promise<JobView> {
  const j = await jobs(ctx.db).get(jobId);
  if (!j || !personId || j.createdBy !== personId) throw new AppError('NOT_FOUND');
  if (!j.open) return jobView(j);
  await work(ctx, { jobId, maxBatches: 1, budgetMs: workerBudgetMs(deploy) });
  return jobView((await jobs(ctx.db).get(jobId)) ?? j);
}

/** The progress of a job, for the person who started it. */
export async function jobStatus(ctx: Ctx, jobId: string, personId: string | null): Promise<JobView> {
  const j = await jobs(ctx.db).get(jobId);
  // Someone else's job does not exist for you.
  if (!j || !personId || j.createdBy !== personId) throw new AppError('NOT_FOUND');
  return jobView(j);
}
