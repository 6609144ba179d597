/** Documents of the community overview and their repositories. */
import type { FigureKey, RawFigure } from '../../core/community/rules';
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
  updatedAt: Date;
}

export const snapshots = repository<SnapshotDoc>('communitySnapshots');
export const profiles = repository<ProfileDoc>('communityProfiles');
export const snapshotId = (compoundId: string, period: string) => `${compoundId}_${period}`;
