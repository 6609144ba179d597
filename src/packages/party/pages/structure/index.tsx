/**
 * 党组织架构: 社区党组织 → 小区党支部 → 党员楼栋长. A name shows only when the person chose
 * 亮身份; otherwise the office is shown. Contact goes through 我有话说 (民情), never a phone number.
 */
import { View } from '@tarojs/components';
import type { StructurePerson, StructureView } from '@core/party/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import { linkUrl } from '@/features/links';
import { recordLine } from '../../logic';
import '../../common.scss';

function Person({ p }: { p: StructurePerson }) {
  return (
    <View className='row party-person'>
      <View className='row__main'>
        <View className='row__title'>
          {p.name ?? '（未公开姓名）'}
          {p.name ? <View className='party-badge'>党员</View> : null}
        </View>
        <View className='row__sub'>{p.title}</View>
        {p.record ? <View className='row__sub party-person-record'>亮作为：{recordLine(p.record)}</View> : null}
      </View>
    </View>
  );
}

export default function PartyStructurePage() {
  const remote = useRemote<StructureView>(() => api('party').call('party.structure', {}), []);
  const d = remote.data;
  return (
    <PageShell className='party-structure'>
      <StateView {...remote.state}>
        {d ? (
          <View>
            <View className='card party-level-1'>
              <View className='card__title'>{d.community.name}</View>
              {d.community.people.map((p, i) => (
                <Person key={i} p={p} />
              ))}
            </View>
            <View className='card party-level-2'>
              <View className='card__title'>
                {d.branch.compoundName}（党员 {d.branch.members} 名）
              </View>
              {d.branch.people.map((p, i) => (
                <Person key={i} p={p} />
              ))}
            </View>
            <View className='card party-level-3'>
              <View className='card__title'>党员楼栋长</View>
              {d.leads.map((l) => (
                <View key={l.buildingName}>
                  <View className='field__label'>{l.buildingName}</View>
                  {l.people.map((p, i) => (
                    <Person key={i} p={p} />
                  ))}
                </View>
              ))}
            </View>
            <View className='party-note'>
              姓名只在本人同意“亮身份”后显示。有事请通过“我有话说”反映，会转给您楼栋的楼栋长，不需要电话号码。
            </View>
            <Btn type='primary' block className='party-contact' onClick={() => go(linkUrl({ to: 'concernRaise', params: {} }))}>
              我有话说
            </Btn>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
