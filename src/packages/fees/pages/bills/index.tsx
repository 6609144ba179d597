/**
 * 物业缴费: my homes' unpaid bills (all ticked), pay them in one WeChat payment, then
 * the receipt. Money owed back to my homes (退款中, 退款未成功, 已退回). Paid bills of the
 * last months below, each opening its receipt. Asked
 * once (on this phone): 欠费时提醒我 — one WeChat bill message per tap, which the
 * committee's 催缴提醒 spends if a bill falls overdue.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { FEE_ROUTES } from '@/features/fees/routes';
import { formatYuan } from '@core/platform/units';
import { askForMessage } from '@/services/subscribe';
import SubscribeCard from '@/components/SubscribeCard';
import { completePayment } from '../../pay';
import '../../common.scss';

const url = routePaths(FEE_ROUTES);

const isWeapp = process.env.TARO_ENV === 'weapp';
/** Asked once on this phone: whatever the answer, the card does not come back. */
const ASKED_KEY = 'fees.billReminder.asked';

function askedBefore(): boolean {
  try {
    return !!Taro.getStorageSync(ASKED_KEY);
  } catch {
    return false;
  }
}

/**
 * 欠费时提醒我: WeChat's own prompt on weapp (inside a tap); the h5 demo has no prompt
 * and records the tap as accepted. Resolves with the outcome; never throws.
 */
async function subscribeBills(): Promise<{ accepted: boolean; remaining: number; demo: boolean } | null> {
  try {
    const tap = await askForMessage('bill', (input) => {
      Taro.setStorageSync(ASKED_KEY, '1');
      return api('fees').call('fees.subscribe', input);
    });
    return { accepted: tap.accepted, remaining: tap.recorded.remaining, demo: tap.demo };
  } catch {
    return null;
  }
}

export default function BillsPage() {
  const bills = useRemote(() => api('fees').call('fees.myBills', {}), [], { refreshOnShow: true });
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const data = bills.data;
  const unpaid = data ? data.homes.flatMap((h) => h.bills) : [];
  useEffect(() => setPicked(unpaid.map((b) => b.id)), [data]); // eslint-disable-line react-hooks/exhaustive-deps
  const request = useRequestId([picked]);
  const total = unpaid.filter((b) => picked.includes(b.id)).reduce((s, b) => s + b.amountFen, 0);
  const [asked, setAsked] = useState(askedBefore);
  const [sub, setSub] = useState<{ accepted: boolean; remaining: number; demo: boolean } | null>(null);
  const [subBusy, setSubBusy] = useState(false);

  async function askReminder() {
    setSubBusy(true);
    const r = await subscribeBills();
    setSubBusy(false);
    if (r) {
      setSub(r);
      setAsked(true);
    } else Taro.showToast({ title: '暂时无法订阅，请稍后再试', icon: 'none' });
  }

  async function pay() {
    if (!picked.length) return;
    // In WeChat, the first payment also asks (WeChat's own prompt must open inside this
    // tap, so before the payment; the payment waits for the answer: one dialog at a time).
    if (isWeapp && !asked) {
      setAsked(true);
      const r = await subscribeBills();
      if (r) setSub(r);
    }
    setBusy(true);
    try {
      const start = await api('fees').call('fees.pay', { clientRequestId: request.id, billIds: picked });
      const r = await completePayment(start);
      if (r === 'cancelled') return;
      const order = await api('fees').call('fees.order', { outTradeNo: start.outTradeNo });
      request.renew();
      if (order.paymentId) go(`${url.feeReceipt}?id=${encodeURIComponent(order.paymentId)}`);
      else Taro.showToast({ title: '支付结果确认中，请稍后刷新', icon: 'none' });
      bills.reload();
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <PageShell className='fees-bills'>
      <StateView
        {...bills.state}
        empty={!!data && data.homes.length === 0 && { title: '还没有绑定房屋', text: '绑定房屋后可以在这里缴物业费。' }}
      />
      {data && data.homes.length > 0 ? (
        <View>
          <View className='card'>
            <View className='muted'>待缴合计</View>
            <View className='fees-amount fees-due'>{data.due}</View>
            <View className='muted'>{data.unpaidCount ? `${data.unpaidCount} 张账单` : '都已缴清，谢谢您'}</View>
          </View>
          {data.homes.map((h) =>
            h.bills.length ? (
              <View key={h.homeId} className='card'>
                <View className='card__title'>{h.label}</View>
                {h.bills.map((b) => (
                  <View key={b.id} className='fees-bill' onClick={() => toggle(b.id)}>
                    <View className={`fees-bill__check${picked.includes(b.id) ? ' fees-bill__check--on' : ''}`}>
                      {picked.includes(b.id) ? '✓' : ''}
                    </View>
                    <View className='fees-bill__main'>
                      <View>
                        {b.periodLabel} {b.itemName}
                      </View>
                      <View className='muted'>{b.basis}</View>
                      {b.overdueMonths > 0 ? <View className='fees-overdue'>已逾期 {b.overdueMonths} 个月</View> : null}
                    </View>
                    <View className='fees-bill__amount'>{b.amount}</View>
                  </View>
                ))}
              </View>
            ) : null,
          )}
          {data.refunds.length ? (
            <View className='card fees-my-refunds'>
              <View className='card__title'>退款</View>
              {data.refunds.map((r) => (
                <View
                  key={r.paymentId}
                  className='row row--link fees-my-refund'
                  onClick={() => go(`${url.feeReceipt}?id=${encodeURIComponent(r.paymentId)}`)}
                >
                  <View className='row__main'>
                    <View className='row__title'>
                      多缴 {r.amount} · <Text className={`fees-refund__state--${r.state}`}>{r.stateLabel}</Text>
                    </View>
                    <View className='row__sub'>{r.note}</View>
                  </View>
                  <View className='row__side'>收据</View>
                </View>
              ))}
            </View>
          ) : null}
          {!asked || sub ? (
            <SubscribeCard
              className='fees-subscribe'
              buttonClass='fees-subscribe-btn'
              title='欠费时提醒我'
              note='有账单逾期未缴时，业委会或物业可以通过微信提醒您一次。每点一次“欠费时提醒我”可收到一条提醒，不会用于其他消息。'
              result={sub}
              resultText={(r) =>
                r.accepted ? `已订阅，欠费时可收到 ${r.remaining} 条提醒` : `您没有同意，欠费时可收到 ${r.remaining} 条提醒`
              }
              busy={subBusy}
              onAsk={askReminder}
              askText='欠费时提醒我'
            />
          ) : null}
          {data.recentPaid.length ? (
            <View className='card'>
              <View className='card__title'>已缴账单</View>
              {data.recentPaid.map((b) => (
                <View
                  key={b.id}
                  className='row row--link fees-paid'
                  onClick={() => b.paymentId && go(`${url.feeReceipt}?id=${encodeURIComponent(b.paymentId)}`)}
                >
                  <View className='row__main'>
                    <View className='row__title'>
                      {b.periodLabel} {b.itemName} {b.amount}
                    </View>
                    <View className='row__sub'>{b.homeLabel}</View>
                  </View>
                  <View className='row__side'>收据</View>
                </View>
              ))}
            </View>
          ) : null}
          {data.unpaidCount ? (
            <View className='fees-paybar'>
              <View>
                已选 {picked.length} 张，合计 <View className='fees-bill__amount'>{formatYuan(total)}</View>
              </View>
              <Btn type='primary' loading={busy} disabled={!picked.length} className='fees-pay' onClick={pay}>
                微信支付
              </Btn>
            </View>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
