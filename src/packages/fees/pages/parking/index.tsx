/**
 * 车位与充电: the compound's parking-space register (search by space or room, 出租 to a
 * home from a month, 退租 from a month, 登记车位 by number or range) and EV charging:
 * record a session (home, 电量 in 度 with two decimals, start time) that becomes one
 * bill of the home, and the month's sessions with their amounts. The functions check
 * everything; the page only decides what to show.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, View } from '@tarojs/components';
import { can } from '@core/authz';
import type { ParkingSpaceView } from '@core/fees/contract';
import { addMonths, expandSpaceNos, PARKING_LIMITS, periodLabel, sessionStartProblem } from '@core/fees/rules';
import { billLineFen, formatFen, parseHundredths } from '@core/platform/units';
import { dayAfter, shanghaiInstant, shanghaiMinute, shanghaiMonth } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import HomePicker from '@/components/HomePicker';
import { useRemote } from '@/hooks/useRemote';
import { usePaged } from '@/hooks/usePaged';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';
import { loadMe } from '@/store/me';
import { actorOf } from '@/utils/actor';
import '../../common.scss';
import './index.scss';

const monthName = (p: string, now: string) => (p.slice(0, 4) === now.slice(0, 4) ? `${Number(p.slice(5))}月` : periodLabel(p));

type HomeChoice = { homeId: string; label: string } | { room: string } | null;
const homeInput = (h: HomeChoice) => (!h ? null : 'homeId' in h ? { homeId: h.homeId } : h.room.trim() ? { room: h.room.trim() } : null);

/** Building → unit → room from the directory (the shared HomePicker), or the room typed ("3栋2单元101"). */
function HomePick(props: { compoundId: string; value: HomeChoice; onChange: (h: HomeChoice) => void; prefix: string }) {
  const [mode, setMode] = useState<'pick' | 'type'>('pick');
  return (
    <View className={`pk-home ${props.prefix}-home`}>
      <Choice
        className='pk-home-mode'
        columns={2}
        options={[
          { value: 'pick', label: '按楼栋选' },
          { value: 'type', label: '输入房号' },
        ]}
        value={mode}
        onChange={(m) => {
          setMode(m);
          props.onChange(null);
        }}
      />
      {mode === 'type' ? (
        <Input className='fees-field pk-room' placeholder='如 3栋2单元101' maxlength={PARKING_LIMITS.room} value={props.value && 'room' in props.value ? props.value.room : ''} onInput={(e) => props.onChange({ room: e.detail.value })} />
      ) : (
        <HomePicker compoundIds={[props.compoundId]} value={props.value && 'homeId' in props.value ? props.value : null} onChange={props.onChange} classPrefix='pk' pickedLabel='已选' />
      )}
    </View>
  );
}

export default function ParkingPage() {
  const params = useRouter().params;
  const me = useRemote(loadMe);
  const actor = me.data ? actorOf(me.data) : null;
  const role = me.data?.roles.find((r) => r.compoundId && (!params.compoundId || r.compoundId === params.compoundId) && actor && can(actor, 'fees.parking', { communityId: r.communityId, compoundId: r.compoundId }));
  const compoundId = role?.compoundId ?? '';
  const [tab, setTab] = useState<'spaces' | 'ev'>(params.tab === 'ev' ? 'ev' : 'spaces');

  return (
    <PageShell className='fee-parking'>
      <StateView {...me.state} denied={!!me.data && !role} permission='fees.parking' permissionAction='管理车位出租和充电记录'>
        <Choice
          className='pk-tabs'
          columns={2}
          options={[
            { value: 'spaces', label: '车位出租' },
            { value: 'ev', label: '充电记录' },
          ]}
          value={tab}
          onChange={setTab}
        />
        {compoundId ? tab === 'spaces' ? <Spaces compoundId={compoundId} /> : <Charging compoundId={compoundId} /> : null}
      </StateView>
    </PageShell>
  );
}

function Spaces({ compoundId }: { compoundId: string }) {
  const now = shanghaiMonth();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const list = usePaged((p) => api('fees').call('parking.spaces', p), { compoundId, size: 30, ...(query ? { q: query } : {}) }, { refreshOnShow: true });
  const page = list.page;
  const [renting, setRenting] = useState<ParkingSpaceView | null>(null);
  const [ending, setEnding] = useState<ParkingSpaceView | null>(null);
  const [home, setHome] = useState<HomeChoice>(null);
  const [month, setMonth] = useState(now);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState(false);
  const [newNos, setNewNos] = useState('');
  const expanded = newNos.trim() ? expandSpaceNos(newNos) : [];

  function openRent(s: ParkingSpaceView) {
    setRenting(s);
    setHome(null);
    setMonth(s.rentableFrom > now ? s.rentableFrom : now);
    setError(null);
  }
  function openEnd(s: ParkingSpaceView) {
    const open = s.upcoming ?? s.current;
    setEnding(s);
    setMonth(open && open.from > now ? open.from : addMonths(now, 1));
    setError(null);
  }
  function replace(v: ParkingSpaceView) {
    list.setItems((items) => items.map((x) => (x.id === v.id ? v : x)));
  }

  async function rent() {
    if (!renting) return;
    const h = homeInput(home);
    if (!h) return setError('请选择房屋，或输入房号（如 3栋2单元101）');
    setBusy(true);
    setError(null);
    try {
      const v = await api('fees').call('parking.rent', { compoundId, spaceNo: renting.spaceNo, ...h, from: month });
      replace(v);
      setRenting(null);
      void Taro.showToast({ title: '已出租', icon: 'success' });
      void list.refresh();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  async function end() {
    if (!ending) return;
    const who = (ending.upcoming ?? ending.current)?.homeLabel ?? '';
    const ok = await confirmAction({ title: '退租', content: `车位${ending.spaceNo}（${who}）从${periodLabel(month)}起退租，不再收停车费。确定吗？`, confirmText: '确定退租', cancelText: '再想想', danger: true });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const v = await api('fees').call('parking.end', { compoundId, spaceNo: ending.spaceNo, from: month });
      replace(v);
      setEnding(null);
      void Taro.showToast({ title: '已退租', icon: 'success' });
      void list.refresh();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  async function add() {
    if (!expanded || !expanded.length) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api('fees').call('parking.add', { compoundId, spaceNos: expanded });
      void Taro.showToast({ title: `已登记${r.added.length}个`, icon: 'none' });
      setNewNos('');
      setAdding(false);
      void list.refresh();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  const months = Array.from({ length: 6 }, (_, i) => addMonths(renting && renting.rentableFrom > now ? renting.rentableFrom : now, i));
  const endMonths = ending ? Array.from({ length: 6 }, (_, i) => addMonths((ending.upcoming ?? ending.current)?.from && (ending.upcoming ?? ending.current)!.from > now ? (ending.upcoming ?? ending.current)!.from : now, i)) : [];
  return (
    <View className='pk-spaces'>
      {page ? (
        <View className='card pk-summary'>
          <View className='pk-summary__figures'>
            共 <View className='pk-figure'>{page.total}</View> 个车位，本月出租 <View className='pk-figure'>{page.rented}</View> 个
          </View>
          <View className='muted'>{page.rateFen !== null ? `停车费 ${formatFen(page.rateFen)}元/个/月，每月随物业费账单生成` : '还没有设置停车费单价（收费标准）'}</View>
          {page.canWrite ? (
            adding ? (
              <View className='pk-add'>
                <View className='field__label'>登记车位号</View>
                <Input className='fees-field pk-add-input' placeholder='如 A-001~A-020 或 A-021、A-022' value={newNos} onInput={(e) => setNewNos(e.detail.value)} />
                {newNos.trim() ? <View className={expanded ? 'muted' : 'form-error'}>{expanded ? `共 ${expanded.length} 个：${expanded.slice(0, 6).join('、')}${expanded.length > 6 ? '…' : ''}` : `车位号有误，一次最多登记${PARKING_LIMITS.spacesPerAdd}个`}</View> : null}
                <View className='actions'>
                  <Btn onClick={() => setAdding(false)}>取消</Btn>
                  <Btn type='primary' className='pk-add-submit' loading={busy} disabled={!expanded || !expanded.length} onClick={() => void add()}>
                    登记
                  </Btn>
                </View>
              </View>
            ) : (
              <View className='actions'>
                <Btn className='pk-add-open' onClick={() => setAdding(true)}>
                  登记车位
                </Btn>
              </View>
            )
          ) : null}
        </View>
      ) : null}
      <View className='pk-search'>
        <Input className='fees-field pk-search__input' placeholder='搜车位号或房号，如 A-012、3栋' value={q} confirmType='search' onInput={(e) => setQ(e.detail.value)} onConfirm={() => setQuery(q.trim())} />
        <Btn className='pk-search__btn' onClick={() => setQuery(q.trim())}>
          搜索
        </Btn>
      </View>
      <StateView {...list.state} empty={!!page && list.items.length === 0 && (query ? { title: `没有找到“${query}”`, text: '换个车位号或房号试试。' } : { title: '还没有登记车位', text: '点“登记车位”录入本小区的车位号。' })}>
        <View className='card pk-list'>
          {list.items.map((s) => (
            <View key={s.id} className={`pk-space pk-space--${s.current ? 'rented' : s.upcoming ? 'upcoming' : 'free'}`}>
              <View className='pk-space__main'>
                <View className='pk-space__no'>{s.spaceNo}</View>
                <View className='pk-space__status'>{s.statusLabel}</View>
                {s.current && s.upcoming ? <View className='muted'>{`${s.upcoming.fromLabel}起出租给 ${s.upcoming.homeLabel}`}</View> : null}
              </View>
              {page?.canWrite ? (
                <View className='pk-space__actions'>
                  {s.canRent ? (
                    <Btn size='small' type='primary' className='pk-rent' onClick={() => openRent(s)}>
                      出租
                    </Btn>
                  ) : null}
                  {s.canEnd ? (
                    <Btn size='small' className='pk-end' onClick={() => openEnd(s)}>
                      退租
                    </Btn>
                  ) : null}
                </View>
              ) : null}
            </View>
          ))}
          <LoadMore list={list} />
        </View>
      </StateView>
      <Sheet open={!!renting} title={renting ? `出租车位 ${renting.spaceNo}` : ''} onClose={() => setRenting(null)} className='pk-sheet pk-rent-sheet'>
        {renting ? (
          <View className='pk-sheet__body'>
            <HomePick compoundId={compoundId} value={home} onChange={setHome} prefix='pk-rent' />
            <View className='field__label'>从哪个月起出租</View>
            <Choice className='pk-months' columns={3} options={months.map((m) => ({ value: m, label: m === now ? '本月' : monthName(m, now) }))} value={month} onChange={setMonth} />
            {error ? <View className='form-error pk-error'>{error}</View> : null}
            <View className='actions'>
              <Btn onClick={() => setRenting(null)}>取消</Btn>
              <Btn type='primary' className='pk-rent-submit' loading={busy} onClick={() => void rent()}>
                确认出租
              </Btn>
            </View>
          </View>
        ) : null}
      </Sheet>
      <Sheet open={!!ending} title={ending ? `车位 ${ending.spaceNo} 退租` : ''} onClose={() => setEnding(null)} className='pk-sheet pk-end-sheet'>
        {ending ? (
          <View className='pk-sheet__body'>
            <View className='muted'>{ending.statusLabel}</View>
            <View className='field__label'>从哪个月起不再出租</View>
            <Choice className='pk-months' columns={3} options={endMonths.map((m) => ({ value: m, label: m === now ? '本月' : monthName(m, now) }))} value={month} onChange={setMonth} />
            <View className='muted'>已出账单的月份不能退租，最早从下一个月起。</View>
            {error ? <View className='form-error pk-error'>{error}</View> : null}
            <View className='actions'>
              <Btn onClick={() => setEnding(null)}>取消</Btn>
              <Btn type='danger' className='pk-end-submit' loading={busy} onClick={() => void end()}>
                退租
              </Btn>
            </View>
          </View>
        ) : null}
      </Sheet>
    </View>
  );
}

function Charging({ compoundId }: { compoundId: string }) {
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
  const rateFen = period === now ? data?.rateFen ?? null : null;

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
          <Input className='fees-field pk-energy' type='digit' placeholder='如 12.5' value={energy} onInput={(e) => setEnergy(e.detail.value)} />
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
              {formatFen(energyCenti)}度 × {formatFen(rateFen)}元 = <View className='pk-figure'>{formatFen(billLineFen(energyCenti, rateFen))}元</View>
            </View>
          ) : null}
          {data.rateFen === null && period === now ? <View className='banner banner--warn'>还没有设置充电费单价，请先在“收费标准”里设置。</View> : null}
          {error ? <View className='form-error pk-error'>{error}</View> : null}
          <Btn type='primary' block className='pk-ev-submit' loading={busy} onClick={() => void record()}>
            记录并出账单
          </Btn>
          <View className='muted pk-note'>记录后生成一张待缴账单，住户在“物业缴费”里缴纳。</View>
        </View>
      ) : null}
      <Choice className='pk-ev-months' columns={2} options={[now, addMonths(now, -1)].map((m) => ({ value: m, label: m === now ? `本月（${Number(m.slice(5))}月）` : monthName(m, now) }))} value={period} onChange={setPeriod} />
      <StateView {...sessions.state} empty={!!data && data.items.length === 0 && { title: `${periodLabel(period)}还没有充电记录` }}>
        {data ? (
          <View className='card pk-sessions'>
            <View className='pk-sessions__total'>
              {periodLabel(period)}：{data.items.length} 次，{formatFen(data.totalEnergyCenti)}度，合计 <View className='pk-figure'>{data.total}</View>
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
