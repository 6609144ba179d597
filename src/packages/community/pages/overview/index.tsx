/**
 * 互看互比: every compound of the community in one table for the last complete month
 * (aggregates only), each heading opening its definition and caveat, a 12-month
 * trend per figure, and a pick of compounds to compare side by side.
 */
import { scopedGrants } from '@core/authz';
import { useState } from 'react';
import { View } from '@tarojs/components';
import type { FigureDef, FigureKey } from '@core/community/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { loadMe } from '@/store/me';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { COMMUNITY_ROUTES } from '@/features/community/routes';
import FigureSheet from '../../FigureSheet';
import './index.scss';

const ROUTES = routePaths(COMMUNITY_ROUTES);

export default function CommunityOverviewPage() {
  const me = useRemote(loadMe);
  const communityId = scopedGrants(me.data?.roles ?? [], 'community.overview')[0]?.communityId ?? '';
  const o = useRemote(() => api('community').call('overview.get', { communityId }), [communityId], { skip: !communityId });
  const [sheet, setSheet] = useState<FigureDef | null>(null);
  const [trendKey, setTrendKey] = useState<FigureKey>('feeCollection');
  const [picked, setPicked] = useState<string[]>([]);
  const data = o.data;
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const trendFigure = data?.figures.find((f) => f.key === trendKey);
  return (
    <PageShell className='community-overview'>
      <StateView
        {...o.state}
        loading={o.state.loading || me.loading}
        denied={!!me.data && !communityId}
        permission='community.overview'
        permissionAction='查看各小区数据'
      >
        {data ? (
          <View>
            <View className='card'>
              <View className='card__title'>
                {data.communityName} · {data.period} 月
              </View>
              <View className='muted'>每个数字都是小区整体的统计，不含任何住户的姓名、房号或金额。点表头看口径和注意事项。</View>
              <View className='cm-links'>
                <Btn className='cm-go-scorecards' onClick={() => go(ROUTES.communityScorecards)}>
                  示范创建评分
                </Btn>
                <Btn className='cm-go-cases' onClick={() => go(ROUTES.communityCases)}>
                  互学案例
                </Btn>
                <Btn className='cm-go-report' onClick={() => go(`${ROUTES.communityReport}?period=${data.period}`)}>
                  月度报告
                </Btn>
              </View>
            </View>
            <View className='card'>
              <View className='cm-scroll'>
                <View className='cm-table cm-overview'>
                  <View className='cm-tr'>
                    <View className='cm-th cm-name'>小区</View>
                    <View className='cm-th'>户数</View>
                    {data.figures.map((f) => (
                      <View key={f.key} className={`cm-th cm-th--tap cm-head-${f.key}`} onClick={() => setSheet(f)}>
                        {f.label} ⓘ
                      </View>
                    ))}
                  </View>
                  {data.rows.map((r) => (
                    <View key={r.compoundId} className={`cm-tr cm-row cm-row-${r.compoundId}`}>
                      <View className='cm-td cm-name'>
                        {r.name}
                        {r.model ? <View className='cm-model'>示范</View> : null}
                      </View>
                      <View className='cm-td'>{r.homes}</View>
                      {data.figures.map((f) => (
                        <View key={f.key} className={`cm-td cm-cell--${r.cells[f.key].state} cm-cell-${f.key}`}>
                          {r.cells[f.key].text}
                        </View>
                      ))}
                    </View>
                  ))}
                </View>
              </View>
            </View>
            <View className='card cm-trends'>
              <View className='card__title'>近12个月趋势</View>
              <View className='cm-chips'>
                {data.figures
                  .filter((f) => !f.pending)
                  .map((f) => (
                    <View key={f.key} className={`cm-chip ${f.key === trendKey ? 'cm-chip--on' : ''}`} onClick={() => setTrendKey(f.key)}>
                      {f.short}
                    </View>
                  ))}
              </View>
              {trendFigure ? (
                <View className='muted'>
                  {data.periods[0]} 至 {data.periods[data.periods.length - 1]}，{trendFigure.label}
                </View>
              ) : null}
              {data.rows.map((r) => {
                const cells = r.trend[trendKey];
                const max = Math.max(0, ...cells.map((c) => c.value ?? 0)) || 1;
                const last = [...cells].reverse().find((c) => c.state === 'value');
                return (
                  <View key={r.compoundId} className={`cm-trend-row cm-trend-${r.compoundId}`}>
                    <View className='cm-trend-row__head'>
                      <View className='cm-trend-row__name'>{r.name}</View>
                      <View className='cm-trend-row__last'>
                        {last ? last.text : cells.some((c) => c.state === 'small') ? '样本太少' : '暂无数据'}
                      </View>
                    </View>
                    <View className='cm-trend' aria-label={`${r.name}${trendFigure?.label ?? ''}趋势`}>
                      {cells.map((c, i) => (
                        <View
                          key={i}
                          className={`cm-trend__bar ${c.state === 'value' ? '' : 'cm-trend__bar--empty'}`}
                          style={c.state === 'value' ? { height: `${Math.max(8, Math.round(((c.value ?? 0) / max) * 100))}%` } : undefined}
                        />
                      ))}
                    </View>
                  </View>
                );
              })}
            </View>
            <View className='card cm-pick'>
              <View className='card__title'>选小区对比（至少两个）</View>
              <View className='cm-chips'>
                {data.rows.map((r) => (
                  <View
                    key={r.compoundId}
                    className={`cm-chip cm-pick-${r.compoundId} ${picked.includes(r.compoundId) ? 'cm-chip--on' : ''}`}
                    onClick={() => toggle(r.compoundId)}
                  >
                    {picked.includes(r.compoundId) ? '✓ ' : ''}
                    {r.name}
                  </View>
                ))}
              </View>
              <Btn
                type='primary'
                block
                className='cm-compare-go'
                disabled={picked.length < 2}
                onClick={() => go(`${ROUTES.communityCompare}?ids=${encodeURIComponent(picked.join(','))}&period=${data.period}`)}
              >
                {picked.length < 2 ? '请至少选择两个小区' : `对比 ${picked.length} 个小区`}
              </Btn>
            </View>
          </View>
        ) : null}
      </StateView>
      <FigureSheet figure={sheet} onClose={() => setSheet(null)} />
    </PageShell>
  );
}
