/** The accounts subpackage: binding, homes, approvals, roster, roles, privacy, demo sign-in. */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const ACCOUNT_ROUTES = defineRoutes({
  root: 'packages/accounts',
  pages: {
    bind: 'pages/bind/index',
    homes: 'pages/homes/index',
    approvals: 'pages/approvals/index',
    roster: 'pages/roster/index',
    import: 'pages/import/index',
    roles: 'pages/roles/index',
    invites: 'pages/invites/index',
    privacy: 'pages/privacy/index',
    /** 本地演示登录: the h5 demo only. */
    signin: 'pages/signin/index',
  },
  h5Only: ['signin'],
});
