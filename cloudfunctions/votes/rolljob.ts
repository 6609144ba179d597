/**
 * The roll as a job (`votes.roll`), for a compound of any size: announce and rebuild
 * queue it, the call runs it for a while and the `jobs` timer finishes it. Three stages,
 * each in batches of 1,000 and each batch safe to re-run (every write is a put or a
 * remove by a deterministic id):
 *   h: the compound's homes, keyset by _id: one staging row per home (owner key hashed);
 *   o: the staging rows in owner order: one roll entry per owner (all of an owner's homes,
 *      even across a batch boundary), tagged with the job; each batch's owners and area
 *      are put as part `${jobId}_${batch index}` (voteCountParts);
 *   s: (rebuild only) the matter's roll in room order: entries of an earlier build removed;
 *   x: the staging rows removed.
 * The last batch before x adds the parts and stores the totals (announce: the matter
 * becomes announced in that same conditional write).
 */
import { AppError } from '../../core/platform/errors';
import { ownerKeyOf } from '../../core/votes/count';
import type { Ctx } from '../_shared/router';
import { homes as homesRepo } from '../_shared/directory';
import { defineJob } from '../_shared/jobs';
import { countParts, matters, roll, rollHomes, tallies, type RollDoc, type RollHomeDoc } from './docs';
import { ownerHash, rollId, sortKey } from './common';

export const ROLL_BATCH = 1000;

export interface RollParams {
  matterId: string;
  /** announce: the matter becomes announced at the end (announcedAt = the call's time); rebuild: only the totals. */
  mode: 'announce' | 'rebuild';
  at: string;
}

const partId = (jobId: string, index: number) => `${jobId}_${String(index).padStart(6, '0')}`;

/** The next batch of staging rows in owner order, completed with the rest of the last owner's homes. */
async function ownersAfter(ctx: Ctx, jobId: string, last: string | null, limit: number): Promise<{ rows: RollHomeDoc[]; more: boolean }> {
  const _ = ctx.db.command;
  const page = await rollHomes(ctx.db).find(last === null ? { jobId } : { jobId, ownerHash: _.gt(last) }, {
    orderBy: [
      ['ownerHash', 'asc'],
      ['homeId', 'asc'],
    ],
    limit,
  });
  if (page.length < limit) return { rows: page, more: false };
  const tail = page[page.length - 1].ownerHash;
  const rows = [...page];
  // The last owner may have more homes on the next page: read them all now.
  for (let after = page[page.length - 1].homeId; ;) {
    const more = await rollHomes(ctx.db).find({ jobId, ownerHash: tail, homeId: _.gt(after) }, { orderBy: [['homeId', 'asc']], limit });
    rows.push(...more);
    if (more.length < limit) break;
    after = more[more.length - 1].homeId;
  }
  return { rows, more: true };
}

export const voteRollJob = defineJob<RollParams, { index: number }>({
  kind: 'votes.roll',
  batchSize: ROLL_BATCH,
  idempotent: true,
  async next(ctx, job, cursor, limit) {
    const m = await matters(ctx.db).get(job.params.matterId);
    if (!m) throw new AppError('NOT_FOUND');
    // Another announce/rebuild's job took over, or the matter moved on: stop.
    const stage = cursor === null ? 'h' : cursor[0];
    if (m.rollJobId !== job._id && stage !== 'x') return { items: [], cursor: null };
    const _ = ctx.db.command;
    const index = job.batches;
    const item = [{ key: `b${index}`, data: { index } }];
    const last = cursor === null ? null : cursor.slice(2) || null;

    if (stage === 'h') {
      const hs = await homesRepo(ctx.db).find(
        last === null ? { compoundId: m.compoundId } : { compoundId: m.compoundId, _id: _.gt(last) },
        { orderBy: [['_id', 'asc']], limit },
      );
      for (const h of hs) {
        if (!Number.isSafeInteger(h.areaCenti) || h.areaCenti < 0) throw new AppError('BAD_REQUEST', `面积有误：${h.label}`);
      }
      for (let i = 0; i < hs.length; i += 20) {
        await Promise.all(
          hs.slice(i, i + 20).map((h) =>
            rollHomes(ctx.db).put(`${job._id}_${h._id}`, {
              jobId: job._id,
              matterId: m._id,
              homeId: h._id,
              ownerHash: ownerHash(ownerKeyOf({ homeId: h._id, owners: h.registeredOwners })),
              developer: ownerKeyOf({ homeId: h._id, owners: h.registeredOwners }) === 'developer',
              label: h.label,
              buildingId: h.buildingId,
              areaCenti: h.areaCenti,
              sort: sortKey(h),
            }),
          ),
        );
      }
      return { items: item, cursor: hs.length === limit ? `h:${hs[hs.length - 1]._id}` : 'o:' };
    }

    if (stage === 'o') {
      const { rows, more } = await ownersAfter(ctx, job._id, last, limit);
      const byOwner = new Map<string, RollHomeDoc[]>();
      for (const r of rows) byOwner.set(r.ownerHash, [...(byOwner.get(r.ownerHash) ?? []), r]);
      const docs: RollDoc[] = [...byOwner.entries()].map(([hash, hs]) => {
        hs.sort((a, b) => (a.sort < b.sort ? -1 : 1));
        return {
          _id: rollId(m._id, hash),
          matterId: m._id,
          compoundId: m.compoundId,
          ownerHash: hash,
          homeIds: hs.map((h) => h.homeId),
          homes: hs.map((h) => ({ homeId: h.homeId, label: h.label, buildingId: h.buildingId, areaCenti: h.areaCenti })),
          areaCenti: hs.reduce((s, h) => s + h.areaCenti, 0),
          developer: hs[0].developer,
          sort: hs[0].sort,
          voted: false,
          buildId: job._id,
        };
      });
      for (let i = 0; i < docs.length; i += 20)
        await Promise.all(docs.slice(i, i + 20).map(({ _id, ...rest }) => roll(ctx.db).put(_id, rest)));
      await countParts(ctx.db).put(partId(job._id, index), {
        jobId: job._id,
        matterId: m._id,
        index,
        roll: { owners: docs.length, areaCenti: docs.reduce((s, d) => s + d.areaCenti, 0) },
        tally: { participants: { owners: 0, areaCenti: 0 }, choices: {} },
        lastSort: null,
        at: new Date(),
      });
      if (more) return { items: item, cursor: `o:${rows[rows.length - 1].ownerHash}` };
      if (job.params.mode === 'rebuild') return { items: item, cursor: 's:' };
      await finishRoll(ctx, job._id, job.params, m._id);
      return { items: item, cursor: 'x:' };
    }

    if (stage === 'x') {
      // The staging rows are no longer needed: removed 1,000 a batch (a repeated removal is a no-op).
      const rows = await rollHomes(ctx.db).find({ jobId: job._id }, { limit });
      for (let i = 0; i < rows.length; i += 20) await Promise.all(rows.slice(i, i + 20).map((r) => rollHomes(ctx.db).remove(r._id)));
      return { items: item, cursor: rows.length === limit ? 'x:' : null };
    }

    // stage 's': remove entries of an earlier build, page by page in room order.
    const page = await roll(ctx.db).find(last === null ? { matterId: m._id } : { matterId: m._id, sort: _.gt(last) }, {
      orderBy: [['sort', 'asc']],
      limit,
    });
    const stale = page.filter((e) => e.buildId !== job._id);
    for (let i = 0; i < stale.length; i += 20) await Promise.all(stale.slice(i, i + 20).map((d) => roll(ctx.db).remove(d._id)));
    if (page.length === limit) return { items: item, cursor: `s:${page[page.length - 1].sort}` };
    await finishRoll(ctx, job._id, job.params, m._id);
    return { items: item, cursor: 'x:' };
  },
  async apply() {
    return 'done';
  },
});

/** The parts added: the roll's totals, stored (announce: with the announcement, in one conditional write). */
async function finishRoll(ctx: Ctx, jobId: string, p: RollParams, matterId: string): Promise<void> {
  const _ = ctx.db.command;
  const totals = { owners: 0, areaCenti: 0 };
  for (let last = -1; ;) {
    const page = await countParts(ctx.db).find({ jobId, index: _.gt(last) }, { orderBy: [['index', 'asc']], limit: 1000 });
    for (const x of page) {
      totals.owners += x.roll.owners;
      totals.areaCenti += x.roll.areaCenti;
    }
    if (page.length < 1000) break;
    last = page[page.length - 1].index;
  }
  const at = new Date(p.at);
  if (p.mode === 'announce') {
    // The empty running tally first (a put: a re-run writes the same), then the announcement.
    if ((await matters(ctx.db).get(matterId))?.status !== 'draft') return;
    await tallies(ctx.db).put(matterId, { participants: { owners: 0, areaCenti: 0 }, choices: {}, ballots: 0, paper: 0, updatedAt: at });
    await matters(ctx.db).patchWhere(
      { _id: matterId, status: 'draft', rollJobId: jobId },
      { status: 'announced', announcedAt: at, rollTotals: totals, rollBuiltAt: at },
    );
  } else {
    await matters(ctx.db).patchWhere({ _id: matterId, status: 'announced', rollJobId: jobId }, { rollTotals: totals, rollBuiltAt: at });
  }
}
