/**
 * 党员包联: my households (names masked unless they agreed to be contacted, then 打电话),
 * 记录走访 with 需要跟进, the follow-ups I may register as 民情 (a lead, the secretary),
 * my own record (亮作为) and my 亮身份 consent — separate, off until I give it, withdrawn here.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { HouseholdView, MyHouseholds, VisitView } from '@core/party/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { refreshMe } from '@/store/me';
import VisitForm from '../../VisitForm';
import TaskRow from '../../TaskRow';
import { formatMinutes } from '@core/activities/rules';
import '../../common.scss';

function Consent({ d, onChange }: { d: MyHouseholds; onChange: (on: boolean) => void }) {
  const [busy, setBusy] = useState(false);
  async function flip() {
    setBusy(true);
    try {
      await api('accounts').call('me.update', { showPartyBadge: !d.showPartyBadge });
      onChange(!d.showPartyBadge);
      void refreshMe();
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='card party-consent'>
      <View className='card__title'>亮身份</View>
      <View className='party-muted'>
        {d.showPartyBadge
          ? '您已同意向住户显示“党员”身份：通知、活动、架构页和楼栋卡片上会显示。可以随时撤回，撤回后已发布的内容也不再显示。'
          : '您目前不向住户显示党员身份。是否亮身份由您自己决定，同意后也可以随时撤回。'}
      </View>
      <View className='party-actions'>
        <Btn type={d.showPartyBadge ? 'default' : 'primary'} loading={busy} className='party-consent-toggle' onClick={flip}>
          {d.showPartyBadge ? '撤回，不再显示' : '同意亮明党员身份'}
        </Btn>
      </View>
    </View>
  );
}

export default function PartyHouseholdsPage() {
  const remote = useRemote<MyHouseholds>(() => api('party').call('party.mine', {}), [], { refreshOnShow: true });
  const [visiting, setVisiting] = useState<HouseholdView | null>(null);
  const d = remote.data;
  const set = (f: (x: MyHouseholds) => MyHouseholds) => remote.setData((x) => x && f(x));
  const visited = (v: VisitView) => {
    setVisiting(null);
    void remote.reload();
    void Taro.showToast({ title: v.followUp && !v.canRaiseConcern ? '已保存，已交楼栋长跟进' : '已保存', icon: 'none' });
  };
  return (
    <PageShell className='party-households'>
      <StateView {...remote.state}>
        {d ? (
          <View>
            {d.member ? (
              <View className='card party-record'>
                <View className='card__title'>我的亮作为 · {d.compoundName}</View>
                <View className='party-figures'>
                  <View className='party-figure'>
                    <View className='party-figure__value'>{d.record.households}</View>
                    <View className='party-figure__label'>包联户数</View>
                  </View>
                  <View className='party-figure'>
                    <View className='party-figure__value'>{d.visitedThisMonth}</View>
                    <View className='party-figure__label'>本月已走访</View>
                  </View>
                  <View className='party-figure'>
                    <View className='party-figure__value'>{d.record.visitsThisQuarter}</View>
                    <View className='party-figure__label'>本季走访户次</View>
                  </View>
                  <View className='party-figure'>
                    <View className='party-figure__value'>{d.record.followUpsThisQuarter}</View>
                    <View className='party-figure__label'>本季需跟进</View>
                  </View>
                  <View className='party-figure'>
                    <View className='party-figure__value'>{formatMinutes(d.record.volunteerMinutesThisYear)}</View>
                    <View className='party-figure__label'>今年志愿时长</View>
                  </View>
                  <View className='party-figure'>
                    <View className='party-figure__value'>{d.record.toldThisYear}</View>
                    <View className='party-figure__label'>今年当面告知（户）</View>
                  </View>
                  <View className='party-figure'>
                    <View className='party-figure__value'>{d.record.answeredThisYear}</View>
                    <View className='party-figure__label'>今年答复民情（件）</View>
                  </View>
                </View>
              </View>
            ) : null}
            {d.tasks.length ? (
              <View className='card party-tasks'>
                <View className='card__title'>待登记的跟进事项 {d.tasks.length} 件</View>
                {d.tasks.map((t) => (
                  <TaskRow key={t.id} visit={t} onDone={(v) => set((x) => ({ ...x, tasks: x.tasks.filter((y) => y.id !== v.id) }))} />
                ))}
              </View>
            ) : null}
            {d.member ? (
              <View className='card party-homes'>
                <View className='card__title'>我包联的住户（{d.items.length} 户）</View>
                {d.items.length === 0 ? <View className='party-muted'>支部书记还没有给您分配住户。</View> : null}
                {d.items.map((i) => (
                  <View key={i.homeId} className='row party-home'>
                    <View className='row__main'>
                      <View className='row__title'>
                        {i.label} {i.contactName ?? ''}
                      </View>
                      <View className={`row__sub${i.stale ? ' party-bad' : ''}`}>
                        {i.lastVisit ? `上次走访 ${i.lastVisit}` : '还没有走访过'}
                        {i.visitedThisMonth ? ' · 本月已走访' : i.stale ? ' · 半年未走访' : ''}
                      </View>
                    </View>
                    {i.phone ? (
                      <Btn size='small' className='party-call' onClick={() => void Taro.makePhoneCall({ phoneNumber: i.phone! })}>
                        打电话
                      </Btn>
                    ) : null}
                    <Btn size='small' type='primary' className='party-visit-open' onClick={() => setVisiting(i)}>
                      记走访
                    </Btn>
                  </View>
                ))}
                <View className='party-note'>走访记录只有本支部能看到，一年后自动删除，只保留次数。</View>
              </View>
            ) : null}
            {d.recent.length ? (
              <View className='card party-recent'>
                <View className='card__title'>最近的走访</View>
                {d.recent.map((v) => (
                  <View key={v.id} className='row'>
                    <View className='row__main'>
                      <View className='row__title'>
                        {v.homeLabel} · {v.modeLabel}
                      </View>
                      <View className='row__sub'>
                        {v.date} {v.topicLabels.join('、')}
                        {v.followUp ? (v.concernId ? ' · 已登记民情' : ' · 待跟进') : ''}
                      </View>
                    </View>
                  </View>
                ))}
              </View>
            ) : null}
            {d.member ? <Consent d={d} onChange={(on) => set((x) => ({ ...x, showPartyBadge: on }))} /> : null}
          </View>
        ) : null}
      </StateView>
      <VisitForm home={visiting} onClose={() => setVisiting(null)} onDone={visited} />
    </PageShell>
  );
}
