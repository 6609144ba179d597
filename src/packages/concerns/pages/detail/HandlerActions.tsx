/** 处理: what the handler may do now (answer, convert, merge), each opening its sheet. */
import { View } from '@tarojs/components';
import type { ConcernDetail } from '@core/concerns/contract';
import Btn from '@/components/Btn';
import type { ConcernForm } from './useConcernDetailPage';

export default function HandlerActions({ c, open }: { c: ConcernDetail; open: (f: ConcernForm) => void }) {
  return (
    <View className='card concern-actions'>
      <View className='card__title'>处理</View>
      {c.canAnswer ? (
        <Btn type='primary' block className='concern-act-answer' onClick={() => open('answer')}>
          答复
        </Btn>
      ) : null}
      {c.canConvert ? (
        <Btn block className='concern-act-topic' onClick={() => open('topic')}>
          转为议事厅议题
        </Btn>
      ) : null}
      {c.canConvert ? (
        <Btn block className='concern-act-repair' onClick={() => open('repair')}>
          转为报修
        </Btn>
      ) : null}
      {c.canConvert ? (
        <Btn block className='concern-act-vote' onClick={() => open('vote')}>
          须业主表决
        </Btn>
      ) : null}
      {c.canMerge ? (
        <Btn block className='concern-act-merge' onClick={() => open('merge')}>
          与相同的民情合并
        </Btn>
      ) : null}
    </View>
  );
}
