/**
 * payCallback: WeChat Pay's payment notification (`functionName` of
 * cloudPay.unifiedOrder), its refund notification (`functionName` of cloudPay.refund)
 * and the reconciliation timer (orders, then refunds still pending). It has no client actions.
 * A notification is recognised by its shape only when SOURCE says WeChat Pay sent it
 * (`wx_paycallback`; a client can send any JSON); it answers WeChat's own shape, `{errcode: 0}` once the
 * payment is recorded (then WeChat stops notifying), anything else to be called again.
 */
import * as cloud from 'wx-server-sdk';
import { payCallbackApi } from '../../core/fees/contract';
import { PAY_CALLBACK_SOURCE, createMain, startedBy, timerRoute, type Ctx } from '../_shared/router';
import { onRefundNotice, reconcileRefunds, refundNotice } from '../_shared/refunds';
import { reconcile, settle } from './settle';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

const routed = createMain(
  cloud,
  payCallbackApi,
  {},
  {
    system: [timerRoute('reconcile', async (ctx) => ({ ...(await reconcile(ctx)), ...(await reconcileRefunds(ctx)) }))],
  },
);

function isPayNotify(
  e: unknown,
): e is { outTradeNo: string; totalFee: number; transactionId: string; resultCode: string; returnCode: string; subMchId?: string } {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return false;
  const x = e as Record<string, unknown>;
  return (
    typeof x.outTradeNo === 'string' &&
    x.outTradeNo.length <= 32 &&
    typeof x.totalFee === 'number' &&
    typeof x.transactionId === 'string' &&
    typeof x.returnCode === 'string' &&
    !('action' in x)
  );
}

export async function main(event: unknown): Promise<unknown> {
  const { SOURCE } = cloud.getWXContext();
  const fromWeChatPay = startedBy(SOURCE, PAY_CALLBACK_SOURCE);
  const ctx = (): Ctx => ({
    cloud,
    db: cloud.database() as unknown as Ctx['db'],
    openid: '',
    now: new Date(),
    actor: async () => ({ openid: '', personId: null, roles: [], homes: [] }),
  });
  // A refund notification carries outTradeNo and amounts too: it is told apart first, by its refund fields.
  const refund = fromWeChatPay ? refundNotice(event) : null;
  if (refund) {
    try {
      return await onRefundNotice(ctx(), refund);
    } catch (e) {
      console.error('[payCallback] refund notice failed', refund.outRefundNo, e);
      return { errcode: 1, errmsg: 'retry' };
    }
  }
  // Only WeChat Pay's own call (SOURCE wx_paycallback) is a notification; and even then
  // it is believed only once queryOrder agrees (settle.ts).
  if (fromWeChatPay && isPayNotify(event)) {
    if (event.returnCode !== 'SUCCESS' || event.resultCode !== 'SUCCESS') return { errcode: 0, errmsg: 'not paid: nothing to record' };
    try {
      const r = await settle(ctx(), {
        outTradeNo: event.outTradeNo,
        totalFee: event.totalFee,
        transactionId: event.transactionId,
        subMchId: event.subMchId,
      });
      if (r === 'recorded') return { errcode: 0, errmsg: 'OK' };
      return { errcode: 1, errmsg: r };
    } catch (e) {
      console.error('[payCallback] settle failed', event.outTradeNo, e);
      return { errcode: 1, errmsg: 'retry' };
    }
  }
  return routed(event);
}
