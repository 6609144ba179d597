/** community registers: its pages, the 首页 card, and 服务 entries (互看互比, 示范创建, 互学案例, 月度报告) by permission. */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { COMMUNITY_ROUTES } from './routes';
import CommunityCard from './CommunityCard';

const url = routePaths(COMMUNITY_ROUTES);

export const communityFeature = defineFeature({
  name: 'community',
  routes: COMMUNITY_ROUTES,
  homeCards: [{ key: 'community', order: 5, Component: CommunityCard, permission: ['community.overview', 'scorecard.assess'] }],
  services: [
    {
      key: 'community',
      label: '互看互比',
      hint: '各小区数据、对比示范小区',
      url: url.communityOverview,
      order: 5,
      permission: 'community.overview',
    },
    {
      key: 'community-scorecards',
      label: '示范创建',
      hint: '六有自评、互评打分',
      url: url.communityScorecards,
      order: 130,
      permission: 'scorecard.view',
    },
    { key: 'community-cases', label: '互学案例', hint: '我为群众办实事', url: url.communityCases, order: 131, permission: 'case.read' },
    {
      key: 'community-report',
      label: '月度报告',
      hint: '报街道，可打印、导出',
      url: url.communityReport,
      order: 8,
      permission: 'community.report',
    },
  ],
  shortcuts: [],
});
