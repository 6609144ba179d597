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
  // 读给我听 on weapp: the WeChat 同声传译 plugin, in this subpackage only (src/services/speech.ts SPEECH_PLUGIN).
  plugins: { WechatSI: { provider: 'wx069ba97219f66d99', version: '0.3.6' } },
});
