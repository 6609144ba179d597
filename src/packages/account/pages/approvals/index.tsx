import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Textarea, View } from '@tarojs/components';
import { RELATION_LABELS } from '@core/platform/roles';
import type { Page } from '@core/platform/api';
import type { BindRequestView } from '@core/accounts/contract';
import PageShell from '../../../../components/PageShell';
import Loading from '../../../../components/Loading';
import ErrorView from '../../../../components/ErrorView';
import Empty from '../../../../components/Empty';
import Btn from '../../../../components/Btn';
import Sheet from '../../../../components/Sheet';
import { useRemote } from '../../../../hooks/useRemote';
import { accounts } from '../../../../services/accounts';
import { toServiceError } from '../../../../services/cloud';
import { formatDateTime, homeTitle } from '../../../../utils/format';
import './index.scss';

const PAGE_SIZE = 20;

export default function ApprovalsPage() {
  const list = useRemote<Page<BindRequestView>>(() => accounts.pending({ size: PAGE_SIZE }));
  const [moreLoading, setMoreLoading] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<BindRequestView | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  async function loadMore() {
    const cursor = list.data?.nextCursor;
    if (!cursor) return;
    setMoreLoading(true);
    try {
      const next = await accounts.pending({ size: PAGE_SIZE, cursor });
      list.setData((prev) => ({ ...next, items: [...(prev?.items ?? []), ...next.items] }));
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setMoreLoading(false);
    }
  }

  function remove(id: string) {
    list.setData((prev) => ({
      ...(prev as Page<BindRequestView>),
      items: (prev?.items ?? []).filter((r) => r.id !== id),
      total: prev?.total !== undefined ? Math.max(0, prev.total - 1) : undefined,
    }));
  }

  async function decide(r: BindRequestView, approve: boolean, why?: string): Promise<boolean> {
    setBusy(r.id);
    try {
      await accounts.decide({ requestId: r.id, approve, ...(why ? { reason: why } : {}) });
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
    if (why.length > 100) {
      setReasonError('原因最多100个字');
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

  const data = list.data;
  return (
    <PageShell className='approvals'>
      {!data && list.loading ? <Loading /> : null}
      {!data && list.error ? <ErrorView error={list.error} onRetry={list.reload} /> : null}
      {data && data.items.length === 0 ? <Empty title='没有待审核的申请' text='新的绑定申请会出现在这里。' /> : null}
      {data && data.items.length > 0 ? (
        <View>
          {data.total !== undefined ? <View className='section-title'>共 {data.total} 个待审核</View> : null}
          {data.items.map((r) => (
            <View key={r.id} className='card approval-item'>
              <View className='card__title approval-item__home'>{homeTitle(r.home)}</View>
              <View className='approval-item__line'>
                <View className='approval-item__key'>申请人</View>
                <View className='approval-item__applicant'>
                  {r.applicantName}
                  {r.applicantPhone ? `  ${r.applicantPhone}` : ''}
                </View>
              </View>
              <View className='approval-item__line'>
                <View className='approval-item__key'>关系</View>
                <View>{RELATION_LABELS[r.relation]}</View>
              </View>
              <View className='approval-item__line'>
                <View className='approval-item__key'>登记业主</View>
                <View>{r.registeredOwners.length > 0 ? r.registeredOwners.join('、') : '未登记'}</View>
              </View>
              {r.note ? (
                <View className='approval-item__line'>
                  <View className='approval-item__key'>备注</View>
                  <View>{r.note}</View>
                </View>
              ) : null}
              <View className='muted'>提交于 {formatDateTime(r.createdAt)}</View>
              <View className='actions'>
                <Btn type='danger' className='approval-reject' disabled={busy === r.id} onClick={() => openReject(r)}>
                  驳回
                </Btn>
                <Btn type='primary' className='approval-approve' loading={busy === r.id} onClick={() => decide(r, true)}>
                  通过
                </Btn>
              </View>
            </View>
          ))}
          {data.nextCursor ? (
            <View className='load-more'>
              <Btn loading={moreLoading} className='approvals-more' onClick={loadMore}>
                加载更多
              </Btn>
            </View>
          ) : null}
        </View>
      ) : null}

      <Sheet open={!!rejecting} title='驳回申请' onClose={closeReject} className='reject-sheet'>
        {rejecting ? <View className='muted reject-sheet__for'>{homeTitle(rejecting.home)} · {rejecting.applicantName}</View> : null}
        <View className='field'>
          <View className='field__label'>驳回原因（申请人会看到）</View>
          <Textarea
            className='field__textarea reject-reason'
            value={reason}
            placeholder='例如：房屋登记的业主不是您，请联系业主邀请'
            maxlength={100}
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
