/**
 * The overview and the side by side: read the community's snapshots (one indexed
 * range: ≤ compounds × 12 documents) and the compound list, never a home or another
 * feature's records. Cells go through core/community/rules `cellOf` (样本太少 below
 * 5 homes), so only aggregates leave.
 */
import { AppError } from '../../core/platform/errors';
import {
  FIGURES,
  FIGURE_KEYS,
  behind,
  cellOf,
  gapInWords,
  previousPeriod,
  trailingPeriods,
  type Cell,
  type FigureKey,
} from '../../core/community/rules';
import type { CompareColumn, Comparison, CompoundRow, Overview } from '../../core/community/contract';
import { compounds, type CommunityDoc, type CompoundDoc } from '../_shared/directory';
import type { Ctx } from '../_shared/router';
import { MAX_GET } from '../_shared/repo';
import { communityFor } from './common';
import { profiles, snapshots, type SnapshotDoc } from './docs';

const FIGURE_DEFS = FIGURE_KEYS.map((k) => FIGURES[k]);

async function allowedCommunity(ctx: Ctx, communityId: string): Promise<CommunityDoc> {
  return (await communityFor(ctx, communityId, 'community.overview')).community;
}

/** The community's compounds (name order) and snapshots of the 12 months to `period`. */
export async function load(ctx: Ctx, communityId: string, period: string) {
  const periods = trailingPeriods(period);
  const _ = ctx.db.command;
  const list = await compounds(ctx.db).find({ communityId }, { orderBy: [['_id', 'asc']], limit: MAX_GET });
  const snaps: SnapshotDoc[] = [];
  // compounds × 12 months, a page of 1,000 at a time (a community of 80 compounds is one page).
  for (let skip = 0; ; skip += MAX_GET) {
    const page = await snapshots(ctx.db).find(
      { communityId, period: _.gte(periods[0]).and(_.lte(period)) },
      { orderBy: [['period', 'asc']], skip, limit: MAX_GET },
    );
    snaps.push(...page);
    if (page.length < MAX_GET) break;
  }
  const by = new Map(snaps.map((s) => [`${s.compoundId}_${s.period}`, s]));
  const profile = await profiles(ctx.db).get(communityId);
  return {
    periods,
    list,
    by,
    modelId: profile?.modelCompoundId ?? null,
    newest: snaps.reduce<Date | null>((m, s) => (!m || s.computedAt > m ? s.computedAt : m), null),
  };
}

export function cellsOf(s: SnapshotDoc | undefined): Record<FigureKey, Cell> {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, cellOf(k, s?.figures[k])])) as Record<FigureKey, Cell>;
}

export function rowOf(
  c: CompoundDoc,
  period: string,
  periods: string[],
  by: Map<string, SnapshotDoc>,
  modelId: string | null,
): CompoundRow {
  const now = by.get(`${c._id}_${period}`);
  const trend = Object.fromEntries(
    FIGURE_KEYS.map((k) => [k, periods.map((p) => cellOf(k, by.get(`${c._id}_${p}`)?.figures[k]))]),
  ) as Record<FigureKey, Cell[]>;
  return { compoundId: c._id, name: c.name, model: c._id === modelId, homes: now?.homes ?? 0, cells: cellsOf(now), trend };
}

export async function getOverview(ctx: Ctx, input: { communityId: string; period?: string }): Promise<Overview> {
  const community = await allowedCommunity(ctx, input.communityId);
  const period = input.period ?? previousPeriod(ctx.now);
  const { periods, list, by, modelId, newest } = await load(ctx, community._id, period);
  const rows = list.map((c) => rowOf(c, period, periods, by, modelId));
  // The model compound first: it is what the others are read against.
  rows.sort((a, b) => Number(b.model) - Number(a.model));
  return {
    communityId: community._id,
    communityName: community.name,
    period,
    periods,
    figures: FIGURE_DEFS,
    rows,
    ...(newest ? { computedAt: newest.toISOString() } : {}),
  };
}

export async function compare(ctx: Ctx, input: { communityId: string; period?: string; compoundIds: string[] }): Promise<Comparison> {
  const community = await allowedCommunity(ctx, input.communityId);
  const period = input.period ?? previousPeriod(ctx.now);
  const picked = await compounds(ctx.db).byIds(input.compoundIds);
  // A compound of another community is not one this office may see.
  if (input.compoundIds.some((id) => picked.get(id)?.communityId !== community._id)) throw new AppError('NOT_FOUND');
  const profile = await profiles(ctx.db).get(community._id);
  const modelId = profile?.modelCompoundId ?? null;
  const ids = modelId && !input.compoundIds.includes(modelId) ? [modelId, ...input.compoundIds] : input.compoundIds;
  const snaps = await snapshots(ctx.db).byIds(ids.map((id) => `${id}_${period}`));
  const model = modelId ? cellsOf(snaps.get(`${modelId}_${period}`)) : null;
  const extra = modelId && !picked.has(modelId) ? await compounds(ctx.db).get(modelId) : null;
  const columns: CompareColumn[] = ids.map((id) => {
    const c = picked.get(id) ?? extra!;
    const s = snaps.get(`${id}_${period}`);
    const cells = cellsOf(s);
    const col: CompareColumn = { compoundId: id, name: c.name, model: id === modelId, homes: s?.homes ?? 0, cells };
    if (model && id !== modelId) {
      col.gaps = Object.fromEntries(
        FIGURE_KEYS.map((k) => [k, { text: gapInWords(k, cells[k], model[k]), behind: behind(k, cells[k], model[k]) }]),
      ) as CompareColumn['gaps'];
    }
    return col;
  });
  columns.sort((a, b) => Number(b.model) - Number(a.model));
  return { communityId: community._id, period, figures: FIGURE_DEFS, modelCompoundId: modelId, columns };
}
