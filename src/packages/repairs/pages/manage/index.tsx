/** 报修管理: the compound's repairs by 待处理 / 超时 / 已完工 / 全部; overdue ones stand out. */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Choice from '@/components/Choice';
import { usePaged } from '@/hooks/usePaged';
import { useKept } from '@/hooks/useKept';
import { api } from '@/services/cloud';
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
  // One call: without a pick the list is of the first compound I may list, and names those compounds.
  const [picked, setPicked] = useState('');
  const list = usePaged(
    (p) => api('repairs').call('repairs.list', p),
    { ...(picked ? { compoundId: picked } : {}), filter, size: 20 },
    {
      refreshOnShow: true,
    },
  );
  const compounds = useKept(list.page?.compounds, []);
  const compoundId = picked || list.page?.compoundId || '';

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
        {...list.state}
        permission={['repair.manage', 'repair.viewAll']}
        permissionAction='查看小区报修'
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
