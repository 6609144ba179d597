/** Matters: create, announce (with the roll), list, read, close (preliminary result), finalize; settings. */
import { can, scopesOf } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import type { MatterDetail, MatterListItem, VoteSettings } from '../../core/votes/contract';
import { buildRoll, countVote, emptyTally, ownerKeyOf, type CastBallot, type MatterKind } from '../../core/votes/count';
import { VOTE_LIMITS, VOTE_UPLOAD } from '../../core/votes/limits';
import { CONSULTATION_DEFAULT_REASON, datesProblem, earliestOpening, objectionEnds, phaseOf } from '../../core/votes/rules';
import type { Ctx } from '../_shared/router';
import { compounds, homes as homesRepo, requirePerson, type HomeDoc } from '../_shared/directory';
import { assertOwnFiles } from '../_shared/files';
import { transaction } from '../_shared/repo';
import { ballots, matters, roll, tallies, voteSettings, type MatterDoc, type RollDoc } from './docs';
import { allOfMatter, canManage, canSeeCompound, consultationOf, detail, listItem, loadMatter, ownerHash, rollId, sortKey, assertManage } from './common';

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
  if (!(await canManage(ctx.db, actor, target))) throw new AppError('FORBIDDEN');
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

/**
 * The roll from the register: one entry per owner (see core/votes/count.ts). Old
 * entries of the matter are replaced. Only before voting opens.
 */
export async function writeRoll(ctx: Ctx, m: MatterDoc): Promise<{ owners: number; areaCenti: number }> {
  const homeDocs = await homesRepo(ctx.db).all({ compoundId: m.compoundId });
  if (homeDocs.length > VOTE_LIMITS.rollMaxHomes) throw new AppError('BAD_REQUEST', `本小区超过${VOTE_LIMITS.rollMaxHomes}户，请分批生成名册`);
  return writeRollFrom(ctx, m, homeDocs);
}

export async function writeRollFrom(ctx: Ctx, m: Pick<MatterDoc, '_id' | 'compoundId'>, homeDocs: HomeDoc[]): Promise<{ owners: number; areaCenti: number }> {
  const byId = new Map(homeDocs.map((h) => [h._id, h]));
  const entries = buildRoll(homeDocs.map((h) => ({ homeId: h._id, label: h.label, areaCenti: h.areaCenti, owners: h.registeredOwners })));
  const docs: RollDoc[] = entries.map((e) => {
    const hs = e.homeIds.map((hid) => byId.get(hid)!).sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    const hash = ownerHash(e.key);
    return {
      _id: rollId(m._id, hash),
      matterId: m._id,
      compoundId: m.compoundId,
      ownerHash: hash,
      homeIds: hs.map((h) => h._id),
      homes: hs.map((h) => ({ homeId: h._id, label: h.label, buildingId: h.buildingId, areaCenti: h.areaCenti })),
      areaCenti: e.areaCenti,
      developer: e.developer,
      sort: sortKey(hs[0]),
      voted: false,
    };
  });
  const keep = new Set(docs.map((d) => d._id));
  const old = await allOfMatter(ctx, roll(ctx.db), m._id);
  const stale = old.filter((d) => !keep.has(d._id));
  for (let i = 0; i < stale.length; i += 20) await Promise.all(stale.slice(i, i + 20).map((d) => roll(ctx.db).remove(d._id)));
  for (let i = 0; i < docs.length; i += 20) {
    await Promise.all(docs.slice(i, i + 20).map(({ _id, ...rest }) => roll(ctx.db).put(_id, rest)));
  }
  return { owners: docs.length, areaCenti: docs.reduce((s, d) => s + d.areaCenti, 0) };
}

export async function announceMatter(ctx: Ctx, input: { matterId: string }): Promise<MatterDetail> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  if (m.status !== 'draft') throw new AppError('VOTE_STATE', '该事项已经公告');
  // 15 days between the announcement (now) and the opening.
  if (new Date(m.opensAt).getTime() < earliestOpening(ctx.now).getTime()) throw new AppError('VOTE_NOTICE_TOO_SHORT');
  const totals = await writeRoll(ctx, m);
  const changed = await matters(ctx.db).patchWhere({ _id: m._id, status: 'draft' }, { status: 'announced', announcedAt: ctx.now, rollTotals: totals, rollBuiltAt: ctx.now });
  if (!changed) throw new AppError('CONFLICT');
  await tallies(ctx.db).put(m._id, { ...emptyTally(), ballots: 0, paper: 0, updatedAt: ctx.now });
  return detail(ctx, actor, (await matters(ctx.db).get(m._id))!, true, true);
}

export async function rebuildRoll(ctx: Ctx, input: { matterId: string }): Promise<MatterDetail> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  const phase = phaseOf(m, ctx.now);
  if (phase !== 'announced') throw new AppError(phase === 'draft' ? 'VOTE_STATE' : 'VOTE_ROLL_FROZEN');
  const totals = await writeRoll(ctx, m);
  // Still before the opening? (A rebuild racing the opening loses.)
  if (phaseOf(m, new Date()) !== 'announced') throw new AppError('VOTE_ROLL_FROZEN');
  await matters(ctx.db).patch(m._id, { rollTotals: totals, rollBuiltAt: ctx.now });
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
 * the result stored and published as preliminary, with the objection period.
 */
export async function closeMatter(ctx: Ctx, input: { matterId: string }): Promise<MatterDetail> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  const phase = phaseOf(m, ctx.now);
  if (phase === 'open' || phase === 'announced') throw new AppError('VOTE_NOT_ENDED');
  if (phase !== 'ended') throw new AppError('VOTE_STATE');
  const result = await finalCount(ctx, m);
  const changed = await matters(ctx.db).patchWhere(
    { _id: m._id, status: 'announced' },
    { status: 'preliminary', result, publishedAt: ctx.now, objectionEndsAt: objectionEnds(ctx.now) },
  );
  if (!changed) throw new AppError('CONFLICT');
  return detail(ctx, actor, (await matters(ctx.db).get(m._id))!, true, true);
}

/** The final count: the whole roll and every ballot, read 1,000 at a time, through the pure count. */
export async function finalCount(ctx: Ctx, m: MatterDoc) {
  const [entries, bs] = await Promise.all([allOfMatter(ctx, roll(ctx.db), m._id), allOfMatter(ctx, ballots(ctx.db), m._id)]);
  const keyOf = new Map(entries.map((e) => [e._id, e.ownerHash]));
  const castBallots: CastBallot[] = bs.filter((b) => keyOf.has(b._id)).map((b) => ({ key: keyOf.get(b._id)!, choices: b.choices, at: new Date(b.castAt).getTime() }));
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

export async function setSettings(ctx: Ctx, input: { compoundId: string; consultationOnly: boolean; reason?: string }): Promise<VoteSettings> {
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
