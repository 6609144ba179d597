/** Picking a home for a space or a charging session: the shared HomePicker, or the room typed. */
import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { PARKING_LIMITS, periodLabel } from '@core/fees/rules';
import Choice from '@/components/Choice';
import HomePicker from '@/components/HomePicker';

export const monthName = (p: string, now: string) => (p.slice(0, 4) === now.slice(0, 4) ? `${Number(p.slice(5))}月` : periodLabel(p));

export type HomeChoice = { homeId: string; label: string } | { room: string } | null;

export const homeInput = (h: HomeChoice) =>
  !h ? null : 'homeId' in h ? { homeId: h.homeId } : h.room.trim() ? { room: h.room.trim() } : null;

/** Building → unit → room from the directory (the shared HomePicker), or the room typed ("3栋2单元101"). */
export function HomePick(props: { compoundId: string; value: HomeChoice; onChange: (h: HomeChoice) => void; prefix: string }) {
  const [mode, setMode] = useState<'pick' | 'type'>('pick');
  return (
    <View className={`pk-home ${props.prefix}-home`}>
      <Choice
        className='pk-home-mode'
        columns={2}
        options={[
          { value: 'pick', label: '按楼栋选' },
          { value: 'type', label: '输入房号' },
        ]}
        value={mode}
        onChange={(m) => {
          setMode(m);
          props.onChange(null);
        }}
      />
      {mode === 'type' ? (
        <Input
          className='fees-field pk-room'
          placeholder='如 3栋2单元101'
          maxlength={PARKING_LIMITS.room}
          value={props.value && 'room' in props.value ? props.value.room : ''}
          onInput={(e) => props.onChange({ room: e.detail.value })}
        />
      ) : (
        <HomePicker
          compoundIds={[props.compoundId]}
          value={props.value && 'homeId' in props.value ? props.value : null}
          onChange={props.onChange}
          classPrefix='pk'
          pickedLabel='已选'
        />
      )}
    </View>
  );
}
