/**
 * The client restates no rule: who may do what comes from the permission table
 * (`can`, `canAnywhere`, `scopedGrants` in core/authz), and Shanghai days and months,
 * money and the shared field patterns from core (core/platform/period.ts, units.ts,
 * patterns.ts). This test reads every file under src/ and fails on a role name
 * written as a literal or on a copy of one of those rules.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROLE_NAMES } from '@core/platform/roles';

const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

/** Copies of core's rules, by what gives them away. */
const COPIES: [string, RegExp][] = [
  ['the mobile pattern (core/platform/patterns.ts MOBILE_PATTERN)', /\^1\\d\{10\}\$/],
  ['the cloud file id pattern (CLOUD_FILE_ID_PATTERN)', /\^cloud:\\\/\\\//],
  ['the month pattern (PERIOD_PATTERN)', /\(0\[1-9\]\|1\[0-2\]\)/],
  ['a Shanghai offset by hand (core/platform/period.ts)', /\+08:00|\b8 \* (3600|3_600|60 \* 60)|\b28_?800_?000\b|3600_000 \* 8/],
  ['a month or day cut from an ISO string (shanghaiMonth, shanghaiDay)', /toISOString\(\)\.slice\(0, (7|10|16)\)/],
  ['yuan formatted by hand (formatYuan, formatFen)', /padStart\(2, '0'\)\}元|\/ 100\)\.toFixed\(2\)|function (yuan|yuanToFen|fenToYuan)\b/],
];

/** A quoted role name; 'staff' is also an invite kind, so it counts only where a role is compared or given. */
function roleLiterals(line: string): string[] {
  const out: string[] = [];
  for (const role of ROLE_NAMES) {
    const quoted = new RegExp(`['"\`]${role}['"\`]`);
    if (!quoted.test(line)) continue;
    if (role === 'staff' && !/\brole\s*(?:[!=]==?|:)\s*['"`]staff|['"`]staff['"`]\s*[!=]==?\s*[\w.]*role\b/.test(line)) continue;
    out.push(role);
  }
  return out;
}

function offences(path: string, source: string): string[] {
  const out: string[] = [];
  source.split('\n').forEach((line, i) => {
    if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // comments may name a role or a rule
    const at = `${relative(ROOT, path)}:${i + 1}`;
    for (const role of roleLiterals(line)) out.push(`${at} role literal '${role}'`);
    for (const [what, re] of COPIES) if (re.test(line)) out.push(`${at} ${what}`);
  });
  return out;
}

it('src/ holds no role literal and no copy of a core rule', () => {
  const all = files(join(ROOT, 'src')).flatMap((f) => offences(f, readFileSync(f, 'utf8')));
  expect(all).toEqual([]);
});

it('the scan finds what it looks for', () => {
  const sample = [
    "const ORGANISERS = ['buildingLead', 'branchSecretary'];",
    "if (r.role === 'staff') go();",
    'const PHONE = /^1\\d{10}$/;',
    'const fileID = /^cloud:\\/\\/[^\\s]+$/;',
    'const MONTH = /^\\d{4}-(0[1-9]|1[0-2])$/;',
    'const at = `${day}T08:00:00+08:00`;',
    'const d = new Date(now + 8 * 3600 * 1000);',
    'const m = new Date(now).toISOString().slice(0, 7);',
    "const y = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}元`;",
  ].join('\n');
  expect(offences(join(ROOT, 'src', 'sample.ts'), sample).map((o) => o.replace(/^src\/sample\.ts:\d+ /, ''))).toEqual([
    "role literal 'buildingLead'",
    "role literal 'branchSecretary'",
    "role literal 'staff'",
    'the mobile pattern (core/platform/patterns.ts MOBILE_PATTERN)',
    'the cloud file id pattern (CLOUD_FILE_ID_PATTERN)',
    'the month pattern (PERIOD_PATTERN)',
    'a Shanghai offset by hand (core/platform/period.ts)',
    'a Shanghai offset by hand (core/platform/period.ts)',
    'a month or day cut from an ISO string (shanghaiMonth, shanghaiDay)',
    'yuan formatted by hand (formatYuan, formatFen)',
  ]);
  // An invite's kind 'staff' is not a role; a comment may name a role.
  expect(
    offences(
      join(ROOT, 'src', 'sample.ts'),
      "const kinds = ['home', 'staff'];\nconst done = { kind: 'staff', role: r.role };\n// a buildingLead's 'buildingLead' grant",
    ),
  ).toEqual([]);
});
