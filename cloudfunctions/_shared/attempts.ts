/**
 * Attempt limits for guessable secrets (invite codes, and later any code a person
 * types). Failures are counted in the database, per person AND per target, in
 * fixed windows, so the limit holds across function instances. When either count
 * is over its limit the call is refused with RATE_LIMITED before the secret is
 * even looked up, so a locked-out guesser learns nothing more.
 */
import type { AttemptLimit } from '../../core/platform/jobs';
import { AppError } from '../../core/platform/errors';
import type { Database } from './database';
import { repository } from './repo';

export interface AttemptDoc {
  _id: string;
  bucket: string;
  failures: number;
  windowStart: Date;
  expiresAt: Date;
}
export const attempts = repository<AttemptDoc>('attempts');

function bucketId(bucket: string, limit: AttemptLimit, now: Date) {
  const window = Math.floor(now.getTime() / limit.windowMs);
  return { id: `${bucket}_${window}`.slice(0, 120), start: new Date(window * limit.windowMs) };
}

export interface Limiter {
  /** Refuse (RATE_LIMITED) when any bucket is over its limit. */
  check(): Promise<void>;
  /** Count one failure in every bucket. */
  fail(): Promise<void>;
}

/** `buckets`: e.g. [`invite:person:${openid}`, limit] and [`invite:any`, wider limit]. */
export function limiter(db: Database, now: Date, buckets: [string, AttemptLimit][]): Limiter {
  const ids = buckets.map(([b, l]) => ({ ...bucketId(b, l, now), bucket: b, limit: l }));
  return {
    async check() {
      const found = await attempts(db).byIds(ids.map((i) => i.id));
      for (const i of ids)
        if ((found.get(i.id)?.failures ?? 0) >= i.limit.max) throw new AppError('RATE_LIMITED', '尝试次数过多，请稍后再试');
    },
    async fail() {
      const _ = db.command;
      for (const i of ids) {
        if (await attempts(db).patch(i.id, { failures: _.inc(1) })) continue;
        try {
          await attempts(db).add({
            _id: i.id,
            bucket: i.bucket,
            failures: 1,
            windowStart: i.start,
            expiresAt: new Date(i.start.getTime() + i.limit.windowMs),
          });
        } catch {
          await attempts(db).patch(i.id, { failures: _.inc(1) }); // created by a parallel failure
        }
      }
    },
  };
}
