/**
 * 示范创建 scorecards (part of the community API): each compound's 六有 self-assessment
 * with photo evidence, 互评 by the other compounds (one per pair and month, never of
 * oneself), and the score with how it was made. Only what a compound shows of itself
 * leaves it: no names, rooms or amounts per home.
 */
import { z } from 'zod';
import { action, clientRequestId, id } from '../platform/api';
import { optionalText } from '../platform/text';
import { COMMUNITY_LIMITS as L } from './limits';
import { CHECK_KEYS, SCORED_FIGURES, type CheckKey, type Criteria, type PeerTally, type Score } from './scorecard';

export type { CheckKey, Criteria, PeerTally, Score, ScoreLine } from './scorecard';

export const period = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
export const fileID = z
  .string()
  .trim()
  .regex(/^cloud:\/\/[^\s]{1,400}$/, '图片应为上传后得到的云文件ID（cloud://…）');

/** A photo this viewer may see: passed WeChat's check, or still being checked. */
export interface EvidencePhoto {
  fileID: string;
  url: string;
  check: 'pending' | 'pass' | 'risky';
}
export interface ScorecardItemView {
  key: CheckKey;
  label: string;
  hint: string;
  /** The compound's own answer; null until it has assessed itself this month. */
  self: { met: boolean; note?: string; photos: EvidencePhoto[] } | null;
  peers: PeerTally;
  /** Counts toward the score (core/community/scorecard itemMet). */
  met: boolean;
}
/** One 互评 received: who rated whom is visible to the community. */
export interface RatingView {
  fromCompoundId: string;
  fromCompoundName: string;
  /** 小区党支部书记 / 业委会委员, at the time: a role, never a name (the response stays free of personal data). */
  byRole: string;
  at: string;
  items: Record<CheckKey, boolean>;
  comment?: string;
}
export interface ScorecardView {
  communityId: string;
  compoundId: string;
  compoundName: string;
  period: string;
  model: boolean;
  assessed: boolean;
  assessedAt?: string;
  assessedByRole?: string;
  items: ScorecardItemView[];
  score: Score;
  /** 互评 this compound received. */
  ratings: RatingView[];
  /** The compounds this compound rated this month. */
  given: { toCompoundId: string; toCompoundName: string; at: string }[];
  /** The month is the current one: assessments and ratings are still taken. */
  open: boolean;
  /** The viewer may assess this compound (its own). */
  canAssess: boolean;
  /** The viewer's compounds that may rate this one (never itself), and whether each already did. */
  rateAs: { compoundId: string; name: string; done: boolean }[];
}
export interface ScorecardRow {
  compoundId: string;
  name: string;
  model: boolean;
  assessed: boolean;
  /** 六有 items that count (of 6). */
  itemsMet: number;
  score: number | null;
  /** 互评 received / given this month. */
  received: number;
  given: number;
  /** One of the viewer's compounds has rated it this month. */
  ratedByMine: boolean;
}
export interface ScorecardList {
  communityId: string;
  communityName: string;
  period: string;
  open: boolean;
  criteria: Criteria;
  /** The viewer may change the weights (from this month on). */
  canSetCriteria: boolean;
  /** What each weight is for, in the order a form shows them. */
  criteriaLabels: { kind: 'items' | 'figures'; key: string; label: string }[];
  rows: ScorecardRow[];
  /** Compounds the viewer assesses (their own) and rates as. */
  mine: { compoundId: string; name: string }[];
}

const itemInput = z
  .object({
    key: z.enum(CHECK_KEYS, { error: '评分项有误' }),
    met: z.boolean({ error: '请选择有或没有' }),
    photos: z.array(fileID).max(L.evidencePhotos, `每项最多${L.evidencePhotos}张照片`).default([]),
    note: optionalText({ max: L.itemNote }),
  })
  .strict()
  .refine((i) => !i.met || i.photos.length > 0, '选"有"的项目请附照片作为佐证');

const weight = z.number({ error: '权重须为0到100的整数' }).int('权重须为整数').min(0, '权重不能为负').max(100, '权重最多100');
const criteriaInput = z
  .object({
    items: z.object(Object.fromEntries(CHECK_KEYS.map((k) => [k, weight])) as Record<CheckKey, typeof weight>).strict(),
    figures: z
      .object(Object.fromEntries(SCORED_FIGURES.map((k) => [k, weight])) as Record<(typeof SCORED_FIGURES)[number], typeof weight>)
      .strict(),
  })
  .strict()
  .refine((c) => [...Object.values(c.items), ...Object.values(c.figures)].some((w) => w > 0), '权重合计须大于0');

export const SCORECARD_ACTIONS = {
  /** The office sets the community's weights; they apply from this month on, earlier months keep theirs. */
  'scorecards.setCriteria': action(z.object({ communityId: id, criteria: criteriaInput }).strict()).returns<ScorecardList>(),
  /** Every compound's scorecard of the month, with its score and 互评 counts. */
  'scorecards.list': action(z.object({ communityId: id, period: period.optional() }).strict()).returns<ScorecardList>(),
  /** One compound's scorecard: its evidence, the 互评 it received (who rated it), its score and how. */
  'scorecards.get': action(z.object({ compoundId: id, period: period.optional() }).strict()).returns<ScorecardView>(),
  /** The compound's own 六有 answers for this month, each "有" with photos (replaces the previous answers). */
  'scorecards.assess': action(
    z
      .object({
        clientRequestId,
        compoundId: id,
        period,
        items: z
          .array(itemInput)
          .length(CHECK_KEYS.length, '请逐项填写六有')
          .refine((xs) => new Set(xs.map((x) => x.key)).size === xs.length, '评分项重复'),
      })
      .strict(),
  ).returns<ScorecardView>(),
  /** 互评: another compound's 六有, item by item, as one's own compound; once per pair and month. */
  'scorecards.rate': action(
    z
      .object({
        clientRequestId,
        compoundId: id,
        fromCompoundId: id,
        period,
        items: z
          .object(
            Object.fromEntries(CHECK_KEYS.map((k) => [k, z.boolean({ error: '请逐项选择认可或不认可' })])) as Record<
              CheckKey,
              z.ZodBoolean
            >,
          )
          .strict(),
        comment: optionalText({ max: L.rateComment, multiline: true }),
      })
      .strict(),
  ).returns<ScorecardView>(),
};
