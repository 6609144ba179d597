/**
 * The notices 首页 card's data (a declared seam: cloudfunctions/home composes the 首页 in
 * one call): my inbox, and my recent notices' read progress for those who may post.
 */
import { canAnywhere } from '../../core/authz';
import type { NoticeListPage } from '../../core/notices/contract';
import type { Ctx } from '../_shared/router';
import { listNotices } from './read';

export async function noticesCard(ctx: Ctx): Promise<{ inbox: NoticeListPage; authored: NoticeListPage | null }> {
  const actor = await ctx.actor();
  const [inbox, authored] = await Promise.all([
    listNotices(ctx, { box: 'inbox', size: 20 }),
    canAnywhere(actor, 'notice.post') ? listNotices(ctx, { box: 'authored', size: 3 }) : Promise.resolve(null),
  ]);
  return { inbox, authored };
}
