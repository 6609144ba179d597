/**
 * 民情处理: a lead's buildings, or the whole compound for the branch and committee;
 * open, overdue, escalated (上报) or all. The branch and committee set the
 * compound's escalation days and the 议事 threshold here.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { ConcernPlaces, ConcernSettings } from '@core/concerns/contract';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import { usePaged } from '@/hooks/usePaged';
import { useKept } from '@/hooks/useKept';
import { api, toServiceError } from '@/services/cloud';
import ConcernRow from '../../components/ConcernRow';
import '../../common.scss';

type Filter = 'open' | 'overdue' | 'escalated' | 'all';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'open', label: '待答复' },
  { value: 'overdue', label: '已超时' },
  { value: 'escalated', label: '已上报' },
  { value: 'all', label: '全部' },
];

export default function QueuePage() {
  const initial = (useRouter().params.filter as Filter | undefined) ?? 'open';
  const [picked, setPicked] = useState('');
  const [filter, setFilter] = useState<Filter>(FILTERS.some((f) => f.value === initial) ? initial : 'open');
  // One call: without a pick the queue is of the first compound I handle, with its settings and my places.
  const list = usePaged(
    (p) => api('concerns').call('concerns.queue', p),
    { ...(picked ? { compoundId: picked } : {}), filter, size: 20 },
    { refreshOnShow: true },
  );
  const handles = useKept<ConcernPlaces | undefined>(list.page?.places, undefined)?.handles ?? [];
  const compoundId = picked || list.page?.compoundId || '';
  const here = handles.find((h) => h.compoundId === compoundId);
  const [sheet, setSheet] = useState(false);
  const [settings, setSettings] = useState<ConcernSettings | null>(null);
  const [days, setDays] = useState('');
  const [threshold, setThreshold] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answered = list.page?.settings;
  useEffect(() => {
    if (answered === undefined) return;
    setSettings(answered);
    if (answered) {
      setDays(String(answered.escalateDays));
      setThreshold(String(answered.topicThreshold));
    }
  }, [answered]);

  async function save() {
    setError(null);
    const d = Number(days);
    const t = Number(threshold);
    if (!Number.isInteger(d) || d < 1 || d > 30) return setError('上报天数应为1到30的整数');
    if (!Number.isInteger(t) || t < 2 || t > 500) return setError('议事人数应为2到500的整数');
    try {
      setSettings(await api('concerns').call('concerns.setSettings', { compoundId, escalateDays: d, topicThreshold: t }));
      setSheet(false);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setError(toServiceError(e).message);
    }
  }

  return (
    <PageShell className='concern-queue'>
      {handles.length > 1 ? (
        <Choice
          columns={2}
          options={handles.map((h) => ({ value: h.compoundId, label: h.name }))}
          value={compoundId}
          onChange={setPicked}
        />
      ) : null}
      {settings ? (
        <View className='banner banner--info'>
          {here?.compoundWide ? '小区全部民情' : '您负责楼栋的民情'}：{settings.escalateDays}天未答复自动上报党支部和业委会；公开的民情有
          {settings.topicThreshold}位邻居关心，反映人可提交议事厅。
          {here?.compoundWide ? (
            <View className='concern-link queue-settings' onClick={() => setSheet(true)}>
              修改 ›
            </View>
          ) : null}
        </View>
      ) : null}
      <Choice className='queue-filters' columns={2} options={FILTERS} value={filter} onChange={setFilter} />
      <StateView {...list.state} empty={!!list.page && list.items.length === 0 && { title: '没有需要处理的民情' }}>
        {list.items.map((c) => (
          <ConcernRow key={c.id} c={c} />
        ))}
        <LoadMore list={list} />
      </StateView>
      <Sheet open={sheet} title='上报与议事设置' onClose={() => setSheet(false)}>
        <View className='field'>
          <View className='field__label'>几天未答复就上报</View>
          <Input className='field__input settings-days' type='number' value={days} onInput={(e) => setDays(e.detail.value)} />
        </View>
        <View className='field'>
          <View className='field__label'>几位邻居关心可提交议事厅</View>
          <Input
            className='field__input settings-threshold'
            type='number'
            value={threshold}
            onInput={(e) => setThreshold(e.detail.value)}
          />
        </View>
        {error ? <View className='form-error'>{error}</View> : null}
        <Btn type='primary' block className='settings-save' onClick={() => void save()}>
          保存
        </Btn>
      </Sheet>
    </PageShell>
  );
}
