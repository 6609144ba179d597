/**
 * Turning a concern into an owners' vote (《民法典》第二百七十八条): the handler may link a
 * vote the committee has already drafted or announced in this compound, or leave it
 * for the committee to draft. Finished votes are not offered.
 */
import { View } from '@tarojs/components';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';

/** '' = not linked yet. */
export default function VotePicker(props: { compoundId: string; value: string; onChange: (voteId: string) => void }) {
  const matters = useRemote(() => api('votes').call('matters.list', { compoundId: props.compoundId }), [props.compoundId]);
  const open = (matters.data ?? []).filter((m) => m.phase !== 'final');
  return (
    <View>
      <View className='concern-note'>
        涉及共有部分的改造、使用和收益等，依《民法典》第二百七十八条由业主共同决定。业委会在“业主表决”中起草表决事项。
      </View>
      {open.length ? (
        <View className='field'>
          <View className='field__label'>关联已起草的表决（选填）</View>
          <Choice
            className='concern-vote-pick'
            columns={1}
            options={[
              { value: '', label: '暂不关联，由业委会起草' },
              ...open.map((m) => ({ value: m.id, label: m.title, hint: m.phaseLabel })),
            ]}
            value={props.value}
            onChange={props.onChange}
          />
        </View>
      ) : null}
    </View>
  );
}
