/** Collections of vehicles and 挪车. Every per-user read is an indexed equality/$in with a limit. */
import { defineCollections } from '../platform/collections';

export const VEHICLES_COLLECTIONS = defineCollections([
  /**
   * A registered plate: _id `${compoundId}_${plate}`, so a 挪车 request finds its home
   * by id (one read at any size) and a plate belongs to one home of a compound.
   */
  {
    name: 'vehicles',
    indexes: [
      { name: 'home', keys: { homeId: 1, createdAt: 1 } },
      /** The register (committee, property): a compound's plates in room order. */
      { name: 'compound', keys: { compoundId: 1, sortKey: 1 } },
    ],
  },
  /**
   * One per home that registered plates: _id = homeId. Adding and removing run in a
   * transaction on it, so two parallel adds never make a sixth plate.
   */
  { name: 'vehicleHomes', indexes: [] },
  /** 挪车 requests, deleted after 30 days by the daily `retention` timer. */
  {
    name: 'moveRequests',
    indexes: [
      /** The requester's own requests, newest first. */
      { name: 'requester', keys: { requesterId: 1, createdAt: -1 } },
      /** The owner household's alerts: `h:<homeId>` and the responders' queue: `b:<buildingId>` / `c:<compoundId>` (multikey). */
      { name: 'audience', keys: { audience: 1, open: 1, createdAt: -1 } },
      /** The property's view of a compound within the retention window (repeat requesters). */
      { name: 'compound', keys: { compoundId: 1, createdAt: -1 } },
      /** The retention timer. */
      { name: 'expires', keys: { expiresAt: 1 } },
      /** The wxa_media_check push names a trace_id. */
      { name: 'media_trace', keys: { mediaTraceIds: 1 } },
    ],
  },
  /**
   * Limits that must hold under parallel calls, moved in the request's transaction:
   * `d_<personId>_<YYYY-MM-DD>` (requests a person sent that day) and
   * `p_<compoundId>_<plate>` (when the plate was last messaged).
   */
  { name: 'moveLimits', indexes: [{ name: 'expires', keys: { expiresAt: 1 } }] },
  /** Counts per compound and month that outlive the requests: _id `${compoundId}_${period}`. */
  { name: 'moveMonths', indexes: [{ name: 'compound', keys: { compoundId: 1, period: -1 } }] },
]);
