/**
 * Tests that need a separate Node process (TypeScript loaded through the repo's tsx):
 * durability across kill -9, and the require hook used for dist/ bundles.
 */
import { spawn, execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createEmulator } from '../../emulator';

const ROOT = path.resolve(__dirname, '../..');
// `node --require tsx/cjs` rather than the tsx CLI: the CLI runs the script in a
// grandchild process, so SIGKILL would hit the wrapper and not the writer.
const NODE_TS = [process.execPath, ['--require', require.resolve('tsx/cjs', { paths: [ROOT] })]] as const;
const FIX = path.join(__dirname, 'fixtures');

jest.setTimeout(30_000);

test('every write that resolved survives kill -9 of the process', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-crash-'));
  const child = spawn(NODE_TS[0], [...NODE_TS[1], path.join(FIX, 'crash-writer.ts'), dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: { id: string; n: number }[] = [];
  let fileAcked = false;
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line === 'FILE') fileAcked = true;
        const m = /^WROTE (\S+) (\d+)$/.exec(line);
        if (m) acked.push({ id: m[1], n: Number(m[2]) });
        // kill in the middle of the write stream, without any chance to flush or close
        if (acked.length === 40) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
  expect(fileAcked).toBe(true);
  expect(acked.length).toBeGreaterThanOrEqual(40);

  const emu = createEmulator({ dataDir: dir, collections: [{ name: 'items', indexes: [{ name: 'by_n', keys: { n: 1 }, unique: true }] }] });
  const db = emu.sdk.database();
  for (const { id, n } of acked) {
    const { data } = await db.collection('items').doc(id).get();
    expect(data).toEqual({ _id: id, n, at: new Date(n * 1000) });
  }
  // the unique index survived too
  await expect(db.collection('items').add({ data: { n: 0 } })).rejects.toMatchObject({ errCode: -502001 });
  expect(emu.readFile('crash/file.txt')?.toString()).toBe('survives');
  emu.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("installRequireHook makes a bundle's require('wx-server-sdk') use the emulator", () => {
  const out = execFileSync(NODE_TS[0], [...NODE_TS[1], path.join(FIX, 'require-hook.ts')], { cwd: ROOT, encoding: 'utf8' });
  const result = JSON.parse(out.trim().split('\n').pop()!);
  expect(result).toEqual({
    ctx: expect.objectContaining({ OPENID: 'o-hook', SOURCE: 'wx_client' }),
    total: 1,
    isEmulator: true,
  });
});
