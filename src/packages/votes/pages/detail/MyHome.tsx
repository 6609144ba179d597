/** One of my homes: its area, whether it voted, and the ballot to cast or change until the close. */
import { useState } from 'react';
import { View } from '@tarojs/components';
import type { MatterDetail, MyVoteHome } from '@core/votes/contract';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { choiceText, m2 } from '../../logic';

export default function MyHome({
  d,
  h,
  onCast,
}: {
  d: MatterDetail;
  h: MyVoteHome;
  onCast: (h: MyVoteHome, choices: string[]) => Promise<void>;
}) {
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
          {h.origin ? `。${h.origin}` : h.via === 'paper' ? '（纸质票）' : ''}
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
