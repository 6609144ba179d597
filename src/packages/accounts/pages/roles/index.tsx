import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { ROLE_LABELS, grantsBuildings, type RoleName } from '@core/platform/roles';
import { ACCOUNT_LIMITS } from '@core/accounts/limits';
import type { CompoundInfo, PersonHit, RoleListItem } from '@core/accounts/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import { useRemote } from '@/hooks/useRemote';
import { usePaged } from '@/hooks/usePaged';
import { useKept } from '@/hooks/useKept';
import { LoadMore } from '@/components/StateView';
import { go } from '@/utils/nav';
import { ROUTES } from '@/routes';
import { api, toServiceError } from '@/services/cloud';
import './index.scss';
import { confirmAction } from '@/store/confirm';

export default function RolesPage() {
  const [picked, setPicked] = useState<string | null>(null);
  const [granting, setGranting] = useState(false);
  // One call: without a pick, roles.list brings the compounds I may see roles of (and the roles when only one).
  const roles = useRemote(() => api('accounts').call('roles.list', picked ? { compoundId: picked } : {}), [picked]);
  const list = useKept<CompoundInfo[] | undefined>(roles.data?.compounds, undefined);
  const compound = list?.find((c) => c.id === (picked ?? roles.data?.compoundId)) ?? null;

  async function revoke(r: RoleListItem) {
    const ok = await confirmAction({
      title: '撤销角色',
      content: `撤销 ${r.personName} 的“${ROLE_LABELS[r.role]}”（${r.scopeLabel}）？`,
      confirmText: '撤销',
      cancelText: '再想想',
      danger: true,
    });
    if (!ok) return;
    try {
      await api('accounts').call('roles.revoke', { roleId: r.id });
      roles.setData((prev) => (prev ? { ...prev, items: prev.items.filter((x) => x.id !== r.id) } : prev));
      Taro.showToast({ title: '已撤销', icon: 'success' });
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }

  // What may be granted and revoked comes from roles.list (the authorization table, server side).
  const grantable = roles.data?.grantable ?? [];
  const items = roles.data?.items ?? [];

  return (
    <PageShell className='roles'>
      {list ? null : <StateView {...roles.state} permission='role.view' permissionAction='管理角色' />}
      {list && list.length > 1 ? (
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
            <View className='roles__head-actions'>
              {roles.data?.canInviteStaff ? (
                <Btn type='ghost' size='small' className='roles-invite-staff' onClick={() => go(ROUTES.invites)}>
                  邀请员工
                </Btn>
              ) : null}
              {grantable.length > 0 ? (
                <Btn type='primary' size='small' className='roles-grant' onClick={() => setGranting(true)}>
                  添加角色
                </Btn>
              ) : null}
            </View>
          </View>
          <StateView
            {...roles.state}
            permission='role.view'
            permissionAction='管理角色'
            empty={!!roles.data && items.length === 0 && { title: '还没有人担任角色' }}
          >
            {items.length > 0 ? (
              <View className='card'>
                {items.map((r) => (
                  <View key={r.id} className='row role-item'>
                    <View className='row__main'>
                      <View className='row__title'>
                        {r.personName} · {ROLE_LABELS[r.role]}
                      </View>
                      <View className='row__sub'>{r.scopeLabel}</View>
                    </View>
                    {r.canRevoke ? (
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
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [person, setPerson] = useState<PersonHit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Everyone of the compound, by name or room, a page at a time (people.search, indexed on the server).
  const people = usePaged((p) => api('accounts').call('people.search', p), { compoundId: compound.id, size: 20, ...(q ? { q } : {}) });

  function toggleLeadBuilding(id: string) {
    setLeadBuildings((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));
  }

  async function save() {
    if (!role || !person) return setError('请选择角色和人员');
    if (grantsBuildings(role) && leadBuildings.length === 0) return setError('请选择负责的楼栋');
    const names = compound.buildings
      .filter((b) => leadBuildings.includes(b.id))
      .map((b) => b.name)
      .join('、');
    const ok = await confirmAction({
      title: '确认授予',
      content: `授予 ${person.name}“${ROLE_LABELS[role]}”${grantsBuildings(role) ? `（${names}）` : `（${compound.name}）`}？`,
      confirmText: '授予',
      cancelText: '再想想',
    });
    if (!ok) return;
    setSaving(true);
    setError(null);
    try {
      await api('accounts').call('roles.grant', {
        personId: person.personId,
        role,
        compoundId: compound.id,
        ...(grantsBuildings(role) ? { buildingIds: leadBuildings } : {}),
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
      {role && grantsBuildings(role) ? (
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
        <View className='field__label'>人员：输入姓名或房号查找</View>
        <View className='grant-search'>
          <Input
            className='field__input grant-search__input'
            value={typed}
            placeholder='如：陈阿婆、602、3栋1单元602'
            maxlength={ACCOUNT_LIMITS.search}
            confirmType='search'
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => setQ(typed.trim())}
          />
          <Btn type='primary' className='grant-search__go' onClick={() => setQ(typed.trim())}>
            查找
          </Btn>
        </View>
        {person ? (
          <View className='grant-picked'>
            已选：{person.name}
            {person.homes.length ? ` · ${person.homes.join('、')}` : ''}
          </View>
        ) : null}
        <StateView
          {...people.state}
          empty={
            people.items.length === 0 && {
              title: q ? `没有找到“${q}”` : '本小区还没有已绑定的住户',
              text: q ? '可以换个写法，如只输房号“602”。不住本小区的员工请用“邀请员工”。' : undefined,
            }
          }
        >
          <View className='card grant-people'>
            {people.items.map((p) => (
              <View
                key={p.personId}
                className={`row row--link grant-person${person?.personId === p.personId ? ' grant-person--on' : ''}`}
                onClick={() => setPerson(p)}
              >
                <View className='row__main'>
                  <View className='row__title'>{p.name}</View>
                  <View className='row__sub'>{[...p.homes, ...p.roles].join('；') || '未绑定房屋'}</View>
                </View>
                {person?.personId === p.personId ? <View className='row__side grant-person__check'>已选</View> : null}
              </View>
            ))}
          </View>
          <LoadMore list={people} className='grant-people-more' />
        </StateView>
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
