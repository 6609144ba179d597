/** 首页's 互看互比 card for community staff: the compounds of the last complete month, the model marked. */
import { scopedGrants } from '@core/authz';
import { View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { COMMUNITY_ROUTES } from './routes';

const ROUTES = routePaths(COMMUNITY_ROUTES);

export default function CommunityCard({ me }: { me: Me }) {
  const communityId = scopedGrants(me.roles, 'community.overview')[0]?.communityId ?? '';
  const o = useRemote(() => api('community').call('overview.get', { communityId }), [communityId], { skip: !communityId });
  const data = o.data;
  return (
    <View className='card home-community' onClick={() => go(ROUTES.communityOverview)}>
      <View className='card__title'>互看互比</View>
      <View className='row row--link'>
        <View className='row__main'>
          <View className='row__title'>{data ? `${data.communityName} ${data.rows.length} 个小区` : '各小区数据'}</View>
          <View className='row__sub'>
            {data
              ? `${data.period} 月数据，示范小区：${data.rows.find((r) => r.model)?.name ?? '未设'}`
              : '收缴率、报修、通知知晓率等，对比示范小区'}
          </View>
        </View>
        <View className='row__side'>查看</View>
      </View>
    </View>
  );
}
