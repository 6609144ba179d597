/**
 * repairs: report, dispatch, carry out and close a repair, with a clock per
 * category, a board of common-area repairs and monthly figures. Schemas are strict
 * (a stray field is a BAD_REQUEST). Money is integer fen; dates cross as ISO strings.
 */
import { z } from 'zod';
import { CLOUD_FILE_ID_PATTERN, MOBILE_PATTERN, PERIOD_PATTERN } from '../platform/patterns';
import { action, clientRequestId, defineApi, id, page, type Page } from '../platform/api';
import { optionalText, text } from '../platform/text';
import { TEMPLATE_IDS, TEMPLATES } from '../templates';
import { RATING_MAX, RATING_MIN, REPAIR_LIMITS } from './limits';
import {
  COMMON_AREAS,
  REPAIR_CATEGORIES,
  type CategoryBar,
  type CommonArea,
  type LedgerExpenseDraft,
  type RepairAction,
  type RepairCategory,
  type RepairFigures,
  type RepairStatus,
} from './rules';

/** The subscribe-message template for "repair progress": id per environment and keywords in core/templates.ts. */
export const REPAIR_TEMPLATE_ID = TEMPLATE_IDS.repair;
export const REPAIR_TEMPLATE_FIELDS = TEMPLATES.repair.fields;
export const REPAIR_SUBSCRIBE_TEMPLATES = [REPAIR_TEMPLATE_ID] as const;
/** Photos live in the uploader's own folder: u/<openid>/repairs/… */
export const REPAIR_FILES = 'repairs';

// ---- views ----
export interface RepairPhoto {
  fileID: string;
  /** Temporary https URL for the caller ('' while hidden). */
  url: string;
  /** pending: the image check has not answered yet (shown to the repair's parties only); risky: hidden. */
  check: 'pending' | 'pass' | 'risky';
}
export interface RepairListItem {
  id: string;
  category: RepairCategory;
  scope: 'home' | 'common';
  area?: CommonArea;
  /** "御家兰庭 5栋1单元301" or "天翔世家 3栋 电梯". */
  placeLabel: string;
  compoundId: string;
  /** Equal for repairs that may be merged into one another (core/repairs/rules mergeKey). */
  mergeKey: string;
  excerpt: string;
  status: RepairStatus;
  statusLabel: string;
  urgent: boolean;
  /** A deadline passed and the repair is still being worked on. */
  overdue: boolean;
  /** The deadline that runs now (absent when no clock runs). */
  dueAt?: string;
  /** 我也遇到 count (the reporter not included). */
  followers: number;
  /** The reporter's side urged (催单) and it was not handled since. */
  urged: boolean;
  assigneeName?: string;
  /** What happens next, in words. */
  nextStep: string;
  photoCount: number;
  createdAt: string;
}
export type RepairListPage = Page<RepairListItem>;
export interface RepairEventView {
  action: RepairAction | 'report' | 'log' | 'urge' | 'cost' | 'follow';
  label: string;
  /** "孙志刚（物业经理）"; a board viewer sees only the role. */
  by: string;
  at: string;
  note?: string;
  photos: RepairPhoto[];
  /** For assign: who it went to. */
  assigneeName?: string;
}
export interface RepairDetail extends RepairListItem {
  access: 'full' | 'board';
  description: string;
  photos: RepairPhoto[];
  /** Full access only: who reported (a board viewer never sees it). */
  reporterName?: string;
  /** The manager and the assignee see the contact phone. */
  contactPhone?: string;
  /** Logged on a resident's behalf: the caller's name as typed (the manager and the assignee see it). */
  contactName?: string;
  /** How it came in: the resident, or the property on their behalf / on patrol. */
  source: 'resident' | 'phone' | 'walkIn' | 'patrol';
  acceptDueAt: string;
  finishDueAt: string;
  acceptedAt?: string;
  doneAt?: string;
  /** Whether each clock shows (not for a cancelled or merged repair), and whether it ran out before the step was done. */
  showClocks: boolean;
  acceptLate: boolean;
  finishLate: boolean;
  events: RepairEventView[];
  /** The state-machine moves this caller may make now. */
  actions: RepairAction[];
  /** Null when the caller may urge now, else why not (only for the reporter's side). */
  urgeProblem: string | null;
  canUrge: boolean;
  canFollow: boolean;
  following: boolean;
  canSetCost: boolean;
  rating?: number;
  comment?: string;
  labourFen?: number;
  materialsFen?: number;
  mergedIntoId?: string;
}
export interface StaffOption {
  personId: string;
  name: string;
  roleLabel: string;
  /** Repairs in their queue now. */
  queue: number;
}
export interface RepairPlaces {
  homes: { homeId: string; label: string; compoundId: string }[];
  compounds: {
    compoundId: string;
    communityId: string;
    name: string;
    buildings: { buildingId: string; name: string; hasLift: boolean }[];
  }[];
  /** Compounds where the caller may log for others or from patrol. */
  logCompounds: string[];
}
/**
 * A per-compound page's picker, carried by its one read: the compounds this person may
 * open there (in the order of repairs.places) and the one the answer is about. Without a
 * compoundId the read answers for the first, so the page shows itself with one call.
 */
export interface CompoundChoice {
  compoundId: string;
  communityId: string;
  name: string;
}
export interface PickedCompound {
  compoundId: string;
  compounds: CompoundChoice[];
}
export interface HomeSummary {
  mine: RepairListItem[];
  mineOpen: number;
  queue: RepairListItem[];
  queueCount: number;
  overdue: RepairListItem[];
  overdueCount: number;
}
export interface MonthlyStats extends RepairFigures {
  compoundId: string;
  compoundName: string;
  period: string;
  byCategory: CategoryBar[];
}
export interface CostItem {
  repairId: string;
  placeLabel: string;
  category: RepairCategory;
  scope: 'home' | 'common';
  status: RepairStatus;
  labourFen: number;
  materialsFen: number;
  /** Null when it cannot be booked as a compound expense (a home repair, no cost, not done). */
  expense: LedgerExpenseDraft | null;
}
export interface CostsPage {
  compoundId: string;
  period: string;
  items: CostItem[];
  totalFen: number;
  bookableFen: number;
}

// ---- inputs ----
const fileID = z.string().trim().regex(CLOUD_FILE_ID_PATTERN, '图片应为上传后得到的云文件ID（cloud://…）');
const photos = (max: number) => z.array(fileID).max(max, `最多${max}张图片`).default([]);
const description = text({ max: REPAIR_LIMITS.description, multiline: true, emptyMessage: '请描述要修什么' });
const note = optionalText({ max: REPAIR_LIMITS.note, multiline: true });
const period = z.string().regex(PERIOD_PATTERN, '月份格式应为 YYYY-MM');
const fen = z.number().int('金额应为整数（分）').min(0, '金额不能为负').max(REPAIR_LIMITS.maxCostFen, '金额过大');

export const where = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('home'), homeId: id }).strict(),
    z
      .object({
        kind: z.literal('common'),
        compoundId: id,
        area: z.enum(COMMON_AREAS),
        buildingId: id.optional(),
        place: optionalText({ max: REPAIR_LIMITS.place }),
      })
      .strict(),
  ],
  { error: '请选择报修位置：自家（home）或公共区域（common）' },
);
export type RepairWhere = z.input<typeof where>;

const report = {
  clientRequestId,
  where,
  category: z.enum(REPAIR_CATEGORIES),
  description,
  photos: photos(REPAIR_LIMITS.photos),
  urgent: z.boolean().default(false),
};
const step = { repairId: id, note, photos: photos(REPAIR_LIMITS.stepPhotos) };

export const repairsApi = defineApi('repairs', {
  /** A resident reports for their home or a common area of their compound. */
  'repairs.report': action(z.object(report).strict()).returns<RepairDetail>(),
  /** The property logs one on a resident's behalf (a home: its residents confirm) or from patrol. */
  'repairs.log': action(
    z
      .object({
        ...report,
        source: z.enum(['phone', 'walkIn', 'patrol']),
        /** Who called or came in, as typed: a note for the staff, not an account. */
        contactName: optionalText({ max: REPAIR_LIMITS.contactName }),
        contactPhone: z.string().regex(MOBILE_PATTERN, '请填写11位手机号').optional(),
      })
      .strict(),
  ).returns<RepairDetail>(),
  'repairs.get': action(z.object({ repairId: id }).strict()).returns<RepairDetail>(),
  /** Mine: I reported it, or it is for a home I live in. */
  'repairs.mine': action(
    z
      .object({ open: z.boolean().default(false) })
      .merge(page)
      .strict(),
  ).returns<RepairListPage>(),
  /** My queue (staff): assigned to me and not finished, urgent first, newest first. */
  'repairs.queue': action(page.strict()).returns<RepairListPage>(),
  /** The compound's repairs (manager, oversight; the caller's first compound without one). */
  'repairs.list': action(
    z
      .object({ compoundId: id.optional(), filter: z.enum(['open', 'overdue', 'done', 'all']).default('open') })
      .merge(page)
      .strict(),
  ).returns<RepairListPage & PickedCompound>(),
  /** Open common-area repairs of a compound (the caller's first without one), reporter anonymised. */
  'repairs.board': action(z.object({ compoundId: id.optional() }).strict()).returns<
    { items: RepairListItem[]; following: string[] } & PickedCompound
  >(),
  /** 我也遇到: once per person. */
  'repairs.follow': action(z.object({ repairId: id }).strict()).returns<{ repairId: string; followers: number; following: true }>(),
  'repairs.accept': action(z.object({ repairId: id, note }).strict()).returns<RepairDetail>(),
  'repairs.assign': action(z.object({ repairId: id, assigneeId: id, note }).strict()).returns<RepairDetail>(),
  'repairs.start': action(z.object(step).strict()).returns<RepairDetail>(),
  'repairs.finish': action(z.object({ ...step, labourFen: fen.optional(), materialsFen: fen.optional() }).strict()).returns<RepairDetail>(),
  'repairs.confirm': action(
    z
      .object({
        repairId: id,
        rating: z.number().int('请选择1到5颗星').min(RATING_MIN, '请选择1到5颗星').max(RATING_MAX, '请选择1到5颗星'),
        comment: optionalText({ max: REPAIR_LIMITS.comment, multiline: true }),
      })
      .strict(),
  ).returns<RepairDetail>(),
  'repairs.reopen': action(
    z.object({ ...step, note: text({ max: REPAIR_LIMITS.note, multiline: true, emptyMessage: '请说明哪里没修好' }) }).strict(),
  ).returns<RepairDetail>(),
  'repairs.cancel': action(z.object({ repairId: id, note }).strict()).returns<RepairDetail>(),
  /** A duplicate goes into the repair it duplicates: its reporter and followers follow that one. */
  'repairs.merge': action(z.object({ repairId: id, intoId: id, note }).strict()).returns<RepairDetail>(),
  /** 催单, once the current deadline passed. */
  'repairs.urge': action(z.object({ repairId: id }).strict()).returns<RepairDetail>(),
  /** Labour and materials (the manager, or the assignee while working on it). */
  'repairs.setCost': action(z.object({ repairId: id, labourFen: fen, materialsFen: fen }).strict()).returns<RepairDetail>(),
  /** Who a repair can be assigned to in a compound. */
  'repairs.staff': action(z.object({ compoundId: id }).strict()).returns<{ items: StaffOption[] }>(),
  'repairs.places': action(z.object({}).strict()).returns<RepairPlaces>(),
  /** The home tab's cards, in one call. */
  'repairs.home': action(z.object({}).strict()).returns<HomeSummary>(),
  /** Monthly figures of one compound (the caller's first without one). */
  'repairs.stats': action(z.object({ compoundId: id.optional(), period }).strict()).returns<
    MonthlyStats & { compounds: CompoundChoice[] }
  >(),
  /** The ledger's seam: a month's repair costs, each with its expense draft when bookable. */
  'repairs.costs': action(z.object({ compoundId: id, period }).strict()).returns<CostsPage>(),
  'repairs.subscribe': action(z.object({ templateId: z.enum(REPAIR_SUBSCRIBE_TEMPLATES), accepted: z.boolean() }).strict()).returns<{
    templateId: string;
    remaining: number;
  }>(),
});

export type RepairsApi = typeof repairsApi;
