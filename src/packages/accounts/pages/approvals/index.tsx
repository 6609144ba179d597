import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Textarea, View } from '@tarojs/components';
import { RELATION_LABELS } from '@core/platform/roles';
import { ACCOUNT_LIMITS } from '@core/accounts/limits';
import type { BindRequestView } from '@core/accounts/contract';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import Btn from '@/components/Btn';
import Sheet from '@/components/Sheet';
import { usePaged } from '@/hooks/usePaged';
import { api, toServiceError } from '@/services/cloud';
import { formatDateTime, homeTitle } from '@/utils/format';
import { tooLong } from '@/utils/text';
import './index.scss';

const PAGE_SIZE = 20;
/** The approver compares the claim with the register; a building lead sees the names masked (于*东). */
const REGISTER_MATCH = { match: '与登记业主一致', mismatch: '与登记业主不一致' } as const;

/** The applicant agreed (愿意楼栋长联系我): one tap calls them. */
function call(phoneNumber: string) {
  Taro.makePhoneCall({ phoneNumber }).catch(() => undefined);
}

export default function ApprovalsPage() {
  const list = usePaged((p) => api('accounts').call('binding.pending', p), { size: PAGE_SIZE });
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<BindRequestView | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  function remove(id: string) {
    list.setItems((items) => items.filter((r) => r.id !== id));
    list.setPage((p) => (p && p.total !== undefined ? { ...p, total: Math.max(0, p.total - 1) } : p));
  }

  async function decide(r: BindRequestView, approve: boolean, why?: string): Promise<boolean> {
    setBusy(r.id);
    try {
      const decided = await api('accounts').call('binding.decide', { requestId: r.id, approve, ...(why ? { reason: why } : {}) });
      if (decided.status === 'pending') {
        // Two approvers needed (the owner is not on the register): it waits for the second.
        list.setItems((items) => items.map((x) => (x.id === r.id ? { ...decided, waitingForOthers: true } : x)));
        Taro.showToast({ title: decided.approvalProgress ?? '已同意，等待另一位审核人', icon: 'none' });
        return true;
      }
      remove(r.id);
      Taro.showToast({ title: approve ? '已通过' : '已驳回', icon: 'success' });
      return true;
    } catch (e) {
      const err = toServiceError(e);
      // Someone else decided first: the item is stale either way.
      if (err.code === 'ALREADY_DECIDED') remove(r.id);
      Taro.showToast({ title: err.message, icon: 'none' });
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function submitReject() {
    if (!rejecting) return;
    const why = reason.trim();
    if (!why) {
      setReasonError('请填写驳回原因');
      return;
    }
    const long = tooLong(why, ACCOUNT_LIMITS.reason, '原因');
    if (long) {
      setReasonError(long);
      return;
    }
    const ok = await decide(rejecting, false, why);
    if (ok) closeReject();
  }

  function openReject(r: BindRequestView) {
    setRejecting(r);
    setReason('');
    setReasonError(null);
  }

  function closeReject() {
    setRejecting(null);
    setReason('');
    setReasonError(null);
  }

  const data = list.page;
  return (
    <PageShell className='approvals'>
      <StateView
        {...list.state}
        permission='binding.decide'
        permissionAction='审核绑定申请'
        empty={!!data && list.items.length === 0 && { title: '没有待审核的申请', text: '新的绑定申请会出现在这里。' }}
      >
        <View>
          {data?.total !== undefined ? <View className='section-title'>共 {data.total} 个待审核</View> : null}
          {list.items.map((r) => (
            <View key={r.id} className='card approval-item'>
              <View className='card__title approval-item__home'>{homeTitle(r.home)}</View>
              <View className='approval-item__line'>
                <View className='approval-item__key'>申请人</View>
                <View className='approval-item__applicant'>
                  {r.applicantName}
                  {r.applicantPhone && !r.canCall ? `  ${r.applicantPhone}` : ''}
                </View>
              </View>
              {r.canCall && r.applicantPhone ? (
                <View className='approval-item__line approval-item__call'>
                  <View className='approval-item__key'>电话</View>
                  <View className='approval-item__phone'>{r.applicantPhone}</View>
                  <Btn size='small' type='ghost' className='approval-call' onClick={() => call(r.applicantPhone!)}>
                    打电话
                  </Btn>
                </View>
              ) : null}
              <View className='approval-item__line'>
                <View className='approval-item__key'>关系</View>
                <View>{RELATION_LABELS[r.relation]}</View>
              </View>
              <View className='approval-item__line'>
                <View className='approval-item__key'>登记业主</View>
                <View className='approval-item__owners'>
                  {r.registerMatch && r.registerMatch !== 'unregistered' ? (
                    <View className={`tag approval-item__match ${r.registerMatch === 'match' ? 'tag--blue' : ''}`}>
                      {REGISTER_MATCH[r.registerMatch]}
                    </View>
                  ) : null}
                  <View>{r.registeredOwners.length > 0 ? r.registeredOwners.join('、') : '花名册未登记'}</View>
                </View>
              </View>
              {r.note ? (
                <View className='approval-item__line'>
                  <View className='approval-item__key'>备注</View>
                  <View>{r.note}</View>
                </View>
              ) : null}
              {r.approvalProgress ? <View className='approval-item__progress tag tag--blue'>{r.approvalProgress}</View> : null}
              <View className='muted'>提交于 {formatDateTime(r.createdAt)}</View>
              <View className='actions'>
                <Btn type='danger' className='approval-reject' disabled={busy === r.id} onClick={() => openReject(r)}>
                  驳回
                </Btn>
                <Btn
                  type='primary'
                  className='approval-approve'
                  loading={busy === r.id}
                  disabled={'waitingForOthers' in r}
                  onClick={() => decide(r, true)}
                >
                  {'waitingForOthers' in r ? '已同意' : '通过'}
                </Btn>
              </View>
            </View>
          ))}
          <LoadMore list={list} className='approvals-more' />
        </View>
      </StateView>

      <Sheet open={!!rejecting} title='驳回申请' onClose={closeReject} className='reject-sheet'>
        {rejecting ? (
          <View className='muted reject-sheet__for'>
            {homeTitle(rejecting.home)} · {rejecting.applicantName}
          </View>
        ) : null}
        <View className='field'>
          <View className='field__label'>驳回原因（申请人会看到）</View>
          <Textarea
            className='field__textarea reject-reason'
            value={reason}
            placeholder='例如：房屋登记的业主不是您，请联系业主邀请'
            maxlength={ACCOUNT_LIMITS.reason}
            onInput={(e) => setReason(e.detail.value)}
          />
          {reasonError ? <View className='field__error'>{reasonError}</View> : null}
        </View>
        <View className='actions'>
          <Btn onClick={closeReject}>取消</Btn>
          <Btn type='danger' className='reject-confirm' loading={!!rejecting && busy === rejecting.id} onClick={submitReject}>
            确认驳回
          </Btn>
        </View>
      </Sheet>
    </PageShell>
  );
}
