/** Matters: create, announce (with the roll), list, read, close (preliminary result), finalize; settings. */
import { can, scopesOf } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import type { MatterDetail, MatterListItem, VoteSettings } from '../../core/votes/contract';
import {
  addTallies,
  countVote,
  emptyTally,
  ownerKeyOf,
  resultOf,
  tallyBallots,
  type CastBallot,
  type CountResult,
  type MatterKind,
} from '../../core/votes/count';
import { VOTE_LIMITS, VOTE_UPLOAD } from '../../core/votes/limits';
import { CONSULTATION_DEFAULT_REASON, datesProblem, earliestOpening, objectionEnds, phaseOf } from '../../core/votes/rules';
import type { Ctx } from '../_shared/router';
import { compounds, requirePerson } from '../_shared/directory';
import { assertOwnFiles } from '../_shared/files';
import { defineJob, enqueue, jobs, work } from '../_shared/jobs';
import { voteRollJob, type RollParams } from './rolljob';
import { ballots, countParts, matters, roll, voteSettings, type BallotDoc, type CountPartDoc, type MatterDoc, type RollDoc } from './docs';
import {
  allOfMatter,
  canManage,
  canSeeCompound,
  hasCommittee,
  consultationOf,
  detail,
  listItem,
  loadMatter,
  shapeOf,
  assertManage,
} from './common';

interface CreateInput {
  clientRequestId: string;
  compoundId: string;
  title: string;
  description: string;
  kind: MatterKind;
  format: 'approval' | 'election';
  candidates: string[];
  seats: number;
  documents: string[];
  opensAt: string;
  closesAt: string;
  secret: boolean;
}

export async function createMatter(ctx: Ctx, input: CreateInput): Promise<MatterDetail> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  const target = compound ? { communityId: compound.communityId, compoundId: compound._id } : null;
  if (!compound || !target || !canSeeCompound(actor, target)) throw new AppError('NOT_FOUND');
  if (!(await canManage(ctx.db, actor, target))) {
    // The community office may pick any compound of its community: say why this one is not its to organise.
    if (
      actor.roles.some((r) => r.role === 'communityAdmin' && r.communityId === compound.communityId) &&
      (await hasCommittee(ctx.db, compound._id))
    ) {
      throw new AppError('FORBIDDEN', `${compound.name}已成立业委会，表决由业委会发起；社区只为没有业委会的小区代为组织`);
    }
    throw new AppError('FORBIDDEN');
  }
  const person = await requirePerson(ctx.db, actor);
  const id = `vm_${person._id}_${input.clientRequestId}`.slice(0, 120);
  const again = await matters(ctx.db).get(id);
  if (again) return detail(ctx, actor, again, true, true);
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  const problem = datesProblem(opensAt, closesAt);
  if (problem) throw new AppError('BAD_REQUEST', problem);
  if (opensAt.getTime() < earliestOpening(ctx.now).getTime()) throw new AppError('VOTE_NOTICE_TOO_SHORT');
  assertOwnFiles(ctx.openid, VOTE_UPLOAD.documents, input.documents);
  const doc: MatterDoc = {
    _id: id,
    compoundId: compound._id,
    compoundName: compound.name,
    communityId: compound.communityId,
    title: input.title,
    description: input.description,
    kind: input.kind,
    format: input.format,
    candidates: input.candidates.map((name, i) => ({ id: `c${i + 1}`, name })),
    seats: input.format === 'election' ? input.seats : 1,
    documents: input.documents,
    opensAt,
    closesAt,
    secret: input.secret,
    status: 'draft',
    createdBy: person._id,
    createdByName: person.name,
    clientRequestId: input.clientRequestId,
    createdAt: ctx.now,
  };
  try {
    await matters(ctx.db).add(doc);
  } catch (e) {
    const raced = await matters(ctx.db).get(id);
    if (!raced) throw e;
    return detail(ctx, actor, raced, true, true);
  }
  return detail(ctx, actor, doc, true, true);
}

/** How long an announce or rebuild builds the roll inside the call; the `jobs` timer does the rest. */
export const ROLL_WORK = { kickBudgetMs: 20_000 };

/**
 * The roll from the register, one entry per owner (see core/votes/count.ts), as a job
 * (rolljob.ts): the one already running is helped along; otherwise a new one is queued
 * and the matter points at it (an older job then stops).
 */
async function buildRollJob(ctx: Ctx, m: MatterDoc, personId: string, mode: RollParams['mode']): Promise<void> {
  const current = m.rollJobId ? await jobs(ctx.db).get(m.rollJobId) : null;
  let jobId = current?.open ? current._id : null;
  if (!jobId) {
    const job = await enqueue(
      ctx,
      voteRollJob,
      { matterId: m._id, mode, at: ctx.now.toISOString() },
      { createdBy: personId, clientRequestId: `${mode}_${m._id}_${ctx.now.getTime()}` },
    );
    const changed = await matters(ctx.db).patchWhere(
      { _id: m._id, status: m.status, ...(m.rollJobId ? { rollJobId: m.rollJobId } : {}) },
      { rollJobId: job._id },
    );
    if (!changed) throw new AppError('CONFLICT');
    jobId = job._id;
  }
  await work(ctx, { jobId, budgetMs: ROLL_WORK.kickBudgetMs });
}

export async function announceMatter(ctx: Ctx, input: { matterId: string }): Promise<MatterDetail> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  if (m.status !== 'draft') throw new AppError('VOTE_STATE', '该事项已经公告');
  // 15 days between the announcement (now) and the opening.
  if (new Date(m.opensAt).getTime() < earliestOpening(ctx.now).getTime()) throw new AppError('VOTE_NOTICE_TOO_SHORT');
  const person = await requirePerson(ctx.db, actor);
  await buildRollJob(ctx, m, person._id, 'announce');
  return detail(ctx, actor, (await matters(ctx.db).get(m._id))!, true, true);
}

export async function rebuildRoll(ctx: Ctx, input: { matterId: string }): Promise<MatterDetail> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  const phase = phaseOf(m, ctx.now);
  if (phase !== 'announced') throw new AppError(phase === 'draft' ? 'VOTE_STATE' : 'VOTE_ROLL_FROZEN');
  // The rebuild must end before the opening (ballots are cast against the roll).
  if (new Date(m.opensAt).getTime() - ctx.now.getTime() < VOTE_LIMITS.rebuildMarginHours * 3600_000) throw new AppError('VOTE_ROLL_FROZEN');
  const person = await requirePerson(ctx.db, actor);
  await buildRollJob(ctx, m, person._id, 'rebuild');
  return detail(ctx, actor, (await matters(ctx.db).get(m._id))!, true, true);
}

/** Compounds the actor sees votes of: where they live, and where a role lets them. */
async function visibleCompounds(ctx: Ctx, actor: Actor): Promise<string[]> {
  const ids = new Set(actor.homes.map((h) => h.compoundId));
  for (const p of ['vote.view', 'vote.manage'] as const) {
    const s = scopesOf(actor, p);
    s.compoundIds.forEach((c) => ids.add(c));
    if (s.communityIds.length) {
      for (const c of await compounds(ctx.db).find({ communityId: ctx.db.command.in(s.communityIds) }, { limit: 200 })) ids.add(c._id);
    }
  }
  return [...ids].slice(0, 200);
}

export async function listMatters(ctx: Ctx, input: { compoundId?: string; openOnly: boolean }): Promise<MatterListItem[]> {
  const actor = await ctx.actor();
  let ids = await visibleCompounds(ctx, actor);
  if (input.compoundId) ids = ids.filter((c) => c === input.compoundId);
  if (!ids.length) return [];
  const found = await matters(ctx.db).find({ compoundId: ctx.db.command.in(ids) }, { orderBy: [['createdAt', 'desc']], limit: 30 });
  const out: MatterListItem[] = [];
  const cons = new Map<string, Awaited<ReturnType<typeof consultationOf>>>();
  for (const m of found) {
    const t = { communityId: m.communityId, compoundId: m.compoundId };
    const manage = await canManage(ctx.db, actor, t);
    if (m.status === 'draft' && !manage) continue;
    if (input.openOnly && phaseOf(m, ctx.now) !== 'open') continue;
    if (!cons.has(m.compoundId)) cons.set(m.compoundId, await consultationOf(ctx.db, await compounds(ctx.db).get(m.compoundId)));
    out.push(await listItem(ctx, actor, m, manage && can(actor, 'vote.track', t), cons.get(m.compoundId)));
  }
  return out;
}

export async function getMatter(ctx: Ctx, input: { matterId: string }): Promise<MatterDetail> {
  const { m, actor, manage, track } = await loadMatter(ctx, input.matterId);
  return detail(ctx, actor, m, manage, track);
}

/**
 * Close: every ballot recounted from the ballots themselves (not the running tally),
 * the result stored and published as preliminary, with the objection period. The count
 * is a job (`votes.count`, 1,000 owners a batch): the matter is 计票中 while it runs;
 * the call itself runs batches for `COUNT_WORK.kickBudgetMs`, enough for a roll of a
 * few thousand owners, and a larger one is finished by the `jobs` timer.
 */
export async function closeMatter(ctx: Ctx, input: { matterId: string }): Promise<MatterDetail> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  const phase = phaseOf(m, ctx.now);
  if (phase === 'open' || phase === 'announced') throw new AppError('VOTE_NOT_ENDED');
  if (phase === 'counting' && m.countJobId) {
    // Asked again while counting: help the count along and answer with its progress.
    await work(ctx, { jobId: m.countJobId, budgetMs: COUNT_WORK.kickBudgetMs });
    return detail(ctx, actor, (await matters(ctx.db).get(m._id))!, true, true);
  }
  if (phase !== 'ended') throw new AppError('VOTE_STATE');
  const person = await requirePerson(ctx.db, actor);
  // One count per matter and closer: a retried close finds the job it queued.
  const job = await enqueue(ctx, voteCountJob, { matterId: m._id }, { createdBy: person._id, clientRequestId: `close_${m._id}` });
  const changed = await matters(ctx.db).patchWhere(
    { _id: m._id, status: 'announced' },
    { status: 'counting', countJobId: job._id, countStartedAt: ctx.now },
  );
  if (!changed) throw new AppError('CONFLICT');
  await work(ctx, { jobId: job._id, budgetMs: COUNT_WORK.kickBudgetMs });
  return detail(ctx, actor, (await matters(ctx.db).get(m._id))!, true, true);
}

/** How long a close (or a repeated close) counts inside the call; the timer does the rest. */
export const COUNT_WORK = { kickBudgetMs: 20_000 };
export const COUNT_BATCH = 1000;

/** The tally of one batch of roll entries: the pure count over those owners and their ballots. */
function batchTally(entries: RollDoc[], found: Map<string, BallotDoc>) {
  const cast: CastBallot[] = [];
  for (const e of entries) {
    const b = found.get(e._id);
    if (b) cast.push({ key: e.ownerHash, choices: b.choices, at: new Date(b.castAt).getTime() });
  }
  return tallyBallots(
    entries.map((e) => ({ key: e.ownerHash, homeIds: e.homeIds, areaCenti: e.areaCenti, developer: e.developer })),
    cast,
  );
}

/** Every part of a count job, in batch order (1,000 a page). */
async function partsOf(ctx: Ctx, jobId: string): Promise<CountPartDoc[]> {
  const out: CountPartDoc[] = [];
  const _ = ctx.db.command;
  for (let last = -1; ;) {
    const page = await countParts(ctx.db).find({ jobId, index: _.gt(last) }, { orderBy: [['index', 'asc']], limit: 1000 });
    out.push(...page);
    if (page.length < 1000) return out;
    last = page[page.length - 1].index;
  }
}

/** The sums of the parts through the pure decision (core/votes/count.ts `resultOf`). */
export function resultOfParts(m: MatterDoc, parts: Pick<CountPartDoc, 'roll' | 'tally'>[]): CountResult {
  let tally = emptyTally();
  const totals = { owners: 0, areaCenti: 0 };
  for (const p of parts) {
    tally = addTallies(tally, p.tally);
    totals.owners += p.roll.owners;
    totals.areaCenti += p.roll.areaCenti;
  }
  return resultOf(shapeOf(m), totals, tally);
}

/**
 * The final count as a job. Each batch reads the next 1,000 roll entries (keyset by
 * room order, `matter_sort` index) and their ballots by id (a ballot's id is its roll
 * entry's), and PUTS the batch's sums as part `${jobId}_${batch index}`: the batch index
 * and the cursor move together in the job's one write, so a batch re-run after a crash
 * rewrites the same part and nothing is counted twice. The work is all in `next` (a
 * crash there leaves the lease and the batch is retried); the last batch adds the parts
 * and stores the result in the same conditional write that ends 计票中.
 */
export const voteCountJob = defineJob<{ matterId: string }, { index: number }>({
  kind: 'votes.count',
  batchSize: COUNT_BATCH,
  idempotent: true,
  async next(ctx, job, cursor, limit) {
    const m = await matters(ctx.db).get(job.params.matterId);
    if (!m) throw new AppError('NOT_FOUND');
    // Published already (a re-run of the last batch), or another close's job won: nothing to do.
    if (m.status !== 'counting' || m.countJobId !== job._id) return { items: [], cursor: null };
    const _ = ctx.db.command;
    const entries = await roll(ctx.db).find(cursor === null ? { matterId: m._id } : { matterId: m._id, sort: _.gt(cursor) }, {
      orderBy: [['sort', 'asc']],
      limit,
    });
    const found = await ballots(ctx.db).byIds(entries.map((e) => e._id));
    const index = job.batches;
    const lastSort = entries.length ? entries[entries.length - 1].sort : cursor;
    await countParts(ctx.db).put(`${job._id}_${String(index).padStart(6, '0')}`, {
      jobId: job._id,
      matterId: m._id,
      index,
      roll: { owners: entries.length, areaCenti: entries.reduce((s, e) => s + e.areaCenti, 0) },
      tally: batchTally(entries, found),
      lastSort,
      at: new Date(),
    });
    const more = entries.length === limit;
    // The last batch is the first one short of `limit` (possibly empty).
    const total = m.rollTotals ? Math.floor(m.rollTotals.owners / limit) + 1 : undefined;
    if (!more) {
      const result = resultOfParts(m, await partsOf(ctx, job._id));
      await matters(ctx.db).patchWhere(
        { _id: m._id, status: 'counting', countJobId: job._id },
        { status: 'preliminary', result, publishedAt: ctx.now, objectionEndsAt: objectionEnds(ctx.now) },
      );
    }
    return { items: [{ key: `b${index}`, data: { index } }], cursor: more ? lastSort : null, ...(total !== undefined ? { total } : {}) };
  },
  async apply() {
    return 'done';
  },
});

/** The final count in one call (the whole roll and every ballot through the pure count): the reference the job must equal. */
export async function finalCount(ctx: Ctx, m: MatterDoc) {
  const [entries, bs] = await Promise.all([allOfMatter(ctx, roll(ctx.db), m._id), allOfMatter(ctx, ballots(ctx.db), m._id)]);
  const keyOf = new Map(entries.map((e) => [e._id, e.ownerHash]));
  const castBallots: CastBallot[] = bs
    .filter((b) => keyOf.has(b._id))
    .map((b) => ({ key: keyOf.get(b._id)!, choices: b.choices, at: new Date(b.castAt).getTime() }));
  return countVote(
    { kind: m.kind, format: m.format, candidateIds: m.candidates.map((c) => c.id), seats: m.seats },
    entries.map((e) => ({ key: e.ownerHash, homeIds: e.homeIds, areaCenti: e.areaCenti, developer: e.developer })),
    castBallots,
  );
}

export async function finalizeMatter(ctx: Ctx, input: { matterId: string }): Promise<MatterDetail> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  if (m.status !== 'preliminary') throw new AppError('VOTE_STATE');
  if (!m.objectionEndsAt || ctx.now.getTime() < new Date(m.objectionEndsAt).getTime()) throw new AppError('VOTE_NOT_ENDED');
  const changed = await matters(ctx.db).patchWhere({ _id: m._id, status: 'preliminary' }, { status: 'final', finalizedAt: ctx.now });
  if (!changed) throw new AppError('CONFLICT');
  return detail(ctx, actor, (await matters(ctx.db).get(m._id))!, true, true);
}

export async function getSettings(ctx: Ctx, input: { compoundId: string }): Promise<VoteSettings> {
  const actor = await ctx.actor();
  const c = await compounds(ctx.db).get(input.compoundId);
  const t = c ? { communityId: c.communityId, compoundId: c._id } : null;
  if (!c || !t || !(canSeeCompound(actor, t) || can(actor, 'vote.settings', t))) throw new AppError('NOT_FOUND');
  const cons = await consultationOf(ctx.db, c);
  return { compoundId: c._id, consultationOnly: !!cons, reason: cons?.reason ?? '' };
}

export async function setSettings(
  ctx: Ctx,
  input: { compoundId: string; consultationOnly: boolean; reason?: string },
): Promise<VoteSettings> {
  const actor = await ctx.actor();
  const c = await compounds(ctx.db).get(input.compoundId);
  const t = c ? { communityId: c.communityId, compoundId: c._id } : null;
  if (!c || !t || !(canSeeCompound(actor, t) || can(actor, 'vote.settings', t))) throw new AppError('NOT_FOUND');
  if (!can(actor, 'vote.settings', t)) throw new AppError('FORBIDDEN');
  await voteSettings(ctx.db).put(c._id, {
    consultationOnly: input.consultationOnly,
    reason: input.reason ?? (input.consultationOnly ? CONSULTATION_DEFAULT_REASON : ''),
    updatedBy: actor.personId ?? '',
    updatedAt: ctx.now,
  });
  return getSettings(ctx, { compoundId: c._id });
}

export { ownerKeyOf };
