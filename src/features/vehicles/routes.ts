/**
 * The vehicles subpackage. Subscribe messages link to the detail page
 * (core/vehicles/rules.ts MOVE_DETAIL_PAGE), so its path is fixed.
 */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const VEHICLE_ROUTES = defineRoutes({
  root: 'packages/vehicles',
  pages: {
    moveDetail: 'pages/detail/index',
    moveRequest: 'pages/request/index',
    vehicleMine: 'pages/mine/index',
    moveMine: 'pages/requests/index',
    vehicleManage: 'pages/manage/index',
  },
});
