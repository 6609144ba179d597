/**
 * The one subscribe-message prompt of the client. WeChat grants ONE message per
 * accepted tap on `wx.requestSubscribeMessage`, which must run inside a user tap;
 * each feature then records the tap with its own `x.subscribe` action (the
 * function counts grants, _shared/messaging.ts). Template ids come from
 * core/templates.ts, the same per-environment config the functions send with.
 */
import Taro from '@tarojs/taro';
import { TEMPLATE_IDS, type TemplateKey } from '@core/templates';
import { ServiceError } from './cloud';

/**
 * wx.requestSubscribeMessage answers per template: 'accept', 'acceptWithAudio' and
 * 'acceptWithAlert' (accepted, with a sound or a strong reminder) all grant one
 * message; 'reject', 'ban' and 'filter' do not.
 */
export function isSubscribeGranted(answer: unknown): boolean {
  return answer === 'accept' || answer === 'acceptWithAudio' || answer === 'acceptWithAlert';
}

export interface SubscribeTap<R> {
  templateId: string;
  accepted: boolean;
  /** h5 demo: no WeChat prompt was shown, the tap counts as accepted. */
  demo: boolean;
  /** What the feature's `x.subscribe` action answered. */
  recorded: R;
}

/**
 * Ask for one message of template `key` and record the answer with `record` (the
 * feature's `x.subscribe` call). On weapp WeChat shows its own prompt; the h5 demo
 * has none and records an accepted tap. Throws ServiceError when WeChat could not
 * ask (callers for whom a message is a convenience catch it).
 */
export async function askForMessage<R>(
  key: TemplateKey,
  record: (input: { templateId: string; accepted: boolean }) => Promise<R>,
): Promise<SubscribeTap<R>> {
  const templateId = TEMPLATE_IDS[key];
  const isWeapp = process.env.TARO_ENV === 'weapp';
  let accepted = true;
  if (isWeapp) {
    let res: Record<string, unknown>;
    try {
      res = (await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] } as unknown as Parameters<
        typeof Taro.requestSubscribeMessage
      >[0])) as unknown as Record<string, unknown>;
    } catch {
      throw new ServiceError('INTERNAL', '暂时无法订阅，请稍后再试');
    }
    accepted = isSubscribeGranted(res[templateId]);
  }
  const recorded = await record({ templateId, accepted });
  return { templateId, accepted, demo: !isWeapp, recorded };
}
