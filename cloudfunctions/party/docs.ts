/** Documents of the party branch. */
import type { BookCategory, SelectionKind, VisitMode, VisitTopic } from '../../core/party/rules';
import { repository } from '../_shared/repo';

/**
 * _id `${compoundId}_${personId}` for a bound member; `${compoundId}_n…` (from the
 * secretary's request id) for one kept by name only. An ended membership stays
 * (active false): its counts in partyVisitMonths keep their name.
 */
export interface PartyMemberDoc {
  _id: string;
  communityId: string;
  compoundId: string;
  /** null: a member who does not use the app, kept by name only (no phone, no home). */
  personId: string | null;
  name: string;
  /** 支部委员 (the secretary is one): a second one approves the branch's expenses. */
  committee: boolean;
  /** 书记 / 委员 / 党员, as the structure page shows it. */
  duty: string;
  sortKey: string;
  joinedAt: Date;
  active: boolean;
  endedAt: Date | null;
  endedBy?: string | null;
  /** Earlier spells on this roster (ended, then added again). */
  history?: { joinedAt: Date; endedAt: Date }[];
  /** The add request that created it (a retry returns it). */
  clientRequestId?: string;
}
/** _id = homeId. */
export interface AssignmentDoc {
  _id: string;
  compoundId: string;
  buildingId: string;
  homeLabel: string;
  sortKey: string;
  memberId: string;
  memberName: string;
  lastVisitAt: Date | null;
  assignedAt: Date;
  assignedBy: string;
}
export interface VisitDoc {
  _id: string;
  clientRequestId: string;
  communityId: string;
  compoundId: string;
  buildingId: string;
  homeId: string;
  homeLabel: string;
  memberId: string;
  memberName: string;
  date: string;
  period: string;
  mode: VisitMode;
  topics: VisitTopic[];
  note: string | null;
  followUp: boolean;
  /** 需要跟进 and no concern yet: the task list reads it from the `followup` index. */
  followUpOpen: boolean;
  concernId: string | null;
  /** A year after the visit: the `retention` timer deletes it (the month's count stays). */
  deleteAt: Date;
  createdAt: Date;
}
/** _id `${compoundId}_${period}_${memberId}`. */
export interface VisitMonthDoc {
  _id: string;
  compoundId: string;
  period: string;
  memberId: string;
  memberName: string;
  visits: number;
  followUps: number;
}
export interface SelectionDoc {
  _id: string;
  clientRequestId: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  kind: SelectionKind;
  title: string;
  rules: string;
  places: number;
  nominateUntil: Date;
  voteUntil: Date;
  publishedAt: Date | null;
  /** Filled at publishing: the winners' homeIds in order. */
  winners: string[];
  createdBy: string;
  createdAt: Date;
}
/** _id `${selectionId}_${homeId}`. */
export interface NomineeDoc {
  _id: string;
  selectionId: string;
  compoundId: string;
  homeId: string;
  homeLabel: string;
  sortKey: string;
  reason: string;
  nominatedByHome: string;
  nominatedBy: string;
  accepted: boolean;
  declined: boolean;
  shownAs: string | null;
  votes: number;
  createdAt: Date;
}
/** _id `${selectionId}_${voterHomeId}`. */
export interface BallotDoc {
  _id: string;
  selectionId: string;
  voterHomeId: string;
  nomineeHomeId: string;
  castBy: string;
  castAt: Date;
}
/** One entry of the branch's book, chained (core/fees/ledger.ts chainNext) in its own chain. */
export interface PartyEntryDoc {
  _id: string;
  /** The compound the branch belongs to (queries); the chain names `party:<compoundId>`. */
  compoundId: string;
  chainId: string;
  seq: number;
  period: string;
  kind: 'income' | 'expense';
  category: BookCategory;
  fund: 'party';
  amountFen: number;
  memo: string;
  sourceKey: string;
  reverses: null;
  receipts: string[];
  at: string;
  prevHash: string;
  hash: string;
  bookedBy: string;
  approvedBy: string | null;
}
/** _id = compoundId. */
export interface PartyBookDoc {
  _id: string;
  seq: number;
  hash: string;
  balanceFen: number;
  incomeFen: number;
  expenseFen: number;
}
export interface ExpenseDoc {
  _id: string;
  compoundId: string;
  category: BookCategory;
  amountFen: number;
  memo: string;
  receipts: string[];
  proposedBy: string;
  proposedByName: string;
  status: 'pending' | 'approved' | 'refused';
  decidedBy: string | null;
  createdAt: Date;
}

export const partyMembers = repository<PartyMemberDoc>('partyMembers');
export const assignments = repository<AssignmentDoc>('partyAssignments');
export const visits = repository<VisitDoc>('partyVisits');
export const visitMonths = repository<VisitMonthDoc>('partyVisitMonths');
export const selections = repository<SelectionDoc>('partySelections');
export const nominees = repository<NomineeDoc>('partyNominees');
export const ballots = repository<BallotDoc>('partyBallots');
export const partyLedger = repository<PartyEntryDoc>('partyLedger');
export const partyBooks = repository<PartyBookDoc>('partyBooks');
export const expenses = repository<ExpenseDoc>('partyExpenses');
