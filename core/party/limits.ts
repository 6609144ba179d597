/** The upload purpose of the branch book's receipts: u/<openid>/party/… */
export const PARTY_FILES = 'party';

/** Field limits of the party branch (包联、走访、评选、支部账本), read by the contract's schemas AND the forms. */
export const PARTY_LIMITS = {
  /** A visit's free note: short on purpose (PIPL art. 6), and never health, religion or identity documents (arts. 28–29). */
  visitNote: 60,
  /** Topic categories one visit may carry. */
  topics: 4,
  /** Visit notes are deleted after this many days by the daily `retention` timer; monthly counts stay. */
  noteRetentionDays: 365,
  /** A household not visited for this many days counts as 半年未走访 in the report. */
  staleDays: 183,
  /** A visit may be logged for a day up to this many days back (a member catching up), never ahead. */
  visitBackDays: 31,
  /** A room range is at most this many homes (a building is about 100). */
  assignMax: 300,
  selectionTitle: 30,
  selectionRules: 300,
  places: { min: 1, max: 20 },
  nominationReason: 100,
  /** Phases of a selection, in days. */
  nominateDays: { min: 1, max: 60 },
  voteDays: { min: 1, max: 60 },
  bookMemo: 60,
  /** One entry of the branch's book, in fen (100,000 元). */
  bookMaxFen: 10_000_000,
  /** The article: at least 3,000 元 to start a branch and at least 200 元 a month for its secretary. */
  startupMinFen: 300_000,
  allowanceMinFen: 20_000,
  receipts: 3,
  /** A member who does not use the app is kept by name only (no phone, no home): PIPL art. 6. */
  memberName: 10,
} as const;
