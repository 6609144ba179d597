/** accounts registers: its pages, the 我的房屋 card on 首页, and its 服务 / shortcut entries by permission. */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { ACCOUNT_ROUTES } from './routes';
import { HomesCard, WorkHomesCard, hereForWork } from './homeCards';

const url = routePaths(ACCOUNT_ROUTES);
const ROSTER = ['roster.viewMasked', 'roster.viewFull'] as const;
const INVITES = ['invite.create', 'role.grant.staff'] as const;

export const accountsFeature = defineFeature({
  name: 'accounts',
  routes: ACCOUNT_ROUTES,
  homeCards: [
    { key: 'homes', order: 10, Component: HomesCard, when: ({ me }) => !hereForWork(me) },
    // Staff and community workers: binding a home is not their first card.
    { key: 'work-homes', order: 90, Component: WorkHomesCard, when: ({ me }) => hereForWork(me) },
  ],
  services: [
    { key: 'bind', label: '绑定房屋', hint: '申请或用邀请码', url: url.bind, order: 10 },
    { key: 'homes', label: '我的房屋', hint: '查看与解绑', url: url.homes, order: 20 },
    {
      key: 'approvals',
      label: '审核申请',
      hint: '住户绑定房屋',
      url: url.approvals,
      order: 30,
      permission: 'binding.decide',
      badge: (me) => me.approvalsWaiting,
    },
    { key: 'invites', label: '邀请码', hint: '发给住户或员工', url: url.invites, order: 35, permission: INVITES },
    { key: 'roster', label: '花名册', hint: '楼栋住户', url: url.roster, order: 40, permission: ROSTER },
    { key: 'import', label: '导入花名册', hint: 'Excel 表格', url: url.import, order: 50, permission: 'roster.import' },
    { key: 'roles', label: '角色管理', hint: '楼栋长、委员', url: url.roles, order: 60, permission: 'role.view' },
  ],
  shortcuts: [
    {
      key: 'approvals',
      label: '审核绑定申请',
      url: url.approvals,
      order: 30,
      permission: 'binding.decide',
      badge: (me) => me.approvalsWaiting,
    },
    { key: 'roster', label: '楼栋花名册', url: url.roster, order: 40, permission: ROSTER },
    { key: 'import', label: '导入花名册', url: url.import, order: 50, permission: 'roster.import' },
  ],
});
