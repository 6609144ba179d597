/** Display helpers for votes pages (no rule is re-derived here: figures come from the count in the view). */
import { areaText } from '@core/votes/count';
import type { CountResult, MatterDetail, MatterListItem } from '@core/votes/contract';
import { routePaths } from '@/features/route-table';
import { VOTE_ROUTES } from '@/features/votes/routes';

export const VR = routePaths(VOTE_ROUTES);
export const m2 = (centi: number) => `${areaText(centi)} m²`;
export const detailUrl = (id: string) => `${VR.voteDetail}?id=${encodeURIComponent(id)}`;

export function phaseClass(m: Pick<MatterListItem, 'phase'>): string {
  return `vote-phase vote-phase--${m.phase}`;
}
export function choiceText(d: Pick<MatterDetail, 'choiceLabels'>, choices?: string[]): string {
  return (choices ?? []).map((c) => d.choiceLabels[c] ?? c).join('、');
}
/** "62.5%" of a share, for a bar. */
export function pct(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, Math.round((part * 1000) / whole) / 10) : 0;
}
export function turnoutLine(r: CountResult): string {
  return `已参与 ${r.turnout.owners}/${r.roll.owners} 户，${m2(r.turnout.areaCenti)}/${m2(r.roll.areaCenti)}`;
}
