/**
 * Linking a WeChat group to the building group it is. The group's identity comes
 * only from WeChat-decoded group info (a share ticket's CloudID, which the
 * platform decodes at the event's top level): a raw openGId in a payload is never
 * trusted. A group already linked to another building stays there: relinking it
 * would move another lead's figures.
 */
import { reachMilestone } from '../_shared/milestones';
import { assertCan } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { DecodedGroupInfo } from '../../core/notices/contract';
import { openGIdOf } from '../../core/notices/rules';
import type { Ctx } from '../_shared/router';
import { buildings, targetOf } from '../_shared/directory';
import { groupLinks } from './docs';

export async function linkGroup(ctx: Ctx, input: { buildingId: string; groupInfo: DecodedGroupInfo }) {
  const actor = await ctx.actor();
  const b = await buildings(ctx.db).must(input.buildingId);
  assertCan(actor, 'group.link', targetOf({ communityId: b.communityId, compoundId: b.compoundId, buildingId: b._id }));
  const openGId = openGIdOf(input.groupInfo);
  const current = await groupLinks(ctx.db).get(openGId);
  if (current && current.buildingId !== b._id) throw new AppError('CONFLICT', '这个微信群已关联到其他楼栋，请联系小区党支部书记处理');
  if (!current) {
    await groupLinks(ctx.db).put(openGId, {
      openGId,
      buildingId: b._id,
      compoundId: b.compoundId,
      communityId: b.communityId,
      linkedBy: actor.personId ?? '',
      linkedAt: ctx.now,
    });
  }
  // The first-run guide's 楼栋群 step (onboarding reads milestones, not group links).
  await reachMilestone(ctx.db, b.compoundId, `group:${b._id}`, ctx.now);
  return { openGId, buildingId: b._id, buildingName: b.name };
}
