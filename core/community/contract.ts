/**
 * community: the community office's overview of its compounds (互看互比). Only
 * aggregates cross this contract: no names, rooms or amounts per home.
 */
import { z } from 'zod';
import { action, defineApi, id, clientRequestId } from '../platform/api';
import type { JobView } from '../platform/jobs';
import { COMMUNITY_LIMITS } from './limits';
import type { Cell, FigureDef, FigureKey } from './rules';

export type { Cell, FigureDef, FigureKey } from './rules';
export type { JobView } from '../platform/jobs';

const period = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

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
});

export type CommunityApi = typeof communityApi;
