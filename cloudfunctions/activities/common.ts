/** What every activities use case shares: loading with "hide, then forbid", who manages, and the views. */
import type { ActivityDetail, ActivityListItem, SignupRow, SlotView } from '../../core/activities/contract';
import { ANY_SLOT, checkInOpen, creditCorrection, joinProblem, placeOf } from '../../core/activities/rules';
import { can } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { iso } from '../_shared/db';
import { callerPerson } from '../_shared/actor';
import type { Ctx } from '../_shared/router';
import { partyShown } from '../_shared/party-badge';
import { people, type PersonDoc } from '../_shared/directory';
import { activities, activityLists, signupId, signups, type ActivityDoc, type ActivityListDoc, type SignupDoc } from './docs';

export async function mustPerson(ctx: Ctx, actor: Actor): Promise<PersonDoc> {
  if (!actor.personId) throw new AppError('NOT_REGISTERED');
  // The caller's own document was read with the actor (callerOf): not read again.
  const p = (await callerPerson(ctx, actor.personId)) ?? (await people(ctx.db).get(actor.personId));
  if (!p) throw new AppError('NOT_REGISTERED');
  return p;
}

/** The caller runs this activity by their current role: compound roles, or the lead of every building it is for. */
export function manages(actor: Pick<Actor, 'roles'>, a: Pick<ActivityDoc, 'communityId' | 'compoundId' | 'buildingIds'>): boolean {
  const base = { communityId: a.communityId, compoundId: a.compoundId };
  if (can(actor, 'activity.manage', base)) return true;
  return a.buildingIds.length > 0 && a.buildingIds.every((b) => can(actor, 'activity.manage', { ...base, buildingId: b }));
}

/** Residents of the compound and its organisers see an activity; to anyone else it does not exist. */
export function sees(actor: Actor, a: ActivityDoc): boolean {
  return actor.homes.some((h) => h.compoundId === a.compoundId) || manages(actor, a);
}

export async function loadVisible(ctx: Ctx, activityId: string) {
  const actor = await ctx.actor();
  const a = await activities(ctx.db).get(activityId);
  if (!a || !sees(actor, a)) throw new AppError('NOT_FOUND');
  return { actor, a };
}

export async function loadManaged(ctx: Ctx, activityId: string) {
  const { actor, a } = await loadVisible(ctx, activityId);
  if (!manages(actor, a)) throw new AppError('FORBIDDEN');
  return { actor, a };
}

export const WAITING_SHOWN = 20;

export const emptyList = (a: ActivityDoc): ActivityListDoc => ({
  _id: a._id,
  members: [],
  queues: Object.fromEntries(a.slots.map((s) => [s.key, []])),
  size: 0,
  version: 0,
});

export function slotViews(a: ActivityDoc, list: ActivityListDoc): SlotView[] {
  return a.slots.map((s) => {
    const q = list.queues[s.key] ?? [];
    const confirmed = Math.min(q.length, s.capacity);
    return { key: s.key, name: s.name, capacity: s.capacity, confirmed, waiting: q.length - confirmed, left: s.capacity - confirmed };
  });
}

/** My place on the list, from the list itself (the truth), not the mirror. */
export function myPlace(a: ActivityDoc, list: ActivityListDoc, personId: string | null) {
  if (!personId) return undefined;
  for (const s of a.slots) {
    const p = placeOf(list.queues[s.key] ?? [], s.capacity, personId);
    if (p) return { status: p.status, slotKey: s.key, position: p.position };
  }
  return undefined;
}

/**
 * The photos a viewer sees: those WeChat's image check passed (an activity made before
 * the check has no record: shown); its managers also see the ones still being checked.
 */
export function shownImages(a: Pick<ActivityDoc, 'images' | 'media'>, managing: boolean): string[] {
  const status = new Map((a.media ?? []).map((m) => [m.fileID, m.status]));
  return a.images.filter((f) => {
    const st = status.get(f) ?? 'pass';
    return st === 'pass' || (st === 'pending' && managing);
  });
}

export function listItem(a: ActivityDoc, list: ActivityListDoc | undefined, personId: string | null, now: Date): ActivityListItem {
  const l = list ?? emptyList(a);
  const slots = slotViews(a, l);
  const mine = myPlace(a, l, personId);
  return {
    id: a._id,
    title: a.title,
    place: a.place,
    startAt: iso(a.startAt),
    endAt: iso(a.endAt),
    deadline: iso(a.deadline),
    compoundId: a.compoundId,
    audienceLabel: a.audienceLabel,
    partyOnly: a.partyOnly,
    organiserName: a.organiserName,
    capacity: a.capacity,
    confirmed: slots.reduce((n, s) => n + s.confirmed, 0),
    waiting: slots.reduce((n, s) => n + s.waiting, 0),
    ...(mine ? { mine } : {}),
    ...(shownImages(a, false)[0] ? { cover: shownImages(a, false)[0] } : {}),
    ended: +new Date(a.endAt) < now.getTime(),
    ...(a.status === 'cancelled' && a.cancellation
      ? { cancelled: { reason: a.cancellation.reason, byName: a.cancellation.byName, at: iso(a.cancellation.at) } }
      : {}),
  };
}

export async function listsFor(ctx: Ctx, ids: string[]) {
  return activityLists(ctx.db).byIds(ids);
}

/** The whole page of one activity for this caller. */
export async function detailView(ctx: Ctx, actor: Actor, a: ActivityDoc): Promise<ActivityDetail> {
  const list = (await activityLists(ctx.db).get(a._id)) ?? emptyList(a);
  const managing = manages(actor, a);
  const person = actor.personId ? await people(ctx.db).get(actor.personId) : null;
  // Every confirmed place and the first waiting: what a page (and a 接龙) shows; the export has all.
  const shown = (q: string[], cap: number) => q.filter((pid, i) => i < cap + WAITING_SHOWN || pid === actor.personId);
  const ids = a.slots.flatMap((s) => shown(list.queues[s.key] ?? [], s.capacity));
  const rows = await signups(ctx.db).byIds(ids.map((p) => signupId(a._id, p)));
  // 亮身份 as each person's consent is now (a withdrawal covers sign-ups already made).
  const badged = await partyShown(
    ctx.db,
    [...rows.values()].filter((d) => d.partyBadge).map((d) => d.personId),
  );
  const list2: SignupRow[] = [];
  let moreWaiting = 0;
  for (const s of a.slots) {
    (list.queues[s.key] ?? []).forEach((pid, i) => {
      if (i >= s.capacity + WAITING_SHOWN && pid !== actor.personId) {
        moreWaiting++;
        return;
      }
      const d = rows.get(signupId(a._id, pid));
      const confirmed = i < s.capacity;
      list2.push({
        personId: pid,
        no: i + 1,
        name: d?.name ?? '邻居',
        partyBadge: !!d?.partyBadge && badged.has(pid),
        slotKey: s.key,
        status: confirmed ? 'confirmed' : 'waitlisted',
        isMe: pid === actor.personId,
        ...(d?.checkedInAt ? { checkedInAt: iso(d.checkedInAt) } : {}),
        ...(d?.checkedOutAt ? { checkedOutAt: iso(d.checkedOutAt) } : {}),
        ...(typeof d?.minutes === 'number' ? { minutes: d.minutes } : {}),
        ...(d?.corrected ? { corrected: true } : {}),
        ...(managing && d ? { phone: d.phone ?? '', buildingName: d.buildingName } : {}),
        ...(managing && d?.checkedInAt && d.checkedOutAt && !d.corrected ? noteOf(d.checkedInAt, d.checkedOutAt, a) : {}),
      });
    });
  }
  const item = listItem(a, list, actor.personId, ctx.now);
  const now = ctx.now.getTime();
  const closed = a.status !== 'open' || now > +new Date(a.deadline);
  const problem = item.mine
    ? undefined
    : a.status === 'cancelled'
      ? '活动已取消'
      : closed
        ? '报名已截止'
        : (joinProblem(a, actor, person) ?? undefined);
  const full = a.slots.every((s) => (list.queues[s.key] ?? []).length >= s.capacity) && list.size >= a.capacity + a.waitlistMax;
  const mineRow = item.mine ? rows.get(signupId(a._id, actor.personId!)) : undefined;
  const open = checkInOpen({ startAt: +new Date(a.startAt), endAt: +new Date(a.endAt) }, now);
  return {
    ...item,
    description: a.description,
    images: shownImages(a, managing).map((fileID) => ({ fileID, url: '' })),
    ...(managing && (a.media ?? []).some((m) => m.status !== 'pass')
      ? {
          imagesChecking: (a.media ?? []).filter((m) => m.status === 'pending').length,
          imagesRefused: (a.media ?? []).filter((m) => m.status === 'risky').length,
        }
      : {}),
    slots: slotViews(a, list),
    list: list2,
    moreWaiting,
    ...(problem ? { joinProblem: problem } : full && !item.mine ? { joinProblem: '名额和候补都已满' } : {}),
    canJoin: !item.mine && !problem && !full,
    canCancel: !!item.mine && !closed,
    canManage: managing,
    canCancelActivity: managing && a.status === 'open' && now < +new Date(a.startAt),
    canCheckIn: a.status === 'open' && item.mine?.status === 'confirmed' && open && !mineRow?.checkedInAt,
    canCheckOut: a.status === 'open' && item.mine?.status === 'confirmed' && !!mineRow?.checkedInAt && !mineRow?.checkedOutAt,
  };
}

/** Temp URLs for an activity's photos. */
export async function withImageUrls(ctx: Ctx, d: ActivityDetail): Promise<ActivityDetail> {
  if (!d.images.length) return d;
  const res = (await ctx.cloud.getTempFileURL({ fileList: d.images.map((i) => i.fileID) })) as {
    fileList: { fileID: string; tempFileURL: string }[];
  };
  const by = new Map(res.fileList.map((f) => [f.fileID, f.tempFileURL]));
  return { ...d, images: d.images.map((i) => ({ fileID: i.fileID, url: by.get(i.fileID) ?? '' })) };
}

export async function detail(ctx: Ctx, actor: Actor, a: ActivityDoc) {
  return withImageUrls(ctx, await detailView(ctx, actor, a));
}

export const ANY = ANY_SLOT;
export type { SignupDoc };

/** The organiser's note when the rule credited less than the time between check-in and check-out. */
function noteOf(inAt: Date, outAt: Date, a: Pick<ActivityDoc, 'startAt' | 'endAt'>): { creditNote?: string } {
  const note = creditCorrection(inAt, outAt, a.startAt, a.endAt);
  return note ? { creditNote: note } : {};
}
