/**
 * A 互学 case: the problem, what was done, its photos and the figures that moved (the
 * compound's 12 months to the case, suppressed as in the overview). The office features it.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { shanghaiDay } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import Evidence from '../../Evidence';
import './index.scss';

export default function CasePage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const kase = useRemote(() => api('community').call('cases.get', { caseId: id }), [id], { skip: !id });
  const [busy, setBusy] = useState(false);
  const c = kase.data;

  async function feature(featured: boolean) {
    setBusy(true);
    try {
      kase.setData(await api('community').call('cases.feature', { caseId: id, featured }));
      void Taro.showToast({ title: featured ? '已设为精选' : '已取消精选', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='community-case'>
      <StateView {...kase.state} permission='case.read' permissionAction='查看互学案例'>
        {c ? (
          <View>
            <View className='card'>
              <View className='card__title case-title'>
                {c.title}
                {c.featured ? <View className='case-featured'>精选</View> : null}
              </View>
              <View className='muted'>
                {c.compoundName} · {c.byRole} · 来自{c.sourceLabel} · {shanghaiDay(c.createdAt)}
              </View>
              <View className='section-title'>原来的问题</View>
              <View className='case-body case-problem'>{c.problem}</View>
              <View className='section-title'>怎么做的</View>
              <View className='case-body case-done'>{c.done}</View>
              <Evidence photos={c.photos} className='case-photos' />
            </View>
            {c.figures.length ? (
              <View className='card case-figures'>
                <View className='card__title'>数据变化（{c.compoundName}，近12个月）</View>
                {c.figures.map((f) => {
                  const max = Math.max(0, ...f.trend.map((x) => x.value ?? 0)) || 1;
                  const last = [...f.trend].reverse().find((x) => x.state === 'value');
                  return (
                    <View key={f.key} className={`cm-trend-row case-figure-${f.key}`}>
                      <View className='cm-trend-row__head'>
                        <View className='cm-trend-row__name'>{f.label}</View>
                        <View className='cm-trend-row__last'>{last ? last.text : (f.trend[f.trend.length - 1]?.text ?? '')}</View>
                      </View>
                      <View className='cm-trend' aria-label={`${f.label}趋势`}>
                        {f.trend.map((x, i) => (
                          <View
                            key={i}
                            className={`cm-trend__bar ${x.state === 'value' ? '' : 'cm-trend__bar--empty'}`}
                            style={
                              x.state === 'value' ? { height: `${Math.max(8, Math.round(((x.value ?? 0) / max) * 100))}%` } : undefined
                            }
                          />
                        ))}
                      </View>
                      <View className='muted'>
                        {f.periods[0]} 至 {f.periods[f.periods.length - 1]}
                      </View>
                    </View>
                  );
                })}
              </View>
            ) : null}
            {c.canFeature ? (
              <Btn
                type={c.featured ? 'default' : 'primary'}
                block
                loading={busy}
                className='case-feature'
                onClick={() => void feature(!c.featured)}
              >
                {c.featured ? '取消精选' : '设为社区精选'}
              </Btn>
            ) : null}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
