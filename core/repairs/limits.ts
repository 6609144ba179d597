/** Field limits of repairs, read by the contract's schemas and by the forms. */
export const REPAIR_LIMITS = {
  description: 500,
  place: 40,
  /** The caller's name as the property typed it when logging on a resident's behalf (a note, not an account). */
  contactName: 20,
  note: 200,
  comment: 200,
  photos: 9,
  /** Photos on one transition (before / after). */
  stepPhotos: 9,
  /** A reopened repair can be reopened this many times; after that the manager follows up in person. */
  reopens: 3,
  /** Yuan amounts people type: up to 1,000,000.00 元 per line. */
  maxCostFen: 100_000_000,
  /** Followers listed on a repair (the count is always given). */
  followersShown: 20,
  /** Open common-area repairs on the board. */
  board: 50,
} as const;

/** Ratings: whole stars 1–5. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** Done but not confirmed: closes itself after this many days. */
export const AUTO_CLOSE_DAYS = 7;
/** A resident may urge (催单) again this long after the last urge. */
export const URGE_INTERVAL_HOURS = 12;
