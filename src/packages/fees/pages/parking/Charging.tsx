/** 充电登记: a charging session recorded for a home, and the month's sessions (parking page). */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, View } from '@tarojs/components';
import { addMonths, PARKING_LIMITS, periodLabel, sessionStartProblem } from '@core/fees/rules';
import { billLineFen, formatFen, parseHundredths } from '@core/platform/units';
import { dayAfter, shanghaiInstant, shanghaiMinute } from '@core/platform/period';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { monthName, HomeChoice, homeInput, HomePick } from './HomePick';

export function Charging({ compoundId }: { compoundId: string }) {
  const nowText = shanghaiMinute();
  const now = nowText.slice(0, 7);
  const [period, setPeriod] = useState(now);
  const sessions = useRemote(() => api('fees').call('ev.sessions', { compoundId, period }), [compoundId, period], { refreshOnShow: true });
  const data = sessions.data;
  const [home, setHome] = useState<HomeChoice>(null);
  const [energy, setEnergy] = useState('');
  const [day, setDay] = useState(nowText.slice(0, 10));
  const [time, setTime] = useState(nowText.slice(11, 16));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const request = useRequestId([JSON.stringify(home), energy, day, time]);
  const energyCenti = parseHundredths(energy);
  const earliest = dayAfter(-PARKING_LIMITS.sessionMaxAgeDays);
  const rateFen = period === now ? (data?.rateFen ?? null) : null;

  async function record() {
    setError(null);
    const h = homeInput(home);
    if (!h) return setError('请选择房屋，或输入房号（如 3栋2单元101）');
    if (!energyCenti) return setError('请填写电量（度），最多两位小数，如 12.5');
    if (energyCenti > PARKING_LIMITS.maxEnergyCenti) return setError(`一次充电最多${PARKING_LIMITS.maxEnergyCenti / 100}度`);
    const at = shanghaiInstant(day, time).toISOString();
    const late = sessionStartProblem(new Date(at), new Date());
    if (late) return setError(late);
    setBusy(true);
    try {
      const s = await api('fees').call('ev.record', { clientRequestId: request.id, compoundId, ...h, energyCenti, at });
      request.renew();
      void Taro.showToast({ title: '已记录', icon: 'success' });
      setEnergy('');
      setHome(null);
      setFormKey((k) => k + 1);
      if (s.period !== period) setPeriod(s.period);
      else void sessions.reload();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='pk-ev'>
      {data?.canWrite ? (
        <View className='card pk-ev-form'>
          <View className='card__title'>记一次充电</View>
          <HomePick key={formKey} compoundId={compoundId} value={home} onChange={setHome} prefix='pk-ev' />
          <View className='field__label'>电量（度）</View>
          <Input
            className='fees-field pk-energy'
            type='digit'
            placeholder='如 12.5'
            value={energy}
            onInput={(e) => setEnergy(e.detail.value)}
          />
          <View className='field__label'>开始时间</View>
          <View className='pk-when'>
            <Picker mode='date' value={day} start={earliest} end={nowText.slice(0, 10)} onChange={(e) => setDay(String(e.detail.value))}>
              <View className='fees-field pk-day'>{day} ▾</View>
            </Picker>
            <Picker mode='time' value={time} onChange={(e) => setTime(String(e.detail.value))}>
              <View className='fees-field pk-time'>{time} ▾</View>
            </Picker>
          </View>
          {energy && !energyCenti ? <View className='form-error'>电量应为数字，最多两位小数</View> : null}
          {energyCenti && rateFen !== null ? (
            <View className='pk-preview'>
              {formatFen(energyCenti)}度 × {formatFen(rateFen)}元 ={' '}
              <View className='pk-figure'>{formatFen(billLineFen(energyCenti, rateFen))}元</View>
            </View>
          ) : null}
          {data.rateFen === null && period === now ? (
            <View className='banner banner--warn'>还没有设置充电费单价，请先在“收费标准”里设置。</View>
          ) : null}
          {error ? <View className='form-error pk-error'>{error}</View> : null}
          <Btn type='primary' block className='pk-ev-submit' loading={busy} onClick={() => void record()}>
            记录并出账单
          </Btn>
          <View className='muted pk-note'>记录后生成一张待缴账单，住户在“物业缴费”里缴纳。</View>
        </View>
      ) : null}
      <Choice
        className='pk-ev-months'
        columns={2}
        options={[now, addMonths(now, -1)].map((m) => ({
          value: m,
          label: m === now ? `本月（${Number(m.slice(5))}月）` : monthName(m, now),
        }))}
        value={period}
        onChange={setPeriod}
      />
      <StateView {...sessions.state} empty={!!data && data.items.length === 0 && { title: `${periodLabel(period)}还没有充电记录` }}>
        {data ? (
          <View className='card pk-sessions'>
            <View className='pk-sessions__total'>
              {periodLabel(period)}：{data.items.length} 次，{formatFen(data.totalEnergyCenti)}度，合计{' '}
              <View className='pk-figure'>{data.total}</View>
            </View>
            {data.items.map((s) => (
              <View key={s.id} className='pk-session'>
                <View className='pk-session__main'>
                  <View className='pk-session__home'>{s.homeLabel}</View>
                  <View className='muted'>
                    {s.atLabel} · {s.energy} × {formatFen(s.rateFen)}元 · {s.byName}
                  </View>
                </View>
                <View className='pk-session__side'>
                  <View className='pk-session__amount'>{s.amount}</View>
                  <View className={`pk-status pk-status--${s.status}`}>{s.statusLabel}</View>
                </View>
              </View>
            ))}
          </View>
        ) : null}
      </StateView>
    </View>
  );
}
