/**
 * Pure helpers of the 通知 tab (main package: keep this file free of anything heavy).
 * Who may post is decided with core/authz, the same table the function enforces.
 */
import type { Me } from '@core/accounts/contract';
import type { NoticeListItem } from '@core/notices/contract';
import { actorOf, canAnywhere } from '../../utils/actor';
import { ROUTES } from '../../routes';

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

/** The 发布通知 entry on 首页 and 服务, for those who may post. */
export function noticePostEntry(me: Pick<Me, 'roles'>): { key: string; label: string; hint: string; url: string } | null {
  return canPostNotices(me) ? { key: 'notice-post', label: '发布通知', hint: '楼栋群、全小区', url: ROUTES.noticePost } : null;
}

/** A role-based list (首页 shortcuts, 服务 grid) with 发布通知 added for those who may post. */
export function withNoticeEntry<T extends { key: string; label: string; url: string }>(list: T[], me: Pick<Me, 'roles'>): (T | NonNullable<ReturnType<typeof noticePostEntry>>)[] {
  const entry = noticePostEntry(me);
  return entry ? [entry, ...list] : list;
}
