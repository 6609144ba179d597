/** What happened to the notice, above it: corrected (a link to the new version), withdrawn with its reason, in review, rejected. */
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { NoticeDetail } from '@core/notices/contract';
import { ROUTES } from '@/routes';
import { formatDateTime } from '@/utils/format';

export function StatusBanners({ n }: { n: NoticeDetail }) {
  return (
    <>
      {n.correctedById ? (
        <View
          className='banner banner--warn notice-detail__corrected'
          onClick={() => Taro.redirectTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(n.correctedById!)}` })}
        >
          <View className='notice-detail__banner-title'>已更正</View>
          这条通知已有更正后的新版本，请以新版本为准。
          <View className='notice-detail__banner-link'>查看新版本 ›</View>
        </View>
      ) : null}
      {n.withdrawal ? (
        <View className='banner banner--warn notice-detail__withdrawn'>
          <View className='notice-detail__banner-title'>已撤回</View>
          {n.withdrawal.byName} 于 {formatDateTime(n.withdrawal.at)} 撤回了这条通知。
          <View>原因：{n.withdrawal.reason}</View>
        </View>
      ) : null}
      {n.status === 'reviewing' ? (
        <View className='banner banner--info notice-detail__reviewing'>
          <View className='notice-detail__banner-title'>审核中</View>
          图片正在进行安全检测，通过后住户才能看到这条通知。
        </View>
      ) : null}
      {n.status === 'rejected' ? (
        <View className='form-error notice-detail__rejected'>未通过审核：{n.rejectReason ?? '内容未通过安全检测'}</View>
      ) : null}
    </>
  );
}
