/**
 * No notice to show: loading, 去绑定房屋 for someone with no home at all, the same
 * 不存在或不是发给您的 for every NOT_FOUND, or the error, then 查看全部通知.
 */
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Loading from '@/components/Loading';
import Btn from '@/components/Btn';
import { ROUTES } from '@/routes';
import type { NoticeDetailPage } from './useNoticeDetailPage';

export function NoticeMissing({ page }: { page: NoticeDetailPage }) {
  const { notice, meNow } = page;
  if (notice.loading || !notice.error) {
    return (
      <PageShell className='notice-detail'>
        <Loading />
      </PageShell>
    );
  }
  const code = notice.error.code;
  if (code === 'NOT_FOUND' && meNow.loading && !meNow.data) {
    return (
      <PageShell className='notice-detail'>
        <Loading />
      </PageShell>
    );
  }
  const me = meNow.data;
  const selfUrl = `${ROUTES.noticeDetail}?id=${encodeURIComponent(page.id)}`;
  // Only someone with no home at all (and no role) is offered 去绑定房屋: a notice may well be theirs once bound.
  const needsHome = code === 'NOT_REGISTERED' || (code === 'NOT_FOUND' && !!me && me.homes.length === 0 && me.roles.length === 0);
  // The server answers NOT_FOUND alike for "not for your building", withdrawn-and-expired and
  // "never existed", on purpose (no existence oracle): the page says so, the same as in the app.
  const homes = me?.homes.map((h) => `${h.compoundName} ${h.label}`) ?? [];
  return (
    <PageShell className='notice-detail'>
      {needsHome ? (
        <View className='card notice-detail__bind'>
          <View className='card__title'>绑定房屋后查看本楼通知</View>
          <View className='card__sub'>这条通知只发给小区的住户。绑定您的房屋后，就能看到本楼和全小区的通知。</View>
          <View className='actions'>
            <Btn
              type='primary'
              block
              className='notice-bind-btn'
              onClick={() => Taro.navigateTo({ url: `${ROUTES.bind}?back=${encodeURIComponent(selfUrl)}` })}
            >
              去绑定房屋
            </Btn>
          </View>
        </View>
      ) : code === 'NOT_FOUND' ? (
        <View className='card notice-detail__notfound'>
          <View className='card__title'>这条通知不存在，或不是发给您的</View>
          <View className='card__sub notice-detail__notfound-text'>
            {homes.length
              ? `通知只发给所选的楼栋或小区。您绑定的房屋是${homes.join('、')}，这条通知可能不是发给您所在楼栋的，也可能已被撤回、已过期或不存在。`
              : '这条通知不是发给您的，也可能已被撤回、已过期或不存在。'}
          </View>
          <View className='note'>发给您的通知都在“通知”页里。</View>
        </View>
      ) : (
        <StateView {...notice.state} />
      )}
      <View className='actions'>
        <Btn block onClick={() => Taro.switchTab({ url: ROUTES.notices })}>
          查看全部通知
        </Btn>
      </View>
    </PageShell>
  );
}
