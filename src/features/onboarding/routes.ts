/** The onboarding subpackage: claiming the first role, the first-run guide, the building posters. */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const ONBOARDING_ROUTES = defineRoutes({
  root: 'packages/onboarding',
  pages: {
    claim: 'pages/claim/index',
    guide: 'pages/guide/index',
    posters: 'pages/posters/index',
  },
});
