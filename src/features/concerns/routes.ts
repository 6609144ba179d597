/**
 * The concerns subpackage (民情 and 议事厅). Subscribe messages and share cards link
 * to the detail and topic pages (core/concerns/rules.ts), so their paths are fixed.
 */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const CONCERN_ROUTES = defineRoutes({
  root: 'packages/concerns',
  pages: {
    concernDetail: 'pages/detail/index',
    concernRaise: 'pages/raise/index',
    concernMine: 'pages/mine/index',
    concernBoard: 'pages/board/index',
    concernQueue: 'pages/queue/index',
    concernTopics: 'pages/topics/index',
    concernTopic: 'pages/topic/index',
    concernStats: 'pages/stats/index',
  },
});
