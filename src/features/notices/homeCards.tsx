/**
 * 首页 cards of notices: my unread notices (urgent first, a few, 查看全部), and for
 * those who post (leads, committee …) their recent notices' read progress
 * (x/y 户已知晓, from notices.list authored: one call, progress from one aggregation).
 */
import { View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import type { NoticeListItem } from '@core/notices/contract';
import type { HomeCards } from '@core/home';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';
import { ROUTES } from '@/routes';
import { routePaths } from '@/features/route-table';
import { NOTICE_ROUTES } from './routes';

const url = routePaths(NOTICE_ROUTES);
const SHOWN = 3;
const open = (id: string) => go(`${url.noticeDetail}?id=${encodeURIComponent(id)}`);

/** Unread first by urgency: 紧急, then pinned, then newest (the list's order). */
export function unreadFirst(items: NoticeListItem[]): NoticeListItem[] {
  return items
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => n.unread)
    .sort((a, b) => Number(b.n.emergency) - Number(a.n.emergency) || a.i - b.i)
    .map(({ n }) => n);
}

export function UnreadNoticesCard({ cards }: { me: Me; cards: HomeCards }) {
  const page = cards.notices.ok ? cards.notices.data.inbox : undefined;
  if (!page) return null;
  const unread = unreadFirst(page.items);
  if (!unread.length) {
    return (
      <View className='card home-notices home-notices--none'>
        <View className='row row--link' onClick={() => go(ROUTES.notices)}>
          <View className='row__main'>
            <View className='row__title'>通知都已读过</View>
          </View>
          <View className='row__side'>查看全部</View>
        </View>
      </View>
    );
  }
  return (
    <View className='card home-notices'>
      <View className='card__title'>未读通知（{page.unreadCount} 条）</View>
      {unread.slice(0, SHOWN).map((n) => (
        <View key={n.id} className={`row row--link home-notice${n.emergency ? ' home-notice--urgent' : ''}`} onClick={() => open(n.id)}>
          <View className='row__main'>
            <View className='row__title'>{n.title}</View>
            <View className='row__sub'>
              {n.category} · {formatDateTime(n.publishedAt ?? n.createdAt)}
            </View>
          </View>
          {n.emergency ? <View className='tag home-notice__urgent'>紧急</View> : null}
        </View>
      ))}
      <View className='row row--link home-notices__all' onClick={() => go(ROUTES.notices)}>
        <View className='row__main'>
          <View className='row__title'>查看全部{page.unreadCount > SHOWN ? ` ${page.unreadCount} 条未读` : '通知'}</View>
        </View>
      </View>
    </View>
  );
}

export function MyNoticesProgressCard({ cards }: { me: Me; cards: HomeCards }) {
  const items =
    (cards.notices.ok ? cards.notices.data.authored : null)?.items.slice(0, SHOWN).filter((n) => n.progress && n.status === 'published') ??
    [];
  if (!items.length) return null;
  return (
    <View className='card home-mine'>
      <View className='card__title'>我发布的通知</View>
      {items.map((n) => {
        const p = n.progress!;
        const done = p.reached >= p.homes;
        return (
          <View
            key={n.id}
            className='row row--link home-mine__item'
            onClick={() => go(`${url.noticeTrack}?id=${encodeURIComponent(n.id)}`)}
          >
            <View className='row__main'>
              <View className='row__title'>{n.title}</View>
              <View className='row__sub home-mine__progress'>
                {p.reached}/{p.homes} 户已知晓{done ? '' : ` · 未读 ${p.homes - p.reached} 户`}
              </View>
            </View>
            <View className='row__side'>{done ? '全部知晓' : '跟进'}</View>
          </View>
        );
      })}
    </View>
  );
}
