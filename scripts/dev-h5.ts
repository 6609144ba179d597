/**
 * `npm run dev:h5`: the H5 client rebuilt on every change and served with the
 * functions and the demo data, as `npm start` serves them. Taro's watch build
 * (config/dev.ts) writes each rebuild to dist/h5; the runtime serves dist/h5 and
 * restarts when a function or core file changes (functions rebuilt first).
 * Reload the page after a rebuild. Ctrl+C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions } from './build-functions';

const root = join(__dirname, '..');
let server: ChildProcess | null = null;

async function serve() {
  await buildFunctions();
  const old = server;
  if (old) {
    await new Promise<void>((done) => {
      old.once('exit', () => done());
      old.kill('SIGTERM');
    });
  }
  server = spawn(process.execPath, ['--require', 'tsx/cjs', join(root, 'scripts/start.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NO_BUILD: '1' },
  });
}

const taro = spawn('npx', ['taro', 'build', '--type', 'h5', '--watch'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'development' },
});

let pending: NodeJS.Timeout | null = null;
for (const dir of ['cloudfunctions', 'core']) {
  watch(join(root, dir), { recursive: true }, (_event, file) => {
    if (!file || !/\.ts$/.test(String(file))) return;
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      console.log(`\n${dir}/${file} 已修改：重新构建云函数并重启本地服务 …`);
      void serve();
    }, 300);
  });
}

void serve();
const stop = () => {
  taro.kill('SIGTERM');
  server?.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
