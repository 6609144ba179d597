/** Creating, listing and opening activities. */
import { createHash, randomBytes } from 'node:crypto';
import type { ActivityDetail, ActivityHome, ActivityListItem, CreateActivityInput } from '../../core/activities/contract';
import { ACTIVITY_LIMITS, ANY_SLOT, joinProblem, scheduleProblem, type Slot } from '../../core/activities/rules';
import { can } from '../../core/authz';
import type { Page, PageInput } from '../../core/platform/api';
import { AppError } from '../../core/platform/errors';
import type { RoleName } from '../../core/platform/roles';
import { formatDate, shanghai } from '../../core/platform/time';
import { decodeCursor, pageOf } from '../_shared/db';
import { buildings as buildingsRepo, compounds as compoundsRepo } from '../_shared/directory';
import { assertOwnFiles } from '../_shared/files';
import type { Ctx } from '../_shared/router';
import { detail, emptyList, listItem, listsFor, loadManaged, loadVisible, mustPerson } from './common';
import { activities, activityLists, signups, type ActivityDoc } from './docs';
import { activityFields, activityMessageJob } from './signup';
import { enqueue, work, workerBudgetMs } from '../_shared/jobs';
import { checkText as checkTextOnce, startMediaChecks, verdictOf } from '../_shared/media';
import { transaction } from '../_shared/repo';
import deploy from './deploy.json';

export const ACTIVITY_FILES = 'activities';

/** msgSecCheck (scene 3, 论坛) on text the compound will read; nothing is written when it fails. */
export const checkText = (ctx: Ctx, title: string, content: string) => checkTextOnce(ctx, content, { title });

export function activityIdFor(personId: string, clientRequestId: string): string {
  // Short (16 characters): it travels in a mini-program code's 32-character scene.
  return 'a' + createHash('sha256').update(`${personId}\n${clientRequestId}`).digest('hex').slice(0, 15);
}

type CreateInput = Omit<CreateActivityInput, 'images' | 'partyOnly' | 'slots'> & {
  images: string[];
  partyOnly: boolean;
  slots: { name: string; capacity: number }[];
};

export async function createActivity(ctx: Ctx, input: CreateInput): Promise<ActivityDetail> {
  const actor = await ctx.actor();
  if (!actor.roles.length) throw new AppError('FORBIDDEN');
  const startAt = Date.parse(input.startAt);
  const endAt = Date.parse(input.endAt);
  const deadline = Date.parse(input.deadline);
  const person = await mustPerson(ctx, actor);
  const id = activityIdFor(person._id, input.clientRequestId);
  const already = await activities(ctx.db).get(id);
  if (already) return detail(ctx, actor, already);
  const problem = scheduleProblem({ startAt, endAt, deadline }, ctx.now.getTime(), ACTIVITY_LIMITS.maxHours);
  if (problem) throw new AppError('BAD_REQUEST', problem);
  // Where: from the database; the payload only names it.
  let compoundId: string;
  let buildingIds: string[] = [];
  let label: string;
  if (input.audience.kind === 'compound') {
    compoundId = input.audience.compoundId;
  } else {
    const found = await buildingsRepo(ctx.db).byIds(input.audience.buildingIds);
    if (found.size !== new Set(input.audience.buildingIds).size) throw new AppError('NOT_FOUND', '所选楼栋不存在');
    const bs = [...found.values()].sort((x, y) => x.no - y.no);
    if (new Set(bs.map((b) => b.compoundId)).size !== 1) throw new AppError('BAD_REQUEST', '所选楼栋应在同一个小区');
    compoundId = bs[0].compoundId;
    buildingIds = bs.map((b) => b._id);
    label = bs.map((b) => b.name).join('、');
  }
  const compound = await compoundsRepo(ctx.db).get(compoundId);
  if (!compound) throw new AppError('NOT_FOUND', '所选小区不存在');
  const base = { communityId: compound.communityId, compoundId };
  const grants = buildingIds.length ? buildingIds.map((b) => ({ ...base, buildingId: b })) : [base];
  if (!grants.every((t) => can(actor, 'activity.create', t))) throw new AppError('FORBIDDEN', '您只能为自己负责的楼栋或小区发起活动');
  const role = (['branchSecretary', 'committeeMember', 'propertyManager', 'buildingLead'] as RoleName[]).find((r) =>
    actor.roles.some((g) => g.role === r && g.compoundId === compoundId),
  )!;
  assertOwnFiles(ctx.openid, ACTIVITY_FILES, input.images);
  await checkText(ctx, input.title, `${input.title}\n${input.place}\n${input.description}`);
  // Photos are checked asynchronously: shown to others once WeChat's verdict is pass.
  const media = await startMediaChecks(ctx, input.images, 3);
  const slots: Slot[] = input.slots.length
    ? input.slots.map((s, i) => ({ key: `s${i + 1}`, name: s.name, capacity: s.capacity }))
    : [{ key: ANY_SLOT, name: '志愿者', capacity: input.capacity! }];
  const capacity = slots.reduce((n, s) => n + s.capacity, 0);
  const doc: Omit<ActivityDoc, '_id'> = {
    communityId: compound.communityId,
    compoundId,
    compoundName: compound.name,
    buildingIds,
    audienceLabel: `${compound.name} ${buildingIds.length ? label! : '全体'}${input.partyOnly ? '（限党员）' : ''}`,
    partyOnly: input.partyOnly,
    title: input.title,
    description: input.description,
    images: input.images,
    media,
    mediaTraceIds: media.map((m) => m.traceId),
    place: input.place,
    startAt: new Date(startAt),
    endAt: new Date(endAt),
    deadline: new Date(deadline),
    startDay: formatDate(startAt),
    slots,
    capacity,
    waitlistMax: ACTIVITY_LIMITS.waitlist,
    organiserId: person._id,
    organiserName: person.name,
    organiserRole: role,
    clientRequestId: input.clientRequestId,
    status: 'open',
    checkinSecret: randomBytes(16).toString('hex'),
    createdAt: ctx.now,
  };
  try {
    // The list first (an add: a racing retry never empties a list in use), then the activity.
    await activityLists(ctx.db)
      .add(emptyList({ ...doc, _id: id }))
      .catch(async (e) => {
        if (!(await activityLists(ctx.db).get(id))) throw e;
      });
    await activities(ctx.db).add({ _id: id, ...doc });
  } catch (e) {
    const raced = await activities(ctx.db).get(id);
    if (raced) return detail(ctx, actor, raced);
    throw e;
  }
  return detail(ctx, actor, { ...doc, _id: id });
}

/**
 * Call the activity off (雨天、场地变化): before it starts, by whoever may manage it.
 * One conditional update moves it from open to cancelled (a second call finds it
 * cancelled and changes nothing); everyone on the list is then messaged once by a job
 * whose id is fixed per activity.
 */
export async function cancelActivity(ctx: Ctx, input: { activityId: string; reason: string }): Promise<ActivityDetail> {
  const { actor, a } = await loadManaged(ctx, input.activityId);
  const person = await mustPerson(ctx, actor);
  if (a.status === 'cancelled') return detail(ctx, actor, a);
  if (ctx.now.getTime() >= +new Date(a.startAt)) throw new AppError('BAD_REQUEST', '活动已开始，不能取消');
  await checkText(ctx, '取消活动', input.reason);
  const cancellation = { reason: input.reason, by: person._id, byName: person.name, at: ctx.now };
  const moved = await activities(ctx.db).patchWhere({ _id: a._id, status: 'open' }, { status: 'cancelled', cancellation });
  const now = (await activities(ctx.db).get(a._id))!;
  if (moved) {
    const list = await activityLists(ctx.db).get(a._id);
    const personIds = (list?.members ?? []).filter((p) => p !== person._id);
    if (personIds.length) {
      const job = await enqueue(
        ctx,
        activityMessageJob,
        { activityId: a._id, personIds, fields: activityFields(a, `活动已取消：${input.reason}`) },
        { createdBy: person._id, clientRequestId: `cancel-${a._id}` },
      );
      await work(ctx, { jobId: job._id, budgetMs: workerBudgetMs(deploy) });
    }
  }
  return detail(ctx, actor, now);
}

export async function getActivity(ctx: Ctx, input: { activityId: string }): Promise<ActivityDetail> {
  const { actor, a } = await loadVisible(ctx, input.activityId);
  return detail(ctx, actor, a);
}

/** Upcoming activities of my compounds (indexed by compound, then start), at most 30 looked at. */
async function upcoming(ctx: Ctx, compoundIds: string[], limit = 30): Promise<ActivityDoc[]> {
  if (!compoundIds.length) return [];
  const _ = ctx.db.command;
  return activities(ctx.db).find({ compoundId: _.in(compoundIds), startAt: _.gt(ctx.now) }, { orderBy: [['startAt', 'asc']], limit });
}

async function openFor(ctx: Ctx, limit: number): Promise<ActivityListItem[]> {
  const actor = await ctx.actor();
  const person = actor.personId ? await mustPerson(ctx, actor) : null;
  const list = (await upcoming(ctx, [...new Set(actor.homes.map((h) => h.compoundId))])).filter(
    (a) => a.status === 'open' && +new Date(a.deadline) > ctx.now.getTime() && !joinProblem(a, actor, person),
  );
  const lists = await listsFor(
    ctx,
    list.map((a) => a._id),
  );
  return list
    .map((a) => listItem(a, lists.get(a._id), actor.personId, ctx.now))
    .filter((i) => !i.mine)
    .slice(0, limit);
}

async function mineFor(ctx: Ctx, limit: number, upcomingOnly: boolean): Promise<ActivityListItem[]> {
  const actor = await ctx.actor();
  if (!actor.personId) return [];
  const _ = ctx.db.command;
  const rows = await signups(ctx.db).find(
    { personId: actor.personId, ...(upcomingOnly ? { startAt: _.gt(new Date(ctx.now.getTime() - 12 * 3_600_000)) } : {}) },
    { orderBy: [['startAt', upcomingOnly ? 'asc' : 'desc']], limit: 50 },
  );
  const live = rows.filter((r) => r.status !== 'cancelled');
  const acts = await activities(ctx.db).byIds(live.map((r) => r.activityId));
  const lists = await listsFor(ctx, [...acts.keys()]);
  return live
    .flatMap((r) => (acts.get(r.activityId) ? [listItem(acts.get(r.activityId)!, lists.get(r.activityId), actor.personId, ctx.now)] : []))
    .filter((i) => i.mine)
    .slice(0, limit);
}

export async function listActivities(ctx: Ctx, input: PageInput & { box: 'open' | 'mine' | 'organised' }): Promise<Page<ActivityListItem>> {
  const offset = decodeCursor(input.cursor);
  const size = input.size ?? 20;
  const actor = await ctx.actor();
  if (input.box === 'open') return pageOf((await openFor(ctx, 30)).slice(offset), 0, size);
  if (input.box === 'mine') return pageOf((await mineFor(ctx, 50, false)).slice(offset), 0, size);
  if (!actor.personId) return { items: [] };
  const rows = await activities(ctx.db).find(
    { organiserId: actor.personId },
    { orderBy: [['startAt', 'desc']], skip: offset, limit: size + 1 },
  );
  const lists = await listsFor(
    ctx,
    rows.map((a) => a._id),
  );
  return pageOf(
    rows.map((a) => listItem(a, lists.get(a._id), actor.personId, ctx.now)),
    offset,
    size,
  );
}

export async function homeActivities(ctx: Ctx): Promise<ActivityHome> {
  const actor = await ctx.actor();
  const [open, mine] = await Promise.all([openFor(ctx, 3), mineFor(ctx, 3, true)]);
  let today: ActivityHome['today'] = [];
  if (actor.personId && actor.roles.length) {
    const _ = ctx.db.command;
    const day = shanghai(ctx.now);
    const rows = await activities(ctx.db).find(
      { organiserId: actor.personId, startAt: _.and(_.gte(day.startOf('day').toDate()), _.lte(day.endOf('day').toDate())) },
      { orderBy: [['startAt', 'asc']], limit: 5 },
    );
    const lists = await listsFor(
      ctx,
      rows.map((a) => a._id),
    );
    today = await Promise.all(
      rows.map(async (a) => ({
        id: a._id,
        title: a.title,
        startAt: listItem(a, lists.get(a._id), null, ctx.now).startAt,
        confirmed: listItem(a, lists.get(a._id), null, ctx.now).confirmed,
        checkedIn: await signups(ctx.db).count({ activityId: a._id, checkedInAt: _.gt(new Date(0)) }),
      })),
    );
  }
  return { open, mine, today };
}

/** The wxa_media_check push for an activity photo (forwarded by notices): recorded per photo. */
export async function onMediaCheck(ctx: Ctx, event: Record<string, unknown>) {
  const v = verdictOf(event);
  const hit = await activities(ctx.db).first({ mediaTraceIds: v.traceId });
  if (!hit) return { handled: false };
  await transaction(ctx.db, async (tx) => {
    const cur = await activities(ctx.db).in(tx).must(hit._id);
    const media = (cur.media ?? []).map((m) => (m.traceId === v.traceId ? { ...m, status: v.status, label: v.label } : m));
    await activities(ctx.db)
      .in(tx)
      .patch(hit._id, { media: ctx.db.command.set(media) });
  });
  return { handled: true, activityId: hit._id, status: v.status };
}
