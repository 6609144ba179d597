/**
 * Background jobs: fan-out work (reminders, emergency send-out, roster import, and
 * next bill generation, sign-up promotions, vote reminders) is queued as a job and
 * processed in batches by a timer-triggered worker, each batch well inside the
 * function timeout. Each recipient's effect is recorded once (`jobEffects`, _id
 * `${jobId}_${key}`), so a batch that dies is simply run again.
 */
import { defineCollections } from './collections';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const JOB_STATUS_LABELS: Record<JobStatus, string> = { queued: '排队中', running: '进行中', done: '已完成', failed: '失败' };

/** What the person who started a job sees of it. */
export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  statusLabel: string;
  total: number | null;
  done: number;
  /** Effects that could not happen (no subscription, invalid row …). */
  skipped: number;
  /** Died between claiming and confirming: may or may not have reached the person. */
  unknown: number;
  error?: string;
  createdAt: string;
  finishedAt?: string;
}

/** Attempt limits on guessable secrets (invite codes …), kept in the database so they hold across instances. */
export interface AttemptLimit {
  /** Max failures in the window. */
  max: number;
  windowMs: number;
}

export const PLATFORM_COLLECTIONS = defineCollections([
  {
    name: 'jobs',
    indexes: [
      /** The worker's queue: due jobs of the kinds one function runs, oldest first. */
      { name: 'due', keys: { open: 1, kind: 1, runAfter: 1 } },
      { name: 'creator', keys: { createdBy: 1, createdAt: -1 } },
    ],
  },
  /** One per job and recipient: _id `${jobId}_${key}`. */
  { name: 'jobEffects', indexes: [{ name: 'job_state', keys: { jobId: 1, state: 1 } }] },
  /** Failed attempts per (what, who) and per (what, target) in a time window: _id `${bucket}_${window}`. */
  { name: 'attempts', indexes: [{ name: 'expires', keys: { expiresAt: 1 } }] },
]);
