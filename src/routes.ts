/**
 * Every page path in one place, so links and tests agree. Built from the route
 * table the features register (features/routes.ts), the same one app.config.ts reads.
 */
import { TAB_PAGES } from './features/routes';
import { routePaths } from './features/route-table';
import { ACCOUNT_ROUTES } from './features/accounts/routes';
import { NOTICE_ROUTES } from './features/notices/routes';
import { REPAIR_ROUTES } from './features/repairs/routes';
import { ACTIVITY_ROUTES } from './features/activities/routes';
import { VOTE_ROUTES } from './features/votes/routes';
import { FEE_ROUTES } from './features/fees/routes';
import { ONBOARDING_ROUTES } from './features/onboarding/routes';
import { VEHICLE_ROUTES } from './features/vehicles/routes';
import { CONCERN_ROUTES } from './features/concerns/routes';
import { COMMUNITY_ROUTES } from './features/community/routes';
import { PARTY_ROUTES } from './features/party/routes';

const tabs = {
  home: `/${TAB_PAGES.home}`,
  notices: `/${TAB_PAGES.notices}`,
  services: `/${TAB_PAGES.services}`,
  me: `/${TAB_PAGES.me}`,
} as const;

export const ROUTES = {
  ...tabs,
  ...routePaths(ACCOUNT_ROUTES),
  ...routePaths(NOTICE_ROUTES),
  ...routePaths(REPAIR_ROUTES),
  ...routePaths(ACTIVITY_ROUTES),
  ...routePaths(VOTE_ROUTES),
  ...routePaths(FEE_ROUTES),
  ...routePaths(ONBOARDING_ROUTES),
  ...routePaths(VEHICLE_ROUTES),
  ...routePaths(CONCERN_ROUTES),
  ...routePaths(COMMUNITY_ROUTES),
  ...routePaths(PARTY_ROUTES),
};

export const TAB_ROUTES: readonly string[] = Object.values(tabs);
