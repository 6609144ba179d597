import type { Ctx } from '../_shared/router';
import { people, type PersonDoc } from '../_shared/directory';

/** The caller's person record, found by OPENID (null before they first give a name). */
export async function findPerson(ctx: Ctx): Promise<PersonDoc | null> {
  return ctx.openid ? people(ctx.db).first({ openid: ctx.openid }) : null;
}

/**
 * A person's profile is created the first time they give a name (binding or profile).
 * The unique openid index settles a race between two first calls.
 */
export async function ensurePerson(ctx: Ctx, name: string, phone?: string): Promise<PersonDoc> {
  const existing = await findPerson(ctx);
  if (existing) return existing;
  const doc: Omit<PersonDoc, '_id'> = {
    openid: ctx.openid,
    name,
    ...(phone ? { phone } : {}),
    partyMember: false,
    showPartyBadge: false,
    createdAt: ctx.now,
  };
  try {
    const id = await people(ctx.db).add(doc);
    return { _id: id, ...doc };
  } catch (e) {
    const again = await findPerson(ctx);
    if (again) return again;
    throw e;
  }
}
