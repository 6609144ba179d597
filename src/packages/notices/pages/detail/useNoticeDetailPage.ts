/**
 * The notice page's state: the notice (notices.open, the page's one call, with the
 * group's CloudID when opened from a share card), who I am when it is NOT_FOUND,
 * the subscribe prompt, and the withdrawal form.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { NOTICE_LIMITS } from '@core/notices/limits';
import { noticePage } from '@core/notices/rules';
import { useRemote } from '@/hooks/useRemote';
import { enableGroupShare, groupInfoFromEnter, subscribeNotices, type SubscribeOutcome } from '@/services/notices';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';
import { cachedMe, loadMe } from '@/store/me';
import { charCount } from '@/utils/text';

export function useNoticeDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const notice = useRemote(async () => {
    const open = api('notices');
    const groupInfo = await groupInfoFromEnter(id);
    if (!groupInfo) return open.call('notices.open', { noticeId: id });
    try {
      return await open.call('notices.open', { noticeId: id, groupInfo });
    } catch (e) {
      // The group count is statistics: never let a refused CloudID keep someone from reading.
      if (toServiceError(e).code === 'BAD_REQUEST') return open.call('notices.open', { noticeId: id });
      throw e;
    }
  }, [id]);
  const [sub, setSub] = useState<SubscribeOutcome | null>(null);
  const [subBusy, setSubBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Opened cold from a share card or a message: who I am decides what a NOT_FOUND means to me.
  const notFound = notice.error?.code === 'NOT_FOUND';
  const meNow = useRemote(async () => cachedMe() ?? (await loadMe()), [notFound], { skip: !notFound });

  useEffect(() => enableGroupShare(), []);
  useShareAppMessage(() => ({
    title: notice.data ? `【${notice.data.category}】${notice.data.title}` : '小区通知',
    path: '/' + noticePage(id),
  }));

  async function subscribe() {
    setSubBusy(true);
    try {
      const r = await subscribeNotices();
      setSub(r);
      void Taro.showToast({ title: r.accepted ? '已订阅' : '未订阅', icon: r.accepted ? 'success' : 'none' });
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setSubBusy(false);
    }
  }

  function startWithdraw() {
    setReason('');
    setReasonError(null);
    setWithdrawing(true);
  }

  async function confirmWithdraw() {
    const why = reason.trim();
    if (!why) return setReasonError('请填写撤回原因');
    if (charCount(why) > NOTICE_LIMITS.reason) return setReasonError(`原因不超过${NOTICE_LIMITS.reason}个字`);
    const ok = await confirmAction({
      title: '确认撤回这条通知？',
      content: '撤回后不能恢复，住户会看到撤回原因。',
      confirmText: '撤回',
      cancelText: '再想想',
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    try {
      const updated = await api('notices').call('notices.withdraw', { noticeId: id, reason: why });
      notice.setData(updated);
      setWithdrawing(false);
      void Taro.showToast({ title: '已撤回', icon: 'success' });
    } catch (e) {
      setReasonError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return {
    id,
    notice,
    meNow,
    subscription: { sub, busy: subBusy, subscribe },
    withdrawal: {
      open: withdrawing,
      close: () => setWithdrawing(false),
      start: startWithdraw,
      reason,
      setReason: (text: string) => {
        setReason(text);
        setReasonError(null);
      },
      error: reasonError,
      busy,
      confirm: confirmWithdraw,
    },
  };
}

export type NoticeDetailPage = ReturnType<typeof useNoticeDetailPage>;
