/**
 * Binding a person to a home by a request a building lead (or the committee)
 * decides. Nobody decides their own request; an owner whose name is not on the
 * property register needs two different approvers. Decisions run in a transaction
 * so a request is never approved twice or approved after it was cancelled.
 *
 * Duplicates are settled by ids, not by reads: the n-th request of a person for a
 * home has the id `${personId}_${homeId}_${n}` (parallel copies collide), and each
 * open request holds one of MAX_PENDING_REQUESTS slot documents `${personId}_${slot}`
 * (parallel requests for many homes cannot exceed the cap).
 */
import type { BindRequestView } from '../../core/accounts/contract';
import { MAX_PENDING_REQUESTS } from '../../core/accounts/limits';
import { approvalsNeeded, registerNamesView } from '../../core/accounts/rules';
import { roomSortKey } from '../../core/platform/text';
import { assertCan, scopesOf } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor, Relation } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import type { Command, Database } from '../_shared/database';
import { decodeCursor, pageOf } from '../_shared/db';
import { transaction } from '../_shared/repo';
import { homes, memberships, membershipId, people, requirePerson, targetOf, type MembershipDoc } from '../_shared/directory';
import { bindRequests, pendingSlots, type BindRequestDoc } from './docs';
import { requestView } from './views';
import { ensurePerson } from './people';

/** Natural order of rooms across buildings: "txsj-b3" + unit + number, digit runs padded. */
export function requestRoomKey(home: { buildingId: string; unit: string; number: string }): string {
  return roomSortKey(`${home.buildingId}!${home.unit}`, home.number);
}

/** A slot whose request never appeared is reclaimed after this long (its caller died between the two writes). */
const ORPHAN_SLOT_MS = 60_000;

/** The query for pending requests an actor may decide (not their own, not ones they already approved), or null. */
export function approverQuery(_: Command, actor: Pick<Actor, 'roles' | 'personId'>) {
  const s = scopesOf(actor, 'binding.decide');
  const ors: object[] = [];
  if (s.compoundIds.length) ors.push({ compoundId: _.in(s.compoundIds) });
  if (s.buildingIds.length) ors.push({ buildingId: _.in(s.buildingIds) });
  if (!ors.length) return null;
  const mine = actor.personId ? [{ personId: _.neq(actor.personId) }, { approvals: _.nin([actor.personId]) }] : [];
  return _.and([{ status: 'pending' }, ors.length === 1 ? ors[0] : _.or(ors), ...mine]);
}

export async function activeMembership(db: Database, personId: string, homeId: string) {
  return memberships(db).first({ personId, homeId, status: 'active' });
}

/** Take a free pending slot for `requestId`, or null when the person has MAX_PENDING_REQUESTS open. */
async function takeSlot(ctx: Ctx, personId: string, requestId: string): Promise<number | null> {
  const slots = pendingSlots(ctx.db);
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < MAX_PENDING_REQUESTS; i++) {
      try {
        await slots.add({ _id: `${personId}_${i}`, personId, requestId, createdAt: ctx.now });
        return i;
      } catch {
        // taken
      }
    }
    if (round === 1 || !(await reclaimSlots(ctx, personId))) return null;
  }
  return null;
}

/** Free slots whose request is no longer pending (or never appeared); resolves with whether any was freed. */
async function reclaimSlots(ctx: Ctx, personId: string): Promise<boolean> {
  const ids = Array.from({ length: MAX_PENDING_REQUESTS }, (_, i) => `${personId}_${i}`);
  const slots = [...(await pendingSlots(ctx.db).byIds(ids)).values()];
  const reqs = await bindRequests(ctx.db).byIds(slots.map((s) => s.requestId));
  let freed = false;
  for (const s of slots) {
    const r = reqs.get(s.requestId);
    const stale = r ? r.status !== 'pending' : ctx.now.getTime() - new Date(s.createdAt).getTime() > ORPHAN_SLOT_MS;
    if (stale && (await releaseSlot(ctx.db, s._id, s.requestId))) freed = true;
  }
  return freed;
}

/** Remove the slot only if it still belongs to this request (another request may have taken it since). */
async function releaseSlot(db: Database, slotId: string, requestId: string): Promise<boolean> {
  const res = await pendingSlots(db).col().where({ _id: slotId, requestId }).remove();
  return res.stats.removed > 0;
}

function releaseSlotOf(db: Database, r: Pick<BindRequestDoc, '_id' | 'personId' | 'slot'>) {
  return r.slot === undefined ? Promise.resolve(false) : releaseSlot(db, `${r.personId}_${r.slot}`, r._id);
}

export async function requestBinding(
  ctx: Ctx,
  input: {
    clientRequestId: string;
    homeId: string;
    relation: Relation;
    name: string;
    phone?: string;
    note?: string;
    contactLead?: boolean;
  },
): Promise<BindRequestView> {
  const home = await homes(ctx.db).must(input.homeId);
  const person = await ensurePerson(ctx, input.name, input.phone);
  // 愿意楼栋长联系我 is the person's choice (changeable on 我的); the request's phone is what the lead calls.
  if (input.contactLead !== undefined && input.contactLead !== !!person.contactLead) {
    await people(ctx.db).patch(person._id, {
      contactLead: input.contactLead,
      ...(input.contactLead && input.phone && !person.phone ? { phone: input.phone } : {}),
    });
  }
  const requests = bindRequests(ctx.db);
  // A retry of a call that already made its request answers that request.
  const retried = async () => {
    const prior = await requests.first({ personId: person._id, clientRequestId: input.clientRequestId });
    return prior ? requestView(prior, prior.homeId === home._id ? home : await homes(ctx.db).must(prior.homeId), true) : null;
  };
  const prior = await retried();
  if (prior) return prior;
  if (await activeMembership(ctx.db, person._id, home._id)) throw new AppError('ALREADY_BOUND');
  if (await requests.first({ personId: person._id, homeId: home._id, status: 'pending' })) throw new AppError('ALREADY_REQUESTED');
  const n = await requests.count({ personId: person._id, homeId: home._id });
  const id = `${person._id}_${home._id}_${n}`;
  const slot = await takeSlot(ctx, person._id, id);
  if (slot === null) throw new AppError('TOO_MANY_PENDING', `待审核的申请最多${MAX_PENDING_REQUESTS}个，请等已有申请处理后再提交`);
  const doc: BindRequestDoc = {
    _id: id,
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
    clientRequestId: input.clientRequestId,
    roomKey: requestRoomKey(home),
    slot,
    approvals: [],
    createdAt: ctx.now,
  };
  try {
    await requests.add(doc);
  } catch (e) {
    // The same request made in parallel: one of them wrote it.
    await releaseSlot(ctx.db, `${person._id}_${slot}`, id);
    const again = await retried();
    if (again) return again;
    if (await requests.get(id)) throw new AppError('ALREADY_REQUESTED');
    throw e;
  }
  return requestView(doc, home, true);
}

export async function cancelRequest(ctx: Ctx, input: { requestId: string }): Promise<BindRequestView> {
  const person = await requirePerson(ctx.db, await ctx.actor());
  const req = await bindRequests(ctx.db).get(input.requestId);
  if (!req || req.personId !== person._id) throw new AppError('NOT_FOUND');
  if (req.status !== 'pending') throw new AppError('ALREADY_DECIDED');
  const updated = await bindRequests(ctx.db).patchWhere({ _id: req._id, status: 'pending' }, { status: 'cancelled', decidedAt: ctx.now });
  if (!updated) throw new AppError('ALREADY_DECIDED');
  await releaseSlotOf(ctx.db, req);
  const home = await homes(ctx.db).must(req.homeId);
  return requestView({ ...req, status: 'cancelled', decidedAt: ctx.now }, home, true);
}

export async function pendingForMe(ctx: Ctx, input: { cursor?: string; size: number }) {
  const actor = await ctx.actor();
  const query = approverQuery(ctx.db.command, actor);
  if (!query) throw new AppError('FORBIDDEN');
  const offset = decodeCursor(input.cursor);
  // Rooms in natural order (3栋1单元101 before 3栋1单元1001, 9栋 before 10栋), then oldest first.
  const reqs = await bindRequests(ctx.db).find(query, {
    orderBy: [
      ['roomKey', 'asc'],
      ['createdAt', 'asc'],
    ],
    skip: offset,
    limit: input.size + 1,
  });
  const [byId, applicants] = await Promise.all([
    homes(ctx.db).byIds(reqs.map((r) => r.homeId)),
    people(ctx.db).byIds(reqs.map((r) => r.personId)),
  ]);
  const views = reqs
    .filter((r) => byId.has(r.homeId))
    .map((r) => requestView(r, byId.get(r.homeId)!, false, applicants.get(r.personId), registerNamesView(actor, targetOf(r))));
  return pageOf(views, offset, input.size);
}

export async function decideRequest(ctx: Ctx, input: { requestId: string; approve: boolean; reason?: string }): Promise<BindRequestView> {
  const actor = await ctx.actor();
  const req = await bindRequests(ctx.db).must(input.requestId);
  assertCan(actor, 'binding.decide', targetOf(req));
  const me = actor.personId!;
  // Separation of duties: an approver never decides their own request.
  if (req.personId === me) throw new AppError('SELF_DECISION', '不能审批自己的申请');
  const home = await homes(ctx.db).must(req.homeId);
  const needed = approvalsNeeded(
    req.relation,
    req.name,
    home.registeredOwners.map((o) => o.name),
  );
  const decided = await transaction(ctx.db, async (tx) => {
    const current = await bindRequests(ctx.db).in(tx).must(req._id);
    if (current.status !== 'pending') throw new AppError('ALREADY_DECIDED');
    const approvals = current.approvals ?? [];
    if (!input.approve) {
      const patch = { status: 'rejected' as const, decidedAt: ctx.now, decidedBy: me, ...(input.reason ? { reason: input.reason } : {}) };
      await bindRequests(ctx.db).in(tx).patch(req._id, patch);
      return { ...current, ...patch };
    }
    if (approvals.includes(me)) throw new AppError('ALREADY_DECIDED', '您已同意过该申请，还需另一位审批人同意');
    const next = [...approvals, me];
    if (next.length < needed) {
      await bindRequests(ctx.db).in(tx).patch(req._id, { approvals: next });
      return { ...current, approvals: next };
    }
    const patch = { status: 'approved' as const, approvals: next, decidedAt: ctx.now, decidedBy: me };
    await bindRequests(ctx.db).in(tx).patch(req._id, patch);
    const m: Omit<MembershipDoc, '_id'> = {
      personId: current.personId,
      homeId: current.homeId,
      buildingId: current.buildingId,
      compoundId: current.compoundId,
      communityId: current.communityId,
      relation: current.relation,
      status: 'active',
      via: 'request',
      createdAt: ctx.now,
    };
    await memberships(ctx.db).in(tx).put(membershipId(current.personId, current.homeId), m);
    return { ...current, ...patch };
  });
  if (decided.status !== 'pending') await releaseSlotOf(ctx.db, decided);
  return requestView(
    decided,
    home,
    false,
    (await people(ctx.db).get(decided.personId)) ?? undefined,
    registerNamesView(actor, targetOf(decided)),
  );
}

export async function leaveHome(ctx: Ctx, input: { homeId: string }) {
  const person = await requirePerson(ctx.db, await ctx.actor());
  const left = await memberships(ctx.db).patchWhere({ personId: person._id, homeId: input.homeId, status: 'active' }, { status: 'left' });
  if (!left) throw new AppError('NOT_FOUND', '您没有绑定该房屋');
  return { homeId: input.homeId };
}
