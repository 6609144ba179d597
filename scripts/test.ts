/**
 * `npm test`: every check, in two lanes side by side so that the two cores are never
 * idle while something could run (the Chromium suites wait on pages; the linters, the
 * jest stages and the weapp check need no H5 build). Each step's output is printed when
 * it ends (a failed one in full), a failed build skips the suites that need it, and the
 * summary names every step that did not pass; the exit code is then non-zero.
 *
 *   npm test                     # everything
 *   E2E_WORKERS=2 npm test       # jest workers for the Chromium suites (default 3: they wait on pages)
 */
import { spawn } from 'node:child_process';

interface Step {
  name: string;
  cmd: string;
}

const jest = 'npx jest --verbose=false';

/**
 * Two lanes side by side, each step after the one before it. The first is the longest
 * path: the builds, then the bundles and the Chromium suites on them (a failed build
 * skips the rest of its lane). The second holds every check that needs no build of the
 * H5 client; check:weapp builds dist/weapp itself, last, when the H5 build is long done.
 */
const LANES: { steps: Step[]; stopOnFailure: boolean }[] = [
  {
    stopOnFailure: true,
    steps: [
      { name: 'build:h5', cmd: 'npm run -s build:h5' },
      { name: 'build:functions', cmd: 'npm run -s build:functions' },
      { name: 'e2e', cmd: `${jest} --selectProjects bundles e2e --maxWorkers=${process.env.E2E_WORKERS ?? 3}` },
    ],
  },
  {
    stopOnFailure: false,
    steps: [
      // First, beside the single-threaded H5 build rather than the Chromium suites' workers: its
      // concurrency tests have per-test timeouts and want the cores.
      { name: 'jest', cmd: `${jest} --selectProjects unit emulator functions runtime --maxWorkers=2` },
      { name: 'typecheck', cmd: 'npm run -s typecheck' },
      { name: 'lint:deps', cmd: 'npm run -s lint:deps' },
      { name: 'lint', cmd: 'npm run -s lint' },
      { name: 'check:weapp', cmd: 'npm run -s check:weapp' },
    ],
  },
];
const STEPS = LANES.flatMap((l) => l.steps);

type State = 'waiting' | 'running' | 'passed' | 'failed' | 'skipped';
const state = new Map<string, State>(STEPS.map((s) => [s.name, 'waiting']));
const took = new Map<string, number>();
const t0 = Date.now();
const cpu = new Map<string, number>();
const secs = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

/** User + system seconds of the children, from the second line of bash's `times` ("1m2.500s 0m3.100s"). */
function childCpu(times: string): number {
  const line = times.trim().split('\n')[1] ?? '';
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((a, m) => a + Number(m[1]) * 60 + Number(m[2]), 0);
}

function run(step: Step): Promise<void> {
  state.set(step.name, 'running');
  const started = Date.now();
  console.log(`[${secs(started - t0)}] > ${step.name}: ${step.cmd}`);
  return new Promise((done) => {
    // bash's `times` (on fd 3) gives the CPU the step's processes used: on shared cores the wall
    // time says how busy the machine was, the CPU time what the step costs.
    const child = spawn('bash', ['-c', `${step.cmd}\nrc=$?\ntimes >&3\nexit $rc`], {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    const out: Buffer[] = [];
    let times = '';
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => out.push(b));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => (times += b.toString()));
    child.on('close', (code) => {
      const ok = code === 0;
      took.set(step.name, Date.now() - started);
      cpu.set(step.name, childCpu(times));
      state.set(step.name, ok ? 'passed' : 'failed');
      const text = Buffer.concat(out).toString();
      console.log(`\n===== ${step.name}: ${ok ? 'passed' : `FAILED (exit ${code})`} in ${secs(Date.now() - started)} =====`);
      // A passing step's output in short (its last lines: jest's totals, the bundle sizes); a failing one in full.
      console.log(ok ? text.trimEnd().split('\n').slice(-12).join('\n') : text);
      done();
    });
  });
}

async function lane(l: (typeof LANES)[number]): Promise<void> {
  for (const step of l.steps) {
    await run(step);
    if (l.stopOnFailure && state.get(step.name) === 'failed') {
      for (const rest of l.steps) if (state.get(rest.name) === 'waiting') state.set(rest.name, 'skipped');
      return;
    }
  }
}

async function main(): Promise<void> {
  await Promise.all(LANES.map(lane));
  console.log(`\nnpm test in ${secs(Date.now() - t0)}:`);
  for (const s of STEPS)
    console.log(
      `  ${s.name.padEnd(16)} ${state.get(s.name)!.padEnd(8)} ${took.has(s.name) ? `${secs(took.get(s.name)!)}, CPU ${cpu.get(s.name)!.toFixed(0)} s` : ''}`,
    );
  console.log(`  CPU in all: ${[...cpu.values()].reduce((a, b) => a + b, 0).toFixed(0)} s`);
  const bad = STEPS.filter((s) => state.get(s.name) !== 'passed').map((s) => s.name);
  if (bad.length) {
    console.log(`\nFAILED: ${bad.join(', ')}`);
    process.exit(1);
  }
}

void main();
