/** What the community's handlers share: the community a caller may see, roles as others see them, the month. */
import { createHash } from 'node:crypto';
import { assertCan, scopedGrants, type Permission } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import { ROLE_LABELS, type Actor } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import { criteriaFor, DEFAULT_CRITERIA, type Criteria } from '../../core/community/scorecard';
import { communities, compounds, type CommunityDoc, type CompoundDoc } from '../_shared/directory';
import type { Ctx } from '../_shared/router';
import { profiles } from './docs';

/** The community, when the caller holds `permission` in it (NOT_FOUND when it does not exist). */
export async function communityFor(
  ctx: Ctx,
  communityId: string,
  permission: Permission,
): Promise<{ actor: Actor; community: CommunityDoc }> {
  const actor = await ctx.actor();
  const community = await communities(ctx.db).get(communityId);
  if (!community) throw new AppError('NOT_FOUND');
  assertCan(actor, permission, { communityId: community._id });
  return { actor, community };
}

/** A compound, when the caller holds `permission` on it. */
export async function compoundFor(ctx: Ctx, compoundId: string, permission: Permission): Promise<{ actor: Actor; compound: CompoundDoc }> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  assertCan(actor, permission, { communityId: compound.communityId, compoundId: compound._id });
  return { actor, compound };
}

/** The compounds of `communityId` where the actor holds `permission` through a compound role (theirs to act for). */
export function ownCompoundIds(actor: Actor, permission: Permission, communityId: string): string[] {
  return [
    ...new Set(
      scopedGrants(actor.roles, permission)
        .filter((g) => g.compoundId && g.communityId === communityId)
        .map((g) => g.compoundId!),
    ),
  ];
}

/** How others see who acted for a compound: the role, never more (小区党支部书记, 业委会委员, then 社区代行业委会). */
export function roleAt(actor: Actor, compoundId: string): string {
  for (const role of ['branchSecretary', 'committeeMember', 'committeeStandIn'] as const)
    if (actor.roles.some((g) => g.role === role && g.compoundId === compoundId)) return ROLE_LABELS[role];
  return ROLE_LABELS.communityAdmin;
}

/** Scorecards are taken in the current month only; earlier months are the record. */
export function assertCurrentPeriod(ctx: Ctx, period: string): void {
  if (period !== periodOf(ctx.now)) throw new AppError('SCORECARD_STATE', `只能填写本月（${periodOf(ctx.now)}）的评分表`);
}

/** The weights for `period` (each change applies from its month on) and the model compound. */
export async function criteriaOf(ctx: Ctx, communityId: string, period: string): Promise<{ criteria: Criteria; modelId: string | null }> {
  const p = await profiles(ctx.db).get(communityId);
  const base = p?.criteria ?? DEFAULT_CRITERIA;
  return {
    criteria: p?.criteriaChanges?.length ? criteriaFor([{ from: '', criteria: base }, ...p.criteriaChanges], period) : base,
    modelId: p?.modelCompoundId ?? null,
  };
}

export const idFor = (prefix: string, personId: string, clientRequestId: string) =>
  prefix + createHash('sha256').update(`${personId}\n${clientRequestId}`).digest('hex').slice(0, 31);
