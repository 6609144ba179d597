/** How the concern ended up: the answer (and why an owners' vote decides), the link to what it became, the rating, and the raiser's 满意/不满意. */
import { View } from '@tarojs/components';
import type { ConcernDetail } from '@core/concerns/contract';
import Btn from '@/components/Btn';
import LinkLine from '../../components/LinkLine';
import type { ConcernDetailState } from './useConcernDetailPage';

export default function ConcernOutcome({ c, p }: { c: ConcernDetail; p: ConcernDetailState }) {
  return (
    <>
      {c.answer ? (
        <View className='card concern-answer'>
          <View className='card__title'>答复</View>
          <View className='concern-block concern-answer__text'>{c.answer}</View>
          {c.voteReason ? (
            <View className='banner banner--warn'>依《民法典》第二百七十八条，这件事须由业主共同决定，议事和答复不能代替业主表决。</View>
          ) : null}
          {c.link ? <LinkLine link={c.link} className='concern-outcome-link' /> : null}
        </View>
      ) : c.link ? (
        <View className='card'>
          <LinkLine link={c.link} className='concern-outcome-link' />
        </View>
      ) : null}
      {c.rating ? (
        <View className='card concern-rating'>
          <View className='card__title'>评价：{c.rating === 'satisfied' ? '满意' : '不满意'}</View>
          {c.ratingReason ? <View className='concern-block'>{c.ratingReason}</View> : null}
        </View>
      ) : null}
      {c.canRate ? (
        <View className='card concern-rate'>
          <View className='card__title'>{c.asked ? '解决了吗？' : '您对答复满意吗？'}</View>
          <Btn type='primary' block loading={p.busy} className='concern-rate-ok' onClick={p.rateSatisfied}>
            满意，解决了
          </Btn>
          <Btn block className='concern-rate-bad' onClick={() => p.open('unsatisfied')}>
            不满意
          </Btn>
        </View>
      ) : null}
    </>
  );
}
