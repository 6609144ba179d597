/** The concern itself: status, where, the next step, what was raised with its photos, who and when, and a merge link. */
import { View } from '@tarojs/components';
import type { ConcernDetail } from '@core/concerns/contract';
import { formatDateTime } from '@/utils/format';
import { openConcern } from '../../logic';
import ConcernPhotos from './ConcernPhotos';

export default function ConcernHead({ c }: { c: ConcernDetail }) {
  return (
    <View className='card concern-head'>
      <View className='concern-row__head'>
        {c.escalated && c.status === 'open' ? (
          <View className='concern-tag concern-tag--escalated'>已上报党支部</View>
        ) : c.overdue ? (
          <View className='concern-tag concern-tag--overdue'>已超时</View>
        ) : null}
        <View className='concern-row__title'>{c.category}</View>
        <View className={`concern-status concern-status--${c.status} concern-detail__status`}>{c.statusLabel}</View>
      </View>
      <View className='concern-row__place'>
        {c.placeLabel}
        {c.visibility === 'handlers' ? ' · 仅处理人可见' : ' · 公开'}
      </View>
      <View className='banner banner--info'>{c.nextStep}</View>
      <View className='concern-block concern-description'>{c.description}</View>
      <ConcernPhotos list={c.photos} />
      <View className='concern-row__meta'>
        {c.raiserName ? `反映人：${c.raiserName}（${c.homeLabel}） · ` : ''}
        {c.raisedBy && !c.raiserName ? `代为登记：${c.raisedBy} · ` : ''}
        {formatDateTime(c.createdAt)}
        {c.dueAt ? ` · 答复时限 ${formatDateTime(c.dueAt)}` : ''}
      </View>
      {c.mergedIntoId ? (
        <View className='concern-link' onClick={() => openConcern(c.mergedIntoId!)}>
          已合并到相同的民情，点此查看进展 ›
        </View>
      ) : null}
    </View>
  );
}
