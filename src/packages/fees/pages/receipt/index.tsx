/** 电子收据: one payment, its bills, the method and the receipt number, and the ledger entries it witnesses. */
import { useEffect } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';
import { keepWitnesses } from '../../witness';
import '../../common.scss';

export default function ReceiptPage() {
  const id = useRouter().params.id ?? '';
  const r = useRemote(() => api('fees').call('fees.receipt', { paymentId: id }), [id]);
  const d = r.data;
  // The phone keeps the entries this receipt shows: 校验 checks the ledger still has them.
  useEffect(() => {
    if (d) keepWitnesses(d.compoundId, d.witnesses);
  }, [d]);
  return (
    <PageShell className='fees-receipt'>
      <StateView {...r.state} />
      {d ? (
        <View className='card'>
          <View className='card__title'>{d.compoundName} 电子收据</View>
          <View className='fees-amount'>{d.amount}</View>
          <View className='fees-funds__row'>
            <View>收据号</View>
            <View className='fees-receipt-no'>{d.receiptNo}</View>
          </View>
          <View className='fees-funds__row'>
            <View>付款方式</View>
            <View>{d.methodLabel}</View>
          </View>
          <View className='fees-funds__row'>
            <View>付款时间</View>
            <View>{formatDateTime(d.paidAt)}</View>
          </View>
          {d.transactionId ? (
            <View className='fees-funds__row'>
              <View>微信支付单号</View>
              <View className='muted'>{d.transactionId}</View>
            </View>
          ) : null}
          <View className='section-title'>缴费明细</View>
          {d.lines.map((l, i) => (
            <View key={i} className='fees-funds__row'>
              <View>
                {l.homeLabel} {l.periodLabel}
                {l.itemName}
              </View>
              <View>{l.amount}</View>
            </View>
          ))}
          {d.refund && d.refund.state !== 'refunded' ? (
            <View className={`fees-receipt-refund fees-receipt-refund--${d.refund.state}`}>
              {d.refund.label}：多缴 {d.refund.amount}。{d.refund.note}
            </View>
          ) : null}
          {d.refunded ? (
            <View className='muted fees-refunded'>
              已退回 {d.refunded.amount}，{d.refunded.how}（{d.refunded.reason}）
            </View>
          ) : null}
          <View className='muted fees-receipt-ok'>款项已入账，并记入小区公开账目。</View>
          {d.witnesses.length ? (
            <View className='fees-witness'>
              {d.witnesses.map((w) => (
                <View key={w.seq} className='fees-funds__row fees-witness__row'>
                  <View>账本第 {w.seq} 笔</View>
                  <View className='fees-witness__code'>校验码 {w.code}</View>
                </View>
              ))}
              <View className='muted'>本机已保存这张收据。在「月度收支公示」点「校验」，会核对账本里这一笔是否被改动过。</View>
            </View>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
