/** The roll, who has not voted (door-to-door), reminders, published results and the .xlsx export. */
import ExcelJS from 'exceljs';
import { AppError } from '../../core/platform/errors';
import type { Page } from '../../core/platform/api';
import type { JobView } from '../../core/platform/jobs';
import { formatHundredths } from '../../core/platform/units';
import { formatDate, formatDateTime } from '../../core/platform/time';
import {
  VOTE_TEMPLATE_FIELDS,
  VOTE_TEMPLATE_ID,
  type ExportResult,
  type RemindResult,
  type ResultRow,
  type ResultsPage,
  type RollPage,
  type RollRow,
} from '../../core/votes/contract';
import { MATTER_KIND_LABELS, areaText } from '../../core/votes/count';
import { phaseOf } from '../../core/votes/rules';
import type { Ctx } from '../_shared/router';
import { decodeCursor, iso, pageOf } from '../_shared/db';
import { compounds, memberships, people, requirePerson } from '../_shared/directory';
import { privateExport } from '../_shared/files';
import { defineJob, enqueue, jobProgress, jobView, jobs, work, workerBudgetMs } from '../_shared/jobs';
import { sendWithGrant } from '../_shared/messaging';
import { ballots, matters, roll, type RollDoc } from './docs';
import { allOfMatter, assertManage, choiceLabels, consultationOf, loadMatter } from './common';
import deploy from './deploy.json';

const rowOf = (e: RollDoc, withVoted: boolean): RollRow => ({
  homes: e.homes.map((h) => ({ homeId: h.homeId, label: h.label, areaCenti: h.areaCenti })),
  areaCenti: e.areaCenti,
  developer: e.developer,
  ...(withVoted ? { voted: e.voted } : {}),
});

/** The roll as owners see it during the announcement: rooms and areas, never names. */
export async function listRoll(ctx: Ctx, input: { matterId: string; cursor?: string; size: number }): Promise<RollPage> {
  const { m, track } = await loadMatter(ctx, input.matterId);
  if (!m.rollTotals) throw new AppError('VOTE_STATE', '名册尚未生成');
  const offset = decodeCursor(input.cursor);
  const found = await roll(ctx.db).find({ matterId: m._id }, { orderBy: [['sort', 'asc']], skip: offset, limit: input.size + 1 });
  const p = pageOf(found, offset, input.size);
  const phase = phaseOf(m, ctx.now);
  return { ...p, items: p.items.map((e) => rowOf(e, track)), totals: m.rollTotals, frozen: phase !== 'draft' && phase !== 'announced' };
}

export async function listUnvoted(ctx: Ctx, input: { matterId: string; cursor?: string; size: number }): Promise<Page<RollRow>> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  const offset = decodeCursor(input.cursor);
  const found = await roll(ctx.db).find(
    { matterId: m._id, voted: false },
    { orderBy: [['sort', 'asc']], skip: offset, limit: input.size + 1 },
  );
  const p = pageOf(found, offset, input.size);
  return { ...p, items: p.items.map((e) => rowOf(e, false)), total: await roll(ctx.db).count({ matterId: m._id, voted: false }) };
}

/** Remind the owners of homes not voted yet: one message per person with a grant left. */
interface RemindParams {
  matterId: string;
  title: string;
  closesAt: string;
}
export const voteReminderJob = defineJob<RemindParams, RollDoc>({
  kind: 'votes.remind',
  batchSize: 100,
  async next(ctx, job, cursor, limit) {
    const _ = ctx.db.command;
    const where = cursor
      ? { matterId: job.params.matterId, voted: false, sort: _.gt(cursor) }
      : { matterId: job.params.matterId, voted: false };
    const items = await roll(ctx.db).find(where, { orderBy: [['sort', 'asc']], limit });
    const total = cursor ? undefined : await roll(ctx.db).count({ matterId: job.params.matterId, voted: false });
    return {
      items: items.map((e) => ({ key: e._id, data: e })),
      cursor: items.length < limit ? null : items[items.length - 1].sort,
      ...(total !== undefined ? { total } : {}),
    };
  },
  async apply(ctx, job, item) {
    const fresh = await roll(ctx.db).get(item.data._id);
    if (!fresh || fresh.voted) return 'skipped';
    const owners = await memberships(ctx.db).find(
      { homeId: ctx.db.command.in(fresh.homeIds), status: 'active', relation: 'owner' },
      { limit: 20 },
    );
    const who = await people(ctx.db).byIds(owners.map((o) => o.personId));
    let sent = 0;
    for (const p of who.values()) {
      const r = await sendWithGrant(
        ctx.db,
        ctx.cloud,
        {
          touser: p.openid,
          templateId: VOTE_TEMPLATE_ID,
          page: `packages/votes/pages/detail/index?id=${job.params.matterId}`,
          data: {
            [VOTE_TEMPLATE_FIELDS.title]: { value: job.params.title.slice(0, 20) },
            [VOTE_TEMPLATE_FIELDS.closes]: { value: formatDateTime(job.params.closesAt) },
            [VOTE_TEMPLATE_FIELDS.note]: { value: '您家尚未投票，请在截止前投票' },
          },
        },
        new Date(),
      );
      if (r === 'sent') sent++;
    }
    return sent ? 'done' : 'skipped';
  },
});

export async function remind(ctx: Ctx, input: { clientRequestId: string; matterId: string }): Promise<RemindResult> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  if (phaseOf(m, ctx.now) !== 'open') throw new AppError('VOTE_NOT_OPEN');
  const person = await requirePerson(ctx.db, actor);
  const job = await enqueue(
    ctx,
    voteReminderJob,
    { matterId: m._id, title: m.title, closesAt: iso(m.closesAt) },
    { createdBy: person._id, clientRequestId: input.clientRequestId },
  );
  // No page polls a vote reminder: the call runs batches for a third of its timeout.
  await work(ctx, { jobId: job._id, budgetMs: workerBudgetMs(deploy) });
  const now = (await jobs(ctx.db).get(job._id)) ?? job;
  return { jobId: job._id, finished: !now.open, job: jobView(now) };
}

export async function reminderStatus(ctx: Ctx, input: { jobId: string }): Promise<JobView> {
  const actor = await ctx.actor();
  return jobProgress(ctx, input.jobId, actor.personId, deploy);
}

/** Published results per home: room, area, choice (no names; a secret matter hides choices). */
export async function results(ctx: Ctx, input: { matterId: string; cursor?: string; size: number }): Promise<ResultsPage> {
  const { m } = await loadMatter(ctx, input.matterId);
  if (!m.result || (m.status !== 'preliminary' && m.status !== 'final')) throw new AppError('VOTE_STATE', '结果尚未公布');
  const offset = decodeCursor(input.cursor);
  const found = await roll(ctx.db).find({ matterId: m._id }, { orderBy: [['sort', 'asc']], skip: offset, limit: input.size + 1 });
  const p = pageOf(found, offset, input.size);
  const bs = await ballots(ctx.db).byIds(p.items.map((e) => e._id));
  const labels = choiceLabels(m);
  const items: ResultRow[] = [];
  for (const e of p.items) {
    const b = bs.get(e._id);
    for (const h of e.homes) {
      items.push({
        label: h.label,
        areaCenti: h.areaCenti,
        voted: !!b,
        paper: b?.via === 'paper',
        ...(b && !m.secret ? { choice: b.choices.map((c) => labels[c] ?? c).join('、') } : {}),
      });
    }
  }
  const consultation = await consultationOf(ctx.db, await compounds(ctx.db).get(m.compoundId));
  return { ...p, items, secret: m.secret, result: m.result, ...(consultation ? { consultation } : {}) };
}

export async function exportResults(ctx: Ctx, input: { matterId: string }): Promise<ExportResult> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  if (!m.result) throw new AppError('VOTE_STATE', '结果尚未公布');
  const [entries, bs] = await Promise.all([allOfMatter(ctx, roll(ctx.db), m._id), allOfMatter(ctx, ballots(ctx.db), m._id)]);
  const byId = new Map(bs.map((b) => [b._id, b]));
  const labels = choiceLabels(m);
  const consultation = await consultationOf(ctx.db, await compounds(ctx.db).get(m.compoundId));
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('表决结果');
  const r = m.result;
  s.addRow(['表决事项', m.title]);
  s.addRow(['事项类别', `民法典第二百七十八条第${m.kind}项：${MATTER_KIND_LABELS[m.kind]}`]);
  if (consultation) s.addRow([consultation.label, consultation.reason]);
  s.addRow(['名册', `${r.roll.owners} 户（人）`, `${areaText(r.roll.areaCenti)} m²`]);
  s.addRow([
    '参与表决',
    `${r.turnout.owners} 户（人）`,
    `${areaText(r.turnout.areaCenti)} m²`,
    r.turnout.met ? '达到三分之二' : '未达三分之二',
  ]);
  for (const c of r.choices)
    s.addRow([labels[c.id] ?? c.id, `${c.owners} 户（人）`, `${areaText(c.areaCenti)} m²`, c.met ? '达到' : '未达到']);
  s.addRow(['结论', r.summary]);
  s.addRow([]);
  s.addRow(['房号', '面积(m²)', '是否投票', m.secret ? '（不记名表决，不列选择）' : '选择', '方式']);
  for (const e of entries) {
    const b = byId.get(e._id);
    for (const h of e.homes)
      s.addRow([
        h.label,
        formatHundredths(h.areaCenti),
        b ? '已投' : '未投',
        b && !m.secret ? b.choices.map((c) => labels[c] ?? c).join('、') : '',
        b ? (b.via === 'paper' ? '纸质' : '线上') : '',
      ]);
  }
  const p = wb.addWorksheet('纸质表决票');
  p.addRow(['房号', '选择', '录入人', '录入时间', '签字表决票照片（云文件ID）']);
  const labelsOf = new Map(entries.map((e) => [e._id, e.homes.map((h) => h.label).join('、')]));
  for (const b of bs.filter((x) => x.via === 'paper')) {
    p.addRow([
      labelsOf.get(b._id) ?? '',
      m.secret ? '' : b.choices.map((c) => labels[c] ?? c).join('、'),
      b.castByName,
      formatDateTime(b.castAt),
      (b.photos ?? []).join('\n'),
    ]);
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const fileName = `${m.compoundName}-表决结果-${formatDate(ctx.now)}.xlsx`;
  return privateExport(ctx, fileName, buffer);
}

export { matters };
