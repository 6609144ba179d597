/**
 * The weapp bundle stays light: no module the client loads at runtime (src/ and
 * the core modules it reaches) imports zod or dayjs. Contracts are imported as
 * types only (`import type`), which the compiler erases.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const HEAVY = ['zod', 'dayjs'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

/** Specifiers of imports that survive compilation (not `import type`, not all-`type` specifier lists). */
function runtimeImports(source: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) {
    if (m[5]) {
      out.push(m[5]);
      continue;
    }
    if (m[2]) continue; // import type / export type
    const clause = m[3];
    const named = /\{([^}]*)\}/.exec(clause);
    const hasDefault = /^\s*[A-Za-z_$][\w$]*\s*(,|$)/.test(clause) || clause.trim().startsWith('*');
    const runtimeNamed = named
      ? named[1]
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s && !s.startsWith('type '))
      : [];
    if (hasDefault || runtimeNamed.length > 0 || (!named && clause.trim())) out.push(m[4]);
  }
  return out;
}

function resolve(from: string, spec: string): string | null {
  let base: string | null = null;
  if (spec.startsWith('@core/')) base = join(ROOT, 'core', spec.slice(6));
  else if (spec.startsWith('@/')) base = join(ROOT, 'src', spec.slice(2));
  else if (spec.startsWith('.')) base = join(dirname(from), spec);
  if (!base) return null;
  for (const c of [base + '.ts', base + '.tsx', join(base, 'index.ts'), join(base, 'index.tsx')]) if (existsSync(c)) return c;
  return null; // scss, images
}

it('nothing the client runs reaches zod or dayjs', () => {
  const seen = new Set<string>();
  const offenders: string[] = [];
  const queue = files(join(ROOT, 'src'));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      if (HEAVY.some((h) => spec === h || spec.startsWith(h + '/'))) offenders.push(`${relative(ROOT, file)} imports ${spec}`);
      const next = resolve(file, spec);
      if (next) queue.push(next);
    }
  }
  expect(offenders).toEqual([]);
  // The walk did reach core (authz, limits, rules), so it would have seen an import there.
  expect([...seen].some((f) => f.includes(`${join('core', 'authz.ts')}`))).toBe(true);
});

it('the walker tells type imports from runtime ones', () => {
  expect(runtimeImports("import type { A } from 'zod';\nimport { type B } from 'zod';\nexport type { C } from 'dayjs';")).toEqual([]);
  expect(
    runtimeImports("import { z } from 'zod';\nimport dayjs from 'dayjs';\nimport { type A, b } from './x';\nimport './y.scss';"),
  ).toEqual(['zod', 'dayjs', './x', './y.scss']);
});
