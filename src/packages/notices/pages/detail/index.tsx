/**
 * One notice. Opening it (notices.open, the page's one call) records the read for
 * me and my home, once. Subscribe messages link here, so the path is fixed.
 */
import Taro, { useRouter } from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import type { NoticeDetail } from '@core/contract/notices';
import { formatDateTime } from '../../../../utils/format';
import PageShell from '../../../../components/PageShell';
import Loading from '../../../../components/Loading';
import ErrorView from '../../../../components/ErrorView';
import Btn from '../../../../components/Btn';
import { useRemote } from '../../../../hooks/useRemote';
import { notices } from '../../../../services/notices';
import { ROUTES } from '../../../../routes';
import './index.scss';

export default function NoticeDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const notice = useRemote<NoticeDetail>(() => notices.open(id));
  const n = notice.data;
  if (!n && notice.loading) return <Loading />;
  if (!n) {
    const notFound = notice.error?.code === 'NOT_FOUND' || notice.error?.code === 'NOT_REGISTERED';
    return (
      <PageShell className='notice-detail'>
        {notice.error ? <ErrorView error={notice.error} onRetry={notice.reload} /> : null}
        {notFound ? (
          <View className='actions'>
            <Btn type='primary' block onClick={() => Taro.navigateTo({ url: ROUTES.bind })}>
              绑定房屋后查看本楼通知
            </Btn>
          </View>
        ) : null}
      </PageShell>
    );
  }
  const urls = n.images.map((i) => i.url);
  return (
    <PageShell className='notice-detail'>
      {n.correctedById ? (
        <View className='banner banner--warn' onClick={() => Taro.redirectTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(n.correctedById!)}` })}>
          已更正：本通知有新版本，点此查看
        </View>
      ) : null}
      {n.withdrawal ? (
        <View className='banner banner--warn'>
          已撤回：{n.withdrawal.byName}于{formatDateTime(n.withdrawal.at)}撤回，原因：{n.withdrawal.reason}
        </View>
      ) : null}
      <View className={`card${n.emergency ? ' notice-item--urgent' : ''}`}>
        <View className='notice-detail__tags'>
          <View className={`tag${n.emergency ? ' tag--urgent' : ''}`}>{n.category}</View>
          {n.version > 1 ? <View className='tag tag--grey'>第{n.version}版</View> : null}
          {n.status !== 'published' ? <View className='tag tag--grey'>{n.statusLabel}</View> : null}
        </View>
        <View className='notice-detail__title'>{n.title}</View>
        <View className='muted'>
          {n.author.name} · {n.author.roleLabel}
          {n.author.partyBadge ? ' · 党员' : ''} · {formatDateTime(n.publishedAt ?? n.createdAt)}
        </View>
        <View className='muted'>发送范围：{n.targetsLabel}{n.expiresOn ? ` · 有效期至 ${n.expiresOn}` : ''}</View>
        <View className='notice-detail__body'>{n.body}</View>
        {urls.length > 0 ? (
          <View className='notice-detail__images'>
            {urls.map((u) => (
              <Image key={u} src={u} mode='aspectFill' className='notice-detail__image' onClick={() => Taro.previewImage({ urls, current: u })} />
            ))}
          </View>
        ) : null}
        {n.rejectReason ? <View className='form-error'>未通过审核：{n.rejectReason}</View> : null}
      </View>
    </PageShell>
  );
}
