/**
 * Field limits of accounts, stated once: the contract's zod schemas and the
 * client's forms both read them (the client imports only these constants and
 * patterns, never zod).
 */
export const ACCOUNT_LIMITS = {
  /** 真实姓名: at least 2 characters (a single "a" is not a name). */
  nameMin: 2,
  nameMax: 20,
  note: 100,
  reason: 100,
  unit: 20,
  search: 20,
} as const;

/** Mainland mobile numbers (the shared pattern). */
export { MOBILE_PATTERN as PHONE_PATTERN } from '../platform/patterns';
/** Invite codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L). */
export const INVITE_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 10;
export const INVITE_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/;

/** Pending bind requests one person may have open at once. */
export const MAX_PENDING_REQUESTS = 5;
/** Invite codes stay valid this long. */
export const INVITE_DAYS = 7;
const MINUTE = 60_000;
/** Wrong invite codes: per person, and across everyone (a code's compound is unknown until it is found). */
export const REDEEM_LIMITS = {
  perPerson: { max: 10, windowMs: 15 * MINUTE },
  overall: { max: 200, windowMs: 15 * MINUTE },
} as const;
/** Roster import: rows per file, row errors shown (the total is always given), rows per job batch. */
export const IMPORT_LIMITS = { maxRows: 100_000, errorsShown: 100, batchSize: 200 } as const;
