/**
 * 我有话说: from my home, about my building or the compound, a category, what it is,
 * up to 6 photos (my own uploads, checked by WeChat), and how public: 公开 (neighbours
 * see it without my name) or 仅处理人可见. It goes to my building's 党员楼栋长 first.
 * A rejected text keeps the form as it was.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Textarea, View } from '@tarojs/components';
import type { ConcernPlaces } from '@core/concerns/contract';
import { CONCERN_LIMITS } from '@core/concerns/limits';
import { CONCERN_CATEGORIES, VISIBILITY_LABELS, type ConcernCategory, type Visibility } from '@core/concerns/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { api, toServiceError } from '@/services/cloud';
import { charCount } from '@/utils/text';
import { URL, subscribeConcerns } from '../../logic';
import '../../common.scss';

export default function RaisePage() {
  const places = useRemote<ConcernPlaces>(() => api('concerns').call('concerns.places', {}), []);
  const [homeId, setHomeId] = useState('');
  const [about, setAbout] = useState<'building' | 'compound'>('building');
  const [category, setCategory] = useState<ConcernCategory | ''>('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [visibility, setVisibility] = useState<Visibility | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const requestId = useRequestId([homeId, about, category, description, photos.map((p) => p.fileID), visibility]);
  const homes = places.data?.homes ?? [];
  useEffect(() => {
    if (!homeId && homes.length) setHomeId(homes[0].homeId);
  }, [homes.length]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!homes.length) {
    return (
      <PageShell className='concern-raise'>
        <StateView
          {...places.state}
          empty={!!places.data && { title: '绑定房屋后可以反映问题', text: '民情会先交给您所在楼栋的党员楼栋长。' }}
        />
      </PageShell>
    );
  }
  const home = homes.find((h) => h.homeId === homeId) ?? homes[0];

  async function addPhotos() {
    setUploading(true);
    try {
      const added = await pickAndUploadImages('concerns', CONCERN_LIMITS.photos - photos.length);
      setPhotos((prev) => [...prev, ...added].slice(0, CONCERN_LIMITS.photos));
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setUploading(false);
    }
  }

  async function submit() {
    setError(null);
    if (!category) return setError('请选择类别');
    if (!description.trim()) return setError('请说说是什么事');
    if (charCount(description) > CONCERN_LIMITS.description) return setError(`最多${CONCERN_LIMITS.description}个字`);
    if (!visibility) return setError('请选择公开或仅处理人可见');
    setSubmitting(true);
    try {
      await subscribeConcerns();
      const saved = await api('concerns').call('concerns.raise', {
        clientRequestId: requestId.id,
        homeId: home.homeId,
        about,
        category,
        description: description.trim(),
        photos: photos.map((p) => p.fileID),
        visibility,
      });
      requestId.renew();
      void Taro.showToast({ title: '已提交', icon: 'success' });
      Taro.redirectTo({ url: `${URL.concernDetail}?id=${encodeURIComponent(saved.id)}` });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <PageShell className='concern-raise'>
      <View className='banner banner--info'>
        您反映的事先交给{home.buildingName}的党员楼栋长；3天没有答复会上报小区党支部和业委会。处理结果由您说了算。
      </View>
      {homes.length > 1 ? (
        <View className='card'>
          <View className='card__title'>从哪一户反映</View>
          <Choice
            className='raise-homes'
            columns={1}
            options={homes.map((h) => ({ value: h.homeId, label: h.label }))}
            value={home.homeId}
            onChange={setHomeId}
          />
        </View>
      ) : null}
      <View className='card'>
        <View className='card__title'>关于</View>
        <Choice
          className='raise-about'
          columns={2}
          options={[
            { value: 'building' as const, label: `本楼（${home.buildingName}）` },
            { value: 'compound' as const, label: '整个小区' },
          ]}
          value={about}
          onChange={setAbout}
        />
      </View>
      <View className='card'>
        <View className='card__title'>类别</View>
        <Choice
          className='raise-categories'
          columns={3}
          options={CONCERN_CATEGORIES.map((c) => ({ value: c, label: c }))}
          value={category || null}
          onChange={setCategory}
        />
      </View>
      <View className='card'>
        <View className='card__title'>是什么事</View>
        <Textarea
          className='field__textarea raise-description'
          value={description}
          maxlength={CONCERN_LIMITS.description}
          placeholder='例如：楼道里有人给电动车充电，晚上很担心'
          onInput={(e) => setDescription(e.detail.value)}
        />
        <View className='concern-photos'>
          {photos.map((p) => (
            <View key={p.fileID} className='concern-photo'>
              <Image className='concern-photo__img' src={p.url} mode='aspectFill' />
            </View>
          ))}
        </View>
        {photos.length < CONCERN_LIMITS.photos ? (
          <Btn size='small' loading={uploading} className='raise-add-photo' onClick={() => void addPhotos()}>
            添加照片（最多{CONCERN_LIMITS.photos}张）
          </Btn>
        ) : null}
      </View>
      <View className='card'>
        <View className='card__title'>谁能看到</View>
        <Choice
          className='raise-visibility'
          columns={1}
          options={(['public', 'handlers'] as const).map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }))}
          value={visibility || null}
          onChange={setVisibility}
        />
        <View className='concern-note'>无论哪种，楼栋长、党支部和业委会处理时能看到是谁反映的；邻居永远看不到您的姓名和房号。</View>
      </View>
      {error ? <View className='form-error raise-error'>{error}</View> : null}
      <Btn type='primary' block loading={submitting} className='raise-submit' onClick={() => void submit()}>
        提交
      </Btn>
    </PageShell>
  );
}
