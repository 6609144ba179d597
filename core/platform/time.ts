/** Periods are calendar months in Asia/Shanghai, whatever the server's clock zone. */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TZ = 'Asia/Shanghai';

export function shanghai(at: Date | number | string = Date.now()) {
  return dayjs(at).tz(TZ);
}

/** "2026-11" for the month an instant falls in, in Shanghai. */
export function periodOf(at: Date | number | string): string {
  return shanghai(at).format('YYYY-MM');
}

/** "2026-11-28 09:30" in Shanghai, for display. */
export function formatDateTime(at: Date | number | string): string {
  return shanghai(at).format('YYYY-MM-DD HH:mm');
}

export function formatDate(at: Date | number | string): string {
  return shanghai(at).format('YYYY-MM-DD');
}

/** End of the given Shanghai calendar day ("2026-12-01") as an instant. */
export function endOfShanghaiDay(date: string): Date {
  return dayjs.tz(date, TZ).endOf('day').toDate();
}
