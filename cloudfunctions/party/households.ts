/**
 * 包联 and 走访: the secretary assigns households to members by building, unit or
 * room range and sees the homes nobody has; a member sees their households (names
 * masked unless the household agreed to be contacted) and logs visits. 需要跟进
 * becomes a concern (民情) through concerns' own `concerns.raiseFor`, called by the
 * page, then recorded here with `party.linkConcern`; until then it waits on the task
 * list of whoever may raise it (the building's lead, the secretary). Visits are seen
 * by the branch only; reports are counts.
 */
import type { AssignPage, AssignResult, HouseholdView, MyHouseholds, MyRecord, ReportView, VisitView } from '../../core/party/contract';
import {
  VANGUARD_RULE,
  VISIT_MODE_LABELS,
  VISIT_TOPIC_LABELS,
  isStale,
  quarterOf,
  quarterPeriods,
  reportPeriods,
  vanguardScore,
  visitDateProblem,
  visitDeleteAt,
  type VisitMode,
  type VisitTopic,
} from '../../core/party/rules';
import { PARTY_LIMITS } from '../../core/party/limits';
import { inRange } from '../../core/party/order';
import { assertCan, can } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import { maskName } from '../../core/platform/mask';
import { shanghaiDay, shanghaiInstant, shanghaiMonth } from '../../core/platform/period';
import type { Actor } from '../../core/platform/roles';
import { buildings, homes, leadContactPhone, memberships, people } from '../_shared/directory';
import { concernsAnswered, creditedMinutes, creditedMinutesIn, toldInPerson } from '../_shared/member-record';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { activeMember, branchOf, compoundFor, idFor, memberId, myBranch, targetOfCompound, type BranchCaller } from './common';
import { assignments, partyMembers, visitMonths, visits, type AssignmentDoc, type VisitDoc } from './docs';

const RECENT = 20;
const TASKS = 20;

const raiseAllowed = (actor: Actor, v: Pick<VisitDoc, 'compoundId' | 'buildingId' | 'communityId'>) =>
  can(actor, 'concern.raiseFor', { communityId: v.communityId, compoundId: v.compoundId, buildingId: v.buildingId });

function visitView(v: VisitDoc, actor: Actor): VisitView {
  return {
    id: v._id,
    homeId: v.homeId,
    homeLabel: v.homeLabel,
    date: v.date,
    mode: v.mode,
    modeLabel: VISIT_MODE_LABELS[v.mode],
    topicLabels: v.topics.map((t) => VISIT_TOPIC_LABELS[t]),
    ...(v.note ? { note: v.note } : {}),
    followUp: v.followUp,
    concernId: v.concernId,
    memberName: v.memberName,
    canRaiseConcern: v.followUpOpen && raiseAllowed(actor, v),
  };
}

/** Who lives there, as a member may see it: masked unless someone agreed to be contacted (then name and phone). */
async function contacts(ctx: Ctx, homeIds: string[]): Promise<Map<string, { name: string | null; phone?: string }>> {
  const out = new Map<string, { name: string | null; phone?: string }>();
  if (!homeIds.length) return out;
  const _ = ctx.db.command;
  const ms = await memberships(ctx.db).find({ homeId: _.in(homeIds), status: 'active' }, { limit: 1000 });
  const ps = await people(ctx.db).byIds(ms.map((m) => m.personId));
  for (const m of ms) {
    const p = ps.get(m.personId);
    if (!p) continue;
    const phone = leadContactPhone(p);
    const prev = out.get(m.homeId);
    if (phone) out.set(m.homeId, { name: p.name, phone });
    else if (!prev) out.set(m.homeId, { name: maskName(p.name) });
  }
  return out;
}

export async function mine(ctx: Ctx): Promise<MyHouseholds> {
  const b = await myBranch(ctx);
  if (!b) throw new AppError('NOT_FOUND', '您还不是小区党支部的党员');
  const now = ctx.now.getTime();
  const month = shanghaiMonth(now);
  const _ = ctx.db.command;
  const personId = b.person._id;
  const [mineA, recent] = b.member
    ? await Promise.all([
        assignments(ctx.db).find({ memberId: personId }, { orderBy: [['sortKey', 'asc']], limit: PARTY_LIMITS.assignMax }),
        visits(ctx.db).find({ memberId: personId }, { orderBy: [['date', 'desc']], limit: RECENT }),
      ])
    : [[], []];
  // The lead's and the secretary's tasks: follow-ups of the compound waiting for a concern they may raise.
  const mayRaise =
    can(b.actor, 'concern.raiseFor', targetOfCompound(b.compound)) ||
    b.actor.roles.some((g) => g.role === 'buildingLead' && g.compoundId === b.compound._id);
  const open = mayRaise
    ? await visits(ctx.db).find({ compoundId: b.compound._id, followUpOpen: true }, { orderBy: [['date', 'desc']], limit: 100 })
    : [];
  const who = await contacts(
    ctx,
    mineA.map((a) => a._id),
  );
  const items: HouseholdView[] = mineA.map((a) => {
    const c = who.get(a._id);
    return {
      homeId: a._id,
      label: a.homeLabel,
      buildingId: a.buildingId,
      contactName: c?.name ?? null,
      ...(c?.phone ? { phone: c.phone } : {}),
      lastVisit: a.lastVisitAt ? shanghaiDayOf(a.lastVisitAt) : null,
      visitedThisMonth: !!a.lastVisitAt && shanghaiMonth(a.lastVisitAt) === month,
      stale: isStale(a.lastVisitAt, now),
    };
  });
  const record = await recordOf(ctx, b.compound._id, personId, items.length, !!b.member);
  return {
    compoundId: b.compound._id,
    compoundName: b.compound.name,
    member: !!b.member,
    items,
    visitedThisMonth: items.filter((i) => i.visitedThisMonth).length,
    recent: recent.map((v) => visitView(v, b.actor)),
    tasks: open
      .filter((v) => raiseAllowed(b.actor, v))
      .slice(0, TASKS)
      .map((v) => visitView(v, b.actor)),
    showPartyBadge: b.person.showPartyBadge && b.person.partyMember,
    record,
  };
}

/**
 * 亮作为: one member's figures — households, visits (this quarter and in all), and what
 * other features recorded of them this year through the declared seam
 * (`_shared/member-record.ts`): volunteer minutes credited, homes told in person,
 * concerns answered.
 */
export async function recordOf(ctx: Ctx, compoundId: string, personId: string, households: number, member = true): Promise<MyRecord> {
  const _ = ctx.db.command;
  const month = shanghaiMonth(ctx.now.getTime());
  const year = month.slice(0, 4);
  const q = quarterPeriods(quarterOf(month));
  const since = new Date(`${year}-01-01T00:00:00+08:00`);
  const [counts, total, minutes, told, answered] = await Promise.all([
    member ? visitMonths(ctx.db).find({ compoundId, period: _.in(q), memberId: personId }, { limit: 3 }) : Promise.resolve([]),
    member ? visitMonths(ctx.db).find({ compoundId, memberId: personId }, { limit: 1000 }) : Promise.resolve([]),
    creditedMinutes(ctx.db, personId, year),
    toldInPerson(ctx.db, personId, since),
    concernsAnswered(ctx.db, personId, since),
  ]);
  return {
    households,
    visitsThisQuarter: counts.reduce((s, c) => s + c.visits, 0),
    followUpsThisQuarter: counts.reduce((s, c) => s + c.followUps, 0),
    visitsTotal: total.reduce((s, c) => s + c.visits, 0),
    volunteerMinutesThisYear: minutes,
    toldThisYear: told,
    answeredThisYear: answered,
  };
}

const shanghaiDayOf = (d: Date | string) => shanghaiDay(new Date(d));

// ---------------------------------------------------------------- 包联

/** The compound's bound members on the roster now (who may take households), in roster order. */
async function boundMembers(ctx: Ctx, compoundId: string) {
  const list = await partyMembers(ctx.db).find({ compoundId, active: true }, { orderBy: [['sortKey', 'asc']], limit: 200 });
  return list.flatMap((m) => (m.personId ? [{ ...m, personId: m.personId }] : []));
}

async function assignPageOf(ctx: Ctx, b: BranchCaller, buildingId?: string): Promise<AssignPage> {
  const c = b.compound;
  const [bs, members] = await Promise.all([
    buildings(ctx.db).find({ compoundId: c._id }, { orderBy: [['no', 'asc']], limit: 200 }),
    // Only bound members on the roster now can take households.
    boundMembers(ctx, c._id),
  ]);
  const _ = ctx.db.command;
  // A home whose member's membership ended keeps its entry (and last visit) with no member: unassigned.
  const assignedPer = await Promise.all(bs.map((x) => assignments(ctx.db).count({ buildingId: x._id, memberId: _.neq('') })));
  const perMember = await Promise.all(members.map((m) => assignments(ctx.db).count({ memberId: m.personId })));
  const shownId = buildingId ?? bs.find((x, i) => assignedPer[i] < x.homeCount)?._id ?? bs[0]?._id ?? null;
  let unassigned: { homeId: string; label: string }[] = [];
  if (shownId) {
    if (!bs.some((x) => x._id === shownId)) throw new AppError('NOT_FOUND', '楼栋不存在');
    const [hs, as] = await Promise.all([
      homes(ctx.db).find({ buildingId: shownId }, { orderBy: [['sortKey', 'asc']], limit: 1000 }),
      assignments(ctx.db).find({ buildingId: shownId }, { limit: 1000, fields: { _id: true, memberId: true } }),
    ]);
    const taken = new Set(as.filter((a) => a.memberId).map((a) => a._id));
    unassigned = hs.filter((h) => !taken.has(h._id)).map((h) => ({ homeId: h._id, label: h.label }));
  }
  return {
    compoundId: c._id,
    compoundName: c.name,
    buildings: bs.map((x, i) => ({ buildingId: x._id, name: x.name, homes: x.homeCount, assigned: assignedPer[i] })),
    members: members.map((m, i) => ({ personId: m.personId, name: m.name, committee: m.committee, households: perMember[i] })),
    buildingId: shownId,
    unassigned,
  };
}

export async function assignPage(ctx: Ctx, input: { compoundId: string; buildingId?: string }): Promise<AssignPage> {
  const b = await branchOf(ctx, input.compoundId);
  assertCan(b.actor, 'party.manage', targetOfCompound(b.compound));
  return assignPageOf(ctx, b, input.buildingId);
}

export async function assign(
  ctx: Ctx,
  input: { compoundId: string; buildingId: string; unit?: string; from?: string; to?: string; memberId: string; replace: boolean },
): Promise<AssignResult> {
  const b = await branchOf(ctx, input.compoundId);
  assertCan(b.actor, 'party.manage', targetOfCompound(b.compound));
  const building = await buildings(ctx.db).get(input.buildingId);
  if (!building || building.compoundId !== b.compound._id) throw new AppError('NOT_FOUND', '楼栋不存在');
  const member = activeMember(await partyMembers(ctx.db).get(memberId(b.compound._id, input.memberId)));
  if (!member?.personId) throw new AppError('BAD_REQUEST', '该党员不在本支部名册中');
  const memberPerson = member.personId;
  const hs = (await homes(ctx.db).find({ buildingId: building._id }, { orderBy: [['sortKey', 'asc']], limit: 1000 })).filter((h) =>
    inRange(h, input),
  );
  if (!hs.length) throw new AppError('BAD_REQUEST', '所选范围内没有房屋，请检查单元和房号');
  if (hs.length > PARTY_LIMITS.assignMax) throw new AppError('BAD_REQUEST', `一次最多分配${PARTY_LIMITS.assignMax}户`);
  const _ = ctx.db.command;
  const existing = new Map(
    (await assignments(ctx.db).find({ _id: _.in(hs.map((h) => h._id)) }, { limit: 1000 })).map((a) => [a._id, a] as const),
  );
  let assigned = 0;
  let skipped = 0;
  for (const h of hs) {
    const prev = existing.get(h._id);
    if (prev?.memberId === memberPerson) continue;
    if (prev?.memberId && !input.replace) {
      skipped++;
      continue;
    }
    // The home is the id: re-assigning keeps its last visit, so the 半年未走访 report stays true.
    const doc: Omit<AssignmentDoc, '_id'> = {
      compoundId: h.compoundId,
      buildingId: h.buildingId,
      homeLabel: h.label,
      sortKey: h.sortKey ?? h.label,
      memberId: memberPerson,
      memberName: member.name,
      lastVisitAt: prev?.lastVisitAt ?? null,
      assignedAt: ctx.now,
      assignedBy: b.person._id,
    };
    await assignments(ctx.db).put(h._id, doc);
    assigned++;
  }
  return { assigned, skipped, page: await assignPageOf(ctx, b, building._id) };
}

// ---------------------------------------------------------------- 走访

export async function logVisit(
  ctx: Ctx,
  input: { clientRequestId: string; homeId: string; date: string; mode: VisitMode; topics: VisitTopic[]; followUp: boolean; note?: string },
): Promise<VisitView> {
  const b = await myBranch(ctx);
  if (!b?.member) throw new AppError('NOT_FOUND', '房屋不存在');
  const a = await assignments(ctx.db).get(input.homeId);
  const isManager = can(b.actor, 'party.manage', targetOfCompound(b.compound));
  // A member visits their own households; the secretary may log any of the compound's.
  if (!a || a.compoundId !== b.compound._id || (a.memberId !== b.person._id && !isManager)) throw new AppError('NOT_FOUND', '房屋不存在');
  const dateProblem = visitDateProblem(input.date, ctx.now.getTime());
  if (dateProblem) throw new AppError('BAD_REQUEST', dateProblem);
  const id = idFor('v', b.person._id, input.clientRequestId);
  const already = await visits(ctx.db).get(id);
  if (already) return visitView(already, b.actor);
  const home = await homes(ctx.db).must(input.homeId);
  const period = input.date.slice(0, 7);
  const doc: Omit<VisitDoc, '_id'> = {
    clientRequestId: input.clientRequestId,
    communityId: home.communityId,
    compoundId: home.compoundId,
    buildingId: home.buildingId,
    homeId: home._id,
    homeLabel: home.label,
    memberId: b.person._id,
    memberName: b.person.name,
    date: input.date,
    period,
    mode: input.mode,
    topics: [...new Set(input.topics)],
    note: input.note ?? null,
    followUp: input.followUp,
    followUpOpen: input.followUp,
    concernId: null,
    deleteAt: visitDeleteAt(input.date),
    createdAt: ctx.now,
  };
  // The visit, the month's count and the household's last visit move together: a retry finds the visit and stops.
  const monthId = `${home.compoundId}_${period}_${b.person._id}`;
  const created = await transaction(ctx.db, async (tx) => {
    if (await visits(ctx.db).in(tx).get(id)) return false;
    await visits(ctx.db).in(tx).put(id, doc);
    const m = await visitMonths(ctx.db).in(tx).get(monthId);
    await visitMonths(ctx.db)
      .in(tx)
      .put(monthId, {
        compoundId: home.compoundId,
        period,
        memberId: b.person._id,
        memberName: b.person.name,
        visits: (m?.visits ?? 0) + 1,
        followUps: (m?.followUps ?? 0) + (input.followUp ? 1 : 0),
      });
    const at = new Date(`${input.date}T12:00:00+08:00`);
    const cur = await assignments(ctx.db).in(tx).get(home._id);
    if (cur && (!cur.lastVisitAt || new Date(cur.lastVisitAt) < at)) await assignments(ctx.db).in(tx).patch(home._id, { lastVisitAt: at });
    return true;
  });
  const v = created ? { _id: id, ...doc } : await visits(ctx.db).must(id);
  return visitView(v, b.actor);
}

/** The page raised the concern with concerns.raiseFor; the visit records it and leaves the task list. */
export async function linkConcern(ctx: Ctx, input: { visitId: string; concernId: string }): Promise<VisitView> {
  const actor = await ctx.actor();
  const v = await visits(ctx.db).get(input.visitId);
  if (!v) throw new AppError('NOT_FOUND');
  const b = await branchOf(ctx, v.compoundId);
  const mine = v.memberId === b.person?._id;
  // Inside the branch only (its members, the secretary), and only someone who may raise it (the lead, the secretary).
  const inBranch = !!b.member || can(actor, 'party.manage', targetOfCompound(b.compound));
  if (!mine && !(inBranch && raiseAllowed(actor, v))) throw new AppError('NOT_FOUND');
  if (!v.followUp) throw new AppError('BAD_REQUEST', '这次走访没有标记需要跟进');
  if (v.concernId) {
    if (v.concernId === input.concernId) return visitView(v, actor);
    throw new AppError('CONFLICT', '这次走访已登记过民情');
  }
  await transaction(ctx.db, async (tx) => {
    const cur = await visits(ctx.db).in(tx).must(v._id);
    if (cur.concernId && cur.concernId !== input.concernId) throw new AppError('CONFLICT', '这次走访已登记过民情');
    await visits(ctx.db).in(tx).patch(v._id, { concernId: input.concernId, followUpOpen: false });
  });
  return visitView({ ...v, concernId: input.concernId, followUpOpen: false }, actor);
}

/** The daily `retention` timer: visits (with their notes) a year old are deleted; partyVisitMonths keeps the counts. */
export async function retention(ctx: Ctx, event: Record<string, unknown>): Promise<{ deleted: number }> {
  // "Now" is the occurrence the timer fired for (its event's Time), as vehicles' retention reads it.
  const t = typeof event.Time === 'string' ? new Date(event.Time) : ctx.now;
  const now = Number.isNaN(t.getTime()) ? ctx.now : t;
  const _ = ctx.db.command;
  let deleted = 0;
  // A bounded sweep (5 × 500) per run: a backlog finishes on the following days.
  for (let batch = 0; batch < 5; batch++) {
    const old = await visits(ctx.db).find({ deleteAt: _.lte(now) }, { orderBy: [['deleteAt', 'asc']], limit: 500, fields: { _id: true } });
    for (const v of old) if (await visits(ctx.db).remove(v._id)) deleted++;
    if (old.length < 500) break;
  }
  return { deleted };
}

// ---------------------------------------------------------------- reports (counts only)

export async function reports(ctx: Ctx, input: { compoundId?: string }): Promise<ReportView> {
  const where = await compoundFor(ctx, input.compoundId, 'party.reports');
  const b = await branchOf(ctx, where.compoundId);
  assertCan(b.actor, 'party.reports', targetOfCompound(b.compound));
  const now = ctx.now.getTime();
  const periods = reportPeriods(now);
  const _ = ctx.db.command;
  const [months, roster, bs] = await Promise.all([
    visitMonths(ctx.db).find({ compoundId: b.compound._id, period: _.in(periods) }, { limit: 1000 }),
    partyMembers(ctx.db).find({ compoundId: b.compound._id }, { orderBy: [['sortKey', 'asc']], limit: 1000 }),
    buildings(ctx.db).find({ compoundId: b.compound._id }, { orderBy: [['no', 'asc']], limit: 200 }),
  ]);
  // Bound members on the roster now, and those whose membership ended but whose visits fall in these months (counts stay).
  const counted = new Set(months.map((x) => x.memberId));
  const members = roster.flatMap((m) =>
    m.personId && (m.active !== false || counted.has(m.personId)) ? [{ ...m, personId: m.personId }] : [],
  );
  const cutoff = new Date(now - PARTY_LIMITS.staleDays * 86_400_000);
  const fresh = await Promise.all(bs.map((x) => assignments(ctx.db).count({ buildingId: x._id, lastVisitAt: _.gte(cutoff) })));
  const quarter = quarterOf(periods[0]);
  const qList = quarterPeriods(quarter);
  const qp = new Set(qList);
  const qStart = shanghaiInstant(`${qList[0]}-01`);
  // Per member, indexed by person (the same cost in a district): households, and what the
  // other features recorded of them this quarter through the member-record seam.
  const perMember = await Promise.all(
    members.map(async (m) => {
      const [households, minutes, told, answered] = await Promise.all([
        assignments(ctx.db).count({ memberId: m.personId }),
        creditedMinutesIn(ctx.db, m.personId, qList),
        toldInPerson(ctx.db, m.personId, qStart),
        concernsAnswered(ctx.db, m.personId, qStart),
      ]);
      return { households, hours: Math.floor(minutes / 60), told, answered };
    }),
  );
  const vanguard = members
    .map((m, i) => {
      const q = months.filter((x) => x.memberId === m.personId && qp.has(x.period));
      const f = {
        visits: q.reduce((s, x) => s + x.visits, 0),
        followUps: q.reduce((s, x) => s + x.followUps, 0),
        ...perMember[i],
      };
      return { name: m.name, score: vanguardScore(f), ...f };
    })
    .filter((r) => r.score > 0)
    .sort((a, b2) => b2.score - a.score || a.name.localeCompare(b2.name, 'zh'))
    .slice(0, 5);
  return {
    compoundId: b.compound._id,
    compounds: where.compounds,
    compoundName: b.compound.name,
    periods,
    members: members.map((m) => ({
      personId: m.personId,
      name: m.name,
      counts: periods.map((p) => months.find((x) => x.memberId === m.personId && x.period === p)?.visits ?? 0),
    })),
    buildings: bs.map((x, i) => ({ name: x.name, homes: x.homeCount, stale: Math.max(0, x.homeCount - fresh[i]) })),
    quarter,
    vanguard,
    vanguardRule: VANGUARD_RULE,
  };
}
