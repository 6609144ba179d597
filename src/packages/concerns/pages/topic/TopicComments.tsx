/** 居民意见: one thread per home; a home comments (and edits its comment) or objects during 公示. */
import { View } from '@tarojs/components';
import type { TopicDetail } from '@core/concerns/contract';
import Btn from '@/components/Btn';

interface Props {
  t: TopicDetail;
  /** Whether the reader has a home in the topic's compound. */
  hasHome: boolean;
  onComment: () => void;
  onObject: () => void;
}

export default function TopicComments({ t, hasHome, onComment, onObject }: Props) {
  return (
    <>
      <View className='section-title'>居民意见（{t.comments}户）</View>
      <View className='card topic-comments'>
        {t.canComment && hasHome ? (
          <Btn type='primary' block className='topic-comment' onClick={onComment}>
            {t.myComment ? '修改我家的意见' : '发表意见'}
          </Btn>
        ) : null}
        {t.canObject && hasHome ? (
          <Btn block className='topic-object' onClick={onObject}>
            提出异议
          </Btn>
        ) : null}
        {t.commentsList.length === 0 ? <View className='muted'>还没有意见</View> : null}
        {t.commentsList.map((c, i) => (
          <View key={i} className='concern-event topic-comment-item'>
            <View className='concern-event__label'>
              {c.who} · {c.stanceLabel}
              {c.edited ? '（已修改）' : ''}
            </View>
            <View className='concern-event__note'>{c.text}</View>
          </View>
        ))}
      </View>
    </>
  );
}
