/** The community subpackage: the office's overview of its compounds and the side by side. */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const COMMUNITY_ROUTES = defineRoutes({
  root: 'packages/community',
  pages: {
    communityOverview: 'pages/overview/index',
    communityCompare: 'pages/compare/index',
  },
});
