/** Photos being added to a report or a step: the thumbnails (× removes one) and the add tile, with its upload state. */
import { useState } from 'react';
import { Image, View } from '@tarojs/components';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { toServiceError } from '@/services/cloud';

/** Up to `max` photos uploaded into my own folder; a failed pick or upload goes to `onError` in words. */
export function usePhotoUpload(max: number, onError: (message: string) => void) {
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  async function add() {
    setUploading(true);
    try {
      const added = await pickAndUploadImages('repairs', max - photos.length);
      setPhotos((prev) => [...prev, ...added].slice(0, max));
    } catch (e) {
      onError(toServiceError(e).message);
    } finally {
      setUploading(false);
    }
  }
  const remove = (i: number) => setPhotos((prev) => prev.filter((_, j) => j !== i));
  return { photos, setPhotos, uploading, add, remove };
}

export type PhotoUpload = ReturnType<typeof usePhotoUpload>;

export function PhotoPicker({
  upload,
  canAdd,
  addClassName,
  addLabel,
}: {
  upload: PhotoUpload;
  canAdd: boolean;
  addClassName: string;
  addLabel: string;
}) {
  return (
    <View className='repair-photos'>
      {upload.photos.map((p, i) => (
        <View key={p.fileID} className='repair-photo'>
          <Image className='repair-photo__img' src={p.url} mode='aspectFill' />
          <View className='repair-photo__remove' onClick={() => upload.remove(i)}>
            ×
          </View>
        </View>
      ))}
      {canAdd ? (
        <View className={`repair-photo repair-photo--add ${addClassName}`} onClick={upload.uploading ? undefined : () => void upload.add()}>
          {upload.uploading ? '上传中…' : addLabel}
        </View>
      ) : null}
    </View>
  );
}
