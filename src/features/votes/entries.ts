/** votes registers: its pages, the 首页 card (open votes; the committee's live count), 业主表决 in 服务, 发起表决 for the committee. */
import { canAnywhere } from '@core/authz';
import { defineFeature } from '@/features/types';
import { actorOf } from '@/utils/actor';
import { routePaths } from '@/features/route-table';
import { VOTE_ROUTES } from './routes';
import { VotesCard } from './homeCards';

const url = routePaths(VOTE_ROUTES);

export const votesFeature = defineFeature({
  name: 'votes',
  routes: VOTE_ROUTES,
  homeCards: [
    { key: 'votes', order: 20, Component: VotesCard, when: (v) => v.me.homes.length > 0 || canAnywhere(actorOf(v.me), 'vote.manage') },
  ],
  services: [
    { key: 'votes', label: '业主表决', hint: '投票、名册、结果', url: url.voteList, order: 30, when: (v) => v.me.homes.length > 0 },
    {
      key: 'votes-manage',
      label: '业主表决',
      hint: '发起、计票、公示',
      url: url.voteList,
      order: 30,
      permission: 'vote.manage',
      when: (v) => v.me.homes.length === 0,
    },
  ],
  shortcuts: [{ key: 'vote-create', label: '发起表决', url: url.voteCreate, order: 30, permission: 'vote.manage' }],
});
