import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ROLE_LABELS, type RoleName } from '@core/platform/roles';
import type { CompoundInfo, RosterMember } from '@core/accounts/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Loading from '@/components/Loading';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { meOrLoad } from '@/store/me';
import { actorOf, canRevoke, compoundsWhere, grantableRoles } from '@/utils/actor';
import './index.scss';

async function loadScope() {
  const [me, compounds] = await Promise.all([meOrLoad(), api('accounts').call('compounds.list', {})]);
  const actor = actorOf(me);
  return { actor, compounds: compoundsWhere(actor, 'role.view', compounds) };
}

export default function RolesPage() {
  const scope = useRemote(loadScope);
  const [picked, setPicked] = useState<string | null>(null);
  const [granting, setGranting] = useState(false);

  const list = scope.data?.compounds ?? [];
  const compound = list.find((c) => c.id === picked) ?? (list.length === 1 ? list[0] : null);
  const roles = useRemote(() => api('accounts').call('roles.list', { compoundId: compound!.id }), [compound?.id], { skip: !compound });

  async function revoke(r: NonNullable<typeof roles.data>[number]) {
    const res = await Taro.showModal({
      title: '撤销角色',
      content: `撤销 ${r.personName} 的“${ROLE_LABELS[r.role]}”（${r.scopeLabel}）？`,
      confirmText: '撤销',
      cancelText: '再想想',
      confirmColor: '#b42318',
    });
    if (!res.confirm) return;
    try {
      await api('accounts').call('roles.revoke', { roleId: r.id });
      roles.setData((prev) => (prev ?? []).filter((x) => x.id !== r.id));
      Taro.showToast({ title: '已撤销', icon: 'success' });
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }

  const actor = scope.data?.actor;
  const grantable = actor && compound ? grantableRoles(actor, compound) : [];

  return (
    <PageShell className='roles'>
      <StateView {...scope.state} permission='role.view' permissionAction='管理角色' denied={!!scope.data && list.length === 0} />
      {list.length > 1 ? (
        <View>
          <View className='section-title'>选择小区</View>
          <Choice
            className='roles-compounds'
            options={list.map((c) => ({ value: c.id, label: c.name }))}
            value={compound?.id ?? null}
            onChange={setPicked}
          />
        </View>
      ) : null}
      {compound ? (
        <View>
          <View className='roles__head'>
            <View className='roles__title'>{compound.name}</View>
            {grantable.length > 0 ? (
              <Btn type='primary' size='small' className='roles-grant' onClick={() => setGranting(true)}>
                添加角色
              </Btn>
            ) : null}
          </View>
          <StateView {...roles.state} permission='role.view' permissionAction='管理角色' empty={!!roles.data && roles.data.length === 0 && { title: '还没有人担任角色' }}>
          {roles.data && roles.data.length > 0 ? (
            <View className='card'>
              {roles.data.map((r) => (
                <View key={r.id} className='row role-item'>
                  <View className='row__main'>
                    <View className='row__title'>
                      {r.personName} · {ROLE_LABELS[r.role]}
                    </View>
                    <View className='row__sub'>{r.scopeLabel}</View>
                  </View>
                  {actor && canRevoke(actor, compound, r.role) ? (
                    <Btn type='danger' size='small' className='role-revoke' onClick={() => revoke(r)}>
                      撤销
                    </Btn>
                  ) : null}
                </View>
              ))}
            </View>
          ) : null}
          </StateView>
          {granting ? (
            <GrantSheet
              compound={compound}
              roles={grantable}
              onClose={() => setGranting(false)}
              onGranted={() => {
                setGranting(false);
                void roles.reload();
              }}
            />
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}

function GrantSheet(props: { compound: CompoundInfo; roles: RoleName[]; onClose: () => void; onGranted: () => void }) {
  const { compound } = props;
  const [role, setRole] = useState<RoleName | null>(props.roles.length === 1 ? props.roles[0] : null);
  const [leadBuildings, setLeadBuildings] = useState<string[]>([]);
  const [rosterBuilding, setRosterBuilding] = useState<string | null>(null);
  const [members, setMembers] = useState<RosterMember[] | null>(null);
  const [membersLoading, setMembersLoading] = useState(false);
  const [person, setPerson] = useState<RosterMember | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function loadMembers(buildingId: string) {
    setRosterBuilding(buildingId);
    setMembers(null);
    setPerson(null);
    setMembersLoading(true);
    setError(null);
    try {
      // One page of 50 homes covers a building; people come from its roster.
      const page = await api('accounts').call('roster.list', { buildingId, size: 50 });
      const seen = new Set<string>();
      const people: RosterMember[] = [];
      for (const h of page.items)
        for (const m of h.members)
          if (!seen.has(m.personId)) {
            seen.add(m.personId);
            people.push(m);
          }
      setMembers(people);
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setMembersLoading(false);
    }
  }

  function toggleLeadBuilding(id: string) {
    setLeadBuildings((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));
  }

  async function save() {
    if (!role || !person) return setError('请选择角色和人员');
    if (role === 'buildingLead' && leadBuildings.length === 0) return setError('请选择负责的楼栋');
    const names = compound.buildings.filter((b) => leadBuildings.includes(b.id)).map((b) => b.name).join('、');
    const res = await Taro.showModal({
      title: '确认授予',
      content: `授予 ${person.name}“${ROLE_LABELS[role]}”${role === 'buildingLead' ? `（${names}）` : `（${compound.name}）`}？`,
      confirmText: '授予',
      cancelText: '再想想',
    });
    if (!res.confirm) return;
    setSaving(true);
    setError(null);
    try {
      await api('accounts').call('roles.grant', {
        personId: person.personId,
        role,
        compoundId: compound.id,
        ...(role === 'buildingLead' ? { buildingIds: leadBuildings } : {}),
      });
      Taro.showToast({ title: '已授予', icon: 'success' });
      props.onGranted();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Sheet open title='添加角色' onClose={props.onClose} className='grant-sheet'>
      <View className='field'>
        <View className='field__label'>角色</View>
        <Choice
          className='grant-roles'
          options={props.roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          value={role}
          onChange={setRole}
        />
      </View>
      {role === 'buildingLead' ? (
        <View className='field'>
          <View className='field__label'>负责的楼栋（可多选）</View>
          <View className='choice choice--cols-3 grant-lead-buildings'>
            {compound.buildings.map((b) => (
              <View
                key={b.id}
                className={`choice__item${leadBuildings.includes(b.id) ? ' choice__item--on' : ''}`}
                onClick={() => toggleLeadBuilding(b.id)}
              >
                <View className='choice__label'>{b.name}</View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <View className='field'>
        <View className='field__label'>人员：先选住在哪栋楼</View>
        <Choice
          className='grant-person-buildings'
          columns={3}
          options={compound.buildings.map((b) => ({ value: b.id, label: b.name }))}
          value={rosterBuilding}
          onChange={(id) => void loadMembers(id)}
        />
        {membersLoading ? <Loading /> : null}
        {members && members.length === 0 ? <View className='muted'>这栋楼还没有已绑定的住户</View> : null}
        {members && members.length > 0 ? (
          <Choice
            className='grant-people'
            columns={2}
            options={members.map((m) => ({ value: m.personId, label: m.name }))}
            value={person?.personId ?? null}
            onChange={(id) => setPerson(members.find((m) => m.personId === id) ?? null)}
          />
        ) : null}
      </View>
      {error ? <View className='form-error grant-error'>{error}</View> : null}
      <View className='actions'>
        <Btn onClick={props.onClose}>取消</Btn>
        <Btn type='primary' loading={saving} className='grant-confirm' onClick={save}>
          授予
        </Btn>
      </View>
    </Sheet>
  );
}
