/**
 * The monthly report for the 街道: the overview's table and 12-month trends, the
 * month's scorecards and the featured cases — as a page that prints on A4 and as an
 * .xlsx under the maker's exports folder (a 10-minute link, as the fees exports).
 * Built from the snapshots, scorecards and cases only: aggregates, never a home.
 */
import ExcelJS from 'exceljs';
import type { MonthlyReport, ReportFile } from '../../core/community/contract';
import { CASE_SOURCE_LABELS } from '../../core/community/labels';
import { FIGURES, FIGURE_KEYS, previousPeriod } from '../../core/community/rules';
import { iso } from '../_shared/db';
import { privateExport } from '../_shared/files';
import type { Ctx } from '../_shared/router';
import { communityFor } from './common';
import { cases } from './docs';
import { load, rowOf } from './overview';
import { scorecardRows } from './scorecards';

/** Featured cases in a report at most (the newest first). */
const REPORT_CASES = 10;

export async function buildReport(ctx: Ctx, input: { communityId: string; period?: string }): Promise<MonthlyReport> {
  const { community } = await communityFor(ctx, input.communityId, 'community.report');
  const period = input.period ?? previousPeriod(ctx.now);
  const { periods, list, by, modelId } = await load(ctx, community._id, period);
  const rows = list.map((c) => rowOf(c, period, periods, by, modelId)).sort((a, b) => Number(b.model) - Number(a.model));
  const { rows: scorecards } = await scorecardRows(ctx, community, period, null);
  // The office's featured cases as they stand when the report is made (newest first): the report says so.
  const featured = await cases(ctx.db).find(
    { communityId: community._id, featured: true },
    { orderBy: [['createdAt', 'desc']], limit: REPORT_CASES },
  );
  return {
    communityId: community._id,
    communityName: community.name,
    period,
    periods,
    figures: FIGURE_KEYS.map((k) => FIGURES[k]),
    rows,
    scorecards,
    cases: featured.map((c) => ({
      id: c._id,
      title: c.title,
      compoundName: c.compoundName,
      sourceLabel: CASE_SOURCE_LABELS[c.source],
      problem: c.problem,
      done: c.done,
    })),
    generatedAt: iso(ctx.now),
  };
}

function workbook(r: MonthlyReport): { wb: ExcelJS.Workbook; rows: number } {
  const wb = new ExcelJS.Workbook();
  let rows = 0;
  const sheet = (name: string, header: string[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header);
    ws.getRow(1).font = { bold: true };
    return (values: (string | number)[]) => {
      ws.addRow(values);
      rows++;
    };
  };
  const table = sheet(`${r.period}各小区指标`, ['小区', '示范小区', '户数', ...r.figures.map((f) => f.label)]);
  for (const row of r.rows) table([row.name, row.model ? '是' : '', row.homes, ...r.figures.map((f) => row.cells[f.key].text)]);
  const trend = sheet('近12个月趋势', ['指标', '小区', ...r.periods]);
  for (const f of r.figures.filter((x) => !x.pending))
    for (const row of r.rows) trend([f.label, row.name, ...row.trend[f.key].map((c) => c.text)]);
  const cards = sheet('示范创建评分', ['小区', '示范小区', '已自评', '六有达标项', '得分', '收到互评', '给出互评']);
  for (const s of r.scorecards)
    cards([s.name, s.model ? '是' : '', s.assessed ? '是' : '否', `${s.itemsMet}/6`, s.score ?? '暂无', s.received, s.given]);
  const lessons = sheet('互学精选案例', ['小区', '标题', '来自', '原来的问题', '怎么做的']);
  for (const c of r.cases) lessons([c.compoundName, c.title, c.sourceLabel, c.problem, c.done]);
  const notes = sheet('指标口径', ['指标', '口径', '注意']);
  for (const f of r.figures) notes([f.label, f.definition, f.caveat]);
  notes(['样本太少', '少于 5 户的数据不显示数字，以免指向具体住户。', '']);
  return { wb, rows };
}

export async function exportReport(ctx: Ctx, input: { communityId: string; period?: string }): Promise<ReportFile> {
  const report = await buildReport(ctx, input);
  const { wb, rows } = workbook(report);
  const fileName = `${report.communityName}-月度报告-${report.period}.xlsx`;
  return { ...(await privateExport(ctx, fileName, Buffer.from(await wb.xlsx.writeBuffer()))), rows };
}
