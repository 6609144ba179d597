/**
 * The community 首页 card's data (a declared seam: cloudfunctions/home composes the 首页
 * in one call). The office sees its community at a glance; a compound's branch or
 * committee sees this month's 示范创建 still to do. Everyone else: null, no read.
 */
import { scopesOf } from '../../core/authz';
import type { CommunityHome } from '../../core/community/contract';
import { previousPeriod } from '../../core/community/rules';
import { periodOf } from '../../core/platform/time';
import { communities, compounds } from '../_shared/directory';
import type { Ctx } from '../_shared/router';
import { criteriaOf } from './common';
import { ratings, scorecardId, scorecards } from './docs';

export async function communityCard(ctx: Ctx): Promise<CommunityHome | null> {
  const actor = await ctx.actor();
  const officeId = scopesOf(actor, 'community.overview').communityIds[0];
  const compoundId = scopesOf(actor, 'scorecard.assess').compoundIds[0];
  if (!officeId && !compoundId) return null;
  const [office, compound] = await Promise.all([
    officeId ? officeCard(ctx, officeId) : null,
    compoundId ? compoundCard(ctx, compoundId) : null,
  ]);
  return office || compound ? { office, compound } : null;
}

async function officeCard(ctx: Ctx, communityId: string): Promise<CommunityHome['office']> {
  const [community, { modelId }, count] = await Promise.all([
    communities(ctx.db).get(communityId),
    criteriaOf(ctx, communityId, previousPeriod(ctx.now)),
    compounds(ctx.db).count({ communityId }),
  ]);
  if (!community) return null;
  const model = modelId ? await compounds(ctx.db).get(modelId) : null;
  return {
    communityId,
    communityName: community.name,
    period: previousPeriod(ctx.now),
    compounds: count,
    modelName: model?.name ?? null,
  };
}

async function compoundCard(ctx: Ctx, compoundId: string): Promise<CommunityHome['compound']> {
  const c = await compounds(ctx.db).get(compoundId);
  if (!c) return null;
  const period = periodOf(ctx.now);
  // Only a compound that has assessed itself can be rated: those, less this one, less those already rated.
  const [own, given, assessed] = await Promise.all([
    scorecards(ctx.db).get(scorecardId(c._id, period)),
    ratings(ctx.db).count({ communityId: c.communityId, period, fromCompoundId: c._id }),
    scorecards(ctx.db).count({ communityId: c.communityId, period }),
  ]);
  return { compoundId: c._id, name: c.name, period, assessed: !!own, toRate: Math.max(0, assessed - (own ? 1 : 0) - given) };
}
