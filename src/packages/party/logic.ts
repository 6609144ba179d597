/** What the party pages share: their urls, and 需要跟进 → a concern through concerns' own action, then linked to the visit. */
import type { MyRecord, VisitView } from '@core/party/contract';
import { formatMinutes } from '@core/activities/rules';
import type { ConcernCategory } from '@core/concerns/rules';
import { routePaths } from '@/features/route-table';
import { PARTY_ROUTES } from '@/features/party/routes';
import { api } from '@/services/cloud';
import { newRequestId } from '@/utils/requestId';

export const URL = routePaths(PARTY_ROUTES);

/**
 * Raise the concern on the household's behalf (concerns.raiseFor: the 民情 feature's own
 * rules, routing and escalation), then record it on the visit. `requestId` is kept by
 * the caller across retries so a retry never raises twice.
 */
export async function raiseFromVisit(v: VisitView, description: string, category: ConcernCategory, requestId: string): Promise<VisitView> {
  const c = await api('concerns').call('concerns.raiseFor', {
    clientRequestId: requestId,
    homeId: v.homeId,
    category,
    description,
    photos: [],
    visibility: 'handlers',
    source: 'visit',
  });
  return api('party').call('party.linkConcern', { visitId: v.id, concernId: c.id });
}

export { newRequestId };

/** 亮作为 in one line (the structure page, under a member who shows themselves). */
export function recordLine(r: MyRecord): string {
  return [
    `包联 ${r.households} 户`,
    `本季走访 ${r.visitsThisQuarter} 户次`,
    `今年志愿 ${formatMinutes(r.volunteerMinutesThisYear)}`,
    `今年当面告知 ${r.toldThisYear} 户`,
    `今年答复民情 ${r.answeredThisYear} 件`,
  ].join(' · ');
}
