/** A concern's photos: tap to preview; a photo WeChat is still checking shows 审核中 (its url is not out yet). */
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import type { ConcernPhoto } from '@core/concerns/contract';

export default function ConcernPhotos({ list }: { list: ConcernPhoto[] }) {
  if (!list.length) return null;
  const urls = list.filter((p) => p.url).map((p) => p.url);
  return (
    <View className='concern-photos'>
      {list.map((p) => (
        <View key={p.fileID} className='concern-photo' onClick={() => p.url && void Taro.previewImage({ urls, current: p.url })}>
          {p.url ? <Image className='concern-photo__img' src={p.url} mode='aspectFill' /> : null}
          {p.check === 'pending' ? <View className='concern-photo__badge'>审核中</View> : null}
        </View>
      ))}
    </View>
  );
}
