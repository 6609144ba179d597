/** party registers: its pages, the 党支部 card on 首页, and its 服务 entries by permission or membership. */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { PARTY_ROUTES } from './routes';
import PartyCard from './PartyCard';

const url = routePaths(PARTY_ROUTES);
const member = (v: { me: { person?: { partyMember: boolean } } }) => !!v.me.person?.partyMember;
const resident = (v: { me: { homes: unknown[] } }) => v.me.homes.length > 0;

export const partyFeature = defineFeature({
  name: 'party',
  routes: PARTY_ROUTES,
  // The card decides what to show from its data (members, the secretary, residents); nothing when empty.
  homeCards: [{ key: 'party', order: 6, Component: PartyCard, when: (v) => resident(v) || member(v) }],
  services: [
    {
      key: 'party-households',
      label: '党员包联',
      hint: '我包联的住户、走访',
      url: url.partyHouseholds,
      order: 60,
      when: (v) => member(v) && resident(v),
    },
    { key: 'party-assign', label: '包联分配', hint: '按楼栋、单元分给党员', url: url.partyAssign, order: 61, permission: 'party.manage' },
    { key: 'party-members', label: '党员名册', hint: '添加、修改、结束', url: url.partyMembers, order: 61.5, permission: 'party.manage' },
    { key: 'party-reports', label: '走访统计', hint: '只看数字', url: url.partyReports, order: 62, permission: 'party.reports' },
    { key: 'party-book', label: '支部经费', hint: '支部自己的账', url: url.partyBook, order: 63, permission: 'party.book' },
    {
      key: 'party-book-member',
      label: '支部经费',
      hint: '支部自己的账',
      url: url.partyBook,
      order: 63,
      when: (v) => member(v) && resident(v),
    },
    { key: 'party-selections', label: '好邻居评选', hint: '提名、投票、荣誉榜', url: url.partySelections, order: 64, when: resident },
    { key: 'party-structure', label: '党组织架构', hint: '社区—支部—楼栋长', url: url.partyStructure, order: 65, when: resident },
  ],
  shortcuts: [],
});
