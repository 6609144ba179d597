/**
 * The monthly snapshot: per compound and month, the figures of core/community/rules.ts
 * computed from what the features recorded (read through _shared/compound-figures)
 * and stored as one document, so the overview reads one document per compound and
 * month whatever the number of homes. A job, one compound an item; the daily timer
 * recomputes the last complete month and the current one (late statements, repairs
 * finished after month end), and staff can run a month on demand.
 */
import { AppError } from '../../core/platform/errors';
import { computeFigures, monthRange, previousPeriod } from '../../core/community/rules';
import { periodOf } from '../../core/platform/time';
import { assertCan } from '../../core/authz';
import { communities, compounds, requirePerson, type CompoundDoc } from '../_shared/directory';
import { readCompoundMonth } from '../_shared/compound-figures';
import { defineJob, enqueue, jobView, jobs, work } from '../_shared/jobs';
import type { Ctx, Database } from '../_shared/router';
import { snapshotId, snapshots } from './docs';

/** Compute and store one compound's month (a put: a re-run replaces it). */
export async function snapshotCompound(
  db: Database,
  c: Pick<CompoundDoc, '_id' | 'communityId' | 'name'>,
  period: string,
  at: Date,
): Promise<void> {
  const raw = await readCompoundMonth(db, { compoundId: c._id, communityId: c.communityId }, period, monthRange(period), at);
  await snapshots(db).put(snapshotId(c._id, period), {
    communityId: c.communityId,
    compoundId: c._id,
    compoundName: c.name,
    period,
    homes: raw.homes,
    figures: computeFigures(raw),
    computedAt: at,
  });
}

interface SnapshotParams {
  communityId: string;
  periods: string[];
}
export const snapshotJob = defineJob<SnapshotParams, { compoundId: string }>({
  kind: 'community.snapshot',
  batchSize: 5,
  idempotent: true,
  async next(ctx, job, cursor, limit) {
    const _ = ctx.db.command;
    const where = cursor ? { communityId: job.params.communityId, _id: _.gt(cursor) } : { communityId: job.params.communityId };
    const list = await compounds(ctx.db).find(where, { orderBy: [['_id', 'asc']], limit });
    return {
      items: list.map((c) => ({ key: c._id, data: { compoundId: c._id } })),
      cursor: list.length === limit ? list[list.length - 1]._id : null,
    };
  },
  async apply(ctx, job, item) {
    const c = await compounds(ctx.db).get(item.data.compoundId);
    if (!c) return 'skipped';
    for (const p of job.params.periods) await snapshotCompound(ctx.db, c, p, ctx.now);
    return 'done';
  },
});

/** The daily timer: every community, last month and this month. */
export async function dailySnapshots(ctx: Ctx) {
  const day = periodOf(ctx.now) + '-' + String(ctx.now.getUTCDate()).padStart(2, '0');
  const periods = [previousPeriod(ctx.now), periodOf(ctx.now)];
  for (const c of await communities(ctx.db).all({})) {
    await enqueue(ctx, snapshotJob, { communityId: c._id, periods }, { createdBy: 'system', clientRequestId: `daily-${c._id}-${day}` });
  }
  return work(ctx);
}

/**
 * On demand (the demo, a correction): queue the month and work on it inside this call.
 * A community too large to finish within the budget continues when the same request is
 * sent again (same clientRequestId: the same job) or at the next daily run.
 */
export async function runSnapshots(ctx: Ctx, input: { clientRequestId: string; communityId: string; period: string }) {
  const actor = await ctx.actor();
  const community = await communities(ctx.db).get(input.communityId);
  if (!community) throw new AppError('NOT_FOUND');
  assertCan(actor, 'community.snapshot', { communityId: community._id });
  if (input.period > periodOf(ctx.now)) throw new AppError('BAD_REQUEST', '不能统计未来的月份');
  const person = await requirePerson(ctx.db, actor);
  const job = await enqueue(
    ctx,
    snapshotJob,
    { communityId: community._id, periods: [input.period] },
    { createdBy: person._id, clientRequestId: input.clientRequestId },
  );
  await work(ctx, { jobId: job._id });
  return jobView((await jobs(ctx.db).get(job._id)) ?? job);
}
