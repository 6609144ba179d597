/** The count: turnout by owners and by area against two thirds, each choice's share, and the summary. */
import { View } from '@tarojs/components';
import type { CountResult, MatterDetail } from '@core/votes/contract';
import { m2, pct } from '../../logic';

export default function Figures({ r, d }: { r: CountResult; d: MatterDetail }) {
  return (
    <View className='vote-count'>
      <View className='vote-figures'>
        <View className='vote-figure'>
          <View className='vote-figure__label'>参与户数（业主人数）</View>
          <View className='vote-figure__value vote-count__owners'>
            {r.turnout.owners} / {r.roll.owners}
          </View>
          <View className='vote-bar'>
            <View className='vote-bar__fill' style={{ width: `${pct(r.turnout.owners, r.roll.owners)}%` }} />
          </View>
        </View>
        <View className='vote-figure'>
          <View className='vote-figure__label'>参与面积</View>
          <View className='vote-figure__value'>{m2(r.turnout.areaCenti)}</View>
          <View className='vote-bar'>
            <View className='vote-bar__fill' style={{ width: `${pct(r.turnout.areaCenti, r.roll.areaCenti)}%` }} />
          </View>
        </View>
      </View>
      {r.missing ? <View className='vote-missing'>{r.missing}</View> : <View className='vote-met'>参与已达三分之二（户数和面积）</View>}
      {r.choices.map((c) => (
        <View key={c.id} className='vote-choice-row'>
          <View className='vote-choice-row__name'>
            {d.choiceLabels[c.id] ?? c.id}
            {r.elected.includes(c.id) ? '（当选）' : ''}
          </View>
          <View className='muted'>
            {c.owners} 户 · {m2(c.areaCenti)}
            {c.id !== 'abstain' && c.id !== 'reject'
              ? `（占参与：户数${pct(c.owners, c.ofOwners)}%，面积${pct(c.areaCenti, c.ofAreaCenti)}%）`
              : ''}
          </View>
        </View>
      ))}
      <View className={`vote-result__summary ${r.passed ? 'vote-result__summary--pass' : 'vote-result__summary--fail'}`}>{r.summary}</View>
    </View>
  );
}
