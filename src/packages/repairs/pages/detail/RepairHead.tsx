/** The repair's head card: what and where, status, the next step in words, the description and photos, who and when, its clocks and where it was merged. */
import { View } from '@tarojs/components';
import type { RepairDetail } from '@core/repairs/contract';
import { formatDateTime } from '@/utils/format';
import { openRepair } from '../../logic';
import { Photos } from './Photos';

export function RepairHead({ r }: { r: RepairDetail }) {
  return (
    <View className='card repair-head'>
      <View className='repair-head__top'>
        {r.urgent ? <View className='repair-tag repair-tag--urgent'>紧急</View> : null}
        {r.overdue ? <View className='repair-tag repair-tag--overdue'>已超时</View> : null}
        <View className='repair-head__title'>{r.category}</View>
        <View className={`repair-status repair-status--${r.status} repair-detail__status`}>{r.statusLabel}</View>
      </View>
      <View className='repair-head__place'>{r.placeLabel}</View>
      <View className='banner banner--info repair-next'>{r.nextStep}</View>
      <View className='repair-head__desc'>{r.description}</View>
      <Photos list={r.photos} />
      <View className='repair-head__meta'>
        {r.access === 'full' && r.reporterName ? `报修人：${r.reporterName} · ` : ''}
        {formatDateTime(r.createdAt)}
        {r.contactName ? ` · 联系人 ${r.contactName}` : ''}
        {r.contactPhone ? ` · 电话 ${r.contactPhone}` : ''}
      </View>
      {r.showClocks ? (
        <View className='repair-clock'>
          <View className={r.acceptLate ? 'repair-clock--late' : ''}>
            受理时限 {formatDateTime(r.acceptDueAt)}
            {r.acceptedAt ? `（${formatDateTime(r.acceptedAt)} 已受理）` : ''}
          </View>
          <View className={r.finishLate ? 'repair-clock--late' : ''}>
            完工时限 {formatDateTime(r.finishDueAt)}
            {r.doneAt ? `（${formatDateTime(r.doneAt)} 已完工）` : ''}
          </View>
        </View>
      ) : null}
      {r.mergedIntoId ? (
        <View className='repair-merged' onClick={() => openRepair(r.mergedIntoId!)}>
          已合并到同一问题的报修，点此查看进度 ›
        </View>
      ) : null}
    </View>
  );
}
