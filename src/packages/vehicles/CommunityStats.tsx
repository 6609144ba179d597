/**
 * 挪车 figures of every compound in the community, for the community office (it holds
 * vehicle.stats for the community, not for one compound): one call, counts only.
 */
import { View } from '@tarojs/components';
import { shanghaiMonth } from '@core/platform/period';
import StateView from '@/components/StateView';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';

export default function CommunityStats({ communityId }: { communityId: string }) {
  const s = useRemote(() => api('vehicles').call('vehicles.communityStats', { communityId, period: shanghaiMonth() }), [communityId]);
  const d = s.data;
  return (
    <StateView {...s.state} permission='vehicle.stats' permissionAction='查看挪车数据'>
      {d ? (
        <View>
          <View className='move-note'>
            {d.communityName} {d.period} 月挪车数据（只有次数，不含车主和房号）
          </View>
          {d.compounds.map((c) => (
            <View key={c.compoundId} className={`card move-stats move-stats-${c.compoundId}`}>
              <View className='card__title'>{c.compoundName}</View>
              <View className='move-line'>挪车提醒 {c.requests} 次</View>
              <View className='move-line'>车主处理用时（中位数）：{c.medianMinutes === null ? '—' : `${c.medianMinutes} 分钟`}</View>
              <View className='move-line'>
                转给物业或楼栋长：{c.forwardedPercent === null ? '—' : `${c.forwardedPercent}%`}（{c.forwarded} 次）
              </View>
            </View>
          ))}
          <View className='move-note'>提醒30天后删除，这里的次数保留。</View>
        </View>
      ) : null}
    </StateView>
  );
}
