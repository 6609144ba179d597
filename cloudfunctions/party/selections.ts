/**
 * 好邻居 / 好家庭 评选: the branch or the committee opens one; any bound household
 * nominates another (never its own) with a reason; the nominee appears publicly only
 * after its household accepts, under the name it chose; one vote per home (the
 * ballot's id is the voting home, so repeats and parallel casts make one), never for
 * one's own household, only from a bound account; results after close, then the 荣誉榜.
 */
import type { NomineeView, SelectionDetail, SelectionItem, SelectionList } from '../../core/party/contract';
import {
  SELECTION_KIND_LABELS,
  SELECTION_PHASE_LABELS,
  nominateProblem,
  selectionPhase,
  voteProblem,
  type SelectionKind,
} from '../../core/party/rules';
import { winners } from '../../core/party/order';
import { DAY_MS } from '../../core/platform/period';
import { assertCan, can } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { compounds, homes, requirePerson } from '../_shared/directory';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { checkText, idFor, targetOfCompound } from './common';
import { ballots, nominees, selections, type NomineeDoc, type SelectionDoc } from './docs';

const iso = (d: Date | string) => new Date(d).toISOString();

function item(s: SelectionDoc, now: number): SelectionItem {
  const phase = selectionPhase(s, now);
  return {
    id: s._id,
    title: s.title,
    kind: s.kind,
    kindLabel: SELECTION_KIND_LABELS[s.kind],
    phase,
    phaseLabel: SELECTION_PHASE_LABELS[phase],
    nominateUntil: iso(s.nominateUntil),
    voteUntil: iso(s.voteUntil),
    places: s.places,
  };
}

const nomineeLabel = (n: NomineeDoc) => (n.accepted && n.shownAs ? `${n.homeLabel} ${n.shownAs}` : n.homeLabel);
function nomineeView(n: NomineeDoc, withVotes: boolean): NomineeView {
  return { homeId: n.homeId, label: nomineeLabel(n), reason: n.reason, accepted: n.accepted, ...(withVotes ? { votes: n.votes } : {}) };
}

/** The caller's bound home in this compound (the one they nominate and vote from). */
const homesIn = (actor: Actor, compoundId: string) => actor.homes.filter((h) => h.compoundId === compoundId).map((h) => h.homeId);
const manages = (actor: Actor, s: Pick<SelectionDoc, 'communityId' | 'compoundId'>) =>
  can(actor, 'party.selection', { communityId: s.communityId, compoundId: s.compoundId });

/** Who may see a selection at all: the compound's households and its organisers. */
function assertSees(actor: Actor, s: SelectionDoc) {
  if (!homesIn(actor, s.compoundId).length && !manages(actor, s)) throw new AppError('NOT_FOUND');
}

async function detail(ctx: Ctx, actor: Actor, s: SelectionDoc): Promise<SelectionDetail> {
  const now = ctx.now.getTime();
  const phase = selectionPhase(s, now);
  const mine = homesIn(actor, s.compoundId);
  const myHomeId = mine[0] ?? null;
  const all = await nominees(ctx.db).find({ selectionId: s._id }, { orderBy: [['votes', 'desc']], limit: 200 });
  const published = phase === 'published';
  const isManager = manages(actor, s);
  const shown = all.filter((n) => n.accepted || (!n.declined && (isManager || mine.includes(n.nominatedByHome))));
  const invite = all.find((n) => mine.includes(n.homeId) && !n.accepted && !n.declined) ?? null;
  const ballot = myHomeId ? await ballots(ctx.db).get(`${s._id}_${myHomeId}`) : null;
  const won = published ? s.winners.map((h) => all.find((n) => n.homeId === h)).filter((n): n is NomineeDoc => !!n) : [];
  return {
    ...item(s, now),
    compoundId: s.compoundId,
    rules: s.rules,
    nominees: shown
      .map((n) => nomineeView(n, published))
      .sort((a, b) => (published ? (b.votes ?? 0) - (a.votes ?? 0) : a.label.localeCompare(b.label, 'zh'))),
    invitation: invite ? nomineeView(invite, false) : null,
    myHomeId,
    myVote: ballot?.nomineeHomeId ?? null,
    canNominate: phase === 'nominating' && !!myHomeId,
    canVote: phase === 'voting' && !!myHomeId && !ballot,
    canPublish: (phase === 'voting' || phase === 'counted') && isManager,
    canStartVoting: phase === 'nominating' && isManager,
    winners: won.map((n) => nomineeView(n, true)),
    shareText: published
      ? `【${s.compoundName}${s.title}】评选结果：${won.map((n) => nomineeLabel(n)).join('、') || '无'}。感谢各位邻居参与！详情见小程序“荣誉榜”。`
      : null,
  };
}

export async function list(ctx: Ctx, input: { compoundId?: string }): Promise<SelectionList> {
  const actor = await ctx.actor();
  const compoundId =
    input.compoundId ??
    actor.homes[0]?.compoundId ??
    actor.roles.find((g) => g.compoundId && can(actor, 'party.selection', { communityId: g.communityId, compoundId: g.compoundId }))
      ?.compoundId;
  if (!compoundId) throw new AppError('NOT_FOUND', '绑定房屋后可以参加评选');
  const c = await compounds(ctx.db).get(compoundId);
  if (!c) throw new AppError('NOT_FOUND');
  const canOpen = can(actor, 'party.selection', targetOfCompound(c));
  if (!homesIn(actor, c._id).length && !canOpen) throw new AppError('NOT_FOUND');
  const items = await selections(ctx.db).find({ compoundId: c._id }, { orderBy: [['createdAt', 'desc']], limit: 20 });
  return { compoundId: c._id, compoundName: c.name, items: items.map((s) => item(s, ctx.now.getTime())), canOpen };
}

export async function get(ctx: Ctx, input: { selectionId: string }): Promise<SelectionDetail> {
  const actor = await ctx.actor();
  const s = await selections(ctx.db).must(input.selectionId);
  assertSees(actor, s);
  return detail(ctx, actor, s);
}

export async function open(
  ctx: Ctx,
  input: {
    clientRequestId: string;
    compoundId: string;
    kind: SelectionKind;
    title: string;
    rules: string;
    places: number;
    nominateDays: number;
    voteDays: number;
  },
): Promise<SelectionDetail> {
  const actor = await ctx.actor();
  const c = await compounds(ctx.db).get(input.compoundId);
  if (!c) throw new AppError('NOT_FOUND');
  assertCan(actor, 'party.selection', targetOfCompound(c));
  const person = await requirePerson(ctx.db, actor);
  const id = idFor('s', person._id, input.clientRequestId);
  const already = await selections(ctx.db).get(id);
  if (already) return detail(ctx, actor, already);
  const nominateUntil = new Date(ctx.now.getTime() + input.nominateDays * DAY_MS);
  const doc: Omit<SelectionDoc, '_id'> = {
    clientRequestId: input.clientRequestId,
    communityId: c.communityId,
    compoundId: c._id,
    compoundName: c.name,
    kind: input.kind,
    title: input.title,
    rules: input.rules,
    places: input.places,
    nominateUntil,
    voteUntil: new Date(nominateUntil.getTime() + input.voteDays * DAY_MS),
    publishedAt: null,
    winners: [],
    createdBy: person._id,
    createdAt: ctx.now,
  };
  try {
    await selections(ctx.db).put(id, doc);
  } catch (e) {
    const raced = await selections(ctx.db).get(id);
    if (!raced) throw e;
  }
  return detail(ctx, actor, { _id: id, ...doc });
}

export async function nominate(
  ctx: Ctx,
  input: { selectionId: string; homeId: string; nomineeHomeId: string; reason: string },
): Promise<SelectionDetail> {
  const actor = await ctx.actor();
  const s = await selections(ctx.db).must(input.selectionId);
  assertSees(actor, s);
  if (!homesIn(actor, s.compoundId).includes(input.homeId)) throw new AppError('FORBIDDEN', '只有本小区已绑定房屋的住户可以提名');
  if (selectionPhase(s, ctx.now.getTime()) !== 'nominating') throw new AppError('BAD_REQUEST', '提名期已结束');
  const nominee = await homes(ctx.db).get(input.nomineeHomeId);
  if (!nominee) throw new AppError('NOT_FOUND', '房屋不存在');
  const p = nominateProblem(input.homeId, nominee._id, nominee.compoundId === s.compoundId);
  if (p) throw new AppError('BAD_REQUEST', p);
  const person = await requirePerson(ctx.db, actor);
  const id = `${s._id}_${nominee._id}`;
  if (!(await nominees(ctx.db).get(id))) {
    await checkText(ctx, input.reason);
    const doc: Omit<NomineeDoc, '_id'> = {
      selectionId: s._id,
      compoundId: s.compoundId,
      homeId: nominee._id,
      homeLabel: nominee.label,
      sortKey: `${nominee.buildingId}_${nominee.sortKey ?? nominee.label}`,
      reason: input.reason,
      nominatedByHome: input.homeId,
      nominatedBy: person._id,
      accepted: false,
      declined: false,
      shownAs: null,
      votes: 0,
      createdAt: ctx.now,
    };
    // A household is nominated once (its id): a second nomination, or a race, keeps the first reason.
    try {
      await nominees(ctx.db).put(id, doc);
    } catch (e) {
      if (!(await nominees(ctx.db).get(id))) throw e;
    }
  }
  return detail(ctx, actor, s);
}

export async function accept(
  ctx: Ctx,
  input: { selectionId: string; homeId: string; accept: boolean; shownAs?: string },
): Promise<SelectionDetail> {
  const actor = await ctx.actor();
  const s = await selections(ctx.db).must(input.selectionId);
  assertSees(actor, s);
  const n = await nominees(ctx.db).get(`${s._id}_${input.homeId}`);
  if (!n || !homesIn(actor, s.compoundId).includes(input.homeId)) throw new AppError('NOT_FOUND');
  const phase = selectionPhase(s, ctx.now.getTime());
  if (phase !== 'nominating' && phase !== 'voting') throw new AppError('BAD_REQUEST', '评选已结束');
  if (input.accept && input.shownAs) await checkText(ctx, input.shownAs);
  await nominees(ctx.db).patch(
    n._id,
    input.accept ? { accepted: true, declined: false, shownAs: input.shownAs ?? null } : { accepted: false, declined: true, shownAs: null },
  );
  return detail(ctx, actor, s);
}

export async function vote(ctx: Ctx, input: { selectionId: string; homeId: string; nomineeHomeId: string }): Promise<SelectionDetail> {
  const actor = await ctx.actor();
  const s = await selections(ctx.db).must(input.selectionId);
  assertSees(actor, s);
  // A bound home of this compound only: an unbound account has none.
  if (!homesIn(actor, s.compoundId).includes(input.homeId)) throw new AppError('FORBIDDEN', '只有本小区已绑定房屋的住户可以投票');
  if (selectionPhase(s, ctx.now.getTime()) !== 'voting') throw new AppError('BAD_REQUEST', '现在不在投票期');
  const nid = `${s._id}_${input.nomineeHomeId}`;
  const n = await nominees(ctx.db).get(nid);
  if (!n || n.declined) throw new AppError('NOT_FOUND', '候选户不存在');
  const p = voteProblem(input.homeId, n);
  if (p) throw new AppError('BAD_REQUEST', p);
  const person = await requirePerson(ctx.db, actor);
  const bid = `${s._id}_${input.homeId}`;
  // The ballot's id is the voting home: whichever call commits first counts, every other one is refused.
  await transaction(ctx.db, async (tx) => {
    if (await ballots(ctx.db).in(tx).get(bid)) throw new AppError('BAD_REQUEST', '您家已经投过票了，每户一票');
    const cur = await nominees(ctx.db).in(tx).must(nid);
    await ballots(ctx.db)
      .in(tx)
      .put(bid, { selectionId: s._id, voterHomeId: input.homeId, nomineeHomeId: n.homeId, castBy: person._id, castAt: ctx.now });
    await nominees(ctx.db)
      .in(tx)
      .patch(nid, { votes: cur.votes + 1 });
  });
  return detail(ctx, actor, s);
}

export async function startVoting(ctx: Ctx, input: { selectionId: string }): Promise<SelectionDetail> {
  const actor = await ctx.actor();
  const s = await selections(ctx.db).must(input.selectionId);
  assertSees(actor, s);
  assertCan(actor, 'party.selection', { communityId: s.communityId, compoundId: s.compoundId });
  if (selectionPhase(s, ctx.now.getTime()) !== 'nominating') throw new AppError('BAD_REQUEST', '提名期已经结束');
  // The vote keeps its length: it now runs from today for as long as it was set to.
  const voteUntil = new Date(ctx.now.getTime() + (new Date(s.voteUntil).getTime() - new Date(s.nominateUntil).getTime()));
  const patch = { nominateUntil: ctx.now, voteUntil };
  await transaction(ctx.db, async (tx) => {
    const cur = await selections(ctx.db).in(tx).must(s._id);
    if (new Date(cur.nominateUntil).getTime() !== new Date(s.nominateUntil).getTime()) throw new AppError('CONFLICT');
    await selections(ctx.db).in(tx).patch(s._id, patch);
  });
  return detail(ctx, actor, { ...s, ...patch });
}

export async function publish(ctx: Ctx, input: { selectionId: string }): Promise<SelectionDetail> {
  const actor = await ctx.actor();
  const s = await selections(ctx.db).must(input.selectionId);
  assertSees(actor, s);
  assertCan(actor, 'party.selection', { communityId: s.communityId, compoundId: s.compoundId });
  const phase = selectionPhase(s, ctx.now.getTime());
  if (phase === 'published') return detail(ctx, actor, s);
  if (phase === 'nominating') throw new AppError('BAD_REQUEST', '提名期尚未结束，不能公布结果');
  const all = await nominees(ctx.db).find({ selectionId: s._id, accepted: true }, { limit: 200 });
  const won = winners(all, s.places).map((n) => n.homeId);
  const patch = { publishedAt: ctx.now, winners: won, voteUntil: phase === 'voting' ? ctx.now : s.voteUntil };
  await transaction(ctx.db, async (tx) => {
    const cur = await selections(ctx.db).in(tx).must(s._id);
    if (cur.publishedAt) throw new AppError('CONFLICT');
    await selections(ctx.db).in(tx).patch(s._id, patch);
  });
  return detail(ctx, actor, { ...s, ...patch });
}
