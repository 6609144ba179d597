/** Documents of volunteer activities and neighbour service. */
import type { CheckedMedia } from '../_shared/media';
import type { HelpKind, HelpStatus, Skill, Slot } from '../../core/activities/rules';
import type { RoleName } from '../../core/platform/roles';
import { repository } from '../_shared/repo';

export interface ActivityDoc {
  _id: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  /** Empty = the whole compound. */
  buildingIds: string[];
  audienceLabel: string;
  partyOnly: boolean;
  title: string;
  description: string;
  images: string[];
  /** The photos' image check (absent on activities made before it: shown). */
  media?: CheckedMedia[];
  /** Trace ids of `media`, for the push's lookup. */
  mediaTraceIds?: string[];
  place: string;
  startAt: Date;
  endAt: Date;
  deadline: Date;
  /** Shanghai day of the start, "YYYY-MM-DD" (the reminder trigger's index). */
  startDay: string;
  slots: Slot[];
  capacity: number;
  /** Waiting places beyond the capacity. */
  waitlistMax: number;
  organiserId: string;
  organiserName: string;
  organiserRole: RoleName;
  clientRequestId: string;
  status: 'open' | 'cancelled';
  cancellation?: { reason: string; by: string; byName: string; at: Date };
  /** Signs the day's check-in code; never leaves the function. */
  checkinSecret: string;
  createdAt: Date;
}

/**
 * The 接龙 list of one activity (_id = activity id). `members` holds everyone on it
 * (so nobody joins twice), `queues[slot]` the order of arrival per slot. Joining and
 * cancelling are single conditional updates ($push/$pull with $inc), which the
 * database applies one at a time in the order they reach it: no transaction, no
 * lock conflict, and a retried call finds the person already there.
 */
export interface ActivityListDoc {
  _id: string;
  members: string[];
  queues: Record<string, string[]>;
  size: number;
  version: number;
}

/**
 * One per activity and person (_id `${activityId}_${personId}`). `status` mirrors the
 * list and only moves forward (joining → waitlisted → confirmed; any → cancelled by the
 * person), by conditional updates: whoever moves waitlisted → confirmed sends the
 * promotion message, exactly once.
 */
export interface SignupDoc {
  _id: string;
  activityId: string;
  personId: string;
  openid: string;
  name: string;
  partyBadge: boolean;
  phone?: string;
  buildingId: string;
  buildingName: string;
  slotKey: string;
  status: 'joining' | 'confirmed' | 'waitlisted' | 'cancelled';
  startAt: Date;
  joinedAt: Date;
  checkedInAt?: Date | null;
  checkedOutAt?: Date | null;
  minutes?: number | null;
  corrected?: boolean;
  updatedAt: Date;
}

/** Hours credited for one sign-up (_id = sign-up id). */
export interface HoursDoc {
  _id: string;
  personId: string;
  name: string;
  partyBadge: boolean;
  activityId: string;
  title: string;
  communityId: string;
  compoundId: string;
  buildingId: string;
  /** "2026-11" and "2026", Shanghai, of the activity's start. */
  period: string;
  year: string;
  minutes: number;
  corrected: boolean;
  updatedAt: Date;
}

export interface HourCorrectionDoc {
  _id: string;
  signupId: string;
  activityId: string;
  personId: string;
  by: string;
  byName: string;
  before: number | null;
  after: number;
  reason: string;
  at: Date;
}

export interface VolunteerDoc {
  _id: string;
  personId: string;
  name: string;
  compoundId: string;
  buildingId: string;
  buildingName: string;
  skills: Skill[];
  availability: string;
  phone: string;
  updatedAt: Date;
}

export interface TeamDoc {
  _id: string;
  compoundId: string;
  name: string;
  skill: Skill;
  memberIds: string[];
  updatedBy: string;
  updatedAt: Date;
}

export interface HelpRequestDoc {
  _id: string;
  compoundId: string;
  requesterId: string;
  requesterName: string;
  kind: HelpKind;
  text: string;
  contact: string;
  teamIds: string[];
  status: HelpStatus;
  takerId?: string;
  takerName?: string;
  takerContact?: string;
  takenAt?: Date;
  thanks?: string;
  closedAt?: Date;
  createdAt: Date;
}

export const activities = repository<ActivityDoc>('activities');
export const activityLists = repository<ActivityListDoc>('activityLists');
export const signups = repository<SignupDoc>('activitySignups');
export const volunteerHours = repository<HoursDoc>('volunteerHours');
export const hourCorrections = repository<HourCorrectionDoc>('hourCorrections');
export const volunteers = repository<VolunteerDoc>('serviceVolunteers');
export const teams = repository<TeamDoc>('serviceTeams');
export const helpRequests = repository<HelpRequestDoc>('helpRequests');

export const signupId = (activityId: string, personId: string) => `${activityId}_${personId}`;
