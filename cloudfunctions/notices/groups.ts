/**
 * Linking a WeChat group to what it is: a building's 楼栋群 or the compound's 业主群.
 * The group's identity comes only from WeChat-decoded group info (a share ticket's
 * CloudID, which the platform decodes at the event's top level): a raw openGId in a
 * payload is never trusted. A group already linked stays what it is: relinking it
 * would move another lead's figures.
 */
import { reachMilestone } from '../_shared/milestones';
import { assertCan } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { DecodedGroupInfo } from '../../core/notices/contract';
import { openGIdOf } from '../../core/notices/rules';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { buildings, compounds, targetOf } from '../_shared/directory';
import { groupLinks, type GroupLinkDoc } from './docs';

/**
 * Link a group once, in a transaction: two people linking the same group at once (one
 * as a 楼栋群, one as the 业主群) cannot both win. Linking it again as the same is a
 * no-op; as something else, CONFLICT.
 */
async function linkOnce(ctx: Ctx, link: Omit<GroupLinkDoc, '_id'>): Promise<void> {
  const same = (l: GroupLinkDoc) => (link.ownersOf ? l.ownersOf === link.ownersOf : l.buildingId === link.buildingId);
  await transaction(ctx.db, async (tx) => {
    const current = await groupLinks(ctx.db).in(tx).get(link.openGId);
    if (current && !same(current)) {
      throw new AppError(
        'CONFLICT',
        current.ownersOf ? '这个微信群已关联为业主群，请联系业委会处理' : '这个微信群已关联到其他楼栋，请联系小区党支部书记处理',
      );
    }
    if (!current) await groupLinks(ctx.db).in(tx).put(link.openGId, link);
  });
}

export async function linkGroup(ctx: Ctx, input: { buildingId: string; groupInfo: DecodedGroupInfo }) {
  const actor = await ctx.actor();
  const b = await buildings(ctx.db).must(input.buildingId);
  assertCan(actor, 'group.link', targetOf({ communityId: b.communityId, compoundId: b.compoundId, buildingId: b._id }));
  const openGId = openGIdOf(input.groupInfo);
  await linkOnce(ctx, {
    openGId,
    buildingId: b._id,
    compoundId: b.compoundId,
    communityId: b.communityId,
    linkedBy: actor.personId ?? '',
    linkedAt: ctx.now,
  });
  // The first-run guide's 楼栋群 step (onboarding reads milestones, not group links).
  await reachMilestone(ctx.db, b.compoundId, `group:${b._id}`, ctx.now);
  return { openGId, buildingId: b._id, buildingName: b.name };
}

/** A compound may have several 业主群 (一群、二群 when one is full): each links once. */
export async function linkOwnersGroup(ctx: Ctx, input: { compoundId: string; groupInfo: DecodedGroupInfo }) {
  const actor = await ctx.actor();
  const c = await compounds(ctx.db).must(input.compoundId);
  assertCan(actor, 'group.linkOwners', { communityId: c.communityId, compoundId: c._id });
  const openGId = openGIdOf(input.groupInfo);
  await linkOnce(ctx, {
    openGId,
    ownersOf: c._id,
    compoundId: c._id,
    communityId: c.communityId,
    linkedBy: actor.personId ?? '',
    linkedAt: ctx.now,
  });
  await reachMilestone(ctx.db, c._id, 'ownersGroup', ctx.now);
  return { openGId, compoundId: c._id, name: `${c.name}业主群` };
}
