/**
 * 示范创建 scorecards: a compound assesses its 六有 with photo evidence, the other
 * compounds of the community rate it (one 互评 per pair and month, never of
 * oneself), and the score is made from both and from the month's snapshot (core/
 * community/scorecard). Reads are bounded by the community's compounds, never homes.
 */
import { can } from '../../core/authz';
import type { ScorecardList, ScorecardRow, ScorecardView } from '../../core/community/contract';
import {
  CHECK_ITEMS,
  CHECK_KEYS,
  SCORED_FIGURES,
  scoreOf,
  tally,
  type CheckKey,
  type Criteria,
  type SelfItem,
} from '../../core/community/scorecard';
import { FIGURE_KEYS, FIGURES, cellOf, type Cell, type FigureKey } from '../../core/community/rules';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import { compounds, requirePerson, type CommunityDoc, type CompoundDoc } from '../_shared/directory';
import { iso } from '../_shared/db';
import { assertOwnFiles } from '../_shared/files';
import { checkText, photoViews, startMediaChecks, type CheckedMedia } from '../_shared/media';
import { MAX_GET, transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { assertCurrentPeriod, communityFor, compoundFor, criteriaOf, ownCompoundIds, roleAt } from './common';
import {
  profiles,
  ratingId,
  ratings,
  scorecardId,
  scorecards,
  snapshots,
  type RatingDoc,
  type ScorecardDoc,
  type SnapshotDoc,
} from './docs';

export const EVIDENCE_PURPOSE = 'scorecards';

const cellsOf = (s: SnapshotDoc | null | undefined) =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, cellOf(k, s?.figures[k])])) as Record<FigureKey, Cell>;

/** What the score counts of a self-assessment: each item's answer and how many photos may be shown. */
function selfOf(doc: ScorecardDoc | null): Partial<Record<CheckKey, SelfItem>> | null {
  if (!doc) return null;
  const risky = new Set(doc.media.filter((m) => m.status === 'risky').map((m) => m.fileID));
  return Object.fromEntries(doc.items.map((i) => [i.key, { met: i.met, photos: i.photos.filter((f) => !risky.has(f)).length }]));
}

function scoreOfDoc(criteria: Criteria, doc: ScorecardDoc | null, received: RatingDoc[], snap: SnapshotDoc | null | undefined) {
  return scoreOf(criteria, selfOf(doc), tally(received), cellsOf(snap));
}

/** Every compound's row of the month (the list and the monthly report). */
export async function scorecardRows(
  ctx: Ctx,
  community: CommunityDoc,
  period: string,
  actor: Actor | null,
): Promise<{ rows: ScorecardRow[]; criteria: Criteria; list: CompoundDoc[] }> {
  const { criteria, modelId } = await criteriaOf(ctx, community._id, period);
  const list = await compounds(ctx.db).find({ communityId: community._id }, { orderBy: [['_id', 'asc']], limit: MAX_GET });
  const [cards, rated, snaps] = await Promise.all([
    scorecards(ctx.db).find({ communityId: community._id, period }, { limit: MAX_GET }),
    ratings(ctx.db).all({ communityId: community._id, period }),
    snapshots(ctx.db).byIds(list.map((c) => `${c._id}_${period}`)),
  ]);
  const byCompound = new Map(cards.map((d) => [d.compoundId, d]));
  const mine = new Set(actor ? ownCompoundIds(actor, 'scorecard.rate', community._id) : []);
  const rows = list.map((c): ScorecardRow => {
    const doc = byCompound.get(c._id) ?? null;
    const received = rated.filter((r) => r.toCompoundId === c._id);
    const score = scoreOfDoc(criteria, doc, received, snaps.get(`${c._id}_${period}`));
    return {
      compoundId: c._id,
      name: c.name,
      model: c._id === modelId,
      assessed: !!doc,
      itemsMet: score.lines.filter((l) => l.kind === 'item' && l.earned).length,
      score: score.score,
      received: received.length,
      given: rated.filter((r) => r.fromCompoundId === c._id).length,
      ratedByMine: received.some((r) => mine.has(r.fromCompoundId)),
    };
  });
  rows.sort((a, b) => Number(b.model) - Number(a.model));
  return { rows, criteria, list };
}

export async function listScorecards(ctx: Ctx, input: { communityId: string; period?: string }): Promise<ScorecardList> {
  const { actor, community } = await communityFor(ctx, input.communityId, 'scorecard.view');
  const period = input.period ?? periodOf(ctx.now);
  const { rows, criteria, list } = await scorecardRows(ctx, community, period, actor);
  const mineIds = new Set([
    ...ownCompoundIds(actor, 'scorecard.assess', community._id),
    ...ownCompoundIds(actor, 'scorecard.rate', community._id),
  ]);
  return {
    communityId: community._id,
    communityName: community.name,
    period,
    open: period === periodOf(ctx.now),
    criteria,
    canSetCriteria: can(actor, 'scorecard.criteria', { communityId: community._id }),
    criteriaLabels: [
      ...CHECK_ITEMS.map((i) => ({ kind: 'items' as const, key: i.key, label: i.label })),
      ...SCORED_FIGURES.map((k) => ({ kind: 'figures' as const, key: k, label: FIGURES[k].short })),
    ],
    rows,
    mine: list.filter((c) => mineIds.has(c._id)).map((c) => ({ compoundId: c._id, name: c.name })),
  };
}

async function view(ctx: Ctx, actor: Actor, compound: CompoundDoc, period: string): Promise<ScorecardView> {
  const { criteria, modelId } = await criteriaOf(ctx, compound.communityId, period);
  const [doc, received, given, snap] = await Promise.all([
    scorecards(ctx.db).get(scorecardId(compound._id, period)),
    ratings(ctx.db).find({ toCompoundId: compound._id, period }, { orderBy: [['at', 'asc']], limit: MAX_GET }),
    ratings(ctx.db).find({ communityId: compound.communityId, period, fromCompoundId: compound._id }, { limit: MAX_GET }),
    snapshots(ctx.db).get(`${compound._id}_${period}`),
  ]);
  const target = { communityId: compound.communityId, compoundId: compound._id };
  const office = can(actor, 'community.overview', target);
  const canAssess = can(actor, 'scorecard.assess', target);
  // The compound's own side and the office see photos still being checked; the others only passed ones.
  const full = office || canAssess;
  const peers = tally(received);
  const score = scoreOfDoc(criteria, doc, received, snap);
  const photoOf = new Map<string, Awaited<ReturnType<typeof photoViews>>>();
  if (doc) {
    const all = await photoViews(
      ctx,
      doc.items.flatMap((i) => i.photos),
      doc.media,
      full,
    );
    const byId = new Map(all.map((p) => [p.fileID, p]));
    for (const i of doc.items)
      photoOf.set(
        i.key,
        i.photos.map((f) => byId.get(f)).filter((p): p is NonNullable<typeof p> => !!p),
      );
  }
  const rateIds = ownCompoundIds(actor, 'scorecard.rate', compound.communityId).filter((id) => id !== compound._id);
  const names = await compounds(ctx.db).byIds([...rateIds, ...given.map((g) => g.toCompoundId)]);
  const open = period === periodOf(ctx.now);
  return {
    communityId: compound.communityId,
    compoundId: compound._id,
    compoundName: compound.name,
    period,
    model: compound._id === modelId,
    assessed: !!doc,
    ...(doc ? { assessedAt: iso(doc.assessedAt), assessedByRole: doc.byRole } : {}),
    items: CHECK_ITEMS.map((item) => {
      const own = doc?.items.find((i) => i.key === item.key);
      return {
        key: item.key,
        label: item.label,
        hint: item.hint,
        self: own ? { met: own.met, ...(own.note ? { note: own.note } : {}), photos: photoOf.get(item.key) ?? [] } : null,
        peers: peers[item.key],
        met: !!score.lines.find((l) => l.key === item.key)?.earned,
      };
    }),
    score,
    ratings: received.map((r) => ({
      fromCompoundId: r.fromCompoundId,
      fromCompoundName: r.fromCompoundName,
      byRole: r.byRole,
      at: iso(r.at),
      items: r.items,
      ...(r.comment ? { comment: r.comment } : {}),
    })),
    given: given.map((g) => ({ toCompoundId: g.toCompoundId, toCompoundName: names.get(g.toCompoundId)?.name ?? '', at: iso(g.at) })),
    open,
    canAssess: open && canAssess,
    rateAs: open
      ? rateIds
          .filter((id) => names.has(id))
          .map((id) => ({ compoundId: id, name: names.get(id)!.name, done: received.some((r) => r.fromCompoundId === id) }))
      : [],
  };
}

export async function getScorecard(ctx: Ctx, input: { compoundId: string; period?: string }): Promise<ScorecardView> {
  const { actor, compound } = await compoundFor(ctx, input.compoundId, 'scorecard.view');
  return view(ctx, actor, compound, input.period ?? periodOf(ctx.now));
}

interface AssessInput {
  clientRequestId: string;
  compoundId: string;
  period: string;
  items: { key: CheckKey; met: boolean; photos: string[]; note?: string }[];
}

export async function assess(ctx: Ctx, input: AssessInput): Promise<ScorecardView> {
  const { actor, compound } = await compoundFor(ctx, input.compoundId, 'scorecard.assess');
  assertCurrentPeriod(ctx, input.period);
  const files = input.items.flatMap((i) => i.photos);
  const id = scorecardId(compound._id, input.period);
  const before = await scorecards(ctx.db).get(id);
  // Photos this month's assessment already holds were checked when a colleague handed them in; new ones must be the caller's own.
  const known = new Map((before?.media ?? []).map((m) => [m.fileID, m]));
  assertOwnFiles(
    ctx.openid,
    EVIDENCE_PURPOSE,
    files.filter((f) => !known.has(f)),
  );
  if (before?.clientRequestId === input.clientRequestId) return view(ctx, actor, compound, input.period);
  const person = await requirePerson(ctx.db, actor);
  await checkText(ctx, input.items.map((i) => i.note ?? '').join('\n'));
  // Photos already checked keep their verdict; new ones are sent to WeChat's check.
  const fresh = [...new Set(files.filter((f) => !known.has(f)))];
  const media: CheckedMedia[] = [...new Set(files)].map((f) => known.get(f)).filter((m): m is CheckedMedia => !!m);
  media.push(...(await startMediaChecks(ctx, fresh, 3)));
  const byKey = new Map(input.items.map((i) => [i.key, i]));
  await transaction(ctx.db, async (tx) => {
    const cur = await scorecards(ctx.db).in(tx).get(id);
    if ((cur?.version ?? 0) !== (before?.version ?? 0)) throw new AppError('CONFLICT');
    await scorecards(ctx.db)
      .in(tx)
      .put(id, {
        communityId: compound.communityId,
        compoundId: compound._id,
        compoundName: compound.name,
        period: input.period,
        items: CHECK_KEYS.map((k) => {
          const i = byKey.get(k)!;
          return { key: k, met: i.met, photos: i.photos, note: i.note ?? null };
        }),
        media,
        mediaTraceIds: media.map((m) => m.traceId),
        by: person._id,
        byName: person.name,
        byRole: roleAt(actor, compound._id),
        clientRequestId: input.clientRequestId,
        version: (cur?.version ?? 0) + 1,
        assessedAt: ctx.now,
      });
  });
  return view(ctx, actor, compound, input.period);
}

interface RateInput {
  clientRequestId: string;
  compoundId: string;
  fromCompoundId: string;
  period: string;
  items: Record<CheckKey, boolean>;
  comment?: string;
}

export async function rate(ctx: Ctx, input: RateInput): Promise<ScorecardView> {
  const { actor, compound } = await compoundFor(ctx, input.compoundId, 'scorecard.rate');
  // A compound never rates itself, whoever asks for it.
  if (input.fromCompoundId === compound._id) throw new AppError('RATE_OWN_COMPOUND');
  if (!ownCompoundIds(actor, 'scorecard.rate', compound.communityId).includes(input.fromCompoundId)) throw new AppError('FORBIDDEN');
  assertCurrentPeriod(ctx, input.period);
  const from = (await compounds(ctx.db).get(input.fromCompoundId))!;
  const id = ratingId(input.period, from._id, compound._id);
  const existing = await ratings(ctx.db).get(id);
  if (existing) {
    if (existing.clientRequestId === input.clientRequestId) return view(ctx, actor, compound, input.period);
    throw new AppError('ALREADY_RATED');
  }
  if (!(await scorecards(ctx.db).get(scorecardId(compound._id, input.period))))
    throw new AppError('SCORECARD_STATE', '该小区本月尚未自评，自评后才能互评');
  const person = await requirePerson(ctx.db, actor);
  if (input.comment) await checkText(ctx, input.comment);
  await transaction(ctx.db, async (tx) => {
    // Two members of one compound at once: the second finds the first's rating.
    const cur = await ratings(ctx.db).in(tx).get(id);
    if (cur) throw new AppError(cur.clientRequestId === input.clientRequestId ? 'CONFLICT' : 'ALREADY_RATED');
    await ratings(ctx.db)
      .in(tx)
      .put(id, {
        communityId: compound.communityId,
        period: input.period,
        fromCompoundId: from._id,
        fromCompoundName: from.name,
        toCompoundId: compound._id,
        items: input.items,
        comment: input.comment ?? null,
        by: person._id,
        byName: person.name,
        byRole: roleAt(actor, from._id),
        clientRequestId: input.clientRequestId,
        at: ctx.now,
      });
  });
  return view(ctx, actor, compound, input.period);
}

/** The wxa_media_check push for an evidence photo: recorded; a risky one is never shown and does not count. */
export async function onScorecardMedia(ctx: Ctx, traceId: string, status: 'pass' | 'risky', label: number): Promise<boolean> {
  const hit = await scorecards(ctx.db).first({ mediaTraceIds: traceId });
  if (!hit) return false;
  await transaction(ctx.db, async (tx) => {
    const cur = await scorecards(ctx.db).in(tx).must(hit._id);
    const media = cur.media.map((m) => (m.traceId === traceId ? { ...m, status, label } : m));
    await scorecards(ctx.db)
      .in(tx)
      .patch(hit._id, { media: ctx.db.command.set(media) });
  });
  return true;
}

/**
 * The community's weights, from this month on: a change is kept with its month, so a
 * month already scored keeps the weights it was scored with (criteriaOf).
 */
export async function setCriteria(ctx: Ctx, input: { communityId: string; criteria: Criteria }): Promise<ScorecardList> {
  const { community } = await communityFor(ctx, input.communityId, 'scorecard.criteria');
  const from = periodOf(ctx.now);
  await transaction(ctx.db, async (tx) => {
    const p = await profiles(ctx.db).in(tx).get(community._id);
    const changes = [...(p?.criteriaChanges ?? []).filter((c) => c.from !== from), { from, criteria: input.criteria }];
    await profiles(ctx.db)
      .in(tx)
      .put(community._id, {
        modelCompoundId: p?.modelCompoundId ?? null,
        ...(p?.criteria ? { criteria: p.criteria } : {}),
        criteriaChanges: changes,
        updatedAt: ctx.now,
      });
  });
  return listScorecards(ctx, { communityId: community._id });
}
