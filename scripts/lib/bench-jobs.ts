/**
 * Job batches for `npm run bench`: drive a job one batch at a time, as the `jobs`
 * timer (or the call that queued it) would, and time each batch. A batch is the unit
 * a function invocation may be killed in, so each must stay far inside its function's
 * timeout (the verdict: p95 under 1/3 of `deploy.json`'s timeout).
 */
import { performance } from 'node:perf_hooks';
import type { Emulator } from '../../emulator';
import { work } from '../../cloudfunctions/_shared/jobs';
import type { Ctx } from '../../cloudfunctions/_shared/router';
import { readFunctionConfig, FUNCTIONS_SOURCE_DIR } from './function-config';

export interface BatchRow {
  action: string;
  homes: number;
  perUser: false;
  p50: number;
  p95: number;
  reads: number;
  writes: number;
  queries: number;
  scanned: number;
  /** the function whose timeout a batch must stay inside, and that timeout in ms */
  fn: string;
  timeoutMs: number;
  batches: number;
}

/** A system context (timer/worker identity) for driving jobs from the bench. */
export function systemCtx(emu: Emulator): Ctx {
  const db = emu.sdk.database();
  return {
    cloud: emu.sdk,
    db,
    openid: '',
    now: new Date(),
    actor: async () => ({ openid: '', personId: null, roles: [], homes: [] }),
  } as unknown as Ctx;
}

export class BatchMeter {
  private times: number[] = [];
  private sums = { reads: 0, writes: 0, queries: 0, scanned: 0 };
  constructor(
    private emu: Emulator,
    readonly fn: string,
  ) {}

  /** Run job `jobId` one batch at a time until it ends (or `max` batches); false when it had nothing to do. */
  async drive(ctx: Ctx, jobId: string, max = Infinity): Promise<number> {
    let n = 0;
    while (n < max) {
      const t = performance.now();
      const m = await this.emu.measure(() => work(ctx, { jobId, maxBatches: 1, budgetMs: 60_000 }));
      if (!m.result.batches) break;
      n++;
      this.times.push(performance.now() - t);
      this.sums.reads += m.reads;
      this.sums.writes += m.writes;
      this.sums.queries += m.queries ?? 0;
      this.sums.scanned += m.scanned ?? 0;
    }
    return n;
  }

  row(action: string, homes: number): BatchRow {
    const s = [...this.times].sort((a, b) => a - b);
    const n = Math.max(1, s.length);
    const pct = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
    return {
      action,
      homes,
      perUser: false,
      p50: pct(50),
      p95: pct(95),
      reads: this.sums.reads / n,
      writes: this.sums.writes / n,
      queries: this.sums.queries / n,
      scanned: this.sums.scanned / n,
      fn: this.fn,
      timeoutMs: readFunctionConfig(FUNCTIONS_SOURCE_DIR, this.fn).timeout * 1000,
      batches: s.length,
    };
  }
}
