/** 好邻居 / 好家庭 评选: the compound's selections (open and finished, each with its 荣誉榜), and 发起评选 for the branch or the committee. */
import { useState } from 'react';
import { View } from '@tarojs/components';
import type { SelectionList } from '@core/party/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import { URL } from '../../logic';
import OpenSelection from '../../OpenSelection';
import '../../common.scss';

const open = (id: string) => go(`${URL.partySelection}?id=${encodeURIComponent(id)}`);

export default function PartySelectionsPage() {
  const remote = useRemote<SelectionList>(() => api('party').call('party.selections', {}), [], { refreshOnShow: true });
  const [opening, setOpening] = useState(false);
  const d = remote.data;
  return (
    <PageShell className='party-selections'>
      <StateView {...remote.state} empty={!!d && d.items.length === 0 && !d.canOpen && { title: '还没有评选' }}>
        {d ? (
          <View>
            <View className='banner banner--info'>
              {d.compoundName}的好邻居、好家庭由住户提名、每户一票选出。被提名的住户同意后才会公开显示。
            </View>
            {d.items.map((s) => (
              <View key={s.id} className='card row row--link party-selection-item' onClick={() => open(s.id)}>
                <View className='row__main'>
                  <View className='row__title'>{s.title}</View>
                  <View className='row__sub'>
                    {s.kindLabel} · {s.places} 个名额
                  </View>
                </View>
                <View className={`row__side${s.phase === 'published' ? ' party-ok' : ''}`}>
                  {s.phase === 'published' ? '荣誉榜' : s.phaseLabel}
                </View>
              </View>
            ))}
            {d.canOpen && !opening ? (
              <Btn type='primary' block className='party-sel-open' onClick={() => setOpening(true)}>
                发起新的评选
              </Btn>
            ) : null}
            {d.canOpen && opening ? <OpenSelection compoundId={d.compoundId} onDone={(s) => open(s.id)} /> : null}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
