/** Collections of the party branch. Every per-user read is an indexed equality with a limit. */
import { defineCollections } from '../platform/collections';

export const PARTY_COLLECTIONS = defineCollections([
  /** The branch's roster: _id `${compoundId}_${personId}`; `committee` marks the 支委 (a second approver of expenses). */
  {
    name: 'partyMembers',
    indexes: [
      { name: 'compound', keys: { compoundId: 1, sortKey: 1 } },
      { name: 'person', keys: { personId: 1 } },
    ],
  },
  /** 包联: _id = homeId (one member per household); `lastVisitAt` feeds the 半年未走访 report. */
  {
    name: 'partyAssignments',
    indexes: [
      { name: 'member', keys: { memberId: 1, sortKey: 1 } },
      { name: 'building', keys: { buildingId: 1, sortKey: 1 } },
    ],
  },
  /** 走访: deleted a year after the visit by the daily `retention` timer (counts stay in partyVisitMonths). */
  {
    name: 'partyVisits',
    indexes: [
      { name: 'member', keys: { memberId: 1, date: -1 } },
      /** The community's 走访覆盖率: a compound's visits of the last six months (cloudfunctions/_shared/compound-figures.ts). */
      { name: 'compound_period', keys: { compoundId: 1, period: 1 } },
      /** Follow-ups still waiting for a concern (the secretary's and leads' task list). */
      { name: 'followup', keys: { compoundId: 1, followUpOpen: 1, date: -1 } },
      { name: 'expires', keys: { deleteAt: 1 } },
    ],
  },
  /** Visits per member per month: _id `${compoundId}_${period}_${memberId}`; outlives the notes. */
  { name: 'partyVisitMonths', indexes: [{ name: 'compound', keys: { compoundId: 1, period: -1 } }] },
  /** 好邻居 / 好家庭 selections. */
  { name: 'partySelections', indexes: [{ name: 'compound', keys: { compoundId: 1, createdAt: -1 } }] },
  /** Nominees: _id `${selectionId}_${homeId}` (a household is nominated once; the first reason stands). */
  { name: 'partyNominees', indexes: [{ name: 'selection', keys: { selectionId: 1, votes: -1 } }] },
  /** Ballots: _id `${selectionId}_${voterHomeId}`, so one home casts one vote however many calls race. */
  { name: 'partyBallots', indexes: [] },
  /** The branch's book: entries chained like the owners' ledger, in their own collection and chain. */
  { name: 'partyLedger', indexes: [{ name: 'compound', keys: { compoundId: 1, seq: -1 } }] },
  /** The book's head and balance per compound (_id = compoundId), moved in each entry's transaction. */
  { name: 'partyBooks', indexes: [] },
  /** Expenses waiting for a second 支委: _id from (proposer, clientRequestId). */
  { name: 'partyExpenses', indexes: [{ name: 'compound', keys: { compoundId: 1, status: 1, createdAt: -1 } }] },
]);
