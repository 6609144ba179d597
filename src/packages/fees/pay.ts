/**
 * Paying an order the fees function started: weapp hands it to WeChat
 * (requestPayment); h5 (the local demo) has no WeChat pay page, so the local
 * runtime's demo sandbox completes it (POST /api/_demo/pay, demo mode only). Then the
 * order is polled until payCallback has recorded it.
 */
import { formatYuan } from '@core/platform/units';
import Taro from '@tarojs/taro';
import type { PayStart } from '@core/fees/contract';
import { api, ServiceError } from '@/services/cloud';

const isWeapp = process.env.TARO_ENV === 'weapp';

export async function completePayment(start: PayStart): Promise<'paid' | 'cancelled' | 'pending'> {
  if (isWeapp) {
    try {
      await Taro.requestPayment({ ...start.payment, signType: start.payment.signType as 'MD5' } as Parameters<
        typeof Taro.requestPayment
      >[0]);
    } catch (e) {
      if (/cancel/i.test(String((e as { errMsg?: string }).errMsg ?? ''))) return 'cancelled';
      throw new ServiceError('NETWORK', '支付未完成，请稍后在账单中查看');
    }
  } else {
    const ok = await Taro.showModal({
      title: '演示支付',
      content: `本地演示没有微信支付页面。确认后由支付沙箱完成 ${formatYuan(start.totalFee)}的付款。`,
      confirmText: '确认支付',
      cancelText: '取消',
    });
    if (!ok.confirm) return 'cancelled';
    const res = await fetch('/api/_demo/pay', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outTradeNo: start.outTradeNo }),
    });
    if (!res.ok) throw new ServiceError('NETWORK', '演示支付失败，请重试');
  }
  for (let i = 0; i < 10; i++) {
    const o = await api('fees').call('fees.order', { outTradeNo: start.outTradeNo });
    if (o.state === 'paid') return 'paid';
    await new Promise((r) => setTimeout(r, 600));
  }
  return 'pending';
}
