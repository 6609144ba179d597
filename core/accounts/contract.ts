/**
 * accounts: people, homes, bindings, roles and rosters. Schemas are strict: an
 * unknown field (an `openid` slipped into a payload, say) is a BAD_REQUEST, never
 * silently used.
 */
import { z } from 'zod';
import { action, defineApi, id as anyId, page, clientRequestId, type Page } from '../platform/api';
import { optionalText, text } from '../platform/text';
import { ACCOUNT_LIMITS, INVITE_CODE_PATTERN, PHONE_PATTERN } from './limits';
import { GRANTABLE_ROLE_NAMES, RELATIONS, type Relation, type RoleName } from '../platform/roles';
import type { JobView } from '../platform/jobs';
import { COMPOUND_QUERY_MAX, searchForm } from './search';

export type { JobView } from '../platform/jobs';

/** Ids of accounts' documents are plain ASCII: a NUL or a control character is a BAD_REQUEST, never a query. */
const id = anyId.regex(/^[A-Za-z0-9_.-]+$/, '编号有误');
export const phone = z.string().trim().regex(PHONE_PATTERN, '请输入11位手机号');
/** A real name: visible, single-line, at least two characters. */
export const personName = text({ max: ACCOUNT_LIMITS.nameMax, emptyMessage: '请填写真实姓名' }).refine(
  (v) => Array.from(v).length >= ACCOUNT_LIMITS.nameMin,
  `姓名至少${ACCOUNT_LIMITS.nameMin}个字`,
);
/**
 * A compound search: what people type, in search form (spaces, invisible characters and
 * separators stripped, 全角 folded), 1 to COMPOUND_QUERY_MAX characters. The raw text is
 * capped first so a huge string costs nothing.
 */
const compoundQuery = z
  .string()
  .max(COMPOUND_QUERY_MAX * 4 + 16, `最多${COMPOUND_QUERY_MAX}个字`)
  .transform((raw, ctx) => {
    const q = searchForm(raw);
    if (!q) ctx.addIssue({ code: 'custom', message: '请输入小区名称' });
    else if (Array.from(q).length > COMPOUND_QUERY_MAX) ctx.addIssue({ code: 'custom', message: `最多${COMPOUND_QUERY_MAX}个字` });
    return q;
  });
const note = optionalText({ max: ACCOUNT_LIMITS.note, multiline: true });
const reason = optionalText({ max: ACCOUNT_LIMITS.reason });

// ---- views (what crosses the wire; dates are ISO strings) ----
export interface BuildingInfo {
  id: string;
  compoundId: string;
  name: string;
  no: number;
  kind: 'residential' | 'shops';
  hasLift: boolean;
  units: string[];
  homeCount: number;
}
export interface CompoundInfo {
  id: string;
  name: string;
  communityId: string;
  communityName: string;
  buildings: BuildingInfo[];
}
/** A compound as the newcomer's search lists it: its name and community, nothing more. */
export interface CompoundHit {
  id: string;
  name: string;
  communityName: string;
}
export interface HomeSummary {
  id: string;
  compoundId: string;
  compoundName: string;
  buildingId: string;
  buildingName: string;
  unit: string;
  number: string;
  /** "3栋2单元301" */
  label: string;
  kind: 'flat' | 'shop';
  areaCenti: number;
  hasLift: boolean;
}
export interface MyHome extends HomeSummary {
  relation: Relation;
  boundAt: string;
}
export interface RoleView {
  id: string;
  role: RoleName;
  label: string;
  communityId: string;
  compoundId?: string;
  buildingIds?: string[];
  /** "天翔世家 3栋、5栋" */
  scopeLabel: string;
}
export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';
export interface BindRequestView {
  id: string;
  home: HomeSummary;
  relation: Relation;
  status: RequestStatus;
  applicantName: string;
  /** Masked for every viewer but the applicant. */
  applicantPhone?: string;
  note?: string;
  reason?: string;
  /**
   * Names of the owners on the property register (empty for the applicant): in full
   * for the committee, masked (于*东) for a building lead, who needs only `registerMatch`.
   */
  registeredOwners: string[];
  /** Whether the applicant's name is on the register for the home (absent for the applicant). */
  registerMatch?: 'match' | 'mismatch' | 'unregistered';
  /** Different approvers who have agreed so far. */
  approvals: number;
  /** 2 when an owner's name is not on the property register for the home, else 1. */
  approvalsNeeded: number;
  /** "已有1人同意，还需1人" while a two-approver request waits for the second. */
  approvalProgress?: string;
  /** The applicant agreed that their building lead may call them: applicantPhone is in full. */
  canCall?: boolean;
  createdAt: string;
  decidedAt?: string;
}
export interface InviteView {
  id: string;
  code: string;
  /** 'home': binds its holder to `home`; 'staff': makes its holder 物业员工 of the compound. */
  kind: 'home' | 'staff';
  compoundId: string;
  compoundName: string;
  home?: HomeSummary;
  relation?: Relation;
  /** "3栋1单元602（业主）" or "天翔世家 物业员工" */
  label: string;
  createdAt: string;
  expiresAt: string;
}
/** What redeeming an invite code did. */
export type RedeemResult = { kind: 'home'; home: MyHome } | { kind: 'staff'; role: RoleView };
/** A person of a compound found by name or room (role assignment). */
export interface PersonHit {
  personId: string;
  name: string;
  /** Their homes in this compound, in natural order: "3栋1单元602（业主）". */
  homes: string[];
  /** Role labels they hold in this compound. */
  roles: string[];
}
export interface RoleListItem extends RoleView {
  personId: string;
  personName: string;
  /** The caller may revoke this grant (the authorization table; never their own). */
  canRevoke: boolean;
}
export interface RoleList {
  items: RoleListItem[];
  /** Roles the caller may grant in this compound. */
  grantable: RoleName[];
  /** The caller may issue staff invites (people who do not live here). */
  canInviteStaff: boolean;
}
export interface PersonView {
  id: string;
  name: string;
  phone?: string;
  partyMember: boolean;
  showPartyBadge: boolean;
  /** 愿意楼栋长联系我: the building lead of my homes may see my phone and call me. */
  contactLead: boolean;
}
export interface Me {
  registered: boolean;
  person?: PersonView;
  homes: MyHome[];
  roles: RoleView[];
  pendingRequests: BindRequestView[];
  /** Requests waiting for me to decide (leads and committee only). */
  approvalsWaiting: number;
  /**
   * Where this person's uploads go: `u/<openid>/`. Functions accept files only from
   * the caller's own folder (`u/<openid>/<purpose>/…`), so the client uploads there.
   */
  uploadPrefix: string;
}
export interface RosterMember {
  personId: string;
  name: string;
  phone?: string;
  relation: Relation;
}
export interface RosterHome {
  home: HomeSummary;
  registeredOwners: { name: string; phone?: string }[];
  members: RosterMember[];
}
export interface RosterPage extends Page<RosterHome> {
  view: 'full' | 'masked';
  building: BuildingInfo;
}
/** The 花名册 page's picker: buildings whose roster the caller sees, and compounds they may export. */
export interface RosterScope {
  buildings: { compound: CompoundInfo; building: BuildingInfo; view: 'full' | 'masked' }[];
  exportable: CompoundInfo[];
}
/**
 * roster.list without a building: the scope, and the one building's first page when the
 * caller sees exactly one (a lead of one building); else no building yet (view and
 * building null) until the person picks.
 */
export type RosterList = (RosterPage | (Page<RosterHome> & { view: null; building: null })) & { scope?: RosterScope };
/** The 邀请码 page's picker: where home invites (those buildings only) and staff invites may be issued. */
export interface InviteScope {
  home: CompoundInfo[];
  staff: CompoundInfo[];
}
export interface ImportRowError {
  /** 1-based row number as Excel shows it. */
  row: number;
  column?: string;
  message: string;
}
export interface ImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  /** The first 100 row errors; `errorCount` is the total. Any error: nothing is imported. */
  errors: ImportRowError[];
  errorCount: number;
  /** Where each new home goes (the first 100; `created` is the total): check before confirming. */
  preview?: ImportPreviewRow[];
  /** A real import without errors runs as a job: its progress (follow it with roster.importStatus). */
  job?: JobView;
}
export interface ImportPreviewRow {
  row: number;
  /** What the row said for the building, e.g. "3号楼". */
  written: string;
  buildingName: string;
  /** "天翔世家 3栋1单元101" */
  label: string;
  kind: 'flat' | 'shop';
}
export interface ExportResult {
  /** "天翔世家-花名册-2026-11-29.xlsx" */
  fileName: string;
  fileID: string;
  /** A temporary download link, valid until `expiresAt` (10 minutes). */
  url: string;
  expiresAt: string;
}
export interface GroupView {
  id: string;
  kind: 'ownerGroup' | 'buildingGroup';
  name: string;
  compoundId: string;
  buildingId?: string;
  memberCount: number;
}

/** A file in the caller's own upload folder (u/<openid>/imports/…); the function checks the path. */
const fileID = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[^\u0000-\u0020\u007F]+$/, '文件编号有误');
const importFile = z
  .object({
    clientRequestId,
    compoundId: id,
    /** The .xlsx the caller uploaded to u/<openid>/imports/. */
    fileID,
    dryRun: z.boolean().default(false),
  })
  .strict();

export const accountsApi = defineApi('accounts', {
  'me.get': action(z.object({}).strict()).returns<Me>(),
  'me.update': action(
    z
      .object({
        name: personName.optional(),
        phone: phone.optional(),
        showPartyBadge: z.boolean().optional(),
        contactLead: z.boolean().optional(),
      })
      .strict(),
  ).returns<PersonView>(),
  /**
   * The compounds the caller works in (a role in them, or a community-wide role) or lives
   * in, with their buildings: the pickers of staff and residents. `compoundIds` narrows it
   * to those. A newcomer gets none and finds their compound with compounds.search.
   */
  'compounds.list': action(z.object({ compoundIds: z.array(id).min(1).max(50).optional() }).strict()).returns<CompoundInfo[]>(),
  /** Compounds whose name holds the query (e.g. 天翔 → 天翔世家), by name, 20 a page: names and communities only. */
  'compounds.search': action(z.object({ q: compoundQuery }).merge(page).strict()).returns<Page<CompoundHit>>(),
  /** One compound with its buildings and units: the one picked from the search, or the one a poster's building lies in. */
  'compounds.get': action(
    z
      .object({ compoundId: id.optional(), buildingId: id.optional() })
      .strict()
      .refine((v) => (v.compoundId === undefined) !== (v.buildingId === undefined), '请指定小区或楼栋（二选一）'),
  ).returns<CompoundInfo>(),
  'homes.list': action(
    z
      .object({ buildingId: id, unit: optionalText({ max: ACCOUNT_LIMITS.unit }) })
      .merge(page)
      .strict(),
  ).returns<Page<HomeSummary>>(),
  'binding.request': action(
    z
      .object({
        clientRequestId,
        homeId: id,
        relation: z.enum(RELATIONS),
        name: personName,
        phone: phone.optional(),
        note,
        /** 愿意楼栋长联系我 (saved on the person; changeable later on 我的). */
        contactLead: z.boolean().optional(),
      })
      .strict(),
  ).returns<BindRequestView>(),
  'binding.cancel': action(z.object({ requestId: id }).strict()).returns<BindRequestView>(),
  'binding.redeem': action(
    z.object({ code: z.string().trim().toUpperCase().regex(INVITE_CODE_PATTERN, '邀请码为10位字母或数字'), name: personName }).strict(),
  ).returns<MyHome>(),
  'binding.pending': action(page.strict()).returns<Page<BindRequestView>>(),
  'binding.decide': action(
    z
      .object({ requestId: id, approve: z.boolean(), reason })
      .strict()
      .refine((v) => v.approve || (v.reason && v.reason.length > 0), { message: '驳回时请填写原因', path: ['reason'] }),
  ).returns<BindRequestView>(),
  'binding.leave': action(z.object({ homeId: id }).strict()).returns<{ homeId: string }>(),
  /** Any invite code: a home's (binds) or a staff invite (makes the holder 物业员工). */
  'invite.redeem': action(
    z.object({ code: z.string().trim().toUpperCase().regex(INVITE_CODE_PATTERN, '邀请码为10位字母或数字'), name: personName }).strict(),
  ).returns<RedeemResult>(),
  /** A staff invite: a one-time code that makes its holder 物业员工 of the compound (role.grant.staff). */
  'invite.createStaff': action(z.object({ clientRequestId, compoundId: id }).strict()).returns<InviteView>(),
  'invite.create': action(z.object({ clientRequestId, homeId: id, relation: z.enum(RELATIONS) }).strict()).returns<InviteView>(),
  /** My active invites (not used, revoked or expired), newest first. */
  /** My active codes; the first page carries where I may issue them (the page's picker). */
  'invite.list': action(page.strict()).returns<Page<InviteView> & { scope?: InviteScope }>(),
  'invite.revoke': action(z.object({ inviteId: id }).strict()).returns<{ id: string }>(),
  /** A building's roster; without one, the caller's scope (and the one building's page if they see just one). */
  'roster.list': action(z.object({ buildingId: id.optional() }).merge(page).strict()).returns<RosterList>(),
  'roster.import': action(importFile).returns<ImportResult>(),
  /** Progress of an import job, for the person who started it only. */
  'roster.importStatus': action(
    z
      .object({
        jobId: z
          .string()
          .min(1)
          .max(120)
          .regex(/^[A-Za-z0-9_.-]+$/, '编号有误'),
      })
      .strict(),
  ).returns<JobView>(),
  'roster.export': action(z.object({ compoundId: id }).strict()).returns<ExportResult>(),
  /** The import template (.xlsx with the headers and two example rows), a short-lived link like roster.export. */
  'roster.template': action(z.object({ compoundId: id }).strict()).returns<ExportResult>(),
  /** A compound's roles; without one, the compounds the caller may see roles of (and the roles when just one). */
  'roles.list': action(z.object({ compoundId: id.optional() }).strict()).returns<
    RoleList & { compoundId: string; compounds?: CompoundInfo[] }
  >(),
  /** People of a compound (bound residents and role holders) by name prefix or room, for role assignment. */
  'people.search': action(
    z
      .object({ compoundId: id, q: optionalText({ max: ACCOUNT_LIMITS.search }) })
      .merge(page)
      .strict(),
  ).returns<Page<PersonHit>>(),
  'roles.grant': action(
    z
      .object({
        personId: id,
        role: z.enum(GRANTABLE_ROLE_NAMES as [RoleName, ...RoleName[]]),
        compoundId: id.optional(),
        communityId: id.optional(),
        buildingIds: z.array(id).min(1).max(50).optional(),
      })
      .strict(),
  ).returns<RoleView>(),
  'roles.revoke': action(z.object({ roleId: id }).strict()).returns<{ id: string }>(),
  /**
   * 社区代行业委会: the community worker takes (on) or hands back (off) the committee's
   * place in a compound that has no committee member.
   */
  'roles.standIn': action(z.object({ compoundId: id, on: z.boolean() }).strict()).returns<{ compoundId: string; active: boolean }>(),
  'groups.mine': action(z.object({}).strict()).returns<GroupView[]>(),
});

export type AccountsApi = typeof accountsApi;
