/**
 * home: the 首页 in one call. `home.get` answers `me` and every home card's data,
 * composed here from each feature's declared card loader (`cloudfunctions/<f>/card.ts`,
 * the only files of another feature this function may import: .dependency-cruiser.js).
 * One round trip and one invocation instead of one per card; the person's actor is
 * loaded once and shared by every loader (ctx.actor is memoised).
 *
 * A card whose loader fails answers its own error and the other cards still show: the
 * 首页 never goes blank because one feature is unwell.
 */
import * as cloud from 'wx-server-sdk';
import { homeApi, type CardResult, type HomeView } from '../../core/home';
import { ERROR_MESSAGES, isAppError } from '../../core/platform/errors';
import { createMain, type Ctx } from '../_shared/router';
import { meCard } from '../accounts/card';
import { noticesCard } from '../notices/card';
import { feesCard } from '../fees/card';
import { activitiesCard } from '../activities/card';
import { votesCard } from '../votes/card';
import { repairsCard } from '../repairs/card';
import { vehiclesCard } from '../vehicles/card';
import { concernsCard } from '../concerns/card';
import { communityCard } from '../community/card';
import { partyCard } from '../party/card';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

async function card<T>(load: () => Promise<T>): Promise<CardResult<T>> {
  try {
    return { ok: true, data: await load() };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: { code: e.code, message: e.message } };
    console.error('[home] a card failed', e);
    return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
  }
}

export async function getHome(ctx: Ctx): Promise<HomeView> {
  const [me, notices, fees, activities, votes, repairs, vehicles, concerns, community, party] = await Promise.all([
    meCard(ctx),
    card(() => noticesCard(ctx)),
    card(() => feesCard(ctx)),
    card(() => activitiesCard(ctx)),
    card(() => votesCard(ctx)),
    card(() => repairsCard(ctx)),
    card(() => vehiclesCard(ctx)),
    card(() => concernsCard(ctx)),
    card(() => communityCard(ctx)),
    card(() => partyCard(ctx)),
  ]);
  return { me, cards: { notices, fees, activities, votes, repairs, vehicles, concerns, community, party } };
}

export const main = createMain(cloud, homeApi, { 'home.get': (ctx) => getHome(ctx) });
