/** What the activity is: cancelled banner, tags, time, place, deadline, audience, organiser, text and checked images. */
import { Image, View } from '@tarojs/components';
import type { ActivityDetail } from '@core/activities/contract';
import { formatDateTime } from '@/utils/format';

export default function ActivityInfo({ d }: { d: ActivityDetail }) {
  return (
    <View className='card'>
      {d.cancelled ? (
        <View className='banner banner--warn act-cancelled'>
          <View className='act-cancelled__title'>活动已取消</View>
          {d.cancelled.byName} 于 {formatDateTime(d.cancelled.at)} 取消：{d.cancelled.reason}
        </View>
      ) : null}
      <View className='act-tags'>
        {d.partyOnly ? <View className='tag'>限党员</View> : null}
        {d.ended ? <View className='tag tag--grey'>已结束</View> : null}
      </View>
      <View className='act-title'>{d.title}</View>
      <View className='act-line'>
        时间：{formatDateTime(d.startAt)} 至 {formatDateTime(d.endAt).slice(11)}
      </View>
      <View className='act-line'>地点：{d.place}</View>
      <View className='act-line'>报名截止：{formatDateTime(d.deadline)}</View>
      <View className='act-line'>范围：{d.audienceLabel}</View>
      <View className='act-line'>组织者：{d.organiserName}</View>
      <View className='act-line act-description'>{d.description}</View>
      {d.images
        .filter((i) => i.url)
        .map((i) => (
          <Image key={i.fileID} src={i.url} mode='widthFix' style={{ width: '100%' }} />
        ))}
      {d.imagesChecking ? (
        <View className='note act-images-checking'>{d.imagesChecking} 张图片正在安全检测，通过后邻居才能看到</View>
      ) : null}
      {d.imagesRefused ? <View className='note act-images-refused'>{d.imagesRefused} 张图片未通过安全检测，不会展示</View> : null}
    </View>
  );
}
