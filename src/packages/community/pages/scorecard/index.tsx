/**
 * One compound's 六有 scorecard of a month: the score and how it was made (every line),
 * each item's own answer with its photo evidence and what the other compounds said, and
 * who rated whom. Its own branch or committee fills the self-assessment here; another
 * compound's rates it here (once a month, never their own).
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ScorecardView } from '@core/community/contract';
import { shanghaiDay } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import Evidence from '../../Evidence';
import AssessSheet from '../../AssessSheet';
import RateSheet from '../../RateSheet';
import './index.scss';

export default function ScorecardPage() {
  const params = useRouter().params;
  const compoundId = decodeURIComponent(params.compoundId ?? '');
  const period = params.period && /^\d{4}-\d{2}$/.test(params.period) ? params.period : undefined;
  const card = useRemote(
    () => api('community').call('scorecards.get', { compoundId, ...(period ? { period } : {}) }),
    [compoundId, period],
    {
      skip: !compoundId,
    },
  );
  const [assessing, setAssessing] = useState(false);
  const [rateFrom, setRateFrom] = useState<{ compoundId: string; name: string } | null>(null);
  const v = card.data;
  const done = (next: ScorecardView, title: string) => {
    card.setData(next);
    setAssessing(false);
    setRateFrom(null);
    void Taro.showToast({ title, icon: 'success' });
  };
  return (
    <PageShell className='community-scorecard'>
      <StateView {...card.state} permission='scorecard.view' permissionAction='查看示范创建评分'>
        {v ? (
          <View>
            <View className='card sc-head'>
              <View className='card__title'>
                {v.compoundName} · {v.period} 月{v.model ? <View className='cm-model'>示范</View> : null}
              </View>
              <View className='sc-total'>{v.score.score === null ? '暂无得分' : `${v.score.score} 分`}</View>
              <View className='muted sc-how'>{v.score.how}</View>
              <View className='muted'>
                {v.assessed ? `${v.assessedByRole ?? ''}于 ${shanghaiDay(v.assessedAt ?? '')} 自评` : '本月尚未自评'}
              </View>
              {v.canAssess ? (
                <Btn type='primary' block className='sc-assess-open' onClick={() => setAssessing(true)}>
                  {v.assessed ? '修改本月自评' : '填写本月自评'}
                </Btn>
              ) : null}
              {v.rateAs
                .filter((r) => !r.done)
                .map((r) => (
                  <Btn key={r.compoundId} type='primary' block className='sc-rate-open' onClick={() => setRateFrom(r)}>
                    以{r.name}名义互评
                  </Btn>
                ))}
              {v.rateAs
                .filter((r) => r.done)
                .map((r) => (
                  <View key={r.compoundId} className='muted sc-rated'>
                    {r.name}本月已评过{v.compoundName}
                  </View>
                ))}
            </View>
            <View className='card'>
              <View className='card__title'>六有（自评与互评）</View>
              {v.items.map((i) => (
                <View key={i.key} className={`sc-item sc-item-${i.key}`}>
                  <View className='sc-item__head'>
                    <View className='sc-item__label'>{i.label}</View>
                    <View className={`sc-item__verdict ${i.met ? 'sc-item__verdict--met' : ''}`}>{i.met ? '计分' : '不计分'}</View>
                  </View>
                  <View className='muted'>{i.hint}</View>
                  <View className='sc-item__self'>
                    自评：{i.self ? (i.self.met ? '有' : '没有') : '未填'}
                    {i.self?.note ? `（${i.self.note}）` : ''}
                  </View>
                  <Evidence photos={i.self?.photos ?? []} className={`sc-evidence-${i.key}`} />
                  <View className='muted'>
                    互评：{i.peers.yes + i.peers.no ? `${i.peers.yes} 个小区认可，${i.peers.no} 个不认可` : '尚无'}
                  </View>
                </View>
              ))}
            </View>
            <View className='card sc-lines'>
              <View className='card__title'>得分怎么算的</View>
              {v.score.lines.map((l) => (
                <View key={l.key} className={`row sc-line sc-line-${l.key}`}>
                  <View className='row__main'>
                    <View className='row__title'>{l.label}</View>
                    <View className='row__sub'>{l.how}</View>
                  </View>
                  <View className='row__side'>{l.earned === null ? '不计入' : `${l.earned}/${l.weight}`}</View>
                </View>
              ))}
            </View>
            <View className='card sc-ratings'>
              <View className='card__title'>互评记录（谁评了谁）</View>
              {v.ratings.length ? null : <View className='muted'>本月还没有小区评{v.compoundName}。</View>}
              {v.ratings.map((r) => (
                <View key={r.fromCompoundId} className={`sc-rating sc-rating-${r.fromCompoundId}`}>
                  <View className='row__title'>
                    {r.fromCompoundName}（{r.byRole}）评{v.compoundName} · {shanghaiDay(r.at)}
                  </View>
                  <View className='row__sub'>{v.items.map((i) => `${i.label}${r.items[i.key] ? '✓' : '✗'}`).join(' ')}</View>
                  {r.comment ? <View className='muted'>评语：{r.comment}</View> : null}
                </View>
              ))}
              {v.given.length ? (
                <View className='muted sc-given'>
                  {v.compoundName}本月评了：{v.given.map((g) => g.toCompoundName).join('、')}
                </View>
              ) : null}
            </View>
            {assessing ? (
              <AssessSheet view={v} open={assessing} onClose={() => setAssessing(false)} onDone={(n) => done(n, '已提交自评')} />
            ) : null}
            {rateFrom ? (
              <RateSheet view={v} from={rateFrom} onClose={() => setRateFrom(null)} onDone={(n) => done(n, '已提交互评')} />
            ) : null}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
