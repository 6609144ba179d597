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

/** Mainland mobile numbers. */
export const PHONE_PATTERN = /^1\d{10}$/;
/** Invite codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L). */
export const INVITE_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 10;
export const INVITE_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/;
