/**
 * Shanghai days and months without dayjs, for the client and the server alike.
 * China has had no daylight saving since 1991, so Asia/Shanghai is a fixed UTC+8
 * offset; doing it by hand keeps dayjs's timezone plugin (which needs full Intl,
 * missing on some mini-program engines) out of the weapp bundle. The server's dayjs
 * side (core/platform/time.ts) says the same for the same instants (unit-tested).
 * A period is a calendar month "YYYY-MM"; a day is "YYYY-MM-DD".
 */
const OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

/** The instant as Shanghai wall time "YYYY-MM-DDTHH:mm:ss.sssZ" (the Z is not true: it is read as local). */
function wall(at: Date | number | string): string | null {
  const t = new Date(at).getTime();
  return Number.isNaN(t) ? null : new Date(t + OFFSET_MS).toISOString();
}

/** "2026-11-28" — the Shanghai day an instant falls in. */
export function shanghaiDay(at: Date | number | string = Date.now()): string {
  return wall(at)?.slice(0, 10) ?? '';
}
/** "2026-11" — the Shanghai month (period) an instant falls in. */
export function shanghaiMonth(at: Date | number | string = Date.now()): string {
  return wall(at)?.slice(0, 7) ?? '';
}
/** "2026-11-28T09:30" — Shanghai wall time, as a date-time field shows it. */
export function shanghaiMinute(at: Date | number | string = Date.now()): string {
  return wall(at)?.slice(0, 16) ?? '';
}
/** "2026-11-28 09:30" in Shanghai, for display ('' for an invalid instant). */
export function formatDateTime(at: Date | number | string): string {
  return shanghaiMinute(at).replace('T', ' ');
}
/** The Shanghai hour (0–23) of an instant. */
export function shanghaiHour(at: Date | number | string = Date.now()): number {
  return Number(wall(at)?.slice(11, 13) ?? 0);
}
/** The Shanghai day `n` days after the one `now` falls in (negative: before). */
export function dayAfter(n: number, now: number = Date.now()): string {
  return shanghaiDay(now + n * DAY_MS);
}
/** The instant of a Shanghai wall time: day "2026-11-28" at "09:30" (default midnight). */
export function shanghaiInstant(day: string, time = '00:00'): Date {
  return new Date(`${day}T${time.padStart(5, '0')}:00+08:00`);
}

// ---- periods: arithmetic on "YYYY-MM"

export function periodIndex(period: string): number {
  const [y, m] = period.split('-').map(Number);
  return y * 12 + (m - 1);
}
export function periodAt(index: number): string {
  const y = Math.floor(index / 12);
  return `${y}-${String((index % 12) + 1).padStart(2, '0')}`;
}
export function addMonths(period: string, n: number): string {
  return periodAt(periodIndex(period) + n);
}
/** `n` consecutive periods from `start`. */
export function periodsFrom(start: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addMonths(start, i));
}
/** "2026年11月" */
export function periodLabel(period: string): string {
  const [y, m] = period.split('-');
  return `${y}年${Number(m)}月`;
}
