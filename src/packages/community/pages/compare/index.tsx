/**
 * 对比示范小区: the picked compounds in columns (the model first, marked), and under
 * each figure every compound's gap to the model in words — the sentence comes from
 * the function (core/community/rules gapInWords), the page never re-derives it.
 */
import { scopedGrants } from '@core/authz';
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { FigureDef } from '@core/community/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import { useRemote } from '@/hooks/useRemote';
import { loadMe } from '@/store/me';
import { api } from '@/services/cloud';
import FigureSheet from '../../FigureSheet';
import './index.scss';

export default function CommunityComparePage() {
  const params = useRouter().params;
  const ids = decodeURIComponent(params.ids ?? '')
    .split(',')
    .filter(Boolean);
  const period = params.period && /^\d{4}-\d{2}$/.test(params.period) ? params.period : undefined;
  const me = useRemote(loadMe);
  const communityId = scopedGrants(me.data?.roles ?? [], 'community.overview')[0]?.communityId ?? '';
  const c = useRemote(
    () => api('community').call('compare.get', { communityId, compoundIds: ids, ...(period ? { period } : {}) }),
    [communityId, ids.join(','), period],
    { skip: !communityId },
  );
  const [sheet, setSheet] = useState<FigureDef | null>(null);
  const data = c.data;
  return (
    <PageShell className='community-compare'>
      <StateView
        {...c.state}
        loading={c.state.loading || me.loading}
        denied={!!me.data && !communityId}
        permission='community.overview'
        permissionAction='对比各小区数据'
      >
        {data ? (
          <View>
            <View className='card'>
              <View className='card__title'>{data.period} 月对比</View>
              <View className='muted'>
                {data.modelCompoundId ? '第一列为示范小区，每项下面说明与示范小区的差距。' : '社区尚未设定示范小区，只列数字。'}
              </View>
            </View>
            <View className='card'>
              <View className='cm-scroll'>
                <View className='cm-table cm-compare'>
                  <View className='cm-tr'>
                    <View className='cm-th cm-name'>指标</View>
                    {data.columns.map((col) => (
                      <View key={col.compoundId} className={`cm-th cm-col-${col.compoundId}`}>
                        {col.name}
                        {col.model ? <View className='cm-model'>示范</View> : null}
                      </View>
                    ))}
                  </View>
                  {data.figures.map((f) => (
                    <View key={f.key} className='cm-tr'>
                      <View className={`cm-td cm-name cm-th--tap cm-head-${f.key}`} onClick={() => setSheet(f)}>
                        {f.label} ⓘ
                      </View>
                      {data.columns.map((col) => (
                        <View key={col.compoundId} className={`cm-td cm-cell--${col.cells[f.key].state}`}>
                          {col.cells[f.key].text}
                        </View>
                      ))}
                    </View>
                  ))}
                </View>
              </View>
            </View>
            {data.columns
              .filter((col) => col.gaps)
              .map((col) => (
                <View key={col.compoundId} className={`card cm-gaps cm-gaps-${col.compoundId}`}>
                  <View className='card__title'>{col.name} 与示范小区的差距</View>
                  {data.figures
                    .filter((f) => !f.pending)
                    .map((f) => (
                      <View key={f.key} className={`cm-gap cm-gap-${f.key} ${col.gaps![f.key].behind ? 'cm-gap--behind' : ''}`}>
                        {col.gaps![f.key].text}
                      </View>
                    ))}
                </View>
              ))}
          </View>
        ) : null}
      </StateView>
      <FigureSheet figure={sheet} onClose={() => setSheet(null)} />
    </PageShell>
  );
}
