/** Making an invite code for a home, or a staff invite (invites page). */
import { useState } from 'react';
import { View } from '@tarojs/components';
import { RELATIONS, RELATION_LABELS, type Relation } from '@core/platform/roles';
import type { CompoundInfo, HomeSummary, InviteView } from '@core/accounts/contract';
import Loading from '@/components/Loading';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';

export function NewHomeInvite(props: { compounds: CompoundInfo[]; onMade: (i: InviteView) => void }) {
  const [compoundId, setCompoundId] = useState<string | null>(props.compounds.length === 1 ? props.compounds[0].id : null);
  // A lead of one building starts there.
  const [buildingId, setBuildingId] = useState<string | null>(
    props.compounds.length === 1 && props.compounds[0].buildings.length === 1 ? props.compounds[0].buildings[0].id : null,
  );
  const [unit, setUnit] = useState<string | null>(null);
  const [home, setHome] = useState<HomeSummary | null>(null);
  const [relation, setRelation] = useState<Relation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const requestId = useRequestId([home?.id, relation]);

  const compound = props.compounds.find((c) => c.id === compoundId) ?? null;
  const building = compound?.buildings.find((b) => b.id === buildingId) ?? null;
  const needsUnit = !!building && building.units.length > 1;
  const unitShown = needsUnit ? unit : (building?.units[0] ?? null);
  const homes = useRemote(
    () => api('accounts').call('homes.list', { buildingId: building!.id, ...(unitShown ? { unit: unitShown } : {}), size: 50 }),
    [building?.id, unitShown],
    { skip: !building || (needsUnit && !unit) },
  );

  async function create() {
    if (!home || !relation) return setError('请选择房屋和关系');
    setSaving(true);
    setError(null);
    try {
      const i = await api('accounts').call('invite.create', { clientRequestId: requestId.id, homeId: home.id, relation });
      requestId.renew();
      props.onMade(i);
      setHome(null);
      setRelation(null);
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className='card invites-new'>
      <View className='card__title'>为一户生成邀请码</View>
      <View className='card__sub'>对方输入邀请码后直接绑定，无需再审核。</View>
      {props.compounds.length > 1 ? (
        <Choice
          className='invites-compounds'
          options={props.compounds.map((c) => ({ value: c.id, label: c.name }))}
          value={compoundId}
          onChange={(id) => {
            setCompoundId(id);
            setBuildingId(null);
            setUnit(null);
            setHome(null);
          }}
        />
      ) : null}
      {compound ? (
        <View className='field'>
          <View className='field__label'>楼栋</View>
          <Choice
            className='invites-buildings'
            columns={3}
            options={compound.buildings.map((b) => ({ value: b.id, label: b.name }))}
            value={buildingId}
            onChange={(id) => {
              setBuildingId(id);
              setUnit(null);
              setHome(null);
            }}
          />
        </View>
      ) : null}
      {building && needsUnit ? (
        <View className='field'>
          <View className='field__label'>单元</View>
          <Choice
            className='invites-units'
            columns={3}
            options={building.units.map((u) => ({ value: u, label: `${u}单元` }))}
            value={unit}
            onChange={(u) => {
              setUnit(u);
              setHome(null);
            }}
          />
        </View>
      ) : null}
      {homes.data ? (
        <View className='field'>
          <View className='field__label'>房号</View>
          <Choice
            className='invites-homes'
            columns={3}
            options={homes.data.items.map((h) => ({ value: h.id, label: h.number }))}
            value={home?.id ?? null}
            onChange={(id) => setHome(homes.data!.items.find((h) => h.id === id) ?? null)}
          />
        </View>
      ) : homes.state.loading ? (
        <Loading />
      ) : null}
      {home ? (
        <View className='field'>
          <View className='field__label'>对方与 {home.label} 的关系</View>
          <Choice
            className='invites-relations'
            columns={3}
            options={RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }))}
            value={relation}
            onChange={setRelation}
          />
        </View>
      ) : null}
      {error ? <View className='form-error invites-error'>{error}</View> : null}
      <Btn type='primary' block disabled={!home || !relation} loading={saving} className='invites-create' onClick={create}>
        生成邀请码
      </Btn>
    </View>
  );
}

export function NewStaffInvite(props: { compounds: CompoundInfo[]; onMade: (i: InviteView) => void }) {
  const [compoundId, setCompoundId] = useState<string | null>(props.compounds.length === 1 ? props.compounds[0].id : null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const requestId = useRequestId([compoundId]);

  async function create() {
    if (!compoundId) return;
    setSaving(true);
    setError(null);
    try {
      props.onMade(await api('accounts').call('invite.createStaff', { clientRequestId: requestId.id, compoundId }));
      requestId.renew();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className='card invites-new invites-staff'>
      <View className='card__title'>邀请物业员工</View>
      <View className='card__sub'>给不住在本小区的员工一个邀请码：对方输入后成为本小区的物业员工。一码一人，7天内有效。</View>
      {props.compounds.length > 1 ? (
        <Choice
          className='invites-compounds'
          options={props.compounds.map((c) => ({ value: c.id, label: c.name }))}
          value={compoundId}
          onChange={setCompoundId}
        />
      ) : null}
      {error ? <View className='form-error invites-error'>{error}</View> : null}
      <Btn type='primary' block disabled={!compoundId} loading={saving} className='invites-create-staff' onClick={create}>
        生成员工邀请码
      </Btn>
    </View>
  );
}
