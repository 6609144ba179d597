/** A row of photo thumbnails (a topic's materials, a step's uploads). */
import { Image, View } from '@tarojs/components';

interface Props {
  photos: { fileID: string; url: string }[];
  /** Added to the grid's class (concern-photos). */
  className?: string;
  /** Added to each photo's class (concern-photo). */
  photoClassName?: string;
}

export default function PhotoGrid({ photos, className, photoClassName }: Props) {
  return (
    <View className={className ? `concern-photos ${className}` : 'concern-photos'}>
      {photos.map((p) => (
        <View key={p.fileID} className={photoClassName ? `concern-photo ${photoClassName}` : 'concern-photo'}>
          <Image className='concern-photo__img' src={p.url} mode='aspectFill' />
        </View>
      ))}
    </View>
  );
}
