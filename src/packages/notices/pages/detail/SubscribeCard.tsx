/** 订阅通知提醒: one message per tap, and what the last tap gave. */
import { View } from '@tarojs/components';
import Btn from '@/components/Btn';
import type { NoticeDetailPage } from './useNoticeDetailPage';

export function SubscribeCard({ subscription }: { subscription: NoticeDetailPage['subscription'] }) {
  const { sub } = subscription;
  return (
    <View className='card notice-detail__subscribe'>
      <View className='card__title'>订阅通知提醒</View>
      <View className='note'>有新通知或楼栋长提醒时，微信会发消息告诉您。每点一次“订阅”可收到一条提醒。</View>
      {sub ? (
        <View className={`notice-subscribe__result${sub.accepted ? '' : ' notice-subscribe__result--no'}`}>
          {sub.accepted ? `已订阅，还可收到 ${sub.remaining} 条提醒` : `您没有同意订阅，还可收到 ${sub.remaining} 条提醒`}
          {sub.demo ? '（本地演示：未弹出微信授权）' : ''}
        </View>
      ) : null}
      <View className='actions'>
        <Btn block loading={subscription.busy} className='notice-subscribe-btn' onClick={subscription.subscribe}>
          {sub?.accepted ? '再订阅一条' : '订阅通知提醒'}
        </Btn>
      </View>
    </View>
  );
}
