/**
 * Stored concerns and topics → what crosses the wire. What each viewer may see is
 * decided here, in one place: a neighbour ('board') never gets a name, a room or
 * who wrote a comment — only a building and a role.
 */
import type { ConcernDetail, ConcernEventView, ConcernListItem, TopicDetail, TopicListItem } from '../../core/concerns/contract';
import {
  CONCERN_STATUS_LABELS,
  OUTCOME_LABELS,
  STANCE_LABELS,
  TOPIC_STAGE_LABELS,
  TASK_LINK_LABELS,
  isOverdue,
  nextStage,
  nextStepText,
  outcomeText,
  stepProblem,
  type ConcernAccess,
} from '../../core/concerns/rules';
import type { AppLink } from '../../core/platform/links';
import { iso } from '../_shared/db';
import { photoViews } from '../_shared/media';
import type { Ctx } from '../_shared/router';
import { FOREVER_TIME } from './time';
import type { ConcernDoc, ConcernEvent, TopicCommentDoc, TopicDoc } from './docs';

export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : chars.slice(0, max).join('') + '…';
}

/** "天翔世家 3栋" or "天翔世家": the place, never a room. */
export const placeOf = (c: Pick<ConcernDoc, 'compoundName' | 'buildingName' | 'about'>) =>
  c.about === 'building' ? `${c.compoundName} ${c.buildingName}` : c.compoundName;

export function listItem(c: ConcernDoc, now: Date): ConcernListItem {
  const due = new Date(c.dueAt).getTime();
  return {
    id: c._id,
    compoundId: c.compoundId,
    category: c.category,
    placeLabel: placeOf(c),
    excerpt: excerpt(c.description),
    visibility: c.visibility,
    status: c.status,
    statusLabel: CONCERN_STATUS_LABELS[c.status],
    level: c.level,
    escalated: c.escalated,
    overdue: isOverdue(c, now),
    ...(c.open && due < FOREVER_TIME ? { dueAt: iso(c.dueAt) } : {}),
    followers: c.followers,
    photoCount: c.photos.length,
    nextStep: nextStepText(c.status, c.level),
    ...(c.outcome ? { outcome: c.outcome.kind } : {}),
    createdAt: iso(c.createdAt),
  };
}

const EVENT_LABELS: Record<ConcernEvent['action'], string> = {
  raise: '提出',
  raiseFor: '代为登记',
  answer: '答复',
  convert: '转交处理',
  escalate: '超时上报党支部和业委会',
  rate: '评价',
  reopen: '不满意，重新处理',
  merge: '合并',
  ask: '询问：解决了吗？',
};

function eventView(e: ConcernEvent, c: ConcernDoc, access: NonNullable<ConcernAccess>): ConcernEventView {
  const raiserSide = e.by === c.raiserId && (e.action === 'raise' || e.action === 'rate' || e.action === 'reopen');
  // A neighbour sees roles only; the raiser's own steps are 提出人 to them (not even 住户 of a room).
  const by = access === 'board' ? (raiserSide ? '提出人' : e.byRole) : `${e.byName}（${e.byRole}）`;
  // What the raiser typed when rating stays between them and the handlers.
  const showNote = !!e.note && (access !== 'board' || (!raiserSide && e.action !== 'raiseFor'));
  return { action: e.action, label: EVENT_LABELS[e.action], by, at: iso(e.at), ...(showNote ? { note: e.note } : {}) };
}

export function linkOf(c: ConcernDoc): AppLink | undefined {
  const o = c.outcome;
  if (!o) return undefined;
  if (o.kind === 'repair') return { to: 'repairDetail', params: { id: o.repairId }, label: '查看报修进度' };
  if (o.kind === 'topic') return { to: 'concernTopic', params: { id: o.topicId }, label: '查看议事进度' };
  if (o.kind === 'vote' && o.voteId) return { to: 'voteDetail', params: { id: o.voteId }, label: '查看业主表决' };
  return undefined;
}

export interface DetailFlags {
  canAnswer: boolean;
  canConvert: boolean;
  canMerge: boolean;
  canRate: boolean;
  canFollow: boolean;
  following: boolean;
  canPropose: boolean;
}

export async function detailView(
  ctx: Pick<Ctx, 'cloud' | 'now'>,
  c: ConcernDoc,
  access: NonNullable<ConcernAccess>,
  flags: DetailFlags,
): Promise<ConcernDetail> {
  const full = access !== 'board';
  const handler = access === 'handler';
  const link = linkOf(c);
  return {
    ...listItem(c, ctx.now),
    access,
    description: c.description,
    photos: await photoViews(ctx, c.photos, c.media, full),
    ...(handler ? { raiserName: c.raiserName, homeLabel: c.homeLabel } : {}),
    ...(full && c.source !== 'resident' ? { raisedBy: c.raiserName } : {}),
    ...(c.answer ? { answer: c.answer } : {}),
    ...(link ? { link } : {}),
    ...(c.outcome?.kind === 'vote' ? { voteReason: c.outcome.reason } : {}),
    ...(full && c.rating ? { rating: c.rating } : {}),
    ...(full && c.ratingReason ? { ratingReason: c.ratingReason } : {}),
    asked: full && c.asked && c.status === 'answered',
    events: c.events.map((e) => eventView(e, c, access)),
    ...flags,
    ...(c.mergedIntoId ? { mergedIntoId: c.mergedIntoId } : {}),
    ...(c.topicId ? { topicId: c.topicId } : {}),
  };
}

export const outcomeLabel = (c: ConcernDoc) => (c.outcome ? OUTCOME_LABELS[c.outcome.kind] : '');

// ---------------------------------------------------------------- topics

export function topicItem(t: TopicDoc): TopicListItem {
  return {
    id: t._id,
    compoundId: t.compoundId,
    title: t.title,
    stage: t.stage,
    stageLabel: TOPIC_STAGE_LABELS[t.stage],
    comments: t.comments,
    createdAt: iso(t.createdAt),
  };
}

export interface TopicFlags {
  canManage: boolean;
  canComment: boolean;
  canObject: boolean;
  canRate: boolean;
}

export async function topicView(
  ctx: Pick<Ctx, 'cloud' | 'now'>,
  t: TopicDoc,
  comments: TopicCommentDoc[],
  mine: TopicCommentDoc | null,
  flags: TopicFlags,
): Promise<TopicDetail> {
  const photos = await photoViews(
    ctx,
    t.materials.flatMap((m) => m.photos),
    t.media,
    flags.canManage,
  );
  const byFile = new Map(photos.map((p) => [p.fileID, p]));
  const next = nextStage(t.stage);
  const list: TopicDetail['commentsList'] = [];
  for (const c of comments) {
    const who = `${c.buildingName}住户`;
    if (c.stance && c.text)
      list.push({ who, stance: c.stance, stanceLabel: STANCE_LABELS[c.stance], text: c.text, at: iso(c.updatedAt), edited: c.edits > 0 });
    if (c.objection) list.push({ who, stance: 'objection', stanceLabel: '异议', text: c.objection, at: iso(c.updatedAt), edited: false });
  }
  const decided = t.stage !== 'collect' && t.stage !== 'brief' && t.stage !== 'consult';
  return {
    ...topicItem(t),
    description: t.description,
    ...(t.sourceConcernId ? { sourceConcernId: t.sourceConcernId } : {}),
    collectUntil: iso(t.collectUntil),
    materials: t.materials.map((m) => ({
      title: m.title,
      photos: m.photos.map((f) => byFile.get(f)).filter((p): p is NonNullable<typeof p> => !!p),
    })),
    ...(t.meeting ? { meeting: { at: iso(t.meeting.at), place: t.meeting.place } } : {}),
    ...(t.participants ? { participants: t.participants } : {}),
    ...(t.minutes ? { minutes: t.minutes } : {}),
    ...(t.opinion ? { opinion: t.opinion } : {}),
    art278: t.art278,
    ...(t.art278Reason ? { art278Reason: t.art278Reason } : {}),
    ...(decided || t.opinion ? { outcome: outcomeText(t) } : {}),
    ...(t.publicUntil ? { publicUntil: iso(t.publicUntil) } : {}),
    tasks: t.tasks.map((k) => ({
      id: k.id,
      title: k.title,
      owner: k.owner,
      dueOn: k.dueOn,
      ...(k.link ? { link: { ...taskLink(t, k.link), kind: k.link.kind } } : {}),
    })),
    ...(t.report ? { report: t.report } : {}),
    ratings: { satisfied: t.satisfied, unsatisfied: t.unsatisfied },
    commentsList: list,
    ...(mine?.stance && mine.text
      ? { myComment: { stance: mine.stance, text: mine.text } }
      : mine?.objection
        ? { myComment: { stance: 'objection' as const, text: mine.objection } }
        : {}),
    ...(mine?.rating ? { myRating: mine.rating } : {}),
    ...flags,
    nextStage: flags.canManage ? next : null,
    nextProblem: flags.canManage && next ? stepProblem(t, next, ctx.now) : null,
    shareTitle: `议事厅｜${t.compoundName}：${t.title}（${TOPIC_STAGE_LABELS[t.stage]}）`,
  };
}

function taskLink(t: TopicDoc, l: NonNullable<TopicDoc['tasks'][number]['link']>): AppLink {
  const label = `查看${TASK_LINK_LABELS[l.kind]}`;
  if (l.kind === 'repair') return { to: 'repairDetail', params: { id: l.id }, label };
  if (l.kind === 'vote') return { to: 'voteDetail', params: { id: l.id }, label };
  // An expense is shown in its month's statement (the ledger's own page): linked, not copied.
  return { to: 'feeStatement', params: { compoundId: t.compoundId, period: l.period ?? '' }, label };
}
