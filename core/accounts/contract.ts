/**
 * accounts: people, homes, bindings, roles and rosters. Schemas are strict: an
 * unknown field (an `openid` slipped into a payload, say) is a BAD_REQUEST, never
 * silently used.
 */
import { z } from 'zod';
import { action, defineApi, id, page, clientRequestId, type Page } from '../platform/api';
import { optionalText, text } from '../platform/text';
import { ACCOUNT_LIMITS, INVITE_CODE_PATTERN, PHONE_PATTERN } from './limits';
import { RELATIONS, ROLE_NAMES, type Relation, type RoleName } from '../platform/roles';

export const phone = z.string().trim().regex(PHONE_PATTERN, '请输入11位手机号');
/** A real name: visible, single-line, at least two characters. */
export const personName = text({ max: ACCOUNT_LIMITS.nameMax, emptyMessage: '请填写真实姓名' }).refine(
  (v) => Array.from(v).length >= ACCOUNT_LIMITS.nameMin,
  `姓名至少${ACCOUNT_LIMITS.nameMin}个字`,
);
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
  /** Masked names of the owners on the property register, to help the approver. */
  registeredOwners: string[];
  createdAt: string;
  decidedAt?: string;
}
export interface PersonView {
  id: string;
  name: string;
  phone?: string;
  partyMember: boolean;
  showPartyBadge: boolean;
}
export interface Me {
  registered: boolean;
  person?: PersonView;
  homes: MyHome[];
  roles: RoleView[];
  pendingRequests: BindRequestView[];
  /** Requests waiting for me to decide (leads and committee only). */
  approvalsWaiting: number;
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
  errors: ImportRowError[];
}
export interface GroupView {
  id: string;
  kind: 'ownerGroup' | 'buildingGroup';
  name: string;
  compoundId: string;
  buildingId?: string;
  memberCount: number;
}

const importFile = z.object({
  compoundId: id,
  /** The .xlsx file, base64. 2 MB of base64 is ~20,000 rows: far above any compound. */
  fileBase64: z.string().min(1).max(2_000_000),
  dryRun: z.boolean().default(false),
}).strict();

export const accountsApi = defineApi('accounts', {
  'me.get': action(z.object({}).strict()).returns<Me>(),
  'me.update': action(
    z.object({ name: personName.optional(), phone: phone.optional(), showPartyBadge: z.boolean().optional() }).strict(),
  ).returns<PersonView>(),
  'compounds.list': action(z.object({}).strict()).returns<CompoundInfo[]>(),
  'homes.list': action(
    z.object({ buildingId: id, unit: optionalText({ max: ACCOUNT_LIMITS.unit }) }).merge(page).strict(),
  ).returns<Page<HomeSummary>>(),
  'binding.request': action(
    z.object({
      clientRequestId,
      homeId: id,
      relation: z.enum(RELATIONS),
      name: personName,
      phone: phone.optional(),
      note,
    }).strict(),
  ).returns<BindRequestView>(),
  'binding.cancel': action(z.object({ requestId: id }).strict()).returns<BindRequestView>(),
  'binding.redeem': action(
    z.object({ code: z.string().trim().toUpperCase().regex(INVITE_CODE_PATTERN, '邀请码为10位字母或数字'), name: personName }).strict(),
  ).returns<MyHome>(),
  'binding.pending': action(page.strict()).returns<Page<BindRequestView>>(),
  'binding.decide': action(
    z.object({ requestId: id, approve: z.boolean(), reason })
      .strict()
      .refine((v) => v.approve || (v.reason && v.reason.length > 0), { message: '驳回时请填写原因', path: ['reason'] }),
  ).returns<BindRequestView>(),
  'binding.leave': action(z.object({ homeId: id }).strict()).returns<{ homeId: string }>(),
  'invite.create': action(
    z.object({ clientRequestId, homeId: id, relation: z.enum(RELATIONS) }).strict(),
  ).returns<{ code: string; expiresAt: string; home: HomeSummary; relation: Relation }>(),
  'roster.list': action(z.object({ buildingId: id }).merge(page).strict()).returns<RosterPage>(),
  'roster.import': action(importFile).returns<ImportResult>(),
  'roster.export': action(
    z.object({ compoundId: id }).strict(),
  ).returns<{ fileName: string; fileID: string; url: string }>(),
  'roles.list': action(
    z.object({ compoundId: id }).strict(),
  ).returns<(RoleView & { personId: string; personName: string })[]>(),
  'roles.grant': action(
    z.object({
      personId: id,
      role: z.enum(ROLE_NAMES),
      compoundId: id.optional(),
      communityId: id.optional(),
      buildingIds: z.array(id).min(1).max(50).optional(),
    }).strict(),
  ).returns<RoleView>(),
  'roles.revoke': action(z.object({ roleId: id }).strict()).returns<{ id: string }>(),
  'groups.mine': action(z.object({}).strict()).returns<GroupView[]>(),
});

export type AccountsApi = typeof accountsApi;
