/** community registers: the overview and side by side, the 首页 card and 互看互比 in 服务, for community staff. */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { COMMUNITY_ROUTES } from './routes';
import CommunityCard from './CommunityCard';

const url = routePaths(COMMUNITY_ROUTES);

export const communityFeature = defineFeature({
  name: 'community',
  routes: COMMUNITY_ROUTES,
  homeCards: [{ key: 'community', order: 5, Component: CommunityCard, permission: 'community.overview' }],
  services: [
    {
      key: 'community',
      label: '互看互比',
      hint: '各小区数据、对比示范小区',
      url: url.communityOverview,
      order: 5,
      permission: 'community.overview',
    },
  ],
  shortcuts: [],
});
