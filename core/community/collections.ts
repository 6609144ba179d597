/** Collections of the community overview. The overview reads one indexed range per community, never homes. */
import { defineCollections } from '../platform/collections';

export const COMMUNITY_COLLECTIONS = defineCollections([
  /**
   * One document per compound and month (_id `${compoundId}_${period}`), written by the
   * snapshot job with a put: a re-run replaces the month, never adds a second.
   */
  { name: 'communitySnapshots', indexes: [{ name: 'community_period', keys: { communityId: 1, period: 1 } }] },
  /** Per community (_id = communityId): which compound is the model (示范小区), and the scorecard weights. */
  { name: 'communityProfiles', indexes: [] },
  /** 示范创建 self-assessments: one per compound and month (_id `${compoundId}_${period}`). */
  {
    name: 'communityScorecards',
    indexes: [
      { name: 'community_period', keys: { communityId: 1, period: 1 } },
      { name: 'media_trace', keys: { mediaTraceIds: 1 } },
    ],
  },
  /** 互评: one per compound pair and month (_id `${period}_${fromCompoundId}_${toCompoundId}`): a second is refused. */
  {
    name: 'communityRatings',
    indexes: [
      { name: 'community_period', keys: { communityId: 1, period: 1 } },
      { name: 'to_period', keys: { toCompoundId: 1, period: 1 } },
    ],
  },
  /** 互学 cases (_id from the author and clientRequestId): the community's list, the featured first. */
  {
    name: 'communityCases',
    indexes: [
      { name: 'community_created', keys: { communityId: 1, createdAt: -1 } },
      { name: 'community_featured', keys: { communityId: 1, featured: 1, createdAt: -1 } },
      { name: 'media_trace', keys: { mediaTraceIds: 1 } },
    ],
  },
]);
