/**
 * Moving a repair through THE state machine (core/repairs/rules.ts
 * REPAIR_TRANSITIONS): who may, from where, with a note and photos; each move in a
 * transaction that writes only if the repair is unchanged since it was read, so of
 * 50 parallel assigns one wins and the rest get CONFLICT with nothing written.
 * Also 我也遇到, 催单, costs, merging duplicates, the auto-close timer and the
 * image-check push.
 */
import type { RepairDetail } from '../../core/repairs/contract';
import { REPAIR_FILES, REPAIR_TEMPLATE_FIELDS, REPAIR_TEMPLATE_ID } from '../../core/repairs/contract';
import { AppError } from '../../core/platform/errors';
import { can } from '../../core/authz';
import {
  REPAIR_LIMITS,
  REPAIR_STATUS_LABELS,
  autoCloseBefore,
  clip,
  currentDue,
  inCompound,
  inQueue,
  judgeTransition,
  loggedForHome,
  mergeKey,
  takesMerges,
  onBoard,
  partiesOf,
  repairAccess,
  repairPage,
  repairTarget,
  ruleFor,
  urgeProblem,
  type RepairAction,
  type RepairStatus,
} from '../../core/repairs/rules';
import { formatDateTime } from '../../core/platform/time';
import type { Actor } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import { memberships, people, requirePerson, roles as rolesRepo } from '../_shared/directory';
import { assertOwnFiles } from '../_shared/files';
import { sendWithGrant } from '../_shared/messaging';
import { transaction } from '../_shared/repo';
import { FOREVER, followerId, repairFollowers, repairs, type RepairDoc, type RepairEvent } from './docs';
import { checkImages, checkText, roleLabelIn } from './report';
import { detailView } from './views';

/** The fields that follow from status (queue, board, running clock). */
export function derived(r: Pick<RepairDoc, 'status' | 'scope' | 'assigneeId' | 'acceptDueAt' | 'finishDueAt' | 'acceptedAt'>) {
  return {
    queueOpen: inQueue(r.status) && !!r.assigneeId,
    onBoard: onBoard(r.scope, r.status),
    dueAt: currentDue(r) ?? FOREVER,
  };
}

async function loadFor(ctx: Ctx, repairId: string) {
  const actor = await ctx.actor();
  const r = await repairs(ctx.db).get(repairId);
  // Someone who may not see it learns nothing: the same answer as a missing id.
  if (!r) throw new AppError('NOT_FOUND');
  const access = repairAccess(actor, r);
  if (!access) throw new AppError('NOT_FOUND');
  return { actor, r, access };
}

async function following(ctx: Ctx, actor: Actor, r: RepairDoc) {
  if (!actor.personId || r.reporterId === actor.personId) return false;
  return !!(await repairFollowers(ctx.db).get(followerId(r._id, actor.personId)));
}

export async function viewFor(ctx: Ctx, actor: Actor, r: RepairDoc, access: 'full' | 'board'): Promise<RepairDetail> {
  const f = await following(ctx, actor, r);
  const canFollow =
    r.onBoard && !!actor.personId && r.reporterId !== actor.personId && actor.homes.some((h) => h.compoundId === r.compoundId);
  return detailView(ctx, r, actor, access, { following: f, canFollow });
}

export async function getRepair(ctx: Ctx, input: { repairId: string }): Promise<RepairDetail> {
  const { actor, r, access } = await loadFor(ctx, input.repairId);
  return viewFor(ctx, actor, r, access);
}

// ---------------------------------------------------------------- messages

/** One subscribe message; a failure never undoes the move it reports. */
async function notify(ctx: Ctx, personId: string | null, r: RepairDoc, status: string, note: string) {
  if (!personId) return;
  try {
    const p = await people(ctx.db).get(personId);
    if (!p?.openid) return;
    const f = REPAIR_TEMPLATE_FIELDS;
    await sendWithGrant(
      ctx.db,
      ctx.cloud,
      {
        touser: p.openid,
        templateId: REPAIR_TEMPLATE_ID,
        page: repairPage(r._id),
        data: {
          [f.what]: { value: clip(r.category) },
          [f.place]: { value: clip(r.placeLabel) },
          [f.status]: { value: clip(status, 5) },
          [f.time]: { value: formatDateTime(ctx.now) },
          [f.note]: { value: clip(note) },
        },
      },
      ctx.now,
    );
  } catch (e) {
    console.error('[repairs notify]', (e as Error).message);
  }
}

/**
 * The reporter's side: the reporter, or — for a repair the property logged for a
 * home — the home's active members (a handful; each message spends their own
 * grant), never the staff member who logged it.
 */
async function notifyReporter(ctx: Ctx, r: RepairDoc, status: string, note: string) {
  if (!loggedForHome(r)) return notify(ctx, r.reporterId, r, status, note);
  let members: { personId: string }[];
  try {
    members = await memberships(ctx.db).find({ homeId: r.homeId!, status: 'active' }, { limit: 50 });
  } catch (e) {
    console.error('[repairs notify members]', (e as Error).message);
    return;
  }
  for (const personId of new Set(members.map((m) => m.personId))) {
    if (personId !== r.reporterId) await notify(ctx, personId, r, status, note);
  }
}

// ---------------------------------------------------------------- transitions

interface MoveInput {
  repairId: string;
  note?: string;
  photos?: string[];
}

interface MoveSpec {
  /** Checks and reads that need the repair (e.g. the assignee), before anything is written. */
  prepare?: (r: RepairDoc) => Promise<Partial<RepairDoc> & { eventExtra?: Partial<RepairEvent> }>;
  /** The state change beyond status (timestamps, rating …), from the repair as re-read in the transaction. */
  patch?: (cur: RepairDoc, prepared: Partial<RepairDoc>) => Partial<RepairDoc>;
  after?: (r: RepairDoc) => Promise<void>;
}

function refuse(status: RepairStatus, action: RepairAction, parties: ReturnType<typeof partiesOf>): never {
  const verdict = judgeTransition(status, action, parties);
  const entitled = ruleFor(action).by.some((p) => parties.includes(p));
  if (verdict === 'notYours' || !entitled) {
    if (action === 'start' || action === 'finish') throw new AppError('FORBIDDEN', '只有被派单的维修人员可以操作这条报修');
    throw new AppError('FORBIDDEN');
  }
  throw new AppError('REPAIR_STATE', `这条报修${REPAIR_STATUS_LABELS[status]}，不能${ruleLabel(action)}`);
}
const ruleLabel = (a: RepairAction) =>
  ({
    accept: '受理',
    assign: '派单',
    start: '开始维修',
    finish: '完工',
    confirm: '确认',
    reopen: '重新处理',
    cancel: '取消',
    merge: '合并',
    autoClose: '自动完成',
  })[a];

export async function move(ctx: Ctx, action: RepairAction, input: MoveInput, spec: MoveSpec = {}): Promise<RepairDetail> {
  const photos = input.photos ?? [];
  assertOwnFiles(ctx.openid, REPAIR_FILES, photos);
  if (new Set(photos).size !== photos.length) throw new AppError('BAD_REQUEST', '同一张图片不能重复添加');
  const { actor, r } = await loadFor(ctx, input.repairId);
  const parties = partiesOf(actor, r);
  if (judgeTransition(r.status, action, parties) !== 'ok') refuse(r.status, action, parties);
  if (ruleFor(action).noteRequired && !input.note) throw new AppError('BAD_REQUEST', '请填写说明');
  const person = await requirePerson(ctx.db, actor);
  const prepared = spec.prepare ? await spec.prepare(r) : {};
  const { eventExtra, ...preparedPatch } = prepared;
  if (input.note) await checkText(ctx, input.note);
  const media = await checkImages(ctx, photos);
  const event: RepairEvent = {
    action,
    by: person._id,
    byName: person.name,
    byRole: roleLabelIn(actor, r.compoundId),
    at: ctx.now,
    ...(input.note ? { note: input.note } : {}),
    photos,
    ...(eventExtra ?? {}),
  };
  const to = ruleFor(action).to;
  const updated = await transaction(ctx.db, async (tx) => {
    const cur = await repairs(ctx.db).in(tx).must(r._id);
    // Unchanged since read: a parallel move (or a second tap) loses.
    if (cur.status !== r.status || cur.events.length !== r.events.length)
      throw new AppError('CONFLICT', '这条报修刚被他人处理，请刷新后查看');
    const extra = spec.patch ? spec.patch(cur, preparedPatch) : {};
    const next: RepairDoc = {
      ...cur,
      ...preparedPatch,
      ...extra,
      status: to,
      media: [...cur.media, ...media],
      mediaTraceIds: [...cur.mediaTraceIds, ...media.map((m) => m.traceId)],
      events: [...cur.events, event],
      version: cur.version + 1,
      updatedAt: ctx.now,
    };
    Object.assign(next, derived(next));
    const { _id, ...rest } = next;
    const _ = ctx.db.command;
    await repairs(ctx.db)
      .in(tx)
      .patch(_id, {
        ...rest,
        media: _.set(rest.media),
        mediaTraceIds: _.set(rest.mediaTraceIds),
        events: _.set(rest.events),
        partyKeys: _.set(rest.partyKeys),
        photos: _.set(rest.photos),
      });
    return next;
  });
  if (spec.after) await spec.after(updated);
  return viewFor(ctx, actor, updated, 'full');
}

export const acceptRepair = (ctx: Ctx, input: { repairId: string; note?: string }) =>
  move(ctx, 'accept', input, {
    patch: (cur) => ({ acceptedAt: cur.acceptedAt ?? ctx.now }),
    after: (r) => notifyReporter(ctx, r, '已受理', '物业已受理您的报修'),
  });

export const assignRepair = (ctx: Ctx, input: { repairId: string; assigneeId: string; note?: string }) =>
  move(ctx, 'assign', input, {
    async prepare(r) {
      const worker = await people(ctx.db).get(input.assigneeId);
      const grants = worker ? await rolesRepo(ctx.db).find({ personId: worker._id }, { limit: 100 }) : [];
      if (!worker || !can({ roles: grants }, 'repair.work', repairTarget(r))) throw new AppError('BAD_REQUEST', '只能派给本小区的物业人员');
      return { assigneeId: worker._id, assigneeName: worker.name, eventExtra: { assigneeId: worker._id, assigneeName: worker.name } };
    },
    patch: (cur) => ({ acceptedAt: cur.acceptedAt ?? ctx.now, doneAt: null }),
    async after(r) {
      await notifyReporter(ctx, r, '已派单', `维修人员：${r.assigneeName ?? ''}`);
      await notify(ctx, r.assigneeId, r, '新派单', r.urgent ? '紧急报修，请尽快处理' : '请按时上门处理');
    },
  });

export const startRepair = (ctx: Ctx, input: { repairId: string; note?: string; photos: string[] }) => move(ctx, 'start', input);

export const finishRepair = (
  ctx: Ctx,
  input: { repairId: string; note?: string; photos: string[]; labourFen?: number; materialsFen?: number },
) =>
  move(ctx, 'finish', input, {
    patch: (cur) => ({
      doneAt: ctx.now,
      labourFen: input.labourFen ?? cur.labourFen,
      materialsFen: input.materialsFen ?? cur.materialsFen,
    }),
    after: (r) => notifyReporter(ctx, r, '已完工', '请确认维修结果并评价'),
  });

export const confirmRepair = (ctx: Ctx, input: { repairId: string; rating: number; comment?: string }) =>
  move(
    ctx,
    'confirm',
    { repairId: input.repairId, note: input.comment },
    {
      patch: () => ({ rating: input.rating, comment: input.comment ?? null, closedAt: ctx.now }),
    },
  );

export const reopenRepair = (ctx: Ctx, input: { repairId: string; note: string; photos: string[] }) =>
  move(ctx, 'reopen', input, {
    async prepare(r) {
      if (r.reopens >= REPAIR_LIMITS.reopens)
        throw new AppError('REPAIR_STATE', `已重新处理${REPAIR_LIMITS.reopens}次，请直接联系物业经理`);
      return {};
    },
    patch: (cur) => ({ reopens: cur.reopens + 1, doneAt: null }),
  });

export const cancelRepair = (ctx: Ctx, input: { repairId: string; note?: string }) =>
  move(ctx, 'cancel', input, { patch: () => ({ closedAt: ctx.now }) });

/**
 * A duplicate goes into the repair it duplicates. Its reporter and followers
 * become followers of that one FIRST (deterministic ids: running it again adds
 * nobody twice), then the duplicate is marked merged in a transaction.
 */
export async function mergeRepair(ctx: Ctx, input: { repairId: string; intoId: string; note?: string }): Promise<RepairDetail> {
  if (input.repairId === input.intoId) throw new AppError('BAD_REQUEST', '不能合并到自己');
  const actor = await ctx.actor();
  const [dup, into] = await Promise.all([repairs(ctx.db).get(input.repairId), repairs(ctx.db).get(input.intoId)]);
  if (!dup || !repairAccess(actor, dup)) throw new AppError('NOT_FOUND');
  const parties = partiesOf(actor, dup);
  if (judgeTransition(dup.status, 'merge', parties) !== 'ok') refuse(dup.status, 'merge', parties);
  if (!into || !repairAccess(actor, into)) throw new AppError('NOT_FOUND', '要合并到的报修不存在');
  if (into.compoundId !== dup.compoundId || !partiesOf(actor, into).includes('manager'))
    throw new AppError('BAD_REQUEST', '只能合并同一小区的报修');
  if (!takesMerges(into.status)) throw new AppError('REPAIR_STATE', '要合并到的报修已结束，请选择一条处理中的报修');
  if (mergeKey(into) !== mergeKey(dup)) throw new AppError('BAD_REQUEST', '只能合并同一位置的报修');
  // Everyone following the duplicate, and its reporter, now follows the one kept (not the staff
  // member who logged it for a home: the home's residents are parties of the one kept already).
  const moving = new Set<string>(loggedForHome(dup) ? [] : [dup.reporterId]);
  for (const f of await repairFollowers(ctx.db).all({ repairId: dup._id })) moving.add(f.personId);
  moving.delete(into.reporterId);
  const existing = await repairFollowers(ctx.db).byIds([...moving].map((p) => followerId(into._id, p)));
  for (const p of moving) {
    const fid = followerId(into._id, p);
    if (existing.has(fid)) continue;
    try {
      await repairFollowers(ctx.db).add({ _id: fid, repairId: into._id, personId: p, at: ctx.now, via: dup._id });
    } catch {
      /* a parallel merge or 我也遇到 added it */
    }
  }
  await repairFollowers(ctx.db)
    .count({ repairId: into._id })
    .then((n) => repairs(ctx.db).patch(into._id, { followers: n }));
  return move(
    ctx,
    'merge',
    { repairId: input.repairId, note: input.note },
    { patch: () => ({ mergedIntoId: into._id, closedAt: ctx.now }) },
  );
}

// ---------------------------------------------------------------- 我也遇到, 催单, costs

export async function followRepair(ctx: Ctx, input: { repairId: string }) {
  const { actor, r } = await loadFor(ctx, input.repairId);
  const person = await requirePerson(ctx.db, actor);
  // Neighbours who live in the compound; the property logs its own.
  if (!actor.homes.some((h) => h.compoundId === r.compoundId)) throw new AppError('FORBIDDEN', '只有本小区住户可以点“我也遇到”');
  if (!r.onBoard) throw new AppError('REPAIR_STATE', '这条报修已结束或不是公共区域报修');
  if (r.reporterId === person._id) return { repairId: r._id, followers: r.followers, following: true as const };
  const fid = followerId(r._id, person._id);
  let added = false;
  if (!(await repairFollowers(ctx.db).get(fid))) {
    try {
      await repairFollowers(ctx.db).add({ _id: fid, repairId: r._id, personId: person._id, at: ctx.now });
      added = true;
    } catch {
      added = false; // the same person's parallel tap got there first
    }
  }
  if (added) await repairs(ctx.db).patch(r._id, { followers: ctx.db.command.inc(1) });
  const now = await repairs(ctx.db).get(r._id);
  return { repairId: r._id, followers: now?.followers ?? r.followers, following: true as const };
}

export async function urgeRepair(ctx: Ctx, input: { repairId: string }): Promise<RepairDetail> {
  const { actor, r } = await loadFor(ctx, input.repairId);
  if (!partiesOf(actor, r).includes('reporter')) throw new AppError('FORBIDDEN', '只有报修人可以催单');
  const problem = urgeProblem(r, ctx.now);
  if (problem) throw new AppError('REPAIR_STATE', problem);
  const person = await requirePerson(ctx.db, actor);
  const updated = await transaction(ctx.db, async (tx) => {
    const cur = await repairs(ctx.db).in(tx).must(r._id);
    const again = urgeProblem(cur, ctx.now);
    if (again || cur.events.length !== r.events.length) throw new AppError('CONFLICT', again ?? undefined);
    const events = [
      ...cur.events,
      { action: 'urge' as const, by: person._id, byName: person.name, byRole: roleLabelIn(actor, r.compoundId), at: ctx.now, photos: [] },
    ];
    await repairs(ctx.db)
      .in(tx)
      .patch(r._id, {
        lastUrgedAt: ctx.now,
        urges: cur.urges + 1,
        events: ctx.db.command.set(events),
        version: cur.version + 1,
        updatedAt: ctx.now,
      });
    return { ...cur, lastUrgedAt: ctx.now, urges: cur.urges + 1, events, version: cur.version + 1 };
  });
  return viewFor(ctx, actor, updated, 'full');
}

export async function setCost(ctx: Ctx, input: { repairId: string; labourFen: number; materialsFen: number }): Promise<RepairDetail> {
  const { actor, r } = await loadFor(ctx, input.repairId);
  const parties = partiesOf(actor, r);
  const allowed = parties.includes('manager') || (parties.includes('assignee') && (r.status === 'inProgress' || r.status === 'done'));
  if (!allowed) throw new AppError('FORBIDDEN', '只有物业经理或正在维修的人员可以登记费用');
  if (r.status === 'cancelled' || r.status === 'merged') throw new AppError('REPAIR_STATE', '已取消或已合并的报修不能登记费用');
  const person = await requirePerson(ctx.db, actor);
  const note = `人工 ${(input.labourFen / 100).toFixed(2)} 元，材料 ${(input.materialsFen / 100).toFixed(2)} 元`;
  const updated = await transaction(ctx.db, async (tx) => {
    const cur = await repairs(ctx.db).in(tx).must(r._id);
    if (cur.events.length !== r.events.length) throw new AppError('CONFLICT');
    const events = [
      ...cur.events,
      {
        action: 'cost' as const,
        by: person._id,
        byName: person.name,
        byRole: roleLabelIn(actor, r.compoundId),
        at: ctx.now,
        note,
        photos: [],
      },
    ];
    await repairs(ctx.db)
      .in(tx)
      .patch(r._id, {
        labourFen: input.labourFen,
        materialsFen: input.materialsFen,
        events: ctx.db.command.set(events),
        version: cur.version + 1,
        updatedAt: ctx.now,
      });
    return { ...cur, labourFen: input.labourFen, materialsFen: input.materialsFen, events };
  });
  return viewFor(ctx, actor, updated, 'full');
}

// ---------------------------------------------------------------- system events

/**
 * The auto-close timer (config.json `autoClose`). "Now" is the trigger's own time
 * (`event.Time`, the occurrence being fired): on the emulator's controllable clock
 * a test jumps a week ahead with `h.emu.timers.advanceTo(date)` and the functions
 * see that date, with no fake timers. Each repair closes in its own transaction
 * (a confirmation that lands first wins).
 */
export async function autoClose(ctx: Ctx, event: Record<string, unknown>) {
  const t = typeof event.Time === 'string' ? new Date(event.Time) : new Date();
  const now = Number.isNaN(t.getTime()) ? new Date() : t;
  const _ = ctx.db.command;
  const due = await repairs(ctx.db).find(
    { status: 'done', doneAt: _.lte(autoCloseBefore(now)) },
    { orderBy: [['doneAt', 'asc']], limit: 200 },
  );
  let closed = 0;
  for (const r of due) {
    try {
      await transaction(ctx.db, async (tx) => {
        const cur = await repairs(ctx.db).in(tx).must(r._id);
        if (cur.status !== 'done' || !cur.doneAt || new Date(cur.doneAt).getTime() > autoCloseBefore(now).getTime()) return;
        const events = [
          ...cur.events,
          {
            action: 'autoClose' as const,
            by: 'system',
            byName: '系统',
            byRole: '系统',
            at: now,
            note: '完工7天未确认，自动完成',
            photos: [],
          },
        ];
        const next = { ...cur, status: 'closed' as const, closedAt: now };
        await repairs(ctx.db)
          .in(tx)
          .patch(r._id, {
            status: 'closed',
            closedAt: now,
            events: _.set(events),
            version: cur.version + 1,
            updatedAt: now,
            ...derived(next),
          });
        closed++;
      });
    } catch (e) {
      console.error('[repairs autoClose]', r._id, (e as Error).message);
    }
  }
  return { closed, checked: due.length };
}

/** The wxa_media_check push for a repair photo: recorded per photo; a risky one is hidden everywhere. */
export async function onMediaCheck(ctx: Ctx, event: Record<string, unknown>) {
  const traceId = String(event.trace_id);
  const result = (event.result ?? {}) as { suggest?: string; label?: number };
  const suggest = result.suggest === 'pass' ? 'pass' : 'risky';
  const hit = await repairs(ctx.db).first({ mediaTraceIds: traceId });
  if (!hit) return { handled: false };
  await transaction(ctx.db, async (tx) => {
    const cur = await repairs(ctx.db).in(tx).must(hit._id);
    const media = cur.media.map((m) =>
      m.traceId === traceId ? { ...m, status: suggest as 'pass' | 'risky', label: result.label ?? 0 } : m,
    );
    await repairs(ctx.db)
      .in(tx)
      .patch(hit._id, { media: ctx.db.command.set(media) });
  });
  return { handled: true, repairId: hit._id, status: suggest };
}

export { inCompound };
