/** Display formatting (Shanghai time is core's, dayjs-free: core/platform/period.ts). */
import { shanghaiHour } from '@core/platform/period';

export { formatDateTime } from '@core/platform/period';

/** "早上好" etc. by the hour in Shanghai. */
export function greeting(now: number = Date.now()): string {
  const h = shanghaiHour(now);
  if (h < 5) return '夜深了';
  if (h < 11) return '早上好';
  if (h < 13) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export function homeTitle(h: { compoundName: string; label: string }): string {
  return `${h.compoundName} ${h.label}`;
}
