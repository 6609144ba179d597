/** Collections of votes. Every per-user read is an _id get or an indexed equality with a limit. */
import { defineCollections } from '../platform/collections';

export const VOTES_COLLECTIONS = defineCollections([
  /** 表决事项. _id derives from (creator, clientRequestId). */
  { name: 'voteMatters', indexes: [{ name: 'compound_created', keys: { compoundId: 1, createdAt: -1 } }] },
  /**
   * The roll: one document per owner (_id `${matterId}_${ownerHash}`), homes and areas
   * added. A home finds its entry by the multikey index on homeIds; the door-to-door
   * list reads the entries not yet voted.
   */
  {
    name: 'voteRoll',
    indexes: [
      { name: 'matter_home', keys: { matterId: 1, homeIds: 1 } },
      /**
       * "Which entry is my home's": the home first, so the lookup reads one entry
       * whatever the roll's size (a matter-first index would walk the whole roll
       * wherever only an index's first key is used).
       */
      { name: 'home_matter', keys: { homeIds: 1, matterId: 1 } },
      /** Results, the roll page and the final count read in room order, page after page by sort. */
      { name: 'matter_sort', keys: { matterId: 1, sort: 1 } },
      { name: 'matter_voted', keys: { matterId: 1, voted: 1, sort: 1 } },
    ],
  },
  /** One ballot per owner per matter: _id `${matterId}_${ownerHash}` (the roll entry's id). */
  { name: 'voteBallots', indexes: [{ name: 'matter_sort', keys: { matterId: 1, sort: 1 } }] },
  /** The running tally, _id = matterId, updated in each ballot's transaction. */
  { name: 'voteTallies', indexes: [] },
  /**
   * The final count's partial sums, one per batch of the roll: _id `${jobId}_${batch index}`,
   * written with a put, so a batch re-run after a crash replaces its sums (never adds twice).
   */
  { name: 'voteCountParts', indexes: [{ name: 'job_index', keys: { jobId: 1, index: 1 } }] },
  /** The roll job's staging: one row per home (_id `${jobId}_${homeId}`), read back in owner order. */
  { name: 'voteRollHomes', indexes: [{ name: 'job_owner', keys: { jobId: 1, ownerHash: 1, homeId: 1 } }] },
  /** Per compound: consultation only (the city's rule), _id = compoundId. */
  { name: 'voteSettings', indexes: [] },
]);
