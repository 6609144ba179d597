/**
 * Claiming the first role of a compound (业委会委员) or community (社区工作人员) with
 * the code the operator's setup printed. The code works once and for 24 hours; a
 * wrong code counts against the guesser and against everyone, and while either is
 * over its limit even a right code is refused (the reply is no oracle). A place that
 * already has someone in that role cannot be claimed: from then on roles come only
 * through the normal grants (roles.grant).
 */
import type { ClaimResult } from '../../core/onboarding/contract';
import { CLAIM_LIMITS } from '../../core/onboarding/limits';
import { claimFate } from '../../core/onboarding/rules';
import { AppError } from '../../core/platform/errors';
import { ROLE_LABELS } from '../../core/platform/roles';
import { limiter } from '../_shared/attempts';
import { communities, compounds, ensurePersonByOpenid, roles, type RoleDoc } from '../_shared/directory';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { claims, type ClaimDoc } from './docs';
import { claimCodeHash } from './codes';

/** Does the place already have someone in the claimed role? */
export async function claimTaken(ctx: Pick<Ctx, 'db'>, c: Pick<ClaimDoc, 'role' | 'communityId' | 'compoundId'>): Promise<boolean> {
  const held =
    c.role === 'committeeMember'
      ? await roles(ctx.db).first({ compoundId: c.compoundId, role: 'committeeMember' })
      : await roles(ctx.db).first({ communityId: c.communityId, role: 'communityAdmin' });
  return !!held;
}

export async function redeemClaim(ctx: Ctx, input: { code: string; name: string }): Promise<ClaimResult> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED');
  const attempts = limiter(ctx.db, ctx.now, [
    [`claim:person:${ctx.openid}`, CLAIM_LIMITS.perPerson],
    ['claim:any', CLAIM_LIMITS.overall],
  ]);
  // Before the code is looked up: a locked-out guesser learns nothing, right code or not.
  await attempts.check();
  const claim = await claims(ctx.db).first({ codeHash: claimCodeHash(input.code) });
  if (!claim || claimFate(claim, ctx.now) !== 'ok') {
    await attempts.fail();
    throw new AppError('CLAIM_INVALID');
  }
  if (await claimTaken(ctx, claim)) throw new AppError('CLAIM_TAKEN');
  const community = await communities(ctx.db).must(claim.communityId);
  const compound = claim.compoundId ? await compounds(ctx.db).must(claim.compoundId) : null;
  const person = await ensurePersonByOpenid(ctx.db, ctx.openid, input.name, ctx.now);
  const roleId = `r-claim-${claim._id}`;
  const role: Omit<RoleDoc, '_id'> = {
    personId: person._id,
    role: claim.role,
    communityId: claim.communityId,
    ...(compound ? { compoundId: compound._id } : {}),
    grantedBy: 'setup',
    createdAt: ctx.now,
  };
  await transaction(ctx.db, async (tx) => {
    // Two people with the same code at once: the claim is read and spent in one transaction.
    const current = await claims(ctx.db).in(tx).get(claim._id);
    if (!current || claimFate(current, ctx.now) !== 'ok') throw new AppError('CLAIM_INVALID');
    await claims(ctx.db).in(tx).patch(claim._id, { state: 'used', usedBy: person._id, usedAt: ctx.now });
    await roles(ctx.db).in(tx).put(roleId, role);
  });
  return {
    role: claim.role,
    label: ROLE_LABELS[claim.role],
    communityId: community._id,
    communityName: community.name,
    ...(compound ? { compoundId: compound._id } : {}),
    scopeLabel: compound ? `${community.name} ${compound.name}` : community.name,
  };
}
