/**
 * The operator's setup (`npm run setup`): from a small file, the community, its
 * compounds and their buildings (units, lift, shops), and a one-time claim code for
 * the first committee member or community worker. Every id derives from names
 * (core/onboarding/rules setupIds) and nothing that exists is changed, so running it
 * twice changes nothing. Writes go through the ordinary database API: the emulator
 * locally, CloudBase with --env.
 */
import ExcelJS from 'exceljs';
import { extname } from 'node:path';
import { readFileSync } from 'node:fs';
import { CLAIM_HOURS, type ClaimRole } from '../../core/onboarding/limits';
import { claimFate, parseSetupRows, setupIds, type SetupRowError, type SetupSpec } from '../../core/onboarding/rules';
import type { Database } from '../../cloudfunctions/_shared/database';
import { buildings, communities, compounds, type BuildingDoc, type CompoundDoc } from '../../cloudfunctions/_shared/directory';
import { backfillCompoundKeys } from '../../cloudfunctions/accounts/compounds';
import { withNameKeys } from '../../core/accounts/search';
import { claims, type ClaimDoc } from '../../cloudfunctions/onboarding/docs';
import { claimCodeHash, newClaimCode } from '../../cloudfunctions/onboarding/codes';
import { claimTaken } from '../../cloudfunctions/onboarding/claim';

export class SetupFileError extends Error {
  constructor(readonly errors: SetupRowError[]) {
    super(errors.map((e) => `第${e.row}行${e.column ? `「${e.column}」` : ''}：${e.message}`).join('\n'));
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}

/** The setup file (.xlsx: the first sheet; .csv: comma-separated) → the spec, or SetupFileError naming every bad row. */
export async function readSetupFile(path: string): Promise<SetupSpec> {
  let rows: string[][];
  if (extname(path).toLowerCase() === '.csv') {
    rows = readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((l) => l.split(','));
  } else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new SetupFileError([{ row: 1, message: '文件里没有工作表' }]);
    rows = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const values = sheet.getRow(r).values as ExcelJS.CellValue[];
      rows.push(values.slice(1).map(cellText));
    }
  }
  const { spec, errors } = parseSetupRows(rows);
  if (!spec) throw new SetupFileError(errors);
  return spec;
}

export interface ClaimRequest {
  role: ClaimRole;
  /** Which compound's committee (by name); needed when the file has several compounds. */
  compound?: string;
  /** Void an unused code and print a new one (a lost code). */
  renew?: boolean;
}

export type ClaimOutcome =
  | { state: 'new'; code: string; expiresAt: Date; role: ClaimRole; place: string }
  | { state: 'open'; expiresAt: Date; role: ClaimRole; place: string }
  | { state: 'claimed'; role: ClaimRole; place: string }
  | { state: 'taken'; role: ClaimRole; place: string };

export interface SetupReport {
  communityId: string;
  compoundIds: string[];
  created: { communities: number; compounds: number; buildings: number };
  /** Buildings that exist and differ from the file: left as they are. */
  differences: string[];
  claim: ClaimOutcome | null;
}

export async function runSetup(db: Database, spec: SetupSpec, opts: { now: Date; claim: ClaimRequest | null }): Promise<SetupReport> {
  const created = { communities: 0, compounds: 0, buildings: 0 };
  const differences: string[] = [];
  let community = await communities(db).first({ name: spec.community });
  if (!community) {
    community = { _id: setupIds.community(spec.community), name: spec.community };
    await communities(db).put(community._id, { name: community.name });
    created.communities++;
  }
  const made: CompoundDoc[] = [];
  for (const c of spec.compounds) {
    let compound = await compounds(db).first({ communityId: community._id, name: c.name });
    if (!compound) {
      compound = withNameKeys({
        _id: setupIds.compound(community._id, c.name),
        communityId: community._id,
        name: c.name,
        ...(c.address ? { address: c.address } : {}),
      });
      const { _id, ...doc } = compound;
      await compounds(db).put(_id, doc);
      created.compounds++;
    }
    made.push(compound);
    const existing = await buildings(db).find({ compoundId: compound._id }, { limit: 1000 });
    for (const b of c.buildings) {
      const have = existing.find((e) => e.no === b.no);
      if (have) {
        const diff = [
          have.name !== b.name ? `名称 ${have.name}→${b.name}` : '',
          have.kind !== b.kind ? '类型不同' : '',
          have.hasLift !== b.hasLift ? `电梯 ${have.hasLift ? '有' : '无'}→${b.hasLift ? '有' : '无'}` : '',
          have.units.join(',') !== b.units.join(',') ? `单元 ${have.units.length}→${b.units.length}` : '',
        ].filter(Boolean);
        if (diff.length) differences.push(`${compound.name} ${have.name}：${diff.join('，')}（已存在，未更改）`);
        continue;
      }
      const doc: Omit<BuildingDoc, '_id'> = {
        communityId: community._id,
        compoundId: compound._id,
        no: b.no,
        name: b.name,
        kind: b.kind,
        hasLift: b.hasLift,
        units: b.units,
        homeCount: 0,
      };
      await buildings(db).put(setupIds.building(compound._id, b.no), doc);
      created.buildings++;
    }
  }
  // Compounds written before compounds.search (or renamed in the console) get their keys: idempotent.
  await backfillCompoundKeys(db);
  const claim = opts.claim ? await issueClaim(db, community, made, opts.claim, opts.now) : null;
  return { communityId: community._id, compoundIds: made.map((c) => c._id), created, differences, claim };
}

async function issueClaim(
  db: Database,
  community: { _id: string; name: string },
  made: CompoundDoc[],
  req: ClaimRequest,
  now: Date,
): Promise<ClaimOutcome> {
  let compound: CompoundDoc | undefined;
  if (req.role === 'committeeMember') {
    compound = req.compound ? made.find((c) => c.name === req.compound) : made.length === 1 ? made[0] : undefined;
    if (!compound)
      throw new Error(
        req.compound ? `文件里没有小区「${req.compound}」` : '文件里有多个小区：用 --compound <小区名称> 指定由哪个小区的业委会认领',
      );
  }
  const place = compound ? `${community.name} ${compound.name}` : community.name;
  const scope = { role: req.role, communityId: community._id, ...(compound ? { compoundId: compound._id } : {}) };
  const id = `${compound?._id ?? community._id}_${req.role}`;
  const current = await claims(db).get(id);
  if (current && current.state === 'used') return { state: 'claimed', role: req.role, place };
  if (await claimTaken({ db }, scope)) return { state: 'taken', role: req.role, place };
  if (current && claimFate(current, now) === 'ok' && !req.renew)
    return { state: 'open', expiresAt: new Date(current.expiresAt), role: req.role, place };
  const code = newClaimCode();
  const expiresAt = new Date(now.getTime() + CLAIM_HOURS * 3600_000);
  const doc: Omit<ClaimDoc, '_id'> = { codeHash: claimCodeHash(code), ...scope, state: 'active', createdAt: now, expiresAt };
  await claims(db).put(id, doc);
  return { state: 'new', code, expiresAt, role: req.role, place };
}
