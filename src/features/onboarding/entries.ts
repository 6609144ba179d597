/** onboarding registers: its pages, 认领管理身份 for someone with no role yet, and 开通指引 for those who run a compound. */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { ONBOARDING_ROUTES } from './routes';

const url = routePaths(ONBOARDING_ROUTES);

export const onboardingFeature = defineFeature({
  name: 'onboarding',
  routes: ONBOARDING_ROUTES,
  homeCards: [],
  services: [
    { key: 'guide', label: '开通指引', hint: '导入、任命、收费、海报', url: url.guide, order: 5, permission: 'onboarding.guide' },
    // Only for someone new (no role, no home yet): the first of a compound; residents never see it.
    {
      key: 'claim',
      label: '认领管理身份',
      hint: '用开通时的认领码',
      url: url.claim,
      order: 95,
      when: ({ me }) => me.roles.length === 0 && me.homes.length === 0,
    },
  ],
  shortcuts: [{ key: 'guide', label: '开通指引', url: url.guide, order: 1, permission: 'onboarding.guide' }],
});
