/** Documents of the community overview, 示范创建 and 互学, and their repositories. */
import type { CaseSource } from '../../core/community/labels';
import type { FigureKey, RawFigure } from '../../core/community/rules';
import type { CheckKey, Criteria, CriteriaChange } from '../../core/community/scorecard';
import type { CheckedMedia } from '../_shared/media';
import { repository } from '../_shared/repo';

/** One compound, one month (_id `${compoundId}_${period}`): aggregates only, never a home. */
export interface SnapshotDoc {
  _id: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  period: string;
  homes: number;
  figures: Record<FigureKey, RawFigure>;
  computedAt: Date;
}
/** Per community (_id = communityId). */
export interface ProfileDoc {
  _id: string;
  modelCompoundId: string | null;
  /** The scorecard weights; DEFAULT_CRITERIA (core/community/scorecard) when absent. */
  criteria?: Criteria;
  /** Weights the office set, each from its month on (criteriaFor); a month already scored keeps its weights. */
  criteriaChanges?: CriteriaChange[];
  updatedAt: Date;
}

export interface ScorecardItemDoc {
  key: CheckKey;
  met: boolean;
  photos: string[];
  note: string | null;
}
/** A compound's 六有 self-assessment of one month (_id `${compoundId}_${period}`), replaced when it assesses again. */
export interface ScorecardDoc {
  _id: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  period: string;
  items: ScorecardItemDoc[];
  media: CheckedMedia[];
  mediaTraceIds: string[];
  /** The person and their role when they assessed (the role is what others see). */
  by: string;
  byName: string;
  byRole: string;
  /** The last request applied (a retry returns the same). */
  clientRequestId: string;
  version: number;
  assessedAt: Date;
}
/** 互评 (_id `${period}_${fromCompoundId}_${toCompoundId}`): one per compound pair and month. */
export interface RatingDoc {
  _id: string;
  communityId: string;
  period: string;
  fromCompoundId: string;
  fromCompoundName: string;
  toCompoundId: string;
  items: Record<CheckKey, boolean>;
  comment: string | null;
  by: string;
  byName: string;
  byRole: string;
  clientRequestId: string;
  at: Date;
}
/** A 互学 case (_id from the author and clientRequestId). */
export interface CaseDoc {
  _id: string;
  clientRequestId: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  title: string;
  problem: string;
  done: string;
  source: CaseSource;
  figures: FigureKey[];
  /** The month it was published in: its figures' trend ends there. */
  period: string;
  photos: string[];
  media: CheckedMedia[];
  mediaTraceIds: string[];
  by: string;
  byRole: string;
  featured: boolean;
  featuredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const snapshots = repository<SnapshotDoc>('communitySnapshots');
export const profiles = repository<ProfileDoc>('communityProfiles');
export const scorecards = repository<ScorecardDoc>('communityScorecards');
export const ratings = repository<RatingDoc>('communityRatings');
export const cases = repository<CaseDoc>('communityCases');
export const snapshotId = (compoundId: string, period: string) => `${compoundId}_${period}`;
export const scorecardId = (compoundId: string, period: string) => `${compoundId}_${period}`;
export const ratingId = (period: string, from: string, to: string) => `${period}_${from}_${to}`;
