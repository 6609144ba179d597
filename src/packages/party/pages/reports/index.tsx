/**
 * 走访统计 (the branch, the community office): counts only — visits per member per month,
 * households not visited in six months per building — and the quarter's 服务先锋 with
 * the rule written under it. No room, note or household name is here.
 */
import { useState } from 'react';
import { View } from '@tarojs/components';
import type { ReportView } from '@core/party/contract';
import { periodLabel } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import CompoundPicker from '../../CompoundPicker';
import '../../common.scss';

export default function PartyReportsPage() {
  // No compound at first: the function opens the caller's branch (the community office: its first compound, with the others to pick).
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const remote = useRemote<ReportView>(() => api('party').call('party.reports', picked ? { compoundId: picked } : {}), [picked]);
  const d = remote.data;
  return (
    <PageShell className='party-reports'>
      <StateView {...remote.state} permission='party.reports' permissionAction='查看走访统计'>
        {d ? (
          <View>
            <CompoundPicker compounds={d.compounds} value={d.compoundId} onChange={setPicked} />
            <View className='card party-vanguard'>
              <View className='card__title'>
                {d.compoundName} · {d.quarter} 服务先锋
              </View>
              {d.vanguard.map((v, i) => (
                <View key={v.name} className='row'>
                  <View className='row__main'>
                    <View className='row__title'>
                      {i + 1}. {v.name}
                    </View>
                    <View className='row__sub'>
                      走访 {v.visits} 户次 · 需跟进 {v.followUps} 件 · 包联 {v.households} 户 · 志愿 {v.hours} 小时 · 当面告知 {v.told} 户 ·
                      答复民情 {v.answered} 件
                    </View>
                  </View>
                  <View className='row__side'>{v.score} 分</View>
                </View>
              ))}
              <View className='party-note'>评选规则：{d.vanguardRule}</View>
            </View>
            <View className='card party-buildings-report'>
              <View className='card__title'>半年未走访的住户（按楼栋）</View>
              {d.buildings.map((b) => (
                <View key={b.name} className='party-tr'>
                  <View className='party-td party-td--name'>{b.name}</View>
                  <View className={`party-td${b.stale ? ' party-bad' : ' party-ok'}`}>{b.stale} 户</View>
                  <View className='party-td party-muted'>共 {b.homes} 户</View>
                </View>
              ))}
            </View>
            <View className='card party-members-report'>
              <View className='card__title'>每位党员每月走访户次</View>
              <View className='party-table'>
                <View className='party-tr'>
                  <View className='party-td party-td--name'>党员</View>
                  {d.periods.map((p) => (
                    <View key={p} className='party-td'>
                      {periodLabel(p).replace(/^\d+年/, '')}
                    </View>
                  ))}
                </View>
                {d.members.map((m) => (
                  <View key={m.personId} className='party-tr'>
                    <View className='party-td party-td--name'>{m.name}</View>
                    {m.counts.map((c, i) => (
                      <View key={d.periods[i]} className='party-td'>
                        {c}
                      </View>
                    ))}
                  </View>
                ))}
              </View>
            </View>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
