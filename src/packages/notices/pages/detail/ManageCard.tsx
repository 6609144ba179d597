/** 跟进这条通知: the read list, 更正 and 撤回, as the view allows (the life cycle is core's, applied by the function). */
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { NoticeDetail } from '@core/notices/contract';
import Btn from '@/components/Btn';
import { ROUTES } from '@/routes';

export function ManageCard({ n, onWithdraw }: { n: NoticeDetail; onWithdraw: () => void }) {
  const { canCorrect, canWithdraw, canTrack } = n;
  return (
    <View className='card notice-detail__manage'>
      <View className='card__title'>跟进这条通知</View>
      <View className='stack'>
        {canTrack ? (
          <Btn
            type='primary'
            block
            className='notice-track-btn'
            onClick={() => Taro.navigateTo({ url: `${ROUTES.noticeTrack}?id=${encodeURIComponent(n.id)}` })}
          >
            查看阅读情况
          </Btn>
        ) : null}
        {canCorrect || canWithdraw ? (
          <View className='actions'>
            {canCorrect ? (
              <Btn
                className='notice-correct-btn'
                onClick={() => Taro.navigateTo({ url: `${ROUTES.noticePost}?correct=${encodeURIComponent(n.id)}` })}
              >
                更正
              </Btn>
            ) : null}
            {canWithdraw ? (
              <Btn type='danger' className='notice-withdraw-btn' onClick={onWithdraw}>
                撤回
              </Btn>
            ) : null}
          </View>
        ) : null}
      </View>
    </View>
  );
}
