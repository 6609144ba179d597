/**
 * The local runtime: one process on loopback serving the H5 build, the cloud
 * functions at POST /api/<function> on the offline emulator, the demo sign-in and
 * stored files. It is the only place that turns "who is signed in" into an OPENID,
 * the way WeChat does in production; functions still read it from getWXContext().
 *
 * What it refuses (tests/runtime/*): a Host that is not loopback (DNS rebinding), a
 * POST that is not application/json or comes from another Origin (CSRF), bodies over
 * MAX_BODY_BYTES or nested deeper than MAX_JSON_DEPTH, an unsigned or forged session
 * cookie (signed out), a function name that is not our own (no inherited properties),
 * and a file without a valid signed URL for the person signed in. Every HTTP call is a
 * client call (SOURCE 'wx_client'), even signed out, and only `{action, payload}` is
 * passed on, so no request can look like a timer, payment or message-push event.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { COLLECTIONS } from '../../core/collections';
import { RELATION_LABELS, ROLE_LABELS, type Relation, type RoleName } from '../../core/platform/roles';
import { createEmulator, installRequireHook, OUTBOX, useEmulator, type Emulator } from '../../emulator';
import type { Database } from '../../cloudfunctions/_shared/database';
import { isSeeded, writeSeed } from './seed';
import { emulatorWiring, FUNCTIONS_SOURCE_DIR, readFunctionConfigs } from './function-config';
import { buildSeed } from './seed-data';
import {
  allowedHosts,
  fileHeaders,
  hostAllowed,
  HttpError,
  isJson,
  pageHeaders,
  readJsonBody,
  sameOrigin,
  sendError,
  sendJson,
  sendText,
} from './runtime-http';
import {
  clearSessionCookie,
  createSessions,
  loadSessionKey,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  type Sessions,
} from './runtime-session';

export type FunctionMain = (event: unknown, context?: unknown) => Promise<unknown>;

/** What the local upload accepts (the client's uploads: photos and spreadsheets). */
const UPLOAD_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        fail(new HttpError(413, 'BAD_REQUEST', '文件太大（最多 10 MB）'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

export interface RuntimeOptions {
  /** 0 picks a free port. */
  port: number;
  /** A loopback address: '127.0.0.1' (default), 'localhost' or '::1'. */
  host?: string;
  /** Folder for the database, files and session key, or ':memory:' for tests. */
  dataDir: string;
  /** The H5 build; without it (or before it is built) pages answer 503. */
  h5Dir?: string;
  /** Bundled functions (one folder per function with index.js), e.g. dist/cloudfunctions. */
  functionsDir?: string;
  /** Function mains given directly (e.g. the TypeScript sources in tests); wins over functionsDir. */
  mains?: Record<string, FunctionMain>;
  /** Demo sign-in at /api/_demo/* (npm start). Off: those routes do not exist. */
  demo?: boolean;
  seed?: boolean;
  /** With dataDir ':memory:', a seeded database image to start from (tests copy the demo instead of writing it again). */
  image?: Buffer;
  /** Fire declared timer triggers on the wall clock (default on). */
  timers?: boolean;
  /** Deliver photos' content-check verdicts this long after each check starts (default 3 s). */
  mediaCheckDelayMs?: number;
  /** End accepted WeChat refunds (SUCCESS) and notify payCallback this long after one starts (default 3 s). */
  refundDelayMs?: number;
  appId?: string;
  env?: string;
}

export interface Runtime {
  url: string;
  emulator: Emulator;
  server: Server;
  seeded: Record<string, number> | null;
  /** A `Cookie` header value signing `openid` in (for tests and tools in this process). */
  cookieFor(openid: string): string;
  close(): Promise<void>;
}

/** What the emulator engineer adds: temp URLs signed, expiring and bound to the OPENID that asked. */
type SignedFileReader = { readSignedFile?: (pathWithQuery: string) => { body: Buffer; cloudPath: string } | null };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function loadFunctions(dir: string): Map<string, FunctionMain> {
  const mains = new Map<string, FunctionMain>();
  if (!existsSync(dir)) throw new Error(`no functions at ${dir}: run npm run build:functions`);
  installRequireHook();
  for (const name of readdirSync(dir)) {
    const file = join(dir, name, 'index.js');
    if (existsSync(file)) mains.set(name, require(file).main);
  }
  return mains;
}

/** People the demo sign-in page offers: everyone with a role, the named residents, and new users made here. */
async function demoPeople(db: Database) {
  const [people, roles, members] = await Promise.all([
    db
      .collection('people')
      .where({ openid: db.RegExp({ regexp: '^demo-(?!gen-)' }) })
      .limit(1000)
      .get(),
    db.collection('roles').limit(1000).get(),
    db
      .collection('memberships')
      .where({ personId: db.RegExp({ regexp: '^p-(?!gen-)' }), status: 'active' })
      .limit(1000)
      .get(),
  ]);
  const homeIds = [...new Set(members.data.map((m: { homeId: string }) => m.homeId))];
  const _ = db.command;
  const homes = homeIds.length
    ? (
        await db
          .collection('homes')
          .where({ _id: _.in(homeIds) })
          .limit(1000)
          .get()
      ).data
    : [];
  const homeLabel = new Map(
    homes.map((h: { _id: string; compoundName: string; label: string }) => [h._id, `${h.compoundName} ${h.label}`]),
  );
  return people.data.map((p: { _id: string; openid: string; name: string }) => ({
    openid: p.openid,
    name: p.name,
    roles: roles.data.filter((r: { personId: string }) => r.personId === p._id).map((r: { role: RoleName }) => ROLE_LABELS[r.role]),
    // "天翔世家 3栋1单元602（租户）": the sign-in page tags tenants and family members from it.
    homes: members.data
      .filter((m: { personId: string }) => m.personId === p._id)
      .map((m: { homeId: string; relation: Relation }) => `${homeLabel.get(m.homeId) ?? ''}（${RELATION_LABELS[m.relation]}）`),
  }));
}

async function personByOpenid(db: Database, openid: string): Promise<{ openid: string; name?: string } | undefined> {
  const found = await db.collection('people').where({ openid }).limit(1).get();
  return found.data[0] as { openid: string; name?: string } | undefined;
}

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`the local runtime listens on loopback only, not ${host}`);
  let mains: Map<string, FunctionMain>;
  if (opts.mains) mains = new Map(Object.entries(opts.mains));
  else if (opts.functionsDir) mains = loadFunctions(opts.functionsDir);
  else throw new Error('startRuntime needs mains or functionsDir');

  const emulator = createEmulator({
    dataDir: opts.dataDir,
    ...(opts.image ? { image: opts.image } : {}),
    collections: COLLECTIONS,
    // Own entries only: a name like "constructor" or "__proto__" is not a function here.
    functions: (name: string) => mains.get(name),
    mediaCheckCallback: { functionName: 'notices' },
    // Photos' content-check verdicts arrive a few seconds later through the wxa_media_check
    // push, as in production; without it every photo would stay 审核中.
    mediaCheckDelayMs: opts.mediaCheckDelayMs ?? 3000,
    // A refund WeChat accepted ends (SUCCESS) and is notified a few seconds later, so a
    // refund shows 退款中 and then 已退回, as in production (where it takes minutes to days).
    refundDelayMs: opts.refundDelayMs ?? 3000,
    env: opts.env ?? 'jinlin-local',
    appId: opts.appId ?? 'wx0000000000000000',
    // Timer triggers and timeouts as each function's config.json / deploy.json declare them.
    ...emulatorWiring(readFunctionConfigs(opts.functionsDir && existsSync(opts.functionsDir) ? opts.functionsDir : FUNCTIONS_SOURCE_DIR)),
  });
  useEmulator(emulator);
  // The job worker and every other timer run on the wall clock, as in CloudBase.
  if (opts.timers !== false) emulator.timers.start();
  const db = emulator.sdk.database() as unknown as Database;
  let seeded: Record<string, number> | null = null;
  if (opts.seed !== false && !(await isSeeded(db))) seeded = await writeSeed(db, buildSeed());
  const sessions: Sessions = createSessions(loadSessionKey(opts.dataDir));
  const h5Root = opts.h5Dir ? resolve(opts.h5Dir) : null;
  const demo = opts.demo === true;
  let hosts = new Set<string>();

  const signedIn = (req: IncomingMessage) => sessions.verify(readCookie(req.headers.cookie, SESSION_COOKIE));

  /** Every HTTP call is a client call: SOURCE is 'wx_client' even signed out (OPENID ''). */
  async function callFunction(name: string, req: IncomingMessage, res: ServerResponse) {
    const main = mains.get(name);
    if (!main) return sendError(res, 404, 'UNKNOWN_ACTION', '云函数不存在');
    const body = await readJsonBody(req);
    if (typeof body.action !== 'string') throw new HttpError(400, 'BAD_REQUEST', '请求格式有误');
    // Only the envelope the client sends travels on; nothing else at the top level.
    const event: Record<string, unknown> = { action: body.action };
    if (body.payload !== undefined) event.payload = body.payload;
    const identity = { openid: signedIn(req), source: 'wx_client', clientIp: req.socket.remoteAddress ?? '127.0.0.1' };
    const reply = await emulator.invoke(name, event, identity);
    return sendJson(res, 200, reply);
  }

  async function demoRoute(path: string, req: IncomingMessage, res: ServerResponse) {
    const route = `${req.method} ${path}`;
    if (route === 'GET /api/_demo/people') return sendJson(res, 200, { people: await demoPeople(db) });
    if (route === 'GET /api/_demo/whoami') {
      const openid = signedIn(req);
      const person = openid ? await personByOpenid(db, openid) : undefined;
      return sendJson(res, 200, { signedIn: !!openid, name: person?.name ?? null });
    }
    if (route === 'GET /api/_demo/outbox') {
      const openid = signedIn(req);
      if (!openid) return sendError(res, 401, 'UNAUTHENTICATED');
      const outbox = emulator.outbox
        .list({ kind: OUTBOX.subscribe })
        .filter((e) => e.payload?.touser === openid)
        .map((e) => ({ at: e.at, templateId: e.payload.templateId, page: e.payload.page ?? null, data: e.payload.data }));
      return sendJson(res, 200, { outbox });
    }
    if (route === 'POST /api/_demo/signin') {
      const body = await readJsonBody(req);
      let openid: string;
      let name: string | null = null;
      if (body.newUser === true) openid = `demo-new-${randomBytes(6).toString('hex')}`;
      else {
        const person =
          typeof body.openid === 'string' && /^demo-[\w-]{1,58}$/.test(body.openid) ? await personByOpenid(db, body.openid) : undefined;
        if (!person) return sendError(res, 400, 'BAD_REQUEST', '请选择演示身份');
        openid = person.openid;
        name = person.name ?? null;
      }
      return sendJson(res, 200, { signedIn: true, name }, { 'set-cookie': sessionCookie(sessions.issue(openid)) });
    }
    // ---- fees (demo only): h5 has no WeChat pay page, so the pay sandbox completes the
    // signed-in person's own unpaid order; WeChat's notification then reaches payCallback.
    if (route === 'POST /api/_demo/pay') {
      const openid = signedIn(req);
      if (!openid) return sendError(res, 401, 'UNAUTHENTICATED');
      const body = await readJsonBody(req);
      const outTradeNo = typeof body.outTradeNo === 'string' && /^[A-Za-z0-9_-]{6,32}$/.test(body.outTradeNo) ? body.outTradeNo : '';
      const order = emulator.pay.orders().find((o) => o.payload?.request?.outTradeNo === outTradeNo && o.payload?.openid === openid);
      if (!order || order.state !== 'NOTPAY') return sendError(res, 404, 'NOT_FOUND', '订单不存在或已支付');
      const done = await emulator.pay.complete(outTradeNo);
      return sendJson(res, 200, { paid: true, acknowledged: done.acknowledged });
    }
    // ---- end fees
    if (route === 'POST /api/_demo/signout') {
      await readJsonBody(req);
      return sendJson(res, 200, { ok: true }, { 'set-cookie': clearSessionCookie() });
    }
    return sendError(res, 404, 'NOT_FOUND');
  }

  /**
   * /_files/*: only through a signed temp URL that has not expired. A bearer link, as
   * CloudBase's: it opens for whoever holds it, signed in or not (so the functions hand
   * links only to people entitled to the file). One 404 for every failure.
   */
  function fileRoute(req: IncomingMessage, res: ServerResponse) {
    const notFound = () => sendError(res, 404, 'NOT_FOUND', '文件不存在或链接已失效');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'BAD_REQUEST', '请求方式有误');
    const reader = (emulator as unknown as SignedFileReader).readSignedFile;
    if (typeof reader !== 'function') return notFound();
    let file: { body: Buffer; cloudPath: string } | null;
    try {
      file = reader.call(emulator, req.url ?? '');
    } catch {
      file = null;
    }
    if (!file) return notFound();
    res.writeHead(200, fileHeaders(TYPES[extname(file.cloudPath).toLowerCase()] ?? 'application/octet-stream', file.body.length));
    return res.end(file.body);
  }

  /**
   * POST /_upload?purpose=<purpose>&ext=<ext>: the local stand-in for the client's
   * `wx.cloud.uploadFile`. The body is the file itself; it is stored, as the
   * signed-in person, under their own folder `u/<openid>/<purpose>/<random>.<ext>`
   * (the only place a function accepts files from), and the fileID is returned.
   */
  async function uploadRoute(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'POST') return sendError(res, 405, 'BAD_REQUEST', '请求方式有误');
    if (!sameOrigin(req)) return sendError(res, 403, 'FORBIDDEN', '不接受来自其他网站的请求');
    const openid = signedIn(req);
    if (!openid) return sendError(res, 401, 'UNAUTHENTICATED');
    const purpose = url.searchParams.get('purpose') ?? '';
    const ext = (url.searchParams.get('ext') ?? '').toLowerCase();
    if (!/^[a-z]{3,20}$/.test(purpose) || !UPLOAD_TYPES[ext])
      return sendError(res, 400, 'BAD_REQUEST', '只能上传图片（jpg、png）或 Excel 表格（xlsx）');
    const body = await readRawBody(req, MAX_UPLOAD_BYTES);
    if (!body.length) return sendError(res, 400, 'BAD_REQUEST', '文件是空的');
    const cloudPath = `u/${openid}/${purpose}/${Date.now().toString(36)}-${randomBytes(8).toString('hex')}.${ext}`;
    const up = await emulator.runAs({ openid, source: 'wx_client' }, () => emulator.sdk.uploadFile({ cloudPath, fileContent: body }));
    return sendJson(res, 200, { fileID: up.fileID });
  }

  function pageRoute(path: string, req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, '请求方式有误');
    const index = h5Root ? join(h5Root, 'index.html') : null;
    if (!h5Root || !index || !existsSync(index)) return sendText(res, 503, 'H5 尚未构建：请运行 npm run build:h5');
    let file = normalize(join(h5Root, path));
    if (file !== h5Root && !file.startsWith(h5Root + sep)) return sendText(res, 404, '页面不存在');
    if (!existsSync(file) || !statSync(file).isFile()) file = index;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const body = readFileSync(file);
    const immutable = /\.[0-9a-f]{8,}\./.test(file);
    const html = type.startsWith('text/html') ? body.toString('utf8') : null;
    res.writeHead(200, {
      ...pageHeaders(html, type, immutable ? 'public, max-age=31536000, immutable' : 'no-cache'),
      'content-length': String(body.length),
    });
    res.end(body);
  }

  const server = createServer(async (req, res) => {
    try {
      // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example.
      if (!hostAllowed(req, hosts)) return sendText(res, 421, 'Misdirected Request');
      const url = new URL(req.url ?? '/', 'http://local');
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        throw new HttpError(400, 'BAD_REQUEST', '请求地址有误');
      }
      if (path.includes('\0')) throw new HttpError(400, 'BAD_REQUEST', '请求地址有误');
      if (path === '/api' || path.startsWith('/api/')) {
        if (!sameOrigin(req)) return sendError(res, 403, 'FORBIDDEN', '不接受来自其他网站的请求');
        if (req.method === 'POST' && !isJson(req)) return sendError(res, 415, 'BAD_REQUEST', '请求内容须为 JSON（application/json）');
        if (path.startsWith('/api/_demo/')) {
          if (!demo) return sendError(res, 404, 'NOT_FOUND');
          return await demoRoute(path, req, res);
        }
        const fn = /^\/api\/([a-z][\w-]{0,40})$/.exec(path);
        if (!fn) return sendError(res, 404, 'UNKNOWN_ACTION', '云函数不存在');
        if (req.method !== 'POST') return sendError(res, 405, 'BAD_REQUEST', '请求方式有误', { allow: 'POST' });
        return await callFunction(fn[1], req, res);
      }
      if (path.startsWith('/_files/')) return fileRoute(req, res);
      if (path === '/_upload') return await uploadRoute(req, res, url);
      return pageRoute(path, req, res);
    } catch (e) {
      if (res.headersSent) return void res.destroy();
      if (e instanceof HttpError) return sendError(res, e.status, e.code, e.message, e.status === 413 ? { connection: 'close' } : {});
      console.error('[runtime]', e);
      sendError(res, 500, 'INTERNAL');
    }
  });
  // A slow or stalled client cannot hold a connection for long.
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, host, () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  hosts = allowedHosts(port);
  return {
    url: `http://${host === '::1' ? '[::1]' : host}:${port}`,
    emulator,
    server,
    seeded,
    cookieFor: (openid: string) => `${SESSION_COOKIE}=${sessions.issue(openid)}`,
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
