/**
 * The roster: the compound's property register (homes, areas, registered owners)
 * plus who is bound to each home. Leads see it masked, committee and property in full.
 *
 * Import: the caller uploads an .xlsx to their own folder (u/<openid>/imports/) and
 * passes its fileID. Every row is checked before anything is written (all or
 * nothing); a real import then runs as a job, in batches, each row an upsert by its
 * deterministic home id, so a batch that dies is simply run again. A building's
 * facts (units, homeCount) change in the same transaction as the homes they count
 * (`writeHomes`), so a reader never sees a building whose counts disagree with its
 * homes — not even while a killed import waits to be resumed.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { ExportResult, ImportResult, ImportRowError, RosterHome, RosterList, RosterPage } from '../../core/accounts/contract';
import { IMPORT_LIMITS } from '../../core/accounts/limits';
import { assertCan, canAnywhere } from '../../core/authz';
import {
  REQUIRED_ROSTER_FIELDS,
  ROSTER_HEADERS,
  homeId,
  homeLabel,
  matchBuilding,
  parseUnit,
  rosterFieldOf,
  rosterView,
  type RosterField,
} from '../../core/accounts/rules';
import { AppError, isAppError } from '../../core/platform/errors';
import type { JobView } from '../../core/platform/jobs';
import { maskName, maskPhone } from '../../core/platform/mask';
import { formatHundredths, parseHundredths } from '../../core/platform/units';
import { RELATION_LABELS } from '../../core/platform/roles';
import { naturalCompare, normalizeText, roomSortKey, textProblem } from '../../core/platform/text';
import { formatDate } from '../../core/platform/time';
import type { Ctx } from '../_shared/router';
import type { Database } from '../_shared/database';
import { decodeCursor, pageOf } from '../_shared/db';
import {
  buildings as buildingsRepo,
  compounds,
  homes as homesRepo,
  memberships,
  people,
  targetOf,
  type BuildingDoc,
  type CompoundDoc,
  type HomeDoc,
  type RegisteredOwner,
} from '../_shared/directory';
import { defineJob, enqueue, jobs, jobProgress, jobView, work, type BatchItem } from '../_shared/jobs';
import { transaction } from '../_shared/repo';
import { assertOwnFiles, privateExport } from '../_shared/files';
import { buildingView, homeView } from './views';
import deploy from './deploy.json';
import { rosterScope } from './scopes';

/** The template's and the export's columns (the import also accepts ROSTER_HEADERS' aliases). */
export const ROSTER_COLUMNS = (Object.keys(ROSTER_HEADERS) as RosterField[]).map((f) => ROSTER_HEADERS[f].label);
/** Downloaded files above this size are refused before parsing. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export async function listRoster(ctx: Ctx, input: { buildingId?: string; cursor?: string; size: number }): Promise<RosterList> {
  if (input.buildingId) return buildingRoster(ctx, { ...input, buildingId: input.buildingId });
  // No building named: the page's picker, and the building itself when there is only one.
  const scope = await rosterScope(ctx, await ctx.actor());
  if (scope.buildings.length === 0) throw new AppError('FORBIDDEN');
  const withScope = input.cursor ? {} : { scope };
  if (scope.buildings.length > 1) return { items: [], view: null, building: null, ...withScope };
  return { ...(await buildingRoster(ctx, { ...input, buildingId: scope.buildings[0].building.id })), ...withScope };
}

async function buildingRoster(ctx: Ctx, input: { buildingId: string; cursor?: string; size: number }): Promise<RosterPage> {
  const actor = await ctx.actor();
  const building = await buildingsRepo(ctx.db).must(input.buildingId);
  const view = rosterView(actor, targetOf({ ...building, buildingId: building._id }));
  if (!view) throw new AppError('FORBIDDEN');
  const offset = decodeCursor(input.cursor);
  const homes = await homesRepo(ctx.db).find(
    { buildingId: building._id },
    { orderBy: [['sortKey', 'asc']], skip: offset, limit: input.size + 1 },
  );
  const shown = homes.slice(0, input.size);
  const _ = ctx.db.command;
  const members = shown.length
    ? await memberships(ctx.db).find({ homeId: _.in(shown.map((h) => h._id)), status: 'active' }, { limit: 1000 })
    : [];
  const who = await people(ctx.db).byIds(members.map((m) => m.personId));
  const name = (n: string) => (view === 'full' ? n : maskName(n));
  const tel = (p?: string) => (p ? (view === 'full' ? p : maskPhone(p)) : undefined);
  const items: RosterHome[] = homes.map((h) => ({
    home: homeView(h),
    registeredOwners: h.registeredOwners.map((o) => ({ name: name(o.name), ...(o.phone ? { phone: tel(o.phone) } : {}) })),
    members: members
      .filter((m) => m.homeId === h._id && who.has(m.personId))
      .map((m) => {
        const p = who.get(m.personId)!;
        return { personId: p._id, name: name(p.name), ...(p.phone ? { phone: tel(p.phone) } : {}), relation: m.relation };
      }),
  }));
  return { view, building: buildingView(building), ...pageOf(items, offset, input.size) };
}

interface ParsedRow {
  row: number;
  /** What the row said for the building. */
  written: string;
  building: BuildingDoc;
  unit: string;
  number: string;
  kind: 'flat' | 'shop';
  areaCenti: number;
  hasLift: boolean;
  owners: RegisteredOwner[];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return String(v.result ?? '').trim();
    if ('text' in v) return String(v.text).trim();
    if (v instanceof Date) return v.toISOString();
  }
  return String(v).trim();
}

/** Every row is checked before anything is written: the import is all or nothing. */
export function parseRosterRows(sheet: ExcelJS.Worksheet, buildings: BuildingDoc[]): { rows: ParsedRow[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const rows: ParsedRow[] = [];
  // Headers as people write them (楼号, 室号, 户主, 联系电话, 建筑面积 …): the first column of each field wins.
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  const col: Partial<Record<RosterField, number>> = {};
  header.forEach((h, i) => {
    const f = rosterFieldOf(h);
    if (f && col[f] === undefined) col[f] = i + 1;
  });
  for (const f of REQUIRED_ROSTER_FIELDS) {
    if (col[f] === undefined)
      errors.push({
        row: 1,
        column: ROSTER_HEADERS[f].label,
        message: `缺少列「${ROSTER_HEADERS[f].label}」（也可写作：${ROSTER_HEADERS[f].aliases.slice(1, 4).join('、')}）`,
      });
  }
  if (errors.length) return { rows, errors };
  const seen = new Map<string, number>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (f: RosterField) => (col[f] === undefined ? '' : cellText(row.getCell(col[f]!).value));
    const values = (Object.keys(col) as RosterField[]).map(get);
    if (values.every((v) => !v)) continue;
    const err = (f: RosterField, message: string) => errors.push({ row: r, column: ROSTER_HEADERS[f].label, message });
    const before = errors.length;
    const kindText = get('kind').replace(/\s/g, '');
    const kindGiven =
      kindText === '商铺' || kindText === '店面' || kindText === '门面'
        ? 'shop'
        : kindText === '住宅' || kindText === '住房'
          ? 'flat'
          : null;
    if (kindText && !kindGiven) err('kind', '类型应为「住宅」或「商铺」');
    const bName = get('building');
    const match = matchBuilding(bName, kindGiven, buildings);
    const building = 'building' in match ? match.building : null;
    if (!building) err('building', (match as { error: string }).error);
    const kind = kindGiven ?? (building ? (building.kind === 'shops' ? 'shop' : 'flat') : null);
    const unit = parseUnit(get('unit'));
    if (unit === null) err('unit', '单元应写作「1」「1单元」或「一单元」');
    else if (kind === 'flat' && !unit && building && building.units.length > 1) err('unit', `${building.name}有多个单元，请填写单元`);
    const number = get('number')
      .normalize('NFKC')
      .replace(/\s/g, '')
      .replace(/[室号]$/, '')
      .toUpperCase();
    if (!/^[0-9A-Z-]{1,10}$/.test(number)) err('number', '房号应为1到10位数字、字母或短横线');
    const area = parseHundredths(get('area').replace(/\s|㎡|m2|平方米|平米/gi, ''));
    if (area === null || area <= 0 || area > 10_000_00) err('area', '面积应为大于0的数字，最多两位小数');
    const liftText = get('lift');
    if (liftText && liftText !== '有' && liftText !== '无') err('lift', '电梯应填「有」或「无」');
    const ownerName = get('owner');
    const nameProblem = ownerName ? textProblem(normalizeText(ownerName), { max: 60 }) : null;
    if (nameProblem) err('owner', `业主姓名${nameProblem}`);
    else if (ownerName.length > 20) err('owner', '业主姓名不超过20个字');
    const tel = get('phone').replace(/[\s-]/g, '');
    if (tel && !/^1\d{10}$/.test(tel)) err('phone', '手机号应为11位数字');
    if (errors.length > before || !building || !kind || area === null || unit === null) continue;
    const key = homeId(building._id, unit, number);
    if (seen.has(key)) {
      err('number', `与第${seen.get(key)}行重复`);
      continue;
    }
    seen.set(key, r);
    const owners = ownerName
      ? ownerName
          .split(/[、,，]/)
          .map((n) => n.trim())
          .filter(Boolean)
          .map((n, i) => ({ name: n, ...(i === 0 && tel ? { phone: tel } : {}) }))
      : [];
    const hasLift = liftText ? liftText === '有' : building.hasLift;
    rows.push({ row: r, written: bName, building, unit: kind === 'shop' ? unit : unit, number, kind, areaCenti: area, hasLift, owners });
  }
  if (!rows.length && !errors.length) errors.push({ row: 2, message: '文件中没有数据行' });
  return { rows, errors };
}

/** The caller's uploaded file: only from their own imports folder; any other reference is FILE_INVALID. */
async function downloadImport(ctx: Ctx, openid: string, fileID: string): Promise<Buffer> {
  assertOwnFiles(openid, 'imports', [fileID]);
  let buf: Buffer;
  try {
    buf = Buffer.from((await ctx.cloud.downloadFile({ fileID })).fileContent as Buffer);
  } catch {
    throw new AppError('FILE_INVALID');
  }
  if (buf.length > MAX_FILE_BYTES) throw new AppError('IMPORT_INVALID', '文件过大，请分批导入');
  return buf;
}

async function readSheet(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_INVALID', '无法读取文件，请上传 .xlsx 格式的表格');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_INVALID', '表格中没有工作表');
  if (sheet.rowCount > IMPORT_LIMITS.maxRows + 1) throw new AppError('IMPORT_INVALID', `表格最多${IMPORT_LIMITS.maxRows}行，请分批导入`);
  return sheet;
}

interface Checked {
  rows: ParsedRow[];
  errors: ImportRowError[];
  /** Rows with data, valid or not. */
  rowCount: number;
  sha256: string;
}

async function checkFile(ctx: Ctx, openid: string, compound: CompoundDoc, fileID: string): Promise<Checked> {
  const buf = await downloadImport(ctx, openid, fileID);
  const sheet = await readSheet(buf);
  const buildings = await buildingsRepo(ctx.db).all({ compoundId: compound._id });
  const { rows, errors } = parseRosterRows(sheet, buildings);
  return {
    rows,
    errors,
    rowCount: rows.length + new Set(errors.map((e) => e.row)).size,
    sha256: createHash('sha256').update(buf).digest('hex'),
  };
}

interface ImportParams {
  compoundId: string;
  communityId: string;
  compoundName: string;
  fileID: string;
  /** Whose folder the file is in (checked again at every batch). */
  openid: string;
  /** The checked file: a file changed after the check stops the job. */
  sha256: string;
}

/** Rows of a job's file, parsed once per warm instance. */
const parsedRows = new Map<string, ParsedRow[]>();

async function rowsOf(ctx: Ctx, jobId: string, p: ImportParams): Promise<ParsedRow[]> {
  const cached = parsedRows.get(jobId);
  if (cached) return cached;
  const compound = await compounds(ctx.db).must(p.compoundId);
  const checked = await checkFile(ctx, p.openid, compound, p.fileID);
  if (checked.sha256 !== p.sha256 || checked.errors.length) throw new AppError('IMPORT_INVALID', '文件在导入过程中被修改，已停止导入');
  if (parsedRows.size >= 2) parsedRows.delete(parsedRows.keys().next().value as string);
  parsedRows.set(jobId, checked.rows);
  return checked.rows;
}

export const rosterImportJob = defineJob<ImportParams, ParsedRow>({
  kind: 'roster.import',
  batchSize: IMPORT_LIMITS.batchSize,
  idempotent: true,
  async next(ctx, job, cursor, limit) {
    const rows = await rowsOf(ctx, job._id, job.params);
    const from = cursor ? Number(cursor) : 0;
    const to = Math.min(from + limit, rows.length);
    return {
      items: rows.slice(from, to).map((r) => ({ key: `r${r.row}`, data: r })),
      cursor: to < rows.length ? String(to) : null,
      total: rows.length,
    };
  },
  async apply(ctx, job, item) {
    // Not reached (applyBatch takes the batch); one item means the same thing.
    return (await writeHomes(ctx, job.params, [item])).get(item.key) ?? 'done';
  },
  applyBatch: (ctx, job, items) => writeHomes(ctx, job.params, items),
  async finish(_ctx, job) {
    parsedRows.delete(job._id);
  },
});

/** Rows per transaction: each is one read and one write of its home, plus the building's. */
const ROWS_PER_TRANSACTION = 50;
const CONFLICT_ATTEMPTS = 8;

/**
 * Write the homes of these rows, building by building, each chunk in one
 * transaction with its building's facts: a new home adds one to `homeCount` and its
 * unit to `units`. The facts are read inside the transaction, so two imports into
 * one building serialise on the building document (the loser waits a moment and
 * retries) and neither loses the other's homes; a worker killed inside a chunk
 * leaves neither its homes nor its counts.
 */
async function writeHomes(ctx: Ctx, p: ImportParams, items: BatchItem<ParsedRow>[]): Promise<Map<string, 'done'>> {
  const byBuilding = new Map<string, BatchItem<ParsedRow>[]>();
  for (const i of items) byBuilding.set(i.data.building._id, [...(byBuilding.get(i.data.building._id) ?? []), i]);
  const out = new Map<string, 'done'>();
  for (const [buildingId, rows] of byBuilding) {
    for (let i = 0; i < rows.length; i += ROWS_PER_TRANSACTION) {
      const chunk = rows.slice(i, i + ROWS_PER_TRANSACTION);
      await withConflictRetry(() =>
        transaction(ctx.db, async (tx) => {
          const b = await buildingsRepo(ctx.db).in(tx).must(buildingId);
          const units = new Set(b.units ?? []);
          let added = 0;
          for (const { data: r } of chunk) {
            const id = homeId(r.building._id, r.unit, r.number);
            if (!(await homesRepo(ctx.db).in(tx).get(id))) added++;
            if (r.unit) units.add(r.unit);
            await homesRepo(ctx.db).in(tx).put(id, homeDoc(p, r));
          }
          const list = [...units].sort(naturalCompare);
          if (added || list.length !== (b.units ?? []).length) {
            await buildingsRepo(ctx.db)
              .in(tx)
              .patch(buildingId, { homeCount: b.homeCount + added, units: ctx.db.command.set(list) });
          }
        }),
      );
      for (const c of chunk) out.set(c.key, 'done');
    }
  }
  return out;
}

async function withConflictRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(isAppError(e) && e.code === 'CONFLICT') || attempt >= CONFLICT_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * attempt));
    }
  }
}

/** A row as the home it describes (its id is deterministic: a repeated row rewrites the same home). */
function homeDoc(p: ImportParams, r: ParsedRow): Omit<HomeDoc, '_id'> {
  return {
    communityId: p.communityId,
    compoundId: p.compoundId,
    compoundName: p.compoundName,
    buildingId: r.building._id,
    buildingName: r.building.name,
    unit: r.unit,
    number: r.number,
    label: homeLabel(r.building.name, r.unit, r.number, r.kind),
    kind: r.kind,
    areaCenti: r.areaCenti,
    hasLift: r.hasLift,
    registeredOwners: r.owners,
    sortKey: roomSortKey(r.unit, r.number),
    updatedAt: new Date(),
  };
}

export async function importRoster(
  ctx: Ctx,
  input: { clientRequestId: string; compoundId: string; fileID: string; dryRun: boolean },
): Promise<ImportResult> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).must(input.compoundId);
  assertCan(actor, 'roster.import', { communityId: compound.communityId, compoundId: compound._id });
  const checked = await checkFile(ctx, ctx.openid, compound, input.fileID);
  const result: ImportResult = {
    dryRun: input.dryRun,
    rows: checked.rowCount,
    created: 0,
    updated: 0,
    errors: checked.errors.slice(0, IMPORT_LIMITS.errorsShown),
    errorCount: checked.errors.length,
    preview: [],
  };
  if (checked.errors.length) return result;
  const existing = await existingHomes(
    ctx.db,
    checked.rows.map((r) => homeId(r.building._id, r.unit, r.number)),
  );
  const fresh = checked.rows.filter((r) => !existing.has(homeId(r.building._id, r.unit, r.number)));
  result.created = fresh.length;
  result.updated = checked.rows.length - fresh.length;
  // Say where each new home goes before anything is written.
  result.preview = fresh.slice(0, IMPORT_LIMITS.errorsShown).map((r) => ({
    row: r.row,
    written: r.written,
    buildingName: r.building.name,
    label: `${compound.name} ${homeLabel(r.building.name, r.unit, r.number, r.kind)}`,
    kind: r.kind,
  }));
  if (input.dryRun) return result;
  const job = await enqueue(
    ctx,
    rosterImportJob,
    {
      compoundId: compound._id,
      communityId: compound.communityId,
      compoundName: compound.name,
      fileID: input.fileID,
      openid: ctx.openid,
      sha256: checked.sha256,
    },
    { createdBy: actor.personId!, clientRequestId: input.clientRequestId },
  );
  // One batch right away, so a compound-sized import is done when the call returns.
  await work(ctx, { jobId: job._id, maxBatches: 1, budgetMs: 5_000 });
  return { ...result, job: jobView((await jobs(ctx.db).get(job._id)) ?? job) };
}

/** Which of these home ids exist (in reads of 1,000 ids at most). */
async function existingHomes(db: Database, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    for (const id of (await homesRepo(db).byIds(ids.slice(i, i + 1000))).keys()) out.add(id);
  }
  return out;
}

export async function importStatus(ctx: Ctx, input: { jobId: string }): Promise<JobView> {
  const actor = await ctx.actor();
  if (!canAnywhere(actor, 'roster.import')) throw new AppError('FORBIDDEN');
  return jobProgress(ctx, input.jobId, actor.personId, deploy);
}

export async function exportRoster(ctx: Ctx, input: { compoundId: string }): Promise<ExportResult> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).must(input.compoundId);
  assertCan(actor, 'roster.export', { communityId: compound.communityId, compoundId: compound._id });
  const buildingNo = new Map((await buildingsRepo(ctx.db).all({ compoundId: compound._id })).map((b) => [b._id, b.no]));
  const homes = (
    await homesRepo(ctx.db).all({ compoundId: compound._id }, [
      ['buildingId', 'asc'],
      ['sortKey', 'asc'],
    ])
  ).sort(
    (a, b) =>
      (buildingNo.get(a.buildingId) ?? 0) - (buildingNo.get(b.buildingId) ?? 0) ||
      (a.sortKey ?? roomSortKey(a.unit, a.number)).localeCompare(b.sortKey ?? roomSortKey(b.unit, b.number)),
  );
  const members = await memberships(ctx.db).all({ compoundId: compound._id, status: 'active' });
  const who = await people(ctx.db).byIds(members.map((m) => m.personId));
  const byHome = new Map<string, string[]>();
  for (const m of members)
    byHome.set(m.homeId, [...(byHome.get(m.homeId) ?? []), `${who.get(m.personId)?.name ?? ''}(${RELATION_LABELS[m.relation]})`]);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow([...ROSTER_COLUMNS, '已绑定住户']);
  for (const h of homes) {
    ws.addRow([
      h.buildingName,
      h.unit,
      h.number,
      h.kind === 'shop' ? '商铺' : '住宅',
      formatHundredths(h.areaCenti),
      h.hasLift ? '有' : '无',
      h.registeredOwners.map((o) => o.name).join('、'),
      h.registeredOwners[0]?.phone ?? '',
      (byHome.get(h._id) ?? []).join('、'),
    ]);
  }
  return privateFile(ctx, wb, `${compound.name}-花名册-${formatDate(ctx.now)}.xlsx`);
}

const privateFile = async (ctx: Ctx, wb: ExcelJS.Workbook, fileName: string): Promise<ExportResult> =>
  privateExport(ctx, fileName, Buffer.from(await wb.xlsx.writeBuffer()));

/** The import template: the columns, two example rows from this compound's own buildings, and a note sheet. */
export async function rosterTemplate(ctx: Ctx, input: { compoundId: string }): Promise<ExportResult> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).must(input.compoundId);
  assertCan(actor, 'roster.import', { communityId: compound.communityId, compoundId: compound._id });
  const buildings = await buildingsRepo(ctx.db).all({ compoundId: compound._id }, [['no', 'asc']]);
  const flat = buildings.find((b) => b.kind === 'residential');
  const shops = buildings.find((b) => b.kind === 'shops');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow([...ROSTER_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  if (flat) ws.addRow([flat.name, '1', '101', '住宅', '89.5', flat.hasLift ? '有' : '无', '张三', '13800000000']);
  if (shops) ws.addRow([shops.name, '', 'S01', '商铺', '45', '无', '李四', '']);
  ws.columns.forEach((c) => (c.width = 14));
  const help = wb.addWorksheet('填写说明');
  help.addRow(['列', '说明', '也可写作']);
  const notes: Record<RosterField, string> = {
    building: `楼栋名称或楼号，如 ${buildings
      .slice(0, 3)
      .map((b) => b.name)
      .join('、')}；“3号楼”“三栋”也可以`,
    unit: '单元号，如 1、1单元、一单元；商铺可不填',
    number: '房号，如 101、1502、S07',
    kind: '住宅 或 商铺；不填按楼栋',
    area: '建筑面积，单位平方米，最多两位小数',
    lift: '有 或 无；不填按楼栋',
    owner: '登记业主姓名，多人用顿号分隔',
    phone: '第一位业主的11位手机号，选填',
  };
  for (const f of Object.keys(ROSTER_HEADERS) as RosterField[])
    help.addRow([ROSTER_HEADERS[f].label, notes[f], ROSTER_HEADERS[f].aliases.slice(1).join('、')]);
  help.columns.forEach((c, i) => (c.width = i === 1 ? 48 : 20));
  return privateFile(ctx, wb, `${compound.name}-花名册模板.xlsx`);
}
