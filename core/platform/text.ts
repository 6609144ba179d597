/**
 * Text people type, made safe to store and show: NFC-normalised, trimmed, free of
 * control, format and bidirectional-override characters (a name of zero-width
 * spaces, or one that reads backwards to the approver, is refused), and with
 * something visible in it. Lengths count characters as people see them (code
 * points), not UTF-16 units. Used by every contract's text fields.
 */
import { z } from 'zod';

/** C0/C1 controls except tab and newline, plus line/paragraph separators. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/;
/** Zero-width, bidi marks/overrides/isolates, invisible operators, BOM, soft hyphen, Mongolian vowel separator. */
const FORMAT = /[\u00AD\u061C\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/;
/** U+200D joins emoji sequences (👨‍👩‍👧): allowed in free text, never in names or codes. */
const ZWJ = /\u200D/;
/** Private use and unpaired surrogates. */
const OTHER = /[\uE000-\uF8FF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Something a person can see: not only spaces and invisible characters. */
const INVISIBLE_ONLY = /^[\s\u200D\u3000\u115F\u1160\u3164\uFFA0\u2800]*$/;

export function charCount(s: string): number {
  return Array.from(s).length;
}

export interface TextRule {
  max: number;
  /** Newlines allowed (bodies, notes). Single-line fields refuse them. */
  multiline?: boolean;
  /** Emoji joiners allowed (free text only). Default: = multiline. */
  emoji?: boolean;
}

/** The problem with a value, in Chinese, or null when it is fine. `value` must already be normalised. */
export function textProblem(value: string, rule: TextRule): string | null {
  const emoji = rule.emoji ?? !!rule.multiline;
  if (CONTROL.test(value) || OTHER.test(value)) return '含有无法显示的控制字符';
  if (!rule.multiline && /[\n\t]/.test(value)) return '不能换行';
  if (FORMAT.test(value) || (!emoji && ZWJ.test(value))) return '含有不可见字符或文字方向控制字符';
  if (charCount(value) > rule.max) return `最多${rule.max}个字`;
  return null;
}

/** NFC, unified newlines, trimmed ends (and trailing spaces on each line of multi-line text). */
export function normalizeText(value: string, multiline = false): string {
  let v = value.normalize('NFC').replace(/\r\n?/g, '\n');
  if (multiline)
    v = v
      .split('\n')
      .map((l) => l.replace(/[ \t\u3000]+$/, ''))
      .join('\n');
  return v.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

export function isVisible(value: string): boolean {
  return !INVISIBLE_ONLY.test(value);
}

/**
 * A required text field: normalised, checked, visible. The raw input is capped
 * before any work (4 × max UTF-16 units) so a huge string costs nothing.
 */
export function text(rule: TextRule & { emptyMessage?: string }) {
  return z
    .string()
    .max(rule.max * 4 + 16, `最多${rule.max}个字`)
    .transform((raw, ctx) => {
      const v = normalizeText(raw, rule.multiline);
      const problem = textProblem(v, rule);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      if (!isVisible(v)) {
        ctx.addIssue({ code: 'custom', message: rule.emptyMessage ?? '请填写内容' });
        return z.NEVER;
      }
      return v;
    });
}

/** An optional text field: empty or invisible-only becomes undefined; otherwise as `text`. */
export function optionalText(rule: TextRule) {
  return z
    .string()
    .max(rule.max * 4 + 16, `最多${rule.max}个字`)
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      const v = normalizeText(raw, rule.multiline);
      const problem = textProblem(v, rule);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return isVisible(v) ? v : undefined;
    });
}

/**
 * Natural order for room and building labels: "2单元101" < "2单元1001", "9栋" < "10栋".
 * Digit runs compare as numbers; everything else by code point.
 */
export function naturalCompare(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i];
    const y = rb[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d < 0 ? -1 : 1;
      return x.length - y.length; // "01" after "1"
    }
    return x < y ? -1 : 1;
  }
  return ra.length - rb.length;
}

/**
 * A key that sorts rooms naturally as a plain string (so a database index can order
 * by it): unit, then number, each digit run zero-padded to 8 places. "1"/"101" →
 * "00000001!00000101" sorts before "00000001!00001001". Shops without a unit sort by
 * their number, first ("S07" → "!S00000007"); "!" sorts below digits and letters.
 */
export function roomSortKey(unit: string, number: string): string {
  const pad = (s: string) =>
    s
      .normalize('NFC')
      .toUpperCase()
      .replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(8, '0'));
  return `${pad(unit)}!${pad(number)}`;
}
