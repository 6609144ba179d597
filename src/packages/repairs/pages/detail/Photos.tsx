/** A repair's or a step's photos: a tap opens them full size; one still being checked says so. */
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import type { RepairPhoto } from '@core/repairs/contract';

export function Photos({ list }: { list: RepairPhoto[] }) {
  if (!list.length) return null;
  const urls = list.filter((p) => p.url).map((p) => p.url);
  return (
    <View className='repair-photos'>
      {list.map((p) => (
        <View key={p.fileID} className='repair-photo' onClick={() => p.url && void Taro.previewImage({ urls, current: p.url })}>
          {p.url ? <Image className='repair-photo__img' src={p.url} mode='aspectFill' /> : null}
          {p.check === 'pending' ? <View className='repair-photo__badge'>审核中</View> : null}
        </View>
      ))}
    </View>
  );
}
