/**
 * `npm start`: build what is missing or stale, then serve everything from one
 * process on loopback. Data lives in .data/ and survives restarts.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions } from './build-functions';
import { startRuntime } from './lib/runtime';
import { COLLECTIONS } from '../core/collections';
import type { Database } from '../cloudfunctions/_shared/database';
import { createEmulator } from '../emulator';
import { readSetupFile, runSetup } from './lib/setup';
import { printReport } from './setup';

function argAfter(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const root = join(__dirname, '..');
/** Build output (DIST_DIR keeps parallel test runs apart; default dist/). */
const DIST = process.env.DIST_DIR || 'dist';

function newestMtime(dir: string): number {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function main() {
  const started = Date.now();
  const h5Index = join(root, DIST, 'h5/index.html');
  const sourcesChanged = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'core')), newestMtime(join(root, 'config')));
  // NO_BUILD: the caller (the e2e suite) has just built everything itself.
  if (!process.env.NO_BUILD && (!existsSync(h5Index) || statSync(h5Index).mtimeMs < sourcesChanged || process.env.REBUILD)) {
    console.log('构建 H5 …');
    execSync('npx taro build --type h5', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
  if (!process.env.NO_BUILD) await buildFunctions();
  const port = Number(process.env.PORT ?? 8787);
  // --empty: a real start, no demo. Its own folder (.data-empty/) so the demo's stays as it is.
  const empty = process.argv.includes('--empty');
  const dataDir = process.env.DATA_DIR ?? join(root, empty ? '.data-empty' : '.data');
  const setupFile = argAfter('--file');
  if (empty && setupFile) {
    // The operator's step, done here for a local try: the same code as `npm run setup`.
    const emu = createEmulator({ dataDir, collections: COLLECTIONS });
    try {
      printReport(
        await runSetup(emu.sdk.database() as unknown as Database, await readSetupFile(setupFile), {
          now: new Date(),
          claim: { role: 'committeeMember' },
        }),
      );
    } finally {
      emu.close();
    }
  }
  const rt = await startRuntime({
    port,
    dataDir,
    seed: !empty,
    h5Dir: join(root, DIST, 'h5'),
    functionsDir: join(root, DIST, 'cloudfunctions'),
    // The 本地演示登录 page: anyone at this machine may act as any demo person.
    demo: true,
  });
  if (rt.seeded) console.log('已写入演示数据：', rt.seeded);
  console.log(`\n近邻 本地运行中：${rt.url}/  （${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  if (empty) {
    console.log('空白环境（没有演示数据）：第一步是 npm run setup -- --data ' + dataDir + ' --file <小区.xlsx>（先停止本程序），');
    console.log(
      '或 npm start -- --empty --file <小区.xlsx>。然后以「一位新的微信用户」登录，在「服务 → 认领管理身份」输入认领码。按 Ctrl+C 停止。',
    );
  } else console.log('打开后在「本地演示登录」页选择身份。按 Ctrl+C 停止。');
  const stop = () => rt.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
