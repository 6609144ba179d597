/**
 * party: the compound's party branch — 包联 (households assigned to members) and 走访
 * (visits, counts only in reports), 双亮双争 (亮身份 by the person's own consent,
 * 亮作为 figures, the quarterly 服务先锋 list), 好邻居 / 好家庭 selections, the
 * branch's own book on the ledger's hash chain, and the three-level structure page.
 * Schemas are strict; dates cross as ISO strings, money as integer fen.
 */
import { z } from 'zod';
import { action, clientRequestId, defineApi, id, page, type Page } from '../platform/api';
import { optionalText, text } from '../platform/text';
import { PARTY_LIMITS as L } from './limits';
import {
  BOOK_EXPENSE,
  BOOK_INCOME,
  MEMBER_DUTIES,
  SELECTION_KINDS,
  VISIT_MODES,
  VISIT_TOPICS,
  bookAmountProblem,
  noteProblem,
  type MemberDuty,
  type SelectionKind,
  type SelectionPhase,
  type VisitMode,
} from './rules';

/** Receipts live in the uploader's own folder: u/<openid>/party/… (in limits.ts, which the pages may import). */
export { PARTY_FILES } from './limits';

// ---- views ----
export interface HouseholdView {
  homeId: string;
  label: string;
  buildingId: string;
  /** The household's name masked (王*明) unless they agreed to be contacted, then in full. */
  contactName: string | null;
  /** Only when the household agreed (愿意楼栋长联系我): 打电话. */
  phone?: string;
  lastVisit: string | null;
  /** Visited this Shanghai month. */
  visitedThisMonth: boolean;
  stale: boolean;
}
export interface VisitView {
  id: string;
  homeId: string;
  homeLabel: string;
  date: string;
  mode: VisitMode;
  modeLabel: string;
  topicLabels: string[];
  note?: string;
  followUp: boolean;
  /** The concern it raised (民情), once raised. */
  concernId: string | null;
  memberName: string;
  /** The caller may raise the concern on the household's behalf now (concerns' own rule, decided here for the page). */
  canRaiseConcern: boolean;
}
/** 亮作为: a member's record. The member sees their own; residents only when the member shows themselves (亮身份). */
export interface MyRecord {
  households: number;
  visitsThisQuarter: number;
  followUpsThisQuarter: number;
  visitsTotal: number;
  /** Volunteer minutes activities credited this (Shanghai) year. */
  volunteerMinutesThisYear: number;
  /** Homes told a notice in person (已当面告知) this year. */
  toldThisYear: number;
  /** 民情 concerns the member answered this year. */
  answeredThisYear: number;
}
export interface MyHouseholds {
  compoundId: string;
  compoundName: string;
  member: boolean;
  items: HouseholdView[];
  visitedThisMonth: number;
  recent: VisitView[];
  /** 需要跟进 visits still without a concern that the caller may raise (the lead's and the secretary's task list). */
  tasks: VisitView[];
  /** 亮身份: the caller's own consent, shown and changed only by them. */
  showPartyBadge: boolean;
  record: MyRecord;
}
export interface AssignBuilding {
  buildingId: string;
  name: string;
  homes: number;
  assigned: number;
}
export interface AssignMember {
  personId: string;
  name: string;
  committee: boolean;
  households: number;
}
export interface AssignPage {
  compoundId: string;
  compoundName: string;
  buildings: AssignBuilding[];
  members: AssignMember[];
  /** The building shown: its homes nobody is assigned to. */
  buildingId: string | null;
  unassigned: { homeId: string; label: string }[];
}
export interface AssignResult {
  assigned: number;
  /** Homes in the range that had another member (kept unless `replace`). */
  skipped: number;
  page: AssignPage;
}
export interface MemberMonths {
  personId: string;
  name: string;
  /** Visits per month, in `periods` order. */
  counts: number[];
}
/** The compounds the caller may switch between (the community office sees each of its community's). */
export interface CompoundChoice {
  compoundId: string;
  name: string;
}
export interface ReportView {
  compoundId: string;
  compounds: CompoundChoice[];
  compoundName: string;
  periods: string[];
  members: MemberMonths[];
  buildings: { name: string; homes: number; stale: number }[];
  quarter: string;
  vanguard: {
    name: string;
    score: number;
    visits: number;
    followUps: number;
    households: number;
    hours: number;
    told: number;
    answered: number;
  }[];
  vanguardRule: string;
}
export interface NomineeView {
  homeId: string;
  /** "3栋2单元101 陈家" — the room and the name the household chose to show when accepting. */
  label: string;
  reason: string;
  accepted: boolean;
  /** Only once results are published. */
  votes?: number;
}
export interface SelectionItem {
  id: string;
  title: string;
  kind: SelectionKind;
  kindLabel: string;
  phase: SelectionPhase;
  phaseLabel: string;
  nominateUntil: string;
  voteUntil: string;
  places: number;
}
export interface SelectionList {
  compoundId: string;
  compoundName: string;
  items: SelectionItem[];
  canOpen: boolean;
}
export interface SelectionDetail extends SelectionItem {
  compoundId: string;
  rules: string;
  /** Accepted nominees (everyone); a pending one only to its nominator and its household. */
  nominees: NomineeView[];
  /** My household's nomination waiting for our answer. */
  invitation: NomineeView | null;
  myHomeId: string | null;
  myVote: string | null;
  canNominate: boolean;
  canVote: boolean;
  canPublish: boolean;
  /** The organisers may end nominations early and open the vote. */
  canStartVoting: boolean;
  winners: NomineeView[];
  /** For the owners' group: a card text to paste once published. */
  shareText: string | null;
}
export interface BookEntryView {
  seq: number;
  date: string;
  kind: 'income' | 'expense';
  categoryLabel: string;
  amountFen: number;
  memo: string;
  approvedBy?: string;
  /** The chain head after this entry, short (3F2A-9C01). */
  code: string;
  /** Receipt photos: short-lived links, handed only to those who may read the book. */
  receipts: string[];
}
export interface PendingExpenseView {
  id: string;
  categoryLabel: string;
  amountFen: number;
  memo: string;
  proposedBy: string;
  createdAt: string;
  canApprove: boolean;
  /** Receipt photos the approver checks: short-lived links, only to those who may read the book. */
  receipts: string[];
}
export interface BookView {
  compoundId: string;
  compounds: CompoundChoice[];
  compoundName: string;
  balanceFen: number;
  incomeFen: number;
  expenseFen: number;
  entries: BookEntryView[];
  pending: PendingExpenseView[];
  canBook: boolean;
  headCode: string;
}
export interface BookVerify {
  ok: boolean;
  checked: number;
  problems: { seq: number; problem: string }[];
  headCode: string;
}
export interface StructurePerson {
  /** The name when the person chose 亮身份; otherwise null (the office is shown, not the person). */
  name: string | null;
  title: string;
  record?: MyRecord;
}
export interface StructureView {
  community: { name: string; people: StructurePerson[] };
  branch: { compoundName: string; members: number; people: StructurePerson[] };
  leads: { buildingName: string; people: StructurePerson[] }[];
}
export interface PartyCard {
  member: { households: number; toVisit: number } | null;
  secretary: { compoundId: string; unassigned: number; balanceFen: number; pending: number } | null;
  selection: { id: string; title: string; phaseLabel: string } | null;
  /** My building's lead, when they show themselves. */
  lead: { buildingName: string; name: string } | null;
}

/** One person on the branch's roster, as the secretary sees it. */
export interface RosterMember {
  /** The roster entry (what saveMember's edit and end name). */
  id: string;
  /** The bound person; null for a member kept by name only (does not use the app). */
  personId: string | null;
  name: string;
  duty: MemberDuty;
  committee: boolean;
  /** Bound in the app: may be given households (包联) and log visits. */
  bound: boolean;
  /** Their homes in the compound ("3栋1单元602"), to tell namesakes apart; none when not bound. */
  homes: string[];
  joinedAt: string;
  endedAt: string | null;
  households: number;
  /** The caller may edit or end it: on the roster now, and not the caller's own entry (SELF_DECISION). */
  canChange: boolean;
}
export interface RosterPage extends Page<RosterMember> {
  compoundId: string;
  compoundName: string;
  status: 'active' | 'ended';
  /** Members on the roster now (bound or not): the structure page's count. */
  active: number;
}

// ---- inputs ----
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const fileID = z
  .string()
  .trim()
  .regex(/^cloud:\/\/[^\s]{1,400}$/, '图片应为上传后得到的云文件ID（cloud://…）');
const fen = z.number().int('金额须为整数（分）').min(1, '金额须大于0').max(L.bookMaxFen, '金额过大');
const room = z
  .string()
  .trim()
  .max(10)
  .regex(/^[0-9A-Za-z]*$/, '房号只能是数字或字母')
  .optional();

export const partyApi = defineApi('party', {
  /** A member's households, visits and tasks; a lead's and the secretary's follow-up tasks. */
  'party.mine': action(z.object({}).strict()).returns<MyHouseholds>(),
  'party.assignPage': action(z.object({ compoundId: id, buildingId: id.optional() }).strict()).returns<AssignPage>(),
  /** Assign a building, a unit or a room range to a member (the secretary). */
  'party.assign': action(
    z
      .object({
        compoundId: id,
        buildingId: id,
        unit: z.string().trim().max(10).optional(),
        from: room,
        to: room,
        memberId: id,
        replace: z.boolean().default(false),
      })
      .strict(),
  ).returns<AssignResult>(),
  'party.visit': action(
    z
      .object({
        clientRequestId,
        homeId: id,
        date: day,
        mode: z.enum(VISIT_MODES, { error: '请选择走访方式' }),
        topics: z.array(z.enum(VISIT_TOPICS)).max(L.topics, `最多选${L.topics}类`).default([]),
        followUp: z.boolean(),
        note: optionalText({ max: L.visitNote }),
      })
      .strict()
      .superRefine((v, ctx) => {
        const p = v.note ? noteProblem(v.note) : null;
        if (p) ctx.addIssue({ code: 'custom', path: ['note'], message: p });
      }),
  ).returns<VisitView>(),
  /** After concerns.raiseFor: the visit records the concern it raised (a declared seam, like ledger.linkNotice). */
  'party.linkConcern': action(z.object({ visitId: id, concernId: id }).strict()).returns<VisitView>(),
  /** Without compoundId: the caller's branch, or the community office's first compound (the view lists the others). */
  'party.reports': action(z.object({ compoundId: id.optional() }).strict()).returns<ReportView>(),
  'party.selections': action(z.object({ compoundId: id.optional() }).strict()).returns<SelectionList>(),
  'party.selection': action(z.object({ selectionId: id }).strict()).returns<SelectionDetail>(),
  'party.openSelection': action(
    z
      .object({
        clientRequestId,
        compoundId: id,
        kind: z.enum(SELECTION_KINDS, { error: '请选择评选类别' }),
        title: text({ max: L.selectionTitle, emptyMessage: '请填写评选名称' }),
        rules: text({ max: L.selectionRules, multiline: true, emptyMessage: '请填写评选规则' }),
        places: z.number().int().min(L.places.min).max(L.places.max, `名额最多${L.places.max}个`),
        nominateDays: z.number().int().min(L.nominateDays.min).max(L.nominateDays.max, `提名期最多${L.nominateDays.max}天`),
        voteDays: z.number().int().min(L.voteDays.min).max(L.voteDays.max, `投票期最多${L.voteDays.max}天`),
      })
      .strict(),
  ).returns<SelectionDetail>(),
  'party.nominate': action(
    z
      .object({
        selectionId: id,
        homeId: id,
        nomineeHomeId: id,
        reason: text({ max: L.nominationReason, multiline: true, emptyMessage: '请写下提名理由' }),
      })
      .strict(),
  ).returns<SelectionDetail>(),
  /** The nominee's household accepts (with the name it agrees to show) or declines. */
  'party.accept': action(
    z
      .object({ selectionId: id, homeId: id, accept: z.boolean(), shownAs: optionalText({ max: 10 }) })
      .strict()
      .refine((v) => !v.accept || !!v.shownAs, { path: ['shownAs'], message: '请填写公开显示的称呼，如“陈家”' }),
  ).returns<SelectionDetail>(),
  'party.vote': action(z.object({ selectionId: id, homeId: id, nomineeHomeId: id }).strict()).returns<SelectionDetail>(),
  /** The organisers end nominations now and open the vote (nominees who have not accepted stay out). */
  'party.startVoting': action(z.object({ selectionId: id }).strict()).returns<SelectionDetail>(),
  /** Close the vote (if still open) and publish the results: the 荣誉榜. */
  'party.publish': action(z.object({ selectionId: id }).strict()).returns<SelectionDetail>(),
  'party.book': action(z.object({ compoundId: id.optional() }).strict()).returns<BookView>(),
  'party.bookIncome': action(
    z
      .object({
        clientRequestId,
        compoundId: id,
        category: z.enum(BOOK_INCOME, { error: '请选择收入来源' }),
        amountFen: fen,
        memo: text({ max: L.bookMemo, emptyMessage: '请填写摘要' }),
      })
      .strict()
      .superRefine((v, ctx) => {
        const p = bookAmountProblem(v.category, v.amountFen);
        if (p) ctx.addIssue({ code: 'custom', path: ['amountFen'], message: p });
      }),
  ).returns<BookView>(),
  'party.proposeExpense': action(
    z
      .object({
        clientRequestId,
        compoundId: id,
        category: z.enum(BOOK_EXPENSE, { error: '请选择支出类别' }),
        amountFen: fen,
        memo: text({ max: L.bookMemo, emptyMessage: '请填写摘要' }),
        receipts: z.array(fileID).max(L.receipts, `最多${L.receipts}张凭证`).default([]),
      })
      .strict()
      .superRefine((v, ctx) => {
        const p = bookAmountProblem(v.category, v.amountFen);
        if (p) ctx.addIssue({ code: 'custom', path: ['amountFen'], message: p });
      }),
  ).returns<BookView>(),
  /** A second 支委 approves (the expense is booked) or refuses it. */
  'party.approveExpense': action(z.object({ expenseId: id, approve: z.boolean() }).strict()).returns<BookView>(),
  'party.verify': action(z.object({ compoundId: id }).strict()).returns<BookVerify>(),
  'party.structure': action(z.object({ compoundId: id.optional() }).strict()).returns<StructureView>(),
  'party.home': action(z.object({}).strict()).returns<PartyCard>(),
  /** The branch's roster (the secretary): members now, or those whose membership ended (kept, with their counts). */
  'party.members': action(
    z
      .object({ compoundId: id, status: z.enum(['active', 'ended']).default('active') })
      .merge(page)
      .strict(),
  ).returns<RosterPage>(),
  /**
   * Keep the roster (the secretary). add: a bound resident of the compound (personId,
   * found through accounts' people.search) or, for a member who does not use the app,
   * a name only; edit: the duty, or link a name-only entry to the person once bound;
   * end: the membership ends (kept in history, counts stay), their households go back
   * to the unassigned list and their visit rights end.
   */
  'party.saveMember': action(
    z.discriminatedUnion('op', [
      z
        .object({
          op: z.literal('add'),
          clientRequestId,
          compoundId: id,
          personId: id.optional(),
          name: optionalText({ max: L.memberName }),
          duty: z.enum(MEMBER_DUTIES, { error: '请选择党内职务' }),
        })
        .strict()
        .refine((v) => !!v.personId !== !!v.name, { path: ['personId'], message: '请从住户中选择党员，或只填写未使用小程序的党员姓名' }),
      z
        .object({ op: z.literal('edit'), memberId: id, duty: z.enum(MEMBER_DUTIES, { error: '请选择党内职务' }), personId: id.optional() })
        .strict(),
      z.object({ op: z.literal('end'), memberId: id }).strict(),
    ]),
  ).returns<RosterMember>(),
});

export type PartyApi = typeof partyApi;
