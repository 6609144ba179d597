/** 名额: one number (满了以后可以候补), or places by role (文明劝导员 × 5), a role added or removed at a time. */
import { Input, View } from '@tarojs/components';
import { ACTIVITY_LIMITS as L } from '@core/activities/limits';
import Btn from '@/components/Btn';
import type { SlotDraft } from './useActivityCreatePage';

interface Props {
  capacity: string;
  setCapacity: (v: string) => void;
  slots: SlotDraft[];
  setSlots: (v: SlotDraft[]) => void;
}

export default function SlotsField({ capacity, setCapacity, slots, setSlots }: Props) {
  return (
    <>
      {slots.length === 0 ? (
        <View className='field'>
          <View className='field__label'>名额（满了以后可以候补）</View>
          <Input className='field__input act-capacity-input' type='number' value={capacity} onInput={(e) => setCapacity(e.detail.value)} />
        </View>
      ) : null}
      {slots.map((s, i) => (
        <View key={i} className='field act-slot-row'>
          <View className='field__label'>岗位 {i + 1}</View>
          <Input
            className='field__input'
            value={s.name}
            maxlength={L.slotName}
            placeholder='例如：文明劝导员'
            onInput={(e) => setSlots(slots.map((x, j) => (j === i ? { ...x, name: e.detail.value } : x)))}
          />
          <Input
            className='field__input'
            type='number'
            value={s.capacity}
            placeholder='人数'
            onInput={(e) => setSlots(slots.map((x, j) => (j === i ? { ...x, capacity: e.detail.value } : x)))}
          />
        </View>
      ))}
      <View className='actions'>
        {slots.length < L.slots ? (
          <Btn size='small' onClick={() => setSlots([...slots, { name: '', capacity: '5' }])}>
            按岗位设名额
          </Btn>
        ) : null}
        {slots.length ? (
          <Btn size='small' onClick={() => setSlots(slots.slice(0, -1))}>
            去掉一个岗位
          </Btn>
        ) : null}
      </View>
    </>
  );
}
