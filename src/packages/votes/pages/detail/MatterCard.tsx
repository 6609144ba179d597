/** The announcement: title, phase, the art. 278 item, dates, the requirements in words, documents and the roll's totals. */
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { MatterDetail } from '@core/votes/contract';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';
import { VR, m2, phaseClass } from '../../logic';

export default function MatterCard({ d, id }: { d: MatterDetail; id: string }) {
  return (
    <View className='card'>
      <View className='card__title vote-detail__title'>{d.title}</View>
      <View className='card__sub'>
        <View className={phaseClass(d)}>{d.phaseLabel}</View>
        民法典第二百七十八条第{d.kind}项：{d.kindLabel}
      </View>
      <View className='vote-detail__body'>{d.description}</View>
      <View className='muted'>公告：{d.announcedAt ? formatDateTime(d.announcedAt) : '尚未公告'}</View>
      <View className='muted'>
        投票：{formatDateTime(d.opensAt)} 至 {formatDateTime(d.closesAt)}
      </View>
      <View className='muted'>参与要求：{d.turnoutLabel}</View>
      <View className='muted'>通过要求：{d.thresholdLabel}</View>
      {d.secret ? <View className='muted'>不记名表决：公布结果时只列是否投票，不列选择。</View> : null}
      {d.documents.map((f, i) => (
        <View
          key={f.fileID}
          className='vote-doc'
          onClick={() => (process.env.TARO_ENV === 'h5' ? window.open(f.url) : Taro.previewImage({ urls: [f.url] }))}
        >
          附件{i + 1}
        </View>
      ))}
      {d.roll ? (
        <View className='row row--link vote-roll-link' onClick={() => go(`${VR.voteRoll}?id=${encodeURIComponent(id)}`)}>
          <View className='row__main'>
            <View className='row__title'>
              业主名册：{d.roll.owners} 户（人），{m2(d.roll.areaCenti)}
            </View>
            <View className='row__sub'>{d.rollFrozen ? '投票开始时已冻结' : '公告期内如有错误，请向业委会提出异议'}</View>
          </View>
          <View className='row__side'>查看</View>
        </View>
      ) : null}
    </View>
  );
}
