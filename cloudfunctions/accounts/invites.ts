/**
 * Invite codes: a lead or the committee issues one for a home; the person it is
 * for types it in to bind. Codes come from node:crypto (31^10 ≈ 8·10^14), every
 * wrong code counts against the guesser and against everyone (the code's compound
 * is unknown until it is found), and while either count is over its limit even a
 * right code is refused, so the reply is no oracle. Nobody redeems an invite they
 * issued themselves.
 */
import { randomInt } from 'node:crypto';
import type { InviteView, MyHome, RedeemResult, RoleView } from '../../core/accounts/contract';
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH, INVITE_DAYS, REDEEM_LIMITS } from '../../core/accounts/limits';
import { assertCan, canAnywhere } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Relation } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import { decodeCursor, iso, pageOf } from '../_shared/db';
import { transaction } from '../_shared/repo';
import { limiter } from '../_shared/attempts';
import {
  compounds,
  homes,
  memberships,
  membershipId,
  roles,
  targetOf,
  type MembershipDoc,
  type PersonDoc,
  type RoleDoc,
} from '../_shared/directory';
import { invites, type InviteDoc } from './docs';
import { inviteScope } from './scopes';
import { homeView, inviteView, roleView } from './views';
import { ensurePerson, findPerson } from './people';
import { activeMembership } from './binding';

export function newInviteCode(): string {
  let s = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) s += INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)];
  return s;
}

export async function createInvite(ctx: Ctx, input: { clientRequestId: string; homeId: string; relation: Relation }): Promise<InviteView> {
  const actor = await ctx.actor();
  const home = await homes(ctx.db).must(input.homeId);
  assertCan(actor, 'invite.create', targetOf(home));
  const id = `${actor.personId}_${input.clientRequestId}`;
  // A retry of a call that already made its invite answers that invite.
  const answer = async (doc: InviteDoc) =>
    inviteView(doc, doc.homeId === home._id ? home : doc.homeId ? ((await homes(ctx.db).get(doc.homeId)) ?? undefined) : undefined);
  const prior = await invites(ctx.db).get(id);
  if (prior) return answer(prior);
  const expiresAt = new Date(ctx.now.getTime() + INVITE_DAYS * 24 * 3600 * 1000);
  // A clash with an existing code is all but impossible; the unique index catches it and we draw again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc: InviteDoc = {
      _id: id,
      code: newInviteCode(),
      kind: 'home',
      homeId: home._id,
      relation: input.relation,
      state: 'active',
      createdBy: actor.personId!,
      createdAt: ctx.now,
      expiresAt,
    };
    try {
      await invites(ctx.db).add(doc);
      return inviteView(doc, home);
    } catch (e) {
      const again = await invites(ctx.db).get(id);
      if (again) return answer(again); // the same call in parallel
      if (attempt === 4) throw e;
    }
  }
  throw new AppError('INTERNAL');
}

/**
 * A staff invite: the property manager (or the committee) adds 物业员工 who do not
 * live in the compound. One-time, expiring, from the same crypto codes and attempt
 * limiter as home invites; redeeming it grants `staff` for the compound.
 */
export async function createStaffInvite(ctx: Ctx, input: { clientRequestId: string; compoundId: string }): Promise<InviteView> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).must(input.compoundId);
  assertCan(actor, 'role.grant.staff', { communityId: compound.communityId, compoundId: compound._id });
  const id = `${actor.personId}_${input.clientRequestId}`;
  const prior = await invites(ctx.db).get(id);
  if (prior) return inviteView(prior, undefined, compound.name);
  const expiresAt = new Date(ctx.now.getTime() + INVITE_DAYS * 24 * 3600 * 1000);
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc: InviteDoc = {
      _id: id,
      code: newInviteCode(),
      kind: 'staff',
      compoundId: compound._id,
      state: 'active',
      createdBy: actor.personId!,
      createdAt: ctx.now,
      expiresAt,
    };
    try {
      await invites(ctx.db).add(doc);
      return inviteView(doc, undefined, compound.name);
    } catch (e) {
      const again = await invites(ctx.db).get(id);
      if (again) return inviteView(again, undefined, compound.name);
      if (attempt === 4) throw e;
    }
  }
  throw new AppError('INTERNAL');
}

/** Only people who may issue invites (home or staff) have invites to list or revoke. */
function assertIssuer(actor: Parameters<typeof canAnywhere>[0]) {
  if (!canAnywhere(actor, 'invite.create') && !canAnywhere(actor, 'role.grant.staff')) throw new AppError('FORBIDDEN');
}

export async function listInvites(ctx: Ctx, input: { cursor?: string; size: number }) {
  const actor = await ctx.actor();
  assertIssuer(actor);
  const offset = decodeCursor(input.cursor);
  const _ = ctx.db.command;
  const mine = await invites(ctx.db).find(
    { createdBy: actor.personId, state: 'active', expiresAt: _.gt(ctx.now) },
    { orderBy: [['createdAt', 'desc']], skip: offset, limit: input.size + 1 },
  );
  const byId = await homes(ctx.db).byIds(mine.flatMap((i) => (i.homeId ? [i.homeId] : [])));
  const staffCompounds = await compounds(ctx.db).byIds(mine.flatMap((i) => (i.kind === 'staff' && i.compoundId ? [i.compoundId] : [])));
  const views = mine.flatMap((i) => {
    if (i.kind === 'staff') return [inviteView(i, undefined, staffCompounds.get(i.compoundId ?? '')?.name ?? '')];
    const home = i.homeId ? byId.get(i.homeId) : undefined;
    return home ? [inviteView(i, home)] : [];
  });
  // The first page carries where codes may be issued (the page's picker), so the page makes one call.
  return { ...pageOf(views, offset, input.size), ...(input.cursor ? {} : { scope: await inviteScope(ctx, actor) }) };
}

export async function revokeInvite(ctx: Ctx, input: { inviteId: string }) {
  const actor = await ctx.actor();
  assertIssuer(actor);
  const invite = await invites(ctx.db).get(input.inviteId);
  // Someone else's invite does not exist for you.
  if (!invite || invite.createdBy !== actor.personId) throw new AppError('NOT_FOUND');
  const revoked = await invites(ctx.db).patchWhere({ _id: invite._id, state: 'active' }, { state: 'revoked', revokedAt: ctx.now });
  if (!revoked) throw new AppError('INVITE_INVALID', '该邀请码已使用或已撤销');
  return { id: invite._id };
}

/** binding.redeem: home invites only (a staff code is no home's code). */
export async function redeemInvite(ctx: Ctx, input: { code: string; name: string }): Promise<MyHome> {
  const r = await redeemAny(ctx, input, 'home');
  if (r.kind !== 'home') throw new AppError('INVITE_INVALID');
  return r.home;
}

/** invite.redeem: any invite code, home or staff. */
export async function redeemInviteAny(ctx: Ctx, input: { code: string; name: string }): Promise<RedeemResult> {
  return redeemAny(ctx, input, null);
}

async function redeemAny(ctx: Ctx, input: { code: string; name: string }, only: 'home' | null): Promise<RedeemResult> {
  const attempts = limiter(ctx.db, ctx.now, [
    [`invite:person:${ctx.openid}`, REDEEM_LIMITS.perPerson],
    ['invite:any', REDEEM_LIMITS.overall],
  ]);
  // Before the code is even looked up: a locked-out guesser learns nothing, right code or not.
  await attempts.check();
  const invite = await invites(ctx.db).first({ code: input.code.toUpperCase() });
  const kind = invite?.kind ?? 'home';
  if (!invite || invite.state !== 'active' || new Date(invite.expiresAt).getTime() < ctx.now.getTime() || (only && kind !== only)) {
    await attempts.fail();
    throw new AppError('INVITE_INVALID');
  }
  const existing = await findPerson(ctx);
  if (existing && invite.createdBy === existing._id) throw new AppError('SELF_DECISION', '不能使用自己发出的邀请码');
  if (kind === 'staff') return { kind: 'staff', role: await redeemStaff(ctx, invite, existing ?? (await ensurePerson(ctx, input.name))) };
  const home = await homes(ctx.db).must(invite.homeId ?? '');
  const relation = invite.relation ?? 'owner';
  const person = existing ?? (await ensurePerson(ctx, input.name));
  if (await activeMembership(ctx.db, person._id, home._id)) throw new AppError('ALREADY_BOUND');
  await transaction(ctx.db, async (tx) => {
    const current = await invites(ctx.db).in(tx).get(invite._id);
    if (!current || current.state !== 'active') throw new AppError('INVITE_INVALID');
    await invites(ctx.db).in(tx).patch(invite._id, { state: 'used', usedBy: person._id, usedAt: ctx.now });
    const m: Omit<MembershipDoc, '_id'> = {
      personId: person._id,
      homeId: home._id,
      buildingId: home.buildingId,
      compoundId: home.compoundId,
      communityId: home.communityId,
      relation,
      status: 'active',
      via: 'invite',
      createdAt: ctx.now,
    };
    await memberships(ctx.db).in(tx).put(membershipId(person._id, home._id), m);
  });
  return { kind: 'home', home: { ...homeView(home), relation, boundAt: iso(ctx.now) } };
}

/** A staff code: one `staff` grant for the compound, once (the role's id derives from the invite). */
async function redeemStaff(ctx: Ctx, invite: InviteDoc, person: PersonDoc): Promise<RoleView> {
  const compound = await compounds(ctx.db).must(invite.compoundId ?? '');
  const held = await roles(ctx.db).first({ personId: person._id, role: 'staff', compoundId: compound._id });
  if (held) throw new AppError('ALREADY_BOUND', '您已是该小区的物业员工');
  const roleId = `r-invite-${invite._id}`;
  const role: Omit<RoleDoc, '_id'> = {
    personId: person._id,
    role: 'staff',
    communityId: compound.communityId,
    compoundId: compound._id,
    grantedBy: invite.createdBy,
    createdAt: ctx.now,
  };
  await transaction(ctx.db, async (tx) => {
    const current = await invites(ctx.db).in(tx).get(invite._id);
    if (!current || current.state !== 'active') throw new AppError('INVITE_INVALID');
    await invites(ctx.db).in(tx).patch(invite._id, { state: 'used', usedBy: person._id, usedAt: ctx.now });
    await roles(ctx.db).in(tx).put(roleId, role);
  });
  return roleView({ _id: roleId, ...role }, new Map([[compound._id, compound]]), new Map());
}
