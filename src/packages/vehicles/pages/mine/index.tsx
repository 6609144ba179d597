/**
 * 我家车辆: the plates of my homes (cars and e-bikes, at most 5 a home), each linked
 * to a parking space the home rents when there is one. Registered plates let
 * neighbours reach us through 挪车提醒 without our phone number on the windscreen.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { HomeVehicles, MyVehicles } from '@core/vehicles/contract';
import { VEHICLE_KINDS, VEHICLE_KIND_LABELS, VEHICLE_LIMITS, normalizePlate, plateProblem, type VehicleKind } from '@core/vehicles/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';
import { canChoosePlate, choosePlate, subscribeVehicles } from '../../logic';
import '../../common.scss';

function HomeCard({ home, onChange }: { home: HomeVehicles; onChange: (h: HomeVehicles) => void }) {
  const [plate, setPlate] = useState('');
  const [kind, setKind] = useState<VehicleKind>('car');
  const [space, setSpace] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function add() {
    setError(null);
    const p = normalizePlate(plate);
    const problem = p ? plateProblem(p, kind) : '请填写车牌号';
    if (problem) return setError(problem);
    setBusy(true);
    try {
      // So the household can be told when a neighbour needs the car moved.
      await subscribeVehicles();
      onChange(await api('vehicles').call('vehicles.add', { homeId: home.homeId, plate: p, kind, ...(space ? { spaceNo: space } : {}) }));
      setPlate('');
      setSpace('');
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  async function remove(p: string, label: string) {
    if (
      !(await confirmAction({
        title: '删除车牌',
        content: `删除 ${label} 后，邻居无法再通过挪车提醒找到您。确定吗？`,
        confirmText: '删除',
        cancelText: '再想想',
        danger: true,
      }))
    )
      return;
    try {
      onChange(await api('vehicles').call('vehicles.remove', { homeId: home.homeId, plate: p }));
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }

  return (
    <View className='card vehicle-home'>
      <View className='card__title'>{home.label}</View>
      {home.vehicles.length === 0 ? <View className='move-note'>还没有登记车牌。</View> : null}
      {home.vehicles.map((v) => (
        <View key={v.plate} className='vehicle-item'>
          <View className='vehicle-item__main'>
            <View className='move-plate'>{v.plateLabel}</View>
            <View className='vehicle-item__sub'>
              {v.kindLabel}
              {v.spaceNo ? ` · 车位 ${v.spaceNo}` : ''}
            </View>
          </View>
          <Btn size='small' className='vehicle-remove' onClick={() => void remove(v.plate, v.plateLabel)}>
            删除
          </Btn>
        </View>
      ))}
      {home.canAdd ? (
        <View className='vehicle-add'>
          <View className='field__label'>添加车牌（每户最多{VEHICLE_LIMITS.perHome}个）</View>
          <Choice
            className='vehicle-kinds'
            columns={2}
            options={VEHICLE_KINDS.map((k) => ({ value: k, label: VEHICLE_KIND_LABELS[k] }))}
            value={kind}
            onChange={setKind}
          />
          <View className='plate-row'>
            <Input
              className='field__input plate-row__input vehicle-plate-input'
              value={plate}
              maxlength={12}
              placeholder={kind === 'car' ? '如 闽E12345' : '电动车牌照号'}
              onInput={(e) => setPlate(e.detail.value)}
            />
            {canChoosePlate ? (
              <Btn size='small' onClick={() => void choosePlate().then((p) => p && setPlate(p))}>
                选择车牌
              </Btn>
            ) : null}
          </View>
          {home.spaces.length && kind === 'car' ? (
            <View>
              <View className='field__label'>停在哪个车位（本户租用的）</View>
              <Choice
                className='vehicle-spaces'
                columns={3}
                options={[{ value: '', label: '不关联' }, ...home.spaces.map((s) => ({ value: s, label: s }))]}
                value={space}
                onChange={setSpace}
              />
            </View>
          ) : null}
          {error ? <View className='form-error vehicle-error'>{error}</View> : null}
          <Btn type='primary' block loading={busy} className='vehicle-add-submit' onClick={add}>
            添加
          </Btn>
        </View>
      ) : (
        <View className='move-note'>已登记{VEHICLE_LIMITS.perHome}个，删除一个后才能再添加。</View>
      )}
    </View>
  );
}

export default function MyVehiclesPage() {
  const remote = useRemote<MyVehicles>(() => api('vehicles').call('vehicles.mine', {}), []);
  const d = remote.data;
  return (
    <PageShell className='vehicle-mine'>
      <View className='banner banner--info'>
        登记后，邻居发现您的车挡道、没关窗时能直接提醒您，不用把电话留在车上。只有本户、业委会和物业能看到完整车牌。
      </View>
      <StateView {...remote.state} empty={!!d && d.homes.length === 0 && { title: '绑定房屋后可以登记车辆' }}>
        {d?.homes.map((h) => (
          <HomeCard
            key={h.homeId}
            home={h}
            onChange={(next) =>
              remote.setData((prev) => prev && { ...prev, homes: prev.homes.map((x) => (x.homeId === next.homeId ? next : x)) })
            }
          />
        ))}
      </StateView>
    </PageShell>
  );
}
