/** 我的民情: what I raised (or was raised for my home), and the ones I follow (我也关心, merged duplicates). */
import { useState } from 'react';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { usePaged } from '@/hooks/usePaged';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import ConcernRow from '../../components/ConcernRow';
import { URL } from '../../logic';
import '../../common.scss';

export default function MyConcernsPage() {
  const [tab, setTab] = useState<'mine' | 'following'>('mine');
  const list = usePaged(
    (p) => api('concerns').call('concerns.mine', p),
    { following: tab === 'following', size: 20 },
    { refreshOnShow: true },
  );
  return (
    <PageShell className='concern-mine'>
      <Btn type='primary' block className='concern-new' onClick={() => go(URL.concernRaise)}>
        我有话说
      </Btn>
      <View style={{ marginTop: '20px' }}>
        <Choice
          className='mine-tabs'
          columns={2}
          options={[
            { value: 'mine' as const, label: '我反映的' },
            { value: 'following' as const, label: '我关心的' },
          ]}
          value={tab}
          onChange={setTab}
        />
      </View>
      <StateView
        {...list.state}
        empty={
          list.items.length === 0 && {
            title: tab === 'mine' ? '还没有反映过问题' : '还没有关心的民情',
            text: tab === 'mine' ? '有操心事、烦心事，点上面的“我有话说”。' : '在民情公开栏点“我也关心”，进展会在这里看到。',
          }
        }
      >
        {list.items.map((c) => (
          <ConcernRow key={c.id} c={c} showNext={tab === 'mine'} />
        ))}
        <LoadMore list={list} />
      </StateView>
    </PageShell>
  );
}
