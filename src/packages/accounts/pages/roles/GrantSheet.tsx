/**
 * 添加角色: pick a role (a building lead's buildings too) and a person of the compound
 * found by name or room (people.search, a page at a time), then roles.grant after a
 * confirmation.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { ROLE_LABELS, grantsBuildings, type RoleName } from '@core/platform/roles';
import { ACCOUNT_LIMITS } from '@core/accounts/limits';
import type { CompoundInfo, PersonHit } from '@core/accounts/contract';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import { usePaged } from '@/hooks/usePaged';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';

export function GrantSheet(props: { compound: CompoundInfo; roles: RoleName[]; onClose: () => void; onGranted: () => void }) {
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
