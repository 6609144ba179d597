/** How the 收费标准 page words a rate, and reads the yuan a person typed (no float math). */
import { FEE_LIMITS } from '@core/fees/limits';
import { FEE_KIND_UNITS, TIER_LABELS, TIERS, type FeeKind, type Tier } from '@core/fees/rules';
import { formatFen, parseYuanToFen } from '@core/platform/units';

export const KINDS: FeeKind[] = ['property', 'parking', 'ev', 'fixed'];
export type Rate = { tiers?: Partial<Record<Tier, number>>; fen?: number };

/** "1.10元/㎡/月" or "电梯住宅 1.20元 · 无电梯住宅 0.80元（每㎡每月）". */
export function rateText(kind: FeeKind, r: Rate): string {
  if (kind === 'property') {
    const parts = TIERS.filter((t) => r.tiers?.[t] !== undefined).map((t) => `${TIER_LABELS[t]} ${formatFen(r.tiers![t]!)}元`);
    return parts.length ? `${parts.join(' · ')}（${FEE_KIND_UNITS.property}）` : '未设置';
  }
  return r.fen === undefined ? '未设置' : `${formatFen(r.fen)}${FEE_KIND_UNITS[kind]}`;
}

/** The yuan a person typed as fen, or a Chinese problem. Empty is allowed where `optional`. */
export function fenOf(text: string, optional = false): number | null | string {
  if (!text.trim()) return optional ? null : '请填写金额';
  const fen = parseYuanToFen(text);
  if (fen === null) return '金额应为数字，最多两位小数，如 1.10';
  if (fen > FEE_LIMITS.maxRateFen) return `单价最高${formatFen(FEE_LIMITS.maxRateFen)}元`;
  return fen;
}
