/** Every page path in one place, so links and tests agree. */
export const ROUTES = {
  home: '/pages/home/index',
  notices: '/pages/notices/index',
  services: '/pages/services/index',
  me: '/pages/me/index',
  bind: '/packages/account/pages/bind/index',
  homes: '/packages/account/pages/homes/index',
  approvals: '/packages/account/pages/approvals/index',
  roster: '/packages/account/pages/roster/index',
  import: '/packages/account/pages/import/index',
  roles: '/packages/account/pages/roles/index',
  privacy: '/packages/account/pages/privacy/index',
  noticeDetail: '/packages/notices/pages/detail/index',
  noticePost: '/packages/notices/pages/post/index',
  noticeTrack: '/packages/notices/pages/track/index',
  noticeUnread: '/packages/notices/pages/unread/index',
  /** h5 only: local demo sign-in. */
  signin: '/packages/account/pages/signin/index',
} as const;

export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.notices, ROUTES.services, ROUTES.me];
