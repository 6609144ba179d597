/** The party subpackage: 包联 and 走访, assigning, reports, selections, the branch book, the structure page. */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const PARTY_ROUTES = defineRoutes({
  root: 'packages/party',
  pages: {
    partyHouseholds: 'pages/households/index',
    partyAssign: 'pages/assign/index',
    partyMembers: 'pages/members/index',
    partyReports: 'pages/reports/index',
    partySelections: 'pages/selections/index',
    partySelection: 'pages/selection/index',
    partyBook: 'pages/book/index',
    partyStructure: 'pages/structure/index',
  },
});
