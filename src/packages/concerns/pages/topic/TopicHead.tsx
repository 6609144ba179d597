/** The topic's head: its title, the cycle with the stage it is at, and where it came from. */
import { View } from '@tarojs/components';
import type { TopicDetail } from '@core/concerns/contract';
import { TOPIC_STAGES, TOPIC_STAGE_LABELS } from '@core/concerns/rules';
import { formatDateTime } from '@/utils/format';
import { openConcern } from '../../logic';

export default function TopicHead({ t }: { t: TopicDetail }) {
  const at = TOPIC_STAGES.indexOf(t.stage);
  return (
    <View className='card topic-head'>
      <View className='card__title topic-title'>{t.title}</View>
      <View className='concern-steps'>
        {TOPIC_STAGES.filter((s) => s !== 'closed').map((s, i) => (
          <View key={s} className={`concern-step${i < at ? ' concern-step--done' : i === at ? ' concern-step--now topic-stage-now' : ''}`}>
            {TOPIC_STAGE_LABELS[s]}
          </View>
        ))}
      </View>
      <View className='concern-block'>{t.description}</View>
      {t.sourceConcernId ? (
        <View className='concern-link' onClick={() => openConcern(t.sourceConcernId!)}>
          来自一条民情 ›
        </View>
      ) : null}
      {t.stage === 'collect' ? <View className='concern-note'>征集意见截止：{formatDateTime(t.collectUntil)}</View> : null}
    </View>
  );
}
