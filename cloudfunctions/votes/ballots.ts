/**
 * Ballots: one per owner per matter (the ballot's id is the roll entry's id), cast
 * or changed by an owner bound to the home while voting is open, or entered on
 * paper by the committee with a photo. The running tally moves in the ballot's
 * own transaction, so the live count is one read whatever the roll's size.
 */
import { AppError } from '../../core/platform/errors';
import { maskName } from '../../core/platform/mask';
import type { Page } from '../../core/platform/api';
import type { MyVoteHome, PaperBallotView } from '../../core/votes/contract';
import { applyBallot, choiceProblem, emptyTally } from '../../core/votes/count';
import { VOTE_UPLOAD } from '../../core/votes/limits';
import { phaseOf } from '../../core/votes/rules';
import type { Ctx } from '../_shared/router';
import { decodeCursor, iso, pageOf } from '../_shared/db';
import { homes, requirePerson } from '../_shared/directory';
import { assertOwnFiles } from '../_shared/files';
import { transaction } from '../_shared/repo';
import { ballots, roll, tallies, type BallotDoc, type MatterDoc, type RollDoc, type TallyDoc } from './docs';
import { assertManage, fileViews, homeOwnerHash, loadMatter, myHomes, shapeOf } from './common';

function checkChoices(m: MatterDoc, choices: string[]) {
  const p = choiceProblem(shapeOf(m), choices);
  if (p) throw new AppError('BAD_REQUEST', p);
}

async function entryOf(ctx: Ctx, m: MatterDoc, homeId: string): Promise<RollDoc> {
  const entry = await roll(ctx.db).first({ matterId: m._id, homeIds: homeId });
  if (!entry) throw new AppError('NOT_FOUND', '该房屋不在本次表决的业主名册中');
  return entry;
}

/**
 * Write a ballot in a transaction that touches only this owner's documents (the
 * ballot and the roll entry: never a document every voter shares, so parallel
 * voters do not conflict), then move the running tally by atomic increments: the
 * deltas commute, so concurrent ballots add up whatever their order. The tally is
 * the live count only; the final count recounts the ballots themselves
 * (matters.close), so a worker that dies between the two writes leaves the live
 * count one ballot behind until the close, never the result.
 */
async function writeBallot(
  ctx: Ctx,
  m: MatterDoc,
  entry: RollDoc,
  next: Omit<BallotDoc, '_id' | 'firstAt' | 'changes'>,
  guard: (prev: BallotDoc | null) => void,
): Promise<BallotDoc> {
  const { doc, prev } = await transaction(
    ctx.db,
    async (tx) => {
      const prev = await ballots(ctx.db).in(tx).get(entry._id);
      guard(prev);
      const doc: BallotDoc = { _id: entry._id, ...next, firstAt: prev?.firstAt ?? ctx.now, changes: prev ? prev.changes + 1 : 0 };
      const { _id, ...rest } = doc;
      await ballots(ctx.db).in(tx).put(_id, rest);
      if (!prev) await roll(ctx.db).in(tx).patch(entry._id, { voted: true });
      return { doc, prev };
    },
    6,
  );
  await moveTally(ctx, m, entry.areaCenti, prev ? prev.choices : null, doc.choices, !prev && next.via === 'paper');
  return doc;
}

async function moveTally(
  ctx: Ctx,
  m: MatterDoc,
  areaCenti: number,
  previous: string[] | null,
  next: string[],
  paper: boolean,
): Promise<void> {
  const _ = ctx.db.command;
  const delta = applyBallot(emptyTally(), areaCenti, previous, next);
  const inc: Record<string, unknown> = { updatedAt: ctx.now };
  if (!previous) {
    inc['participants.owners'] = _.inc(1);
    inc['participants.areaCenti'] = _.inc(areaCenti);
    inc.ballots = _.inc(1);
  }
  if (paper) inc.paper = _.inc(1);
  for (const [c, v] of Object.entries(delta.choices)) {
    if (v.owners === 0 && v.areaCenti === 0) continue;
    inc[`choices.${c}.owners`] = _.inc(v.owners);
    inc[`choices.${c}.areaCenti`] = _.inc(v.areaCenti);
  }
  if (await tallies(ctx.db).patch(m._id, inc)) return;
  // No tally yet (a matter announced before tallies existed): start it from this ballot.
  const first: Omit<TallyDoc, '_id'> = { ...delta, ballots: previous ? 0 : 1, paper: paper ? 1 : 0, updatedAt: ctx.now };
  try {
    await tallies(ctx.db).add({ _id: m._id, ...first } as TallyDoc);
  } catch {
    await tallies(ctx.db).patch(m._id, inc);
  }
}

export async function castBallot(ctx: Ctx, input: { matterId: string; homeId: string; choices: string[] }): Promise<MyVoteHome> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  checkChoices(m, input.choices);
  const link = actor.homes.find((h) => h.homeId === input.homeId);
  if (!link || link.relation !== 'owner') throw new AppError('VOTE_NOT_OWNER');
  if (m.status !== 'announced' || phaseOf(m, ctx.now) !== 'open') throw new AppError('VOTE_NOT_OPEN');
  const person = await requirePerson(ctx.db, actor);
  const entry = await entryOf(ctx, m, input.homeId);
  const home = await homes(ctx.db).must(input.homeId);
  const hash = homeOwnerHash(home);
  await writeBallot(
    ctx,
    m,
    entry,
    {
      matterId: m._id,
      sort: entry.sort,
      choices: input.choices,
      via: 'online',
      ownerHash: hash,
      homeId: home._id,
      castBy: person._id,
      castByName: person.name,
      castAt: ctx.now,
    },
    (prev) => {
      if (!prev) return;
      if (prev.via === 'paper') throw new AppError('VOTE_ALREADY_CAST', '已由业委会录入纸质表决票，如需更改请联系业委会');
      // The home was sold after the previous owner voted: the new owner may not vote again.
      if (prev.ownerHash !== hash) throw new AppError('VOTE_PREVIOUS_OWNER_VOTED');
    },
  );
  const mine = await myHomes(ctx, { ...actor, homes: [link] }, m);
  return mine[0];
}

function paperView(b: BallotDoc, entry: RollDoc | undefined, photos: PaperBallotView['photos']): PaperBallotView {
  return {
    id: b._id,
    homeLabels: entry?.homes.map((h) => h.label) ?? [],
    choices: b.choices,
    photos,
    enteredBy: b.castByName,
    enteredAt: iso(b.castAt),
  };
}

export async function paperBallot(
  ctx: Ctx,
  input: { clientRequestId: string; matterId: string; homeId: string; choices: string[]; photos: string[]; note?: string },
): Promise<PaperBallotView> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  checkChoices(m, input.choices);
  assertOwnFiles(ctx.openid, VOTE_UPLOAD.paper, input.photos);
  if (m.status !== 'announced' || phaseOf(m, ctx.now) !== 'open') throw new AppError('VOTE_NOT_OPEN');
  const person = await requirePerson(ctx.db, actor);
  const entry = await entryOf(ctx, m, input.homeId);
  const home = await homes(ctx.db).must(input.homeId);
  let retried: BallotDoc | null = null;
  const b = await writeBallot(
    ctx,
    m,
    entry,
    {
      matterId: m._id,
      sort: entry.sort,
      choices: input.choices,
      via: 'paper',
      ownerHash: homeOwnerHash(home),
      homeId: home._id,
      castBy: person._id,
      castByName: person.name,
      castAt: ctx.now,
      photos: input.photos,
      ...(input.note ? { note: input.note } : {}),
      clientRequestId: input.clientRequestId,
      // Entered by the compound's committee, or by the community office where there is none.
      enteredAs: actor.roles.some((r) => r.role === 'committeeMember' && r.compoundId === m.compoundId) ? 'committee' : 'community',
    },
    (prev) => {
      if (!prev) return;
      if (prev.via === 'paper' && prev.clientRequestId === input.clientRequestId && prev.castBy === person._id) {
        retried = prev;
        throw new AppError('VOTE_ALREADY_CAST'); // leave the transaction without writing
      }
      throw new AppError('VOTE_ALREADY_CAST', prev.via === 'online' ? '该业主已在线投票，不能再录入纸质票' : '该业主的纸质表决票已经录入');
    },
  ).catch((e) => {
    if (retried) return retried as BallotDoc;
    throw e;
  });
  return paperView(b, entry, await fileViews(ctx, b.photos ?? []));
}

export async function paperList(ctx: Ctx, input: { matterId: string; cursor?: string; size: number }): Promise<Page<PaperBallotView>> {
  const { m, actor } = await loadMatter(ctx, input.matterId);
  await assertManage(ctx, actor, m);
  const offset = decodeCursor(input.cursor);
  const found = await ballots(ctx.db).find(
    { matterId: m._id, via: 'paper' },
    { orderBy: [['sort', 'asc']], skip: offset, limit: input.size + 1 },
  );
  const p = pageOf(found, offset, input.size);
  const entries = await roll(ctx.db).byIds(p.items.map((b) => b._id));
  const items: PaperBallotView[] = [];
  for (const b of p.items) items.push(paperView(b, entries.get(b._id), await fileViews(ctx, b.photos ?? [])));
  return { ...p, items };
}

export { maskName };
