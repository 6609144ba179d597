/** 报名情况: each slot's places, the reader's place in line, and sign up / check in / check out / cancel. */
import { Input, View } from '@tarojs/components';
import type { ActivityDetail } from '@core/activities/contract';
import Btn from '@/components/Btn';
import { isWeapp, type ActivityPageState } from './useActivityPage';

export default function SignupCard({ d, p }: { d: ActivityDetail; p: ActivityPageState }) {
  const { busy, code } = p;
  const mineText = d.mine
    ? d.mine.status === 'confirmed'
      ? `您已报名（第${d.mine.position}位）`
      : `您在候补第${d.mine.position}位，有人取消时按顺序转正`
    : '';
  return (
    <View className='card act-signup'>
      <View className='card__title'>报名情况</View>
      {d.slots.map((s) => (
        <View key={s.key} className='act-row act-slot'>
          <View className='act-row__name'>
            {s.name} × {s.capacity}
          </View>
          <View className='act-row__side'>
            已报 {s.confirmed}
            {s.waiting ? ` · 候补 ${s.waiting}` : ''}
            {s.left ? ` · 余 ${s.left}` : ' · 已满'}
          </View>
        </View>
      ))}
      {mineText ? <View className='banner banner--info act-mine'>{mineText}</View> : null}
      {d.joinProblem && !d.mine ? <View className='note act-problem'>{d.joinProblem}</View> : null}
      <View className='stack'>
        {d.canJoin
          ? d.slots.map((s) => (
              <Btn
                key={s.key}
                type='primary'
                block
                loading={busy}
                className={`act-join act-join--${s.key}`}
                onClick={() => void p.signUp(d.slots.length > 1 ? s.key : undefined)}
              >
                {s.left > 0 ? '我要报名' : '报名候补'}
                {d.slots.length > 1 ? `（${s.name}）` : ''}
              </Btn>
            ))
          : null}
        {d.canCheckIn ? (
          <View className='act-checkin'>
            {isWeapp && !code ? (
              <Btn type='primary' block onClick={() => void p.scan()}>
                扫码签到
              </Btn>
            ) : (
              <View className='field'>
                <View className='field__label'>签到码（组织者出示）</View>
                <Input
                  className='field__input act-code-input'
                  value={code}
                  maxlength={16}
                  placeholder='输入8位签到码'
                  onInput={(e) => p.setCode(e.detail.value.trim())}
                />
                <Btn type='primary' block loading={busy} className='act-checkin-btn' onClick={() => void p.checkIn()}>
                  签到
                </Btn>
              </View>
            )}
          </View>
        ) : null}
        {d.canCheckOut ? (
          <Btn type='primary' block loading={busy} className='act-checkout-btn' onClick={() => void p.checkOut()}>
            签退
          </Btn>
        ) : null}
        {d.canCancel ? (
          <Btn block loading={busy} className='act-cancel' onClick={() => void p.cancelSignup()}>
            取消报名
          </Btn>
        ) : null}
      </View>
    </View>
  );
}
