/** 反馈: the report with the homes' ratings, and the rating buttons for a home that may rate. */
import { View } from '@tarojs/components';
import type { TopicDetail } from '@core/concerns/contract';
import Btn from '@/components/Btn';

interface Props {
  t: TopicDetail;
  /** Whether the reader has a home in the topic's compound. */
  hasHome: boolean;
  onRate: (verdict: 'satisfied' | 'unsatisfied') => void;
}

export default function TopicFeedback({ t, hasHome, onRate }: Props) {
  return (
    <>
      {t.report ? (
        <View className='card topic-feedback'>
          <View className='card__title'>反馈</View>
          <View className='concern-block'>{t.report}</View>
          <View className='concern-note'>
            满意 {t.ratings.satisfied} 户 · 不满意 {t.ratings.unsatisfied} 户
          </View>
        </View>
      ) : null}
      {t.canRate && hasHome ? (
        <View className='card topic-rate'>
          <View className='card__title'>
            {t.myRating ? `您评价了：${t.myRating === 'satisfied' ? '满意' : '不满意'}` : '您对结果满意吗？'}
          </View>
          <Btn type='primary' block className='topic-rate-ok' onClick={() => onRate('satisfied')}>
            满意
          </Btn>
          <Btn block className='topic-rate-bad' onClick={() => onRate('unsatisfied')}>
            不满意
          </Btn>
        </View>
      ) : null}
    </>
  );
}
