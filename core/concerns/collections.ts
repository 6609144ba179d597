/** Collections of concerns (民情) and the 议事厅. Every per-user read is an indexed equality/$in with a limit. */
import { defineCollections } from '../platform/collections';

export const CONCERNS_COLLECTIONS = defineCollections([
  {
    name: 'concerns',
    indexes: [
      /** "My concerns": partyKeys = ['p:<raiser>', 'h:<home>'] (multikey), newest first. */
      { name: 'party', keys: { partyKeys: 1, createdAt: -1 } },
      /** A lead's queue: open concerns of their buildings, oldest due first. */
      { name: 'building_open', keys: { buildingId: 1, open: 1, dueAt: 1 } },
      /** The branch's and committee's queue, and the escalated ones. */
      { name: 'compound_open', keys: { compoundId: 1, open: 1, dueAt: 1 } },
      { name: 'compound_escalated', keys: { compoundId: 1, escalatedOpen: 1, dueAt: 1 } },
      /** The public board: open public concerns of a compound. */
      { name: 'compound_board', keys: { compoundId: 1, onBoard: 1, createdAt: -1 } },
      /** Monthly figures: one compound, one month (by when it was raised). */
      { name: 'compound_period', keys: { compoundId: 1, period: 1 } },
      /** 亮作为: the concerns a person answered (the party branch counts them). */
      { name: 'answered_by', keys: { answeredBy: 1, answeredAt: 1 } },
      /** The hourly sweep: open and past due at the lead's level; answered and not yet asked. */
      { name: 'sweep_escalate', keys: { level: 1, open: 1, dueAt: 1 } },
      { name: 'sweep_ask', keys: { askDue: 1, askAt: 1 } },
      { name: 'media_trace', keys: { mediaTraceIds: 1 } },
    ],
  },
  /** 我也关心 (and raisers of merged duplicates): one per concern and person, _id `${concernId}_${personId}`. */
  {
    name: 'concernFollowers',
    indexes: [
      { name: 'concern', keys: { concernId: 1, at: -1 } },
      { name: 'person', keys: { personId: 1, at: -1 } },
    ],
  },
  /** Per compound: escalation days and the 议事 threshold (_id = compoundId). */
  { name: 'concernSettings', indexes: [] },
  {
    name: 'topics',
    indexes: [
      { name: 'compound_stage', keys: { compoundId: 1, stage: 1, createdAt: -1 } },
      { name: 'compound_created', keys: { compoundId: 1, createdAt: -1 } },
      { name: 'compound_period', keys: { compoundId: 1, period: 1 } },
      { name: 'media_trace', keys: { mediaTraceIds: 1 } },
    ],
  },
  /** One thread per home per topic (_id `${topicId}_${homeId}`): edited, never repeated. */
  {
    name: 'topicComments',
    indexes: [{ name: 'topic', keys: { topicId: 1, updatedAt: -1 } }],
  },
]);
