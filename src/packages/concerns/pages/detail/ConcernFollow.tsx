/** 我也关心: how many neighbours care, the reader's own 关心, and the proposal to take it to the 议事厅. */
import { View } from '@tarojs/components';
import type { ConcernDetail } from '@core/concerns/contract';
import Btn from '@/components/Btn';
import type { ConcernDetailState } from './useConcernDetailPage';

export default function ConcernFollow({ c, p }: { c: ConcernDetail; p: ConcernDetailState }) {
  return (
    <View className='card concern-follow'>
      <View className='concern-follow__count'>{c.followers > 0 ? `${c.followers} 位邻居也关心` : '还没有邻居点“我也关心”'}</View>
      {c.following ? (
        <View className='muted concern-follow__done'>您已关心这件事</View>
      ) : c.canFollow ? (
        <Btn type='primary' block loading={p.busy} className='concern-follow-btn' onClick={p.follow}>
          我也关心
        </Btn>
      ) : null}
      {c.canPropose ? (
        <Btn block className='concern-propose' onClick={() => p.open('propose')}>
          这么多邻居关心，提交议事厅
        </Btn>
      ) : null}
    </View>
  );
}
