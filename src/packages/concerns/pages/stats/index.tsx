/** 民情统计: one compound's month — counts only, no names or rooms — and the month's export. */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ConcernPlaces } from '@core/concerns/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useKept } from '@/hooks/useKept';
import { api, toServiceError } from '@/services/cloud';
import { shiftMonth, thisMonth } from '../../logic';
import '../../common.scss';

const show = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);

export default function StatsPage() {
  const [picked, setPicked] = useState('');
  const [period, setPeriod] = useState(thisMonth());
  // One call: without a pick the figures are of the first compound I see figures of, with my places.
  const stats = useRemote(
    () => api('concerns').call('concerns.stats', { ...(picked ? { compoundId: picked } : {}), period }),
    [picked, period],
  );
  const places = useKept<ConcernPlaces | undefined>(stats.data?.places, undefined);
  const compounds = places?.stats ?? [];
  const compoundId = picked || stats.data?.compoundId || '';
  const [busy, setBusy] = useState(false);
  const s = stats.data;

  async function exportMonth() {
    setBusy(true);
    try {
      const r = await api('concerns').call('concerns.export', { compoundId, period });
      if (process.env.TARO_ENV === 'h5') window.open(r.url, '_blank');
      else await Taro.setClipboardData({ data: r.url });
      void Taro.showToast({ title: `已导出${r.rows}条`, icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  const rows: [string, string][] = s
    ? [
        ['反映的民情', `${s.raised} 条`],
        ['已答复', `${s.answered} 条`],
        ['按时答复', `${s.answeredInTime} 条`],
        ['答复用时（中位数）', show(s.medianDaysToAnswer, ' 天')],
        ['满意率', show(s.satisfaction, '%')],
        ['重新处理占比', show(s.reopenedShare, '%')],
        ['议事厅协商的议题', `${s.topicsDeliberated} 个`],
        ['已实施的议事结果', `${s.outcomesImplemented} 个`],
      ]
    : [];
  return (
    <PageShell className='concern-stats'>
      {compounds.length > 1 ? (
        <Choice
          columns={2}
          options={compounds.map((c) => ({ value: c.compoundId, label: c.name }))}
          value={compoundId}
          onChange={setPicked}
        />
      ) : null}
      <View className='row'>
        <Btn size='small' className='stats-prev' onClick={() => setPeriod(shiftMonth(period, -1))}>
          上个月
        </Btn>
        <View className='row__main' style={{ textAlign: 'center', fontWeight: 600 }}>
          {period}
        </View>
        <Btn size='small' className='stats-next' disabled={period >= thisMonth()} onClick={() => setPeriod(shiftMonth(period, 1))}>
          下个月
        </Btn>
      </View>
      <StateView {...stats.state} permission='concern.stats' permissionAction='查看民情统计'>
        {s ? (
          <View className='card stats-figures'>
            <View className='card__title'>
              {s.compoundName} · {s.period}
            </View>
            {rows.map(([k, v]) => (
              <View key={k} className='row'>
                <View className='row__main'>{k}</View>
                <View className='row__side'>{v}</View>
              </View>
            ))}
            {s.byCategory.map((b) => (
              <View key={b.category} className='row'>
                <View className='row__main muted'>{b.category}</View>
                <View className='row__side'>{b.count}</View>
              </View>
            ))}
          </View>
        ) : null}
        {s && places?.handles.some((h) => h.compoundId === compoundId && h.compoundWide) ? (
          <Btn block loading={busy} className='stats-export' onClick={() => void exportMonth()}>
            导出本月民情（不含姓名房号）
          </Btn>
        ) : null}
      </StateView>
    </PageShell>
  );
}
