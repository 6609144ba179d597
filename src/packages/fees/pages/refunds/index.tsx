/**
 * 退款处理: payments that received money for bills already paid (cash at the office
 * while an online payment was under way). For the committee, the property manager and
 * the bookkeeper: what is owed back, 退款中 (WeChat Pay has it, not confirmed yet),
 * 退款未成功 with why. Who may act gives it back through WeChat Pay (原路退回) or records
 * a cash refund, and asks how a pending refund stands. The function decides what each
 * may do (`can`); nothing is booked in the ledger until the money is back.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { RefundItem } from '@core/fees/contract';
import { FEE_LIMITS } from '@core/fees/limits';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';
import '../../common.scss';
import './index.scss';

type Asking = { item: RefundItem; how: 'wechat' | 'cash' };

function Refund(props: { r: RefundItem; busy: boolean; onAsk: (how: 'wechat' | 'cash') => void; onCheck: () => void }) {
  const { r } = props;
  return (
    <View className={`card fees-refund fees-refund--${r.state}`}>
      <View className='fees-refund__head'>
        <View className='card__title'>多缴 {r.amount}</View>
        <View className={`fees-refund__state fees-refund__state--${r.state}`}>{r.stateLabel}</View>
      </View>
      <View className='fees-funds__row'>
        <View>收据号</View>
        <View>{r.receiptNo}</View>
      </View>
      {r.homes ? <View className='muted'>{r.homes}</View> : null}
      <View className='muted'>
        {r.methodLabel}付款于 {formatDateTime(r.paidAt)}
      </View>
      {r.note ? <View className='fees-refund__note'>{r.note}</View> : null}
      {r.askedAt ? (
        <View className='muted fees-refund__asked'>
          {r.askedByName ?? ''} {formatDateTime(r.askedAt)} 发起：{r.reason}
          {r.failures ? `（已失败 ${r.failures} 次）` : ''}
        </View>
      ) : null}
      {r.state === 'pending' ? <View className='muted'>已交微信支付处理，钱到账后自动记入账本。</View> : null}
      {r.can.wechat || r.can.cash || r.can.check ? (
        <View className='actions'>
          {r.can.check ? (
            <Btn className='fees-refund-check' loading={props.busy} onClick={props.onCheck}>
              查询进度
            </Btn>
          ) : null}
          {r.can.cash ? (
            <Btn className='fees-refund-cash' onClick={() => props.onAsk('cash')}>
              现金退还
            </Btn>
          ) : null}
          {r.can.wechat ? (
            <Btn type='primary' className='fees-refund-wechat' onClick={() => props.onAsk('wechat')}>
              {r.state === 'failed' ? '重新退回微信' : '原路退回微信'}
            </Btn>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

export default function RefundsPage() {
  const params = useRouter().params;
  const [compoundId, setCompoundId] = useState<string | undefined>(params.compoundId || undefined);
  const page = useRemote(() => api('fees').call('fees.refunds', compoundId ? { compoundId } : {}), [compoundId], { refreshOnShow: true });
  const v = page.data;
  const [asking, setAsking] = useState<Asking | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function open(item: RefundItem, how: 'wechat' | 'cash') {
    setAsking({ item, how });
    setReason(item.reason ?? '重复缴费');
    setError(null);
  }

  async function submit() {
    if (!asking || !reason.trim()) return;
    setBusy(asking.item.paymentId);
    setError(null);
    try {
      const r = await api('fees').call('fees.refund', { paymentId: asking.item.paymentId, reason: reason.trim(), how: asking.how });
      setAsking(null);
      void Taro.showToast({ title: r.refund?.label ?? '已登记', icon: 'none' });
      page.reload();
    } catch (e) {
      setError(toServiceError(e).message);
      page.reload();
    } finally {
      setBusy(null);
    }
  }

  async function check(item: RefundItem) {
    setBusy(item.paymentId);
    try {
      const r = await api('fees').call('fees.refundCheck', { paymentId: item.paymentId });
      void Taro.showToast({ title: r.refund ? `${r.refund.label}` : '已查询', icon: 'none' });
      page.reload();
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <PageShell className='fees-refunds'>
      {v && v.compounds.length > 1 ? (
        <Choice
          options={v.compounds.map((c) => ({ value: c.id, label: c.name }))}
          value={v.compoundId}
          onChange={(id) => setCompoundId(id)}
        />
      ) : null}
      <StateView
        {...page.state}
        permission='fees.refund.view'
        permissionAction='查看和办理退款'
        empty={!!v && v.items.length === 0 && { title: '没有要退的款', text: '同一张账单缴了两次时，多缴的钱会列在这里。' }}
      >
        {v && v.items.length ? (
          <View className='muted fees-refunds__intro'>
            同一张账单缴了两次（如在物业交了现金，同时又用微信支付），多缴的钱要退还付款人。退回微信要等微信支付确认到账，确认后才记入账本。
          </View>
        ) : null}
        {v?.items.map((r) => (
          <Refund key={r.paymentId} r={r} busy={busy === r.paymentId} onAsk={(how) => open(r, how)} onCheck={() => void check(r)} />
        ))}
      </StateView>
      <Sheet open={!!asking} title={asking?.how === 'cash' ? '现金退还' : '原路退回微信'} onClose={() => setAsking(null)}>
        {asking ? (
          <View>
            <View className='muted'>
              {asking.how === 'cash'
                ? `请当面把 ${asking.item.amount} 退给付款人，再点“登记”。登记后记入账本。`
                : `${asking.item.amount} 将原路退回付款人的微信零钱或银行卡。微信支付确认到账后记入账本。`}
            </View>
            <View className='field__label'>退款原因</View>
            <Input
              className='fees-field fees-refund-reason'
              maxlength={FEE_LIMITS.reason}
              value={reason}
              onInput={(e) => setReason(e.detail.value)}
            />
            {error ? <View className='form-error'>{error}</View> : null}
            <View className='actions'>
              <Btn onClick={() => setAsking(null)}>取消</Btn>
              <Btn type='primary' className='fees-refund-submit' loading={!!busy} disabled={!reason.trim()} onClick={() => void submit()}>
                {asking.how === 'cash' ? '登记' : '退回微信'}
              </Btn>
            </View>
          </View>
        ) : null}
      </Sheet>
    </PageShell>
  );
}
