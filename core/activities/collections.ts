/** Collections of volunteer activities and neighbour service. Every per-user read is an indexed equality/$in with a limit. */
import { defineCollections } from '../platform/collections';

export const ACTIVITIES_COLLECTIONS = defineCollections([
  {
    name: 'activities',
    indexes: [
      /** "Upcoming in my compound": equality on compoundId, then time. */
      { name: 'compound_start', keys: { compoundId: 1, startAt: 1 } },
      { name: 'organiser', keys: { organiserId: 1, startAt: -1 } },
      /** The reminder trigger: activities starting on a Shanghai day. */
      { name: 'day', keys: { startDay: 1 } },
      /** The wxa_media_check push finds its activity by trace id. */
      { name: 'media', keys: { mediaTraceIds: 1 } },
    ],
  },
  /**
   * One per activity (_id = activity id): the 接龙 list. Joining is one atomic
   * conditional update that appends the person (members/queues), so the database
   * serialises arrivals; nothing here is ever rewritten from a stale read.
   */
  { name: 'activityLists', indexes: [] },
  /** One per activity and person: _id `${activityId}_${personId}`. */
  {
    name: 'activitySignups',
    indexes: [
      { name: 'person_start', keys: { personId: 1, startAt: -1 } },
      { name: 'activity', keys: { activityId: 1 } },
    ],
  },
  /** Hours credited per sign-up (_id = sign-up id), the ledger totals and rankings read. */
  {
    name: 'volunteerHours',
    indexes: [
      { name: 'person_period', keys: { personId: 1, period: 1 } },
      { name: 'building_year', keys: { buildingId: 1, year: 1 } },
      { name: 'compound_year', keys: { compoundId: 1, year: 1 } },
    ],
  },
  /** Every correction of hours, with who, why, before and after (append-only). */
  { name: 'hourCorrections', indexes: [{ name: 'signup', keys: { signupId: 1, at: -1 } }] },
  /** A resident's skills and availability (_id = person id). */
  { name: 'serviceVolunteers', indexes: [{ name: 'compound_skill', keys: { compoundId: 1, skills: 1 } }] },
  {
    name: 'serviceTeams',
    indexes: [
      { name: 'compound_skill', keys: { compoundId: 1, skill: 1 } },
      /** "My teams": memberIds is an array (multikey). */
      { name: 'member', keys: { memberIds: 1 } },
    ],
  },
  {
    name: 'helpRequests',
    indexes: [
      { name: 'requester', keys: { requesterId: 1, createdAt: -1 } },
      /** Requests reaching my teams: teamIds is an array (multikey). */
      { name: 'team', keys: { teamIds: 1, createdAt: -1 } },
    ],
  },
]);
