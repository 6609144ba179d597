/** Photo evidence: thumbnails that open full size; a photo still being checked says so; one without a link (gone) is left out. */
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import type { EvidencePhoto } from '@core/community/contract';

export default function Evidence(props: { photos: EvidencePhoto[]; className?: string }) {
  const photos = props.photos.filter((p) => p.url);
  const className = props.className;
  if (!photos.length) return null;
  const urls = photos.map((p) => p.url);
  return (
    <View className={`cm-photos ${className ?? ''}`}>
      {photos.map((p) => (
        <View key={p.fileID} className='cm-photo' onClick={() => void Taro.previewImage({ urls, current: p.url })}>
          <Image className='cm-photo__img' src={p.url} mode='aspectFill' />
          {p.check === 'pending' ? <View className='cm-photo__badge'>审核中</View> : null}
        </View>
      ))}
    </View>
  );
}
