/** 图片: the notice's images, each removable, and the add tile where uploads work (a notice with images waits for their check). */
import { Image, View } from '@tarojs/components';
import { NOTICE_LIMITS } from '@core/notices/limits';
import { canUploadImages } from '@/services/notices';
import { CountLabel } from './CountLabel';
import type { PostNoticePage } from './usePostNoticePage';

export function ImagesCard({ images }: { images: PostNoticePage['images'] }) {
  const { list, setImages, uploading } = images;
  return (
    <View className='card post-images-card'>
      <CountLabel label='图片' count={list.length} max={NOTICE_LIMITS.images} />
      {list.length > 0 || canUploadImages ? (
        <View className='post-images'>
          {list.map((img, i) => (
            <View key={img.fileID} className='post-image'>
              <Image className='post-image__img' src={img.url} mode='aspectFill' />
              <View className='post-image__remove' onClick={() => setImages((prev) => prev.filter((_, j) => j !== i))}>
                ×
              </View>
            </View>
          ))}
          {canUploadImages && list.length < NOTICE_LIMITS.images ? (
            <View className='post-image post-image--add' onClick={uploading ? undefined : () => void images.add()}>
              {uploading ? '上传中…' : '＋'}
            </View>
          ) : null}
        </View>
      ) : null}
      {canUploadImages ? (
        <View className='note'>有图片的通知要等图片审核通过后才发布。</View>
      ) : (
        <View className='note post-images-note'>图片上传仅在微信中可用</View>
      )}
    </View>
  );
}
