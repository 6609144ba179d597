/** repairs registers: its pages, the 报修 card on 首页, and its 服务 / shortcut entries by permission. */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { REPAIR_ROUTES } from './routes';
import { RepairsCard } from './homeCards';

const url = routePaths(REPAIR_ROUTES);
const resident = (v: { me: { homes: unknown[] } }) => v.me.homes.length > 0;

export const repairsFeature = defineFeature({
  name: 'repairs',
  routes: REPAIR_ROUTES,
  homeCards: [{ key: 'repairs', order: 20, Component: RepairsCard, when: (v) => v.me.registered }],
  services: [
    { key: 'repair-report', label: '我要报修', hint: '家里或公共区域', url: url.repairReport, order: 100, when: resident },
    { key: 'repair-mine', label: '我的报修', hint: '进度与评价', url: url.repairMine, order: 101, when: resident },
    { key: 'repair-board', label: '公共报修', hint: '我也遇到', url: url.repairBoard, order: 102, when: resident },
    { key: 'repair-queue', label: '我的工单', hint: '派给我的维修', url: url.repairQueue, order: 103, permission: 'repair.work' },
    {
      key: 'repair-manage',
      label: '报修管理',
      hint: '受理、派单、超时',
      url: url.repairManage,
      order: 104,
      permission: ['repair.manage', 'repair.viewAll'],
    },
    { key: 'repair-stats', label: '报修统计', hint: '每月数据', url: url.repairStats, order: 105, permission: 'repair.stats' },
    {
      key: 'repair-log',
      label: '登记报修',
      hint: '住户来电、巡查发现',
      url: url.repairReport,
      order: 106,
      permission: 'repair.log',
      when: (v) => v.me.homes.length === 0,
    },
  ],
  shortcuts: [
    { key: 'repair-manage', label: '报修管理', url: url.repairManage, order: 100, permission: 'repair.manage' },
    { key: 'repair-queue', label: '我的工单', url: url.repairQueue, order: 101, permission: 'repair.work' },
  ],
});
