/** One repair in a list: what, where, status, clock, followers. */
import { View } from '@tarojs/components';
import type { RepairListItem } from '@core/repairs/contract';
import { formatDateTime } from '@/utils/format';
import { openRepair } from '../logic';

export default function RepairRow({ r, showNext }: { r: RepairListItem; showNext?: boolean }) {
  return (
    <View
      className={`repair-row${r.overdue ? ' repair-row--overdue' : ''}`}
      hoverClass='repair-row--hover'
      onClick={() => openRepair(r.id)}
    >
      <View className='repair-row__head'>
        {r.urgent ? <View className='repair-tag repair-tag--urgent'>紧急</View> : null}
        {r.overdue ? <View className='repair-tag repair-tag--overdue'>已超时</View> : null}
        {r.urged ? <View className='repair-tag repair-tag--urged'>已催单</View> : null}
        <View className='repair-row__title'>{r.category}</View>
        <View className={`repair-status repair-status--${r.status}`}>{r.statusLabel}</View>
      </View>
      <View className='repair-row__place'>{r.placeLabel}</View>
      <View className='repair-row__text'>{showNext ? r.nextStep : r.excerpt}</View>
      <View className='repair-row__meta'>
        {formatDateTime(r.createdAt)}
        {r.assigneeName ? ` · 维修：${r.assigneeName}` : ''}
        {r.followers > 0 ? ` · ${r.followers}位邻居也遇到` : ''}
      </View>
    </View>
  );
}
