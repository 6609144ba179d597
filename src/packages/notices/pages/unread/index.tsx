/**
 * 未读住户 of one building for one notice (notices.unreadHomes, paginated): the lead
 * marks homes told in person (optimistic, rolled back on error) and reminds the
 * rest by subscribe message in one tap.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { UnreadHome, UnreadHomesPage } from '@core/notices/contract';
import PageShell from '../../../../components/PageShell';
import Loading from '../../../../components/Loading';
import ErrorView from '../../../../components/ErrorView';
import Empty from '../../../../components/Empty';
import Btn from '../../../../components/Btn';
import { useRemote } from '../../../../hooks/useRemote';
import { notices } from '../../../../services/notices';
import { toServiceError } from '../../../../services/cloud';
import { remindText } from '../../logic';
import '../../common.scss';
import './index.scss';

const PAGE_SIZE = 20;

export default function UnreadHomesPage() {
  const params = useRouter().params;
  const id = decodeURIComponent(params.id ?? '');
  const buildingId = decodeURIComponent(params.buildingId ?? '');
  const name = decodeURIComponent(params.name ?? '');
  const list = useRemote<UnreadHomesPage>(() => notices.unreadHomes({ noticeId: id, buildingId, size: PAGE_SIZE }));
  const [more, setMore] = useState(false);
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [reminding, setReminding] = useState(false);
  const [remindResult, setRemindResult] = useState<string | null>(null);

  async function loadMore() {
    const cursor = list.data?.nextCursor;
    if (!cursor) return;
    setMore(true);
    try {
      const next = await notices.unreadHomes({ noticeId: id, buildingId, size: PAGE_SIZE, cursor });
      list.setData((prev) => ({ ...next, items: [...(prev?.items ?? []), ...next.items] }));
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setMore(false);
    }
  }

  function setTold(homeId: string, told: boolean) {
    list.setData((prev) => ({ ...(prev as UnreadHomesPage), items: (prev?.items ?? []).map((h) => (h.homeId === homeId ? { ...h, told } : h)) }));
  }

  async function toggle(h: UnreadHome) {
    if (pending[h.homeId]) return;
    const next = !h.told;
    setTold(h.homeId, next); // optimistic
    setPending((p) => ({ ...p, [h.homeId]: true }));
    try {
      if (next) await notices.markTold(id, h.homeId);
      else await notices.unmarkTold(id, h.homeId);
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

  async function remind() {
    setReminding(true);
    try {
      const text = remindText(await notices.remind(id, buildingId));
      setRemindResult(text);
      void Taro.showToast({ title: text, icon: 'none', duration: 3000 });
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setReminding(false);
    }
  }

  const data = list.data;
  const toldCount = data?.items.filter((h) => h.told).length ?? 0;
  return (
    <PageShell className='notice-unread'>
      <View className='unread-head'>
        <View className='unread-head__title'>{name || '楼栋'} · 还不知道的住户</View>
        <View className='note'>打过电话或上门说过的，点“当面告知”记下来；其余的可以一键发微信提醒。</View>
        <Btn type='primary' block loading={reminding} className='unread-remind' onClick={remind}>
          一键提醒本栋未读住户
        </Btn>
        {remindResult ? <View className='unread-head__result'>{remindResult}</View> : null}
      </View>

      {!data && list.loading ? <Loading /> : null}
      {!data && list.error ? <ErrorView error={list.error} onRetry={list.reload} /> : null}
      {data && data.items.length === 0 ? <Empty title='这栋楼的住户都已读过' text='每一户都在小程序里打开过这条通知。' /> : null}
      {data && data.items.length > 0 ? (
        <View className='muted unread-count'>
          已列出 {data.items.length} 户{data.nextCursor ? '（还有更多）' : ''}，其中 {toldCount} 户已当面告知
        </View>
      ) : null}
      {data?.items.map((h) => (
        <View key={h.homeId} className={`card unread-home${h.told ? ' unread-home--told' : ''}`}>
          <View className='unread-home__main'>
            <View className='unread-home__label'>{h.label}</View>
            <View className='unread-home__owners muted'>业主：{h.owners.length ? h.owners.join('、') : '未登记'}</View>
            <View className={`tag ${h.hasAppUser ? 'tag--blue' : 'tag--grey'} unread-home__app`}>{h.hasAppUser ? '有小程序用户' : '无小程序用户'}</View>
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
      {data?.nextCursor ? (
        <View className='load-more'>
          <Btn loading={more} className='unread-more' onClick={loadMore}>
            加载更多
          </Btn>
        </View>
      ) : null}
    </PageShell>
  );
}
