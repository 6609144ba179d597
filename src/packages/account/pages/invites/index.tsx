/**
 * 邀请码: building leads and the committee issue a code for a home (the person it
 * is for binds without waiting for review); the property manager issues staff
 * codes for 物业员工 who do not live here. Each code can be copied, shared into
 * the building group as a card, or revoked.
 */
import { useState } from 'react';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { RELATIONS, RELATION_LABELS, type Relation } from '@core/platform/roles';
import { can } from '@core/authz';
import type { CompoundInfo, HomeSummary, InviteView } from '@core/accounts/contract';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Loading from '@/components/Loading';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { usePaged } from '@/hooks/usePaged';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { meOrLoad } from '@/store/me';
import { actorOf, buildingTarget, compoundsWhere, type ClientActor } from '@/utils/actor';
import { formatDateTime } from '@/utils/format';
import { ROUTES } from '@/routes';
import { inviteMessage, inviteShareCard } from './share';
import './index.scss';
import { confirmAction } from '@/store/confirm';

const isWeapp = process.env.TARO_ENV === 'weapp';

async function loadScope() {
  const [me, compounds] = await Promise.all([meOrLoad(), api('accounts').call('compounds.list', {})]);
  const actor = actorOf(me);
  return { actor, home: compoundsWhereAnyBuilding(actor, compounds), staff: compoundsWhere(actor, 'role.grant.staff', compounds) };
}

/** Compounds with at least one building the actor may issue home invites for (leads hold buildings, the committee the compound). */
function compoundsWhereAnyBuilding(actor: ClientActor, compounds: CompoundInfo[]) {
  return compounds
    .map((c) => ({ ...c, buildings: c.buildings.filter((b) => can(actor, 'invite.create', buildingTarget(c, b))) }))
    .filter((c) => c.buildings.length > 0);
}

function copy(i: InviteView) {
  void Taro.setClipboardData({ data: inviteMessage(i) }).then(() => Taro.showToast({ title: '已复制，可粘贴到微信群', icon: 'none' }));
}

export default function InvitesPage() {
  const scope = useRemote(loadScope);
  const [kind, setKind] = useState<'home' | 'staff' | null>(null);
  const [made, setMade] = useState<InviteView | null>(null);
  const list = usePaged((p) => api('accounts').call('invite.list', p), { size: 20 });

  // The share card of the invite whose button was tapped (data-code), else the newest.
  useShareAppMessage((res) => {
    const code = (res?.target as { dataset?: { code?: string } } | undefined)?.dataset?.code;
    const i = list.items.find((x) => x.code === code) ?? made;
    return i ? inviteShareCard(i, ROUTES.bind) : { title: '近邻', path: ROUTES.home };
  });

  const s = scope.data;
  const kinds = s ? ([s.home.length ? 'home' : null, s.staff.length ? 'staff' : null].filter(Boolean) as ('home' | 'staff')[]) : [];
  const current = kind ?? kinds[0] ?? null;

  async function revoke(i: InviteView) {
    const ok = await confirmAction({ title: '撤销邀请码', content: `撤销 ${i.label} 的邀请码 ${i.code}？撤销后不能再使用。`, confirmText: '撤销', cancelText: '再想想', danger: true });
    if (!ok) return;
    try {
      await api('accounts').call('invite.revoke', { inviteId: i.id });
      list.setItems((items) => items.filter((x) => x.id !== i.id));
      if (made?.id === i.id) setMade(null);
      Taro.showToast({ title: '已撤销', icon: 'success' });
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }

  function onMade(i: InviteView) {
    setMade(i);
    list.setItems((items) => [i, ...items.filter((x) => x.id !== i.id)]);
    // The new code is shown above the form, which is where the person is: bring it into view.
    setTimeout(() => void Taro.pageScrollTo({ selector: '.invite-item--fresh', duration: 200 }).catch(() => undefined), 100);
  }

  return (
    <PageShell className='invites'>
      <StateView {...scope.state} permission={['invite.create', 'role.grant.staff']} permissionAction='发邀请码' denied={!!s && kinds.length === 0} />
      {s && kinds.length > 0 ? (
        <View>
          {kinds.length > 1 ? (
            <Choice
              className='invites-kinds'
              options={[
                { value: 'home', label: '住户邀请码', hint: '绑定一户房屋' },
                { value: 'staff', label: '物业员工邀请码', hint: '不住本小区的员工' },
              ]}
              value={current}
              onChange={(v) => setKind(v)}
            />
          ) : null}
          {/* The code just made comes first, ready to send; the form below makes the next one. */}
          {made ? <InviteCard invite={made} fresh onRevoke={revoke} /> : null}
          {current === 'home' ? <NewHomeInvite key={made?.id ?? 'first'} compounds={s.home} onMade={onMade} /> : null}
          {current === 'staff' ? <NewStaffInvite compounds={s.staff} onMade={onMade} /> : null}
          <View className='section-title'>有效的邀请码</View>
          <StateView {...list.state} empty={list.items.length === 0 && { title: '还没有有效的邀请码', text: '生成后7天内有效，使用一次即失效。' }}>
            <View>
              {list.items.filter((i) => i.id !== made?.id).map((i) => (
                <InviteCard key={i.id} invite={i} onRevoke={revoke} />
              ))}
              <LoadMore list={list} className='invites-more' />
            </View>
          </StateView>
        </View>
      ) : null}
    </PageShell>
  );
}

function InviteCard(props: { invite: InviteView; fresh?: boolean; onRevoke: (i: InviteView) => void }) {
  const i = props.invite;
  return (
    <View className={`card invite-item${props.fresh ? ' invite-item--fresh' : ''}`}>
      {props.fresh ? <View className='invite-item__new'>已生成，请发给对方</View> : null}
      <View className='card__title invite-item__label'>{i.kind === 'staff' ? i.label : `${i.compoundName} ${i.label}`}</View>
      <View className='invite-item__code'>{i.code}</View>
      <View className='muted invite-item__until'>{formatDateTime(i.expiresAt)} 前有效，只能使用一次</View>
      <View className='invite-item__actions'>
        <Btn className='invite-copy' onClick={() => copy(i)}>
          复制
        </Btn>
        {isWeapp ? (
          <Button openType='share' data-code={i.code} className='btn btn--ghost invite-share'>
            分享到群
          </Button>
        ) : (
          <Btn type='ghost' className='invite-share' onClick={() => copy(i)}>
            分享到群
          </Btn>
        )}
        <Btn type='danger' className='invite-revoke' onClick={() => props.onRevoke(i)}>
          撤销
        </Btn>
      </View>
    </View>
  );
}

function NewHomeInvite(props: { compounds: CompoundInfo[]; onMade: (i: InviteView) => void }) {
  const [compoundId, setCompoundId] = useState<string | null>(props.compounds.length === 1 ? props.compounds[0].id : null);
  // A lead of one building starts there.
  const [buildingId, setBuildingId] = useState<string | null>(props.compounds.length === 1 && props.compounds[0].buildings.length === 1 ? props.compounds[0].buildings[0].id : null);
  const [unit, setUnit] = useState<string | null>(null);
  const [home, setHome] = useState<HomeSummary | null>(null);
  const [relation, setRelation] = useState<Relation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const requestId = useRequestId([home?.id, relation]);

  const compound = props.compounds.find((c) => c.id === compoundId) ?? null;
  const building = compound?.buildings.find((b) => b.id === buildingId) ?? null;
  const needsUnit = !!building && building.units.length > 1;
  const unitShown = needsUnit ? unit : building?.units[0] ?? null;
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
        <Choice className='invites-compounds' options={props.compounds.map((c) => ({ value: c.id, label: c.name }))} value={compoundId} onChange={(id) => { setCompoundId(id); setBuildingId(null); setUnit(null); setHome(null); }} />
      ) : null}
      {compound ? (
        <View className='field'>
          <View className='field__label'>楼栋</View>
          <Choice className='invites-buildings' columns={3} options={compound.buildings.map((b) => ({ value: b.id, label: b.name }))} value={buildingId} onChange={(id) => { setBuildingId(id); setUnit(null); setHome(null); }} />
        </View>
      ) : null}
      {building && needsUnit ? (
        <View className='field'>
          <View className='field__label'>单元</View>
          <Choice className='invites-units' columns={3} options={building.units.map((u) => ({ value: u, label: `${u}单元` }))} value={unit} onChange={(u) => { setUnit(u); setHome(null); }} />
        </View>
      ) : null}
      {homes.data ? (
        <View className='field'>
          <View className='field__label'>房号</View>
          <Choice className='invites-homes' columns={3} options={homes.data.items.map((h) => ({ value: h.id, label: h.number }))} value={home?.id ?? null} onChange={(id) => setHome(homes.data!.items.find((h) => h.id === id) ?? null)} />
        </View>
      ) : homes.state.loading ? (
        <Loading />
      ) : null}
      {home ? (
        <View className='field'>
          <View className='field__label'>对方与 {home.label} 的关系</View>
          <Choice className='invites-relations' columns={3} options={RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }))} value={relation} onChange={setRelation} />
        </View>
      ) : null}
      {error ? <View className='form-error invites-error'>{error}</View> : null}
      <Btn type='primary' block disabled={!home || !relation} loading={saving} className='invites-create' onClick={create}>
        生成邀请码
      </Btn>
    </View>
  );
}

function NewStaffInvite(props: { compounds: CompoundInfo[]; onMade: (i: InviteView) => void }) {
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
        <Choice className='invites-compounds' options={props.compounds.map((c) => ({ value: c.id, label: c.name }))} value={compoundId} onChange={setCompoundId} />
      ) : null}
      {error ? <View className='form-error invites-error'>{error}</View> : null}
      <Btn type='primary' block disabled={!compoundId} loading={saving} className='invites-create-staff' onClick={create}>
        生成员工邀请码
      </Btn>
    </View>
  );
}
