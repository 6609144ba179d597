/**
 * votes: owners' votes (业主共同决定事项) counted the way 民法典 第二百七十八条 counts
 * them (see count.ts). Schemas are strict; dates cross the wire as ISO strings.
 */
import { z } from 'zod';
import { CLOUD_FILE_ID_PATTERN } from '../platform/patterns';
import { action, defineApi, id as anyId, page, clientRequestId, type Page } from '../platform/api';
import { optionalText, text } from '../platform/text';
import { VOTE_LIMITS } from './limits';
import { TEMPLATE_IDS, TEMPLATES } from '../templates';
import { MATTER_KINDS, type CountResult, type MatterFormat, type MatterKind, type Totals } from './count';
import type { MatterPhase } from './rules';
import type { JobView } from '../platform/jobs';

export type { CountResult, Totals, MatterKind, MatterFormat } from './count';
export type { JobView } from '../platform/jobs';

/** The subscribe-message template for "a vote is open / you have not voted": see core/templates.ts. */
export const VOTE_TEMPLATE_ID = TEMPLATE_IDS.vote;
export const VOTE_TEMPLATE_FIELDS = TEMPLATES.vote.fields;

// ---- views ----
export interface VoteFile {
  fileID: string;
  url: string;
}
export interface Candidate {
  id: string;
  name: string;
}
/** One of my homes, as far as this matter goes. */
export interface MyVoteHome {
  homeId: string;
  label: string;
  areaCenti: number;
  /** My home's owner has a ballot (online or paper). */
  voted: boolean;
  via?: 'online' | 'paper';
  /** The choice, shown to the home's owners only. */
  choices?: string[];
  castAt?: string;
  /** Masked name of who cast it (co-owners see who); for a paper ballot, who entered it. */
  castBy?: string;
  /** "纸质票，由业委会 吴** 于 … 录入" / "由 何** 于 … 在线投票" (core/votes/rules.ts ballotOrigin), for the home's owners. */
  origin?: string;
  /** I may cast or change the ballot now. */
  canCast: boolean;
  /** Why not, in Chinese (tenant, voting not open, previous owner voted …). */
  cannotReason?: string;
  /** Other homes counted with this one (the same owner). */
  sameOwnerHomes: number;
}
export interface Consultation {
  label: string;
  reason: string;
}
export interface MatterListItem {
  id: string;
  compoundId: string;
  compoundName: string;
  title: string;
  kind: MatterKind;
  kindLabel: string;
  format: MatterFormat;
  phase: MatterPhase;
  phaseLabel: string;
  opensAt: string;
  closesAt: string;
  announcedAt?: string;
  /** Present when the compound's city requires the government system: 仅供征求意见. */
  consultation?: Consultation;
  myHomes: MyVoteHome[];
  /** Live turnout for those who may track (committee, community office). */
  live?: { participants: Totals; roll: Totals; missing: string; summary: string };
}
export interface MatterDetail extends MatterListItem {
  description: string;
  documents: VoteFile[];
  candidates: Candidate[];
  seats: number;
  secret: boolean;
  /** Labels of every choice id (approve → 同意, c1 → the candidate's name). */
  choiceLabels: Record<string, string>;
  thresholdLabel: string;
  turnoutLabel: string;
  /** The roll's totals (from the announcement on). */
  roll?: Totals;
  rollFrozen: boolean;
  paperBallots?: number;
  /** Live for trackers while open; for everyone once published. */
  result?: CountResult;
  publishedAt?: string;
  objectionEndsAt?: string;
  canManage: boolean;
  canTrack: boolean;
  /** While the final count runs (phase 计票中): its job's progress, batches done of total. */
  counting?: JobView;
  /** Managers, while the roll is being built (announce, rebuild) or when building it failed: its job. */
  rolling?: JobView;
  /** The earliest opening an announcement today allows (for the form). */
  earliestOpening: string;
}
export interface RollRow {
  /** "1栋1单元1001", several when one owner holds several homes. */
  homes: { homeId: string; label: string; areaCenti: number }[];
  areaCenti: number;
  developer: boolean;
  /** Trackers only. */
  voted?: boolean;
}
export interface RollPage extends Page<RollRow> {
  totals: Totals;
  frozen: boolean;
}
export interface ResultRow {
  label: string;
  areaCenti: number;
  /** Absent when the matter is secret or the home did not vote. */
  choice?: string;
  voted: boolean;
  paper: boolean;
}
export interface ResultsPage extends Page<ResultRow> {
  secret: boolean;
  result: CountResult;
  consultation?: Consultation;
}
export interface PaperBallotView {
  id: string;
  homeLabels: string[];
  choices: string[];
  photos: VoteFile[];
  enteredBy: string;
  enteredAt: string;
}
export interface ExportResult {
  fileName: string;
  fileID: string;
  url: string;
  expiresAt: string;
}
export interface VoteSettings {
  compoundId: string;
  consultationOnly: boolean;
  reason: string;
}
export interface RemindResult {
  jobId: string;
  finished: boolean;
  job: JobView;
}

// ---- inputs ----
/** Ids are plain ASCII: a NUL or a control character is a BAD_REQUEST, never a query. */
const id = anyId.regex(/^[A-Za-z0-9_.-]+$/, '编号有误');
const instant = z.iso.datetime({ offset: true, error: '时间格式有误' });
const fileID = z.string().trim().regex(CLOUD_FILE_ID_PATTERN, '文件应为上传后得到的云文件ID（cloud://…）');
const choice = z
  .string()
  .min(1)
  .max(20)
  .regex(/^[a-z0-9]+$/, '选项有误');
const choices = z
  .array(choice)
  .min(1, '请选择')
  .max(VOTE_LIMITS.seats + 1);

export const matterInput = z
  .object({
    clientRequestId,
    compoundId: id,
    title: text({ max: VOTE_LIMITS.title, emptyMessage: '请填写表决事项' }),
    description: text({ max: VOTE_LIMITS.description, multiline: true, emptyMessage: '请填写说明' }),
    kind: z.union(MATTER_KINDS.map((k) => z.literal(k)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<2>, ...z.ZodLiteral<MatterKind>[]], {
      error: '请选择事项类别（民法典第二百七十八条）',
    }),
    format: z.enum(['approval', 'election']),
    candidates: z
      .array(text({ max: VOTE_LIMITS.candidateName, emptyMessage: '请填写候选人' }))
      .max(VOTE_LIMITS.candidates)
      .default([]),
    seats: z.number().int().min(1).max(VOTE_LIMITS.seats).default(1),
    documents: z.array(fileID).max(VOTE_LIMITS.documents, `最多${VOTE_LIMITS.documents}个文件`).default([]),
    opensAt: instant,
    closesAt: instant,
    /** 不记名: results show who voted, never what. */
    secret: z.boolean().default(false),
  })
  .strict()
  .refine((v) => v.format === 'approval' || v.candidates.length >= 1, { message: '请填写候选人或投标单位', path: ['candidates'] })
  .refine((v) => v.format === 'election' || v.candidates.length === 0, { message: '同意/反对类事项不填候选人', path: ['candidates'] })
  .refine((v) => v.format === 'approval' || v.seats <= v.candidates.length, { message: '应选人数不能多于候选人', path: ['seats'] })
  .refine((v) => new Set(v.candidates).size === v.candidates.length, { message: '候选人重复', path: ['candidates'] });
export type MatterInput = z.input<typeof matterInput>;

const matterRef = z.object({ matterId: id }).strict();

export const votesApi = defineApi('votes', {
  /** A draft matter (the committee; the community office where there is no committee). */
  'matters.create': action(matterInput).returns<MatterDetail>(),
  /**
   * Publish to every owner ≥ 15 days before voting opens; builds the roll for objections
   * (a job, 1,000 homes a batch: a large compound answers while still a draft with the
   * job's progress in `rolling`, and becomes announced when the roll is complete).
   */
  'matters.announce': action(matterRef).returns<MatterDetail>(),
  /** Votes of my compounds (and those I oversee), newest first. */
  'matters.list': action(z.object({ compoundId: id.optional(), openOnly: z.boolean().default(false) }).strict()).returns<
    MatterListItem[]
  >(),
  'matters.get': action(matterRef).returns<MatterDetail>(),
  /** The roll (rooms and areas, never names), from the announcement on. */
  'roll.list': action(z.object({ matterId: id }).merge(page).strict()).returns<RollPage>(),
  /** Rebuild the roll from the register during the announcement (after objections); refused once voting opened. */
  'roll.rebuild': action(matterRef).returns<MatterDetail>(),
  /** Cast or change my home's owner's ballot. The ballot's id is (matter, owner): a retry is the same ballot. */
  'ballots.cast': action(z.object({ matterId: id, homeId: id, choices }).strict()).returns<MyVoteHome>(),
  /** A paper or door-to-door ballot, entered by the committee with a photo of the signed ballot. */
  'ballots.paper': action(
    z
      .object({
        clientRequestId,
        matterId: id,
        homeId: id,
        choices,
        photos: z.array(fileID).min(1, '请拍照上传签字的纸质表决票').max(VOTE_LIMITS.paperPhotos),
        note: optionalText({ max: VOTE_LIMITS.note }),
      })
      .strict(),
  ).returns<PaperBallotView>(),
  'ballots.paperList': action(z.object({ matterId: id }).merge(page).strict()).returns<Page<PaperBallotView>>(),
  /** Owners not voted yet, for door-to-door (rooms and areas). */
  'matters.unvoted': action(z.object({ matterId: id }).merge(page).strict()).returns<Page<RollRow>>(),
  /** Subscribe messages to the owners of homes not voted yet (a job). */
  'matters.remind': action(z.object({ clientRequestId, matterId: id }).strict()).returns<RemindResult>(),
  'matters.jobStatus': action(z.object({ jobId: id.max(120) }).strict()).returns<JobView>(),
  /**
   * After the close: count every ballot (a job, 1,000 owners a batch) and publish the
   * preliminary result (公示). A small roll is counted inside the call; a large one answers
   * 计票中 with the job's progress (`counting`), and matters.get shows it until the result.
   */
  'matters.close': action(matterRef).returns<MatterDetail>(),
  /** After the objection period: the result becomes final. */
  'matters.finalize': action(matterRef).returns<MatterDetail>(),
  /** Per home: room, area and choice (no names; secret matters hide the choice). */
  'matters.results': action(z.object({ matterId: id }).merge(page).strict()).returns<ResultsPage>(),
  'matters.export': action(matterRef).returns<ExportResult>(),
  'settings.get': action(z.object({ compoundId: id }).strict()).returns<VoteSettings>(),
  'settings.set': action(
    z.object({ compoundId: id, consultationOnly: z.boolean(), reason: optionalText({ max: VOTE_LIMITS.reason }) }).strict(),
  ).returns<VoteSettings>(),
  'votes.subscribe': action(z.object({ templateId: z.literal(VOTE_TEMPLATE_ID), accepted: z.boolean() }).strict()).returns<{
    templateId: string;
    remaining: number;
  }>(),
});

export type VotesApi = typeof votesApi;
