/**
 * community: the community office's overview of its compounds (互看互比). Only
 * aggregates cross this contract: no names, rooms or amounts per home.
 */
import { z } from 'zod';
import { action, defineApi, id, clientRequestId } from '../platform/api';
import type { JobView } from '../platform/jobs';
import { COMMUNITY_LIMITS } from './limits';
import type { Cell, FigureDef, FigureKey } from './rules';
import { SCORECARD_ACTIONS, period, type ScorecardRow } from './contract-scorecards';
import { CASE_ACTIONS } from './contract-cases';

export type { Cell, FigureDef, FigureKey } from './rules';
export type { JobView } from '../platform/jobs';
export type * from './contract-scorecards';
export type * from './contract-cases';

export interface CompoundRow {
  compoundId: string;
  name: string;
  /** 示范小区. */
  model: boolean;
  /** Homes in the register (a count, never a list). */
  homes: number;
  /** This month's cells; a cell with fewer than 5 homes in its base says 样本太少. */
  cells: Record<FigureKey, Cell>;
  /** The 12 months oldest first, the same suppression per month. */
  trend: Record<FigureKey, Cell[]>;
}
export interface Overview {
  communityId: string;
  communityName: string;
  period: string;
  periods: string[];
  figures: FigureDef[];
  rows: CompoundRow[];
  /** When the newest snapshot shown was computed (ISO), absent when none exists yet. */
  computedAt?: string;
}
export interface CompareColumn {
  compoundId: string;
  name: string;
  model: boolean;
  homes: number;
  cells: Record<FigureKey, Cell>;
  /** Against the model compound, one sentence per figure (absent on the model itself). */
  gaps?: Record<FigureKey, { text: string; behind: boolean | null }>;
}
export interface Comparison {
  communityId: string;
  period: string;
  figures: FigureDef[];
  /** Null when the community has no model compound. */
  modelCompoundId: string | null;
  columns: CompareColumn[];
}

/** The 首页 card: the office's community at a glance, or a compound's 示范创建 to do this month. */
export interface CommunityHome {
  office: {
    communityId: string;
    communityName: string;
    /** The last complete month (the overview's default). */
    period: string;
    compounds: number;
    modelName: string | null;
  } | null;
  compound: {
    compoundId: string;
    name: string;
    /** This month (scorecards are taken in the current month). */
    period: string;
    assessed: boolean;
    /** Other compounds of the community that assessed themselves this month and this compound has not rated yet. */
    toRate: number;
  } | null;
}

/** The month's report for the 街道: the table with trends, the scorecards and the featured cases. Aggregates only. */
export interface MonthlyReport {
  communityId: string;
  communityName: string;
  period: string;
  periods: string[];
  figures: FigureDef[];
  rows: CompoundRow[];
  scorecards: ScorecardRow[];
  /** The office's featured cases as they stand when the report is made (newest first). */
  cases: { id: string; title: string; compoundName: string; sourceLabel: string; problem: string; done: string }[];
  /** When this report was made (ISO), printed in its footer. */
  generatedAt: string;
}
export interface ReportFile {
  fileName: string;
  fileID: string;
  url: string;
  expiresAt: string;
  rows: number;
}

const where = z.object({ communityId: id, period: period.optional() });

export const communityApi = defineApi('community', {
  /** Every compound of the community, the month's cells and a 12-month trend, from the snapshots. */
  'overview.get': action(where.strict()).returns<Overview>(),
  /** Two or more compounds in columns, each figure's gap to the model compound in words. */
  'compare.get': action(
    where
      .extend({
        compoundIds: z
          .array(id)
          .min(2, '请至少选择两个小区')
          .max(COMMUNITY_LIMITS.compareMax, `最多同时比较 ${COMMUNITY_LIMITS.compareMax} 个小区`)
          .refine((v) => new Set(v).size === v.length, '小区重复'),
      })
      .strict(),
  ).returns<Comparison>(),
  /** Compute a month's snapshots now (a job, one compound an item); the daily timer does the same. */
  'snapshots.run': action(z.object({ clientRequestId, communityId: id, period }).strict()).returns<JobView>(),
  /** The 首页 card (also composed into home.get). */
  'community.home': action(z.strictObject({})).returns<CommunityHome | null>(),
  /** The month's report as a page that prints on A4. */
  'report.get': action(where.strict()).returns<MonthlyReport>(),
  /** The same report as an .xlsx (a 10-minute link). */
  'report.export': action(where.strict()).returns<ReportFile>(),
  ...SCORECARD_ACTIONS,
  ...CASE_ACTIONS,
});

export type CommunityApi = typeof communityApi;
