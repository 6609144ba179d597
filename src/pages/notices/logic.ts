/**
 * Pure helpers of the 通知 tab (main package: keep this file free of anything heavy).
 * Who may post is core/authz's canAnywhere, the same table the function enforces.
 */
import type { Me } from '@core/accounts/contract';
import type { NoticeListItem } from '@core/notices/contract';
import { canAnywhere } from '@core/authz';
import { actorOf } from '@/utils/actor';

/** What the native tab badge shows ('' = remove it). */
export function badgeText(unread: number): string {
  if (!unread || unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

/** May this person post a notice anywhere (a lead to a building, compound roles, the community office)? */
export function canPostNotices(me: Pick<Me, 'roles'> | null | undefined): boolean {
  return !!me && canAnywhere(actorOf(me), 'notice.post');
}

/** List item classes: stable selectors for tests and the urgent look. */
export function noticeItemClass(n: Pick<NoticeListItem, 'unread' | 'emergency'>, box: 'inbox' | 'authored'): string {
  return ['card', 'notice-item', box === 'inbox' && n.unread ? 'notice-item--unread' : '', n.emergency ? 'notice-item--urgent' : '']
    .filter(Boolean)
    .join(' ');
}

/** Tag colour for a notice's status in 我发布的. */
export function statusTone(status: NoticeListItem['status']): 'green' | 'blue' | 'grey' | 'red' {
  if (status === 'published') return 'green';
  if (status === 'reviewing') return 'blue';
  if (status === 'rejected') return 'red';
  return 'grey';
}
