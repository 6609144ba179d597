/**
 * Binding a person to a home: by a request a building lead (or the committee)
 * decides, or by an invite code they issued. Decisions run in a transaction so a
 * request is never approved twice or approved after it was cancelled.
 */
import type { BindRequestView, MyHome } from '../../core/accounts/contract';
import { assertCan, scopesOf } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor, Relation, Target } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import type { Command, Database } from '../_shared/database';
import { decodeCursor, getByIds, iso, mustGet, pageOf, randomCode } from '../_shared/db';
import type { BindRequestDoc, InviteDoc } from './docs';
import type { HomeDoc, MembershipDoc } from '../_shared/directory';
import { homeView, requestView } from './views';
import { ensurePerson, requirePerson } from './people';

const INVITE_DAYS = 7;

export function targetOf(home: Pick<HomeDoc, 'communityId' | 'compoundId' | 'buildingId'>): Target {
  return { communityId: home.communityId, compoundId: home.compoundId, buildingId: home.buildingId };
}

export function membershipId(personId: string, homeId: string) {
  return `${personId}_${homeId}`;
}


/** The query for pending requests an actor may decide, or null when they may decide none. */
export function approverQuery(_: Command, actor: Pick<Actor, 'roles'>) {
  const s = scopesOf(actor, 'binding.decide');
  const ors: object[] = [];
  if (s.compoundIds.length) ors.push({ compoundId: _.in(s.compoundIds) });
  if (s.buildingIds.length) ors.push({ buildingId: _.in(s.buildingIds) });
  if (!ors.length) return null;
  return _.and([{ status: 'pending' }, ors.length === 1 ? ors[0] : _.or(ors)]);
}

async function activeMembership(db: Database, personId: string, homeId: string) {
  const res = await db.collection('memberships').where({ personId, homeId, status: 'active' }).limit(1).get();
  return res.data[0] as MembershipDoc | undefined;
}

export async function requestBinding(
  ctx: Ctx,
  input: { homeId: string; relation: Relation; name: string; phone?: string; note?: string },
): Promise<BindRequestView> {
  const home = await mustGet<HomeDoc>(ctx.db, 'homes', input.homeId);
  const person = await ensurePerson(ctx, input.name, input.phone);
  if (await activeMembership(ctx.db, person._id, home._id)) throw new AppError('ALREADY_BOUND');
  const dup = await ctx.db.collection('bindRequests').where({ personId: person._id, homeId: home._id, status: 'pending' }).limit(1).get();
  if (dup.data.length) throw new AppError('ALREADY_REQUESTED');
  const doc: Omit<BindRequestDoc, '_id'> = {
    personId: person._id,
    homeId: home._id,
    buildingId: home.buildingId,
    compoundId: home.compoundId,
    communityId: home.communityId,
    relation: input.relation,
    status: 'pending',
    name: input.name,
    ...(input.phone ? { phone: input.phone } : {}),
    ...(input.note ? { note: input.note } : {}),
    createdAt: ctx.now,
  };
  const res = await ctx.db.collection('bindRequests').add({ data: doc });
  return requestView({ _id: String(res._id), ...doc }, home, true);
}

export async function cancelRequest(ctx: Ctx, input: { requestId: string }): Promise<BindRequestView> {
  const person = await requirePerson(ctx);
  const req = await mustGet<BindRequestDoc>(ctx.db, 'bindRequests', input.requestId);
  if (req.personId !== person._id) throw new AppError('NOT_FOUND');
  if (req.status !== 'pending') throw new AppError('ALREADY_DECIDED');
  const updated = await ctx.db.collection('bindRequests').where({ _id: req._id, status: 'pending' }).update({ data: { status: 'cancelled', decidedAt: ctx.now } });
  if (!updated.stats.updated) throw new AppError('ALREADY_DECIDED');
  const home = await mustGet<HomeDoc>(ctx.db, 'homes', req.homeId);
  return requestView({ ...req, status: 'cancelled', decidedAt: ctx.now }, home, true);
}

export async function pendingForMe(ctx: Ctx, input: { cursor?: string; size: number }) {
  const actor = await ctx.actor();
  const query = approverQuery(ctx.db.command, actor);
  if (!query) throw new AppError('FORBIDDEN');
  const offset = decodeCursor(input.cursor);
  const res = await ctx.db.collection('bindRequests').where(query).orderBy('createdAt', 'asc').skip(offset).limit(input.size + 1).get();
  const reqs = res.data as BindRequestDoc[];
  const homes = await getByIds<HomeDoc>(ctx.db, 'homes', reqs.map((r) => r.homeId));
  const views = reqs.filter((r) => homes.has(r.homeId)).map((r) => requestView(r, homes.get(r.homeId)!, false));
  return pageOf(views, offset, input.size);
}

export async function decideRequest(ctx: Ctx, input: { requestId: string; approve: boolean; reason?: string }): Promise<BindRequestView> {
  const actor = await ctx.actor();
  const req = await mustGet<BindRequestDoc>(ctx.db, 'bindRequests', input.requestId);
  assertCan(actor, 'binding.decide', targetOf(req));
  const home = await mustGet<HomeDoc>(ctx.db, 'homes', req.homeId);
  const decided: BindRequestDoc = {
    ...req,
    status: input.approve ? 'approved' : 'rejected',
    decidedAt: ctx.now,
    decidedBy: actor.personId!,
    ...(input.reason ? { reason: input.reason } : {}),
  };
  await ctx.db.runTransaction(async (tx) => {
    const current = (await tx.collection('bindRequests').doc(req._id).get()).data as BindRequestDoc;
    if (current.status !== 'pending') throw new AppError('ALREADY_DECIDED');
    const { _id, ...patch } = decided;
    await tx.collection('bindRequests').doc(req._id).update({ data: { status: patch.status, decidedAt: patch.decidedAt, decidedBy: patch.decidedBy, ...(patch.reason ? { reason: patch.reason } : {}) } });
    if (input.approve) {
      const m: Omit<MembershipDoc, '_id'> = {
        personId: req.personId,
        homeId: req.homeId,
        buildingId: req.buildingId,
        compoundId: req.compoundId,
        communityId: req.communityId,
        relation: req.relation,
        status: 'active',
        via: 'request',
        createdAt: ctx.now,
      };
      await tx.collection('memberships').doc(membershipId(req.personId, req.homeId)).set({ data: m });
    }
  });
  return requestView(decided, home, false);
}

export async function redeemInvite(ctx: Ctx, input: { code: string; name: string }): Promise<MyHome> {
  const code = input.code.toUpperCase();
  const res = await ctx.db.collection('invites').where({ code }).limit(1).get();
  const invite = res.data[0] as InviteDoc | undefined;
  if (!invite || invite.usedBy || new Date(invite.expiresAt).getTime() < ctx.now.getTime()) throw new AppError('INVITE_INVALID');
  const home = await mustGet<HomeDoc>(ctx.db, 'homes', invite.homeId);
  const person = await ensurePerson(ctx, input.name);
  if (await activeMembership(ctx.db, person._id, home._id)) throw new AppError('ALREADY_BOUND');
  await ctx.db.runTransaction(async (tx) => {
    const current = (await tx.collection('invites').doc(invite._id).get()).data as InviteDoc;
    if (current.usedBy) throw new AppError('INVITE_INVALID');
    await tx.collection('invites').doc(invite._id).update({ data: { usedBy: person._id, usedAt: ctx.now } });
    const m: Omit<MembershipDoc, '_id'> = {
      personId: person._id,
      homeId: home._id,
      buildingId: home.buildingId,
      compoundId: home.compoundId,
      communityId: home.communityId,
      relation: invite.relation,
      status: 'active',
      via: 'invite',
      createdAt: ctx.now,
    };
    await tx.collection('memberships').doc(membershipId(person._id, home._id)).set({ data: m });
  });
  return { ...homeView(home), relation: invite.relation, boundAt: iso(ctx.now) };
}

export async function leaveHome(ctx: Ctx, input: { homeId: string }) {
  const person = await requirePerson(ctx);
  const res = await ctx.db.collection('memberships').where({ personId: person._id, homeId: input.homeId, status: 'active' }).update({ data: { status: 'left' } });
  if (!res.stats.updated) throw new AppError('NOT_FOUND', '您没有绑定该房屋');
  return { homeId: input.homeId };
}

export async function createInvite(ctx: Ctx, input: { homeId: string; relation: Relation }) {
  const actor = await ctx.actor();
  const home = await mustGet<HomeDoc>(ctx.db, 'homes', input.homeId);
  assertCan(actor, 'invite.create', targetOf(home));
  const expiresAt = new Date(ctx.now.getTime() + INVITE_DAYS * 24 * 3600 * 1000);
  // A clash with an existing code is rare (32^6); the unique index catches it and we draw again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = randomCode(6);
    try {
      await ctx.db.collection('invites').add({
        data: { code, homeId: home._id, relation: input.relation, createdBy: actor.personId!, createdAt: ctx.now, expiresAt } satisfies Omit<InviteDoc, '_id'>,
      });
      return { code, expiresAt: iso(expiresAt), home: homeView(home), relation: input.relation };
    } catch (e) {
      if (attempt === 4) throw e;
    }
  }
  throw new AppError('INTERNAL');
}
