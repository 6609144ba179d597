/**
 * Bundles each cloud function on its own with esbuild into dist/cloudfunctions/<fn>/:
 * index.js (exports main, loads with plain require, minified, for the CloudBase
 * runtime Nodejs20.19), package.json with exact versions of what stays external, and
 * the function's config.json and deploy.json (validated by scripts/lib/function-config.ts
 * before anything is built).
 *
 *   npm run build:functions      # prints each bundle's size
 *
 * zod: only the zh-CN locale is bundled (see `zodZhCnOnly`); the build fails if any
 * other locale, or a second (CJS) copy of zod's core, ends up in a bundle.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { FUNCTIONS_DIST_DIR, FUNCTIONS_SOURCE_DIR, listFunctionNames, readFunctionConfigs } from './lib/function-config';

const root = join(__dirname, '..');
const srcDir = FUNCTIONS_SOURCE_DIR;
const outDir = FUNCTIONS_DIST_DIR;
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** esbuild target for the CloudBase runtime `Nodejs20.19` (see cloudfunctions/<fn>/deploy.json). */
export const NODE_TARGET = 'node20.19';

/** Kept out of the bundle: the SDK must be the platform's own; exceljs is large and plain CJS. */
const EXTERNAL = ['wx-server-sdk', 'exceljs'];

/** Function folder names in cloudfunctions/ (every folder with index.ts, not `_shared`). */
export function functionNames(): string[] {
  return listFunctionNames(srcDir);
}

function versionOf(name: string): string {
  const v = rootPkg.dependencies?.[name] ?? rootPkg.devDependencies?.[name];
  if (!v || !/^\d+\.\d+\.\d+$/.test(v)) throw new Error(`${name} must be pinned to an exact version in package.json`);
  return v;
}

const ZOD_DIR = dirname(require.resolve('zod/package.json'));
const ZOD_ZH_CN = join(ZOD_DIR, 'v4', 'locales', 'zh-CN.js');

/**
 * `import { z } from 'zod'` resolves to zod's ESM build, whose `z` namespace re-exports
 * `locales` (every language, ~260 KB minified) and whose classic schemas import `en` as
 * the default locale. The router sets `z.config(zhCN())` from `zod/v4/locales/zh-CN.cjs`,
 * a CJS file that also drags in CJS copies of zod's core/util. This plugin:
 * - resolves `zod/v4/locales/zh-CN.cjs` to the ESM zh-CN.js (one copy of zod's core);
 * - replaces zod's `locales/index.js` with a module exporting only `zhCN`
 *   (so `z.locales.zhCN` works; any other `z.locales.xx` is undefined in the bundles);
 * - points zod's own `locales/en.js` import at zh-CN.js, so the default locale is zh-CN
 *   (the router overrides it with the same one anyway).
 */
export const zodZhCnOnly: Plugin = {
  name: 'zod-zh-CN-only',
  setup(b) {
    b.onResolve({ filter: /^zod\/v4\/locales\/zh-CN\.cjs$/ }, () => ({ path: ZOD_ZH_CN }));
    b.onResolve({ filter: /\/locales\/(index|en)\.js$/ }, (args) => {
      if (!args.importer.startsWith(ZOD_DIR + '/')) return undefined;
      if (args.path.endsWith('/en.js')) return { path: ZOD_ZH_CN };
      return { path: 'zod-locales-zh-CN-only', namespace: 'zod-locales' };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as zhCN } from ${JSON.stringify(ZOD_ZH_CN)};\n`,
      resolveDir: dirname(ZOD_ZH_CN),
      loader: 'js',
    }));
  },
};

/** Fails the build if a bundle holds a zod locale other than zh-CN or any zod CJS file. */
function assertZodInputs(name: string, meta: Metafile): void {
  const zodInputs = Object.keys(meta.inputs).filter((p) => p.includes('node_modules/zod/'));
  const otherLocales = zodInputs.filter((p) => p.includes('/v4/locales/') && !p.endsWith('/v4/locales/zh-CN.js'));
  const cjs = zodInputs.filter((p) => p.endsWith('.cjs'));
  if (otherLocales.length || cjs.length) {
    throw new Error(`${name}: unexpected zod files in the bundle: ${[...otherLocales, ...cjs].join(', ')}`);
  }
}

export interface BuiltFunction {
  name: string;
  /** Size of index.js in bytes. */
  bytes: number;
  dir: string;
}

export async function buildFunctions(): Promise<BuiltFunction[]> {
  // Validate every function's metadata before building anything.
  const configs = readFunctionConfigs(srcDir);
  const out: BuiltFunction[] = [];
  for (const { name } of configs) {
    const dir = join(outDir, name);
    mkdirSync(dir, { recursive: true });
    const result = await build({
      entryPoints: [join(srcDir, name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: NODE_TARGET,
      format: 'cjs',
      external: EXTERNAL,
      plugins: [zodZhCnOnly],
      minify: true,
      // Function and class names survive minification: readable stacks in the CloudBase log.
      keepNames: true,
      // The environment the bundles are for: core/templates.ts picks its template ids by it ('' = the demo).
      define: { CLOUD_ENV: JSON.stringify((process.env.CLOUD_ENV ?? '').trim()) },
      sourcemap: false,
      legalComments: 'none',
      metafile: true,
      logLevel: 'warning',
    });
    assertZodInputs(name, result.metafile);
    const code = readFileSync(join(dir, 'index.js'), 'utf8');
    const deps: Record<string, string> = {};
    for (const ext of EXTERNAL) if (code.includes(`require("${ext}")`)) deps[ext] = versionOf(ext);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, version: rootPkg.version, private: true, main: 'index.js', dependencies: deps }, null, 2) + '\n',
    );
    copyFileSync(join(srcDir, name, 'config.json'), join(dir, 'config.json'));
    copyFileSync(join(srcDir, name, 'deploy.json'), join(dir, 'deploy.json'));
    out.push({ name, bytes: Buffer.byteLength(code), dir });
  }
  return out;
}

if (require.main === module) {
  buildFunctions().then(
    (fns) => {
      for (const f of fns) console.log(`${relative(root, join(f.dir, 'index.js'))}  ${(f.bytes / 1024).toFixed(1)} KB`);
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
