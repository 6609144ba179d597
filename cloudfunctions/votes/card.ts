/** The votes 首页 card's data: open matters (a declared seam: cloudfunctions/home composes the 首页 in one call). */
import type { MatterListItem } from '../../core/votes/contract';
import type { Ctx } from '../_shared/router';
import { listMatters } from './matters';

export function votesCard(ctx: Ctx): Promise<MatterListItem[]> {
  return listMatters(ctx, { openOnly: true });
}
