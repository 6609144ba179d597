/**
 * What an idle compound costs: the demo (every feature's data) on the offline
 * emulator, then one simulated day with no users, every timer trigger firing as each
 * function's config.json declares it on the emulator's clock. Prints the function
 * invocations and database read operations of that day from the emulator's counters,
 * against CloudBase's basic plan (基础版 1):
 *
 *   npm run idle-cost
 *
 * Quotas (CloudBase 资源配额, 基础版 1): 云函数调用次数 200,000 a month, 数据库读操作次数
 * 50,000 a day. The goal (issue 16): an idle environment under 1 % of both.
 */
import { COLLECTIONS } from '../core/collections';
import { createEmulator, installRequireHook, useEmulator } from '../emulator';
import type { Database } from '../cloudfunctions/_shared/database';
import { emulatorWiring, readFunctionConfigs } from './lib/function-config';
import { writeSeed } from './lib/seed';
import { buildSeed } from './lib/seed-data';

installRequireHook();
type Main = (e: unknown, c?: unknown) => Promise<unknown>;

// Every function in cloudfunctions/ (each one's timers count, whoever added them).
const functions: Record<string, Main> = Object.fromEntries(
  readFunctionConfigs().map((f) => [f.name, require(`../cloudfunctions/${f.name}`).main as Main]),
);

export const BASIC_PLAN = { callsPerMonth: 200_000, readsPerDay: 50_000 };

export interface IdleDay {
  invocations: number;
  /** Database read operations (queries: each get / count / aggregate is one). */
  reads: number;
  /** Documents those reads returned. */
  docsRead: number;
  byTrigger: Record<string, number>;
}

/** One day with no users, from midnight (Asia/Shanghai) after the demo is written. */
export async function simulateIdleDay(): Promise<IdleDay> {
  // 2026-01-05 00:00 in Shanghai: a Monday, no month's first day (no monthly billing run).
  const start = new Date(Date.UTC(2026, 0, 4, 16, 0, 0));
  const emu = createEmulator({
    dataDir: ':memory:',
    collections: COLLECTIONS,
    functions: (n: string) => functions[n] as never,
    mediaCheckCallback: { functionName: 'notices' },
    ...emulatorWiring(readFunctionConfigs()),
    clockStart: start,
  });
  useEmulator(emu);
  try {
    await writeSeed(emu.sdk.database() as unknown as Database, buildSeed(), 64);
    const before = emu.stats;
    const byTrigger: Record<string, number> = {};
    let invocations = 0;
    // Minute by minute, so every occurrence fires (advancing further at once would coalesce them).
    for (let m = 1; m <= 24 * 60; m++) {
      for (const f of await emu.timers.advanceTo(new Date(start.getTime() + m * 60_000))) {
        invocations++;
        const key = `${f.functionName}.${f.name}`;
        byTrigger[key] = (byTrigger[key] ?? 0) + 1;
      }
    }
    const after = emu.stats;
    return { invocations, reads: after.queries - before.queries, docsRead: after.reads - before.reads, byTrigger };
  } finally {
    emu.close();
  }
}

export function formatIdleDay(d: IdleDay): string {
  const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(2)} %`;
  const month = d.invocations * 30;
  return [
    'An idle day (no users), every timer trigger as declared, on the emulator:',
    ...Object.entries(d.byTrigger)
      .sort()
      .map(([k, n]) => `  ${k.padEnd(22)} ${String(n).padStart(5)} invocations`),
    '',
    `invocations: ${d.invocations} a day, ${month} a month = ${pct(month, BASIC_PLAN.callsPerMonth)} of the basic plan's ${BASIC_PLAN.callsPerMonth.toLocaleString('en')} calls a month`,
    `database reads: ${d.reads} a day (${d.docsRead} documents) = ${pct(d.reads, BASIC_PLAN.readsPerDay)} of the basic plan's ${BASIC_PLAN.readsPerDay.toLocaleString('en')} reads a day`,
    `goal: under 1 % of both — ${month < BASIC_PLAN.callsPerMonth / 100 && d.reads < BASIC_PLAN.readsPerDay / 100 ? 'met' : 'NOT met'}`,
  ].join('\n');
}

if (require.main === module) {
  simulateIdleDay()
    .then((d) => console.log(formatIdleDay(d)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
