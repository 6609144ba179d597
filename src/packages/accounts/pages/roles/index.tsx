/**
 * 角色管理: who holds which role in a compound (the picker when there are several), 撤销
 * where the table allows, and 添加角色 (GrantSheet.tsx). One call shows it: roles.list
 * brings the compounds and, for the one shown, its roles and what may be granted.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ROLE_LABELS } from '@core/platform/roles';
import type { CompoundInfo, RoleListItem } from '@core/accounts/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useKept } from '@/hooks/useKept';
import { go } from '@/utils/nav';
import { ROUTES } from '@/routes';
import { api, toServiceError } from '@/services/cloud';
import './index.scss';
import { confirmAction } from '@/store/confirm';
import { GrantSheet } from './GrantSheet';

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
