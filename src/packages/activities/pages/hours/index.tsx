/** 志愿时长: mine this year by month and activity, my building's and my compound's totals, and the 亮身份 ranking. */
import { View } from '@tarojs/components';
import { formatMinutes } from '@core/activities/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import '@/packages/activities/common.scss';

export default function HoursPage() {
  const data = useRemote(() => api('activities').call('activities.hoursPage', {}), [], { refreshOnShow: true });
  const d = data.data;
  return (
    <PageShell className='act-hours'>
      <StateView {...data.state}>
        {d ? (
          <View>
            <View className='card act-hours-me'>
              <View className='card__title'>我的志愿时长（{d.mine.year}年）</View>
              <View className='act-total act-my-total'>{formatMinutes(d.mine.totalMinutes)}</View>
              {(d.mine.items ?? []).map((i) => (
                <View key={i.activityId} className='act-row act-hours-item'>
                  <View className='act-row__name'>{i.title}</View>
                  <View className='act-row__side'>
                    {i.period} · {formatMinutes(i.minutes)}
                    {i.corrected ? '（已更正）' : ''}
                  </View>
                </View>
              ))}
              {!d.mine.items?.length ? <View className='muted'>参加活动签到、签退后，时长会记在这里。</View> : null}
            </View>
            {[d.building, d.compound].map((s) =>
              s ? (
                <View key={s.scope} className={`card act-hours-${s.scope}`}>
                  <View className='card__title'>
                    {s.label}（{s.year}年）
                  </View>
                  <View className='act-total'>{formatMinutes(s.totalMinutes)}</View>
                  <View className='muted'>{s.volunteers ?? 0} 位邻居参加</View>
                  {s.months.map((m) => (
                    <View key={m.period} className='act-row'>
                      <View className='act-row__name'>{m.period}</View>
                      <View className='act-row__side'>{formatMinutes(m.minutes)}</View>
                    </View>
                  ))}
                </View>
              ) : null,
            )}
            {d.ranking ? (
              <View className='card act-ranking'>
                <View className='card__title'>党员亮身份 · 志愿时长榜</View>
                {d.ranking.rows.length === 0 ? <View className='muted'>还没有亮身份的党员志愿时长。</View> : null}
                {d.ranking.rows.map((r) => (
                  <View key={r.rank} className='act-row'>
                    <View className='act-row__no'>{r.rank}</View>
                    <View className='act-row__name'>
                      {r.name}
                      <View className='party-badge'>党员</View>
                    </View>
                    <View className='act-row__side'>{formatMinutes(r.minutes)}</View>
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
