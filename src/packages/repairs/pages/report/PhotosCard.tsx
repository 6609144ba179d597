/** 照片: up to the limit, each removable, with why they help. */
import { View } from '@tarojs/components';
import { REPAIR_LIMITS } from '@core/repairs/rules';
import { PhotoPicker, type PhotoUpload } from '../../components/PhotoPicker';

export function PhotosCard({ upload }: { upload: PhotoUpload }) {
  return (
    <View className='card'>
      <View className='field__label report-label'>
        照片
        <View className='report-count'>
          {upload.photos.length}/{REPAIR_LIMITS.photos}
        </View>
      </View>
      <PhotoPicker upload={upload} canAdd={upload.photos.length < REPAIR_LIMITS.photos} addClassName='report-add-photo' addLabel='＋' />
      <View className='repair-note'>拍清楚坏的地方，师傅可以提前带好工具和配件。</View>
    </View>
  );
}
