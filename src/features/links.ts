/**
 * Links between features (core/platform/links): the page each named link opens.
 * A notice may carry a link to another feature's page without the notices pages
 * importing that feature.
 */
import type { AppLink, AppLinkName } from '@core/platform/links';
import { routePaths } from './route-table';
import { FEE_ROUTES } from './fees/routes';
import { REPAIR_ROUTES } from './repairs/routes';
import { VOTE_ROUTES } from './votes/routes';
import { CONCERN_ROUTES } from './concerns/routes';

const PAGES: Record<AppLinkName, string> = {
  feeStatement: routePaths(FEE_ROUTES).feeStatement,
  repairDetail: routePaths(REPAIR_ROUTES).repairDetail,
  voteDetail: routePaths(VOTE_ROUTES).voteDetail,
  concernTopic: routePaths(CONCERN_ROUTES).concernTopic,
  concernRaise: routePaths(CONCERN_ROUTES).concernRaise,
};

/** The URL a link opens, its parameters encoded. */
export function linkUrl(link: Pick<AppLink, 'to' | 'params'>): string {
  const q = Object.entries(link.params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return q ? `${PAGES[link.to]}?${q}` : PAGES[link.to];
}
