/**
 * 亮身份 (PIPL art. 25): being shown as 党员 to residents is the member's own separate
 * consent, off by default and withdrawable at any time. Features store a `partyBadge`
 * flag when something is written (a notice, a sign-up, hours), but a withdrawal must
 * take effect on everything already written, so every read that shows the badge asks
 * here for the person's consent as it is now.
 */
import { people, type PersonDoc } from './directory';
import type { Database } from './database';

/** THE rule: a party member who has consented, now. */
export const shownAsParty = (p: Pick<PersonDoc, 'partyMember' | 'showPartyBadge'> | null | undefined): boolean =>
  !!p?.partyMember && !!p.showPartyBadge;

/**
 * Of these people, the ones who may be shown as 党员 now (one indexed read by ids). `known`:
 * person documents this call has read already (the caller's own): not read again.
 */
export async function partyShown(db: Database, personIds: string[], known: (PersonDoc | null)[] = []): Promise<Set<string>> {
  const ids = [...new Set(personIds.filter(Boolean))];
  if (!ids.length) return new Set();
  const have = new Map(known.flatMap((p) => (p ? [[p._id, p] as const] : [])));
  const missing = ids.filter((id) => !have.has(id));
  const found = missing.length ? await people(db).byIds(missing) : new Map<string, PersonDoc>();
  return new Set(ids.filter((id) => shownAsParty(have.get(id) ?? found.get(id))));
}
