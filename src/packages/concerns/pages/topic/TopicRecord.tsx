/**
 * What the topic has on record: the 通报 materials and meeting, the 议事会 minutes and
 * 协商意见, and the outcome with its 公示 period (an opinion, or one that goes to an
 * owners' vote under art. 278).
 */
import { View } from '@tarojs/components';
import type { TopicDetail } from '@core/concerns/contract';
import { formatDateTime } from '@/utils/format';
import PhotoGrid from '../../components/PhotoGrid';

export default function TopicRecord({ t }: { t: TopicDetail }) {
  return (
    <>
      {t.materials.length || t.meeting ? (
        <View className='card topic-brief'>
          <View className='card__title'>通报材料</View>
          {t.materials.map((m, i) => (
            <View key={i} className='concern-block'>
              · {m.title}
              {m.photos.length ? <PhotoGrid photos={m.photos} className='topic-material-photos' /> : null}
            </View>
          ))}
          {t.meeting ? (
            <View className='concern-block'>
              议事会：{formatDateTime(t.meeting.at)}，{t.meeting.place}
            </View>
          ) : null}
        </View>
      ) : null}
      {t.minutes ? (
        <View className='card topic-consult'>
          <View className='card__title'>议事会记录</View>
          <View className='concern-block'>参会：{t.participants}</View>
          <View className='concern-block'>{t.minutes}</View>
          <View className='card__title' style={{ marginTop: '16px' }}>
            协商意见
          </View>
          <View className='concern-block topic-opinion'>{t.opinion}</View>
        </View>
      ) : null}
      {t.outcome ? (
        <View className={`card topic-outcome${t.art278 ? ' concern-warn' : ''}`}>
          <View className='card__title'>{t.art278 ? '须业主表决' : '议事结果（协商意见）'}</View>
          <View className='concern-block topic-outcome__text'>{t.outcome}</View>
          {!t.art278 ? <View className='concern-note'>议事厅的结果是协商意见，不是对共有部分的决定。</View> : null}
          {t.publicUntil ? (
            <View className='concern-note'>
              公示期至 {formatDateTime(t.publicUntil)}
              {t.stage === 'publicize' ? '，有异议请在公示期内提出。' : '。'}
            </View>
          ) : null}
        </View>
      ) : null}
    </>
  );
}
