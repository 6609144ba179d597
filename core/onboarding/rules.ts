/**
 * Pure rules of day one: the setup file's rows, deterministic ids (so setup run
 * twice changes nothing), a claim code's fate, a building poster's `scene`, and the
 * first-run guide's steps with what is done and what is next.
 */
import { SETUP_LIMITS } from './limits';

// ---- the setup file ----

export interface SetupBuilding {
  no: number;
  name: string;
  kind: 'residential' | 'shops';
  hasLift: boolean;
  /** Unit names ('1', '2', …); empty for a shops block. */
  units: string[];
}
export interface SetupCompound {
  name: string;
  address?: string;
  buildings: SetupBuilding[];
}
export interface SetupSpec {
  community: string;
  compounds: SetupCompound[];
}
export interface SetupRowError {
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  column?: string;
  message: string;
}

/** The setup sheet's columns: one row per building (a shops block is a row of 类型 商铺). */
export const SETUP_COLUMNS = ['社区', '小区', '地址', '楼栋', '单元数', '电梯', '类型'] as const;
type Column = (typeof SETUP_COLUMNS)[number];
const ALIASES: Record<Column, string[]> = {
  社区: ['社区', '社区名称', '所属社区'],
  小区: ['小区', '小区名称'],
  地址: ['地址', '小区地址'],
  楼栋: ['楼栋', '楼号', '楼栋名称', '楼'],
  单元数: ['单元数', '单元', '单元数量'],
  电梯: ['电梯', '有无电梯'],
  类型: ['类型', '楼栋类型'],
};

const squash = (s: string) => s.normalize('NFKC').replace(/\s/g, '');

/** The number a building is known by ("3栋", "3号楼", "12幢" → 3, 12), or null ("沿街商铺"). */
export function buildingNumber(name: string): number | null {
  const m = /^(\d{1,3})(?:栋|号楼|号|幢|座|楼)?$/.exec(squash(name));
  return m ? Number(m[1]) : null;
}

/**
 * The setup sheet as rows of cell text (row 1 the headers) → the community, its
 * compounds and their buildings, or every row error at once. Nothing is written
 * from a file with errors.
 */
export function parseSetupRows(rows: string[][]): { spec: SetupSpec | null; errors: SetupRowError[] } {
  const errors: SetupRowError[] = [];
  const header = (rows[0] ?? []).map(squash);
  const col: Partial<Record<Column, number>> = {};
  for (const c of SETUP_COLUMNS) {
    const i = header.findIndex((h) => ALIASES[c].includes(h));
    if (i >= 0) col[c] = i;
  }
  for (const c of ['社区', '小区', '楼栋'] as const)
    if (col[c] === undefined) errors.push({ row: 1, column: c, message: `缺少列「${c}」` });
  if (errors.length) return { spec: null, errors };
  let community = '';
  const compounds = new Map<string, SetupCompound>();
  const seen = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const cell = (c: Column) => (col[c] === undefined ? '' : squash(rows[r][col[c]!] ?? ''));
    if (SETUP_COLUMNS.every((c) => !cell(c))) continue;
    const row = r + 1;
    const err = (column: Column, message: string) => errors.push({ row, column, message });
    const before = errors.length;
    const cm = cell('社区');
    if (!cm) err('社区', '请填写社区');
    else if (cm.length > SETUP_LIMITS.name) err('社区', `社区名称不超过${SETUP_LIMITS.name}个字`);
    else if (community && cm !== community) err('社区', `一个文件只建一个社区（上面写的是「${community}」）`);
    const cp = cell('小区');
    if (!cp) err('小区', '请填写小区');
    else if (cp.length > SETUP_LIMITS.name) err('小区', `小区名称不超过${SETUP_LIMITS.name}个字`);
    const address = cell('地址');
    if (address.length > SETUP_LIMITS.address) err('地址', `地址不超过${SETUP_LIMITS.address}个字`);
    const typeText = cell('类型');
    const kind = !typeText || typeText === '住宅' ? 'residential' : /^(商铺|店面|门面|底商)$/.test(typeText) ? 'shops' : null;
    if (!kind) err('类型', '类型应为「住宅」或「商铺」');
    const name = cell('楼栋');
    const no = buildingNumber(name);
    if (!name) err('楼栋', '请填写楼栋');
    else if (name.length > 20) err('楼栋', '楼栋名称不超过20个字');
    else if (kind === 'residential' && no === null) err('楼栋', '住宅楼请写楼号，如「3栋」「3号楼」');
    const unitText = cell('单元数');
    const units = unitText ? Number(unitText.replace(/个?单元$/, '')) : kind === 'shops' ? 0 : 1;
    if (!Number.isInteger(units) || units < 0 || units > SETUP_LIMITS.units || (kind === 'residential' && units < 1))
      err('单元数', `单元数应为1到${SETUP_LIMITS.units}的整数`);
    const liftText = cell('电梯');
    if (liftText && liftText !== '有' && liftText !== '无') err('电梯', '电梯应填「有」或「无」');
    if (errors.length > before || !kind) continue;
    community = cm;
    const key = `${cp}/${name}`;
    if (seen.has(key)) {
      err('楼栋', `与第${seen.get(key)}行重复`);
      continue;
    }
    seen.set(key, row);
    const compound = compounds.get(cp) ?? { name: cp, buildings: [] };
    if (address && !compound.address) compound.address = address;
    compound.buildings.push({
      no: 0,
      name,
      kind,
      hasLift: liftText === '有',
      units: kind === 'shops' ? [] : Array.from({ length: units }, (_, i) => String(i + 1)),
    });
    compounds.set(cp, compound);
  }
  if (!community && !errors.length) errors.push({ row: 2, message: '文件里没有楼栋' });
  if (compounds.size > SETUP_LIMITS.compounds) errors.push({ row: 1, message: `一个文件最多${SETUP_LIMITS.compounds}个小区` });
  for (const c of compounds.values()) {
    if (c.buildings.length > SETUP_LIMITS.buildings) errors.push({ row: 1, message: `${c.name}的楼栋超过${SETUP_LIMITS.buildings}栋` });
    numberBuildings(c.buildings);
  }
  return errors.length ? { spec: null, errors } : { spec: { community, compounds: [...compounds.values()] }, errors: [] };
}

/** Numbered buildings keep their number (3栋 is no. 3); the others (商铺) take the next free ones. */
function numberBuildings(list: SetupBuilding[]): void {
  const used = new Set<number>();
  for (const b of list) {
    const n = buildingNumber(b.name);
    if (n !== null && !used.has(n)) {
      b.no = n;
      used.add(n);
    }
  }
  let next = 1;
  for (const b of list) {
    if (b.no) continue;
    while (used.has(next)) next++;
    b.no = next;
    used.add(next);
  }
}

/** FNV-1a, 32 bits, as 8 hex digits: short stable ids from names (not a secret). */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (const ch of s.normalize('NFC')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Ids from names, so setup run twice finds what it made. Short: a building's id must fit a poster's scene. */
export const setupIds = {
  community: (name: string) => `cm${shortHash(name)}`,
  compound: (communityId: string, name: string) => `cp${shortHash(`${communityId}/${name}`)}`,
  building: (compoundId: string, no: number) => `${compoundId}-b${no}`,
};

// ---- claim codes ----

export interface ClaimState {
  state: 'active' | 'used' | 'revoked';
  expiresAt: Date | string;
}
export type ClaimFate = 'ok' | 'used' | 'expired';
export function claimFate(c: ClaimState, now: Date): ClaimFate {
  if (c.state !== 'active') return 'used';
  return new Date(c.expiresAt).getTime() <= now.getTime() ? 'expired' : 'ok';
}

// ---- posters (a building's scene: core/platform/links.ts buildingScene) ----

/** The poster's three lines on how to bind, and who approves (a role, never a name: the poster hangs in the stairwell). */
export function posterLines(buildingName: string, hasLead: boolean, approverWhenNoLead: string): { steps: string[]; approver: string } {
  return {
    steps: ['用微信扫一扫下面的小程序码', `已为您选好${buildingName}，选择单元和房号`, '填写姓名和与房屋的关系，提交申请'],
    approver: hasLead ? `由${buildingName}党员楼栋长审核，通过后即可收到本楼通知` : `由${approverWhenNoLead}审核，通过后即可收到本楼通知`,
  };
}

// ---- the first-run guide ----

export const GUIDE_STEPS = ['import', 'people', 'rates', 'groups', 'posters'] as const;
export type GuideStepKey = (typeof GUIDE_STEPS)[number];

export interface GuideFacts {
  buildings: number;
  homes: number;
  /** Buildings that have at least one home on the register. */
  buildingsWithHomes: number;
  committeeMembers: number;
  branchSecretaries: number;
  /** Buildings covered by a building lead. */
  buildingsLed: number;
  propertyManagers: number;
  bookkeepers: number;
  ratesSet: boolean;
  buildingGroupsLinked: number;
  /** At least one WeChat group linked as the compound's 业主群. */
  ownersGroupLinked: boolean;
  postersPrinted: boolean;
}

export interface GuideItem {
  label: string;
  done: boolean;
}
export interface GuideStep {
  key: GuideStepKey;
  title: string;
  done: boolean;
  /** The first step not done yet: the one to do now. */
  next: boolean;
  /** What is done so far, in words: "已导入 120 户". */
  summary: string;
  items: GuideItem[];
}

/**
 * The steps in order, each done or not from the facts alone. A step is done when
 * residents can rely on it: the register holds homes, at least one building has a
 * lead to approve residents, a rate is set, a building group is linked, the posters
 * were printed. `runBy` words the committee's place: the community worker runs a
 * compound that has no committee.
 */
export function guideSteps(f: GuideFacts, runBy: 'committee' | 'community'): GuideStep[] {
  const steps: Omit<GuideStep, 'next'>[] = [
    {
      key: 'import',
      title: '导入房屋花名册',
      done: f.homes > 0,
      summary:
        f.homes > 0
          ? `已导入 ${f.homes} 户（${f.buildingsWithHomes}/${f.buildings} 栋）`
          : '上传房屋、面积和业主的 Excel 表，有错的行会逐一标出',
      items: [{ label: '房屋、面积和业主', done: f.homes > 0 }],
    },
    {
      key: 'people',
      title: '任命书记和楼栋长，邀请物业和记账员',
      done: f.buildingsLed > 0,
      summary: f.buildingsLed > 0 ? `${f.buildingsLed}/${f.buildings} 栋有楼栋长` : '楼栋长审核本楼住户的绑定申请',
      items: [
        { label: '小区党支部书记', done: f.branchSecretaries > 0 },
        { label: `党员楼栋长（${f.buildingsLed}/${f.buildings} 栋）`, done: f.buildingsLed > 0 },
        { label: '物业经理', done: f.propertyManagers > 0 },
        { label: '记账员', done: f.bookkeepers > 0 },
        ...(runBy === 'community' ? [{ label: '业委会（选举后由业委会接手）', done: f.committeeMembers > 0 }] : []),
      ],
    },
    {
      key: 'rates',
      title: '设置收费项目和单价',
      done: f.ratesSet,
      summary: f.ratesSet ? '已设置收费标准' : '物业费每平方米单价等，设置后每月生成账单',
      items: [{ label: '收费标准', done: f.ratesSet }],
    },
    {
      key: 'groups',
      title: '关联业主群和楼栋群',
      // Done once the owners can be reached in a group: the 业主群, or a first 楼栋群
      // (a compound without a 业主群 runs on its building groups). The rest is listed.
      done: f.ownersGroupLinked || f.buildingGroupsLinked > 0,
      summary:
        f.ownersGroupLinked || f.buildingGroupsLinked > 0
          ? [f.ownersGroupLinked ? '业主群已关联' : '业主群未关联', `楼栋群 ${f.buildingGroupsLinked}/${f.buildings}`].join('，')
          : '把通知转发到微信群，即可关联该群',
      items: [
        { label: '业主群', done: f.ownersGroupLinked },
        { label: `楼栋群（${f.buildingGroupsLinked}/${f.buildings}）`, done: f.buildingGroupsLinked >= f.buildings && f.buildings > 0 },
      ],
    },
    {
      key: 'posters',
      title: '打印楼栋海报',
      done: f.postersPrinted,
      summary: f.postersPrinted ? '海报已打印' : '每栋一张，贴在楼道里，住户扫码即可绑定',
      items: [{ label: '每栋楼的小程序码海报', done: f.postersPrinted }],
    },
  ];
  const firstOpen = steps.findIndex((s) => !s.done);
  return steps.map((s, i) => ({ ...s, next: i === firstOpen }));
}
