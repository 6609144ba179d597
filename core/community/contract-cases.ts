/**
 * 互学 cases (part of the community API): a compound publishes what worked (title,
 * problem, what was done, photos, the figures that moved), the community's
 * compounds read them, the office features the best. A case names its compound and
 * the author's role, never a resident.
 */
import { z } from 'zod';
import { action, clientRequestId, id } from '../platform/api';
import { text } from '../platform/text';
import { COMMUNITY_LIMITS as L } from './limits';
import { FIGURE_KEYS, type Cell, type FigureKey } from './rules';
import { fileID, type EvidencePhoto } from './contract-scorecards';
import { CASE_SOURCES } from './labels';

export type { CaseSource } from './labels';

export interface CaseListItem {
  id: string;
  compoundId: string;
  compoundName: string;
  title: string;
  /** The problem, clipped for the list. */
  summary: string;
  sourceLabel: string;
  featured: boolean;
  createdAt: string;
}
export interface CaseList {
  communityId: string;
  communityName: string;
  items: CaseListItem[];
  nextCursor?: string;
  /** The viewer's compounds they may publish for. */
  publishAs: { compoundId: string; name: string }[];
}
export interface CaseFigure {
  key: FigureKey;
  label: string;
  /** The compound's 12 months to the case's month, suppressed as in the overview. */
  periods: string[];
  trend: Cell[];
}
export interface CaseView {
  id: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  title: string;
  problem: string;
  done: string;
  sourceLabel: string;
  /** The author's role when it was published (小区党支部书记 …): a case names no person. */
  byRole: string;
  photos: EvidencePhoto[];
  figures: CaseFigure[];
  featured: boolean;
  createdAt: string;
  canFeature: boolean;
}

export const CASE_ACTIONS = {
  /** Publish a case for one's compound (text checked by msgSecCheck, photos by mediaCheckAsync). */
  'cases.publish': action(
    z
      .object({
        clientRequestId,
        compoundId: id,
        title: text({ max: L.caseTitle, emptyMessage: '请填写标题' }),
        problem: text({ max: L.caseText, multiline: true, emptyMessage: '请说说原来的问题' }),
        done: text({ max: L.caseText, multiline: true, emptyMessage: '请说说是怎么做的' }),
        source: z.enum(CASE_SOURCES, { error: '请选择案例来自哪里' }),
        figures: z
          .array(z.enum(FIGURE_KEYS, { error: '指标有误' }))
          .max(L.caseFigures, `最多选${L.caseFigures}项指标`)
          .refine((v) => new Set(v).size === v.length, '指标重复')
          .default([]),
        photos: z.array(fileID).max(L.casePhotos, `最多${L.casePhotos}张图片`).default([]),
      })
      .strict(),
  ).returns<CaseView>(),
  /** The community's cases: the featured first, then the newest. */
  'cases.list': action(
    z
      .object({
        communityId: id,
        cursor: z.string().max(200).optional(),
        size: z.number().int().min(1).max(L.casePage).default(L.casePage),
      })
      .strict(),
  ).returns<CaseList>(),
  'cases.get': action(z.object({ caseId: id }).strict()).returns<CaseView>(),
  /** The office features a case (or takes it off). */
  'cases.feature': action(z.object({ caseId: id, featured: z.boolean({ error: '请选择是否精选' }) }).strict()).returns<CaseView>(),
};
