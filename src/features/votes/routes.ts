/** The votes subpackage. Reminders (subscribe messages) link to the detail page, so its path is fixed. */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const VOTE_ROUTES = defineRoutes({
  root: 'packages/votes',
  pages: {
    voteList: 'pages/list/index',
    voteDetail: 'pages/detail/index',
    voteCreate: 'pages/create/index',
    voteRoll: 'pages/roll/index',
    votePaper: 'pages/paper/index',
    voteResults: 'pages/results/index',
  },
});
