/**
 * 互学 cases (我为群众办实事): a compound's branch or committee publishes what worked,
 * every compound of the community reads it, the office features the best. Text goes
 * through msgSecCheck before anyone reads it, photos through mediaCheckAsync (shown
 * to readers once passed); a case names its compound and the author's role only.
 */
import { can } from '../../core/authz';
import type { CaseList, CaseView } from '../../core/community/contract';
import { CASE_SOURCE_LABELS } from '../../core/community/labels';
import { FIGURES, cellOf, trailingPeriods, type FigureKey } from '../../core/community/rules';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import { compounds, requirePerson } from '../_shared/directory';
import { iso } from '../_shared/db';
import { assertOwnFiles } from '../_shared/files';
import { checkText, photoViews, startMediaChecks } from '../_shared/media';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { communityFor, compoundFor, idFor, ownCompoundIds, roleAt } from './common';
import { cases, snapshots, type CaseDoc } from './docs';

export const CASE_PURPOSE = 'cases';
const SUMMARY = 60;

const clip = (s: string, n: number) => {
  const chars = Array.from(s.replace(/\s+/g, ' ').trim());
  return chars.length <= n ? chars.join('') : chars.slice(0, n - 1).join('') + '…';
};

async function view(ctx: Ctx, actor: Actor, c: CaseDoc): Promise<CaseView> {
  const target = { communityId: c.communityId, compoundId: c.compoundId };
  // The author's compound and the office see photos still being checked; other readers only passed ones.
  const full = can(actor, 'case.publish', target) || can(actor, 'case.feature', target);
  const periods = trailingPeriods(c.period);
  const snaps = c.figures.length ? await snapshots(ctx.db).byIds(periods.map((p) => `${c.compoundId}_${p}`)) : new Map();
  return {
    id: c._id,
    communityId: c.communityId,
    compoundId: c.compoundId,
    compoundName: c.compoundName,
    title: c.title,
    problem: c.problem,
    done: c.done,
    sourceLabel: CASE_SOURCE_LABELS[c.source],
    byRole: c.byRole,
    photos: await photoViews(ctx, c.photos, c.media, full),
    figures: c.figures.map((key: FigureKey) => ({
      key,
      label: FIGURES[key].label,
      periods,
      trend: periods.map((p) => cellOf(key, snaps.get(`${c.compoundId}_${p}`)?.figures[key])),
    })),
    featured: c.featured,
    createdAt: iso(c.createdAt),
    canFeature: can(actor, 'case.feature', target),
  };
}

interface PublishInput {
  clientRequestId: string;
  compoundId: string;
  title: string;
  problem: string;
  done: string;
  source: CaseDoc['source'];
  figures: FigureKey[];
  photos: string[];
}

export async function publishCase(ctx: Ctx, input: PublishInput): Promise<CaseView> {
  const { actor, compound } = await compoundFor(ctx, input.compoundId, 'case.publish');
  assertOwnFiles(ctx.openid, CASE_PURPOSE, input.photos);
  const person = await requirePerson(ctx.db, actor);
  const id = idFor('k', person._id, input.clientRequestId);
  const again = await cases(ctx.db).get(id);
  if (again) return view(ctx, actor, again);
  await checkText(ctx, `${input.title}\n${input.problem}\n${input.done}`);
  const media = await startMediaChecks(ctx, [...new Set(input.photos)], 3);
  const doc: Omit<CaseDoc, '_id'> = {
    clientRequestId: input.clientRequestId,
    communityId: compound.communityId,
    compoundId: compound._id,
    compoundName: compound.name,
    title: input.title,
    problem: input.problem,
    done: input.done,
    source: input.source,
    figures: input.figures,
    period: periodOf(ctx.now),
    photos: input.photos,
    media,
    mediaTraceIds: media.map((m) => m.traceId),
    by: person._id,
    byRole: roleAt(actor, compound._id),
    featured: false,
    featuredAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  await transaction(ctx.db, async (tx) => {
    if (await cases(ctx.db).in(tx).get(id)) return;
    await cases(ctx.db).in(tx).put(id, doc);
  });
  return view(ctx, actor, { _id: id, ...doc });
}

export async function listCases(ctx: Ctx, input: { communityId: string; cursor?: string; size: number }): Promise<CaseList> {
  const { actor, community } = await communityFor(ctx, input.communityId, 'case.read');
  const skip = input.cursor ? Number.parseInt(input.cursor, 10) : 0;
  if (!Number.isInteger(skip) || skip < 0 || skip > 10_000) throw new AppError('BAD_REQUEST', '翻页参数有误');
  const page = await cases(ctx.db).find(
    { communityId: community._id },
    {
      orderBy: [
        ['featured', 'desc'],
        ['createdAt', 'desc'],
      ],
      skip,
      limit: input.size + 1,
    },
  );
  const more = page.length > input.size;
  const publishIds = ownCompoundIds(actor, 'case.publish', community._id);
  const names = await compounds(ctx.db).byIds(publishIds);
  return {
    communityId: community._id,
    communityName: community.name,
    items: page.slice(0, input.size).map((c) => ({
      id: c._id,
      compoundId: c.compoundId,
      compoundName: c.compoundName,
      title: c.title,
      summary: clip(c.problem, SUMMARY),
      sourceLabel: CASE_SOURCE_LABELS[c.source],
      featured: c.featured,
      createdAt: iso(c.createdAt),
    })),
    ...(more ? { nextCursor: String(skip + input.size) } : {}),
    publishAs: publishIds.filter((id) => names.has(id)).map((id) => ({ compoundId: id, name: names.get(id)!.name })),
  };
}

/** A case a caller may not read is not found (the reply never confirms an id). */
async function readable(ctx: Ctx, caseId: string): Promise<{ actor: Actor; doc: CaseDoc }> {
  const actor = await ctx.actor();
  const doc = await cases(ctx.db).get(caseId);
  if (!doc || !can(actor, 'case.read', { communityId: doc.communityId, compoundId: doc.compoundId })) throw new AppError('NOT_FOUND');
  return { actor, doc };
}

export async function getCase(ctx: Ctx, input: { caseId: string }): Promise<CaseView> {
  const { actor, doc } = await readable(ctx, input.caseId);
  return view(ctx, actor, doc);
}

export async function featureCase(ctx: Ctx, input: { caseId: string; featured: boolean }): Promise<CaseView> {
  const { actor, doc } = await readable(ctx, input.caseId);
  if (!can(actor, 'case.feature', { communityId: doc.communityId, compoundId: doc.compoundId })) throw new AppError('FORBIDDEN');
  const next = await transaction(ctx.db, async (tx) => {
    const cur = await cases(ctx.db).in(tx).must(doc._id);
    if (cur.featured === input.featured) return cur;
    const patch = { featured: input.featured, featuredAt: input.featured ? ctx.now : null, updatedAt: ctx.now };
    await cases(ctx.db).in(tx).patch(doc._id, patch);
    return { ...cur, ...patch };
  });
  return view(ctx, actor, next);
}

/** The wxa_media_check push for a case photo. */
export async function onCaseMedia(ctx: Ctx, traceId: string, status: 'pass' | 'risky', label: number): Promise<boolean> {
  const hit = await cases(ctx.db).first({ mediaTraceIds: traceId });
  if (!hit) return false;
  await transaction(ctx.db, async (tx) => {
    const cur = await cases(ctx.db).in(tx).must(hit._id);
    const media = cur.media.map((m) => (m.traceId === traceId ? { ...m, status, label } : m));
    await cases(ctx.db)
      .in(tx)
      .patch(hit._id, { media: ctx.db.command.set(media) });
  });
  return true;
}
