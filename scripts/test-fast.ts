/**
 * The quick loop while working (`npm run test:fast`, under 2 minutes on 2 cores): the
 * type check (incremental), ESLint and Prettier on the files changed, every unit test,
 * and the functions/emulator/runtime tests that import a changed file. "Changed" is
 * everything since the branch left main (or BASE=<rev>), committed or not. `npm test`
 * is still the gate before a merge.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const base = process.env.BASE ?? 'main';

function git(args: string[]): string[] {
  const r = spawnSync('git', args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : [];
}

const since = git(['merge-base', 'HEAD', base])[0] ?? 'HEAD';
const changed = [...new Set([...git(['diff', '--name-only', since]), ...git(['ls-files', '--others', '--exclude-standard'])])].filter((f) =>
  existsSync(f),
);
const code = changed.filter((f) => /\.(ts|tsx|js|mjs|cjs)$/.test(f));
const formatted = changed.filter(
  (f) => /\.(ts|tsx|js|mjs|cjs|json|scss)$/.test(f) && !f.startsWith('tests/emulator/fixtures/') && f !== 'package-lock.json',
);

function step(name: string, cmd: string, args: string[]): void {
  const t0 = Date.now();
  console.log(`\n> ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  console.log(`  ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

console.log(`${changed.length} files changed since ${since.slice(0, 10)} (${base})`);
step('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', '.cache/tsc-fast.tsbuildinfo']);
if (code.length) step('eslint', 'npx', ['eslint', '--no-warn-ignored', ...code]);
if (formatted.length) step('prettier', 'npx', ['prettier', '--check', '--ignore-unknown', ...formatted]);
step('unit', 'npx', ['jest', '--selectProjects', 'unit']);
// The suites that import (directly or not) a changed file; jest follows the imports.
const sources = code.filter((f) => /^(core|cloudfunctions|emulator|scripts|tests)\//.test(f));
if (sources.length)
  step('related', 'npx', [
    'jest',
    '--selectProjects',
    'functions',
    'emulator',
    'runtime',
    '--passWithNoTests',
    '--findRelatedTests',
    ...sources,
  ]);
