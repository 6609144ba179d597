/**
 * Messaging the people of a notice's homes (an emergency's send-out, a lead's
 * reminder) is a job: members are walked in batches by membership id, each
 * person messaged at most once per job (the job's effect key is the person),
 * spending one subscribe grant each. See _shared/jobs.ts for what a killed batch
 * does.
 */
import { NOTICE_TEMPLATE_FIELDS, NOTICE_TEMPLATE_ID } from '../../core/notices/contract';
import { clip, homeKnows, noticePage } from '../../core/notices/rules';
import { ROLE_LABELS } from '../../core/platform/roles';
import { formatDateTime } from '../../core/platform/time';
import type { Ctx } from '../_shared/router';
import { memberships, people } from '../_shared/directory';
import { defineJob, jobs, type JobDoc } from '../_shared/jobs';
import { sendWithGrant } from '../_shared/messaging';
import { homeReadId } from './common';
import { noticeHomeReads, noticeReminders, type NoticeDoc } from './docs';

export interface NoticeMessageParams {
  noticeId: string;
  /** Reads are kept per rootId (all versions); absent on jobs queued before = noticeId. */
  rootId?: string;
  /** Reads of versions older than this do not count (a correction marked 需重新阅读). */
  fromVersion?: number;
  note: string;
  buildingIds: string[];
  compoundIds: string[];
  /** Reminders skip homes already reached (read in the app or told in person). */
  onlyUnread: boolean;
  excludePersonId: string;
  /** The template's values, fixed when the job is queued. */
  fields: Record<string, { value: string }>;
  /** A reminder is logged in noticeReminders when it finishes. */
  remindedBy?: string;
}

export function messageFields(notice: NoticeDoc, note: string, now: Date): Record<string, { value: string }> {
  const f = NOTICE_TEMPLATE_FIELDS;
  return {
    [f.title]: { value: clip(notice.title) },
    [f.author]: { value: clip(`${notice.authorName}（${ROLE_LABELS[notice.authorRole]}）`) },
    [f.time]: { value: formatDateTime(notice.publishedAt ?? now) },
    [f.note]: { value: clip(note) },
  };
}

/** The active memberships a notice's message goes to: its buildings, or its whole compounds. */
export function audienceQuery(ctx: Ctx, p: Pick<NoticeMessageParams, 'buildingIds' | 'compoundIds'>) {
  const _ = ctx.db.command;
  const ors: object[] = [];
  if (p.buildingIds.length) ors.push({ buildingId: _.in(p.buildingIds) });
  if (p.compoundIds.length) ors.push({ compoundId: _.in(p.compoundIds) });
  return _.and([ors.length === 1 ? ors[0] : _.or(ors), { status: 'active' }]);
}

export const noticeMessageJob = defineJob<NoticeMessageParams, { personId: string }>({
  kind: 'notices.message',
  batchSize: 100,
  async next(ctx, job, cursor, limit) {
    const p = job.params;
    const _ = ctx.db.command;
    const where = audienceQuery(ctx, p);
    const rows = await memberships(ctx.db).find(cursor ? _.and([where, { _id: _.gt(cursor) }]) : where, {
      orderBy: [['_id', 'asc']],
      limit,
    });
    const total = cursor === null ? await memberships(ctx.db).count(where) : undefined;
    let reached = new Set<string>();
    if (p.onlyUnread && rows.length) {
      const reads = await noticeHomeReads(ctx.db).byIds(rows.map((m) => homeReadId(p.rootId ?? p.noticeId, m.homeId)));
      reached = new Set([...reads.values()].filter((r) => homeKnows(r, p.fromVersion ?? 1)).map((r) => r.homeId));
    }
    const items = rows
      .filter((m) => m.personId !== p.excludePersonId && !reached.has(m.homeId))
      .map((m) => ({ key: m.personId, data: { personId: m.personId } }));
    return { items, cursor: rows.length < limit ? null : rows[rows.length - 1]._id, ...(total !== undefined ? { total } : {}) };
  },
  async apply(ctx, job, item) {
    const person = await people(ctx.db).get(item.data.personId);
    if (!person?.openid) return 'skipped';
    const outcome = await sendWithGrant(
      ctx.db,
      ctx.cloud,
      { touser: person.openid, templateId: NOTICE_TEMPLATE_ID, page: noticePage(job.params.noticeId), data: job.params.fields },
      new Date(),
    );
    return outcome === 'sent' ? 'done' : 'skipped';
  },
  async finish(ctx, job) {
    if (!job.params.remindedBy) return;
    const final = (await jobs(ctx.db).get(job._id)) as JobDoc<NoticeMessageParams> | null;
    if (!final) return;
    await noticeReminders(ctx.db).put(job._id, {
      noticeId: job.params.noticeId,
      by: job.params.remindedBy,
      at: new Date(),
      buildingIds: job.params.buildingIds,
      reminded: final.done,
      unreachable: final.skipped,
    });
  },
});
