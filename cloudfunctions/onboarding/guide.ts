/**
 * The first-run guide: what is done and what is next, from the directory and the
 * milestones other features record (never their collections). A compound without a
 * committee is guided for the community worker, who runs it until one is elected.
 */
import type { Guide, GuideCompound } from '../../core/onboarding/contract';
import { guideSteps, type GuideFacts } from '../../core/onboarding/rules';
import { assertCan, can } from '../../core/authz';
import { STAND_IN_ROLE } from '../../core/platform/roles';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { buildings as buildingsRepo, compounds, people, roles, type CompoundDoc } from '../_shared/directory';
import { milestones } from '../_shared/milestones';
import type { Ctx } from '../_shared/router';

/** The compounds this person may guide: their committee's, and every compound of their community. */
export async function guidable(ctx: Ctx, actor: Actor): Promise<CompoundDoc[]> {
  const own = actor.roles.filter((r) => r.role === 'committeeMember' && r.compoundId).map((r) => r.compoundId!);
  const communityIds = [...new Set(actor.roles.filter((r) => r.role === 'communityAdmin').map((r) => r.communityId))];
  const _ = ctx.db.command;
  const [mine, ofCommunities] = await Promise.all([
    own.length ? compounds(ctx.db).find({ _id: _.in(own) }, { limit: 100 }) : [],
    communityIds.length ? compounds(ctx.db).find({ communityId: _.in(communityIds) }, { orderBy: [['_id', 'asc']], limit: 100 }) : [],
  ]);
  const seen = new Set<string>();
  return [...mine, ...ofCommunities].filter((c) => !seen.has(c._id) && !!seen.add(c._id));
}

/** The compound a guide call is about, checked against the authorization table. */
export async function guideCompound(ctx: Ctx, actor: Actor, compoundId: string | undefined): Promise<CompoundDoc> {
  if (compoundId) {
    const c = await compounds(ctx.db).must(compoundId);
    assertCan(actor, 'onboarding.guide', { communityId: c.communityId, compoundId: c._id });
    return c;
  }
  const list = await guidable(ctx, actor);
  if (!list.length) throw new AppError('FORBIDDEN');
  return list[0];
}

export async function getGuide(ctx: Ctx, input: { compoundId?: string }): Promise<Guide> {
  const actor = await ctx.actor();
  const compound = await guideCompound(ctx, actor, input.compoundId);
  // A compound has at most a few hundred buildings and role grants: each read is one indexed page.
  const [buildings, grants, reached, list] = await Promise.all([
    buildingsRepo(ctx.db).find({ compoundId: compound._id }, { limit: 1000 }),
    roles(ctx.db).find({ compoundId: compound._id }, { limit: 1000 }),
    milestones(ctx.db).find({ compoundId: compound._id }, { limit: 1000 }),
    guidable(ctx, actor),
  ]);
  const count = (role: string) => grants.filter((g) => g.role === role).length;
  const led = new Set(grants.filter((g) => g.role === 'buildingLead').flatMap((g) => g.buildingIds ?? []));
  const ids = new Set(buildings.map((b) => b._id));
  const keys = new Set(reached.map((m) => m.key));
  const facts: GuideFacts = {
    buildings: buildings.length,
    homes: buildings.reduce((n, b) => n + (b.homeCount ?? 0), 0),
    buildingsWithHomes: buildings.filter((b) => b.homeCount > 0).length,
    committeeMembers: count('committeeMember'),
    branchSecretaries: count('branchSecretary'),
    buildingsLed: [...led].filter((id) => ids.has(id)).length,
    propertyManagers: count('propertyManager'),
    bookkeepers: count('bookkeeper'),
    ratesSet: keys.has('rates'),
    buildingGroupsLinked: [...ids].filter((id) => keys.has(`group:${id}`)).length,
    ownersGroupLinked: keys.has('ownersGroup'),
    postersPrinted: keys.has('posters'),
  };
  const runBy = facts.committeeMembers > 0 ? 'committee' : 'community';
  const steps = guideSteps(facts, runBy);
  const held = grants.find((g) => g.role === STAND_IN_ROLE);
  const holder = held ? await people(ctx.db).get(held.personId) : null;
  const view = (c: CompoundDoc): GuideCompound => ({ id: c._id, name: c.name });
  return {
    compound: view(compound),
    runBy,
    steps,
    complete: steps.every((s) => s.done),
    ...(runBy === 'community'
      ? {
          standIn: {
            ...(holder ? { holderName: holder.name } : {}),
            mine: !!held && held.personId === actor.personId,
            canTake: !held && can(actor, 'role.standIn', { communityId: compound.communityId, compoundId: compound._id }),
          },
        }
      : {}),
    compounds: (list.some((c) => c._id === compound._id) ? list : [compound, ...list]).map(view),
  };
}
