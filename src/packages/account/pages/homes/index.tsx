import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { RELATION_LABELS } from '@core/platform/roles';
import { formatArea } from '@core/platform/units';
import type { Me } from '@core/accounts/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { refreshMe, setMe } from '@/store/me';
import { formatDateTime, homeTitle } from '@/utils/format';
import { go } from '@/utils/nav';
import { ROUTES } from '@/routes';
import { confirmAction } from '@/store/confirm';

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  return confirmAction({ title, content, confirmText, cancelText: '再想想', danger: true });
}

export default function HomesPage() {
  const me = useRemote(refreshMe);
  const [busy, setBusy] = useState<string | null>(null);

  function update(next: (m: Me) => Me) {
    me.setData((prev) => {
      const value = next(prev as Me);
      setMe(value);
      return value;
    });
  }

  async function leave(homeId: string, title: string) {
    if (!(await confirm('解除绑定', `确定不再绑定 ${title} 吗？解除后将收不到该楼的通知。`, '解除绑定'))) return;
    setBusy(homeId);
    try {
      await api('accounts').call('binding.leave', { homeId });
      update((m) => ({ ...m, homes: m.homes.filter((h) => h.id !== homeId) }));
      Taro.showToast({ title: '已解除绑定', icon: 'success' });
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  }

  async function cancel(requestId: string, title: string) {
    if (!(await confirm('撤回申请', `撤回 ${title} 的绑定申请？`, '撤回'))) return;
    setBusy(requestId);
    try {
      await api('accounts').call('binding.cancel', { requestId });
      update((m) => ({ ...m, pendingRequests: m.pendingRequests.filter((r) => r.id !== requestId) }));
      Taro.showToast({ title: '已撤回', icon: 'success' });
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  }

  const data = me.data;
  return (
    <PageShell className='homes'>
      <StateView
        {...me.state}
        empty={
          !!data &&
          data.homes.length === 0 &&
          data.pendingRequests.length === 0 && {
            title: '还没有绑定房屋',
            text: '绑定后可以收到本楼通知、参加活动和表决。',
            action: { label: '绑定我的房屋', onClick: () => go(ROUTES.bind) },
          }
        }
      />
      {data && data.homes.length > 0 ? (
        <View>
          <View className='section-title'>已绑定</View>
          {data.homes.map((h) => (
            <View key={h.id} className='card homes-item'>
              <View className='card__title'>{homeTitle(h)}</View>
              <View className='homes-item__tags'>
                <View className='tag'>{RELATION_LABELS[h.relation]}</View>
                <View className='tag tag--grey'>{h.kind === 'shop' ? '商铺' : '住宅'}</View>
                <View className='tag tag--grey'>{formatArea(h.areaCenti)}</View>
                <View className='tag tag--grey'>{h.hasLift ? '有电梯' : '无电梯'}</View>
              </View>
              <View className='muted'>绑定于 {formatDateTime(h.boundAt)}</View>
              <View className='actions'>
                <Btn type='danger' size='small' loading={busy === h.id} className='homes-leave' onClick={() => leave(h.id, homeTitle(h))}>
                  解除绑定
                </Btn>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {data && data.pendingRequests.length > 0 ? (
        <View>
          <View className='section-title'>等待审核的申请</View>
          {data.pendingRequests.map((r) => (
            <View key={r.id} className='card homes-request'>
              <View className='card__title'>{homeTitle(r.home)}</View>
              <View className='muted'>
                {RELATION_LABELS[r.relation]} · 提交于 {formatDateTime(r.createdAt)}
              </View>
              <View className='actions'>
                <Btn size='small' loading={busy === r.id} className='homes-cancel' onClick={() => cancel(r.id, homeTitle(r.home))}>
                  撤回申请
                </Btn>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {data && (data.homes.length > 0 || data.pendingRequests.length > 0) ? (
        <View className='actions'>
          <Btn type='ghost' block onClick={() => go(ROUTES.bind)}>
            再绑定一套房屋
          </Btn>
        </View>
      ) : null}
    </PageShell>
  );
}
