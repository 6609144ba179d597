/** concerns registers: its pages, the 民情 card on 首页, and its 服务 / shortcut entries by permission. */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { CONCERN_ROUTES } from './routes';
import ConcernsCard from './ConcernsCard';

const url = routePaths(CONCERN_ROUTES);
const resident = (v: { me: { homes: unknown[] } }) => v.me.homes.length > 0;

export const concernsFeature = defineFeature({
  name: 'concerns',
  routes: CONCERN_ROUTES,
  homeCards: [{ key: 'concerns', order: 25, Component: ConcernsCard, when: (v) => v.me.registered }],
  services: [
    { key: 'concern-raise', label: '我有话说', hint: '操心事、烦心事', url: url.concernRaise, order: 110, when: resident },
    { key: 'concern-mine', label: '我的民情', hint: '答复与评价', url: url.concernMine, order: 111, when: resident },
    { key: 'concern-board', label: '民情公开栏', hint: '我也关心', url: url.concernBoard, order: 112, when: resident },
    { key: 'concern-topics', label: '小区议事厅', hint: '征集、协商、公示', url: url.concernTopics, order: 113, when: resident },
    { key: 'concern-queue', label: '民情处理', hint: '答复、转办、上报', url: url.concernQueue, order: 114, permission: 'concern.handle' },
    {
      key: 'concern-topics-manage',
      label: '议事厅管理',
      hint: '推进议事步骤',
      url: url.concernTopics,
      order: 115,
      permission: 'topic.manage',
      when: (v) => v.me.homes.length === 0,
    },
    { key: 'concern-stats', label: '民情统计', hint: '每月数据', url: url.concernStats, order: 116, permission: 'concern.stats' },
  ],
  shortcuts: [{ key: 'concern-queue', label: '民情处理', url: url.concernQueue, order: 110, permission: 'concern.handle' }],
});
