/**
 * 邀请码: building leads and the committee issue a code for a home (the person it
 * is for binds without waiting for review); the property manager issues staff
 * codes for 物业员工 who do not live here. Each code can be copied, shared into
 * the building group as a card, or revoked.
 */
import { useState } from 'react';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { InviteScope, InviteView } from '@core/accounts/contract';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Choice from '@/components/Choice';
import { usePaged } from '@/hooks/usePaged';
import { useKept } from '@/hooks/useKept';
import { api, toServiceError } from '@/services/cloud';
import { ROUTES } from '@/routes';
import { inviteShareCard } from './share';
import './index.scss';
import { confirmAction } from '@/store/confirm';
import { InviteCard } from './InviteCard';
import { NewHomeInvite, NewStaffInvite } from './NewInvite';

export default function InvitesPage() {
  const [kind, setKind] = useState<'home' | 'staff' | null>(null);
  const [made, setMade] = useState<InviteView | null>(null);
  // One call: the first page of my codes brings where I may issue them (the server's authorization table).
  const list = usePaged((p) => api('accounts').call('invite.list', p), { size: 20 });

  // The share card of the invite whose button was tapped (data-code), else the newest.
  useShareAppMessage((res) => {
    const code = (res?.target as { dataset?: { code?: string } } | undefined)?.dataset?.code;
    const i = list.items.find((x) => x.code === code) ?? made;
    return i ? inviteShareCard(i, ROUTES.bind) : { title: '近邻', path: ROUTES.home };
  });

  const s = useKept<InviteScope | undefined>(list.page?.scope, undefined);
  const kinds = s ? ([s.home.length ? 'home' : null, s.staff.length ? 'staff' : null].filter(Boolean) as ('home' | 'staff')[]) : [];
  const current = kind ?? kinds[0] ?? null;

  async function revoke(i: InviteView) {
    const ok = await confirmAction({
      title: '撤销邀请码',
      content: `撤销 ${i.label} 的邀请码 ${i.code}？撤销后不能再使用。`,
      confirmText: '撤销',
      cancelText: '再想想',
      danger: true,
    });
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
      <StateView
        {...(s ? { loading: false, error: undefined, onRetry: list.refresh } : list.state)}
        permission={['invite.create', 'role.grant.staff']}
        permissionAction='发邀请码'
        denied={!!s && kinds.length === 0}
      />
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
          <StateView
            {...list.state}
            empty={list.items.length === 0 && { title: '还没有有效的邀请码', text: '生成后7天内有效，使用一次即失效。' }}
          >
            <View>
              {list.items
                .filter((i) => i.id !== made?.id)
                .map((i) => (
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
