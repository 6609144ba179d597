/**
 * Every page of the app, as plain data: the four tab pages of the shell and each
 * feature's subpackage (root + pages). Kept free of components and Taro so that
 * app.config.ts (evaluated by Taro at build time), src/routes.ts and the tests
 * read the same table. A feature's entries file (features/<f>/entries.ts)
 * registers these routes with its cards and grid entries.
 */
import { pagesFor, type BuildTarget, type FeatureRoutes } from './route-table';
import { ACCOUNT_ROUTES } from './accounts/routes';
import { NOTICE_ROUTES } from './notices/routes';
import { REPAIR_ROUTES } from './repairs/routes';
import { ACTIVITY_ROUTES } from './activities/routes';
import { VOTE_ROUTES } from './votes/routes';
import { FEE_ROUTES } from './fees/routes';
import { ONBOARDING_ROUTES } from './onboarding/routes';
import { VEHICLE_ROUTES } from './vehicles/routes';
import { CONCERN_ROUTES } from './concerns/routes';
import { COMMUNITY_ROUTES } from './community/routes';
import { PARTY_ROUTES } from './party/routes';

/** Tab pages live in the main package (WeChat requires it). */
export const TAB_PAGES = {
  home: 'pages/home/index',
  notices: 'pages/notices/index',
  services: 'pages/services/index',
  me: 'pages/me/index',
} as const;

export const FEATURE_ROUTES: readonly FeatureRoutes[] = [
  ACCOUNT_ROUTES,
  NOTICE_ROUTES,
  ACTIVITY_ROUTES,
  VOTE_ROUTES,
  REPAIR_ROUTES,
  FEE_ROUTES,
  ONBOARDING_ROUTES,
  VEHICLE_ROUTES,
  CONCERN_ROUTES,
  COMMUNITY_ROUTES,
  PARTY_ROUTES,
];

/** app.json's subPackages for a build. */
export function subPackagesFor(
  target: BuildTarget,
): { root: string; pages: string[]; plugins?: Record<string, { provider: string; version: string }> }[] {
  return FEATURE_ROUTES.map((r) => ({
    root: r.root,
    pages: pagesFor(r, target),
    ...(target === 'weapp' && r.plugins ? { plugins: { ...r.plugins } } : {}),
  }));
}
