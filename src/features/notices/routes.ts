/**
 * The notices subpackage. Subscribe messages and share cards link to the detail
 * page (core/notices/rules.ts NOTICE_DETAIL_PAGE), so its path is fixed.
 */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const NOTICE_ROUTES = defineRoutes({
  root: 'packages/notices',
  pages: {
    noticeDetail: 'pages/detail/index',
    noticePost: 'pages/post/index',
    noticeTrack: 'pages/track/index',
    noticeUnread: 'pages/unread/index',
  },
});
