/** Collections of the community overview. The overview reads one indexed range per community, never homes. */
import { defineCollections } from '../platform/collections';

export const COMMUNITY_COLLECTIONS = defineCollections([
  /**
   * One document per compound and month (_id `${compoundId}_${period}`), written by the
   * snapshot job with a put: a re-run replaces the month, never adds a second.
   */
  { name: 'communitySnapshots', indexes: [{ name: 'community_period', keys: { communityId: 1, period: 1 } }] },
  /** Per community (_id = communityId): which compound is the model (示范小区). */
  { name: 'communityProfiles', indexes: [] },
]);
