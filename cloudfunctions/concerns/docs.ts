/** Documents of concerns (民情) and the 议事厅. */
import type { ConcernCategory, ConcernLevel, ConcernStatus, Stance, TaskLinkKind, TopicStage, Visibility } from '../../core/concerns/rules';
import type { CheckedMedia } from '../_shared/media';
import { repository } from '../_shared/repo';

export interface ConcernEvent {
  action: 'raise' | 'raiseFor' | 'answer' | 'convert' | 'escalate' | 'rate' | 'reopen' | 'merge' | 'ask';
  /** A person id, or 'system' (the sweep). */
  by: string;
  byName: string;
  /** "党员楼栋长", "住户" … at the time. */
  byRole: string;
  at: Date;
  note?: string;
}
export type ConcernOutcome =
  | { kind: 'answer' }
  | { kind: 'repair'; repairId: string }
  | { kind: 'topic'; topicId: string }
  | { kind: 'vote'; reason: string; voteId: string | null };

export interface ConcernDoc {
  _id: string;
  clientRequestId: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  /** The building it routes to (the home's), whether it is about the building or the compound. */
  buildingId: string;
  buildingName: string;
  about: 'building' | 'compound';
  /** The home it comes from: handlers see it, neighbours never do. */
  homeId: string;
  homeLabel: string;
  category: ConcernCategory;
  description: string;
  photos: string[];
  media: CheckedMedia[];
  mediaTraceIds: string[];
  visibility: Visibility;
  source: 'resident' | 'visit' | 'phone';
  raiserId: string;
  raiserName: string;
  /** 'p:<raiser>' (raised by a resident) or 'h:<home>' (raised on the household's behalf). */
  partyKeys: string[];
  status: ConcernStatus;
  /** status === 'open' (indexes). */
  open: boolean;
  level: ConcernLevel;
  escalated: boolean;
  escalatedOpen: boolean;
  onBoard: boolean;
  /** When an answer is due at the current level; FOREVER once answered. */
  dueAt: Date;
  /** The first deadline (the figures' "answered within the time"). */
  firstDueAt: Date;
  firstAnsweredAt: Date | null;
  answeredAt: Date | null;
  answer: string | null;
  answeredBy: string | null;
  outcome: ConcernOutcome | null;
  /** The sweep's 解决了吗？: due at askAt while askDue; asked once. */
  askDue: boolean;
  askAt: Date;
  asked: boolean;
  rating: 'satisfied' | 'unsatisfied' | null;
  ratingReason: string | null;
  reopens: number;
  followers: number;
  mergedIntoId: string | null;
  topicId: string | null;
  /** YYYY-MM of when it was raised (Shanghai): the monthly figures read by it. */
  period: string;
  events: ConcernEvent[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
export interface ConcernFollowerDoc {
  _id: string;
  concernId: string;
  personId: string;
  at: Date;
  /** Carried over from a merged duplicate. */
  via?: string;
}
export interface ConcernSettingsDoc {
  _id: string;
  escalateDays: number;
  topicThreshold: number;
  updatedAt: Date;
  updatedBy: string;
}

export interface TopicMaterialDoc {
  title: string;
  photos: string[];
}
export interface TopicTaskDoc {
  id: string;
  title: string;
  owner: string;
  dueOn: string;
  link: { kind: TaskLinkKind; id: string; period?: string } | null;
  createdAt: Date;
}
export interface TopicEvent {
  stage: TopicStage | 'task' | 'link';
  by: string;
  byName: string;
  at: Date;
}
export interface TopicDoc {
  _id: string;
  clientRequestId: string;
  communityId: string;
  compoundId: string;
  compoundName: string;
  title: string;
  description: string;
  sourceConcernId: string | null;
  proposedBy: string;
  stage: TopicStage;
  collectUntil: Date;
  materials: TopicMaterialDoc[];
  media: CheckedMedia[];
  mediaTraceIds: string[];
  meeting: { at: Date; place: string } | null;
  participants: string | null;
  minutes: string | null;
  opinion: string | null;
  art278: boolean;
  art278Reason: string | null;
  publicUntil: Date | null;
  tasks: TopicTaskDoc[];
  report: string | null;
  comments: number;
  satisfied: number;
  unsatisfied: number;
  consultedAt: Date | null;
  implementedAt: Date | null;
  /** YYYY-MM of 协商 (the figures' "topics deliberated" month); of creation until then. */
  period: string;
  events: TopicEvent[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
/** One per home and topic: its stance and words (edited in place), its objection and its rating. */
export interface TopicCommentDoc {
  _id: string;
  topicId: string;
  homeId: string;
  /** "3栋": what neighbours see of who wrote it. */
  buildingName: string;
  /** The last person of the home who wrote (for the 公示/反馈 messages; never shown). */
  personId: string;
  stance: Stance | null;
  text: string | null;
  objection: string | null;
  rating: 'satisfied' | 'unsatisfied' | null;
  edits: number;
  createdAt: Date;
  updatedAt: Date;
}

export const concerns = repository<ConcernDoc>('concerns');
export const concernFollowers = repository<ConcernFollowerDoc>('concernFollowers');
export const concernSettings = repository<ConcernSettingsDoc>('concernSettings');
export const topics = repository<TopicDoc>('topics');
export const topicComments = repository<TopicCommentDoc>('topicComments');
export const followerId = (concernId: string, personId: string) => `${concernId}_${personId}`;
export const commentId = (topicId: string, homeId: string) => `${topicId}_${homeId}`;
