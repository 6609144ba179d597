/** One concern in a list: what, where (never a room), status, clock, 我也关心. */
import { View } from '@tarojs/components';
import type { ConcernListItem } from '@core/concerns/contract';
import { formatDateTime } from '@/utils/format';
import { openConcern } from '../logic';

export default function ConcernRow({ c, showNext }: { c: ConcernListItem; showNext?: boolean }) {
  return (
    <View
      className={`concern-row${c.overdue || c.escalated ? ' concern-row--hot' : ''}`}
      hoverClass='concern-row--hover'
      onClick={() => openConcern(c.id)}
    >
      <View className='concern-row__head'>
        {c.escalated && c.status === 'open' ? (
          <View className='concern-tag concern-tag--escalated'>已上报</View>
        ) : c.overdue ? (
          <View className='concern-tag concern-tag--overdue'>已超时</View>
        ) : null}
        {c.visibility === 'handlers' ? <View className='concern-tag concern-tag--private'>仅处理人</View> : null}
        <View className='concern-row__title'>{c.category}</View>
        <View className={`concern-status concern-status--${c.status}`}>{c.statusLabel}</View>
      </View>
      <View className='concern-row__place'>{c.placeLabel}</View>
      <View className='concern-row__text'>{showNext ? c.nextStep : c.excerpt}</View>
      <View className='concern-row__meta'>
        {formatDateTime(c.createdAt)}
        {c.followers > 0 ? ` · ${c.followers}位邻居也关心` : ''}
      </View>
    </View>
  );
}
