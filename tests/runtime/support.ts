/**
 * The local runtime (what `npm start` serves) started in this process on the
 * functions' TypeScript sources, port 0, in memory; and a raw HTTP client that can set
 * any header (fetch cannot set Host).
 */
import { request } from 'node:http';
import { createHash } from 'node:crypto';
import { main as accounts } from '../../cloudfunctions/accounts';
import { main as notices } from '../../cloudfunctions/notices';
import { startRuntime, type FunctionMain, type Runtime, type RuntimeOptions } from '../../scripts/lib/runtime';
import { buildSeed, demoOpenid } from '../../scripts/lib/seed-data';
import { demoImage } from '../support/demo-cache';

export const MAINS: Record<string, FunctionMain> = { accounts: accounts as FunctionMain, notices: notices as FunctionMain };
export const FUNCTIONS = Object.keys(MAINS);
export const CHAIR = demoOpenid('txsj-committee-chair');
export const LEAD3 = demoOpenid('txsj-lead-3');
export const RESIDENT3 = demoOpenid('txsj-resident-3');

/** The runtime on a copy of the demo (seeded once per run: tests/support/demo-cache.ts), unless `seed: false`. */
export async function start(extra: Partial<RuntimeOptions> = {}): Promise<Runtime> {
  const image = extra.seed === false ? undefined : await demoImage({ seed: buildSeed(), features: true });
  return startRuntime({ port: 0, dataDir: ':memory:', mains: MAINS, demo: true, ...(image ? { image } : {}), ...extra });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

export interface Ask {
  method?: string;
  /** Raw headers; `host` defaults to the runtime's own. Pass null to leave a default header out. */
  headers?: Record<string, string | null>;
  body?: string | Buffer;
}

/** One HTTP request with exactly the given headers (plus content-length for a body). */
export function ask(rt: Runtime, path: string, opts: Ask = {}): Promise<Answer> {
  const base = new URL(rt.url);
  const headers: Record<string, string> = { host: base.host };
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
  return new Promise((ok, fail) => {
    const req = request({ host: base.hostname, port: base.port, path, method: opts.method ?? 'GET', headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        ok({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** POST JSON as our own page does (same-origin, application/json), optionally with a cookie. */
export function post(
  rt: Runtime,
  path: string,
  body: unknown,
  cookie?: string,
  headers: Record<string, string | null> = {},
): Promise<Answer> {
  return ask(rt, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: rt.url, ...(cookie ? { cookie } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const callAs = (rt: Runtime, cookie: string | undefined, fn: string, action: string, payload: unknown = {}) =>
  post(rt, `/api/${fn}`, { action, payload }, cookie);

/** Signs in through the demo page's endpoint; returns the Cookie header value the runtime set. */
export async function signIn(rt: Runtime, who: { openid: string } | { newUser: true }): Promise<string> {
  const r = await post(rt, '/api/_demo/signin', who);
  if (r.status !== 200) throw new Error(`signin ${r.status} ${r.text}`);
  const set = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
  return set[0].split(';')[0];
}

/** Everything stored: every document of every collection, the sandboxes' outbox. Equal strings = nothing written. */
export async function snapshot(rt: Runtime): Promise<string> {
  // Every committed document (read from the emulator's table) and the outbox.
  return createHash('sha256').update(rt.emulator.digest()).update(JSON.stringify(rt.emulator.outbox.list())).digest('hex');
}
