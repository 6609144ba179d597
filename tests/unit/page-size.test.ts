/**
 * A page a person can read: no page file (src/**\/pages/*\/index.tsx) over 250 lines.
 * A longer page is split into page-local components and a `use…Page` hook next to it
 * (as every page is: repairs detail, for one, is a 53-line index over its cards, sheets
 * and useRepairDetailPage.ts).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MAX_LINES = 250;

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return pages(p);
    return n === 'index.tsx' && /[\\/]pages[\\/][^\\/]+[\\/]index\.tsx$/.test(p) ? [relative(ROOT, p).split('\\').join('/')] : [];
  });
}

it(`no page is over ${MAX_LINES} lines`, () => {
  const lengths = Object.fromEntries(pages(join(ROOT, 'src')).map((p) => [p, readFileSync(join(ROOT, p), 'utf8').split('\n').length - 1]));
  expect(Object.entries(lengths).filter(([, n]) => n > MAX_LINES)).toEqual([]);
  expect(Object.keys(lengths).length).toBeGreaterThan(30);
});
