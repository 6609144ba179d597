/**
 * Neighbour service teams. Residents register skills; the branch secretary groups
 * them into teams; a request reaches the teams of its kind; one member takes it
 * (a transaction: the second gets CONFLICT); the resident closes it with thanks.
 * A request, and both contacts, are seen only by the requester and the members of
 * the teams it reached — the contact only by the requester and the member who took it.
 */
import { createHash } from 'node:crypto';
import type { HelpView, TeamView, VolunteerView } from '../../core/activities/contract';
import {
  ACTIVITY_TEMPLATE_FIELDS,
  ACTIVITY_TEMPLATE_ID,
  HELP_KIND_LABELS,
  HELP_SKILLS,
  HELP_STATUS_LABELS,
  NEIGHBOUR_SERVICE_PAGE,
  type HelpKind,
  type Skill,
} from '../../core/activities/rules';
import { assertCan } from '../../core/authz';
import type { Page, PageInput } from '../../core/platform/api';
import { AppError } from '../../core/platform/errors';
import { maskName } from '../../core/platform/mask';
import { decodeCursor, iso, pageOf } from '../_shared/db';
import { buildings, compounds, people } from '../_shared/directory';
import { sendWithGrant } from '../_shared/messaging';
import { formatDateTime } from '../../core/platform/time';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { mustPerson } from './common';
import { checkText } from './manage';
import { helpRequests, teams, volunteers, type HelpRequestDoc, type TeamDoc } from './docs';

const idFor = (prefix: string, personId: string, rid: string) =>
  prefix + createHash('sha256').update(`${personId}\n${rid}`).digest('hex').slice(0, 23);

async function resident(ctx: Ctx) {
  const actor = await ctx.actor();
  const person = await mustPerson(ctx, actor);
  const home = actor.homes[0];
  if (!home) throw new AppError('FORBIDDEN', '请先绑定房屋');
  return { actor, person, home };
}

export async function register(ctx: Ctx, input: { skills: Skill[]; availability: string; phone?: string }) {
  const { person, home } = await resident(ctx);
  const b = await buildings(ctx.db).get(home.buildingId);
  const skills = [...new Set(input.skills)];
  await volunteers(ctx.db).put(person._id, {
    personId: person._id,
    name: person.name,
    compoundId: home.compoundId,
    buildingId: home.buildingId,
    buildingName: b?.name ?? '',
    skills,
    availability: input.availability,
    phone: input.phone ?? person.phone ?? '',
    updatedAt: ctx.now,
  });
  return { registered: true as const, skills, availability: input.availability };
}

export async function serviceMe(ctx: Ctx) {
  const actor = await ctx.actor();
  if (!actor.personId) return { volunteer: null, teams: [] };
  const [v, mine] = await Promise.all([
    volunteers(ctx.db).get(actor.personId),
    teams(ctx.db).find({ memberIds: actor.personId }, { limit: 20 }),
  ]);
  return {
    volunteer: v ? { skills: v.skills, availability: v.availability } : null,
    teams: mine.map((t) => ({ id: t._id, name: t.name, skill: t.skill })),
  };
}

async function teamView(ctx: Ctx, t: TeamDoc): Promise<TeamView> {
  const vs = await volunteers(ctx.db).byIds(t.memberIds);
  return { id: t._id, name: t.name, skill: t.skill, members: t.memberIds.map((p) => ({ personId: p, name: vs.get(p)?.name ?? '' })) };
}

async function secretaryOf(ctx: Ctx, compoundId: string) {
  const actor = await ctx.actor();
  const c = await compounds(ctx.db).get(compoundId);
  if (!c) throw new AppError('NOT_FOUND');
  assertCan(actor, 'serviceTeam.manage', { communityId: c.communityId, compoundId });
  return { actor, c };
}

export async function listVolunteers(ctx: Ctx, input: { compoundId: string }): Promise<{ volunteers: VolunteerView[]; teams: TeamView[] }> {
  await secretaryOf(ctx, input.compoundId);
  const [vs, ts] = await Promise.all([
    volunteers(ctx.db).find({ compoundId: input.compoundId }, { limit: 500 }),
    teams(ctx.db).find({ compoundId: input.compoundId }, { limit: 100 }),
  ]);
  return {
    volunteers: vs.map((v) => ({
      personId: v.personId,
      name: v.name,
      skills: v.skills,
      availability: v.availability,
      buildingName: v.buildingName,
    })),
    teams: await Promise.all(ts.map((t) => teamView(ctx, t))),
  };
}

export async function saveTeam(
  ctx: Ctx,
  input: { clientRequestId: string; teamId?: string; compoundId: string; name: string; skill: Skill; memberIds: string[] },
): Promise<TeamView> {
  const { actor } = await secretaryOf(ctx, input.compoundId);
  const members = [...new Set(input.memberIds)];
  const found = await volunteers(ctx.db).byIds(members);
  if (members.some((m) => found.get(m)?.compoundId !== input.compoundId || !found.get(m)?.skills.includes(input.skill))) {
    throw new AppError('BAD_REQUEST', '有成员没有在本小区登记这项技能');
  }
  let id = input.teamId;
  if (id) {
    const t = await teams(ctx.db).get(id);
    if (!t || t.compoundId !== input.compoundId) throw new AppError('NOT_FOUND');
  } else id = idFor('t', actor.personId!, input.clientRequestId);
  const doc = {
    compoundId: input.compoundId,
    name: input.name,
    skill: input.skill,
    memberIds: members,
    updatedBy: actor.personId!,
    updatedAt: ctx.now,
  };
  await teams(ctx.db).put(id, doc);
  return teamView(ctx, { _id: id, ...doc });
}

function helpView(r: HelpRequestDoc, viewer: string, memberOf: boolean): HelpView {
  const mine = r.requesterId === viewer;
  const taker = r.takerId === viewer;
  return {
    id: r._id,
    kind: r.kind,
    kindLabel: HELP_KIND_LABELS[r.kind],
    text: r.text,
    status: r.status,
    statusLabel: HELP_STATUS_LABELS[r.status],
    createdAt: iso(r.createdAt),
    requesterName: mine || taker ? r.requesterName : maskName(r.requesterName),
    ...(mine || taker ? { contact: r.contact } : {}),
    ...(r.takerName ? { takerName: r.takerName } : {}),
    ...(mine && r.takerContact ? { takerContact: r.takerContact } : {}),
    ...(r.thanks ? { thanks: r.thanks } : {}),
    canTake: memberOf && !mine && r.status === 'open',
    canClose: mine && r.status !== 'closed',
  };
}

export async function askHelp(
  ctx: Ctx,
  input: { clientRequestId: string; kind: HelpKind; text: string; contact: string },
): Promise<HelpView> {
  const { person, home } = await resident(ctx);
  const id = idFor('h', person._id, input.clientRequestId);
  const already = await helpRequests(ctx.db).get(id);
  if (already) return helpView(already, person._id, false);
  await checkText(ctx, HELP_KIND_LABELS[input.kind], input.text);
  const _ = ctx.db.command;
  const reach = await teams(ctx.db).find({ compoundId: home.compoundId, skill: _.in([...HELP_SKILLS[input.kind]]) }, { limit: 20 });
  const doc: Omit<HelpRequestDoc, '_id'> = {
    compoundId: home.compoundId,
    requesterId: person._id,
    requesterName: person.name,
    kind: input.kind,
    text: input.text,
    contact: input.contact,
    teamIds: reach.map((t) => t._id),
    status: 'open',
    createdAt: ctx.now,
  };
  try {
    await helpRequests(ctx.db).add({ _id: id, ...doc });
  } catch (e) {
    const raced = await helpRequests(ctx.db).get(id);
    if (!raced) throw e;
    return helpView(raced, person._id, false);
  }
  await tellTeams(ctx, reach, person._id, input.kind, home.compoundId);
  return helpView({ _id: id, ...doc }, person._id, false);
}

/** Most members a help request messages (its teams are at most 20; a team is a handful of neighbours). */
const HELP_MESSAGE_LIMIT = 60;

/**
 * Message the members of the teams a request reached (not the one asking), each once,
 * when they granted a message. Only the call that created the request gets here (a
 * retry answered above), and members also see it under 邻里服务 if no message could go.
 * The message names the kind of help and the compound, not who asked or where.
 */
async function tellTeams(ctx: Ctx, reach: TeamDoc[], askerId: string, kind: HelpKind, compoundId: string) {
  const ids = [...new Set(reach.flatMap((t) => t.memberIds))].filter((p) => p !== askerId).slice(0, HELP_MESSAGE_LIMIT);
  if (!ids.length) return;
  const who = await people(ctx.db).byIds(ids);
  const compound = await compounds(ctx.db).get(compoundId);
  const f = ACTIVITY_TEMPLATE_FIELDS;
  const data = {
    [f.title]: { value: `${HELP_KIND_LABELS[kind]}求助`.slice(0, 20) },
    [f.time]: { value: formatDateTime(ctx.now) },
    [f.place]: { value: (compound?.name ?? '本小区').slice(0, 20) },
    [f.note]: { value: '有邻居需要帮助，打开邻里服务查看' },
  };
  for (const p of who.values()) {
    if (!p.openid) continue;
    try {
      await sendWithGrant(
        ctx.db,
        ctx.cloud,
        { touser: p.openid, templateId: ACTIVITY_TEMPLATE_ID, page: NEIGHBOUR_SERVICE_PAGE, data },
        ctx.now,
      );
    } catch (e) {
      console.error('[help] message to a team member failed', (e as Error).message);
    }
  }
}

export async function listHelp(ctx: Ctx, input: PageInput & { box: 'mine' | 'team' }): Promise<Page<HelpView>> {
  const actor = await ctx.actor();
  if (!actor.personId) return { items: [] };
  const offset = decodeCursor(input.cursor);
  const size = input.size ?? 20;
  const _ = ctx.db.command;
  if (input.box === 'mine') {
    const rows = await helpRequests(ctx.db).find(
      { requesterId: actor.personId },
      { orderBy: [['createdAt', 'desc']], skip: offset, limit: size + 1 },
    );
    return pageOf(
      rows.map((r) => helpView(r, actor.personId!, false)),
      offset,
      size,
    );
  }
  const mine = await teams(ctx.db).find({ memberIds: actor.personId }, { limit: 20 });
  if (!mine.length) return { items: [] };
  const rows = await helpRequests(ctx.db).find(
    { teamIds: _.in(mine.map((t) => t._id)) },
    { orderBy: [['createdAt', 'desc']], skip: offset, limit: size + 1 },
  );
  return pageOf(
    rows.map((r) => helpView(r, actor.personId!, true)),
    offset,
    size,
  );
}

/** The request, for the requester or a member of a team it reached; NOT_FOUND for anyone else. */
async function reachable(ctx: Ctx, requestId: string) {
  const actor = await ctx.actor();
  const r = await helpRequests(ctx.db).get(requestId);
  if (!r || !actor.personId) throw new AppError('NOT_FOUND');
  const memberOf =
    r.teamIds.length > 0 &&
    (await teams(ctx.db).find({ _id: ctx.db.command.in(r.teamIds), memberIds: actor.personId }, { limit: 1 })).length > 0;
  if (r.requesterId !== actor.personId && !memberOf) throw new AppError('NOT_FOUND');
  return { actor, r, memberOf, personId: actor.personId };
}

export async function takeHelp(ctx: Ctx, input: { requestId: string }): Promise<HelpView> {
  const { r, memberOf, personId, actor } = await reachable(ctx, input.requestId);
  if (r.requesterId === personId) throw new AppError('SELF_DECISION', '不能接自己的求助');
  if (!memberOf) throw new AppError('FORBIDDEN');
  const me = await mustPerson(ctx, actor);
  const v = await volunteers(ctx.db).get(personId);
  const updated = await transaction(ctx.db, async (tx) => {
    const cur = await helpRequests(ctx.db).in(tx).must(r._id);
    if (cur.takerId === personId) return cur;
    if (cur.status !== 'open') throw new AppError('CONFLICT', '这条求助已有人接了');
    const patch = {
      status: 'taken' as const,
      takerId: personId,
      takerName: me.name,
      takerContact: v?.phone ?? me.phone ?? '',
      takenAt: ctx.now,
    };
    await helpRequests(ctx.db).in(tx).patch(r._id, patch);
    return { ...cur, ...patch };
  });
  return helpView(updated, personId, true);
}

export async function closeHelp(ctx: Ctx, input: { requestId: string; thanks?: string }): Promise<HelpView> {
  const { r, personId } = await reachable(ctx, input.requestId);
  if (r.requesterId !== personId) throw new AppError('FORBIDDEN', '只有求助人可以结束求助');
  if (r.status === 'closed') return helpView(r, personId, false);
  const patch = { status: 'closed' as const, closedAt: ctx.now, ...(input.thanks ? { thanks: input.thanks } : {}) };
  await helpRequests(ctx.db).patchWhere({ _id: r._id, status: ctx.db.command.neq('closed') }, patch);
  return helpView({ ...r, ...patch }, personId, false);
}

/** The 邻里服务 page in one round trip: the three reads it made as three calls. */
export async function servicePage(ctx: Ctx) {
  const [me, mine, team] = await Promise.all([
    serviceMe(ctx),
    listHelp(ctx, { box: 'mine', size: 20 }),
    listHelp(ctx, { box: 'team', size: 20 }),
  ]);
  return { me, mine, team };
}
