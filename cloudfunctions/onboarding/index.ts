/** onboarding: day one of a compound — claim codes, the first-run guide, building posters. */
import * as cloud from 'wx-server-sdk';
import { onboardingApi } from '../../core/onboarding/contract';
import { createMain } from '../_shared/router';
import { redeemClaim } from './claim';
import { getGuide } from './guide';
import { listPosters, postersPrinted } from './posters';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const main = createMain(cloud, onboardingApi, {
  'claim.redeem': redeemClaim,
  'guide.get': getGuide,
  'posters.list': listPosters,
  'posters.printed': postersPrinted,
});
