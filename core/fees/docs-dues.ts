/**
 * Document shapes of the arrears follow-up (fees): the committee members' published
 * six-monthly payment list, and the marks that keep a home (and a person) from being
 * reminded of arrears more than once in 7 days. Types only.
 */
import type { DuesState } from './dues';

/** A committee member as the list froze them. */
export interface DuesMemberEntry {
  personId: string;
  name: string;
  roleLabel: string;
  homes: { homeId: string; label: string }[];
  state: DuesState;
  months: number;
  owingFen: number;
  bills: number;
  label: string;
}

/** `committeeDues`: _id `${compoundId}_${half}`, written once when the committee publishes. */
export interface CommitteeDuesDoc {
  _id: string;
  compoundId: string;
  communityId: string;
  compoundName: string;
  half: string;
  periods: string[];
  members: DuesMemberEntry[];
  publishedBy: string;
  publishedByName: string;
  publishedAt: Date;
}

/**
 * The last arrears reminder of a home (`h_<homeId>`) or a person (`p_<personId>`), in
 * `feeReminders` (_id = the key): claimed by one reminder job at a time, read by id.
 */
export interface RemindMarkDoc {
  _id: string;
  key: string;
  /** When the reminder job claimed it (the 7 days run from here). */
  at: Date;
  /** The reminder job that holds it. */
  byJob: string;
  compoundId: string;
}
