/** The month as a 财务公示 notice to every home (statement page). */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { StatementView } from '@core/fees/contract';
import Btn from '@/components/Btn';
import { api, toServiceError } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';
import { confirmAction } from '@/store/confirm';
import { ROUTES } from '@/routes';

/**
 * The month as a 财务公示 notice to every home of the compound (read tracking, 转发到
 * 业主群 from the notice). Shown to the committee once the month is published; the
 * notice is posted through notices (which checks who may post) and then recorded on
 * the statement. The request id is fixed per month, so a retry after a lost answer
 * finds the notice already made instead of posting twice.
 */
export function NoticeCard({ st, onLinked }: { st: StatementView; onLinked: (v: StatementView) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const wrong = st.notice?.problem;
  if (st.notice && !wrong) {
    return (
      <View className='card fees-notice fees-notice--sent'>
        <View
          className='row row--link'
          onClick={() => Taro.navigateTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(st.notice!.id)}` })}
        >
          <View className='row__main'>
            <View className='row__title'>已发财务公示通知</View>
            <View className='row__sub'>{formatDateTime(st.notice.at)} 发给全体住户；打开通知可查看谁已阅读、转发到业主群</View>
          </View>
          <View className='row__side'>查看</View>
        </View>
      </View>
    );
  }
  const draft = st.noticeDraft;
  if (!draft) return null;
  async function post() {
    if (!draft) return;
    const ok = await confirmAction({
      title: '发财务公示通知',
      content: `将把「${draft.title}」发给${st.compoundName}全体住户，大家可以在通知里直接打开本月账目。`,
      confirmText: '发通知',
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const notice = await api('notices').call('notices.post', {
        clientRequestId: `fin_${st.compoundId}_${st.period}`,
        audience: { kind: 'compounds', compoundIds: [st.compoundId] },
        category: '财务公示',
        title: draft.title,
        body: draft.body,
        link: draft.link,
      });
      onLinked(
        await api('fees').call('ledger.linkNotice', {
          compoundId: st.compoundId,
          period: st.period,
          noticeId: notice.id,
          ...(wrong ? { replace: true } : {}),
        }),
      );
      Taro.showToast({ title: '通知已发出', icon: 'success' });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='card fees-notice'>
      <View className='card__title'>通知全体业主</View>
      {wrong ? (
        <View className='form-error fees-notice__wrong'>
          已关联的通知有误（{wrong}）。请重新发本月的财务公示通知，替换后会留下更换记录。
        </View>
      ) : (
        <View className='muted'>本月账目已公示。发一条「财务公示」通知，每户都会收到，能看到谁已阅读，也能转发到业主群。</View>
      )}
      <View className='fees-notice__preview'>
        <View className='fees-notice__title'>{draft.title}</View>
        <View className='fees-notice__body'>{draft.body}</View>
      </View>
      {error ? <View className='form-error'>{error}</View> : null}
      <Btn type='primary' block loading={busy} className='fees-notice-btn' onClick={post}>
        {wrong ? '重发并更换关联' : '发财务公示通知'}
      </Btn>
    </View>
  );
}
