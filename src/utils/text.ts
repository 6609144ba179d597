/**
 * Length as the contracts count it: code points of the trimmed text (core/platform/
 * text.ts `charCount`). That module also builds zod schemas, so the client cannot
 * import it without pulling zod into the weapp bundle; this one line mirrors it
 * until charCount moves to a zod-free core module.
 */
export function charCount(s: string): number {
  return Array.from(s.normalize ? s.normalize('NFC').trim() : s.trim()).length;
}

/** "最多20个字" when `value` is longer than `max`, else null. */
export function tooLong(value: string, max: number, what = ''): string | null {
  return charCount(value) > max ? `${what}最多${max}个字` : null;
}
