/**
 * The roster: the compound's property register (homes, areas, registered owners)
 * plus who is bound to each home. Leads see it masked, committee and property in full.
 */
import ExcelJS from 'exceljs';
import type { ImportResult, ImportRowError, RosterHome, RosterPage } from '../../core/accounts/contract';
import { assertCan } from '../../core/authz';
import { rosterView } from '../../core/accounts/rules';
import { AppError } from '../../core/platform/errors';
import { maskName, maskPhone } from '../../core/platform/mask';
import { formatHundredths, parseHundredths } from '../../core/platform/units';
import { RELATION_LABELS } from '../../core/platform/roles';
import { formatDate } from '../../core/platform/time';
import type { Ctx } from '../_shared/router';
import { decodeCursor, getAll, getByIds, mustGet, pageOf } from '../_shared/db';
import type { BuildingDoc, CompoundDoc, HomeDoc, MembershipDoc, PersonDoc, RegisteredOwner } from '../_shared/directory';
import { homeId, homeLabel } from '../../core/accounts/rules';
import { buildingView, homeView } from './views';
import { targetOf } from './binding';

export const ROSTER_COLUMNS = ['楼栋', '单元', '房号', '类型', '面积(㎡)', '电梯', '业主姓名', '手机号'] as const;

export async function listRoster(ctx: Ctx, input: { buildingId: string; cursor?: string; size: number }): Promise<RosterPage> {
  const actor = await ctx.actor();
  const building = await mustGet<BuildingDoc>(ctx.db, 'buildings', input.buildingId);
  const view = rosterView(actor, targetOf({ ...building, buildingId: building._id }));
  if (!view) throw new AppError('FORBIDDEN');
  const offset = decodeCursor(input.cursor);
  const res = await ctx.db.collection('homes').where({ buildingId: building._id }).orderBy('unit', 'asc').orderBy('number', 'asc').skip(offset).limit(input.size + 1).get();
  const homes = res.data as HomeDoc[];
  const shown = homes.slice(0, input.size);
  const _ = ctx.db.command;
  const members = shown.length
    ? ((await ctx.db.collection('memberships').where({ homeId: _.in(shown.map((h) => h._id)), status: 'active' }).limit(1000).get()).data as MembershipDoc[])
    : [];
  const people = await getByIds<PersonDoc>(ctx.db, 'people', members.map((m) => m.personId));
  const name = (n: string) => (view === 'full' ? n : maskName(n));
  const tel = (p?: string) => (p ? (view === 'full' ? p : maskPhone(p)) : undefined);
  const items: RosterHome[] = homes.map((h) => ({
    home: homeView(h),
    registeredOwners: h.registeredOwners.map((o) => ({ name: name(o.name), ...(o.phone ? { phone: tel(o.phone) } : {}) })),
    members: members
      .filter((m) => m.homeId === h._id && people.has(m.personId))
      .map((m) => {
        const p = people.get(m.personId)!;
        return { personId: p._id, name: name(p.name), ...(p.phone ? { phone: tel(p.phone) } : {}), relation: m.relation };
      }),
  }));
  return { view, building: buildingView(building), ...pageOf(items, offset, input.size) };
}

interface ParsedRow {
  row: number;
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
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
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
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  const col: Record<string, number> = {};
  for (const c of ROSTER_COLUMNS) {
    const i = header.findIndex((h) => h.replace(/\s/g, '').replace('（', '(').replace('）', ')') === c || h.startsWith(c.replace(/\(.*/, '')));
    if (i < 0) errors.push({ row: 1, column: c, message: `缺少列「${c}」` });
    else col[c] = i + 1;
  }
  if (errors.length) return { rows, errors };
  const byName = new Map<string, BuildingDoc>();
  for (const b of buildings) {
    byName.set(b.name, b);
    byName.set(String(b.no), b);
  }
  const seen = new Map<string, number>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (c: (typeof ROSTER_COLUMNS)[number]) => cellText(row.getCell(col[c]).value);
    const values = ROSTER_COLUMNS.map(get);
    if (values.every((v) => !v)) continue;
    const err = (column: string, message: string) => errors.push({ row: r, column, message });
    const before = errors.length;
    const bName = get('楼栋');
    const building = byName.get(bName) ?? byName.get(bName.replace(/[栋幢号楼]$/, ''));
    if (!building) err('楼栋', `找不到楼栋「${bName}」`);
    const kindText = get('类型');
    const kind = kindText === '商铺' || kindText === '店面' ? 'shop' : kindText === '住宅' ? 'flat' : null;
    if (!kind) err('类型', '类型应为「住宅」或「商铺」');
    const unit = get('单元').replace(/单元$/, '');
    if (kind === 'flat' && !/^[0-9A-Za-z]{1,4}$/.test(unit)) err('单元', '单元应为1到4位数字或字母');
    if (kind === 'shop' && unit && !/^[0-9A-Za-z]{1,4}$/.test(unit)) err('单元', '单元应为1到4位数字或字母');
    const number = get('房号');
    if (!/^[0-9A-Za-z-]{1,10}$/.test(number)) err('房号', '房号应为1到10位数字、字母或短横线');
    const area = parseHundredths(get('面积(㎡)'));
    if (area === null || area <= 0 || area > 10_000_00) err('面积(㎡)', '面积应为大于0的数字，最多两位小数');
    const liftText = get('电梯');
    if (liftText !== '有' && liftText !== '无') err('电梯', '电梯应填「有」或「无」');
    const ownerName = get('业主姓名');
    if (ownerName.length > 20) err('业主姓名', '业主姓名不超过20个字');
    const tel = get('手机号');
    if (tel && !/^1\d{10}$/.test(tel)) err('手机号', '手机号应为11位数字');
    if (errors.length > before || !building || !kind || area === null) continue;
    const key = homeId(building._id, unit, number);
    if (seen.has(key)) {
      err('房号', `与第${seen.get(key)}行重复`);
      continue;
    }
    seen.set(key, r);
    const owners = ownerName ? ownerName.split(/[、,，]/).map((n) => n.trim()).filter(Boolean).map((n, i) => ({ name: n, ...(i === 0 && tel ? { phone: tel } : {}) })) : [];
    rows.push({ row: r, building, unit, number, kind, areaCenti: area, hasLift: liftText === '有', owners });
  }
  if (!rows.length && !errors.length) errors.push({ row: 2, message: '文件中没有数据行' });
  return { rows, errors };
}

export async function importRoster(ctx: Ctx, input: { compoundId: string; fileBase64: string; dryRun: boolean }): Promise<ImportResult> {
  const actor = await ctx.actor();
  const compound = await mustGet<CompoundDoc>(ctx.db, 'compounds', input.compoundId);
  assertCan(actor, 'roster.import', { communityId: compound.communityId, compoundId: compound._id });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(input.fileBase64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_INVALID', '无法读取文件，请上传 .xlsx 格式的表格');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_INVALID', '表格中没有工作表');
  const buildings = await getAll<BuildingDoc>(ctx.db, 'buildings', { compoundId: compound._id });
  const { rows, errors } = parseRosterRows(sheet, buildings);
  if (errors.length) return { dryRun: input.dryRun, rows: rows.length + new Set(errors.map((e) => e.row)).size, created: 0, updated: 0, errors };
  const _ = ctx.db.command;
  const ids = rows.map((r) => homeId(r.building._id, r.unit, r.number));
  const existing = await getByIds<HomeDoc>(ctx.db, 'homes', ids);
  const created = ids.filter((i) => !existing.has(i)).length;
  const result: ImportResult = { dryRun: input.dryRun, rows: rows.length, created, updated: rows.length - created, errors: [] };
  if (input.dryRun) return result;
  // Deterministic ids: if this loop is interrupted, running the same import again
  // finishes it without duplicates.
  for (const r of rows) {
    const id = homeId(r.building._id, r.unit, r.number);
    const doc: Omit<HomeDoc, '_id'> = {
      communityId: compound.communityId,
      compoundId: compound._id,
      compoundName: compound.name,
      buildingId: r.building._id,
      buildingName: r.building.name,
      unit: r.unit,
      number: r.number,
      label: homeLabel(r.building.name, r.unit, r.number, r.kind),
      kind: r.kind,
      areaCenti: r.areaCenti,
      hasLift: r.hasLift,
      registeredOwners: r.owners,
      updatedAt: ctx.now,
    };
    await ctx.db.collection('homes').doc(id).set({ data: doc });
  }
  // Keep each building's home count and unit list in step with the register.
  for (const b of buildings) {
    const count = (await ctx.db.collection('homes').where({ buildingId: b._id }).count()).total;
    const units = [...new Set(rows.filter((r) => r.building._id === b._id && r.unit).map((r) => r.unit).concat(b.units))].sort();
    if (count !== b.homeCount || units.length !== b.units.length) {
      await ctx.db.collection('buildings').doc(b._id).update({ data: { homeCount: count, units: _.set(units) } });
    }
  }
  return result;
}

export async function exportRoster(ctx: Ctx, input: { compoundId: string }) {
  const actor = await ctx.actor();
  const compound = await mustGet<CompoundDoc>(ctx.db, 'compounds', input.compoundId);
  assertCan(actor, 'roster.export', { communityId: compound.communityId, compoundId: compound._id });
  const homes = await getAll<HomeDoc>(ctx.db, 'homes', { compoundId: compound._id }, [['buildingId', 'asc'], ['unit', 'asc'], ['number', 'asc']]);
  const members = await getAll<MembershipDoc>(ctx.db, 'memberships', { compoundId: compound._id, status: 'active' });
  const people = await getByIds<PersonDoc>(ctx.db, 'people', members.map((m) => m.personId));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow([...ROSTER_COLUMNS, '已绑定住户']);
  for (const h of homes) {
    const bound = members
      .filter((m) => m.homeId === h._id)
      .map((m) => `${people.get(m.personId)?.name ?? ''}(${RELATION_LABELS[m.relation]})`)
      .join('、');
    ws.addRow([
      h.buildingName,
      h.unit,
      h.number,
      h.kind === 'shop' ? '商铺' : '住宅',
      formatHundredths(h.areaCenti),
      h.hasLift ? '有' : '无',
      h.registeredOwners.map((o) => o.name).join('、'),
      h.registeredOwners[0]?.phone ?? '',
      bound,
    ]);
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const fileName = `${compound.name}花名册-${formatDate(ctx.now)}.xlsx`;
  const up = await ctx.cloud.uploadFile({ cloudPath: `exports/${compound._id}/${ctx.now.getTime()}-roster.xlsx`, fileContent: buffer });
  const urls = (await ctx.cloud.getTempFileURL({ fileList: [up.fileID] })) as { fileList: { tempFileURL: string }[] };
  return { fileName, fileID: up.fileID, url: urls.fileList[0].tempFileURL };
}
