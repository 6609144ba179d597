/**
 * 首页's community card, from home.get's one call: for the office, its compounds of the
 * last complete month with the model marked; for a compound's branch or committee,
 * this month's 示范创建 (own 六有 self-assessment, compounds still to rate).
 */
import { View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import type { HomeCards } from '@core/home';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { COMMUNITY_ROUTES } from './routes';

const ROUTES = routePaths(COMMUNITY_ROUTES);

export default function CommunityCard({ cards }: { me: Me; cards: HomeCards }) {
  const d = cards.community.ok ? cards.community.data : undefined;
  if (cards.community.ok && !d) return null;
  const office = d?.office;
  const compound = d?.compound;
  return (
    <View className='card home-community'>
      <View className='card__title'>{compound && !office ? '示范创建' : '互看互比'}</View>
      {!cards.community.ok ? <View className='muted'>{cards.community.error.message}</View> : null}
      {office ? (
        <View className='row row--link home-community-office' onClick={() => go(ROUTES.communityOverview)}>
          <View className='row__main'>
            <View className='row__title'>{`${office.communityName} ${office.compounds} 个小区`}</View>
            <View className='row__sub'>{`${office.period} 月数据，示范小区：${office.modelName ?? '未设'}`}</View>
          </View>
          <View className='row__side'>查看</View>
        </View>
      ) : null}
      {compound ? (
        <View
          className='row row--link home-community-compound'
          onClick={() => go(`${ROUTES.communityScorecard}?compoundId=${encodeURIComponent(compound.compoundId)}`)}
        >
          <View className='row__main'>
            <View className='row__title'>{`${compound.name} ${compound.period} 六有自评：${compound.assessed ? '已填写' : '待填写'}`}</View>
            <View className='row__sub'>{compound.toRate ? `还有 ${compound.toRate} 个小区待互评` : '本月互评已完成'}</View>
          </View>
          <View className='row__side'>{compound.assessed ? '查看' : '去填写'}</View>
        </View>
      ) : null}
    </View>
  );
}
