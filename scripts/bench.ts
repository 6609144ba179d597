/**
 * `npm run bench`: per-action latency and DB work per call at three sizes — the demo
 * (881 homes), 50 compounds (30,281) and a district of about 500 compounds (300,281) —
 * each in its own in-memory emulator, alive side by side. Prints a table; nothing here
 * asserts.
 *
 * Why interleaved: on a shared, noisy machine a run of all the small calls, then all
 * the large ones, measures the machine's mood. Here every action is measured in ROUNDS:
 * each round runs a slice of the calls at every size (in a rotating order), the ratio
 * of each size's p95 to the demo's is taken per round, and the table prints the median
 * of those ratios with their spread (min–max).
 *
 * The verdict reads structure first: DB reads and rows scanned per call equal at every
 * size is what makes an action flat (an index and a limit); the time ratio comes second.
 * Job batches (bill generation, final count, roll building, reminders) are judged
 * against their function's timeout: p95 per batch under 1/3 of it.
 *
 * How the sizes run side by side: each size runs the same bench script (its setup code
 * and its `measure` calls) as a lane. The lanes advance one at a time up to their next
 * `measure`; when all three wait at the same row, the rounds run, switching the current
 * emulator per slice. (Per-lane setup such as generating a month's bills runs alone.)
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
import { homeBench } from './lib/bench-home';
import { vehiclesBench } from './lib/bench-vehicles';
import { concernsBench } from './lib/bench-concerns';
import { partyBench } from './lib/bench-party';
import { loadFunctionMains } from './lib/function-mains';

installRequireHook();
// Loaded after the hook so `wx-server-sdk` resolves to the emulator.
const functions = loadFunctionMains();

const ITER = Number(process.env.BENCH_ITER ?? 300);
const ROUNDS = Math.max(1, Math.min(ITER, Number(process.env.BENCH_ROUNDS ?? 10)));
const WARMUP = 15;
/** Extra generated homes per size (600 a compound): 881, 30,281 and 300,281 homes in all. */
const SIZES = (process.env.BENCH_EXTRA_HOMES ?? '0,29400,299400').split(',').map(Number);
/**
 * BENCH_ONLY=party (comma-separated row-name prefixes): measure only those rows. The other
 * benches still seed and run their setup (a row may depend on another's data), but their
 * measures return at once and leave the table.
 */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const wanted = (action: string) => !ONLY.length || ONLY.some((p) => action.startsWith(p));

export interface Row {
  action: string;
  homes: number;
  perUser: boolean;
  p50: number;
  p95: number;
  reads: number;
  writes: number;
  queries: number;
  scanned: number;
  /** per-round p95s (interleaved rows) */
  roundP95?: number[];
  /** job batches: the function and its timeout */
  fn?: string;
  timeoutMs?: number;
  batches?: number;
  /** the call failed at this size (the run goes on; the verdict says so) */
  error?: string;
}

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const median = (xs: number[]) => pct(xs, 50);

function identity(key: string) {
  return { openid: key.startsWith('demo-') ? key : demoOpenid(key) };
}

// ------------------------------------------------------------------ lanes

type Call = (i: number) => Promise<unknown>;
interface Waiting {
  name: string;
  perUser: boolean;
  call: Call;
  resolve: (r: Row) => void;
}
interface Lane {
  extra: number;
  emu?: Emulator;
  homes: number;
  waiting?: Waiting;
  done: boolean;
  rows: Row[];
  failed?: unknown;
  /** the current row's first failure at this size: its remaining calls are skipped */
  rowError?: string;
  /** resolves when the lane waits at a measure or ends */
  parked?: () => void;
  i: number;
  times: number[][];
  sums: { reads: number; writes: number; queries: number; scanned: number };
}

/** Resume a lane (answering its pending measure with `row`) and wait until it parks again. */
function advance(lane: Lane, row?: Row): Promise<void> {
  return new Promise<void>((res) => {
    lane.parked = res;
    if (lane.emu) useEmulator(lane.emu);
    if (lane.waiting) {
      const w = lane.waiting;
      lane.waiting = undefined;
      w.resolve(row!);
    } else {
      runScale(lane).then(
        (rows) => ((lane.rows = rows), (lane.done = true), lane.parked?.()),
        (e) => ((lane.failed = e), (lane.done = true), lane.parked?.()),
      );
    }
  });
}

async function setup(lane: Lane) {
  const emu = createEmulator({
    dataDir: ':memory:',
    collections: COLLECTIONS,
    functions: (n: string) => functions[n] as any,
    mediaCheckCallback: { functionName: 'notices' },
  });
  useEmulator(emu);
  lane.emu = emu;
  const seed = buildSeed({ extraHomes: lane.extra });
  const t = performance.now();
  // Bulk insert: the documents writeSeed() adds one by one, in one transaction per collection.
  for (const name of SEED_ORDER) emu.seed(name, seed[name] as object[]);
  lane.homes = seed.homes.length;
  process.stderr.write(`seeded ${lane.homes} homes, ${seed.people.length} people in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  return { emu, homes: lane.homes, seed };
}

/** One size's bench script: the setup and the `measure` calls of every feature. */
async function runScale(lane: Lane): Promise<Row[]> {
  const { emu, homes, seed } = await setup(lane);
  const invoke = (fn: string, who: string, action: string, payload: unknown) => emu.invoke(fn, { action, payload }, identity(who));
  const measure = (name: string, perUser: boolean, call: Call) =>
    wanted(name)
      ? new Promise<Row>((resolve) => {
          lane.waiting = { name, perUser, call, resolve };
          lane.parked?.();
        })
      : Promise.resolve({ action: name } as Row);
  const rows: Row[] = [];
  rows.push(await measure('accounts me.get (my homes)', true, () => invoke('accounts', 'txsj-resident-3', 'me.get', {})));
  rows.push(
    await measure('accounts roster.list (lead, 20)', true, () =>
      invoke('accounts', 'txsj-lead-3', 'roster.list', { buildingId: 'txsj-b3', size: 20 }),
    ),
  );
  // Binding: a fresh applicant asks, the lead of building 3 approves.
  rows.push(
    await measure('accounts binding.request', true, (i) =>
      invoke('accounts', `demo-bench-${homes}-${i}`, 'binding.request', {
        clientRequestId: `bench-${homes}-${i}`,
        homeId: `txsj-b3_${1 + (i % 2)}_${100 * (1 + (i % 17)) + 1 + ((i >> 1) % 2)}`,
        relation: 'family',
        name: '压测员',
      }),
    ),
  );
  const pending = (await invoke('accounts', 'txsj-lead-3', 'binding.pending', { size: 50 })) as any;
  const ids: string[] = [];
  for (let cursor: string | undefined, page = pending; ;) {
    ids.push(...page.data.items.map((x: { id: string }) => x.id));
    cursor = page.data.nextCursor;
    if (!cursor) break;
    page = await invoke('accounts', 'txsj-lead-3', 'binding.pending', { size: 50, cursor });
  }
  rows.push(
    await measure('accounts binding.decide', true, (i) =>
      invoke('accounts', 'txsj-lead-3', 'binding.decide', { requestId: ids[i], approve: true }),
    ),
  );
  rows.push(...(await (await import('./lib/bench-accounts')).accountsCompoundsBench({ invoke, measure })));
  rows.push(...(await noticeBench({ invoke, measure })));
  rows.push(...(await repairsBench({ emu, extraHomes: lane.extra, invoke, measure })));
  rows.push(...(await activityBench({ invoke, measure })));
  rows.push(...((await feeBench({ invoke, measure, emu, all: lane.extra > 0 })) as Row[]));
  rows.push(...((await voteBench({ invoke, measure, emu, homes: seed.homes, memberships: seed.memberships, homesInDb: homes })) as Row[]));
  rows.push(...(await homeBench({ invoke, measure })));
  rows.push(...(await vehiclesBench({ emu, extraHomes: lane.extra, invoke, measure })));
  rows.push(...(await concernsBench({ emu, extraHomes: lane.extra, invoke, measure })));
  rows.push(...(await partyBench({ emu, extraHomes: lane.extra, invoke, measure })));
  rows.push(...(await (await import('./lib/bench-community')).communityBench({ emu, functions, invoke, measure })));
  emu.close();
  return rows.filter((r) => wanted(r.action));
}

/** Every lane waits at the same row: run it in interleaved rounds and answer each lane. */
async function runRow(lanes: Lane[]) {
  const name = lanes[0].waiting!.name;
  for (const l of lanes) {
    if (l.waiting?.name !== name) throw new Error(`lanes diverged: ${name} / ${l.waiting?.name ?? '(ended)'}`);
    l.i = 0;
    l.times = [];
    l.sums = { reads: 0, writes: 0, queries: 0, scanned: 0 };
    l.rowError = undefined;
  }
  const one = async (l: Lane, counted: boolean, round: number) => {
    if (l.rowError) return;
    const t = performance.now();
    let m: Awaited<ReturnType<Emulator['measure']>>;
    try {
      m = await l.emu!.measure(() => l.waiting!.call(l.i++));
    } catch (e) {
      // e.g. a result over the 1 MB limit: report it in the table, measure the other rows
      l.rowError = (e as { errMsg?: string }).errMsg ?? String(e);
      return;
    }
    const dt = performance.now() - t;
    const r = m.result as { ok: boolean; error?: unknown };
    if (!r.ok) {
      l.rowError = JSON.stringify(r.error);
      return;
    }
    if (!counted) return;
    l.times[round].push(dt);
    l.sums.reads += m.reads;
    l.sums.writes += m.writes;
    l.sums.queries += m.queries ?? 0;
    l.sums.scanned += m.scanned ?? 0;
  };
  for (const l of lanes) {
    useEmulator(l.emu);
    for (let k = 0; k < WARMUP; k++) await one(l, false, 0);
  }
  const per = Math.ceil(ITER / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    // rotate which size goes first, so no size always runs right after another
    for (let j = 0; j < lanes.length; j++) {
      const l = lanes[(r + j) % lanes.length];
      l.times[r] = [];
      useEmulator(l.emu);
      for (let k = 0; k < per; k++) await one(l, true, r);
    }
  }
  for (const l of lanes) {
    const all = l.times.flat();
    const n = Math.max(1, all.length);
    if (!all.length) all.push(0);
    const row: Row = {
      action: name,
      homes: l.homes,
      perUser: l.waiting!.perUser,
      p50: pct(all, 50),
      p95: pct(all, 95),
      reads: l.sums.reads / n,
      writes: l.sums.writes / n,
      queries: l.sums.queries / n,
      scanned: l.sums.scanned / n,
      roundP95: l.times.map((t) => (t.length ? pct(t, 95) : 0)),
      ...(l.rowError ? { error: l.rowError.slice(0, 120) } : {}),
    };
    await advance(l, row);
  }
}

// ------------------------------------------------------------------ verdicts

/** Larger sizes cost no more than the first (5 % or half a row of slack: seeded data differs a little per size). */
const flat = (xs: number[]) => xs.slice(1).every((x) => x <= xs[0] + Math.max(0.5, 0.05 * xs[0]));

function verdict(group: Row[]): string {
  const first = group[0];
  const failed = group.find((r) => r.error);
  if (failed) return `FAILS at ${failed.homes} homes: ${failed.error}`;
  if (first.timeoutMs !== undefined) {
    const worst = Math.max(...group.map((r) => r.p95));
    const third = first.timeoutMs / 3;
    return worst <= third
      ? `ok: batch p95 ≤ 1/3 of ${first.fn}'s ${first.timeoutMs / 1000} s`
      : `OVER: batch p95 ${(worst / 1000).toFixed(1)} s > 1/3 of ${first.timeoutMs / 1000} s`;
  }
  if (!first.perUser || group.length < 2) return '';
  const reads = flat(group.map((r) => r.reads));
  const scanned = flat(group.map((r) => r.scanned));
  if (!reads || !scanned) {
    const grew = !scanned
      ? `rows scanned ${group.map((r) => r.scanned.toFixed(0)).join(' → ')}`
      : `reads ${group.map((r) => r.reads.toFixed(1)).join(' → ')}`;
    return `GROWS: ${grew}`;
  }
  const ratios = ratioStats(group);
  const worst = Math.max(...ratios.map((r) => r.median));
  return worst <= 1.5 ? 'flat: structure equal, time ok' : `structure equal; time ×${worst.toFixed(2)} (check spread)`;
}

/** Median (and min–max) over rounds of this size's p95 / the first size's p95, per size after the first. */
function ratioStats(group: Row[]): { median: number; min: number; max: number }[] {
  const base = group[0].roundP95 ?? [group[0].p95];
  return group.slice(1).map((r) => {
    const rs = (r.roundP95 ?? [r.p95]).map((p, i) => p / (base[i] ?? group[0].p95));
    return { median: median(rs), min: Math.min(...rs), max: Math.max(...rs) };
  });
}

function printTable(lanes: Lane[]) {
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  const lines: string[] = [];
  lines.push(
    `| action | homes | p50 ms | p95 ms | DB reads/call | DB writes/call | queries/call | rows scanned/call | p95 ratio to ${lanes[0].homes}: median (min–max of ${ROUNDS} rounds) | verdict |`,
  );
  lines.push(`|---|---:|---:|---:|---:|---:|---:|---:|---|---|`);
  const n = lanes[0].rows.length;
  for (let k = 0; k < n; k++) {
    const group = lanes.map((l) => l.rows[k]);
    const stats = group[0].perUser ? ratioStats(group) : [];
    const v = verdict(group);
    group.forEach((r, j) => {
      const ratio =
        j === 0 || !stats.length ? '' : `${stats[j - 1].median.toFixed(2)} (${stats[j - 1].min.toFixed(2)}–${stats[j - 1].max.toFixed(2)})`;
      const action =
        j === 0
          ? r.action + (r.batches !== undefined ? ` [${r.batches} batches]` : '')
          : r.batches !== undefined
            ? `  ″ [${r.batches} batches]`
            : '  ″';
      lines.push(
        `| ${action} | ${r.homes} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.reads)} | ${fmt(r.writes)} | ${fmt(r.queries)} | ${fmt(r.scanned)} | ${ratio} | ${j === group.length - 1 ? v : ''} |`,
      );
    });
  }
  console.log(lines.join('\n'));
  console.log(
    `\n${ITER} calls per action and size after ${WARMUP} warm-up calls, in ${ROUNDS} interleaved rounds; homes = households in the whole database.`,
  );
  console.log(
    'DB reads = documents returned; rows scanned = documents the store loaded to answer, and index entries an index-only count walked (an index keeps it close to reads).',
  );
  console.log(
    'Verdict: structure first (reads and rows scanned per call equal at every size), then the median p95 ratio ≤ 1.5; job batches: p95 per batch ≤ 1/3 of the function timeout.',
  );
}

async function main() {
  const lanes: Lane[] = SIZES.map((extra) => ({
    extra,
    homes: 0,
    done: false,
    rows: [],
    i: 0,
    times: [],
    sums: { reads: 0, writes: 0, queries: 0, scanned: 0 },
  }));
  for (const l of lanes) await advance(l);
  for (;;) {
    const failed = lanes.find((l) => l.failed);
    if (failed) throw failed.failed;
    if (lanes.every((l) => l.done)) break;
    if (lanes.some((l) => l.done)) throw new Error('lanes diverged: one size ended before the others');
    await runRow(lanes);
  }
  for (const l of lanes) if (l.rows.length !== lanes[0].rows.length) throw new Error('lanes produced different rows');
  printTable(lanes);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
