/**
 * Staff pick a home — building → unit → room — in the compounds they work in
 * (accounts `compounds.list` of just those compounds for buildings and units, `homes.list` for rooms in
 * natural order, 50 at a time): 住户报修（代登记） in repairs, renting a parking space
 * and recording a charging session in fees. `classPrefix` names the parts
 * (`<prefix>-buildings`, `-units`, `-rooms`, `-picked`) for each page's styles and tests.
 */
import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { CompoundInfo, HomeSummary } from '@core/accounts/contract';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';

export interface PickedHome {
  homeId: string;
  label: string;
}

export default function HomePicker(props: {
  compoundIds: string[];
  value: PickedHome | null;
  onChange: (home: PickedHome | null) => void;
  classPrefix: string;
  /** Words before the picked home, e.g. 报修房屋. */
  pickedLabel: string;
}) {
  const k = (part: string) => `${props.classPrefix}-${part}`;
  // Only the compounds named (and the caller's own: the server never lists a district's 500).
  const ids = props.compoundIds.join();
  const compounds = useRemote<CompoundInfo[]>(
    () => (props.compoundIds.length ? api('accounts').call('compounds.list', { compoundIds: props.compoundIds }) : Promise.resolve([])),
    [ids],
  );
  const mine = (compounds.data ?? []).filter((c) => props.compoundIds.includes(c.id));
  const [compoundId, setCompoundId] = useState('');
  const [buildingId, setBuildingId] = useState('');
  const [unit, setUnit] = useState('');
  const [rooms, setRooms] = useState<{ items: HomeSummary[]; nextCursor?: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!compoundId && mine.length) setCompoundId(mine[0].id);
  }, [compoundId, mine.length]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!compounds.data) return <StateView {...compounds.state} />;
  const compound = mine.find((c) => c.id === compoundId);
  const building = compound?.buildings.find((b) => b.id === buildingId);
  const needsUnit = !!building && building.units.length > 1;

  async function load(bId: string, u: string, cursor?: string) {
    setLoading(true);
    setError(null);
    try {
      const page = await api('accounts').call('homes.list', {
        buildingId: bId,
        ...(u ? { unit: u } : {}),
        size: 50,
        ...(cursor ? { cursor } : {}),
      });
      setRooms((prev) => ({ items: cursor && prev ? [...prev.items, ...page.items] : page.items, nextCursor: page.nextCursor }));
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setLoading(false);
    }
  }

  function pickCompound(id: string) {
    setCompoundId(id);
    setBuildingId('');
    setUnit('');
    setRooms(null);
    props.onChange(null);
  }
  function pickBuilding(id: string) {
    setBuildingId(id);
    setUnit('');
    setRooms(null);
    props.onChange(null);
    const b = compound?.buildings.find((x) => x.id === id);
    if (b && b.units.length <= 1) void load(id, b.units[0] ?? '');
  }
  function pickUnit(u: string) {
    setUnit(u);
    setRooms(null);
    props.onChange(null);
    if (buildingId) void load(buildingId, u);
  }

  return (
    <View className={k('home')}>
      {mine.length > 1 ? (
        <>
          <View className='field__label'>小区</View>
          <Choice
            className={k('compounds')}
            columns={2}
            options={mine.map((c) => ({ value: c.id, label: c.name }))}
            value={compoundId}
            onChange={pickCompound}
          />
        </>
      ) : null}
      {compound ? (
        <>
          <View className='field__label'>楼栋</View>
          <Choice
            className={k('buildings')}
            columns={3}
            options={compound.buildings.map((b) => ({ value: b.id, label: b.name }))}
            value={buildingId}
            onChange={pickBuilding}
          />
        </>
      ) : null}
      {needsUnit ? (
        <>
          <View className='field__label'>单元</View>
          <Choice
            className={k('units')}
            columns={3}
            options={building!.units.map((u) => ({ value: u, label: `${u}单元` }))}
            value={unit}
            onChange={pickUnit}
          />
        </>
      ) : null}
      {rooms ? (
        <>
          <View className='field__label'>房号</View>
          {rooms.items.length ? (
            <Choice
              className={k('rooms')}
              columns={3}
              options={rooms.items.map((h) => ({ value: h.id, label: h.number }))}
              value={props.value?.homeId ?? null}
              onChange={(id) => {
                const h = rooms.items.find((x) => x.id === id);
                if (h) props.onChange({ homeId: h.id, label: `${h.compoundName} ${h.label}` });
              }}
            />
          ) : (
            <View className='muted'>这里还没有登记房屋。</View>
          )}
          {rooms.nextCursor ? (
            <Btn size='small' loading={loading} className={k('rooms-more')} onClick={() => void load(buildingId, unit, rooms.nextCursor)}>
              更多房号
            </Btn>
          ) : null}
        </>
      ) : loading ? (
        <View className='muted'>正在读取房号…</View>
      ) : null}
      {error ? <View className='form-error'>{error}</View> : null}
      {props.value ? (
        <View className={k('picked')}>
          {props.pickedLabel}：{props.value.label}
        </View>
      ) : null}
    </View>
  );
}
