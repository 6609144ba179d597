/** activities registers: its pages, the 志愿活动 card on 首页, and its 服务 / shortcut entries. */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { ACTIVITY_ROUTES } from './routes';
import { ActivitiesCard } from './homeCards';

const url = routePaths(ACTIVITY_ROUTES);
/** Activities are for people with a home in a compound (or a role there). */
const involved = ({ me }: { me: { homes: unknown[]; roles: unknown[] } }) => me.homes.length > 0 || me.roles.length > 0;
const withHome = ({ me }: { me: { homes: unknown[] } }) => me.homes.length > 0;

export const activitiesFeature = defineFeature({
  name: 'activities',
  routes: ACTIVITY_ROUTES,
  homeCards: [{ key: 'activities', order: 20, Component: ActivitiesCard, when: involved }],
  services: [
    { key: 'activities', label: '志愿活动', hint: '报名、签到', url: url.activityList, order: 15, when: withHome },
    { key: 'volunteer-hours', label: '志愿时长', hint: '个人、楼栋、小区', url: url.activityHours, order: 16, when: withHome },
    { key: 'neighbour-service', label: '邻里服务', hint: '求助、登记技能', url: url.neighbourService, order: 18, when: withHome },
    {
      key: 'service-teams',
      label: '服务队管理',
      hint: '教师、医生、律师',
      url: url.serviceTeams,
      order: 19,
      permission: 'serviceTeam.manage',
    },
    { key: 'activity-create', label: '发起活动', hint: '接龙报名', url: url.activityCreate, order: 17, permission: 'activity.create' },
  ],
  shortcuts: [{ key: 'activity-create', label: '发起志愿活动', url: url.activityCreate, order: 5, permission: 'activity.create' }],
});
