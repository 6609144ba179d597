/**
 * The form of the topic's next step (the only one offered: the function refuses any
 * other). 通报 publishes a material with its photos, uploaded to the handler's own
 * folder and checked by WeChat before anyone else sees them.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Switch, Textarea, View } from '@tarojs/components';
import type { TopicStage } from '@core/concerns/rules';
import { CONCERN_LIMITS } from '@core/concerns/limits';
import Btn from '@/components/Btn';
import { toServiceError } from '@/services/cloud';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import PhotoGrid from '../../components/PhotoGrid';

interface Props {
  stage: TopicStage;
  f: Record<string, string>;
  set: (k: string) => (e: { detail: { value: string } }) => void;
  art278: boolean;
  setArt278: (on: boolean) => void;
  photos: UploadedFile[];
  setPhotos: (update: (prev: UploadedFile[]) => UploadedFile[]) => void;
}

function Photos(props: Pick<Props, 'photos' | 'setPhotos'>) {
  const [uploading, setUploading] = useState(false);
  async function add() {
    setUploading(true);
    try {
      const added = await pickAndUploadImages('concerns', CONCERN_LIMITS.materials - props.photos.length);
      props.setPhotos((prev) => [...prev, ...added].slice(0, CONCERN_LIMITS.materials));
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setUploading(false);
    }
  }
  return (
    <View className='field'>
      <PhotoGrid photos={props.photos} photoClassName='step-photo' />
      {props.photos.length < CONCERN_LIMITS.materials ? (
        <Btn size='small' loading={uploading} className='step-add-photo' onClick={() => void add()}>
          添加材料照片（最多{CONCERN_LIMITS.materials}张）
        </Btn>
      ) : null}
    </View>
  );
}

export default function StepForm(props: Props) {
  return (
    <View>
      {props.stage === 'brief' ? (
        <View>
          <View className='field'>
            <View className='field__label'>材料名称</View>
            <Input
              className='field__input step-material'
              value={props.f.materialTitle}
              onInput={props.set('materialTitle')}
              placeholder='例如：车棚选址方案和报价'
            />
          </View>
          <Photos photos={props.photos} setPhotos={props.setPhotos} />
          <View className='field'>
            <View className='field__label'>议事会时间</View>
            <Input
              className='field__input step-meeting-at'
              value={props.f.meetingAt}
              onInput={props.set('meetingAt')}
              placeholder='2026-12-10 19:00'
            />
          </View>
          <View className='field'>
            <View className='field__label'>地点</View>
            <Input
              className='field__input step-place'
              value={props.f.place}
              onInput={props.set('place')}
              placeholder='例如：小区议事厅（物业楼二楼）'
            />
          </View>
        </View>
      ) : null}
      {props.stage === 'consult' ? (
        <View>
          <View className='field'>
            <View className='field__label'>参会人员（按身份和楼栋）</View>
            <Textarea className='field__textarea step-participants' value={props.f.participants} onInput={props.set('participants')} />
          </View>
          <View className='field'>
            <View className='field__label'>会议记录</View>
            <Textarea className='field__textarea step-minutes' value={props.f.minutes} onInput={props.set('minutes')} />
          </View>
          <View className='field'>
            <View className='field__label'>协商意见</View>
            <Textarea className='field__textarea step-opinion' value={props.f.opinion} onInput={props.set('opinion')} />
          </View>
          <View className='row'>
            <View className='row__main'>涉及共有部分，须业主表决</View>
            <Switch className='step-art278' checked={props.art278} onChange={(e) => props.setArt278(e.detail.value)} />
          </View>
          {props.art278 ? (
            <View className='field'>
              <View className='field__label'>理由</View>
              <Textarea className='field__textarea step-reason' value={props.f.reason} onInput={props.set('reason')} />
            </View>
          ) : null}
        </View>
      ) : null}
      {props.stage === 'publicize' ? (
        <View className='field'>
          <View className='field__label'>公示天数</View>
          <Input className='field__input step-days' type='number' value={props.f.objectionDays} onInput={props.set('objectionDays')} />
        </View>
      ) : null}
      {props.stage === 'feedback' ? (
        <View className='field'>
          <View className='field__label'>实施情况</View>
          <Textarea className='field__textarea step-report' value={props.f.report} onInput={props.set('report')} />
        </View>
      ) : null}
    </View>
  );
}
