/** Client helpers of the concerns pages: links, the subscribe prompt, months. */
import Taro from '@tarojs/taro';
import type { CONCERN_TEMPLATE_ID as ContractTemplateId } from '@core/concerns/contract';
import { routePaths } from '@/features/route-table';
import { CONCERN_ROUTES } from '@/features/concerns/routes';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';

export const URL = routePaths(CONCERN_ROUTES);
export const openConcern = (id: string) => go(`${URL.concernDetail}?id=${encodeURIComponent(id)}`);
export const openTopic = (id: string) => go(`${URL.concernTopic}?id=${encodeURIComponent(id)}`);

/** The contract's template id as a value (importing the contract at runtime would pull zod in); the type keeps them equal. */
export const CONCERN_TEMPLATE_ID: typeof ContractTemplateId = 'REPLACE_WITH_CONCERN_TEMPLATE_ID';

/** Ask for one progress message (inside a tap on weapp); the h5 demo records an accepted tap. Never throws. */
export async function subscribeConcerns(): Promise<void> {
  let accepted = true;
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: [CONCERN_TEMPLATE_ID] } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>;
      accepted = ['accept', 'acceptWithAudio', 'acceptWithAlert'].includes(res[CONCERN_TEMPLATE_ID]);
    }
    await api('concerns').call('concerns.subscribe', { templateId: CONCERN_TEMPLATE_ID, accepted });
  } catch {
    /* a message is a convenience: the concern goes ahead without it */
  }
}

/** The current Shanghai month "YYYY-MM", and the month before/after one. */
export function thisMonth(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 7);
}
export function shiftMonth(period: string, by: number): string {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}
