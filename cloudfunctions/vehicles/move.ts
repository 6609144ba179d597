/**
 * 挪车: a resident asks the owner of a plate to come, without learning who or where
 * the owner is. The request goes to the owner's household (a subscribe message and
 * their home card); when nobody there can be messaged, to the building's lead, else
 * to the property office, who may knock or call; an unregistered plate goes to the
 * property office. Limits that must hold under parallel calls (per requester per
 * day, per plate per 10 minutes) move in the request's own transaction.
 */
import { createHash } from 'node:crypto';
import type { MoveRequestView } from '../../core/vehicles/contract';
import { VEHICLE_FILES, VEHICLE_TEMPLATE_FIELDS, VEHICLE_TEMPLATE_ID } from '../../core/vehicles/contract';
import { AppError } from '../../core/platform/errors';
import { can } from '../../core/authz';
import type { Actor } from '../../core/platform/roles';
import { formatDate, formatDateTime, periodOf } from '../../core/platform/time';
import {
  MOVE_STATUS_LABELS,
  MOVE_TRANSITIONS,
  VEHICLE_LIMITS,
  allowedMoves,
  expiresAt,
  maskPlate,
  minutesBetween,
  movePage,
  routeOf,
  samePlateWait,
  type MoveAction,
  type MoveParty,
  type MoveReason,
  type MoveRoute,
} from '../../core/vehicles/rules';
import type { Ctx } from '../_shared/router';
import { compounds, homes, memberships, people, requirePerson, roles as rolesRepo } from '../_shared/directory';
import { assertOwnFiles } from '../_shared/files';
import { startMediaChecks } from '../_shared/media';
import { grantsLeft, sendWithGrant } from '../_shared/messaging';
import { transaction } from '../_shared/repo';
import { moveLimits, moveMonths, moveRequests, vehicleId, vehicles, type MoveMonthDoc, type MoveRequestDoc } from './docs';
import { viewFor } from './views';

/** msgSecCheck v2 scene 2 (评论): a short note to a neighbour. */
const SEC_SCENE = 2;

export function moveIdFor(personId: string, clientRequestId: string): string {
  return 'm' + createHash('sha256').update(`${personId}\n${clientRequestId}`).digest('hex').slice(0, 31);
}

async function checkText(ctx: Ctx, content: string) {
  let res: { result?: { suggest?: string } };
  try {
    res = await ctx.cloud.openapi.security.msgSecCheck({ openid: ctx.openid, scene: SEC_SCENE, version: 2, content });
  } catch (e) {
    console.error('[msgSecCheck]', (e as Error).message);
    throw new AppError('INTERNAL', '内容安全检测暂时不可用，请稍后再提交');
  }
  if ((res.result?.suggest ?? 'risky') !== 'pass') throw new AppError('CONTENT_REJECTED', '补充说明未通过安全检测，请修改后再提交');
}

const dayLimitId = (personId: string, now: Date) => `d_${personId}_${formatDate(now)}`;
const plateLimitId = (compoundId: string, plate: string) => `p_${compoundId}_${plate}`;

function rateLimited(count: number, lastAt: Date | null, now: Date) {
  if (count >= VEHICLE_LIMITS.perRequesterPerDay)
    throw new AppError('RATE_LIMITED', `每人每天最多发送${VEHICLE_LIMITS.perRequesterPerDay}次挪车提醒，急事请联系物业`);
  const wait = samePlateWait(lastAt, now);
  if (wait !== null)
    throw new AppError('RATE_LIMITED', `这辆车${VEHICLE_LIMITS.samePlateMinutes}分钟内已有人提醒过车主，请${wait}分钟后再试`);
}

/** Count one request (and one forwarded) in its month; the counts outlive the requests. */
export async function bumpMonth(
  ctx: Ctx,
  compoundId: string,
  period: string,
  patch: Partial<Record<'requests' | 'forwarded' | 'reported' | 'deleted', number>> & { handledMinutes?: number },
) {
  const _ = ctx.db.command;
  const id = `${compoundId}_${period}`;
  const update: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) if (k !== 'handledMinutes' && v) update[k] = _.inc(v as number);
  if (patch.handledMinutes !== undefined) update.handledMinutes = _.push([patch.handledMinutes]);
  if (await moveMonths(ctx.db).patch(id, update)) return;
  const doc: Omit<MoveMonthDoc, '_id'> = {
    compoundId,
    period,
    requests: patch.requests ?? 0,
    forwarded: patch.forwarded ?? 0,
    reported: patch.reported ?? 0,
    deleted: patch.deleted ?? 0,
    handledMinutes: patch.handledMinutes !== undefined ? [patch.handledMinutes] : [],
  };
  try {
    await moveMonths(ctx.db).add({ _id: id, ...doc });
  } catch {
    await moveMonths(ctx.db).patch(id, update); // created by a parallel request
  }
}

interface Household {
  personIds: string[];
  openids: string[];
}
async function householdOf(ctx: Ctx, homeId: string): Promise<Household> {
  const ms = await memberships(ctx.db).find({ homeId, status: 'active' }, { limit: 50 });
  const ps = await people(ctx.db).byIds(ms.map((m) => m.personId));
  const list = [...ps.values()].filter((p) => p.openid);
  return { personIds: list.map((p) => p._id), openids: list.map((p) => p.openid) };
}

/** The leads of a building (role grants of the compound that list it). */
async function leadsOf(ctx: Ctx, compoundId: string, buildingId: string): Promise<string[]> {
  const grants = await rolesRepo(ctx.db).find({ compoundId, role: 'buildingLead' }, { limit: 200 });
  return [...new Set(grants.filter((g) => (g.buildingIds ?? []).includes(buildingId)).map((g) => g.personId))];
}
async function propertyOf(ctx: Ctx, compoundId: string): Promise<string[]> {
  const _ = ctx.db.command;
  const grants = await rolesRepo(ctx.db).find({ compoundId, role: _.in(['propertyManager', 'staff']) }, { limit: 200 });
  return [...new Set(grants.map((g) => g.personId))];
}

function messageFor(r: Pick<MoveRequestDoc, '_id' | 'plate' | 'reason' | 'note' | 'createdAt'>, plateShown: string, note: string) {
  const f = VEHICLE_TEMPLATE_FIELDS;
  const clip = (s: string, n = 20) =>
    Array.from(s).length > n
      ? Array.from(s)
          .slice(0, n - 1)
          .join('') + '…'
      : s;
  return {
    templateId: VEHICLE_TEMPLATE_ID,
    page: movePage(r._id),
    data: {
      [f.plate]: { value: plateShown },
      [f.reason]: { value: clip(r.reason) },
      [f.time]: { value: formatDateTime(r.createdAt) },
      [f.note]: { value: clip(note) },
    },
  };
}

/** One message per person (each spends their own grant); answers how many went out. A failure never undoes the request. */
async function sendTo(ctx: Ctx, openids: string[], msg: ReturnType<typeof messageFor>): Promise<number> {
  let sent = 0;
  for (const touser of openids) {
    try {
      if ((await sendWithGrant(ctx.db, ctx.cloud, { touser, ...msg }, ctx.now)) === 'sent') sent++;
    } catch (e) {
      console.error('[vehicles notify]', (e as Error).message);
    }
  }
  return sent;
}

async function personIdsToOpenids(ctx: Ctx, ids: string[]): Promise<string[]> {
  const ps = await people(ctx.db).byIds(ids);
  return [...ps.values()].map((p) => p.openid).filter(Boolean);
}

function audienceOf(route: MoveRoute, r: { ownerHomeId: string | null; ownerBuildingId: string | null; compoundId: string }): string[] {
  const home = r.ownerHomeId ? [`h:${r.ownerHomeId}`] : [];
  // The property office sees what a lead has too: the office on duty is the fallback of the fallback.
  if (route === 'owner') return home;
  if (route === 'lead') return [...home, `b:${r.ownerBuildingId}`, `c:${r.compoundId}`];
  return [...home, `c:${r.compoundId}`];
}

export interface RequestInput {
  clientRequestId: string;
  compoundId: string;
  plate: string;
  reason: MoveReason;
  note?: string;
  photos: string[];
}

export async function requestMove(ctx: Ctx, input: RequestInput) {
  assertOwnFiles(ctx.openid, VEHICLE_FILES, input.photos);
  const actor = await ctx.actor();
  const myHome = actor.homes.find((h) => h.compoundId === input.compoundId);
  if (!myHome) throw new AppError('FORBIDDEN', '只能在自己所住的小区发送挪车提醒');
  const person = await requirePerson(ctx.db, actor);
  const id = moveIdFor(person._id, input.clientRequestId);
  const already = await moveRequests(ctx.db).get(id);
  if (already) return viewFor(ctx, actor, already, 'requester');
  const compound = await compounds(ctx.db).must(input.compoundId, '小区不存在');
  const vehicle = await vehicles(ctx.db).get(vehicleId(compound._id, input.plate));
  if (vehicle && actor.homes.some((h) => h.homeId === vehicle.homeId)) throw new AppError('VEHICLE_OWN');
  // Fail fast before the checks that cost a call; the transaction below decides.
  const limits = await moveLimits(ctx.db).byIds([dayLimitId(person._id, ctx.now), plateLimitId(compound._id, input.plate)]);
  rateLimited(
    limits.get(dayLimitId(person._id, ctx.now))?.count ?? 0,
    limits.get(plateLimitId(compound._id, input.plate))?.lastAt ?? null,
    ctx.now,
  );
  if (input.note) await checkText(ctx, input.note);
  const media = await startMediaChecks(ctx, input.photos, SEC_SCENE);

  const household = vehicle ? await householdOf(ctx, vehicle.homeId) : { personIds: [], openids: [] };
  const grants = await grantsLeft(ctx.db, household.openids, VEHICLE_TEMPLATE_ID);
  const messageable = household.openids.filter((o) => (grants.get(o) ?? 0) > 0);
  const leads = vehicle ? await leadsOf(ctx, compound._id, vehicle.buildingId) : [];
  let route = routeOf({ registered: !!vehicle, messageable: messageable.length > 0, hasLead: leads.length > 0 });
  const place = { ownerHomeId: vehicle?.homeId ?? null, ownerBuildingId: vehicle?.buildingId ?? null, compoundId: compound._id };
  const doc: Omit<MoveRequestDoc, '_id'> = {
    clientRequestId: input.clientRequestId,
    communityId: compound.communityId,
    compoundId: compound._id,
    compoundName: compound.name,
    plate: input.plate,
    ownerHomeId: vehicle?.homeId ?? null,
    ownerHomeLabel: vehicle?.homeLabel ?? null,
    ownerBuildingId: vehicle?.buildingId ?? null,
    reason: input.reason,
    note: input.note ?? null,
    media,
    mediaTraceIds: media.map((m) => m.traceId),
    requesterId: person._id,
    requesterName: person.name,
    requesterHomeLabel: (await homes(ctx.db).get(myHome.homeId))?.label ?? '',
    route,
    status: route === 'owner' ? 'notified' : 'forwarded',
    open: true,
    audience: audienceOf(route, place),
    reported: false,
    handledAt: null,
    handledBy: null,
    resolvedAt: null,
    period: periodOf(ctx.now),
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expiresAt: expiresAt(ctx.now),
  };
  const created = await transaction(ctx.db, async (tx) => {
    const raced = await moveRequests(ctx.db).in(tx).get(id);
    if (raced) return false;
    const day = await moveLimits(ctx.db).in(tx).get(dayLimitId(person._id, ctx.now));
    const plate = await moveLimits(ctx.db).in(tx).get(plateLimitId(compound._id, input.plate));
    rateLimited(day?.count ?? 0, plate?.lastAt ?? null, ctx.now);
    const dayEnd = new Date(ctx.now.getTime() + 2 * 24 * 3600_000);
    await moveLimits(ctx.db)
      .in(tx)
      .put(dayLimitId(person._id, ctx.now), { count: (day?.count ?? 0) + 1, lastAt: ctx.now, expiresAt: dayEnd });
    await moveLimits(ctx.db)
      .in(tx)
      .put(plateLimitId(compound._id, input.plate), { count: (plate?.count ?? 0) + 1, lastAt: ctx.now, expiresAt: dayEnd });
    await moveRequests(ctx.db).in(tx).put(id, doc);
    return true;
  });
  if (!created) return viewFor(ctx, actor, await moveRequests(ctx.db).must(id), 'requester');

  const r = { _id: id, ...doc };
  if (route === 'owner') {
    const sent = await sendTo(ctx, messageable, messageFor(r, input.plate, input.note ?? '请尽快到车旁处理'));
    if (sent === 0) {
      // Our count said yes, WeChat said no: the household cannot be messaged after all.
      route = leads.length ? 'lead' : 'property';
      const patch = { route, status: 'forwarded' as const, audience: audienceOf(route, place), version: 2, updatedAt: ctx.now };
      await moveRequests(ctx.db).patch(id, patch);
      Object.assign(r, patch);
    }
  }
  if (route !== 'owner') {
    const to = route === 'lead' ? leads : await propertyOf(ctx, compound._id);
    await sendTo(
      ctx,
      await personIdsToOpenids(ctx, to),
      messageFor(r, input.plate, vehicle ? '车主暂时收不到提醒，请上门或电话告知' : '未登记车牌，请物业处理'),
    );
  }
  await bumpMonth(ctx, compound._id, doc.period, { requests: 1, forwarded: route === 'owner' ? 0 : 1 });
  return viewFor(ctx, actor, r, 'requester');
}

// ---------------------------------------------------------------- who is who

/** The parties the caller is to a request: the requester first, so they never see more than their own view. */
export function partiesOf(actor: Actor, r: MoveRequestDoc): MoveParty[] {
  const out: MoveParty[] = [];
  if (actor.personId && r.requesterId === actor.personId) out.push('requester');
  if (r.ownerHomeId && actor.homes.some((h) => h.homeId === r.ownerHomeId)) out.push('household');
  const target = { communityId: r.communityId, compoundId: r.compoundId, ...(r.ownerBuildingId ? { buildingId: r.ownerBuildingId } : {}) };
  // A lead's grant covers only their buildings (an unregistered plate has none); the property office covers the compound.
  if (r.route !== 'owner' && can(actor, 'vehicle.respond', target)) out.push('responder');
  return out;
}

export function viewAs(parties: MoveParty[]): 'requester' | 'household' | 'responder' | null {
  if (parties.includes('requester')) return 'requester';
  if (parties.includes('household')) return 'household';
  if (parties.includes('responder')) return 'responder';
  return null;
}

async function loadFor(ctx: Ctx, requestId: string) {
  const actor = await ctx.actor();
  const r = await moveRequests(ctx.db).get(requestId);
  const as = r ? viewAs(partiesOf(actor, r)) : null;
  // Someone who may not see it learns nothing: the same answer as a missing id.
  if (!r || !as) throw new AppError('NOT_FOUND');
  return { actor, r, as };
}

export async function getMove(ctx: Ctx, input: { requestId: string }): Promise<MoveRequestView> {
  const { actor, r, as } = await loadFor(ctx, input.requestId);
  return viewFor(ctx, actor, r, as);
}

async function move(ctx: Ctx, requestId: string, act: MoveAction): Promise<MoveRequestView> {
  const { actor, r, as } = await loadFor(ctx, requestId);
  const parties = partiesOf(actor, r);
  const t = MOVE_TRANSITIONS[act];
  // The requester may not act as the household or the responder, even if they are one (least surprise).
  const acting = as === 'requester' ? (['requester'] as MoveParty[]) : parties.filter((p) => p !== 'requester');
  if (!t.by.some((p) => acting.includes(p))) throw new AppError('FORBIDDEN');
  const after = await transaction(ctx.db, async (tx) => {
    const cur = await moveRequests(ctx.db).in(tx).must(r._id);
    if (cur.version !== r.version || !allowedMoves(cur.status, acting, cur.reported).includes(act)) throw new AppError('MOVE_STATE');
    const patch: Partial<MoveRequestDoc> = { version: cur.version + 1, updatedAt: ctx.now };
    if (act === 'report') patch.reported = true;
    if (t.to) {
      patch.status = t.to;
      patch.open = t.to === 'notified' || t.to === 'forwarded';
    }
    if (act === 'handle') {
      patch.handledAt = ctx.now;
      patch.handledBy = acting.includes('household') ? 'household' : 'responder';
    }
    if (act === 'resolve') patch.resolvedAt = ctx.now;
    await moveRequests(ctx.db).in(tx).patch(r._id, patch);
    return { ...cur, ...patch } as MoveRequestDoc;
  });
  if (act === 'handle' && !r.handledAt)
    await bumpMonth(ctx, r.compoundId, r.period, {
      handledMinutes: minutesBetween(r.createdAt instanceof Date ? r.createdAt : new Date(r.createdAt), ctx.now),
    });
  if (act === 'report') await bumpMonth(ctx, r.compoundId, r.period, { reported: 1 });
  if (act === 'handle' || act === 'unreachable') {
    // The requester hears the new status; the message shows the plate masked and nobody's name.
    const requester = await people(ctx.db).get(r.requesterId);
    if (requester?.openid) await sendTo(ctx, [requester.openid], messageFor(after, maskPlate(r.plate), MOVE_STATUS_LABELS[after.status]));
  }
  return viewFor(ctx, actor, after, as);
}

export const handleMove = (ctx: Ctx, input: { requestId: string }) => move(ctx, input.requestId, 'handle');
export const unreachableMove = (ctx: Ctx, input: { requestId: string }) => move(ctx, input.requestId, 'unreachable');
export const resolveMove = (ctx: Ctx, input: { requestId: string }) => move(ctx, input.requestId, 'resolve');
export const reportMove = (ctx: Ctx, input: { requestId: string }) => move(ctx, input.requestId, 'report');

// ---------------------------------------------------------------- system events

/** The wxa_media_check push, forwarded by notices: a verdict on a request's photo. */
export async function onMediaCheck(ctx: Ctx, event: Record<string, unknown>) {
  const traceId = String(event.trace_id);
  const result = (event.result ?? {}) as { suggest?: string; label?: number };
  const status = result.suggest === 'pass' ? 'pass' : 'risky';
  const hit = await moveRequests(ctx.db).first({ mediaTraceIds: traceId });
  if (!hit) return { handled: false };
  await transaction(ctx.db, async (tx) => {
    const cur = await moveRequests(ctx.db).in(tx).must(hit._id);
    const media = cur.media.map((m) =>
      m.traceId === traceId ? { ...m, status: status as 'pass' | 'risky', label: result.label ?? 0 } : m,
    );
    await moveRequests(ctx.db)
      .in(tx)
      .patch(hit._id, { media: ctx.db.command.set(media) });
  });
  return { handled: true, requestId: hit._id, status };
}

/**
 * The daily `retention` timer: requests older than 30 days are deleted with their
 * photos (PIPL art. 47); their months keep the counts. A few batches a day; what
 * is left waits for tomorrow's run (an idle environment costs one call a day).
 */
export async function retention(ctx: Ctx, event: Record<string, unknown>) {
  // "Now" is the occurrence the timer fired for (its event's Time), as repairs' autoClose reads it.
  const t = typeof event.Time === 'string' ? new Date(event.Time) : ctx.now;
  const now = Number.isNaN(t.getTime()) ? ctx.now : t;
  const _ = ctx.db.command;
  let deleted = 0;
  for (let batch = 0; batch < 5; batch++) {
    const due = await moveRequests(ctx.db).find(
      { expiresAt: _.lte(now) },
      { orderBy: [['expiresAt', 'asc']], limit: 200, fields: { _id: true, compoundId: true, period: true, media: true } },
    );
    if (!due.length) break;
    const files = due.flatMap((r) => (r.media ?? []).map((m) => m.fileID));
    if (files.length) {
      try {
        await ctx.cloud.deleteFile({ fileList: files });
      } catch (e) {
        console.error('[vehicles retention] deleteFile', (e as Error).message);
      }
    }
    const perMonth = new Map<string, { compoundId: string; period: string; n: number }>();
    for (const r of due) {
      if (await moveRequests(ctx.db).remove(r._id)) {
        deleted++;
        const k = `${r.compoundId}_${r.period}`;
        perMonth.set(k, { compoundId: r.compoundId, period: r.period, n: (perMonth.get(k)?.n ?? 0) + 1 });
      }
    }
    for (const m of perMonth.values()) await bumpMonth(ctx, m.compoundId, m.period, { deleted: m.n });
    if (due.length < 200) break;
  }
  const stale = await moveLimits(ctx.db).find({ expiresAt: _.lte(now) }, { limit: 1000, fields: { _id: true } });
  for (const l of stale) await moveLimits(ctx.db).remove(l._id);
  return { deleted, limitsCleared: stale.length };
}
