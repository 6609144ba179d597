/** notices registers: its pages and the 发布通知 entry (grid and shortcut) for those who may post. */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { NOTICE_ROUTES } from './routes';

const url = routePaths(NOTICE_ROUTES);

export const noticesFeature = defineFeature({
  name: 'notices',
  routes: NOTICE_ROUTES,
  homeCards: [],
  services: [{ key: 'notice-post', label: '发布通知', hint: '楼栋群、全小区', url: url.noticePost, order: 0, permission: 'notice.post' }],
  shortcuts: [{ key: 'notice-post', label: '发布通知', url: url.noticePost, order: 0, permission: 'notice.post' }],
});
