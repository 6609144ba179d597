/**
 * One 挪车 request, as the caller's own view (the function decides which):
 * - the person who asked: the plate masked, the status and 已解决 — nothing about the owner;
 * - the owner's household: the plate, the reason and photo, 我已处理 and 举报骚扰 — not who asked;
 * - the building lead or the property office it was forwarded to: the room and 打电话.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import type { MoveRequestView } from '@core/vehicles/contract';
import type { MoveAction } from '@core/vehicles/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { confirmAction } from '@/store/confirm';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';
import '../../common.scss';

const ACTION: Record<MoveAction, { label: string; done: string; ask?: string }> = {
  handle: { label: '我已处理', done: '已告诉对方：车主已处理' },
  unreachable: { label: '联系不上车主', done: '已记录：无法联系', ask: '确认联系不上车主吗？提醒人会看到“无法联系”。' },
  resolve: { label: '已解决', done: '谢谢您的提醒' },
  report: { label: '这是骚扰，举报', done: '已举报，物业会看到', ask: '确认这条提醒是骚扰吗？物业会看到提醒次数多或被举报的人。' },
};

export default function MoveDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const remote = useRemote<MoveRequestView>(() => api('vehicles').call('vehicles.get', { requestId: id }), [id], { refreshOnShow: true });
  const [busy, setBusy] = useState<MoveAction | null>(null);
  const v = remote.data;

  async function act(a: MoveAction) {
    if (
      ACTION[a].ask &&
      !(await confirmAction({ title: ACTION[a].label, content: ACTION[a].ask!, confirmText: '确定', cancelText: '再想想' }))
    )
      return;
    setBusy(a);
    try {
      const next = await api('vehicles').call(`vehicles.${a}` as 'vehicles.handle', { requestId: id });
      remote.setData(next);
      void Taro.showToast({ title: ACTION[a].done, icon: 'none' });
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  }

  if (!v) {
    return (
      <PageShell className='move-detail'>
        <StateView {...remote.state} />
      </PageShell>
    );
  }
  const photo =
    v.photo && v.photo.url ? (
      <Image className='move-photo' src={v.photo.url} mode='aspectFill' />
    ) : v.photo ? (
      <View className='move-note'>照片正在安全检测，通过后显示</View>
    ) : null;
  return (
    <PageShell className={`move-detail move-detail--${v.as}`}>
      <View className='card'>
        <View className={`move-status move-status--${v.status}`}>{v.statusLabel}</View>
        {v.as === 'requester' ? <View className='move-hint'>{v.hint}</View> : null}
        {v.as === 'household' && (v.status === 'notified' || v.status === 'forwarded') ? (
          <View className='move-hint'>有邻居提醒您挪车。处理好后请点“我已处理”，对方会看到。</View>
        ) : null}
      </View>
      <View className='card'>
        <View className='move-plate'>{v.as === 'requester' ? v.plateMasked : v.plateLabel}</View>
        <View className='move-line'>原因：{v.reason}</View>
        {v.note ? <View className='move-line'>说明：{v.note}</View> : null}
        <View className='move-note'>{formatDateTime(v.createdAt)}</View>
        {photo}
      </View>
      {v.as === 'responder' ? (
        <View className='card move-responder'>
          <View className='card__title'>{v.homeLabel ? `车主房屋：${v.compoundName} ${v.homeLabel}` : '这个车牌没有登记'}</View>
          {v.contacts.map((c, i) => (
            <View key={i} className='move-contact'>
              <View>{c.name}</View>
              {c.phone ? (
                <Btn
                  size='small'
                  type='ghost'
                  className='move-call'
                  onClick={() => void Taro.makePhoneCall({ phoneNumber: c.phone! }).catch(() => undefined)}
                >
                  打电话
                </Btn>
              ) : (
                <View className='move-note'>未同意电话联系，请上门告知</View>
              )}
            </View>
          ))}
          {v.homeLabel && v.contacts.length === 0 ? <View className='move-note'>这户没有绑定的住户，请上门告知。</View> : null}
          {!v.homeLabel ? <View className='move-note'>请到现场查看，或在小区群里请车主联系物业。</View> : null}
          <View className='move-note'>提醒人的身份不显示给任何人。</View>
        </View>
      ) : null}
      {v.as === 'household' && v.reported ? <View className='banner banner--info'>您已举报这条提醒，物业会看到。</View> : null}
      {v.actions.length ? (
        <View className='move-actions'>
          {v.actions.map((a) => (
            <Btn
              key={a}
              type={a === 'report' ? 'default' : a === 'unreachable' ? 'default' : 'primary'}
              block
              loading={busy === a}
              disabled={!!busy}
              className={`move-act-${a}`}
              onClick={() => void act(a)}
            >
              {ACTION[a].label}
            </Btn>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
