/**
 * The concern's one sheet: the handler's answer, conversion (topic, repair, owners'
 * vote) or merge, the raiser's 不满意 reason, or a neighbour's 议事厅 proposal.
 */
import { Input, Textarea, View } from '@tarojs/components';
import type { ConcernDetail } from '@core/concerns/contract';
import { CONCERN_LIMITS } from '@core/concerns/limits';
import Btn from '@/components/Btn';
import Sheet from '@/components/Sheet';
import PickList from '../../components/PickList';
import VotePicker from './VotePicker';
import type { ConcernDetailState } from './useConcernDetailPage';

export default function ConcernSheet({ c, p }: { c: ConcernDetail; p: ConcernDetailState }) {
  const { form, error, busy } = p;
  return (
    <Sheet
      open={!!form}
      title={
        {
          answer: '答复',
          repair: '转为报修',
          topic: '转为议事厅议题',
          propose: '提交议事厅',
          vote: '须业主表决',
          unsatisfied: '哪里不满意',
          merge: '合并到哪一条',
          '': '',
        }[form ?? ''] ?? ''
      }
      onClose={() => p.setForm(null)}
      className='concern-sheet'
    >
      {form === 'merge' ? (
        <PickList
          className='concern-merge-list'
          empty='没有可以合并的民情'
          options={p.mergeList && p.mergeList.map((x) => ({ value: x.id, label: `${x.category} · ${x.placeLabel}`, hint: x.excerpt }))}
          onPick={p.merge}
        />
      ) : (
        <View>
          {form === 'topic' || form === 'propose' ? (
            <View className='field'>
              <View className='field__label'>议题</View>
              <Input
                className='field__input concern-topic-title'
                value={p.title}
                maxlength={CONCERN_LIMITS.title}
                onInput={(e) => p.setTitle(e.detail.value)}
              />
              <View className='concern-note'>议题进入“征集意见”，邻居按户发表意见；议事结果是协商意见，涉及共有部分的事仍须业主表决。</View>
            </View>
          ) : (
            <View className='field'>
              <View className='field__label'>
                {form === 'answer'
                  ? '答复内容'
                  : form === 'vote'
                    ? '为什么须业主表决'
                    : form === 'repair'
                      ? '给反映人的说明（选填）'
                      : '原因'}
              </View>
              <Textarea
                className='field__textarea concern-form-text'
                value={p.textValue}
                maxlength={CONCERN_LIMITS.answer}
                onInput={(e) => p.setText(e.detail.value)}
              />
              {form === 'vote' ? <VotePicker compoundId={c.compoundId} value={p.voteId} onChange={p.setVoteId} /> : null}
            </View>
          )}
          {error ? <View className='form-error'>{error}</View> : null}
          <Btn type='primary' block loading={busy} className='concern-form-submit' onClick={() => void p.submit()}>
            提交
          </Btn>
        </View>
      )}
      {form === 'merge' && error ? <View className='form-error'>{error}</View> : null}
    </Sheet>
  );
}
