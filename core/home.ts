/**
 * The 首页 in one call (`home.get`): the person (`me`) and the data of every home card,
 * composed on the server by cloudfunctions/home from each feature's declared card
 * loader (`cloudfunctions/<f>/card.ts`). One round trip and one invocation instead of
 * one per card (README: one call before first content). A merge point like authz.ts
 * and collections.ts: it names each feature's card type, nothing else.
 */
import { z } from 'zod';
import { action, defineApi } from './platform/api';
import type { ErrorCode } from './platform/errors';
import type { Me } from './accounts/contract';
import type { NoticeListPage } from './notices/contract';
import type { FeesSummary } from './fees/contract';
import type { ActivityHome } from './activities/contract';
import type { MatterListItem } from './votes/contract';
import type { HomeSummary } from './repairs/contract';
import type { MoveHome } from './vehicles/contract';
import type { ConcernHome } from './concerns/contract';
import type { CommunityHome } from './community/contract';
import type { PartyCard } from './party/contract';

/** A card's data, or the error its loader met (that card shows it; the others still show). */
export type CardResult<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export interface HomeCards {
  /** my inbox (20) and, for those who post, my recent notices (3) */
  notices: CardResult<{ inbox: NoticeListPage; authored: NoticeListPage | null }>;
  fees: CardResult<FeesSummary>;
  activities: CardResult<ActivityHome>;
  /** open matters (openOnly) */
  votes: CardResult<MatterListItem[]>;
  repairs: CardResult<HomeSummary>;
  /** 挪车: alerts for my household, requests forwarded to me, my own requests */
  vehicles: CardResult<MoveHome>;
  /** 民情: a handler's open and overdue concerns, a resident's own, the public board */
  concerns: CardResult<ConcernHome>;
  /** 互看互比 / 示范创建: the office's community, a compound's scorecard to do; null for everyone else */
  community: CardResult<CommunityHome | null>;
  /** 党支部: a member's households to visit, the secretary's unassigned homes and book, a resident's selection and lead */
  party: CardResult<PartyCard>;
}

export interface HomeView {
  me: Me;
  cards: HomeCards;
}

export const homeApi = defineApi('home', {
  'home.get': action(z.strictObject({})).returns<HomeView>(),
});
export type HomeApi = typeof homeApi;
