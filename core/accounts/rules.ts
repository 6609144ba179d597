/** Pure rules of accounts, shared by the function and the client. */
import { can, type Permission } from '../authz';
import type { Actor, Relation, RoleName, Target } from '../platform/roles';

/** Which roster view an actor gets for a building: full, masked, or none. */
export function rosterView(actor: Pick<Actor, 'roles'>, target: Target): 'full' | 'masked' | null {
  if (can(actor, 'roster.viewFull', target)) return 'full';
  if (can(actor, 'roster.viewMasked', target)) return 'masked';
  return null;
}

/** Deterministic home ids make a re-run roster import idempotent. */
export function homeId(buildingId: string, unit: string, number: string): string {
  return `${buildingId}_${unit || '0'}_${number}`;
}

export function homeLabel(buildingName: string, unit: string, number: string, kind: 'flat' | 'shop'): string {
  if (kind === 'shop') return `${buildingName}${number}`;
  return `${buildingName}${unit ? unit + '单元' : ''}${number}`;
}

/** Names compared as people write them: no spaces (全角 or not). */
function sameName(a: string, b: string): boolean {
  const n = (s: string) => s.normalize('NFC').replace(/[\s\u3000·•]/g, '');
  return n(a) === n(b);
}

/**
 * How many different approvers a bind request needs: someone who asks to be an
 * OWNER under a name the property register does not list for the home needs two
 * (the register is the evidence; without it one person's say is not enough).
 */
export function approvalsNeeded(relation: Relation, applicantName: string, registeredOwnerNames: string[]): 1 | 2 {
  if (relation !== 'owner') return 1;
  return registerMatch(applicantName, registeredOwnerNames) === 'match' ? 1 : 2;
}

/** Whether the applicant's name is an owner's on the property register (与登记业主一致 / 不一致), or the register has none. */
export function registerMatch(applicantName: string, registeredOwnerNames: string[]): 'match' | 'mismatch' | 'unregistered' {
  if (!registeredOwnerNames.length) return 'unregistered';
  return registeredOwnerNames.some((o) => sameName(o, applicantName)) ? 'match' : 'mismatch';
}

/**
 * How an approver sees the register's owner names (PIPL art. 6, the least that
 * serves the purpose): the committee, which keeps the register, in full; a building
 * lead needs only whether the claim matches, so masked (于*东).
 */
export function registerNamesView(actor: Pick<Actor, 'roles'>, target: Target): 'full' | 'masked' {
  return can(actor, 'roster.viewFull', target) ? 'full' : 'masked';
}

/**
 * What a pending request waits for, in the one wording every page shows (the bind
 * page after sending, 首页, 我的): "等待楼栋长审核", "等待楼栋长或业委会审核（需2人同意）",
 * then "已有1人同意，还需1人". Undefined once it has its approvals.
 */
export function approvalProgress(approvals: number, needed: number): string | undefined {
  if (approvals >= needed) return undefined;
  if (approvals <= 0) return needed > 1 ? `等待楼栋长或业委会审核（需${needed}人同意）` : '等待楼栋长审核';
  return `已有${approvals}人同意，还需${needed - approvals}人`;
}

// ---- roles: who may grant and revoke what (the authorization table decides) ----

/** Roles a person can be given inside a compound (communityAdmin is the community's, not listed here). */
export const COMPOUND_ROLES: readonly RoleName[] = [
  'buildingLead',
  'branchSecretary',
  'committeeMember',
  'propertyManager',
  'staff',
  'bookkeeper',
];

/** The permission that grants (and revokes) a role. */
export function grantPermission(role: RoleName): Permission {
  if (role === 'buildingLead') return 'role.grant.buildingLead';
  if (role === 'staff') return 'role.grant.staff';
  // 记账员 (fees' ledger) is the committee's to grant.
  if (role === 'bookkeeper') return 'role.grant.bookkeeper';
  return 'role.grant.compound';
}

/** What a compound has that changes who may grant (absent: it has a branch secretary, the usual case). */
export interface CompoundStaffing {
  hasBranchSecretary: boolean;
}

/**
 * May this actor grant (and revoke) `role` here: the authorization table, plus the
 * day-one stand-in — while a compound has no branch secretary, its committee appoints
 * building leads.
 */
export function mayGrant(
  actor: Pick<Actor, 'roles'>,
  role: RoleName,
  target: Target,
  staffing: CompoundStaffing = { hasBranchSecretary: true },
): boolean {
  if (can(actor, grantPermission(role), target)) return true;
  return role === 'buildingLead' && !staffing.hasBranchSecretary && can(actor, 'role.grant.buildingLead.standIn', target);
}

/** Roles this actor may grant in a compound (roles.list's `grantable`). */
export function grantableRoles(actor: Pick<Actor, 'roles'>, compound: Target, staffing?: CompoundStaffing): RoleName[] {
  return COMPOUND_ROLES.filter((r) => mayGrant(actor, r, compound, staffing));
}

/** May this actor revoke a grant of `role` in this place (roles.list's `canRevoke`; never their own). */
export function canRevokeRole(
  actor: Pick<Actor, 'roles' | 'personId'>,
  role: RoleName,
  holderPersonId: string,
  target: Target,
  staffing?: CompoundStaffing,
): boolean {
  return holderPersonId !== actor.personId && mayGrant(actor, role, target, staffing);
}

// ---- roster import: what people write in a spreadsheet ----

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "3", "３", "三", "十二", "二十一" → the number; anything else → null. Up to 99. */
export function parseSmallNumber(s: string): number | null {
  const t = s.normalize('NFKC').trim();
  if (/^\d{1,4}$/.test(t)) return Number(t);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(t);
  if (m && t.length > 0) {
    if (!m[2]) return m[1] && !m[3] ? CN_DIGITS[m[1]] : null;
    return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
  }
  if (/^[零〇一二三四五六七八九]{1,4}$/.test(t)) return Number([...t].map((c) => CN_DIGITS[c]).join(''));
  return null;
}

/** "3栋", "3号楼", "第三幢", "3" → 3; a name that is not a number → null. */
function numberOf(w: string): number | null {
  const m = /^(?:第)?(.+?)(?:号楼|栋楼|号|栋|幢|座|楼)?$/.exec(w);
  return m ? parseSmallNumber(m[1]) : null;
}

export interface BuildingRef {
  _id: string;
  no: number;
  name: string;
  kind: 'residential' | 'shops';
}

export type BuildingMatch<B extends BuildingRef> = { building: B } | { error: string };

const squash = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]/g, '');

/**
 * The building a roster row means, from what people write: "3栋", "3号楼", "3幢",
 * "三栋", "3", "沿街商铺". A name matches exactly first; a number (with 栋/幢/号楼/号)
 * matches the building with that number — but only one of the row's kind: "9栋" on a
 * 住宅 row never lands in the shops block that happens to be building no. 9. Rows that
 * match nothing, or more than one building, get a row error.
 */
export function matchBuilding<B extends BuildingRef>(
  written: string,
  kind: 'flat' | 'shop' | null,
  buildings: readonly B[],
): BuildingMatch<B> {
  const w = squash(written);
  if (!w) return { error: '请填写楼栋' };
  const wantKind = kind === 'shop' ? 'shops' : kind === 'flat' ? 'residential' : null;
  const byName = buildings.filter((b) => squash(b.name) === w);
  if (byName.length === 1) {
    const b = byName[0];
    if (wantKind && b.kind !== wantKind) return { error: `「${b.name}」是${b.kind === 'shops' ? '商铺' : '住宅楼'}，与类型不符` };
    return { building: b };
  }
  if (byName.length > 1) return { error: `楼栋「${written}」对应多栋楼，请写明楼号` };
  const no = numberOf(w);
  if (no !== null) {
    // Only a building whose own name is that number ("9栋"), never the shops block that is no. 9.
    const candidates = buildings.filter((b) => numberOf(squash(b.name)) === no && (!wantKind || b.kind === wantKind));
    if (candidates.length === 1) return { building: candidates[0] };
    if (candidates.length > 1) return { error: `楼栋「${written}」对应多栋楼：${candidates.map((b) => b.name).join('、')}` };
    const other = buildings.find((b) => b.no === no || numberOf(squash(b.name)) === no);
    if (other) return { error: `找不到${wantKind === 'shops' ? '商铺' : '住宅楼'}「${written}」：本小区${no}号是「${other.name}」` };
    return { error: `找不到楼栋「${written}」` };
  }
  if (/商铺|店面|门面|底商/.test(w)) {
    const shops = buildings.filter((b) => b.kind === 'shops');
    if (shops.length === 1) return { building: shops[0] };
    if (shops.length > 1) return { error: `「${written}」对应多处商铺：${shops.map((b) => b.name).join('、')}，请写全称` };
  }
  return { error: `找不到楼栋「${written}」` };
}

/** "1", "一单元", "1单元", "01" → "1"; shops may leave it empty. Null when it is not a unit. */
export function parseUnit(written: string): string | null {
  const w = squash(written).replace(/^第/, '').replace(/单元$/, '');
  if (!w) return '';
  const n = parseSmallNumber(w);
  if (n !== null) return String(n);
  return /^[0-9A-Za-z]{1,4}$/.test(w) ? w.toUpperCase() : null;
}

/** The roster's columns and the headers people use for each (first match wins). */
export const ROSTER_HEADERS = {
  building: { label: '楼栋', aliases: ['楼栋', '楼号', '楼栋号', '栋号', '栋', '楼', '幢'] },
  unit: { label: '单元', aliases: ['单元', '单元号'] },
  number: { label: '房号', aliases: ['房号', '室号', '门牌号', '房间号', '室', '房屋号'] },
  kind: { label: '类型', aliases: ['类型', '房屋类型', '性质', '用途'] },
  area: { label: '面积(㎡)', aliases: ['面积', '建筑面积', '面积(㎡)', '面积(m2)', '面积(平方米)', '房屋面积'] },
  lift: { label: '电梯', aliases: ['电梯', '有无电梯'] },
  owner: { label: '业主姓名', aliases: ['业主姓名', '业主', '户主', '户主姓名', '姓名', '产权人'] },
  phone: { label: '手机号', aliases: ['手机号', '手机', '联系电话', '电话', '手机号码', '联系方式'] },
} as const;
export type RosterField = keyof typeof ROSTER_HEADERS;
/** Columns that must be present; the others may be left out (type from the building, lift from the building). */
export const REQUIRED_ROSTER_FIELDS: readonly RosterField[] = ['building', 'number', 'area'];

/** Header cell → field, ignoring spaces, full-width brackets, "(选填)" and the like. */
export function rosterFieldOf(header: string): RosterField | null {
  const h = squash(header)
    .replace(/[（【[]/g, '(')
    .replace(/[）】\]]/g, ')');
  const bare = h.replace(/\(.*?\)/g, '');
  for (const [field, def] of Object.entries(ROSTER_HEADERS) as [RosterField, (typeof ROSTER_HEADERS)[RosterField]][]) {
    if ((def.aliases as readonly string[]).some((a) => a === h || a === bare)) return field;
  }
  return null;
}
