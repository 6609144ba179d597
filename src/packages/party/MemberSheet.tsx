/**
 * 添加 / 修改党员 (the secretary): a bound resident found by name or room through
 * accounts' people.search (the same search that appoints roles), or, for a member
 * who does not use the app, a name only — no phone, no home. Editing changes the duty,
 * and links a name-only entry to the person once they have bound.
 */
import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { PersonHit } from '@core/accounts/contract';
import type { RosterMember } from '@core/party/contract';
import { PARTY_LIMITS } from '@core/party/limits';
import { MEMBER_DUTIES, type MemberDuty } from '@core/party/rules';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import StateView, { LoadMore } from '@/components/StateView';
import { usePaged } from '@/hooks/usePaged';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';

export default function MemberSheet(props: { compoundId: string; member?: RosterMember; onClose: () => void; onSaved: () => void }) {
  const m = props.member;
  const [duty, setDuty] = useState<MemberDuty>(m?.duty ?? '党员');
  const [source, setSource] = useState<'resident' | 'name'>('resident');
  const [name, setName] = useState('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [person, setPerson] = useState<PersonHit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const rid = useRequestId([source, person?.personId, name, duty]);
  // Linking is only for a name-only entry; a new member is found here unless kept by name.
  const searching = m ? !m.bound : source === 'resident';
  const people = usePaged((p) => api('accounts').call('people.search', p), { compoundId: props.compoundId, size: 10, q }, { skip: !q });

  async function save() {
    setError(null);
    if (!m && source === 'resident' && !person) return setError('请先查找并选择一位住户');
    if (!m && source === 'name' && !name.trim()) return setError('请填写党员姓名');
    setSaving(true);
    try {
      if (m)
        await api('party').call('party.saveMember', { op: 'edit', memberId: m.id, duty, ...(person ? { personId: person.personId } : {}) });
      else
        await api('party').call('party.saveMember', {
          op: 'add',
          clientRequestId: rid.id,
          compoundId: props.compoundId,
          duty,
          ...(source === 'resident' ? { personId: person!.personId } : { name: name.trim() }),
        });
      props.onSaved();
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Sheet open title={m ? `修改：${m.name}` : '添加党员'} onClose={props.onClose} className='party-member-sheet'>
      {m ? null : (
        <Choice
          className='party-member-source'
          columns={2}
          options={[
            { value: 'resident', label: '从住户中选择', hint: '已绑定房屋，可包联、走访' },
            { value: 'name', label: '未使用小程序', hint: '只记姓名，不记电话' },
          ]}
          value={source}
          onChange={setSource}
        />
      )}
      {!m && source === 'name' ? (
        <Input
          className='field__input party-input party-member-name'
          value={name}
          maxlength={PARTY_LIMITS.memberName}
          placeholder='党员姓名'
          onInput={(e) => setName(e.detail.value)}
        />
      ) : null}
      {searching ? (
        <View className='field'>
          <View className='field__label'>{m ? '已绑定房屋后可关联到本人：' : ''}输入姓名或房号查找</View>
          <View className='party-actions'>
            <Input
              className='field__input party-input party-member-search'
              value={typed}
              placeholder='如：陈阿婆、602、3栋1单元602'
              confirmType='search'
              onInput={(e) => setTyped(e.detail.value)}
              onConfirm={() => setQ(typed.trim())}
            />
            <Btn type='primary' className='party-member-go' onClick={() => setQ(typed.trim())}>
              查找
            </Btn>
          </View>
          {q ? (
            <StateView {...people.state} empty={people.items.length === 0 && { title: `没有找到“${q}”`, text: '可以只输房号，如“602”。' }}>
              {people.items.map((p) => (
                <View
                  key={p.personId}
                  className={`row row--link party-member-hit${person?.personId === p.personId ? ' party-member-hit--on' : ''}`}
                  onClick={() => setPerson(p)}
                >
                  <View className='row__main'>
                    <View className='row__title'>{p.name}</View>
                    <View className='row__sub'>{p.homes.join('；') || '未绑定房屋'}</View>
                  </View>
                  {person?.personId === p.personId ? <View className='row__side party-ok'>已选</View> : null}
                </View>
              ))}
              <LoadMore list={people} />
            </StateView>
          ) : null}
        </View>
      ) : null}
      <View className='field__label party-field'>党内职务</View>
      <Choice
        className='party-member-duty'
        columns={3}
        options={MEMBER_DUTIES.map((d) => ({ value: d, label: d }))}
        value={duty}
        onChange={setDuty}
      />
      {error ? <View className='form-error'>{error}</View> : null}
      <View className='party-actions'>
        <Btn onClick={props.onClose}>取消</Btn>
        <Btn type='primary' loading={saving} className='party-member-save' onClick={() => void save()}>
          {m ? '保存' : '加入名册'}
        </Btn>
      </View>
    </Sheet>
  );
}
