/** 车位登记: the compound's spaces, renting one to a home, ending a rental (parking page). */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { ParkingSpaceView } from '@core/fees/contract';
import { addMonths, expandSpaceNos, PARKING_LIMITS, periodLabel } from '@core/fees/rules';
import { formatFen } from '@core/platform/units';
import { shanghaiMonth } from '@core/platform/period';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import { usePaged } from '@/hooks/usePaged';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';
import { monthName, HomeChoice, homeInput, HomePick } from './HomePick';

export function Spaces({ compoundId }: { compoundId: string }) {
  const now = shanghaiMonth();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const list = usePaged(
    (p) => api('fees').call('parking.spaces', p),
    { compoundId, size: 30, ...(query ? { q: query } : {}) },
    { refreshOnShow: true },
  );
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
    const ok = await confirmAction({
      title: '退租',
      content: `车位${ending.spaceNo}（${who}）从${periodLabel(month)}起退租，不再收停车费。确定吗？`,
      confirmText: '确定退租',
      cancelText: '再想想',
      danger: true,
    });
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
  const endMonths = ending
    ? Array.from({ length: 6 }, (_, i) =>
        addMonths(
          (ending.upcoming ?? ending.current)?.from && (ending.upcoming ?? ending.current)!.from > now
            ? (ending.upcoming ?? ending.current)!.from
            : now,
          i,
        ),
      )
    : [];
  return (
    <View className='pk-spaces'>
      {page ? (
        <View className='card pk-summary'>
          <View className='pk-summary__figures'>
            共 <View className='pk-figure'>{page.total}</View> 个车位，本月出租 <View className='pk-figure'>{page.rented}</View> 个
          </View>
          <View className='muted'>
            {page.rateFen !== null ? `停车费 ${formatFen(page.rateFen)}元/个/月，每月随物业费账单生成` : '还没有设置停车费单价（收费标准）'}
          </View>
          {page.canWrite ? (
            adding ? (
              <View className='pk-add'>
                <View className='field__label'>登记车位号</View>
                <Input
                  className='fees-field pk-add-input'
                  placeholder='如 A-001~A-020 或 A-021、A-022'
                  value={newNos}
                  onInput={(e) => setNewNos(e.detail.value)}
                />
                {newNos.trim() ? (
                  <View className={expanded ? 'muted' : 'form-error'}>
                    {expanded
                      ? `共 ${expanded.length} 个：${expanded.slice(0, 6).join('、')}${expanded.length > 6 ? '…' : ''}`
                      : `车位号有误，一次最多登记${PARKING_LIMITS.spacesPerAdd}个`}
                  </View>
                ) : null}
                <View className='actions'>
                  <Btn onClick={() => setAdding(false)}>取消</Btn>
                  <Btn
                    type='primary'
                    className='pk-add-submit'
                    loading={busy}
                    disabled={!expanded || !expanded.length}
                    onClick={() => void add()}
                  >
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
        <Input
          className='fees-field pk-search__input'
          placeholder='搜车位号或房号，如 A-012、3栋'
          value={q}
          confirmType='search'
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => setQuery(q.trim())}
        />
        <Btn className='pk-search__btn' onClick={() => setQuery(q.trim())}>
          搜索
        </Btn>
      </View>
      <StateView
        {...list.state}
        empty={
          !!page &&
          list.items.length === 0 &&
          (query
            ? { title: `没有找到“${query}”`, text: '换个车位号或房号试试。' }
            : { title: '还没有登记车位', text: '点“登记车位”录入本小区的车位号。' })
        }
      >
        <View className='card pk-list'>
          {list.items.map((s) => (
            <View key={s.id} className={`pk-space pk-space--${s.current ? 'rented' : s.upcoming ? 'upcoming' : 'free'}`}>
              <View className='pk-space__main'>
                <View className='pk-space__no'>{s.spaceNo}</View>
                <View className='pk-space__status'>{s.statusLabel}</View>
                {s.current && s.upcoming ? (
                  <View className='muted'>{`${s.upcoming.fromLabel}起出租给 ${s.upcoming.homeLabel}`}</View>
                ) : null}
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
      <Sheet
        open={!!renting}
        title={renting ? `出租车位 ${renting.spaceNo}` : ''}
        onClose={() => setRenting(null)}
        className='pk-sheet pk-rent-sheet'
      >
        {renting ? (
          <View className='pk-sheet__body'>
            <HomePick compoundId={compoundId} value={home} onChange={setHome} prefix='pk-rent' />
            <View className='field__label'>从哪个月起出租</View>
            <Choice
              className='pk-months'
              columns={3}
              options={months.map((m) => ({ value: m, label: m === now ? '本月' : monthName(m, now) }))}
              value={month}
              onChange={setMonth}
            />
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
      <Sheet
        open={!!ending}
        title={ending ? `车位 ${ending.spaceNo} 退租` : ''}
        onClose={() => setEnding(null)}
        className='pk-sheet pk-end-sheet'
      >
        {ending ? (
          <View className='pk-sheet__body'>
            <View className='muted'>{ending.statusLabel}</View>
            <View className='field__label'>从哪个月起不再出租</View>
            <Choice
              className='pk-months'
              columns={3}
              options={endMonths.map((m) => ({ value: m, label: m === now ? '本月' : monthName(m, now) }))}
              value={month}
              onChange={setMonth}
            />
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
