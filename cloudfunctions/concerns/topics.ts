/**
 * The 议事厅: a topic goes 征集 → 通报 → 协商 → 公示 → 实施 → 反馈, one step at a time
 * (core/concerns/rules.ts `stepProblem`; any other step is refused with
 * TOPIC_STAGE). Residents comment once per home (edited, never repeated), object
 * during 公示 and rate in 反馈; tasks of 实施 link to repairs, ledger expenses or
 * votes. The outcome is an opinion; under art. 278 it is "put to an owners' vote".
 * The 公示 and the 反馈 are told to every home that took part (a job).
 */
import type { AdvanceInput, ConcernPlaced, TopicDetail, TopicListItem } from '../../core/concerns/contract';
import type { Page } from '../../core/platform/api';
import { CONCERN_FILES } from '../../core/concerns/contract';
import { DAY_MS, TOPIC_STAGE_LABELS, stepProblem, topicPage, type Stance, type TopicStage } from '../../core/concerns/rules';
import { assertCan, can, livesIn } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import { compounds, homes, requirePerson, type PersonDoc } from '../_shared/directory';
import { decodeCursor, pageOf } from '../_shared/db';
import { assertOwnFiles } from '../_shared/files';
import { defineJob, enqueue, work } from '../_shared/jobs';
import { startMediaChecks } from '../_shared/media';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { SEC_SCENE, checkText, idFor, notify } from './common';
import { commentId, topicComments, topics, type TopicCommentDoc, type TopicDoc } from './docs';
import { places } from './read';
import { topicItem, topicView } from './views';

const target = (t: Pick<TopicDoc, 'communityId' | 'compoundId'>) => ({ communityId: t.communityId, compoundId: t.compoundId });

export interface NewTopic {
  clientRequestId: string;
  compoundId: string;
  title: string;
  description: string;
  collectDays: number;
  sourceConcernId?: string;
  /** Opened from a concern (its handler, or its raiser once enough neighbours care): checked there. */
  viaConcern?: boolean;
}

export async function createTopic(ctx: Ctx, actor: Actor, person: PersonDoc, input: NewTopic): Promise<TopicDoc> {
  const id = idFor('t', person._id, input.clientRequestId);
  const already = await topics(ctx.db).get(id);
  if (already) return already;
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND', '小区不存在');
  if (!input.viaConcern) assertCan(actor, 'topic.manage', { communityId: compound.communityId, compoundId: compound._id });
  const doc: Omit<TopicDoc, '_id'> = {
    clientRequestId: input.clientRequestId,
    communityId: compound.communityId,
    compoundId: compound._id,
    compoundName: compound.name,
    title: input.title,
    description: input.description,
    sourceConcernId: input.sourceConcernId ?? null,
    proposedBy: person._id,
    stage: 'collect',
    collectUntil: new Date(ctx.now.getTime() + input.collectDays * DAY_MS),
    materials: [],
    media: [],
    mediaTraceIds: [],
    meeting: null,
    participants: null,
    minutes: null,
    opinion: null,
    art278: false,
    art278Reason: null,
    publicUntil: null,
    tasks: [],
    report: null,
    comments: 0,
    satisfied: 0,
    unsatisfied: 0,
    consultedAt: null,
    implementedAt: null,
    period: periodOf(ctx.now),
    events: [{ stage: 'collect', by: person._id, byName: person.name, at: ctx.now }],
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  try {
    await topics(ctx.db).add({ _id: id, ...doc });
  } catch (e) {
    const raced = await topics(ctx.db).get(id);
    if (raced) return raced;
    throw e;
  }
  return { _id: id, ...doc };
}

export async function proposeTopic(ctx: Ctx, input: NewTopic): Promise<TopicDetail> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND', '小区不存在');
  assertCan(actor, 'topic.manage', { communityId: compound.communityId, compoundId: compound._id });
  const person = await requirePerson(ctx.db, actor);
  await checkText(ctx, `${input.title}\n${input.description}`);
  const t = await createTopic(ctx, actor, person, { ...input, sourceConcernId: undefined, viaConcern: false });
  return viewOf(ctx, actor, t);
}

/** Residents of the compound, and its managers, see its topics; anyone else learns nothing. */
async function loadTopic(ctx: Ctx, topicId: string) {
  const actor = await ctx.actor();
  const t = await topics(ctx.db).get(topicId);
  if (!t) throw new AppError('NOT_FOUND');
  const manage = can(actor, 'topic.manage', target(t));
  if (!manage && !livesIn(actor, target(t)) && !can(actor, 'concern.stats', target(t))) throw new AppError('NOT_FOUND');
  return { actor, t, manage };
}

/** The caller's home in the topic's compound that a comment or a rating speaks for. */
function homeIn(actor: Actor, t: TopicDoc, homeId: string) {
  const h = actor.homes.find((x) => x.homeId === homeId);
  if (!h) throw new AppError('NOT_FOUND', '房屋不存在');
  if (h.compoundId !== t.compoundId) throw new AppError('FORBIDDEN', '只有本小区住户可以参与');
  return h;
}

export async function viewOf(ctx: Ctx, actor: Actor, t: TopicDoc): Promise<TopicDetail> {
  const manage = can(actor, 'topic.manage', target(t));
  const resident = actor.homes.some((h) => h.compoundId === t.compoundId);
  const comments = await topicComments(ctx.db).find({ topicId: t._id }, { orderBy: [['updatedAt', 'desc']], limit: 100 });
  const myHome = actor.homes.find((h) => h.compoundId === t.compoundId);
  const mine = myHome
    ? (comments.find((c) => c.homeId === myHome.homeId) ?? (await topicComments(ctx.db).get(commentId(t._id, myHome.homeId))))
    : null;
  const inPublic = t.stage === 'publicize' && !!t.publicUntil && new Date(t.publicUntil).getTime() > ctx.now.getTime();
  return topicView(ctx, t, comments, mine ?? null, {
    canManage: manage,
    canComment: resident && t.stage === 'collect' && new Date(t.collectUntil).getTime() > ctx.now.getTime(),
    canObject: resident && inPublic,
    canRate: resident && t.stage === 'feedback',
  });
}

export async function getTopic(ctx: Ctx, input: { topicId: string }): Promise<TopicDetail> {
  const { actor, t } = await loadTopic(ctx, input.topicId);
  return viewOf(ctx, actor, t);
}

export async function listTopics(
  ctx: Ctx,
  input: { compoundId?: string; cursor?: string; size: number },
): Promise<Page<TopicListItem> & ConcernPlaced> {
  const actor = await ctx.actor();
  const p = await places(ctx);
  // No compound named: my first home's, else the first I handle (the page's picker order); none, no topics.
  const compoundId = input.compoundId ?? p.homes[0]?.compoundId ?? p.handles[0]?.compoundId;
  if (!compoundId) return { items: [], compoundId: '', places: p };
  const compound = await compounds(ctx.db).get(compoundId);
  if (!compound) throw new AppError('NOT_FOUND', '小区不存在');
  const t = { communityId: compound.communityId, compoundId: compound._id };
  if (!livesIn(actor, t) && !can(actor, 'topic.manage', t) && !can(actor, 'concern.stats', t))
    throw new AppError('FORBIDDEN', '只能查看自己所在小区的议事');
  const offset = decodeCursor(input.cursor);
  const docs = await topics(ctx.db).find(
    { compoundId: compound._id },
    { orderBy: [['createdAt', 'desc']], skip: offset, limit: input.size + 1 },
  );
  return { ...pageOf(docs.map(topicItem), offset, input.size), compoundId, places: p };
}

/** One thread per home: the first comment creates it, the next ones edit it (counted once). */
async function writeThread(ctx: Ctx, t: TopicDoc, homeId: string, person: PersonDoc, patch: Partial<TopicCommentDoc>) {
  const home = await homes(ctx.db).get(homeId);
  const cid = commentId(t._id, homeId);
  const created = await transaction(ctx.db, async (tx) => {
    const cur = await topicComments(ctx.db).in(tx).get(cid);
    if (cur) {
      const edited = patch.stance !== undefined && !!cur.text;
      await topicComments(ctx.db)
        .in(tx)
        .patch(cid, { ...patch, personId: person._id, edits: cur.edits + (edited ? 1 : 0), updatedAt: ctx.now });
      return false;
    }
    const doc: Omit<TopicCommentDoc, '_id'> = {
      topicId: t._id,
      homeId,
      buildingName: home?.buildingName ?? '',
      personId: person._id,
      stance: null,
      text: null,
      objection: null,
      rating: null,
      edits: 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      ...patch,
    };
    await topicComments(ctx.db).in(tx).put(cid, doc);
    return true;
  });
  if (created) await topics(ctx.db).patch(t._id, { comments: ctx.db.command.inc(1) });
}

export async function commentTopic(
  ctx: Ctx,
  input: { topicId: string; homeId: string; stance: Stance; text: string },
): Promise<TopicDetail> {
  const { actor, t } = await loadTopic(ctx, input.topicId);
  homeIn(actor, t, input.homeId);
  if (t.stage !== 'collect') throw new AppError('TOPIC_STAGE', '征集意见已结束');
  if (new Date(t.collectUntil).getTime() <= ctx.now.getTime()) throw new AppError('TOPIC_STAGE', '征集意见已截止');
  await checkText(ctx, input.text);
  const person = await requirePerson(ctx.db, actor);
  await writeThread(ctx, t, input.homeId, person, { stance: input.stance, text: input.text });
  return viewOf(ctx, actor, (await topics(ctx.db).get(t._id))!);
}

export async function objectTopic(ctx: Ctx, input: { topicId: string; homeId: string; text: string }): Promise<TopicDetail> {
  const { actor, t } = await loadTopic(ctx, input.topicId);
  homeIn(actor, t, input.homeId);
  if (t.stage !== 'publicize' || !t.publicUntil || new Date(t.publicUntil).getTime() <= ctx.now.getTime())
    throw new AppError('TOPIC_STAGE', '不在公示期内，不能提出异议');
  await checkText(ctx, input.text);
  const person = await requirePerson(ctx.db, actor);
  await writeThread(ctx, t, input.homeId, person, { objection: input.text });
  return viewOf(ctx, actor, (await topics(ctx.db).get(t._id))!);
}

export async function rateTopic(
  ctx: Ctx,
  input: { topicId: string; homeId: string; verdict: 'satisfied' | 'unsatisfied' },
): Promise<TopicDetail> {
  const { actor, t } = await loadTopic(ctx, input.topicId);
  homeIn(actor, t, input.homeId);
  if (t.stage !== 'feedback') throw new AppError('TOPIC_STAGE', '反馈阶段才能评价');
  const person = await requirePerson(ctx.db, actor);
  const cid = commentId(t._id, input.homeId);
  const before = await topicComments(ctx.db).get(cid);
  if (before?.rating === input.verdict) return viewOf(ctx, actor, t);
  await writeThread(ctx, t, input.homeId, person, { rating: input.verdict });
  // The tallies follow the threads (one per home), so a changed mind is not counted twice.
  const [satisfied, unsatisfied] = await Promise.all([
    topicComments(ctx.db).count({ topicId: t._id, rating: 'satisfied' }),
    topicComments(ctx.db).count({ topicId: t._id, rating: 'unsatisfied' }),
  ]);
  await topics(ctx.db).patch(t._id, { satisfied, unsatisfied });
  return viewOf(ctx, actor, (await topics(ctx.db).get(t._id))!);
}

/** Write a step only if the topic is unchanged since read. */
async function commitTopic(ctx: Ctx, t: TopicDoc, patch: Partial<TopicDoc>, event: TopicDoc['events'][number]): Promise<TopicDoc> {
  return transaction(ctx.db, async (tx) => {
    const cur = await topics(ctx.db).in(tx).must(t._id);
    if (cur.version !== t.version) throw new AppError('CONFLICT', '这个议题刚被他人更新，请刷新后查看');
    const next: TopicDoc = { ...cur, ...patch, events: [...cur.events, event], version: cur.version + 1, updatedAt: ctx.now };
    const { _id, ...rest } = next;
    const _ = ctx.db.command;
    await topics(ctx.db)
      .in(tx)
      .patch(_id, {
        ...rest,
        events: _.set(rest.events),
        materials: _.set(rest.materials),
        media: _.set(rest.media),
        mediaTraceIds: _.set(rest.mediaTraceIds),
        tasks: _.set(rest.tasks),
        meeting: _.set(rest.meeting),
      });
    return next;
  });
}

async function asManager(ctx: Ctx, topicId: string) {
  const l = await loadTopic(ctx, topicId);
  if (!l.manage) throw new AppError('FORBIDDEN', '只有党支部和业委会可以推进议事');
  return { ...l, person: await requirePerson(ctx.db, l.actor) };
}

export async function advanceTopic(
  ctx: Ctx,
  input: { topicId: string; step: AdvanceInput & { objectionDays?: number } },
): Promise<TopicDetail> {
  const { actor, t, person } = await asManager(ctx, input.topicId);
  const s = input.step;
  const problem = stepProblem(t, s.to as TopicStage, ctx.now);
  if (problem) throw new AppError('TOPIC_STAGE', problem);
  const patch: Partial<TopicDoc> = { stage: s.to as TopicStage };
  if (s.to === 'brief') {
    const files = s.materials.flatMap((m) => m.photos ?? []);
    assertOwnFiles(ctx.openid, CONCERN_FILES, files);
    if (new Set(files).size !== files.length) throw new AppError('BAD_REQUEST', '同一张图片不能重复添加');
    await checkText(ctx, [...s.materials.map((m) => m.title), s.place].join('\n'));
    const media = await startMediaChecks(ctx, files, SEC_SCENE);
    Object.assign(patch, {
      materials: s.materials.map((m) => ({ title: m.title, photos: m.photos ?? [] })),
      media: [...t.media, ...media],
      mediaTraceIds: [...t.mediaTraceIds, ...media.map((m) => m.traceId)],
      meeting: { at: new Date(s.meetingAt), place: s.place },
    });
  } else if (s.to === 'consult') {
    if (s.art278 && !s.art278Reason)
      throw new AppError('BAD_REQUEST', '属于业主共同决定的事项，请说明理由（如：涉及共有部分的改造和使用）');
    await checkText(ctx, [s.participants, s.minutes, s.opinion, s.art278Reason ?? ''].join('\n'));
    Object.assign(patch, {
      participants: s.participants,
      minutes: s.minutes,
      opinion: s.opinion,
      art278: s.art278,
      art278Reason: s.art278 ? (s.art278Reason ?? null) : null,
      consultedAt: ctx.now,
      period: periodOf(ctx.now),
    });
  } else if (s.to === 'publicize') {
    patch.publicUntil = new Date(ctx.now.getTime() + (s.objectionDays ?? 5) * DAY_MS);
  } else if (s.to === 'implement') {
    // nothing more: tasks are added in this stage
  } else if (s.to === 'feedback') {
    await checkText(ctx, s.report);
    Object.assign(patch, { report: s.report, implementedAt: ctx.now });
  }
  const next = await commitTopic(ctx, t, patch, { stage: s.to as TopicStage, by: person._id, byName: person.name, at: ctx.now });
  if (s.to === 'publicize' || s.to === 'feedback') {
    const job = await enqueue(
      ctx,
      tellTopic,
      { topicId: t._id, stage: s.to },
      { createdBy: person._id, clientRequestId: `${t._id}-${s.to}` },
    );
    await work(ctx, { jobId: job._id, budgetMs: 3_000 });
  }
  return viewOf(ctx, actor, next);
}

export async function addTask(
  ctx: Ctx,
  input: {
    topicId: string;
    clientRequestId: string;
    title: string;
    owner: string;
    dueOn: string;
    link?: { kind: 'repair' | 'expense' | 'vote'; id: string; period?: string };
  },
): Promise<TopicDetail> {
  const { actor, t, person } = await asManager(ctx, input.topicId);
  if (t.stage !== 'implement') throw new AppError('TOPIC_STAGE', '实施阶段才能安排任务');
  const taskId = idFor('k', person._id, input.clientRequestId).slice(0, 20);
  if (t.tasks.some((k) => k.id === taskId)) return viewOf(ctx, actor, t);
  if (t.tasks.length >= 20) throw new AppError('BAD_REQUEST', '任务最多20项');
  if (input.link?.kind === 'expense' && !input.link.period) throw new AppError('BAD_REQUEST', '账目支出请注明月份');
  await checkText(ctx, `${input.title}\n${input.owner}`);
  const task = { id: taskId, title: input.title, owner: input.owner, dueOn: input.dueOn, link: input.link ?? null, createdAt: ctx.now };
  const next = await commitTopic(
    ctx,
    t,
    { tasks: [...t.tasks, task] },
    { stage: 'task', by: person._id, byName: person.name, at: ctx.now },
  );
  return viewOf(ctx, actor, next);
}

/** Link a task to what carries it out: a repair, a ledger expense (shown in its month's statement) or a vote. */
export async function linkTask(
  ctx: Ctx,
  input: { topicId: string; taskId: string; link: { kind: 'repair' | 'expense' | 'vote'; id: string; period?: string } },
): Promise<TopicDetail> {
  const { actor, t, person } = await asManager(ctx, input.topicId);
  if (t.stage !== 'implement' && t.stage !== 'feedback') throw new AppError('TOPIC_STAGE', '实施阶段才能关联任务');
  if (!t.tasks.some((k) => k.id === input.taskId)) throw new AppError('NOT_FOUND', '任务不存在');
  if (input.link.kind === 'expense' && !input.link.period) throw new AppError('BAD_REQUEST', '账目支出请注明月份');
  const tasks = t.tasks.map((k) => (k.id === input.taskId ? { ...k, link: input.link } : k));
  const next = await commitTopic(ctx, t, { tasks }, { stage: 'link', by: person._id, byName: person.name, at: ctx.now });
  return viewOf(ctx, actor, next);
}

/**
 * 公示 and 反馈 reach every home that took part (its last writer), one message
 * each, as a job: claimed before and confirmed after, so a killed worker never
 * sends twice. The words carry the topic and the stage, never a name.
 */
export const tellTopic = defineJob<{ topicId: string; stage: 'publicize' | 'feedback' }, { personId: string }>({
  kind: 'concerns.tellTopic',
  batchSize: 50,
  async next(ctx, job, cursor, limit) {
    const _ = ctx.db.command;
    const rows = await topicComments(ctx.db).find(
      { topicId: job.params.topicId, ...(cursor ? { _id: _.gt(cursor) } : {}) },
      { orderBy: [['_id', 'asc']], limit },
    );
    return {
      items: rows.map((r) => ({ key: r.homeId, data: { personId: r.personId } })),
      cursor: rows.length === limit ? rows[rows.length - 1]._id : null,
    };
  },
  async apply(ctx, job, item) {
    const t = await topics(ctx.db).get(job.params.topicId);
    if (!t) return 'skipped';
    await notify(ctx, item.data.personId, {
      what: `议事：${t.title}`,
      status: TOPIC_STAGE_LABELS[job.params.stage].slice(0, 4),
      note: job.params.stage === 'publicize' ? '议事结果已公示，有异议请在公示期内提出' : '议事结果已反馈，请评价',
      page: topicPage(t._id),
    });
    return 'done';
  },
});

/** The wxa_media_check push for a topic's materials. */
export async function onTopicMedia(ctx: Ctx, traceId: string, status: 'pass' | 'risky', label: number): Promise<boolean> {
  const hit = await topics(ctx.db).first({ mediaTraceIds: traceId });
  if (!hit) return false;
  await transaction(ctx.db, async (tx) => {
    const cur = await topics(ctx.db).in(tx).must(hit._id);
    const media = cur.media.map((m) => (m.traceId === traceId ? { ...m, status, label } : m));
    await topics(ctx.db)
      .in(tx)
      .patch(hit._id, { media: ctx.db.command.set(media) });
  });
  return true;
}
