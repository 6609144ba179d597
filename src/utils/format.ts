/**
 * Display formatting. China has had no daylight saving since 1991, so Shanghai time
 * is a fixed UTC+8 offset; doing it by hand keeps dayjs's timezone plugin (which
 * needs full Intl support, missing on some mini-program engines) out of the bundle.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-28 09:30" in Shanghai time. */
export function formatDateTime(iso: string | number | Date): string {
  const d = new Date(new Date(iso).getTime() + OFFSET_MS);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "早上好" etc. by the hour in Shanghai. */
export function greeting(now: number = Date.now()): string {
  const h = new Date(now + OFFSET_MS).getUTCHours();
  if (h < 5) return '夜深了';
  if (h < 11) return '早上好';
  if (h < 13) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export function homeTitle(h: { compoundName: string; label: string }): string {
  return `${h.compoundName} ${h.label}`;
}
