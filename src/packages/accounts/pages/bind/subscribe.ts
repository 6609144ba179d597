import type { BindRequestView } from '@core/accounts/contract';

/**
 * Hook point: called from the 提交申请 tap right after `binding.request` succeeds.
 * The subscribe-message issue asks here for consent to the "审核结果" template
 * (Taro.requestSubscribeMessage must run inside a user tap, which this is).
 * Until then there is nothing to ask, so it resolves at once.
 */
export async function onBindingRequested(_request: BindRequestView): Promise<void> {
  return undefined;
}
