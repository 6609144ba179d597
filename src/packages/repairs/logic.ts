/** Client helpers of the repairs pages: links, the subscribe prompt, money as people type it. */
import Taro from '@tarojs/taro';
import type { REPAIR_TEMPLATE_ID as ContractTemplateId } from '@core/repairs/contract';
import { routePaths } from '@/features/route-table';
import { REPAIR_ROUTES } from '@/features/repairs/routes';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';

export const URL = routePaths(REPAIR_ROUTES);
export const openRepair = (id: string) => go(`${URL.repairDetail}?id=${encodeURIComponent(id)}`);

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

/** "128.5" → 12850; null when not an amount with at most 2 decimals. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
export const fenToYuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** The current Shanghai month "YYYY-MM", and the month before/after one. */
export function thisMonth(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 7);
}
export function shiftMonth(period: string, by: number): string {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}
