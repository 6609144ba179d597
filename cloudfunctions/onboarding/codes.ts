/** Claim codes: drawn from node:crypto, stored only as a hash (setup prints the code once). */
import { createHash, randomInt } from 'node:crypto';
import { CLAIM_CODE_ALPHABET, CLAIM_CODE_LENGTH } from '../../core/onboarding/limits';

export function newClaimCode(): string {
  let s = '';
  for (let i = 0; i < CLAIM_CODE_LENGTH; i++) s += CLAIM_CODE_ALPHABET[randomInt(CLAIM_CODE_ALPHABET.length)];
  return s;
}

export const claimCodeHash = (code: string) => createHash('sha256').update(`jinlin-claim:${code.toUpperCase()}`).digest('hex');
