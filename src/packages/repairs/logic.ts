/** Client helpers of the repairs pages: links and the subscribe prompt (money and months are core's: @core/repairs/rules, @core/platform/period). */
import { routePaths } from '@/features/route-table';
import { REPAIR_ROUTES } from '@/features/repairs/routes';
import { api } from '@/services/cloud';
import { askForMessage } from '@/services/subscribe';
import { go } from '@/utils/nav';

export const REPAIR_URLS = routePaths(REPAIR_ROUTES);
export const openRepair = (id: string) => go(`${REPAIR_URLS.repairDetail}?id=${encodeURIComponent(id)}`);

/** Ask for one progress message (inside a tap on weapp); the h5 demo records an accepted tap. Never throws. */
export async function subscribeRepairs(): Promise<void> {
  try {
    await askForMessage('repair', (input) => api('repairs').call('repairs.subscribe', input));
  } catch {
    /* a message is a convenience: the repair goes ahead without it */
  }
}
