/** Client helpers of the repairs pages: links and the subscribe prompt (money and months are core's: @core/repairs/rules, @core/platform/period). */
import Taro from '@tarojs/taro';
import type { REPAIR_TEMPLATE_ID as ContractTemplateId } from '@core/repairs/contract';
import { routePaths } from '@/features/route-table';
import { REPAIR_ROUTES } from '@/features/repairs/routes';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';

export const REPAIR_URLS = routePaths(REPAIR_ROUTES);
export const openRepair = (id: string) => go(`${REPAIR_URLS.repairDetail}?id=${encodeURIComponent(id)}`);

/** The contract's template id as a value (importing the contract at runtime would pull zod in); the type keeps them equal. */
export const REPAIR_TEMPLATE_ID: typeof ContractTemplateId = 'REPLACE_WITH_REPAIR_TEMPLATE_ID';

/** Ask for one progress message (inside a tap on weapp); the h5 demo records an accepted tap. Never throws. */
export async function subscribeRepairs(): Promise<void> {
  let accepted = true;
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: [REPAIR_TEMPLATE_ID] } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>;
      accepted = ['accept', 'acceptWithAudio', 'acceptWithAlert'].includes(res[REPAIR_TEMPLATE_ID]);
    }
    await api('repairs').call('repairs.subscribe', { templateId: REPAIR_TEMPLATE_ID, accepted });
  } catch {
    /* a message is a convenience: the repair goes ahead without it */
  }
}
