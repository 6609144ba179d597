/** Collections of repairs. Every per-user read is an indexed equality/$in with a limit. */
import { defineCollections } from '../platform/collections';

export const REPAIRS_COLLECTIONS = defineCollections([
  {
    name: 'repairs',
    indexes: [
      /** "My repairs": partyKeys = ['p:<reporter>', 'h:<home>'] (multikey), newest first. */
      { name: 'party', keys: { partyKeys: 1, createdAt: -1 } },
      /** A staff member's queue: open items, urgent first, newest first. */
      { name: 'assignee_queue', keys: { assigneeId: 1, queueOpen: 1, urgent: -1, createdAt: -1 } },
      /** The manager's list by status, and the overdue items (dueAt is far in the future when no clock runs). */
      { name: 'compound_status', keys: { compoundId: 1, status: 1, createdAt: -1 } },
      { name: 'compound_due', keys: { compoundId: 1, dueAt: 1 } },
      /** The common-area board: open common-area repairs of a compound. */
      { name: 'compound_board', keys: { compoundId: 1, onBoard: 1, createdAt: -1 } },
      /** Monthly figures: one compound, one month. */
      { name: 'compound_period', keys: { compoundId: 1, period: 1 } },
      /** The auto-close timer: done, waiting for the resident. */
      { name: 'status_done', keys: { status: 1, doneAt: 1 } },
      /** The wxa_media_check push names a trace_id. */
      { name: 'media_trace', keys: { mediaTraceIds: 1 } },
    ],
  },
  /** 我也遇到: one per repair and person, _id `${repairId}_${personId}`. */
  {
    name: 'repairFollowers',
    indexes: [
      { name: 'repair', keys: { repairId: 1, at: -1 } },
      { name: 'person', keys: { personId: 1, at: -1 } },
    ],
  },
]);
