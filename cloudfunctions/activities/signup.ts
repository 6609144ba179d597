/**
 * Joining and leaving the 接龙 list. The list document is changed only by single
 * conditional updates — append if absent and not full; remove if present — which
 * the database applies one at a time in arrival order. There is no transaction on
 * the hot path, so 200 people arriving at once meet no lock conflict, and nothing
 * is retried that could change anyone's place. A repeated call (a retry after a
 * timeout, a double tap) finds the person on the list and changes nothing.
 */
import { ACTIVITY_TEMPLATE_FIELDS, ACTIVITY_TEMPLATE_ID, type ActivityDetail } from '../../core/activities/contract';
import { activityPage, homeBuildingFor, joinProblem, placeOf, promoted } from '../../core/activities/rules';
import { AppError } from '../../core/platform/errors';
import { formatDateTime } from '../../core/platform/time';
import { buildings } from '../_shared/directory';
import { defineJob, enqueue, work, workerBudgetMs } from '../_shared/jobs';
import { sendWithGrant } from '../_shared/messaging';
import type { Ctx } from '../_shared/router';
import { detail, loadVisible, mustPerson } from './common';
import { activityLists, signupId, signups, type ActivityDoc, type ActivityListDoc, type SignupDoc } from './docs';
import deploy from './deploy.json';

const clip = (s: string, n = 20) =>
  Array.from(s).length > n
    ? Array.from(s)
        .slice(0, n - 1)
        .join('') + '…'
    : s;

export function activityFields(a: Pick<ActivityDoc, 'title' | 'startAt' | 'place'>, note: string) {
  const f = ACTIVITY_TEMPLATE_FIELDS;
  return {
    [f.title]: { value: clip(a.title) },
    [f.time]: { value: formatDateTime(a.startAt) },
    [f.place]: { value: clip(a.place) },
    [f.note]: { value: clip(note) },
  };
}

/** Messages to a few people (promotions): one job per change, each person messaged at most once. */
export const activityMessageJob = defineJob<
  { activityId: string; personIds: string[]; fields: Record<string, { value: string }> },
  { personId: string }
>({
  kind: 'activities.message',
  batchSize: 50,
  async next(_ctx, job, cursor, limit) {
    const start = cursor ? Number(cursor) : 0;
    const ids = job.params.personIds.slice(start, start + limit);
    const end = start + ids.length;
    return {
      items: ids.map((p) => ({ key: p, data: { personId: p } })),
      cursor: end >= job.params.personIds.length ? null : String(end),
      total: job.params.personIds.length,
    };
  },
  async apply(ctx, job, item) {
    const s = await signups(ctx.db).get(signupId(job.params.activityId, item.data.personId));
    if (!s?.openid) return 'skipped';
    const r = await sendWithGrant(
      ctx.db,
      ctx.cloud,
      { touser: s.openid, templateId: ACTIVITY_TEMPLATE_ID, page: activityPage(job.params.activityId), data: job.params.fields },
      new Date(),
    );
    return r === 'sent' ? 'done' : 'skipped';
  },
});

/**
 * Bring the mirrors of `personIds` in line with the list. Statuses only move forward
 * (conditional updates), so a reader of an older list can never undo a newer one.
 * Returns who moved from waiting to confirmed (they are told).
 */
async function sync(ctx: Ctx, a: ActivityDoc, list: ActivityListDoc, personIds: string[]): Promise<string[]> {
  const _ = ctx.db.command;
  const moved: string[] = [];
  const rows = await signups(ctx.db).byIds(personIds.map((p) => signupId(a._id, p)));
  for (const pid of personIds) {
    const row = rows.get(signupId(a._id, pid));
    if (!row || row.status === 'cancelled' || row.status === 'confirmed') continue;
    const slot = a.slots.find((s) => s.key === row.slotKey);
    const place = slot ? placeOf(list.queues[slot.key] ?? [], slot.capacity, pid) : null;
    if (!place) continue;
    if (place.status === 'waitlisted' && row.status === 'joining') {
      await signups(ctx.db).patchWhere({ _id: row._id, status: 'joining' }, { status: 'waitlisted', updatedAt: ctx.now });
    } else if (place.status === 'confirmed') {
      const n = await signups(ctx.db).patchWhere(
        { _id: row._id, status: _.in(['joining', 'waitlisted']) },
        { status: 'confirmed', updatedAt: ctx.now },
      );
      if (n && row.status === 'waitlisted') moved.push(pid);
    }
  }
  return moved;
}

export async function signUp(ctx: Ctx, input: { activityId: string; slotKey?: string }): Promise<ActivityDetail> {
  const { actor, a } = await loadVisible(ctx, input.activityId);
  const person = await mustPerson(ctx, actor);
  const slotKey = a.slots.length === 1 && !input.slotKey ? a.slots[0].key : input.slotKey;
  const slot = a.slots.find((s) => s.key === slotKey);
  if (!slot) throw new AppError('BAD_REQUEST', '请选择报名岗位');
  const lists = activityLists(ctx.db);
  const before = await lists.must(a._id);
  if (before.members.includes(person._id)) return detail(ctx, actor, a); // already on the list: nothing changes
  const problem = joinProblem(a, actor, person);
  if (problem) throw new AppError('NOT_ELIGIBLE', problem);
  if (a.status !== 'open' || ctx.now.getTime() > +new Date(a.deadline)) throw new AppError('SIGNUP_CLOSED');
  const buildingId = homeBuildingFor(a, actor)!;
  const building = await buildings(ctx.db).get(buildingId);
  const sid = signupId(a._id, person._id);
  const fresh: Omit<SignupDoc, '_id'> = {
    activityId: a._id,
    personId: person._id,
    openid: person.openid,
    name: person.name,
    partyBadge: person.partyMember && person.showPartyBadge,
    ...(person.phone ? { phone: person.phone } : {}),
    buildingId,
    buildingName: building?.name ?? '',
    slotKey: slot.key,
    status: 'joining',
    startAt: a.startAt,
    joinedAt: ctx.now,
    checkedInAt: null,
    checkedOutAt: null,
    minutes: null,
    updatedAt: ctx.now,
  };
  const _ = ctx.db.command;
  // The mirror first, as 'joining' (never over a live sign-up: add, or reopen a cancelled one).
  try {
    await signups(ctx.db).add({ _id: sid, ...fresh });
  } catch {
    await signups(ctx.db).patchWhere({ _id: sid, status: 'cancelled' }, fresh);
  }
  // The one write that decides the place: append if absent and there is room.
  const joined = await lists.patchWhere(
    { _id: a._id, members: _.nin([person._id]), size: _.lt(a.capacity + a.waitlistMax) },
    { members: _.push(person._id), [`queues.${slot.key}`]: _.push(person._id), size: _.inc(1), version: _.inc(1) },
  );
  const after = await lists.must(a._id);
  if (!joined && !after.members.includes(person._id)) {
    await signups(ctx.db).patchWhere({ _id: sid, status: 'joining' }, { status: 'cancelled', updatedAt: ctx.now });
    throw new AppError('ACTIVITY_FULL');
  }
  await sync(ctx, a, after, [person._id]);
  return detail(ctx, actor, a);
}

export async function cancelSignUp(ctx: Ctx, input: { activityId: string }): Promise<ActivityDetail> {
  const { actor, a } = await loadVisible(ctx, input.activityId);
  const person = await mustPerson(ctx, actor);
  const lists = activityLists(ctx.db);
  const before = await lists.must(a._id);
  if (!before.members.includes(person._id)) throw new AppError('NOT_FOUND', '您没有报名这个活动');
  if (ctx.now.getTime() > +new Date(a.deadline)) throw new AppError('SIGNUP_CLOSED', '报名已截止，不能在线取消，请联系组织者');
  const _ = ctx.db.command;
  const pulls = Object.fromEntries(a.slots.map((s) => [`queues.${s.key}`, _.pull(person._id)]));
  const left = await lists.patchWhere(
    { _id: a._id, members: person._id },
    { members: _.pull(person._id), ...pulls, size: _.inc(-1), version: _.inc(1) },
  );
  await signups(ctx.db).patchWhere(
    { _id: signupId(a._id, person._id), status: _.neq('cancelled') },
    { status: 'cancelled', updatedAt: ctx.now },
  );
  if (left) {
    // The first waiting of each slot moved up by itself; bring their mirrors along and tell them.
    const after = await lists.must(a._id);
    const candidates = a.slots.flatMap((s) =>
      promoted(before.queues[s.key] ?? [], after.queues[s.key] ?? [], s.capacity).concat((after.queues[s.key] ?? []).slice(0, s.capacity)),
    );
    const moved = await sync(ctx, a, after, [...new Set(candidates)]);
    if (moved.length) {
      const job = await enqueue(
        ctx,
        activityMessageJob,
        { activityId: a._id, personIds: moved, fields: activityFields(a, '候补转正：您已报名成功') },
        { createdBy: person._id, clientRequestId: `promote-${a._id}-${after.version}` },
      );
      await work(ctx, { jobId: job._id, budgetMs: workerBudgetMs(deploy) });
    }
  }
  return detail(ctx, actor, a);
}
