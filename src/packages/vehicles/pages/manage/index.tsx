/**
 * 车辆与挪车 for the people who answer for a compound: requests forwarded to me (a
 * building lead, the property office), the register of plates with rooms (the
 * committee, the property manager), people who ask often or were reported (the
 * property office) and this month's figures. Each section shows only when the
 * permission table gives it; the function checks every call. The community office
 * sees every compound's figures of the month side by side.
 */
import { useState } from 'react';
import { View } from '@tarojs/components';
import type { MoveStats, RepeatRequester } from '@core/vehicles/contract';
import { can, scopedGrants, type Permission } from '@core/authz';
import { shanghaiMonth } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { usePaged } from '@/hooks/usePaged';
import { api } from '@/services/cloud';
import { cachedMe } from '@/store/me';
import { actorOf } from '@/utils/actor';
import { formatDateTime } from '@/utils/format';
import { openMove } from '../../logic';
import CommunityStats from '../../CommunityStats';
import '../../common.scss';

type Tab = 'queue' | 'register' | 'repeat' | 'stats';
const TABS: { key: Tab; label: string; permission: Permission }[] = [
  { key: 'queue', label: '转来的提醒', permission: 'vehicle.respond' },
  { key: 'register', label: '车辆登记', permission: 'vehicle.viewAll' },
  { key: 'repeat', label: '反复提醒', permission: 'vehicle.oversee' },
  { key: 'stats', label: '本月数据', permission: 'vehicle.stats' },
];
const month = () => shanghaiMonth();

function Queue({ compoundId }: { compoundId: string }) {
  const list = usePaged((p) => api('vehicles').call('vehicles.queue', p), { compoundId, size: 20 }, { refreshOnShow: true });
  return (
    <StateView {...list.state} empty={list.items.length === 0 && { title: '没有待处理的挪车提醒' }}>
      {list.items.map((q) => (
        <View key={q.id} className='card row row--link move-queue-item' onClick={() => openMove(q.id)}>
          <View className='row__main'>
            <View className='row__title'>
              {q.plateLabel} · {q.reason}
            </View>
            <View className='row__sub'>
              {q.homeLabel ? `车主：${q.homeLabel}` : '未登记的车牌'} · {formatDateTime(q.createdAt)}
            </View>
          </View>
          <View className='row__side'>{q.statusLabel}</View>
        </View>
      ))}
      <LoadMore list={list} />
    </StateView>
  );
}

function Register({ compoundId }: { compoundId: string }) {
  const list = usePaged((p) => api('vehicles').call('vehicles.register', p), { compoundId, size: 30 });
  return (
    <StateView {...list.state} empty={list.items.length === 0 && { title: '还没有住户登记车辆' }}>
      <View className='move-note'>共 {list.page?.total ?? 0} 个车牌</View>
      <View className='card'>
        {list.items.map((v) => (
          <View key={v.plate} className='vehicle-item register-item'>
            <View className='vehicle-item__main'>
              <View className='move-plate'>{v.plateLabel}</View>
              <View className='vehicle-item__sub'>
                {v.homeLabel} · {v.kindLabel}
                {v.spaceNo ? ` · 车位 ${v.spaceNo}` : ''}
              </View>
            </View>
          </View>
        ))}
      </View>
      <LoadMore list={list} />
    </StateView>
  );
}

function Repeat({ compoundId }: { compoundId: string }) {
  const r = useRemote<{ items: RepeatRequester[]; threshold: number }>(
    () => api('vehicles').call('vehicles.repeat', { compoundId }),
    [compoundId],
  );
  return (
    <StateView {...r.state} empty={!!r.data && r.data.items.length === 0 && { title: '没有反复提醒或被举报的人' }}>
      <View className='move-note'>30天内提醒{r.data?.threshold ?? 5}次以上，或被车主举报骚扰的住户。</View>
      <View className='card'>
        {r.data?.items.map((x) => (
          <View key={x.personId} className='vehicle-item repeat-item'>
            <View className='vehicle-item__main'>
              <View>
                {x.name} · {x.homeLabel}
              </View>
              <View className='vehicle-item__sub'>
                提醒 {x.requests} 次{x.reported ? ` · 被举报 ${x.reported} 次` : ''}
              </View>
            </View>
          </View>
        ))}
      </View>
    </StateView>
  );
}

function Stats({ compoundId }: { compoundId: string }) {
  const s = useRemote<MoveStats>(() => api('vehicles').call('vehicles.stats', { compoundId, period: month() }), [compoundId]);
  const d = s.data;
  return (
    <StateView {...s.state}>
      {d ? (
        <View className='card move-stats'>
          <View className='card__title'>
            {d.compoundName} {d.period}
          </View>
          <View className='move-line'>挪车提醒 {d.requests} 次</View>
          <View className='move-line'>车主处理用时（中位数）：{d.medianMinutes === null ? '—' : `${d.medianMinutes} 分钟`}</View>
          <View className='move-line'>
            转给物业或楼栋长：{d.forwardedPercent === null ? '—' : `${d.forwardedPercent}%`}（{d.forwarded} 次）
          </View>
          <View className='move-note'>提醒30天后删除，这里的次数保留。</View>
        </View>
      ) : null}
    </StateView>
  );
}

export default function VehicleManagePage() {
  const me = cachedMe();
  const actor = actorOf(me);
  const compounds = [
    ...new Map(
      (me?.roles ?? [])
        .filter((r) => r.compoundId)
        .map((r) => [r.compoundId!, { compoundId: r.compoundId!, communityId: r.communityId, name: r.scopeLabel.split(' ')[0] }]),
    ).values(),
  ];
  const [picked, setPicked] = useState('');
  const c = compounds.find((x) => x.compoundId === picked) ?? compounds[0];
  const target = c ? { communityId: c.communityId, compoundId: c.compoundId } : null;
  // A lead holds vehicle.respond for buildings: the queue is theirs too.
  const tabs = TABS.filter(
    (t) =>
      target &&
      (can(actor, t.permission, target) ||
        (t.key === 'queue' &&
          scopedGrants(me?.roles ?? [], 'vehicle.respond').some((r) => r.scope === 'building' && r.compoundId === c!.compoundId))),
  );
  const [tab, setTab] = useState<Tab | ''>('');
  const current = tabs.find((t) => t.key === tab)?.key ?? tabs[0]?.key;
  // The community office holds the figures for its whole community, with no compound of its own.
  const office = scopedGrants(me?.roles ?? [], 'vehicle.stats').find((g) => g.scope === 'community');
  if (!compounds.length && office) {
    return (
      <PageShell className='vehicle-manage'>
        <CommunityStats communityId={office.communityId} />
      </PageShell>
    );
  }
  return (
    <PageShell className='vehicle-manage'>
      {compounds.length > 1 ? (
        <Choice
          columns={2}
          options={compounds.map((x) => ({ value: x.compoundId, label: x.name }))}
          value={c?.compoundId}
          onChange={setPicked}
        />
      ) : null}
      {tabs.length > 1 ? (
        <Choice
          className='vehicle-tabs'
          columns={2}
          options={tabs.map((t) => ({ value: t.key, label: t.label }))}
          value={current}
          onChange={setTab}
        />
      ) : null}
      <StateView denied={!current} permission={['vehicle.respond', 'vehicle.viewAll', 'vehicle.stats']} permissionAction='处理挪车提醒'>
        {c && current === 'queue' ? <Queue compoundId={c.compoundId} /> : null}
        {c && current === 'register' ? <Register compoundId={c.compoundId} /> : null}
        {c && current === 'repeat' ? <Repeat compoundId={c.compoundId} /> : null}
        {c && current === 'stats' ? <Stats compoundId={c.compoundId} /> : null}
      </StateView>
    </PageShell>
  );
}
