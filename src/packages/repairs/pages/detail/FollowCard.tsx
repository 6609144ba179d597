/** A common-area repair's 我也遇到: how many neighbours met it, and the button for one who has not said so yet. */
import { View } from '@tarojs/components';
import type { RepairDetail } from '@core/repairs/contract';
import Btn from '@/components/Btn';

export function FollowCard({ r, busy, onFollow }: { r: RepairDetail; busy: boolean; onFollow: () => void }) {
  return (
    <View className='card repair-follow'>
      <View className='repair-follow__count'>{r.followers > 0 ? `${r.followers} 位邻居也遇到` : '还没有邻居点“我也遇到”'}</View>
      {r.following ? (
        <View className='repair-follow__done'>您已点过“我也遇到”</View>
      ) : r.canFollow ? (
        <Btn type='primary' block loading={busy} className='repair-follow-btn' onClick={onFollow}>
          我也遇到
        </Btn>
      ) : null}
    </View>
  );
}
