/**
 * 挪车提醒: a neighbour picks or types a plate, a reason and (optionally) a photo.
 * The owner is told without learning who asked; the person asking never learns who
 * or where the owner is — the page says so before they send.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, View } from '@tarojs/components';
import type { MyVehicles } from '@core/vehicles/contract';
import { MOVE_REASONS, VEHICLE_LIMITS, guessKind, normalizePlate, type MoveReason } from '@core/vehicles/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { api, toServiceError } from '@/services/cloud';
import { URL, canChoosePlate, choosePlate, subscribeVehicles } from '../../logic';
import '../../common.scss';

export default function MoveRequestPage() {
  const mine = useRemote<MyVehicles>(() => api('vehicles').call('vehicles.mine', {}), []);
  const [compoundId, setCompoundId] = useState('');
  const [plate, setPlate] = useState('');
  const [reason, setReason] = useState<MoveReason | ''>('');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [sending, setSending] = useState(false);
  const compounds = mine.data?.compounds ?? [];
  const cid = compoundId || compounds[0]?.compoundId || '';
  const requestId = useRequestId([cid, normalizePlate(plate), reason, note.trim(), photos.map((p) => p.fileID)]);

  if (!mine.data || compounds.length === 0) {
    return (
      <PageShell className='move-request'>
        <StateView
          {...mine.state}
          empty={!!mine.data && { title: '绑定房屋后可以发送挪车提醒', text: '挪车提醒只发给本小区登记了车牌的住户。' }}
        />
      </PageShell>
    );
  }

  async function pick() {
    const p = await choosePlate();
    if (p) setPlate(p);
  }
  async function addPhoto() {
    setUploading(true);
    try {
      setPhotos((await pickAndUploadImages('vehicles', VEHICLE_LIMITS.photos)).slice(0, VEHICLE_LIMITS.photos));
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setUploading(false);
    }
  }
  async function send() {
    setError(null);
    const p = normalizePlate(plate);
    if (!p) return setError('请填写车牌号');
    if (!guessKind(p)) return setError('车牌号格式不对，应如 闽E12345（新能源 闽ED12345）');
    if (!reason) return setError('请选择原因');
    setSending(true);
    try {
      // A tap grants one message: the status (车主已处理) can reach the person asking.
      await subscribeVehicles();
      const saved = await api('vehicles').call('vehicles.request', {
        clientRequestId: requestId.id,
        compoundId: cid,
        plate: p,
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
        photos: photos.map((x) => x.fileID),
      });
      requestId.renew();
      void Taro.showToast({ title: '已发送', icon: 'success' });
      Taro.redirectTo({ url: `${URL.moveDetail}?id=${encodeURIComponent(saved.id)}` });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setSending(false);
    }
  }

  return (
    <PageShell className='move-request'>
      <View className='banner banner--info'>
        车主会收到提醒，但看不到您是谁；您也看不到车主的姓名、房号和电话。车主收不到时，由楼栋长或物业上门告知。
      </View>
      {compounds.length > 1 ? (
        <View className='card'>
          <View className='card__title'>哪个小区</View>
          <Choice
            columns={2}
            options={compounds.map((c) => ({ value: c.compoundId, label: c.name }))}
            value={cid}
            onChange={setCompoundId}
          />
        </View>
      ) : null}
      <View className='card'>
        <View className='card__title'>车牌号</View>
        <View className='plate-row'>
          <Input
            className='field__input plate-row__input move-plate-input'
            value={plate}
            maxlength={12}
            placeholder='如 闽E12345'
            onInput={(e) => setPlate(e.detail.value)}
          />
          {canChoosePlate ? (
            <Btn size='small' className='move-choose-plate' onClick={pick}>
              选择车牌
            </Btn>
          ) : null}
        </View>
        <View className='move-note'>汽车和电动车都可以。新能源车牌是8位。</View>
      </View>
      <View className='card'>
        <View className='card__title'>什么情况</View>
        <Choice
          className='move-reasons'
          columns={2}
          options={MOVE_REASONS.map((r) => ({ value: r, label: r }))}
          value={reason || null}
          onChange={setReason}
        />
        <View className='field'>
          <View className='field__label'>
            补充说明<View className='field__optional'>选填</View>
          </View>
          <Input
            className='field__input move-note-input'
            value={note}
            maxlength={VEHICLE_LIMITS.note}
            placeholder='如：挡住了3栋车库出口'
            onInput={(e) => setNote(e.detail.value)}
          />
        </View>
      </View>
      <View className='card'>
        <View className='field__label'>
          照片<View className='field__optional'>选填，1张</View>
        </View>
        {photos.length ? (
          <View>
            <Image className='move-photo' src={photos[0].url} mode='aspectFill' />
            <Btn size='small' className='move-photo-remove' onClick={() => setPhotos([])}>
              删除照片
            </Btn>
          </View>
        ) : (
          <Btn className='move-add-photo' disabled={uploading} onClick={addPhoto}>
            {uploading ? '上传中…' : '拍照或选图'}
          </Btn>
        )}
        <View className='move-note'>照片经过安全检测后车主才能看到。</View>
      </View>
      {error ? <View className='form-error move-error'>{error}</View> : null}
      <Btn type='primary' block loading={sending} disabled={uploading} className='move-send' onClick={send}>
        发送挪车提醒
      </Btn>
    </PageShell>
  );
}
