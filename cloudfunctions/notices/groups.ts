/** Linking a WeChat group (openGId from a share ticket) to the building group it is. */
import { assertCan } from '../../core/authz';
import type { Ctx } from '../_shared/router';
import { mustGet } from '../_shared/db';
import type { BuildingDoc } from '../_shared/directory';
import type { GroupLinkDoc } from './docs';

export async function linkGroup(ctx: Ctx, input: { buildingId: string; openGId?: string; groupInfo?: { data: { openGId: string } } }) {
  const actor = await ctx.actor();
  const b = await mustGet<BuildingDoc>(ctx.db, 'buildings', input.buildingId);
  assertCan(actor, 'group.link', { communityId: b.communityId, compoundId: b.compoundId, buildingId: b._id });
  const openGId = (input.groupInfo?.data.openGId ?? input.openGId)!;
  const current = (await ctx.db.collection('groupLinks').where({ _id: openGId }).limit(1).get()).data[0] as GroupLinkDoc | undefined;
  if (current?.buildingId !== b._id) {
    const doc: Omit<GroupLinkDoc, '_id'> = { openGId, buildingId: b._id, compoundId: b.compoundId, communityId: b.communityId, linkedBy: actor.personId ?? '', linkedAt: ctx.now };
    await ctx.db.collection('groupLinks').doc(openGId).set({ data: doc });
  }
  return { openGId, buildingId: b._id, buildingName: b.name };
}
