/**
 * 报修统计: one compound, one month, from one call — how many by category (plain
 * CSS bars a manager reads at a glance), how fast (median and slowest 10%), how
 * satisfied, how many ran late.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { durationText } from '@core/repairs/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useKept } from '@/hooks/useKept';
import { api } from '@/services/cloud';
import { addMonths, shanghaiMonth } from '@core/platform/period';
import '../../common.scss';
import './index.scss';

export default function StatsPage() {
  const fromLink = useRouter().params.compoundId ?? '';
  const [picked, setPicked] = useState(fromLink);
  const [period, setPeriod] = useState(shanghaiMonth());
  // One call: without a pick the figures are of my first compound, and name my compounds.
  const stats = useRemote(
    () => api('repairs').call('repairs.stats', { ...(picked ? { compoundId: picked } : {}), period }),
    [picked, period],
  );
  const compounds = useKept(stats.data?.compounds, []);
  const compoundId = picked || stats.data?.compoundId || '';
  const s = stats.data;
  const [y, m] = period.split('-');

  return (
    <PageShell className='repair-stats'>
      {compounds.length > 1 ? (
        <Choice
          columns={2}
          options={compounds.map((c) => ({ value: c.compoundId, label: c.name }))}
          value={compoundId}
          onChange={setPicked}
        />
      ) : null}
      <View className='stats-month'>
        <Btn size='small' className='stats-prev' onClick={() => setPeriod(addMonths(period, -1))}>
          ‹ 上月
        </Btn>
        <View className='stats-month__label'>{`${y}年${Number(m)}月`}</View>
        <Btn size='small' className='stats-next' disabled={period >= shanghaiMonth()} onClick={() => setPeriod(addMonths(period, 1))}>
          下月 ›
        </Btn>
      </View>
      <StateView {...stats.state} permission='repair.stats' permissionAction='查看报修统计'>
        {s ? (
          <View>
            <View className='stats-tiles'>
              <View className='stats-tile'>
                <View className='stats-tile__num stats-total'>{s.total}</View>
                <View className='stats-tile__label'>报修</View>
              </View>
              <View className={`stats-tile${s.overduePercent > 20 ? ' stats-tile--bad' : ''}`}>
                <View className='stats-tile__num stats-overdue'>{s.overduePercent}%</View>
                <View className='stats-tile__label'>超时 {s.overdue} 条</View>
              </View>
              <View className='stats-tile'>
                <View className='stats-tile__num stats-satisfaction'>
                  {s.satisfaction.averageTenths === null ? '—' : (s.satisfaction.averageTenths / 10).toFixed(1)}
                </View>
                <View className='stats-tile__label'>满意度（{s.satisfaction.rated}人评）</View>
              </View>
            </View>

            <View className='card'>
              <View className='card__title'>各类报修</View>
              {s.byCategory.length === 0 ? <View className='muted'>本月没有报修</View> : null}
              {s.byCategory.map((b) => (
                <View key={b.category} className='stats-bar'>
                  <View className='stats-bar__label'>{b.category}</View>
                  <View className='stats-bar__track'>
                    <View className='stats-bar__fill' style={{ width: `${b.barPercent}%` }}>
                      {b.overdue > 0 ? (
                        <View className='stats-bar__late' style={{ width: `${Math.round((b.overdue * 100) / b.count)}%` }} />
                      ) : null}
                    </View>
                  </View>
                  <View className='stats-bar__num'>{b.count}</View>
                </View>
              ))}
              <View className='stats-legend'>
                <View className='stats-legend__item'>
                  <View className='stats-swatch' />
                  按时
                </View>
                <View className='stats-legend__item'>
                  <View className='stats-swatch stats-swatch--late' />
                  超时
                </View>
              </View>
            </View>

            <View className='card'>
              <View className='card__title'>处理速度</View>
              <View className='row'>
                <View className='row__main'>受理：一般</View>
                <View className='row__side stats-accept-median'>{durationText(s.acceptMinutes.median)}</View>
              </View>
              <View className='row'>
                <View className='row__main'>受理：最慢的一成</View>
                <View className='row__side'>{durationText(s.acceptMinutes.p90)}</View>
              </View>
              <View className='row'>
                <View className='row__main'>修好：一般</View>
                <View className='row__side stats-finish-median'>{durationText(s.finishMinutes.median)}</View>
              </View>
              <View className='row'>
                <View className='row__main'>修好：最慢的一成</View>
                <View className='row__side'>{durationText(s.finishMinutes.p90)}</View>
              </View>
            </View>

            <View className='card'>
              <View className='card__title'>住户评价</View>
              {[5, 4, 3, 2, 1].map((star) => {
                const n = s.satisfaction.stars[star - 1];
                const max = Math.max(1, ...s.satisfaction.stars);
                return (
                  <View key={star} className='stats-bar'>
                    <View className='stats-bar__label'>{'★'.repeat(star)}</View>
                    <View className='stats-bar__track'>
                      <View
                        className='stats-bar__fill stats-bar__fill--star'
                        style={{ width: `${n ? Math.max(4, Math.round((n * 100) / max)) : 0}%` }}
                      />
                    </View>
                    <View className='stats-bar__num'>{n}</View>
                  </View>
                );
              })}
              {s.satisfaction.goodPercent !== null ? <View className='muted'>4星及以上占 {s.satisfaction.goodPercent}%</View> : null}
            </View>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
