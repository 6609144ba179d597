/**
 * 党员名册: the branch secretary keeps the roster. A member is a bound resident of the
 * compound (picked through accounts' people.search) or, for one who does not use the
 * app, a name only — no phone, no home, no identity number (PIPL art. 6: the roster
 * needs to know who they are, nothing more); such an entry counts on the structure
 * page but takes no households until it is linked to the person once they bind.
 * Ending a membership keeps the entry (active false, with its dates) so the monthly
 * counts keep their name; the member's households go back to the unassigned list and
 * their visit rights end with it. The person's `partyMember` flag (亮身份 may be given
 * only by a member) follows the roster.
 */
import type { RosterMember, RosterPage } from '../../core/party/contract';
import { isCommittee, rosterSortKey, type MemberDuty } from '../../core/party/rules';
import { assertCan } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import { RELATION_LABELS } from '../../core/platform/roles';
import { shanghaiDay } from '../../core/platform/period';
import { decodeCursor } from '../_shared/db';
import { homes, memberships, people } from '../_shared/directory';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { branchOf, idFor, memberId, targetOfCompound, type BranchCaller } from './common';
import { assignments, partyMembers, type PartyMemberDoc } from './docs';

type AddInput = { op: 'add'; clientRequestId: string; compoundId: string; personId?: string; name?: string; duty: MemberDuty };
type EditInput = { op: 'edit'; memberId: string; duty: MemberDuty; personId?: string };
type EndInput = { op: 'end'; memberId: string };

async function secretaryOf(ctx: Ctx, compoundId: string): Promise<BranchCaller> {
  const b = await branchOf(ctx, compoundId);
  assertCan(b.actor, 'party.manage', targetOfCompound(b.compound));
  return b;
}

const dayOf = (d: Date | string) => shanghaiDay(new Date(d));

async function views(ctx: Ctx, list: PartyMemberDoc[], me: string): Promise<RosterMember[]> {
  const bound = list.flatMap((m) => (m.personId ? [m.personId] : []));
  const _ = ctx.db.command;
  const [ms, counts] = await Promise.all([
    bound.length && list[0]
      ? memberships(ctx.db).find({ compoundId: list[0].compoundId, personId: _.in(bound), status: 'active' }, { limit: 200 })
      : Promise.resolve([]),
    Promise.all(list.map((m) => (m.personId && m.active ? assignments(ctx.db).count({ memberId: m.personId }) : Promise.resolve(0)))),
  ]);
  const hs = await homes(ctx.db).byIds(ms.map((m) => m.homeId));
  return list.map((m, i) => ({
    id: m._id,
    personId: m.personId,
    name: m.name,
    duty: m.duty as MemberDuty,
    committee: m.committee,
    bound: !!m.personId,
    homes: ms
      .filter((x) => x.personId === m.personId && hs.has(x.homeId))
      .map((x) => `${hs.get(x.homeId)!.label}（${RELATION_LABELS[x.relation]}）`),
    joinedAt: dayOf(m.joinedAt),
    endedAt: m.endedAt ? dayOf(m.endedAt) : null,
    households: counts[i],
    canChange: m.active && m.personId !== me,
  }));
}

export async function members(
  ctx: Ctx,
  input: { compoundId: string; status: 'active' | 'ended'; cursor?: string; size: number },
): Promise<RosterPage> {
  const b = await secretaryOf(ctx, input.compoundId);
  const offset = decodeCursor(input.cursor);
  const where = { compoundId: b.compound._id, active: input.status === 'active' };
  const [list, active] = await Promise.all([
    partyMembers(ctx.db).find(where, { orderBy: [['sortKey', 'asc']], skip: offset, limit: input.size + 1 }),
    partyMembers(ctx.db).count({ compoundId: b.compound._id, active: true }),
  ]);
  const more = list.length > input.size;
  return {
    compoundId: b.compound._id,
    compoundName: b.compound.name,
    status: input.status,
    active,
    items: await views(ctx, list.slice(0, input.size), b.person._id),
    ...(more ? { nextCursor: String(offset + input.size) } : {}),
  };
}

export async function saveMember(ctx: Ctx, input: AddInput | EditInput | EndInput): Promise<RosterMember> {
  if (input.op === 'add') return add(ctx, input);
  const m = await partyMembers(ctx.db).get(input.memberId);
  if (!m) throw new AppError('NOT_FOUND', '名册中没有这位党员');
  const b = await secretaryOf(ctx, m.compoundId);
  // Separation of duties: the secretary's own entry (their duty decides who approves their expenses) is kept by the community office's appointment, not by themselves.
  if (m.personId && m.personId === b.person._id) throw new AppError('SELF_DECISION', '不能修改或结束自己的党员记录');
  return input.op === 'edit' ? edit(ctx, b, m, input) : end(ctx, b, m);
}

/** A bound resident of this compound, who is on no other branch's roster now. */
async function residentToAdd(ctx: Ctx, b: BranchCaller, personId: string) {
  const [person, bound, elsewhere] = await Promise.all([
    people(ctx.db).get(personId),
    memberships(ctx.db).first({ personId, compoundId: b.compound._id, status: 'active' }),
    partyMembers(ctx.db).first({ personId, active: true }),
  ]);
  if (!person || !bound) throw new AppError('BAD_REQUEST', '只能添加本小区已绑定房屋的住户');
  if (elsewhere && elsewhere.compoundId !== b.compound._id)
    throw new AppError('BAD_REQUEST', '这位党员在另一个小区党支部的名册中，请先由原支部结束');
  return person;
}

async function add(ctx: Ctx, input: AddInput): Promise<RosterMember> {
  const b = await secretaryOf(ctx, input.compoundId);
  const c = b.compound;
  if (!input.personId) {
    // Name only: the id derives from the request, so a retry finds the first entry.
    const id = `${c._id}_n${idFor('', b.person._id, input.clientRequestId)}`;
    const name = input.name!;
    const doc: Omit<PartyMemberDoc, '_id'> = {
      communityId: c.communityId,
      compoundId: c._id,
      personId: null,
      name,
      committee: isCommittee(input.duty),
      duty: input.duty,
      sortKey: rosterSortKey(input.duty, name),
      joinedAt: ctx.now,
      active: true,
      endedAt: null,
      clientRequestId: input.clientRequestId,
    };
    await transaction(ctx.db, async (tx) => {
      if (!(await partyMembers(ctx.db).in(tx).get(id))) await partyMembers(ctx.db).in(tx).put(id, doc);
    });
    return (await views(ctx, [await partyMembers(ctx.db).must(id)], b.person._id))[0];
  }
  const person = await residentToAdd(ctx, b, input.personId);
  const id = memberId(c._id, person._id);
  await transaction(ctx.db, async (tx) => {
    const cur = await partyMembers(ctx.db).in(tx).get(id);
    if (cur?.active) {
      if (cur.clientRequestId === input.clientRequestId) return; // a retry
      throw new AppError('BAD_REQUEST', `${cur.name}已在本支部名册中`);
    }
    // Added again after an ending: the earlier spell stays in its history.
    const history = cur?.endedAt ? [...(cur.history ?? []), { joinedAt: cur.joinedAt, endedAt: cur.endedAt }] : [];
    await partyMembers(ctx.db)
      .in(tx)
      .put(id, {
        communityId: c.communityId,
        compoundId: c._id,
        personId: person._id,
        name: person.name,
        committee: isCommittee(input.duty),
        duty: input.duty,
        sortKey: rosterSortKey(input.duty, person.name),
        joinedAt: ctx.now,
        active: true,
        endedAt: null,
        endedBy: null,
        history,
        clientRequestId: input.clientRequestId,
      });
    await people(ctx.db).in(tx).patch(person._id, { partyMember: true });
  });
  return (await views(ctx, [await partyMembers(ctx.db).must(id)], b.person._id))[0];
}

async function edit(ctx: Ctx, b: BranchCaller, m: PartyMemberDoc, input: EditInput): Promise<RosterMember> {
  if (!m.active) throw new AppError('BAD_REQUEST', '这位党员已结束组织关系，不能修改；如已回到本支部，请重新添加');
  if (input.personId && m.personId) throw new AppError('BAD_REQUEST', '这位党员已经绑定，无需再关联住户');
  if (!input.personId) {
    await transaction(ctx.db, async (tx) => {
      const cur = await partyMembers(ctx.db).in(tx).must(m._id);
      if (!cur.active) throw new AppError('CONFLICT', '这位党员刚被结束组织关系，请刷新');
      await partyMembers(ctx.db)
        .in(tx)
        .patch(m._id, { duty: input.duty, committee: isCommittee(input.duty), sortKey: rosterSortKey(input.duty, cur.name) });
    });
    return (await views(ctx, [await partyMembers(ctx.db).must(m._id)], b.person._id))[0];
  }
  // A name-only entry whose person has now bound: the entry moves to the person (it had no households or visits of its own).
  const person = await residentToAdd(ctx, b, input.personId);
  const id = memberId(b.compound._id, person._id);
  await transaction(ctx.db, async (tx) => {
    const cur = await partyMembers(ctx.db).in(tx).get(m._id);
    if (!cur?.active) throw new AppError('CONFLICT', '这条记录已被修改，请刷新');
    const there = await partyMembers(ctx.db).in(tx).get(id);
    if (there?.active) throw new AppError('BAD_REQUEST', `${there.name}已在本支部名册中`);
    await partyMembers(ctx.db)
      .in(tx)
      .put(id, {
        communityId: cur.communityId,
        compoundId: cur.compoundId,
        personId: person._id,
        name: person.name,
        committee: isCommittee(input.duty),
        duty: input.duty,
        sortKey: rosterSortKey(input.duty, person.name),
        joinedAt: cur.joinedAt,
        active: true,
        endedAt: null,
        endedBy: null,
        history: there?.endedAt ? [...(there.history ?? []), { joinedAt: there.joinedAt, endedAt: there.endedAt }] : [],
      });
    await partyMembers(ctx.db).in(tx).remove(m._id);
    await people(ctx.db).in(tx).patch(person._id, { partyMember: true });
  });
  return (await views(ctx, [await partyMembers(ctx.db).must(id)], b.person._id))[0];
}

async function end(ctx: Ctx, b: BranchCaller, m: PartyMemberDoc): Promise<RosterMember> {
  if (m.active)
    await transaction(ctx.db, async (tx) => {
      const cur = await partyMembers(ctx.db).in(tx).must(m._id);
      if (!cur.active) return; // ended by a parallel call: the same outcome
      await partyMembers(ctx.db).in(tx).patch(m._id, { active: false, endedAt: ctx.now, endedBy: b.person._id });
      // No longer a member here: 亮身份 can no longer be shown (a withdrawal covers what was posted, see _shared/party-badge).
      if (m.personId) await people(ctx.db).in(tx).patch(m.personId, { partyMember: false, showPartyBadge: false });
    });
  // Their households go back to the unassigned list: the entry stays without a member, so the home keeps
  // its last visit for the 半年未走访 report. Also on a retry, so a killed call finishes.
  if (m.personId) {
    for (;;) {
      const left = await assignments(ctx.db).find({ memberId: m.personId }, { limit: 100, fields: { _id: true } });
      for (const a of left) await assignments(ctx.db).patch(a._id, { memberId: '', memberName: '' });
      if (left.length < 100) break;
    }
  }
  return (await views(ctx, [await partyMembers(ctx.db).must(m._id)], b.person._id))[0];
}
