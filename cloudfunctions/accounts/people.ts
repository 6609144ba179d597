import type { Ctx } from '../_shared/router';
import { ensurePersonByOpenid, people, type PersonDoc } from '../_shared/directory';

/** The caller's person record, found by OPENID (null before they first give a name). */
export async function findPerson(ctx: Ctx): Promise<PersonDoc | null> {
  return ctx.openid ? people(ctx.db).first({ openid: ctx.openid }) : null;
}

/** A person's profile is created the first time they give a name (binding or profile). */
export async function ensurePerson(ctx: Ctx, name: string, phone?: string): Promise<PersonDoc> {
  return ensurePersonByOpenid(ctx.db, ctx.openid, name, ctx.now, phone);
}
