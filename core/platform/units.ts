/**
 * Money is integer fen, area integer hundredths of a m². Conversions from what people
 * type go through strings so no float ever reaches a stored value.
 */
const DECIMAL = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/;

/** "89.5" → 8950 (hundredths of m²); null when not a non-negative number with ≤ 2 decimals. */
export function parseHundredths(text: string): number | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 8950 → "89.50" */
export function formatHundredths(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const parseYuanToFen = parseHundredths;
export const formatFen = formatHundredths;

/** 123450 → "1234.50元"; `grouped` writes thousands apart ("1,234.50元") for a table of large sums. */
export function formatYuan(fen: number, opts: { grouped?: boolean } = {}): string {
  const text = formatFen(fen);
  if (!opts.grouped) return `${text}元`;
  const [whole, cents] = text.split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}元`;
}

/** Area in hundredths of m² shown as "89.50㎡". */
export function formatArea(areaCenti: number): string {
  return `${formatHundredths(areaCenti)}㎡`;
}

/** One bill line: round-half-up(area × rate) to the fen. Integers only. */
export function billLineFen(areaCenti: number, rateFenPerM2: number): number {
  if (!Number.isSafeInteger(areaCenti) || !Number.isSafeInteger(rateFenPerM2) || areaCenti < 0 || rateFenPerM2 < 0) {
    throw new RangeError('area and rate must be non-negative integers');
  }
  return Math.floor((areaCenti * rateFenPerM2 + 50) / 100);
}
