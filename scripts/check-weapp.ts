/**
 * The weapp build, held to the official WeChat compiler and quality checks,
 * offline. miniprogram-ci needs no network for getCompiledResult /
 * checkCodeQuality / analyseCode once the project's `attr` (normally fetched
 * from WeChat's servers with the upload key) answers with the package's own
 * DefaultProjectAttr; the private key is then never used, so any string will do.
 *
 *   npx tsx scripts/check-weapp.ts            # check an existing dist/weapp
 *   npx tsx scripts/check-weapp.ts --build    # NODE_ENV=production taro build --type weapp first
 *
 * Exits non-zero unless every quality check passes and the main package is
 * within the budget.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';

const ROOT = path.resolve(__dirname, '..');
const MAIN_BUDGET_KB = 600;
const projectConfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as {
  appid: string;
  miniprogramRoot: string;
};
const DIST = path.join(ROOT, projectConfig.miniprogramRoot);

function build(): void {
  console.log('> NODE_ENV=production taro build --type weapp');
  const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', CLOUD_ENV: process.env.CLOUD_ENV || 'offline-check-placeholder' },
  });
  if (r.status !== 0) {
    console.error('weapp build failed');
    process.exit(r.status ?? 1);
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface SubPackage {
  root: string;
}

/**
 * Sizes as the official tool counts them: the compiled files (WXML/WXSS/JS/JSON
 * and assets) grouped by which package's root they fall under; everything else
 * is the main package.
 */
function packageSizes(files: Record<string, string | Buffer>, subRoots: string[]) {
  const sizes: Record<string, number> = { __APP__: 0 };
  for (const r of subRoots) sizes[r] = 0;
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('.map')) continue;
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    const rel = name.replace(/^\/+/, '');
    const root = subRoots.find((r) => rel.startsWith(r.replace(/\/?$/, '/')));
    sizes[root ?? '__APP__'] += size;
  }
  return sizes;
}

async function main(): Promise<void> {
  if (process.argv.includes('--build')) build();
  if (!fs.existsSync(path.join(DIST, 'app.json'))) {
    console.error(`${path.relative(ROOT, DIST)}/app.json not found: build first (or pass --build).`);
    process.exit(1);
  }
  const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    subPackages?: SubPackage[];
    subpackages?: SubPackage[];
  };
  const subRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));

  const project = new ci.Project({
    appid: projectConfig.appid,
    type: 'miniProgram',
    projectPath: ROOT,
    privateKey: 'offline-check-no-key-needed',
    ignores: ['node_modules/**/*', '.git/**/*', 'dist/h5/**/*', 'dist/cloudfunctions/**/*', '.data/**/*'],
  });
  // Offline: answer the project attributes locally instead of asking WeChat.
  (project as unknown as { attr: () => Promise<unknown> }).attr = async () => ci.DefaultProjectAttr;

  let ok = true;

  console.log('\n== Official compiler (getCompiledResult, es6 + minify) ==');
  const compiled = await ci.getCompiledResult({
    project,
    version: '0.0.0-check',
    setting: { es6: true, minify: true, minifyJS: true, minifyWXML: true, minifyWXSS: true, autoPrefixWXSS: true },
    onProgressUpdate: () => undefined,
  } as Parameters<typeof ci.getCompiledResult>[0]);
  const fileCount = Object.keys(compiled).filter((f) => !f.endsWith('.map')).length;
  console.log(`compiled ${fileCount} files`);

  const compiledSizes = packageSizes(compiled, subRoots);

  console.log('\n== Official code quality checks (checkCodeQuality) ==');
  const checks = await ci.checkCodeQuality(project);
  let officialSizes: Record<string, number> | null = null;
  for (const c of checks) {
    // `text` describes the problem the check looks for, whatever the outcome.
    console.log(
      `${c.success ? 'PASS' : 'FAIL'}  ${String(c.name ?? '').padEnd(30)} (looks for: ${String(c.text ?? '')
        .replace(/\s+/g, ' ')
        .trim()})`,
    );
    if (c.name === 'PACKAGE_SIZE_LIMIT' && c.detail) officialSizes = c.detail as Record<string, number>;
    if (!c.success) {
      ok = false;
      if (c.detail) console.log('      ', JSON.stringify(c.detail).slice(0, 800));
    }
  }
  if (checks.length === 0) {
    console.log('FAIL  no checks ran');
    ok = false;
  }

  // The budget is held against the official count (PACKAGE_SIZE_LIMIT's detail:
  // files on disk per package); the compiled output is shown beside it.
  const mainBytes = officialSizes?.__APP__ ?? compiledSizes.__APP__;
  const mainOk = mainBytes <= MAIN_BUDGET_KB * 1024;
  const official = (root: string) => (officialSizes ? (officialSizes[root] ?? officialSizes[root + '/']) : undefined);
  console.log('\n== Package sizes ==');
  console.log(`      ${'package'.padEnd(20)}${'official'.padStart(12)}${'compiled'.padStart(12)}`);
  console.log(
    `${mainOk ? 'PASS' : 'FAIL'}  ${'main'.padEnd(20)}${kb(mainBytes).padStart(12)}${kb(compiledSizes.__APP__).padStart(12)}   budget ${MAIN_BUDGET_KB} KB`,
  );
  for (const r of subRoots) {
    const o = official(r);
    console.log(`      ${r.padEnd(20)}${(o === undefined ? '-' : kb(o)).padStart(12)}${kb(compiledSizes[r]).padStart(12)}`);
  }
  const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
  console.log(
    `      ${'total'.padEnd(20)}${(officialSizes ? kb(sum(officialSizes)) : '-').padStart(12)}${kb(sum(compiledSizes)).padStart(12)}`,
  );
  if (!mainOk) ok = false;

  console.log('\n== Code analysis (analyseCode) ==');
  const analysis = (await ci.analyseCode(project, { silent: true })) as unknown as Record<string, unknown> | undefined;
  if (analysis) console.log(`analysed: ${Object.keys(analysis).join(', ')}`);

  console.log(ok ? '\nweapp check: PASS' : '\nweapp check: FAIL');
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
