/**
 * `npm start`: build what is missing or stale, then serve everything from one
 * process on loopback. Data lives in .data/ and survives restarts.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions } from './build-functions';
import { startRuntime } from './lib/runtime';

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
  const rt = await startRuntime({
    port,
    dataDir: process.env.DATA_DIR ?? join(root, '.data'),
    h5Dir: join(root, DIST, 'h5'),
    functionsDir: join(root, DIST, 'cloudfunctions'),
    // The 本地演示登录 page: anyone at this machine may act as any demo person.
    demo: true,
  });
  if (rt.seeded) console.log('已写入演示数据：', rt.seeded);
  console.log(`\n近邻 本地运行中：${rt.url}/  （${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  console.log('打开后在「本地演示登录」页选择身份。按 Ctrl+C 停止。');
  const stop = () => rt.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
