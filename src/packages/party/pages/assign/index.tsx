/**
 * 包联分配 (the branch secretary): each building's homes and how many have a member;
 * a building's homes nobody is assigned to; assign the building, a unit or a room
 * range to a member (homes another member has are kept unless 改为此人).
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { scopedGrants } from '@core/authz';
import type { AssignPage } from '@core/party/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { loadMe } from '@/store/me';
import '../../common.scss';

export default function PartyAssignPage() {
  const me = useRemote(loadMe);
  const compoundId = scopedGrants(me.data?.roles ?? [], 'party.manage')[0]?.compoundId ?? '';
  const [buildingId, setBuildingId] = useState<string | undefined>(undefined);
  const remote = useRemote<AssignPage>(
    () => api('party').call('party.assignPage', { compoundId, ...(buildingId ? { buildingId } : {}) }),
    [compoundId, buildingId],
    { skip: !compoundId },
  );
  const [memberId, setMemberId] = useState('');
  const [unit, setUnit] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = remote.data;
  const building = d?.buildings.find((b) => b.buildingId === d.buildingId);

  async function assign() {
    if (!d?.buildingId) return;
    if (!memberId) return setError('请选择党员');
    setBusy(true);
    setError(null);
    try {
      const r = await api('party').call('party.assign', {
        compoundId,
        buildingId: d.buildingId,
        memberId,
        replace,
        ...(unit ? { unit } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      remote.setData(r.page);
      void Taro.showToast({ title: `已分配 ${r.assigned} 户${r.skipped ? `，${r.skipped} 户已有党员未改` : ''}`, icon: 'none' });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='party-assign'>
      <StateView
        {...remote.state}
        loading={me.loading || (remote.state.loading && !!compoundId)}
        denied={!!me.data && !compoundId}
        permission='party.manage'
        permissionAction='分配包联'
      >
        {d ? (
          <View>
            <View className='card'>
              <View className='card__title'>{d.compoundName} · 选择楼栋</View>
              <Choice
                className='party-buildings'
                columns={3}
                options={d.buildings.map((b) => ({ value: b.buildingId, label: b.name, hint: `未分配 ${b.homes - b.assigned} 户` }))}
                value={d.buildingId}
                onChange={(v) => setBuildingId(v)}
              />
            </View>
            <View className='card party-unassigned'>
              <View className='card__title'>
                {building?.name ?? ''} 还没有党员包联的住户（{d.unassigned.length} 户）
              </View>
              {d.unassigned.length === 0 ? <View className='party-ok'>本栋每户都有党员包联。</View> : null}
              <View className='party-muted'>{d.unassigned.map((u) => u.label.replace(building?.name ?? '', '')).join('、')}</View>
            </View>
            <View className='card party-assign-form'>
              <View className='card__title'>分配 {building?.name ?? ''} 给党员</View>
              <Choice
                className='party-members'
                columns={3}
                options={d.members.map((m) => ({ value: m.personId, label: m.name, hint: `已包联 ${m.households} 户` }))}
                value={memberId}
                onChange={setMemberId}
              />
              <View className='field__label party-field'>范围（都不填即整栋）</View>
              <View className='party-actions'>
                <Input
                  className='field__input party-input party-unit'
                  value={unit}
                  maxlength={4}
                  placeholder='单元，如 2'
                  onInput={(e) => setUnit(e.detail.value)}
                />
                <Input
                  className='field__input party-input party-from'
                  value={from}
                  maxlength={6}
                  placeholder='起始房号'
                  onInput={(e) => setFrom(e.detail.value)}
                />
                <Input
                  className='field__input party-input party-to'
                  value={to}
                  maxlength={6}
                  placeholder='结束房号'
                  onInput={(e) => setTo(e.detail.value)}
                />
              </View>
              <Choice
                className='party-replace'
                columns={2}
                options={[
                  { value: 'keep', label: '已有党员的户不改' },
                  { value: 'replace', label: '全部改为此人' },
                ]}
                value={replace ? 'replace' : 'keep'}
                onChange={(v) => setReplace(v === 'replace')}
              />
              {error ? <View className='form-error'>{error}</View> : null}
              <Btn type='primary' block loading={busy} className='party-assign-submit' onClick={assign}>
                分配
              </Btn>
            </View>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
