/** Client helpers of the repairs pages: links, the subscribe prompt, money as people type it. */
import { routePaths } from '@/features/route-table';
import { REPAIR_ROUTES } from '@/features/repairs/routes';
import { api } from '@/services/cloud';
import { askForMessage } from '@/services/subscribe';
import { go } from '@/utils/nav';

export const URL = routePaths(REPAIR_ROUTES);
export const openRepair = (id: string) => go(`${URL.repairDetail}?id=${encodeURIComponent(id)}`);

/** Ask for one progress message (inside a tap on weapp); the h5 demo records an accepted tap. Never throws. */
export async function subscribeRepairs(): Promise<void> {
  try {
    await askForMessage('repair', (input) => api('repairs').call('repairs.subscribe', input));
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
