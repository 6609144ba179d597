/** 图片（可选）: the uploaded photos and 添加图片 (into the organiser's own folder), up to the limit. */
import { Image, View } from '@tarojs/components';
import { ACTIVITY_LIMITS as L } from '@core/activities/limits';
import Btn from '@/components/Btn';
import { toServiceError } from '@/services/cloud';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';

interface Props {
  images: UploadedFile[];
  setImages: (v: UploadedFile[]) => void;
  setError: (message: string) => void;
}

export default function ImagesField({ images, setImages, setError }: Props) {
  return (
    <View className='field'>
      <View className='field__label'>图片（可选）</View>
      <View className='act-tags'>
        {images.map((i) => (
          <Image key={i.fileID} src={i.url} style={{ width: '80px', height: '80px' }} mode='aspectFill' />
        ))}
      </View>
      {images.length < L.images ? (
        <Btn
          size='small'
          onClick={async () => {
            try {
              setImages([...images, ...(await pickAndUploadImages('activities', L.images - images.length))]);
            } catch (e) {
              setError(toServiceError(e).message);
            }
          }}
        >
          添加图片
        </Btn>
      ) : null}
    </View>
  );
}
