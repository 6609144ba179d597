/**
 * Field limits of onboarding (day one of a compound), stated once: the contract's
 * schemas, the setup script and the client's forms read them.
 */
/** Claim codes: 12 characters without look-alikes (0/O, 1/I/L); 31^12 ≈ 7.9·10^17. */
export const CLAIM_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CLAIM_CODE_LENGTH = 12;
export const CLAIM_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{12}$/;
/** A claim code works once, for this long after setup printed it. */
export const CLAIM_HOURS = 24;
const MINUTE = 60_000;
/** Wrong claim codes: per person, and across everyone (a guess names no compound). */
export const CLAIM_LIMITS = {
  perPerson: { max: 5, windowMs: 15 * MINUTE },
  overall: { max: 50, windowMs: 15 * MINUTE },
} as const;
/** The roles a claim code can carry: the committee's first member, or the community worker. */
export const CLAIM_ROLES = ['committeeMember', 'communityAdmin'] as const;
export type ClaimRole = (typeof CLAIM_ROLES)[number];

/** The setup file: compounds and buildings per file, units per building, names. */
export const SETUP_LIMITS = { compounds: 20, buildings: 200, units: 20, name: 40, address: 80 } as const;
