/**
 * The three levels (社区党组织 → 小区党支部 → 党员楼栋长) and 首页's party card. A
 * person is named only when they chose 亮身份 (PIPL art. 25: a separate consent, off by
 * default, withdrawn in 我的); otherwise the office is shown and the name is not.
 * Contact goes through the product (我有话说), never a phone number.
 */
import type { MyRecord, PartyCard, StructurePerson, StructureView } from '../../core/party/contract';
import { SELECTION_PHASE_LABELS, selectionPhase } from '../../core/party/rules';
import { can } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import { ROLE_LABELS } from '../../core/platform/roles';
import { shanghaiMonth } from '../../core/platform/period';
import { buildings, communities, compounds, people, roles, type PersonDoc } from '../_shared/directory';
import { shownAsParty } from '../_shared/party-badge';
import { callerPerson } from '../_shared/actor';
import type { Ctx } from '../_shared/router';
import { activeMember, memberId, myBranch, targetOfCompound } from './common';
import { recordOf } from './households';
import { assignments, partyBooks, partyMembers, expenses, selections } from './docs';

/** The records of those of these people who are on the branch's roster now. */
async function recordsOf(ctx: Ctx, compoundId: string, personIds: string[]): Promise<Map<string, MyRecord>> {
  const out = new Map<string, MyRecord>();
  if (!personIds.length) return out;
  const onRoster = await partyMembers(ctx.db).byIds(personIds.map((id) => memberId(compoundId, id)));
  const members = personIds.filter((id) => activeMember(onRoster.get(memberId(compoundId, id))));
  const rows = await Promise.all(
    members.map(async (id) => recordOf(ctx, compoundId, id, await assignments(ctx.db).count({ memberId: id }))),
  );
  members.forEach((id, i) => out.set(id, rows[i]));
  return out;
}

export async function structure(ctx: Ctx, input: { compoundId?: string }): Promise<StructureView> {
  const actor = await ctx.actor();
  const compoundId = input.compoundId ?? actor.homes[0]?.compoundId ?? actor.roles.find((g) => g.compoundId)?.compoundId;
  if (!compoundId) throw new AppError('NOT_FOUND', '绑定房屋后可以查看');
  const c = await compounds(ctx.db).get(compoundId);
  if (!c) throw new AppError('NOT_FOUND');
  const sees =
    actor.homes.some((h) => h.compoundId === c._id) ||
    actor.roles.some((g) => g.compoundId === c._id || (!g.compoundId && g.communityId === c.communityId));
  if (!sees) throw new AppError('NOT_FOUND');
  const _ = ctx.db.command;
  const [community, grants, bs, members] = await Promise.all([
    communities(ctx.db).get(c.communityId),
    roles(ctx.db).find(_.or([{ compoundId: c._id }, { communityId: c.communityId, role: 'communityAdmin' }]), { limit: 200 }),
    buildings(ctx.db).find({ compoundId: c._id }, { orderBy: [['no', 'asc']], limit: 200 }),
    partyMembers(ctx.db).count({ compoundId: c._id, active: true }),
  ]);
  const ps = await people(ctx.db).byIds(grants.map((g) => g.personId));
  const committee = await partyMembers(ctx.db).find(
    { compoundId: c._id, committee: true, active: true },
    { orderBy: [['sortKey', 'asc']], limit: 20 },
  );
  const cps = await people(ctx.db).byIds(committee.flatMap((m) => (m.personId ? [m.personId] : [])));
  // 亮作为 beside the name, only for members of this branch who show themselves (a person not shown has no record here).
  const shownIds = [
    ...committee.flatMap((m) => (m.personId && shownAsParty(cps.get(m.personId)) ? [m.personId] : [])),
    ...grants.filter((g) => g.role === 'buildingLead' && shownAsParty(ps.get(g.personId))).map((g) => g.personId),
  ];
  const records = await recordsOf(ctx, c._id, [...new Set(shownIds)]);
  const named = (p: PersonDoc | undefined, title: string): StructurePerson => {
    const shown = !!p && shownAsParty(p);
    const record = shown ? records.get(p._id) : undefined;
    return { name: shown ? p.name : null, title, ...(record ? { record } : {}) };
  };
  return {
    community: {
      name: `${community?.name ?? ''}党组织`,
      people: grants.filter((g) => g.role === 'communityAdmin').map((g) => named(ps.get(g.personId), '社区党组织')),
    },
    branch: {
      compoundName: `${c.name}党支部`,
      members,
      people: committee.map((m) => named(m.personId ? cps.get(m.personId) : undefined, m.duty)),
    },
    leads: bs
      .map((bd) => ({
        buildingName: bd.name,
        people: grants
          .filter((g) => g.role === 'buildingLead' && (g.buildingIds ?? []).includes(bd._id))
          .map((g) => named(ps.get(g.personId), ROLE_LABELS.buildingLead)),
      }))
      .filter((l) => l.people.length),
  };
}

/** 首页: a member's households to visit this month; the secretary's unassigned homes and book; a resident's open selection and lead. */
export async function home(ctx: Ctx): Promise<PartyCard> {
  const actor = await ctx.actor();
  const out: PartyCard = { member: null, secretary: null, selection: null, lead: null };
  if (!actor.personId) return out;
  const b = await myBranch(ctx);
  const month = shanghaiMonth(ctx.now);
  if (b?.member) {
    const mine = await assignments(ctx.db).find({ memberId: b.person._id }, { limit: 300, fields: { lastVisitAt: true } });
    out.member = { households: mine.length, toVisit: mine.filter((a) => !a.lastVisitAt || shanghaiMonth(a.lastVisitAt) !== month).length };
  }
  if (b && can(actor, 'party.manage', targetOfCompound(b.compound))) {
    const bs = await buildings(ctx.db).find({ compoundId: b.compound._id }, { limit: 200, fields: { homeCount: true } });
    const [assigned, book, pending] = await Promise.all([
      assignments(ctx.db).count({ compoundId: b.compound._id, memberId: ctx.db.command.neq('') }),
      partyBooks(ctx.db).get(b.compound._id),
      expenses(ctx.db).count({ compoundId: b.compound._id, status: 'pending' }),
    ]);
    out.secretary = {
      compoundId: b.compound._id,
      unassigned: Math.max(0, bs.reduce((s, x) => s + x.homeCount, 0) - assigned),
      balanceFen: book?.balanceFen ?? 0,
      pending,
    };
  }
  const h = actor.homes[0];
  if (h) {
    const [open, leads] = await Promise.all([
      selections(ctx.db).find({ compoundId: h.compoundId }, { orderBy: [['createdAt', 'desc']], limit: 3 }),
      roles(ctx.db).find({ compoundId: h.compoundId, role: 'buildingLead' }, { limit: 50 }),
    ]);
    const s = open.find((x) => selectionPhase(x, ctx.now.getTime()) !== 'published');
    if (s) out.selection = { id: s._id, title: s.title, phaseLabel: SELECTION_PHASE_LABELS[selectionPhase(s, ctx.now.getTime())] };
    const g = leads.find((x) => (x.buildingIds ?? []).includes(h.buildingId));
    const p = g ? ((await callerPerson(ctx, g.personId)) ?? (await people(ctx.db).get(g.personId))) : null;
    if (p && shownAsParty(p)) {
      const bd = await buildings(ctx.db).get(h.buildingId);
      out.lead = { buildingName: bd?.name ?? '', name: p.name };
    }
  }
  return out;
}
