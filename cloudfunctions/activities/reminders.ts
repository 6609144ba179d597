/**
 * The day-before reminder: a daily timer finds activities starting tomorrow
 * (Shanghai) and queues one job per activity (id from the activity, so a second
 * firing finds it); the `jobs` timer works the jobs. Each confirmed volunteer is
 * messaged at most once, spending one subscribe grant.
 */
import { ACTIVITY_TEMPLATE_ID } from '../../core/activities/contract';
import { activityPage } from '../../core/activities/rules';
import { formatDate } from '../../core/platform/time';
import { defineJob, enqueue, work } from '../_shared/jobs';
import { sendWithGrant } from '../_shared/messaging';
import type { Ctx } from '../_shared/router';
import { activities, signups } from './docs';
import { activityFields } from './signup';

export const reminderJob = defineJob<{ activityId: string; fields: Record<string, { value: string }> }, { openid: string }>({
  kind: 'activities.remind',
  batchSize: 100,
  async next(ctx, job, cursor, limit) {
    const _ = ctx.db.command;
    const where = { activityId: job.params.activityId, status: 'confirmed' };
    const rows = await signups(ctx.db).find(cursor ? { ...where, _id: _.gt(cursor) } : where, { orderBy: [['_id', 'asc']], limit });
    return {
      items: rows.map((r) => ({ key: r.personId, data: { openid: r.openid } })),
      cursor: rows.length < limit ? null : rows[rows.length - 1]._id,
    };
  },
  async apply(ctx, job, item) {
    const r = await sendWithGrant(
      ctx.db,
      ctx.cloud,
      { touser: item.data.openid, templateId: ACTIVITY_TEMPLATE_ID, page: activityPage(job.params.activityId), data: job.params.fields },
      new Date(),
    );
    return r === 'sent' ? 'done' : 'skipped';
  },
});

export async function remindTomorrow(ctx: Ctx) {
  const tomorrow = formatDate(ctx.now.getTime() + 24 * 3_600_000);
  const due = await activities(ctx.db).find({ startDay: tomorrow }, { limit: 200 });
  const queued: string[] = [];
  for (const a of due) {
    if (a.status !== 'open') continue;
    const job = await enqueue(
      ctx,
      reminderJob,
      { activityId: a._id, fields: activityFields(a, '活动明天开始，请准时参加') },
      { createdBy: a.organiserId, clientRequestId: `remind-${a._id}` },
    );
    queued.push(job._id);
  }
  await work(ctx, { budgetMs: 8_000 });
  return { day: tomorrow, queued: queued.length };
}
