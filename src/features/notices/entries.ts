/**
 * notices registers: its pages, the 首页 cards (unread notices, urgent first; my
 * notices' read progress for those who post) and the 发布通知 entry (grid and
 * shortcut) for those who may post.
 */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { NOTICE_ROUTES } from './routes';
import { MyNoticesProgressCard, UnreadNoticesCard } from './homeCards';

const url = routePaths(NOTICE_ROUTES);

export const noticesFeature = defineFeature({
  name: 'notices',
  routes: NOTICE_ROUTES,
  homeCards: [
    // Only for someone who receives notices: a home or a role (not while a bind request waits).
    {
      key: 'notices-unread',
      order: 5,
      Component: UnreadNoticesCard,
      when: (v) => v.me.registered && (v.me.homes.length > 0 || v.me.roles.length > 0),
    },
    { key: 'notices-mine', order: 8, Component: MyNoticesProgressCard, permission: 'notice.post' },
  ],
  services: [{ key: 'notice-post', label: '发布通知', hint: '楼栋群、全小区', url: url.noticePost, order: 0, permission: 'notice.post' }],
  shortcuts: [{ key: 'notice-post', label: '发布通知', url: url.noticePost, order: 0, permission: 'notice.post' }],
});
