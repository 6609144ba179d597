import { AppError } from '../../core/platform/errors';
import type { Ctx } from '../_shared/router';
import type { PersonDoc } from '../_shared/directory';

export async function findPerson(ctx: Ctx): Promise<PersonDoc | null> {
  const res = await ctx.db.collection('people').where({ openid: ctx.openid }).limit(1).get();
  return (res.data[0] as PersonDoc) ?? null;
}

export async function requirePerson(ctx: Ctx): Promise<PersonDoc> {
  const p = await findPerson(ctx);
  if (!p) throw new AppError('NOT_REGISTERED');
  return p;
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
    const res = await ctx.db.collection('people').add({ data: doc });
    return { _id: String(res._id), ...doc };
  } catch (e) {
    const again = await findPerson(ctx);
    if (again) return again;
    throw e;
  }
}
