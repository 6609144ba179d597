/**
 * The seam through which another feature checks a notice it records a link to
 * (fees: a month's 财务公示 notice). Read only, and only the fields that decide
 * whether the notice is the one it claims to be; notices keeps owning its documents.
 */
import type { NoticeCategory, NoticeStatus, NoticeTarget } from '../../core/notices/rules';
import type { AppLink, AppLinkName } from '../../core/platform/links';
import type { Database } from './database';
import { repository } from './repo';

export interface LinkedNoticeDoc {
  _id: string;
  status: NoticeStatus;
  category: NoticeCategory;
  targets: NoticeTarget[];
  link?: AppLink;
}
const linkedNotices = repository<LinkedNoticeDoc>('notices');

/**
 * Why this notice is not a published `category` notice to the whole of
 * `compoundId` opening `to` with exactly `params` — or null when it is. A notice
 * that does not exist, of another compound, another month or another kind all fail.
 */
export async function noticeMismatch(
  db: Database,
  noticeId: string,
  want: { category: NoticeCategory; compoundId: string; to: AppLinkName; params: Record<string, string> },
): Promise<string | null> {
  const n = await linkedNotices(db).get(noticeId);
  if (!n) return '找不到该通知';
  if (n.category !== want.category) return `该通知不是「${want.category}」`;
  if (n.status !== 'published') return '该通知未发布或已撤回、已更正';
  if (!n.targets.length || !n.targets.every((t) => t.kind === 'compound' && t.compoundId === want.compoundId))
    return '该通知不是发给本小区全体住户的';
  const l = n.link;
  const keys = Object.keys(want.params);
  if (!l || l.to !== want.to || Object.keys(l.params).length !== keys.length || keys.some((k) => l.params[k] !== want.params[k]))
    return '该通知不是本月的账目公示';
  return null;
}
