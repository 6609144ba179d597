import { View } from '@tarojs/components';
import { RELATION_LABELS, ROLE_LABELS } from '@core/platform/roles';
import { maskPhone } from '@core/platform/mask';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { useLargeText } from '@/hooks/useLargeText';
import { setLargeText } from '@/store/largeText';
import { refreshMe, setMe } from '@/store/me';
import { homeTitle } from '@/utils/format';
import { go } from '@/utils/nav';
import { ROUTES } from '@/routes';
import DemoOutbox from '@/features/notices/DemoOutbox';
import { requestStatus } from '@/features/accounts/homeCards';
import './index.scss';

export default function MePage() {
  const me = useRemote(refreshMe, [], { refreshOnShow: true });
  const large = useLargeText();
  const data = me.data;
  const [savingContact, setSavingContact] = useState(false);

  /** 愿意楼栋长联系我: the person's own choice, changed here at any time. */
  async function toggleContact() {
    if (!data?.person || savingContact) return;
    const next = !data.person.contactLead;
    setSavingContact(true);
    try {
      const person = await api('accounts').call('me.update', { contactLead: next });
      const updated = { ...data, person };
      me.setData(() => updated);
      setMe(updated);
      Taro.showToast({ title: next ? '楼栋长可以联系您了' : '已关闭，楼栋长看不到您的手机号', icon: 'none' });
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setSavingContact(false);
    }
  }

  return (
    <PageShell className='me'>
      <StateView {...me.state} />
      {data ? (
        <View>
          <View className='card me-profile'>
            <View className='me__name'>{data.person?.name ?? '未登记的邻居'}</View>
            <View className='muted'>{data.person?.phone ? `手机号 ${maskPhone(data.person.phone)}` : '未填写手机号'}</View>
            {data.roles.length > 0 ? (
              <View className='me__roles'>
                {data.roles.map((r) => (
                  <View key={r.id} className='tag me-role'>
                    {ROLE_LABELS[r.role]} · {r.scopeLabel}
                  </View>
                ))}
              </View>
            ) : null}
          </View>

          <View className='section-title'>我的房屋</View>
          <View className='card me-homes'>
            {data.homes.length === 0 ? (
              <View className='row row--link' onClick={() => go(ROUTES.bind)}>
                <View className='row__main'>
                  <View className='row__title'>还没有绑定房屋，去绑定</View>
                </View>
              </View>
            ) : (
              data.homes.map((h) => (
                <View key={h.id} className='row row--link' onClick={() => go(ROUTES.homes)}>
                  <View className='row__main'>
                    <View className='row__title'>{homeTitle(h)}</View>
                  </View>
                  <View className='row__side'>{RELATION_LABELS[h.relation]}</View>
                </View>
              ))
            )}
          </View>

          {data.person?.phone && data.homes.length > 0 ? (
            <View className='card me-contact'>
              <View className='row me-contact-lead' onClick={toggleContact}>
                <View className='row__main'>
                  <View className='row__title'>愿意楼栋长联系我</View>
                  <View className='row__sub'>
                    {data.person.contactLead ? '楼栋长能看到您的手机号，可以给您打电话' : '关闭时，楼栋长只看到遮挡后的手机号'}
                  </View>
                </View>
                <View className={`toggle${data.person.contactLead ? ' toggle--on' : ''}`}>
                  <View className='toggle__knob' />
                </View>
              </View>
            </View>
          ) : null}

          {data.pendingRequests.length > 0 ? (
            <View>
              <View className='section-title'>待审核的申请</View>
              <View className='card me-pending'>
                {data.pendingRequests.map((r) => (
                  <View key={r.id} className='row row--link' onClick={() => go(ROUTES.homes)}>
                    <View className='row__main'>
                      <View className='row__title'>{homeTitle(r.home)}</View>
                      <View className='row__sub'>
                        {RELATION_LABELS[r.relation]} · {requestStatus(r)}
                      </View>
                    </View>
                  </View>
                ))}
              </View>
            </View>
          ) : null}
        </View>
      ) : null}
      {/* Settings stay usable when the backend cannot be reached. */}
      <View className='section-title'>设置</View>
      <View className='card me-settings'>
        <View className='row me-large-text' onClick={() => setLargeText(!large)}>
          <View className='row__main'>
            <View className='row__title'>大字模式</View>
            <View className='row__sub'>字更大，按钮更大</View>
          </View>
          <View className={`toggle${large ? ' toggle--on' : ''}`}>
            <View className='toggle__knob' />
          </View>
        </View>
        <View className='row row--link me-privacy' onClick={() => go(ROUTES.privacy)}>
          <View className='row__main'>
            <View className='row__title'>隐私说明</View>
          </View>
        </View>
        {process.env.TARO_ENV === 'h5' ? (
          <View className='row row--link me-switch-demo' onClick={() => go(`${ROUTES.signin}?back=${encodeURIComponent(ROUTES.me)}`)}>
            <View className='row__main'>
              <View className='row__title'>切换演示身份</View>
              <View className='row__sub'>仅本地演示版提供</View>
            </View>
          </View>
        ) : null}
      </View>
      {/* h5 demo only: the reminders the local runtime "sent" to me (GET /api/_demo/outbox). */}
      {process.env.TARO_ENV === 'h5' && data?.registered ? <DemoOutbox /> : null}
    </PageShell>
  );
}
