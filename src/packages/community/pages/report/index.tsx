/**
 * 月度报告 for the 街道: the month's table of every compound, the 12-month trends, the
 * 示范创建 scorecards and the featured 互学 cases, with each figure's definition. The
 * page prints cleanly on A4 (landscape: the table is wide) from a browser; in WeChat
 * the office exports the same report as an .xlsx.
 */
import { scopedGrants } from '@core/authz';
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatDateTime } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { loadMe } from '@/store/me';
import { api, toServiceError } from '@/services/cloud';
import { openSpreadsheet } from '@/services/files';
import { CaseList, Definitions, MonthTable, ScorecardTable, TrendTables } from '../../ReportTables';
import './index.scss';

export default function ReportPage() {
  const p = useRouter().params.period;
  const period = p && /^\d{4}-\d{2}$/.test(p) ? p : undefined;
  const me = useRemote(loadMe);
  const communityId = scopedGrants(me.data?.roles ?? [], 'community.report')[0]?.communityId ?? '';
  const report = useRemote(
    () => api('community').call('report.get', { communityId, ...(period ? { period } : {}) }),
    [communityId, period],
    {
      skip: !communityId,
    },
  );
  const [exporting, setExporting] = useState(false);
  const r = report.data;

  async function exportXlsx() {
    if (!r) return;
    setExporting(true);
    try {
      const file = await api('community').call('report.export', { communityId, period: r.period });
      await openSpreadsheet(file.url);
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setExporting(false);
    }
  }

  return (
    <PageShell className='community-report'>
      <StateView
        {...report.state}
        loading={report.state.loading || me.loading}
        denied={!!me.data && !communityId}
        permission='community.report'
        permissionAction='查看和导出月度报告'
      >
        {r ? (
          <View className='rp'>
            <View className='rp-actions no-print'>
              <Btn type='primary' block loading={exporting} className='rp-export' onClick={() => void exportXlsx()}>
                导出 Excel
              </Btn>
              {process.env.TARO_ENV === 'h5' ? (
                <Btn block className='rp-print' onClick={() => window.print()}>
                  打印（A4 横向）
                </Btn>
              ) : null}
            </View>
            <View className='rp-sheet'>
              <View className='rp-h1'>
                {r.communityName} {r.period} 月度报告
              </View>
              <View className='rp-note'>报街道 · 生成于 {formatDateTime(r.generatedAt)} · 数据来自各小区每月快照，只含小区整体的统计</View>
              <View className='rp-h2'>一、各小区本月指标</View>
              <MonthTable r={r} />
              <View className='rp-h2'>二、近12个月趋势</View>
              <TrendTables r={r} />
              <View className='rp-h2'>三、示范创建评分（六有与指标）</View>
              <ScorecardTable r={r} />
              <View className='rp-h2'>四、互学精选案例（截至生成时）</View>
              <CaseList r={r} />
              <View className='rp-h2'>五、指标口径</View>
              <Definitions r={r} />
            </View>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
