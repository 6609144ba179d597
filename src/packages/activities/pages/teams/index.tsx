/** 服务队管理 (branch secretary): the registered volunteers by skill, and teams made of them. */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { SKILLS, SKILL_LABELS, type Skill } from '@core/activities/rules';
import { scopedGrants } from '@core/authz';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { loadMe } from '@/store/me';
import '@/packages/activities/common.scss';

export default function TeamsPage() {
  const data = useRemote(async () => {
    const me = await loadMe();
    const compoundId = scopedGrants(me.roles, 'serviceTeam.manage').find((r) => r.compoundId)?.compoundId;
    if (!compoundId) return null;
    return { compoundId, ...(await api('activities').call('service.volunteers', { compoundId })) };
  }, []);
  const [skill, setSkill] = useState<Skill>('teacher');
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([skill, name, picked]);
  const d = data.data;
  const candidates = d?.volunteers.filter((v) => v.skills.includes(skill)) ?? [];

  async function save() {
    if (!d) return;
    setBusy(true);
    try {
      await api('activities').call('service.saveTeam', {
        clientRequestId: rid.id,
        compoundId: d.compoundId,
        name,
        skill,
        memberIds: picked,
      });
      rid.renew();
      setName('');
      setPicked([]);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void data.reload();
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='teams-page'>
      <StateView {...data.state} denied={data.data === null} permission='serviceTeam.manage' permissionAction='组建邻里服务队'>
        {d ? (
          <View>
            {d.teams.map((t) => (
              <View key={t.id} className='card team-item'>
                <View className='card__title'>
                  {t.name}（{SKILL_LABELS[t.skill]}）
                </View>
                <View className='act-line'>{t.members.map((m) => m.name).join('、') || '还没有成员'}</View>
              </View>
            ))}
            <View className='card'>
              <View className='card__title'>新建服务队</View>
              <Choice
                columns={3}
                value={skill}
                onChange={(s) => {
                  setSkill(s);
                  setPicked([]);
                }}
                options={SKILLS.map((s) => ({ value: s, label: SKILL_LABELS[s] }))}
              />
              <Input
                className='field__input team-name'
                value={name}
                maxlength={20}
                placeholder='队名，例如：邻里辅导队'
                onInput={(e) => setName(e.detail.value)}
              />
              {candidates.length === 0 ? <View className='muted'>还没有邻居登记这项技能。</View> : null}
              {candidates.map((v) => (
                <View
                  key={v.personId}
                  className='act-row'
                  onClick={() => setPicked(picked.includes(v.personId) ? picked.filter((p) => p !== v.personId) : [...picked, v.personId])}
                >
                  <View className='act-row__name'>
                    {picked.includes(v.personId) ? '☑' : '☐'} {v.name} · {v.buildingName}
                  </View>
                  <View className='act-row__side'>{v.availability}</View>
                </View>
              ))}
              <Btn type='primary' block loading={busy} onClick={() => void save()}>
                保存服务队
              </Btn>
            </View>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
