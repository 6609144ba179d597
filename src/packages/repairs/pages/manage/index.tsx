/** 报修管理: the compound's repairs by 待处理 / 超时 / 已完工 / 全部; overdue ones stand out. */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { RepairPlaces } from '@core/repairs/contract';
import { can } from '@core/authz';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { usePaged } from '@/hooks/usePaged';
import { api } from '@/services/cloud';
import { cachedMe } from '@/store/me';
import { actorOf } from '@/utils/actor';
import { go } from '@/utils/nav';
import RepairRow from '../../components/RepairRow';
import { REPAIR_URLS } from '../../logic';
import '../../common.scss';

type Filter = 'open' | 'overdue' | 'done' | 'all';
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'open', label: '处理中' },
  { key: 'overdue', label: '已超时' },
  { key: 'done', label: '已完工' },
  { key: 'all', label: '全部' },
];

export default function ManagePage() {
  const initial = (useRouter().params.filter as Filter) || 'open';
  const [filter, setFilter] = useState<Filter>(FILTERS.some((f) => f.key === initial) ? initial : 'open');
  const places = useRemote<RepairPlaces>(() => api('repairs').call('repairs.places', {}), []);
  const actor = actorOf(cachedMe());
  // The compound's own community (the office's grant is community-wide, not per compound).
  const compounds = (places.data?.compounds ?? []).filter((c) => {
    if (!cachedMe()) return true;
    const t = { communityId: c.communityId, compoundId: c.compoundId };
    return can(actor, 'repair.viewAll', t) || can(actor, 'repair.manage', t);
  });
  const [picked, setPicked] = useState('');
  const compoundId = picked || compounds[0]?.compoundId || '';
  const list = usePaged(
    (p) => api('repairs').call('repairs.list', p),
    { compoundId, filter, size: 20 },
    { skip: !compoundId, refreshOnShow: true },
  );

  return (
    <PageShell className='repair-manage'>
      {compounds.length > 1 ? (
        <Choice
          columns={2}
          options={compounds.map((c) => ({ value: c.compoundId, label: c.name }))}
          value={compoundId}
          onChange={setPicked}
        />
      ) : null}
      <View className='repair-filters'>
        {FILTERS.map((f) => (
          <View
            key={f.key}
            className={`repair-filter manage-filter-${f.key}${filter === f.key ? ' repair-filter--on' : ''}`}
            onClick={() => setFilter(f.key)}
          >
            {f.label}
          </View>
        ))}
        <View
          className='repair-filter manage-stats'
          onClick={() => go(`${REPAIR_URLS.repairStats}?compoundId=${encodeURIComponent(compoundId)}`)}
        >
          月度统计 ›
        </View>
      </View>
      <StateView
        {...(compoundId ? list.state : places.state)}
        permission={['repair.manage', 'repair.viewAll']}
        permissionAction='查看小区报修'
        denied={!!places.data && compounds.length === 0}
        empty={list.items.length === 0 && { title: filter === 'overdue' ? '没有超时的报修' : '暂无报修' }}
      >
        {list.items.map((r) => (
          <RepairRow key={r.id} r={r} />
        ))}
        <LoadMore list={list} />
      </StateView>
    </PageShell>
  );
}
