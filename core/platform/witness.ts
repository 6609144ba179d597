/**
 * The short code printed wherever a ledger chain head is witnessed (a receipt, a
 * statement, a notice): the first 8 hex digits of its hash, as "3F2A-9C01". Someone
 * who rewrote the chain would have to match it on every copy residents hold.
 */
export function witnessCode(hash: string): string {
  const h = hash.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${h.slice(0, 4)}-${h.slice(4)}`;
}
