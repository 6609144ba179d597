/** The vote detail page's parts: the consultation notice, the figures, and a home's ballot. */
import { useState } from 'react';
import { View } from '@tarojs/components';
import type { CountResult, MatterDetail, MyVoteHome } from '@core/votes/contract';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { formatDateTime } from '@/utils/format';
import { choiceText, m2, pct } from '../../logic';

export function Consultation({ d }: { d: Pick<MatterDetail, 'consultation'> }) {
  if (!d.consultation) return null;
  return (
    <View className='banner banner--warn vote-consult'>
      <View className='vote-consult__label'>{d.consultation.label}</View>
      {d.consultation.reason}
    </View>
  );
}

export function Figures({ r, d }: { r: CountResult; d: MatterDetail }) {
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
            {c.id !== 'abstain' && c.id !== 'reject' ? `（占参与：户数${pct(c.owners, c.ofOwners)}%，面积${pct(c.areaCenti, c.ofAreaCenti)}%）` : ''}
          </View>
        </View>
      ))}
      <View className={`vote-result__summary ${r.passed ? 'vote-result__summary--pass' : 'vote-result__summary--fail'}`}>{r.summary}</View>
    </View>
  );
}

export function MyHome({ d, h, onCast }: { d: MatterDetail; h: MyVoteHome; onCast: (h: MyVoteHome, choices: string[]) => Promise<void> }) {
  const [picked, setPicked] = useState<string[]>(h.choices ?? []);
  const [busy, setBusy] = useState(false);
  const options = Object.entries(d.choiceLabels).map(([value, label]) => ({ value, label }));
  const election = d.format === 'election';
  return (
    <View className='vote-home'>
      <View className='vote-home__label'>{h.label}</View>
      <View className='muted'>
        面积 {m2(h.areaCenti)}
        {h.sameOwnerHomes ? `，与同一业主的另外 ${h.sameOwnerHomes} 套合计为一票` : ''}
      </View>
      {h.voted ? (
        <View className='vote-home__status vote-home__done'>
          我家已投票{h.choices ? `：${choiceText(d, h.choices)}` : ''}
          {h.via === 'paper' ? '（纸质票）' : ''}
          {h.castBy ? `，由 ${h.castBy} 于 ${formatDateTime(h.castAt!)} 投出` : ''}
        </View>
      ) : (
        <View className='vote-home__status'>我家尚未投票</View>
      )}
      {h.canCast ? (
        <View className='vote-ballot'>
          {election ? <View className='muted'>最多选 {d.seats} 位；不选任何人请选“弃权”</View> : null}
          <Choice
            className='vote-options'
            columns={election ? 2 : 3}
            options={options}
            value={election ? undefined : picked[0]}
            onChange={(v) => {
              if (!election || v === 'abstain') return setPicked([v]);
              const rest = picked.filter((x) => x !== 'abstain');
              setPicked(rest.includes(v) ? rest.filter((x) => x !== v) : [...rest, v].slice(0, d.seats));
            }}
          />
          {election ? <View className='muted'>已选：{choiceText(d, picked) || '无'}</View> : null}
          <Btn
            type='primary'
            block
            className='vote-cast'
            disabled={picked.length === 0}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              await onCast(h, picked).finally(() => setBusy(false));
            }}
          >
            {h.voted ? '修改我的选择' : '提交我的选择'}
          </Btn>
          <View className='muted'>截止前可以修改；同一房屋的共有人共用一票。</View>
        </View>
      ) : h.cannotReason ? (
        <View className='muted vote-home__why'>{h.cannotReason}</View>
      ) : null}
    </View>
  );
}
