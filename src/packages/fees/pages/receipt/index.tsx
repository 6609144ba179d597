/** 电子收据: one payment, its bills, the method and the receipt number. */
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';
import '../../common.scss';

export default function ReceiptPage() {
  const id = useRouter().params.id ?? '';
  const r = useRemote(() => api('fees').call('fees.receipt', { paymentId: id }), [id]);
  const d = r.data;
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
          {d.duplicateFen > 0 && !d.refunded ? <View className='fees-overdue'>部分账单已用其他方式缴过，多缴的钱将退回，请留意。</View> : null}
          {d.refunded ? <View className='muted fees-refunded'>已退回 {d.refunded.amount}，{d.refunded.how}（{d.refunded.reason}）</View> : null}
          <View className='muted fees-receipt-ok'>款项已入账，并记入小区公开账目。</View>
        </View>
      ) : null}
    </PageShell>
  );
}
