/**
 * 未读住户 of one building for one notice (notices.unreadHomes, paginated, rooms in
 * natural order): the lead marks homes told in person (optimistic, rolled back on
 * error) and reminds the rest by subscribe message in one tap (RemindPanel says
 * beforehand whom it reaches; each home says whether WeChat can reach it).
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { UnreadHome } from '@core/notices/contract';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import { usePaged } from '@/hooks/usePaged';
import { api, toServiceError } from '@/services/cloud';
import RemindPanel from '@/packages/notices/components/RemindPanel';
import '@/packages/notices/common.scss';
import './index.scss';
import Btn from '@/components/Btn';

const PAGE_SIZE = 20;

export default function UnreadHomesPage() {
  const params = useRouter().params;
  const id = decodeURIComponent(params.id ?? '');
  const buildingId = decodeURIComponent(params.buildingId ?? '');
  const name = decodeURIComponent(params.name ?? '');
  const list = usePaged((p) => api('notices').call('notices.unreadHomes', p), { noticeId: id, buildingId, size: PAGE_SIZE });
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [onlyInPerson, setOnlyInPerson] = useState(params.inperson === '1');
  /** 可以打电话: only homes where someone agreed that the lead may call them. */
  const [onlyCallable, setOnlyCallable] = useState(false);
  const shown = list.items.filter((h) => (!onlyInPerson || !h.canMessage) && (!onlyCallable || h.contacts.length > 0));
  // With a filter on, keep loading until something shows or the list ends (pages are 20 homes).
  useEffect(() => {
    if ((onlyCallable || onlyInPerson) && shown.length < 5 && list.hasMore && !list.loadingMore && !list.loading) void list.loadMore();
  }, [onlyCallable, onlyInPerson, shown.length, list.hasMore, list.loadingMore, list.loading]); // eslint-disable-line react-hooks/exhaustive-deps

  function setTold(homeId: string, told: boolean) {
    list.setItems((items) => items.map((h) => (h.homeId === homeId ? { ...h, told } : h)));
  }

  async function toggle(h: UnreadHome) {
    if (pending[h.homeId]) return;
    const next = !h.told;
    setTold(h.homeId, next); // optimistic
    setPending((p) => ({ ...p, [h.homeId]: true }));
    try {
      await api('notices').call(next ? 'notices.markTold' : 'notices.unmarkTold', { noticeId: id, homeId: h.homeId });
      void Taro.showToast({ title: next ? '已记为当面告知' : '已撤销', icon: 'none' });
    } catch (e) {
      setTold(h.homeId, !next); // roll back
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setPending((p) => {
        const rest = { ...p };
        delete rest[h.homeId];
        return rest;
      });
    }
  }

  const data = list.page;
  const toldCount = list.items.filter((h) => h.told).length;
  return (
    <PageShell className='notice-unread'>
      <View className='unread-head'>
        <View className='unread-head__title'>{name || '楼栋'} · 还不知道的住户</View>
        <View className='note'>打过电话或上门说过的，点“当面告知”记下来；订阅了提醒的住户可以一键发微信提醒。</View>
      </View>
      <RemindPanel
        noticeId={id}
        buildingId={buildingId}
        scopeLabel='本栋未读住户'
        onInPerson={() => setOnlyInPerson(true)}
        onDone={() => void list.refresh()}
      />

      <StateView
        {...list.state}
        permission='notice.track'
        permissionAction='跟进这栋楼的未读住户'
        empty={!!data && list.items.length === 0 && { title: '这栋楼的住户都已读过', text: '每一户都在小程序里打开过这条通知。' }}
      >
        {data && list.items.length > 0 ? (
          <View className='unread-filter'>
            <View className='muted unread-count'>
              已列出 {list.items.length} 户{data.nextCursor ? '（还有更多）' : ''}，其中 {toldCount} 户已当面告知
            </View>
            <View
              className={`unread-filter__btn${onlyInPerson ? ' unread-filter__btn--on' : ''}`}
              onClick={() => setOnlyInPerson(!onlyInPerson)}
            >
              {onlyInPerson ? '显示全部' : '只看需当面告知'}
            </View>
            <View
              className={`unread-filter__btn unread-filter-call${onlyCallable ? ' unread-filter__btn--on' : ''}`}
              onClick={() => setOnlyCallable(!onlyCallable)}
            >
              {onlyCallable ? '显示全部' : '可以打电话'}
            </View>
          </View>
        ) : null}
        {onlyCallable && !shown.length && !list.hasMore ? (
          <View className='muted unread-none-callable'>已列出的住户中没有人同意楼栋长打电话</View>
        ) : null}
        {shown.map((h) => (
          <View key={h.homeId} className={`card unread-home${h.told ? ' unread-home--told' : ''}`}>
            <View className='unread-home__main'>
              <View className='unread-home__label'>{h.label}</View>
              <View className='unread-home__owners muted'>业主：{h.owners.length ? h.owners.join('、') : '未登记'}</View>
              <View className='unread-home__tags'>
                <View className={`tag ${h.hasAppUser ? 'tag--blue' : 'tag--grey'} unread-home__app`}>
                  {h.hasAppUser ? '有小程序用户' : '无小程序用户'}
                </View>
                {h.told ? null : h.canMessage ? (
                  <View className='tag tag--blue unread-home__reach'>可微信提醒</View>
                ) : (
                  <View className='tag tag--warn unread-home__reach unread-home__reach--inperson'>需当面告知</View>
                )}
              </View>
              {h.contacts.map((c) => (
                <View key={c.phone} className='unread-home__contact'>
                  <View className='unread-home__contact-who'>
                    {c.name} {c.phone}
                  </View>
                  <Btn
                    size='small'
                    type='ghost'
                    className='unread-home__call'
                    onClick={() => void Taro.makePhoneCall({ phoneNumber: c.phone }).catch(() => undefined)}
                  >
                    打电话
                  </Btn>
                </View>
              ))}
            </View>
            <View
              className={`unread-home__told${h.told ? ' unread-home__told--on' : ''}${pending[h.homeId] ? ' unread-home__told--busy' : ''}`}
              hoverClass='unread-home__told--hover'
              onClick={() => toggle(h)}
            >
              {h.told ? '✓ 已当面告知' : '当面告知'}
            </View>
          </View>
        ))}
        <LoadMore list={list} className='unread-more' />
      </StateView>
    </PageShell>
  );
}
