/**
 * A concern's life: raised by a resident (or on a household's behalf), answered
 * or turned into a repair / 议事 topic / owners' vote by its handler, ended by the
 * resident (满意, or 不满意: reopened and escalated), 我也关心 and merging. Every
 * move that depends on the previous state runs in a transaction that writes only
 * if the concern is unchanged since read: the loser gets CONFLICT.
 */
import { linkedItemIn } from '../_shared/linked-items';
import type { ConcernDetail } from '../../core/concerns/contract';
import { CONCERN_FILES } from '../../core/concerns/contract';
import {
  FOREVER,
  answerDue,
  askAt,
  concernAccess,
  concernPage,
  onBoard,
  residentMayPropose,
  type ConcernAccess,
  type ConcernCategory,
  type Visibility,
} from '../../core/concerns/rules';
import { can } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import { homes, memberships, requirePerson, targetOf } from '../_shared/directory';
import { assertOwnFiles } from '../_shared/files';
import { startMediaChecks } from '../_shared/media';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { SEC_SCENE, canHandle, checkText, compoundHandlers, idFor, notify, roleLabelIn, settingsOf } from './common';
import { concernFollowers, concerns, followerId, type ConcernDoc, type ConcernEvent } from './docs';
import { createTopic } from './topics';
import { detailView, placeOf } from './views';

export interface RaiseInput {
  clientRequestId: string;
  homeId: string;
  about: 'building' | 'compound';
  category: ConcernCategory;
  description: string;
  photos: string[];
  visibility: Visibility;
  source?: 'visit' | 'phone';
}

/**
 * THE internal way to raise a concern (issue 20's 走访 calls it for 需要跟进): a
 * resident from their own home, or a handler on a household's behalf — then the
 * household are its parties (they see, rate and are told), and the handler who
 * logged it is recorded as 代为登记.
 */
export async function createConcern(ctx: Ctx, actor: Actor, input: RaiseInput, mode: 'resident' | 'onBehalf'): Promise<ConcernDetail> {
  assertOwnFiles(ctx.openid, CONCERN_FILES, input.photos);
  if (new Set(input.photos).size !== input.photos.length) throw new AppError('BAD_REQUEST', '同一张图片不能重复添加');
  // Whose home it may be comes first: someone without one learns nothing more.
  if (mode === 'resident' && !actor.homes.some((h) => h.homeId === input.homeId)) throw new AppError('NOT_FOUND', '房屋不存在');
  if (mode === 'onBehalf' && !actor.roles.length) throw new AppError('FORBIDDEN');
  const home = await homes(ctx.db).get(input.homeId);
  if (!home) throw new AppError('NOT_FOUND', '房屋不存在');
  if (mode === 'onBehalf' && !can(actor, 'concern.raiseFor', targetOf(home)))
    throw new AppError('FORBIDDEN', '只能为自己负责楼栋的住户登记');
  const person = await requirePerson(ctx.db, actor);
  const id = idFor('c', person._id, input.clientRequestId);
  const already = await concerns(ctx.db).get(id);
  if (already) return viewFor(ctx, actor, already);
  await checkText(ctx, input.description);
  const media = await startMediaChecks(ctx, input.photos, SEC_SCENE);
  const { escalateDays } = await settingsOf(ctx, home.compoundId);
  const due = answerDue(ctx.now, escalateDays);
  const byRole = roleLabelIn(actor, home.compoundId, home.buildingId);
  const doc: Omit<ConcernDoc, '_id'> = {
    clientRequestId: input.clientRequestId,
    communityId: home.communityId,
    compoundId: home.compoundId,
    compoundName: home.compoundName,
    buildingId: home.buildingId,
    buildingName: home.buildingName,
    about: input.about,
    homeId: home._id,
    homeLabel: home.label,
    category: input.category,
    description: input.description,
    photos: input.photos,
    media,
    mediaTraceIds: media.map((m) => m.traceId),
    visibility: input.visibility,
    source: mode === 'resident' ? 'resident' : (input.source ?? 'visit'),
    raiserId: person._id,
    raiserName: person.name,
    partyKeys: mode === 'resident' ? [`p:${person._id}`] : [`h:${home._id}`],
    status: 'open',
    open: true,
    level: 'lead',
    escalated: false,
    escalatedOpen: false,
    onBoard: onBoard(input.visibility, 'open'),
    dueAt: due,
    firstDueAt: due,
    firstAnsweredAt: null,
    answeredAt: null,
    answer: null,
    answeredBy: null,
    outcome: null,
    askDue: false,
    askAt: FOREVER,
    asked: false,
    rating: null,
    ratingReason: null,
    reopens: 0,
    followers: 0,
    mergedIntoId: null,
    topicId: null,
    period: periodOf(ctx.now),
    events: [
      {
        action: mode === 'resident' ? 'raise' : 'raiseFor',
        by: person._id,
        byName: person.name,
        byRole: mode === 'resident' ? '住户' : byRole,
        at: ctx.now,
        ...(mode === 'onBehalf' ? { note: input.source === 'phone' ? '电话反映' : '走访了解' } : {}),
      },
    ],
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  try {
    await concerns(ctx.db).add({ _id: id, ...doc });
  } catch (e) {
    const raced = await concerns(ctx.db).get(id);
    if (raced) return viewFor(ctx, actor, raced);
    throw e;
  }
  return viewFor(ctx, actor, { _id: id, ...doc });
}

export const raiseConcern = async (ctx: Ctx, input: RaiseInput) => createConcern(ctx, await ctx.actor(), input, 'resident');
export const raiseFor = async (ctx: Ctx, input: RaiseInput) => createConcern(ctx, await ctx.actor(), input, 'onBehalf');

// ---------------------------------------------------------------- reading one

async function isFollower(ctx: Ctx, actor: Actor, c: ConcernDoc) {
  return !!actor.personId && !!(await concernFollowers(ctx.db).get(followerId(c._id, actor.personId)));
}

/** How the caller sees it: handler, party, neighbour on the board, or a follower (board view), else null. */
export async function accessOf(ctx: Ctx, actor: Actor, c: ConcernDoc): Promise<{ access: ConcernAccess; following: boolean }> {
  const following = await isFollower(ctx, actor, c);
  let access = concernAccess(actor, c, canHandle(actor, c));
  // Followers (a merged duplicate's raiser among them) see it as neighbours do.
  if (!access && following) access = 'board';
  if (access === 'board' && !c.onBoard && !following) access = null;
  return { access, following };
}

export async function load(ctx: Ctx, concernId: string) {
  const actor = await ctx.actor();
  const c = await concerns(ctx.db).get(concernId);
  if (!c) throw new AppError('NOT_FOUND');
  const { access, following } = await accessOf(ctx, actor, c);
  if (!access) throw new AppError('NOT_FOUND');
  return { actor, c, access, following };
}

const isRaiserSide = (actor: Actor, c: ConcernDoc) => {
  const keys = [`p:${actor.personId ?? ''}`, ...actor.homes.map((h) => `h:${h.homeId}`)];
  return c.partyKeys.some((k) => keys.includes(k));
};

export async function viewFor(
  ctx: Ctx,
  actor: Actor,
  c: ConcernDoc,
  known?: { access: ConcernAccess; following: boolean },
): Promise<ConcernDetail> {
  const { access, following } = known ?? (await accessOf(ctx, actor, c));
  if (!access) throw new AppError('NOT_FOUND');
  const handler = access === 'handler' && actor.personId !== c.raiserId;
  const raiser = isRaiserSide(actor, c);
  const { topicThreshold } = await settingsOf(ctx, c.compoundId);
  return detailView(ctx, c, access, {
    canAnswer: handler && c.status === 'open',
    canConvert: handler && c.status === 'open',
    canMerge: handler && (c.status === 'open' || c.status === 'answered'),
    canRate: raiser && c.status === 'answered',
    canFollow: c.onBoard && !raiser && !following && actor.homes.some((h) => h.compoundId === c.compoundId),
    following,
    canPropose: raiser && residentMayPropose(c, topicThreshold),
  });
}

export async function getConcern(ctx: Ctx, input: { concernId: string }): Promise<ConcernDetail> {
  const { actor, c, access, following } = await load(ctx, input.concernId);
  return viewFor(ctx, actor, c, { access, following });
}

// ---------------------------------------------------------------- moves

/** Write `patch` (from the concern as re-read) only if it is unchanged since `c` was read. */
async function commit(ctx: Ctx, c: ConcernDoc, patch: (cur: ConcernDoc) => Partial<ConcernDoc>, event: ConcernEvent): Promise<ConcernDoc> {
  return transaction(ctx.db, async (tx) => {
    const cur = await concerns(ctx.db).in(tx).must(c._id);
    if (cur.version !== c.version) throw new AppError('CONFLICT', '这条民情刚被他人处理，请刷新后查看');
    const next: ConcernDoc = { ...cur, ...patch(cur), events: [...cur.events, event], version: cur.version + 1, updatedAt: ctx.now };
    next.open = next.status === 'open';
    next.escalatedOpen = next.escalated && next.open;
    next.onBoard = onBoard(next.visibility, next.status);
    const { _id, ...rest } = next;
    const _ = ctx.db.command;
    await concerns(ctx.db)
      .in(tx)
      .patch(_id, {
        ...rest,
        events: _.set(rest.events),
        partyKeys: _.set(rest.partyKeys),
        media: _.set(rest.media),
        mediaTraceIds: _.set(rest.mediaTraceIds),
        photos: _.set(rest.photos),
        outcome: _.set(rest.outcome),
      });
    return next;
  });
}

async function asHandler(ctx: Ctx, concernId: string) {
  const l = await load(ctx, concernId);
  if (l.access !== 'handler') throw new AppError('FORBIDDEN', '只有楼栋长、党支部和业委会可以处理');
  if (l.actor.personId === l.c.raiserId) throw new AppError('SELF_DECISION', '不能处理自己提出的民情');
  if (l.c.status !== 'open')
    throw new AppError('CONCERN_STATE', l.c.status === 'merged' ? '这条民情已合并' : '这条民情已答复，等待提出人评价');
  const person = await requirePerson(ctx.db, l.actor);
  return { ...l, person, byRole: roleLabelIn(l.actor, l.c.compoundId, l.c.buildingId) };
}

/** The raiser side hears of an answer: the raiser, or the household it was raised for. */
async function tellRaiser(ctx: Ctx, c: ConcernDoc, status: string, note: string) {
  if (c.source === 'resident')
    return notify(ctx, c.raiserId, { what: `${c.category} ${placeOf(c)}`, status, note, page: concernPage(c._id) });
  const members = await memberships(ctx.db).find({ homeId: c.homeId, status: 'active' }, { limit: 20 });
  for (const p of new Set(members.map((m) => m.personId)))
    await notify(ctx, p, { what: `${c.category} ${placeOf(c)}`, status, note, page: concernPage(c._id) });
}

function answered(cur: ConcernDoc, now: Date, by: string, answer: string, outcome: ConcernDoc['outcome']): Partial<ConcernDoc> {
  return {
    status: 'answered',
    answer,
    answeredBy: by,
    answeredAt: now,
    firstAnsweredAt: cur.firstAnsweredAt ?? now,
    outcome,
    dueAt: FOREVER,
    askDue: true,
    askAt: askAt(now),
    asked: false,
    rating: null,
    ratingReason: null,
  };
}

export async function answerConcern(ctx: Ctx, input: { concernId: string; answer: string }): Promise<ConcernDetail> {
  const { actor, c, person, byRole } = await asHandler(ctx, input.concernId);
  await checkText(ctx, input.answer);
  const next = await commit(ctx, c, (cur) => answered(cur, ctx.now, person._id, input.answer, { kind: 'answer' }), {
    action: 'answer',
    by: person._id,
    byName: person.name,
    byRole,
    at: ctx.now,
    note: input.answer,
  });
  await tellRaiser(ctx, next, '已答复', '请查看答复并评价');
  return viewFor(ctx, actor, next);
}

type ConvertTo =
  | { kind: 'repair'; repairId: string }
  | { kind: 'topic'; clientRequestId: string; title: string; collectDays: number }
  | { kind: 'vote'; reason: string; voteId?: string };

/**
 * Turned into something that decides it, linked (never copied): a repair that was
 * reported for it, a 议事 topic opened from it, or — when only the owners can
 * decide it (art. 278) — an owners' vote, with the reason. The handler converts an
 * open concern; the raiser may put a public one to the 议事厅 once enough
 * neighbours care (the compound's threshold).
 */
export async function convertConcern(ctx: Ctx, input: { concernId: string; to: ConvertTo; note?: string }): Promise<ConcernDetail> {
  const l = await load(ctx, input.concernId);
  const person = await requirePerson(ctx.db, l.actor);
  let c = l.c;
  const handler = l.access === 'handler' && l.actor.personId !== c.raiserId;
  if (!handler) {
    const { topicThreshold } = await settingsOf(ctx, c.compoundId);
    const mayPropose = input.to.kind === 'topic' && isRaiserSide(l.actor, c) && residentMayPropose(c, topicThreshold);
    if (!mayPropose) {
      if (l.actor.personId === c.raiserId && l.access === 'handler') throw new AppError('SELF_DECISION', '不能处理自己提出的民情');
      throw new AppError(
        'FORBIDDEN',
        input.to.kind === 'topic' && isRaiserSide(l.actor, c)
          ? `公开的民情有${topicThreshold}位邻居关心后，才能由您发起议事`
          : '只有楼栋长、党支部和业委会可以处理',
      );
    }
  } else if (c.status !== 'open') throw new AppError('CONCERN_STATE', '这条民情已答复，等待提出人评价');
  if (input.note) await checkText(ctx, input.note);
  // A link points at something real in this compound, or nothing is written.
  if (input.to.kind === 'repair' && !(await linkedItemIn(ctx.db, 'repair', input.to.repairId, c.compoundId)))
    throw new AppError('NOT_FOUND', '找不到这条报修（须是本小区的报修），请从报修列表中选择');
  if (input.to.kind === 'vote' && input.to.voteId && !(await linkedItemIn(ctx.db, 'vote', input.to.voteId, c.compoundId)))
    throw new AppError('NOT_FOUND', '找不到这项表决（须是本小区的表决），请从表决列表中选择');
  const byRole = roleLabelIn(l.actor, c.compoundId, c.buildingId);
  const to = input.to;
  let outcome: NonNullable<ConcernDoc['outcome']>;
  let words: string;
  if (to.kind === 'repair') {
    outcome = { kind: 'repair', repairId: to.repairId };
    words = input.note ?? '已转为报修，请在报修进度里查看';
  } else if (to.kind === 'vote') {
    await checkText(ctx, to.reason);
    outcome = { kind: 'vote', reason: to.reason, voteId: to.voteId ?? null };
    words = input.note ?? `这件事须由业主共同决定（《民法典》第二百七十八条）：${to.reason}`;
  } else {
    await checkText(ctx, to.title);
    const topic = await createTopic(ctx, l.actor, person, {
      clientRequestId: to.clientRequestId,
      compoundId: c.compoundId,
      title: to.title,
      // The whole compound reads a topic: a concern meant for the handlers only lends its title, never its words.
      description: c.visibility === 'public' ? c.description : `由一条民情转来（${c.category}），详情由处理人在通报材料中说明。`,
      collectDays: to.collectDays,
      sourceConcernId: c._id,
      viaConcern: true,
    });
    outcome = { kind: 'topic', topicId: topic._id };
    words = input.note ?? '已提交议事厅，欢迎参与征集意见';
    c = (await concerns(ctx.db).get(c._id)) ?? c;
    if (c.topicId === topic._id) return viewFor(ctx, l.actor, c);
  }
  const resident = !handler;
  const next = await commit(
    ctx,
    c,
    (cur) => ({
      // The raiser putting it to the 议事厅 leaves it as it was (still theirs to rate); a handler answers it.
      ...(resident
        ? { outcome, topicId: outcome.kind === 'topic' ? outcome.topicId : cur.topicId }
        : answered(cur, ctx.now, person._id, words, outcome)),
      ...(outcome.kind === 'topic' ? { topicId: outcome.topicId } : {}),
    }),
    { action: 'convert', by: person._id, byName: person.name, byRole: resident ? '住户' : byRole, at: ctx.now, note: words },
  );
  if (!resident) await tellRaiser(ctx, next, '已处理', words);
  return viewFor(ctx, l.actor, next);
}

/**
 * The end is the raiser's: 满意 settles it; 不满意 (with a reason) reopens it and
 * escalates it to the branch and the committee at once.
 */
export async function rateConcern(
  ctx: Ctx,
  input: { concernId: string; verdict: 'satisfied' | 'unsatisfied'; reason?: string },
): Promise<ConcernDetail> {
  const { actor, c } = await load(ctx, input.concernId);
  if (!isRaiserSide(actor, c)) throw new AppError('FORBIDDEN', '只有提出人可以评价');
  if (c.status !== 'answered')
    throw new AppError('CONCERN_STATE', c.status === 'open' ? '还没有答复，答复后才能评价' : '这条民情已评价或已合并');
  if (input.verdict === 'unsatisfied' && !input.reason) throw new AppError('BAD_REQUEST', '请说明哪里不满意');
  if (input.reason) await checkText(ctx, input.reason);
  const person = await requirePerson(ctx.db, actor);
  const { escalateDays } = await settingsOf(ctx, c.compoundId);
  const ok = input.verdict === 'satisfied';
  const next = await commit(
    ctx,
    c,
    (cur) =>
      ok
        ? { status: 'satisfied', rating: 'satisfied', ratingReason: input.reason ?? null, askDue: false, askAt: FOREVER }
        : {
            status: 'open',
            rating: 'unsatisfied',
            ratingReason: input.reason ?? null,
            reopens: cur.reopens + 1,
            level: 'branch',
            escalated: true,
            dueAt: answerDue(ctx.now, escalateDays),
            askDue: false,
            askAt: FOREVER,
          },
    {
      action: ok ? 'rate' : 'reopen',
      by: person._id,
      byName: person.name,
      byRole: '住户',
      at: ctx.now,
      note: ok ? `满意${input.reason ? '：' + input.reason : ''}` : `不满意：${input.reason}`,
    },
  );
  if (!ok) {
    for (const p of await compoundHandlers(ctx, c.compoundId)) {
      await notify(ctx, p, {
        what: `${c.category} ${placeOf(c)}`,
        status: '不满意上报',
        note: '提出人对答复不满意，请跟进',
        page: concernPage(c._id),
      });
    }
  }
  return viewFor(ctx, actor, next);
}

/** 我也关心: once per person (a deterministic id), the count from the followers themselves. */
export async function followConcern(ctx: Ctx, input: { concernId: string }) {
  const { actor, c } = await load(ctx, input.concernId);
  const person = await requirePerson(ctx.db, actor);
  if (!actor.homes.some((h) => h.compoundId === c.compoundId)) throw new AppError('FORBIDDEN', '只有本小区住户可以点“我也关心”');
  if (!c.onBoard) throw new AppError('CONCERN_STATE', '这条民情已结束或不公开');
  if (isRaiserSide(actor, c)) return { concernId: c._id, followers: c.followers, following: true as const };
  const fid = followerId(c._id, person._id);
  let added = false;
  if (!(await concernFollowers(ctx.db).get(fid))) {
    try {
      await concernFollowers(ctx.db).add({ _id: fid, concernId: c._id, personId: person._id, at: ctx.now });
      added = true;
    } catch {
      added = false; // the same person's parallel tap got there first (the id is taken)
    }
  }
  if (added) await concerns(ctx.db).patch(c._id, { followers: ctx.db.command.inc(1) });
  const now = await concerns(ctx.db).get(c._id);
  return { concernId: c._id, followers: now?.followers ?? c.followers, following: true as const };
}

/**
 * A duplicate goes into the one it duplicates. Its raiser and followers follow the
 * one kept FIRST (deterministic ids: running it again adds nobody twice), then the
 * duplicate is marked merged in a transaction.
 */
export async function mergeConcern(ctx: Ctx, input: { concernId: string; intoId: string }): Promise<ConcernDetail> {
  if (input.concernId === input.intoId) throw new AppError('BAD_REQUEST', '不能合并到自己');
  const l = await load(ctx, input.concernId);
  if (l.access !== 'handler') throw new AppError('FORBIDDEN', '只有楼栋长、党支部和业委会可以合并');
  if (l.actor.personId === l.c.raiserId) throw new AppError('SELF_DECISION', '不能处理自己提出的民情');
  const dup = l.c;
  if (dup.status !== 'open' && dup.status !== 'answered') throw new AppError('CONCERN_STATE', '这条民情已结束，不能合并');
  const into = await concerns(ctx.db).get(input.intoId);
  if (!into || !canHandle(l.actor, into)) throw new AppError('NOT_FOUND', '要合并到的民情不存在');
  if (into.compoundId !== dup.compoundId) throw new AppError('BAD_REQUEST', '只能合并同一小区的民情');
  if (into.status === 'merged' || into.status === 'satisfied')
    throw new AppError('CONCERN_STATE', '要合并到的民情已结束，请选择一条处理中的');
  const moving = new Set<string>([dup.raiserId]);
  for (const f of await concernFollowers(ctx.db).all({ concernId: dup._id })) moving.add(f.personId);
  moving.delete(into.raiserId);
  const existing = await concernFollowers(ctx.db).byIds([...moving].map((p) => followerId(into._id, p)));
  for (const p of moving) {
    const fid = followerId(into._id, p);
    if (existing.has(fid)) continue;
    try {
      await concernFollowers(ctx.db).add({ _id: fid, concernId: into._id, personId: p, at: ctx.now, via: dup._id });
    } catch {
      /* a parallel merge or 我也关心 added it */
    }
  }
  await concernFollowers(ctx.db)
    .count({ concernId: into._id })
    .then((n) => concerns(ctx.db).patch(into._id, { followers: n }));
  const person = await requirePerson(ctx.db, l.actor);
  const next = await commit(ctx, dup, () => ({ status: 'merged', mergedIntoId: into._id, dueAt: FOREVER, askDue: false, askAt: FOREVER }), {
    action: 'merge',
    by: person._id,
    byName: person.name,
    byRole: roleLabelIn(l.actor, dup.compoundId, dup.buildingId),
    at: ctx.now,
    note: '与另一条相同的民情合并，请关注那一条的进展',
  });
  await tellRaiser(ctx, next, '已合并', '已与相同的民情合并，进展会一起告诉您');
  return viewFor(ctx, l.actor, next);
}

// ---------------------------------------------------------------- system events

/**
 * The sweep (config.json `hourly`, now every 4 hours: issue 16 idle cost): concerns past due at the lead's level
 * escalate to the branch and the committee; answers left unrated for two weeks
 * ask 解决了吗？ once. "Now" is the trigger's own time (`event.Time`), so a test
 * moves the emulator's clock and nothing else. Each concern moves in its own
 * transaction (an answer that lands first wins).
 */
export async function sweep(ctx: Ctx, now: Date) {
  const _ = ctx.db.command;
  let escalated = 0;
  let asked = 0;
  const due = await concerns(ctx.db).find({ level: 'lead', open: true, dueAt: _.lte(now) }, { orderBy: [['dueAt', 'asc']], limit: 200 });
  const system = { by: 'system', byName: '系统', byRole: '系统' };
  for (const c of due) {
    try {
      const { escalateDays } = await settingsOf(ctx, c.compoundId);
      const done = await transaction(ctx.db, async (tx) => {
        const cur = await concerns(ctx.db).in(tx).must(c._id);
        if (cur.status !== 'open' || cur.level !== 'lead' || new Date(cur.dueAt).getTime() > now.getTime()) return false;
        const events = [
          ...cur.events,
          { action: 'escalate' as const, ...system, at: now, note: `${escalateDays}天未答复，已上报党支部和业委会` },
        ];
        await concerns(ctx.db)
          .in(tx)
          .patch(c._id, {
            level: 'branch',
            escalated: true,
            escalatedOpen: true,
            dueAt: answerDue(now, escalateDays),
            events: _.set(events),
            version: cur.version + 1,
            updatedAt: now,
          });
        return true;
      });
      if (!done) continue;
      escalated++;
      for (const p of await compoundHandlers({ ...ctx, now }, c.compoundId)) {
        await notify({ ...ctx, now }, p, {
          what: `${c.category} ${placeOf(c)}`,
          status: '超时上报',
          note: `${escalateDays}天未答复，请跟进`,
          page: concernPage(c._id),
        });
      }
    } catch (e) {
      console.error('[concerns escalate]', c._id, (e as Error).message);
    }
  }
  const ask = await concerns(ctx.db).find({ askDue: true, askAt: _.lte(now) }, { orderBy: [['askAt', 'asc']], limit: 200 });
  for (const c of ask) {
    try {
      const done = await transaction(ctx.db, async (tx) => {
        const cur = await concerns(ctx.db).in(tx).must(c._id);
        if (!cur.askDue || cur.status !== 'answered' || new Date(cur.askAt).getTime() > now.getTime()) return false;
        const events = [...cur.events, { action: 'ask' as const, ...system, at: now }];
        await concerns(ctx.db)
          .in(tx)
          .patch(c._id, { askDue: false, asked: true, events: _.set(events), version: cur.version + 1, updatedAt: now });
        return true;
      });
      if (!done) continue;
      asked++;
      await tellRaiser({ ...ctx, now }, c, '解决了吗', '两周前已答复，请告诉我们解决了没有');
    } catch (e) {
      console.error('[concerns ask]', c._id, (e as Error).message);
    }
  }
  return { escalated, asked };
}

/** The wxa_media_check push for a concern photo: recorded per photo; a risky one is hidden everywhere. */
export async function onConcernMedia(ctx: Ctx, traceId: string, status: 'pass' | 'risky', label: number): Promise<boolean> {
  const hit = await concerns(ctx.db).first({ mediaTraceIds: traceId });
  if (!hit) return false;
  await transaction(ctx.db, async (tx) => {
    const cur = await concerns(ctx.db).in(tx).must(hit._id);
    const media = cur.media.map((m) => (m.traceId === traceId ? { ...m, status, label } : m));
    await concerns(ctx.db)
      .in(tx)
      .patch(hit._id, { media: ctx.db.command.set(media) });
  });
  return true;
}
