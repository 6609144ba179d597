/** 组织者: the day's check-in code, the list export, and 取消活动. */
import { Image, View } from '@tarojs/components';
import type { ActivityDetail } from '@core/activities/contract';
import Btn from '@/components/Btn';
import type { ActivityPageState } from './useActivityPage';

export default function OrganiserCard({ d, p }: { d: ActivityDetail; p: ActivityPageState }) {
  const { shown } = p;
  return (
    <View className='card act-manage'>
      <View className='card__title'>组织者</View>
      {shown ? (
        <View className='act-code'>
          <Image className='act-code__img' src={shown.imageUrl} />
          <View className='act-code__text act-code-text'>{shown.code}</View>
          <View className='note'>
            {shown.kind === 'svg' ? '本地演示：志愿者在活动页输入这个签到码' : '请志愿者用微信扫码签到'}（当天有效）
          </View>
        </View>
      ) : null}
      <View className='stack'>
        <Btn type='primary' block className='act-show-code' loading={p.busy} onClick={() => void p.showCode()}>
          出示签到码
        </Btn>
        <Btn block className='act-export' onClick={() => void p.exportList()}>
          导出报名名单（Excel）
        </Btn>
        {d.canCancelActivity ? (
          <Btn type='danger' block className='act-cancel-activity' onClick={p.startCancel}>
            取消活动
          </Btn>
        ) : null}
      </View>
    </View>
  );
}
