/** Client helpers of the concerns pages: links, the subscribe prompt, months. */
import { routePaths } from '@/features/route-table';
import { CONCERN_ROUTES } from '@/features/concerns/routes';
import { api } from '@/services/cloud';
import { askForMessage } from '@/services/subscribe';
import { go } from '@/utils/nav';

export const URL = routePaths(CONCERN_ROUTES);
export const openConcern = (id: string) => go(`${URL.concernDetail}?id=${encodeURIComponent(id)}`);
export const openTopic = (id: string) => go(`${URL.concernTopic}?id=${encodeURIComponent(id)}`);

/** Ask for one progress message (inside a tap on weapp); the h5 demo records an accepted tap. Never throws. */
export async function subscribeConcerns(): Promise<void> {
  try {
    await askForMessage('concern', (input) => api('concerns').call('concerns.subscribe', input));
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
