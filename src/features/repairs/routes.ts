/**
 * The repairs subpackage. Subscribe messages link to the detail page
 * (core/repairs/rules.ts REPAIR_DETAIL_PAGE), so its path is fixed.
 */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const REPAIR_ROUTES = defineRoutes({
  root: 'packages/repairs',
  pages: {
    repairDetail: 'pages/detail/index',
    repairReport: 'pages/report/index',
    repairMine: 'pages/mine/index',
    repairBoard: 'pages/board/index',
    repairQueue: 'pages/queue/index',
    repairManage: 'pages/manage/index',
    repairStats: 'pages/stats/index',
  },
});
