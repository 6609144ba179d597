/** The activities subpackage. Share cards and subscribe messages open the detail page (core/activities/rules ACTIVITY_DETAIL_PAGE). */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const ACTIVITY_ROUTES = defineRoutes({
  root: 'packages/activities',
  pages: {
    activityList: 'pages/list/index',
    activityDetail: 'pages/detail/index',
    activityCreate: 'pages/create/index',
    activityHours: 'pages/hours/index',
    neighbourService: 'pages/service/index',
    serviceTeams: 'pages/teams/index',
  },
});
