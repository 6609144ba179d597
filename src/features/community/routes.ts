/** The community subpackage: the office's overview, side by side, 示范创建, 互学 cases and the monthly report. */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const COMMUNITY_ROUTES = defineRoutes({
  root: 'packages/community',
  pages: {
    communityOverview: 'pages/overview/index',
    communityCompare: 'pages/compare/index',
    communityScorecards: 'pages/scorecards/index',
    communityScorecard: 'pages/scorecard/index',
    communityCases: 'pages/cases/index',
    communityCase: 'pages/case/index',
    communityCaseNew: 'pages/case-new/index',
    communityReport: 'pages/report/index',
  },
});
