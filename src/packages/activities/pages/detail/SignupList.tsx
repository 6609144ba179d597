/** 接龙名单: everyone in order (候补 numbered apart), hours once checked out; organisers tick and correct. */
import { View } from '@tarojs/components';
import type { ActivityDetail } from '@core/activities/contract';
import { formatMinutes } from '@core/activities/rules';
import Btn from '@/components/Btn';
import type { ActivityPageState } from './useActivityPage';

export default function SignupList({ d, p }: { d: ActivityDetail; p: ActivityPageState }) {
  return (
    <View className='card act-list'>
      <View className='card__title'>
        接龙名单（{d.confirmed} 人已报名{d.waiting ? `，${d.waiting} 人候补` : ''}）
      </View>
      {d.list.length === 0 ? <View className='muted'>还没有人报名，欢迎第一个接龙。</View> : null}
      {d.list.map((r) => (
        <View key={r.personId} className={`act-row act-person${r.status === 'waitlisted' ? ' act-row--wait' : ''}`}>
          <View className='act-row__no'>
            {r.status === 'waitlisted' ? `候${r.no - (d.slots.find((s) => s.key === r.slotKey)?.capacity ?? 0)}` : r.no}
          </View>
          <View className='act-row__name'>
            {r.name}
            {r.partyBadge ? <View className='party-badge'>党员</View> : null}
            {d.slots.length > 1 ? <View className='muted'>{d.slots.find((s) => s.key === r.slotKey)?.name}</View> : null}
          </View>
          <View className='act-row__side'>
            {typeof r.minutes === 'number' ? (
              <View className='act-minutes'>
                {formatMinutes(r.minutes)}
                {r.corrected ? '（已更正）' : ''}
              </View>
            ) : r.checkedInAt ? (
              <View>已签到</View>
            ) : null}
            {r.creditNote ? <View className='muted act-credit-note'>{r.creditNote}</View> : null}
            {d.canManage && r.status === 'confirmed' && !r.checkedInAt ? (
              <Btn size='small' className='act-tick-in' onClick={() => void p.mark(r.personId, 'in')}>
                签到
              </Btn>
            ) : null}
            {d.canManage && r.checkedInAt && !r.checkedOutAt ? (
              <Btn size='small' className='act-tick-out' onClick={() => void p.mark(r.personId, 'out')}>
                签退
              </Btn>
            ) : null}
            {d.canManage && !r.isMe && r.status === 'confirmed' && r.checkedOutAt ? (
              <Btn size='small' className='act-fix' onClick={() => p.startFix(r)}>
                更正
              </Btn>
            ) : null}
          </View>
        </View>
      ))}
      {d.moreWaiting ? <View className='muted act-more'>另有 {d.moreWaiting} 人候补（组织者可导出完整名单）</View> : null}
    </View>
  );
}
