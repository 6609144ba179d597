/**
 * 通知 tab: notices for my compounds and buildings, pinned first, 20 per page, with
 * an unread dot on each and the unread count on the tab. One call (notices.list)
 * shows the first page; it refreshes when the tab is shown again, so the count
 * clears after reading. People who may post also get 发布 and 我发布的.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import type { NoticeListItem } from '@core/notices/contract';
import { NOTICE_LIMITS } from '@core/notices/limits';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import { usePaged } from '@/hooks/usePaged';
import { api } from '@/services/cloud';
import { cachedMe, loadMe, subscribeMe } from '@/store/me';
import { formatDateTime } from '@/utils/format';
import { ROUTES } from '@/routes';
import { badgeText, canPostNotices, noticeItemClass, statusTone } from './logic';
import { setTabBadge } from '@/store/tabBar';
import './index.scss';

const PAGE_SIZE = 20;
type Box = 'inbox' | 'authored';

function setNoticesBadge(unread: number) {
  // The tab's badge (our bar on weapp, Taro's on h5); the page shows its own pill too.
  setTabBadge(1, badgeText(unread) || null);
}

export default function NoticesPage() {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<{ box: Box; q: string }>({ box: 'inbox', q: '' });
  const list = usePaged(
    (p) => api('notices').call('notices.list', p),
    { box: filter.box, size: PAGE_SIZE, ...(filter.q ? { q: filter.q } : {}) },
    { refreshOnShow: true },
  );
  const data = list.page;

  // Roles decide 发布 / 我发布的. The me store usually holds them (首页 loaded it); if not,
  // fetch them only after the list is on screen, so the first paint stays one call.
  const [me, setMeState] = useState<Me | null>(cachedMe());
  useEffect(() => subscribeMe(setMeState), []);
  useEffect(() => {
    if (data && !cachedMe()) void loadMe().catch(() => undefined);
  }, [data]);
  const canPost = canPostNotices(me);

  useEffect(() => {
    if (data) setNoticesBadge(data.unreadCount);
  }, [data]);

  const open = (n: NoticeListItem) => Taro.navigateTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(n.id)}` });
  const box = filter.box;
  const searching = !!filter.q;

  return (
    <PageShell className='notices'>
      <View className='notices__top'>
        {data && data.unreadCount > 0 ? (
          <View className='notice-badge'>{badgeText(data.unreadCount)} 条未读</View>
        ) : (
          <View className='notices__all-read muted'>{data ? '没有未读通知' : ''}</View>
        )}
        {canPost ? (
          <Btn type='primary' size='small' className='notice-post-btn' onClick={() => Taro.navigateTo({ url: ROUTES.noticePost })}>
            ＋ 发布
          </Btn>
        ) : null}
      </View>

      {canPost ? (
        <View className='notices__boxes'>
          <View
            className={`notices__box notices-box-inbox${box === 'inbox' ? ' notices__box--on' : ''}`}
            onClick={() => box !== 'inbox' && setFilter({ ...filter, box: 'inbox' })}
          >
            收到的
          </View>
          <View
            className={`notices__box notices-box-authored${box === 'authored' ? ' notices__box--on' : ''}`}
            onClick={() => box !== 'authored' && setFilter({ ...filter, box: 'authored' })}
          >
            我发布的
          </View>
        </View>
      ) : null}

      <View className='notices__search'>
        <Input
          className='notices__input notices-search'
          value={query}
          placeholder='按标题搜索'
          maxlength={NOTICE_LIMITS.search}
          confirmType='search'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => setFilter({ ...filter, q: query.trim() })}
        />
        <Btn size='small' className='notices-search-btn' onClick={() => setFilter({ ...filter, q: query.trim() })}>
          搜索
        </Btn>
      </View>
      {searching ? (
        <View className='notices__searching muted'>
          “{filter.q}”的搜索结果
          <View
            className='notices__clear'
            onClick={() => {
              setQuery('');
              setFilter({ ...filter, q: '' });
            }}
          >
            清除
          </View>
        </View>
      ) : null}

      <StateView
        {...list.state}
        empty={
          !!data &&
          list.items.length === 0 &&
          (searching
            ? { title: '没有找到相关通知', text: '换个关键词试试' }
            : box === 'authored'
              ? { title: '您还没有发布过通知', action: { label: '发布通知', onClick: () => Taro.navigateTo({ url: ROUTES.noticePost }) } }
              : { title: '暂无通知', text: '楼栋长、业委会和物业发布的通知会显示在这里。' })
        }
      >
        {list.items.map((n) => (
          <View key={n.id} className={noticeItemClass(n, box)} hoverClass='notice-item--hover' onClick={() => open(n)}>
            <View className='notice-item__tags'>
              {box === 'inbox' && n.unread ? <View className='notice-item__dot' /> : null}
              <View className={`tag${n.emergency ? ' tag--urgent' : ''}`}>{n.category}</View>
              {n.pinned ? <View className='tag tag--blue'>置顶</View> : null}
              {box === 'authored' ? (
                <View className={`tag notice-status notice-status--${statusTone(n.status)}`}>{n.statusLabel}</View>
              ) : null}
              {n.version > 1 ? <View className='tag tag--grey'>更正版</View> : null}
              {n.imageCount > 0 ? <View className='tag tag--grey'>图片 {n.imageCount}</View> : null}
            </View>
            <View className='notice-item__title'>{n.title}</View>
            {n.excerpt ? <View className='notice-item__excerpt'>{n.excerpt}</View> : null}
            <View className='notice-item__meta'>
              <View className='notice-item__author'>
                {n.author.name} · {n.author.roleLabel}
                {n.author.partyBadge ? <View className='party-badge'>党员</View> : null}
              </View>
              <View className='notice-item__time'>{formatDateTime(n.publishedAt ?? n.createdAt)}</View>
            </View>
            {box === 'authored' ? <View className='muted notice-item__targets'>发送范围：{n.targetsLabel}</View> : null}
            {box === 'authored' && n.progress ? (
              <View className={`notice-item__progress${n.progress.reached >= n.progress.homes ? ' notice-item__progress--done' : ''}`}>
                {n.progress.reached}/{n.progress.homes} 户已知晓
                {n.progress.reached < n.progress.homes ? (
                  <View className='notice-item__progress-left'>未读 {n.progress.homes - n.progress.reached} 户</View>
                ) : null}
              </View>
            ) : null}
          </View>
        ))}
        <LoadMore list={list} className='notices-more' />
        {data && !data.nextCursor && list.items.length > 0 ? <View className='notices__end muted'>没有更多了</View> : null}
      </StateView>
    </PageShell>
  );
}
