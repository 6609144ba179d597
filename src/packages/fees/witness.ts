/**
 * Receipts the resident holds, kept on the phone: each ledger entry a receipt
 * showed (sequence number and the chain head after it). 校验 sends them back so the
 * function checks the chain still has them — the copy outside the database is what
 * makes a rewritten-and-re-hashed ledger visible.
 */
import Taro from '@tarojs/taro';

const KEY = (compoundId: string) => `ledgerWitness:${compoundId}`;
/** The newest this many are kept (FEE_LIMITS.witnesses; one 校验 checks at most these). */
const KEEP = 200;

export interface HeldWitness {
  seq: number;
  hash: string;
}

export function heldWitnesses(compoundId: string): HeldWitness[] {
  try {
    const v = Taro.getStorageSync(KEY(compoundId));
    return Array.isArray(v) ? (v as HeldWitness[]).filter((w) => Number.isInteger(w?.seq) && typeof w?.hash === 'string') : [];
  } catch {
    return [];
  }
}

/** Keep these entries; the first copy of an entry stays (a later one could come from a rewritten ledger). */
export function keepWitnesses(compoundId: string, list: HeldWitness[]): void {
  if (!list.length) return;
  const held = heldWitnesses(compoundId);
  const seen = new Set(held.map((w) => w.seq));
  const next = [...held, ...list.filter((w) => !seen.has(w.seq)).map((w) => ({ seq: w.seq, hash: w.hash }))]
    .sort((a, b) => b.seq - a.seq)
    .slice(0, KEEP);
  try {
    Taro.setStorageSync(KEY(compoundId), next);
  } catch {
    /* storage full: the receipt still shows its code */
  }
}
