/**
 * 首页's 党支部 card, from the 首页's one call (home.get → party's card loader): a
 * member's households still to visit this month; the secretary's homes nobody is
 * assigned to and the branch book; a resident's open selection and their building's
 * lead (only a lead who chose 亮身份). Nothing when there is nothing to show.
 */
import { View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import type { HomeCards } from '@core/home';
import { formatYuan } from '@core/platform/units';
import { routePaths } from '@/features/route-table';
import { go } from '@/utils/nav';
import { PARTY_ROUTES } from './routes';

const url = routePaths(PARTY_ROUTES);
const RED = { color: '#b42318' };

export default function PartyCard({ cards }: { me: Me; cards: HomeCards }) {
  const d = cards.party.ok ? cards.party.data : undefined;
  if (!d || (!d.member && !d.secretary && !d.selection && !d.lead)) return null;
  return (
    <View className='card party-card'>
      <View className='card__title' style={RED}>
        党支部
      </View>
      {d.member ? (
        <View className='row row--link party-card__member' onClick={() => go(url.partyHouseholds)}>
          <View className='row__main'>
            <View className='row__title'>本月还要走访 {d.member.toVisit} 户</View>
            <View className='row__sub'>我包联 {d.member.households} 户</View>
          </View>
          <View className='row__side'>去走访 ›</View>
        </View>
      ) : null}
      {d.secretary ? (
        <View className='row row--link party-card__assign' onClick={() => go(url.partyAssign)}>
          <View className='row__main'>
            <View className='row__title'>尚未包联 {d.secretary.unassigned} 户</View>
            <View className='row__sub'>按楼栋、单元分配给党员</View>
          </View>
          <View className='row__side'>分配 ›</View>
        </View>
      ) : null}
      {d.secretary ? (
        <View className='row row--link party-card__book' onClick={() => go(url.partyBook)}>
          <View className='row__main'>
            <View className='row__title'>支部经费结余 {formatYuan(d.secretary.balanceFen)}</View>
            <View className='row__sub'>{d.secretary.pending ? `${d.secretary.pending} 笔支出待另一位支委审核` : '与业主资金分开记账'}</View>
          </View>
          <View className='row__side'>账本 ›</View>
        </View>
      ) : null}
      {d.selection ? (
        <View
          className='row row--link party-card__selection'
          onClick={() => go(`${url.partySelection}?id=${encodeURIComponent(d.selection!.id)}`)}
        >
          <View className='row__main'>
            <View className='row__title'>{d.selection.title}</View>
            <View className='row__sub'>{d.selection.phaseLabel}</View>
          </View>
          <View className='row__side'>去看看 ›</View>
        </View>
      ) : null}
      {d.lead ? (
        <View className='row row--link party-card__lead' onClick={() => go(url.partyStructure)}>
          <View className='row__main'>
            <View className='row__title'>
              {d.lead.buildingName}党员楼栋长：{d.lead.name}
            </View>
            <View className='row__sub'>有事可在“我有话说”里找楼栋长</View>
          </View>
          <View className='row__side'>架构 ›</View>
        </View>
      ) : null}
    </View>
  );
}
