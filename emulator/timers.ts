/**
 * Timer triggers with a controllable clock.
 *
 * Each function's config.json may declare a timer trigger
 * (`{ name, type: 'timer', config: '<sec> <min> <hour> <day> <month> <weekday> <year>' }`);
 * the caller reads those files and passes the list to `createEmulator({ triggers })`.
 *
 * - `advanceTo(date)` fires every trigger occurrence due since the last fire,
 *   in time order, awaiting each. Many missed occurrences of ONE trigger are
 *   coalesced into one firing whose `Time` is the latest of them (the count is
 *   reported as `occurrences`), so jumping a week ahead does not run an
 *   every-5-seconds job 120,960 times.
 * - `start()` / `stop()` do the same on the wall clock (unref'd 1 s interval),
 *   for the local runtime.
 * - The clock starts when the emulator is created: occurrences before that are
 *   never fired (a restart does not replay the past).
 *
 * The event is the platform's timer event (Tencent SCF "Timer 触发器的事件消息结构"):
 *   { Type: 'Timer', TriggerName, Time: '2019-02-21T11:49:00Z', Message }
 * and the call runs with OPENID '' and SOURCE 'wx_trigger', through the same
 * `invoke()` as every other call (JSON boundary, timeout).
 * Cron patterns are read in Asia/Shanghai time (CloudBase triggers run in UTC+8),
 * weekday 0 = Sunday as WeChat's trigger docs say.
 */
import { Cron } from 'croner';
import type { Identity } from './types';

export type TimerTrigger = {
  functionName: string;
  /** the trigger's name in config.json (arrives as event.TriggerName) */
  name: string;
  /** 7-field CloudBase cron: sec min hour day month weekday year */
  config: string;
  /** event.Message; WeChat's config.json has no field for it, so '' */
  message?: string;
};

export type TimerFiring = {
  functionName: string;
  name: string;
  /** the occurrence fired (event.Time) */
  time: Date;
  /** how many due occurrences this firing stands for (≥ 1; > 1 when coalesced) */
  occurrences: number;
  result?: any;
  error?: string;
};

export type TimerInfo = { functionName: string; name: string; config: string; lastFiredAt: Date | null; nextAt: Date | null };

export const TIMER_IDENTITY: Identity = { openid: '', source: 'wx_trigger' };
export const TIMER_TIMEZONE = 'Asia/Shanghai';
const COUNT_CAP = 100_000;

type Entry = { trigger: TimerTrigger; cron: Cron; since: number; lastFiredAt: Date | null };

export interface TimerHost {
  invoke(name: string, event: any, identity: Identity): Promise<any>;
}

/** `2019-02-21T11:49:00Z`: ISO in UTC without milliseconds, as in the platform's example. */
export const timerTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class Timers {
  private entries: Entry[];
  private now: number;
  private interval?: NodeJS.Timeout;
  private running: Promise<TimerFiring[]> = Promise.resolve([]);

  constructor(
    private host: TimerHost,
    triggers: TimerTrigger[] = [],
    start = Date.now(),
  ) {
    this.now = start;
    this.entries = triggers.map((t) => {
      if (!t || !t.functionName || !t.name || typeof t.config !== 'string') throw new Error(`invalid timer trigger: ${JSON.stringify(t)}`);
      if (t.config.trim().split(/\s+/).length !== 7)
        throw new Error(`timer trigger ${t.name}: CloudBase cron needs 7 fields (sec min hour day month weekday year): "${t.config}"`);
      const cron = new Cron(t.config, { mode: '7-part', timezone: TIMER_TIMEZONE, paused: true });
      return { trigger: t, cron, since: start, lastFiredAt: null };
    });
  }

  /** The timer clock (what the last advance reached). */
  get clock(): Date {
    return new Date(this.now);
  }

  list(): TimerInfo[] {
    return this.entries.map((e) => ({
      functionName: e.trigger.functionName,
      name: e.trigger.name,
      config: e.trigger.config,
      lastFiredAt: e.lastFiredAt,
      nextAt: e.cron.nextRun(new Date(e.since)) ?? null,
    }));
  }

  /**
   * Fire, in time order, every trigger whose occurrences fell in (last fire, date].
   * Calls are serialised: a second advanceTo waits for the first.
   */
  advanceTo(date: Date): Promise<TimerFiring[]> {
    const run = this.running.then(() => this.advance(date.getTime()));
    this.running = run.catch(() => []);
    return run;
  }

  private async advance(target: number): Promise<TimerFiring[]> {
    if (target < this.now) throw new RangeError(`the timer clock cannot go back (at ${new Date(this.now).toISOString()})`);
    this.now = target;
    const due: { e: Entry; time: Date; occurrences: number; order: number }[] = [];
    this.entries.forEach((e, order) => {
      const first = e.cron.nextRun(new Date(e.since));
      if (!first || first.getTime() > target) return;
      const latest = e.cron.previousRuns(1, new Date(target + 1))[0] ?? first;
      let occurrences = 0;
      for (let d: Date | null = first; d && d.getTime() <= target && occurrences < COUNT_CAP; d = e.cron.nextRun(d)) occurrences++;
      due.push({ e, time: latest, occurrences, order });
    });
    due.sort((a, b) => a.time.getTime() - b.time.getTime() || a.order - b.order);
    const out: TimerFiring[] = [];
    for (const d of due) {
      const t = d.e.trigger;
      d.e.since = d.time.getTime();
      d.e.lastFiredAt = d.time;
      const event = { Type: 'Timer', TriggerName: t.name, Time: timerTime(d.time), Message: t.message ?? '' };
      const firing: TimerFiring = { functionName: t.functionName, name: t.name, time: d.time, occurrences: d.occurrences };
      try {
        firing.result = await this.host.invoke(t.functionName, event, TIMER_IDENTITY);
      } catch (err: any) {
        // The platform logs a failed timer run and carries on; so do we.
        firing.error = String(err?.message ?? err);
      }
      out.push(firing);
    }
    return out;
  }

  /** Fire triggers on the wall clock (checked every second; unref'd, so it never keeps the process alive). */
  start(intervalMs = 1000) {
    if (this.interval) return;
    this.interval = setInterval(() => {
      if (Date.now() >= this.now) void this.advanceTo(new Date()).catch(() => undefined);
    }, intervalMs);
    this.interval.unref?.();
  }

  stop() {
    clearInterval(this.interval);
    this.interval = undefined;
  }
}
