/**
 * The local runtime: one process on loopback serving the H5 build, the bundled
 * cloud functions at POST /api/<function> on the offline emulator, and the demo
 * sign-in. It is the only place that turns "who is signed in" into an OPENID, the way
 * WeChat does in production; functions still read it from getWXContext().
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { COLLECTIONS } from '../../core/collections';
import { ROLE_LABELS, type RoleName } from '../../core/roles';
import { createEmulator, installRequireHook, useEmulator, type Emulator } from '../../emulator';
import type { Database } from '../../cloudfunctions/_shared/database';
import { isSeeded, writeSeed } from './seed';
import { buildSeed } from './seed-data';

export interface RuntimeOptions {
  port: number;
  host?: string;
  /** Folder for the database and files, or ':memory:' for tests. */
  dataDir: string;
  h5Dir: string;
  functionsDir: string;
  seed?: boolean;
  appId?: string;
  env?: string;
}

export interface Runtime {
  url: string;
  emulator: Emulator;
  server: Server;
  seeded: Record<string, number> | null;
  close(): Promise<void>;
}

const COOKIE = 'jl_openid';
const MAX_BODY = 3 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function loadFunctions(dir: string) {
  const mains: Record<string, (event: unknown, context: unknown) => Promise<unknown>> = {};
  if (!existsSync(dir)) throw new Error(`no functions at ${dir}: run npm run build:functions`);
  for (const name of readdirSync(dir)) {
    const file = join(dir, name, 'index.js');
    if (existsSync(file)) mains[name] = require(file).main;
  }
  return mains;
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers.cookie ?? '';
  for (const part of raw.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(Object.assign(new Error('too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return ok({});
      try {
        ok(JSON.parse(text));
      } catch {
        fail(Object.assign(new Error('bad json'), { status: 400 }));
      }
    });
    req.on('error', fail);
  });
}

/** People the demo sign-in page offers: everyone with a role, the named residents, and new users made here. */
async function demoPeople(db: Database) {
  const [people, roles, members] = await Promise.all([
    db.collection('people').where({ openid: db.RegExp({ regexp: '^demo-(?!gen-)' }) }).limit(1000).get(),
    db.collection('roles').limit(1000).get(),
    db.collection('memberships').where({ personId: db.RegExp({ regexp: '^p-(?!gen-)' }), status: 'active' }).limit(1000).get(),
  ]);
  const homeIds = [...new Set(members.data.map((m: { homeId: string }) => m.homeId))];
  const _ = db.command;
  const homes = homeIds.length ? (await db.collection('homes').where({ _id: _.in(homeIds) }).limit(1000).get()).data : [];
  const homeLabel = new Map(homes.map((h: { _id: string; compoundName: string; label: string }) => [h._id, `${h.compoundName} ${h.label}`]));
  return people.data.map((p: { _id: string; openid: string; name: string }) => ({
    openid: p.openid,
    name: p.name,
    roles: roles.data.filter((r: { personId: string }) => r.personId === p._id).map((r: { role: RoleName }) => ROLE_LABELS[r.role]),
    homes: members.data.filter((m: { personId: string }) => m.personId === p._id).map((m: { homeId: string }) => homeLabel.get(m.homeId) ?? ''),
  }));
}

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const host = opts.host ?? '127.0.0.1';
  installRequireHook();
  const mains = loadFunctions(opts.functionsDir);
  const emulator = createEmulator({
    dataDir: opts.dataDir,
    collections: COLLECTIONS,
    functions: (name: string) => mains[name],
    mediaCheckCallback: { functionName: 'notices' },
    env: opts.env ?? 'jinlin-local',
    appId: opts.appId ?? 'wx0000000000000000',
  });
  useEmulator(emulator);
  const db = emulator.sdk.database() as unknown as Database;
  let seeded: Record<string, number> | null = null;
  if (opts.seed !== false && !(await isSeeded(db))) seeded = await writeSeed(db, buildSeed());

  const h5Root = resolve(opts.h5Dir);
  const identity = (openid: string, req: IncomingMessage) => ({ openid, clientIp: req.socket.remoteAddress ?? '127.0.0.1' });

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const path = decodeURIComponent(url.pathname);
      if (path === '/api/_demo/people' && req.method === 'GET') return send(res, 200, { people: await demoPeople(db) });
      if (path === '/api/_demo/whoami' && req.method === 'GET') return send(res, 200, { openid: readCookie(req, COOKIE) ?? null });
      if (path === '/api/_demo/outbox' && req.method === 'GET') return send(res, 200, { outbox: await emulator.outbox.list() });
      if (path === '/api/_demo/signin' && req.method === 'POST') {
        const body = (await readBody(req)) as { openid?: unknown; newUser?: unknown };
        let openid: string;
        if (body.newUser === true) openid = `demo-new-${randomBytes(6).toString('hex')}`;
        else if (typeof body.openid === 'string' && /^demo-[\w-]{1,60}$/.test(body.openid)) openid = body.openid;
        else return send(res, 400, { ok: false, error: { code: 'BAD_REQUEST', message: '请选择演示身份' } });
        return send(res, 200, { openid }, { 'set-cookie': `${COOKIE}=${encodeURIComponent(openid)}; Path=/; HttpOnly; SameSite=Lax` });
      }
      if (path === '/api/_demo/signout' && req.method === 'POST') {
        return send(res, 200, { ok: true }, { 'set-cookie': `${COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax` });
      }
      const fn = /^\/api\/([a-z][\w-]{0,40})$/.exec(path);
      if (fn) {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'BAD_REQUEST', message: '请求方式有误' } });
        if (!mains[fn[1]]) return send(res, 404, { ok: false, error: { code: 'UNKNOWN_ACTION', message: '云函数不存在' } });
        const event = await readBody(req);
        // An unsigned visitor calls with an empty OPENID: the function answers UNAUTHENTICATED.
        const reply = await emulator.invoke(fn[1], event, identity(readCookie(req, COOKIE) ?? '', req));
        return send(res, 200, reply);
      }
      if (path.startsWith('/_files/')) {
        const file = emulator.readFile(path.slice('/_files/'.length));
        if (!file) return send(res, 404, { ok: false });
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-disposition': 'attachment' });
        return res.end(file);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, {});
      let file = normalize(join(h5Root, path));
      if (!file.startsWith(h5Root)) return send(res, 403, {});
      if (!existsSync(file) || statSync(file).isDirectory()) file = join(h5Root, 'index.html');
      if (!existsSync(file)) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end('H5 尚未构建：请运行 npm run build:h5');
      }
      const immutable = /\.[0-9a-f]{8,}\./.test(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
      res.end(readFileSync(file));
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500;
      if (status === 500) console.error('[runtime]', e);
      send(res, status, { ok: false, error: { code: status === 413 ? 'BAD_REQUEST' : 'INTERNAL', message: status === 413 ? '文件太大' : '系统繁忙，请稍后重试' } });
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, host, () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    url: `http://${host}:${port}`,
    emulator,
    server,
    seeded,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => {
          emulator.close();
          ok();
        });
        server.closeAllConnections?.();
      }),
  };
}
