/**
 * `npm run bench`: per-action latency (p50/p95) and DB reads/writes per call, at the
 * demo's size (天翔世家, 585 homes) and at 30,000 households. Prints a table; nothing
 * here asserts. Per-user reads must stay within 1.5× of the small run at p95 — the
 * last column says whether they do.
 *
 * Both runs use the same emulator and the same in-memory SQLite store, so the ratio
 * measures how cost grows with data (indexes, pagination), not disk speed.
 */
import { performance } from 'node:perf_hooks';
import { COLLECTIONS } from '../core/collections';
import { createEmulator, installRequireHook, useEmulator, type Emulator } from '../emulator';
import { SEED_ORDER } from './lib/seed';
import { buildSeed, demoOpenid } from './lib/seed-data';
import { noticeBench } from './lib/bench-notices';
import { repairsBench } from './lib/bench-repairs';
import { voteBench } from './lib/bench-votes';
import { feeBench } from './lib/bench-fees';
import { activityBench } from './lib/bench-activities';

installRequireHook();
// Loaded after the hook so `wx-server-sdk` resolves to the emulator.
// eslint-disable-next-line @typescript-eslint/no-require-imports
type Main = (e: unknown, c?: unknown) => Promise<{ ok: boolean; data?: any; error?: any }>;
const functions: Record<string, Main> = {
  accounts: require('../cloudfunctions/accounts').main,
  notices: require('../cloudfunctions/notices').main,
  repairs: require('../cloudfunctions/repairs').main,
  votes: require('../cloudfunctions/votes').main,
  fees: require('../cloudfunctions/fees').main,
  payCallback: require('../cloudfunctions/payCallback').main,
  activities: require('../cloudfunctions/activities').main,
};

const ITER = Number(process.env.BENCH_ITER ?? 300);
const WARMUP = 15;

interface Row {
  action: string;
  homes: number;
  perUser: boolean;
  p50: number;
  p95: number;
  reads: number;
  writes: number;
  queries: number;
  scanned: number;
}

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function setup(extraHomes: number) {
  const emu = createEmulator({ dataDir: ':memory:', collections: COLLECTIONS, functions: (n: string) => functions[n] as any, mediaCheckCallback: { functionName: 'notices' } });
  useEmulator(emu);
  const seed = buildSeed({ extraHomes });
  const t = performance.now();
  // Bulk insert: the same documents writeSeed() adds one by one, in one transaction.
  for (const name of SEED_ORDER) emu.seed(name, seed[name] as object[]);
  const homes = seed.homes.length;
  process.stderr.write(`seeded ${homes} homes, ${seed.people.length} people in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  return { emu, homes, seed };
}

function identity(key: string) {
  return { openid: key.startsWith('demo-') ? key : demoOpenid(key) };
}

async function measure(emu: Emulator, name: string, homes: number, perUser: boolean, call: (i: number) => Promise<unknown>): Promise<Row> {
  const times: number[] = [];
  let reads = 0;
  let writes = 0;
  let queries = 0;
  let scanned = 0;
  for (let i = 0; i < WARMUP + ITER; i++) {
    const t = performance.now();
    const m = await emu.measure(() => call(i));
    const dt = performance.now() - t;
    const r = m.result as { ok: boolean; error?: unknown };
    if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
    if (i >= WARMUP) {
      times.push(dt);
      reads += m.reads;
      writes += m.writes;
      queries += m.queries ?? 0;
      scanned += m.scanned ?? 0;
    }
  }
  return { action: name, homes, perUser, p50: pct(times, 50), p95: pct(times, 95), reads: reads / ITER, writes: writes / ITER, queries: queries / ITER, scanned: scanned / ITER };
}

async function runScale(extraHomes: number): Promise<Row[]> {
  const { emu, homes, seed } = await setup(extraHomes);
  const invoke = (fn: string, who: string, action: string, payload: unknown) => emu.invoke(fn, { action, payload }, identity(who));
  const rows: Row[] = [];
  rows.push(await measure(emu, 'accounts me.get (my homes)', homes, true, () => invoke('accounts', 'txsj-resident-3', 'me.get', {})));
  rows.push(await measure(emu, 'accounts roster.list (lead, 20)', homes, true, () => invoke('accounts', 'txsj-lead-3', 'roster.list', { buildingId: 'txsj-b3', size: 20 })));
  // Binding: a fresh applicant asks, the lead of building 3 approves.
  rows.push(
    await measure(emu, 'accounts binding.request', homes, true, (i) =>
      invoke('accounts', `demo-bench-${homes}-${i}`, 'binding.request', { clientRequestId: `bench-${homes}-${i}`, homeId: `txsj-b3_${1 + (i % 2)}_${100 * (1 + (i % 17)) + 1 + ((i >> 1) % 2)}`, relation: 'family', name: '压测员' }),
    ),
  );
  const pending = (await invoke('accounts', 'txsj-lead-3', 'binding.pending', { size: 50 })) as any;
  const ids: string[] = [];
  for (let cursor: string | undefined, page = pending; ; ) {
    ids.push(...page.data.items.map((x: { id: string }) => x.id));
    cursor = page.data.nextCursor;
    if (!cursor) break;
    page = await invoke('accounts', 'txsj-lead-3', 'binding.pending', { size: 50, cursor });
  }
  rows.push(await measure(emu, 'accounts binding.decide', homes, true, (i) => invoke('accounts', 'txsj-lead-3', 'binding.decide', { requestId: ids[i], approve: true })));
  rows.push(...(await noticeBench({ invoke, measure: (name, perUser, call) => measure(emu, name, homes, perUser, call) })));
  rows.push(...(await repairsBench({ emu, extraHomes, invoke, measure: (name, perUser, call) => measure(emu, name, homes, perUser, call) })));
  rows.push(...(await activityBench({ invoke, measure: (name, perUser, call) => measure(emu, name, homes, perUser, call) })));
  rows.push(...(await feeBench({ invoke, measure: (name, perUser, call) => measure(emu, name, homes, perUser, call), emu, all: extraHomes > 0 })));
  rows.push(...(await voteBench({ invoke, measure: (name, perUser, call) => measure(emu, name, homes, perUser, call), emu, homes: seed.homes, memberships: seed.memberships, homesInDb: homes })));
  rows.push(...(await (await import('./lib/bench-community')).communityBench({ emu, functions, invoke, measure: (name, perUser, call) => measure(emu, name, homes, perUser, call) })));
  emu.close();
  return rows;
}

async function main() {
  const small = await runScale(0);
  const large = await runScale(Number(process.env.BENCH_EXTRA_HOMES ?? 29_400));
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  const lines: string[] = [];
  lines.push(`| action | homes | p50 ms | p95 ms | DB reads/call | DB writes/call | queries/call | rows scanned/call | p95 ratio 30k/585 |`);
  lines.push(`|---|---:|---:|---:|---:|---:|---:|---:|---|`);
  const line = (r: Row, v: string) => `| ${r.action} | ${r.homes} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.reads)} | ${fmt(r.writes)} | ${fmt(r.queries)} | ${fmt(r.scanned)} | ${v} |`;
  for (const s of small) {
    const l = large.find((x) => x.action === s.action);
    // A row measured at one scale only (e.g. named by its size) stands alone.
    if (!l) {
      lines.push(line(s, ''));
      continue;
    }
    const ratio = l.p95 / s.p95;
    const verdict = s.perUser ? (ratio <= 1.5 ? `${ratio.toFixed(2)} ok` : `${ratio.toFixed(2)} OVER 1.5`) : ratio.toFixed(2);
    lines.push(line(s, ''), line(l, verdict));
  }
  for (const l of large) if (!small.some((s) => s.action === l.action)) lines.push(line(l, ''));
  console.log(lines.join('\n'));
  console.log(`\n${ITER} calls per action after ${WARMUP} warm-up calls; homes = households in the whole database.`);
  console.log('DB reads = documents returned; rows scanned = documents the store loaded to answer (an index keeps it close to reads).');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
