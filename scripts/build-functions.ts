/**
 * Bundles each cloud function on its own with esbuild into dist/cloudfunctions/<fn>/:
 * index.js (exports main, loads with plain require), package.json with exact
 * versions of what stays external, and the function's config.json.
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const srcDir = join(root, 'cloudfunctions');
const outDir = join(root, 'dist', 'cloudfunctions');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Kept out of the bundle: the SDK must be the platform's own; exceljs is large and plain CJS. */
const EXTERNAL = ['wx-server-sdk', 'exceljs'];

export function functionNames(): string[] {
  return readdirSync(srcDir).filter((d) => !d.startsWith('_') && statSync(join(srcDir, d)).isDirectory() && existsSync(join(srcDir, d, 'index.ts')));
}

function versionOf(name: string): string {
  const v = rootPkg.dependencies?.[name] ?? rootPkg.devDependencies?.[name];
  if (!v || !/^\d+\.\d+\.\d+$/.test(v)) throw new Error(`${name} must be pinned to an exact version in package.json`);
  return v;
}

export async function buildFunctions(): Promise<{ name: string; bytes: number }[]> {
  const out: { name: string; bytes: number }[] = [];
  for (const name of functionNames()) {
    const dir = join(outDir, name);
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [join(srcDir, name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: EXTERNAL,
      minify: false,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
    });
    const code = readFileSync(join(dir, 'index.js'), 'utf8');
    const deps: Record<string, string> = {};
    for (const ext of EXTERNAL) if (code.includes(`require("${ext}")`)) deps[ext] = versionOf(ext);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: rootPkg.version, private: true, main: 'index.js', dependencies: deps }, null, 2) + '\n');
    copyFileSync(join(srcDir, name, 'config.json'), join(dir, 'config.json'));
    out.push({ name, bytes: Buffer.byteLength(code) });
  }
  return out;
}

if (require.main === module) {
  buildFunctions().then(
    (fns) => {
      for (const f of fns) console.log(`dist/cloudfunctions/${f.name}/index.js  ${(f.bytes / 1024).toFixed(1)} KB`);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
