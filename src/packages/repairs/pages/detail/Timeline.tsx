/** 处理记录: every step with who, when, a note and photos. */
import { View } from '@tarojs/components';
import type { RepairDetail } from '@core/repairs/contract';
import { formatDateTime } from '@/utils/format';
import { Photos } from './Photos';

export function Timeline({ events }: { events: RepairDetail['events'] }) {
  return (
    <View className='card repair-timeline'>
      {events.map((e, i) => (
        <View key={i} className={`repair-event repair-event--${e.action}`}>
          <View className='repair-event__dot' />
          <View className='repair-event__body'>
            <View className='repair-event__label'>
              {e.label}
              {e.assigneeName ? ` → ${e.assigneeName}` : ''}
            </View>
            <View className='repair-event__meta'>
              {e.by} · {formatDateTime(e.at)}
            </View>
            {e.note ? <View className='repair-event__note'>{e.note}</View> : null}
            <Photos list={e.photos} />
          </View>
        </View>
      ))}
    </View>
  );
}
