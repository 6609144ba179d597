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
  const inbox = listNotices(ctx, { box: 'inbox', size: 20 });
  // Both lists carry my unread count: the authored list takes the inbox's instead of counting again.
  const authored = canAnywhere(actor, 'notice.post')
    ? listNotices(
        ctx,
        { box: 'authored', size: 3 },
        inbox.then((p) => p.unreadCount),
      )
    : Promise.resolve(null);
  const [mine, posted] = await Promise.all([inbox, authored]);
  return { inbox: mine, authored: posted };
}
