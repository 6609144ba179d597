/**
 * Offline CloudBase emulator: the wx-server-sdk stand-in's backend.
 *
 *   const emu = createEmulator({ dataDir: ':memory:', collections: COLLECTIONS, functions: (n) => mains[n] });
 *   useEmulator(emu);                       // `require('wx-server-sdk')` (emulator/sdk.ts) now talks to emu
 *   await emu.invoke('notices', { action: 'list' }, { openid: 'o-alice' });
 *
 * Identity is per call (AsyncLocalStorage), never process-wide, so concurrent
 * calls keep their own OPENID across awaits. See README.md for what is emulated.
 */
import { AsyncLocalStorage } from 'async_hooks';
import crypto from 'crypto';
import fs from 'fs';
import Module from 'module';
import path from 'path';
import { Store, type Durability, type OutboxEntry } from './store';
import { createSdk, TEMP_URL_MAX_AGE_S, type Sdk } from './sdk-core';
import { sdkError } from './errors';
import * as sb from './sandboxes';
import { Timers, type TimerTrigger } from './timers';
import { decodeTopLevel, issueCloudId, type GroupApi } from './cloudid';
import type { CloudFunctionMain, CollectionSpec, Counters, FunctionResolver, Identity, WXContext } from './types';
import { emptyCounters } from './types';
import { isPlainObject } from './wire';

export type { CollectionSpec, IndexSpec, Identity, WXContext, Counters, CloudFunctionMain, FunctionResolver } from './types';
export type { OutboxEntry } from './store';
export { DEFAULT_LIMIT, MAX_LIMIT, AGGREGATE_DEFAULT_LIMIT } from './store';
export { OUTBOX, PAY_MAX_NOTIFY, readCodeImage } from './sandboxes';
export { TEMP_URL_MAX_AGE_S } from './sdk-core';
export { SENSITIVE_WORDS } from './sensitive-words';
export type { TimerTrigger, TimerFiring, TimerInfo } from './timers';
export { TIMER_TIMEZONE } from './timers';
export { CLOUDID_TTL_MS, CLOUDID_INVALID } from './cloudid';

export type EmulatorOptions = {
  /** A directory (created if missing; holds db.sqlite and files/) or ':memory:' for tests. */
  dataDir: string;
  /**
   * With ':memory:', a database image to start from (better-sqlite3 `serialize()`):
   * tests seed the demo once and give each suite its own copy.
   */
  image?: Buffer;
  collections: CollectionSpec[];
  /** Resolves a function name to its `main`; used by invoke(), callFunction and the pay / media callbacks. */
  functions?: FunctionResolver | Record<string, CloudFunctionMain>;
  /** Function that receives `wxa_media_check` pushes (the message-push setting in the console). */
  mediaCheckCallback?: { functionName: string };
  env?: string;
  appId?: string;
  /** 'full' (default): fsync on every commit. 'normal': survives kill -9 but not power loss. */
  durability?: Durability;
  /** Prefix of temp file URLs; the local runtime serves it. Default '/_files/'. */
  fileUrlBase?: string;
  /** When true, subscribeMessage.send needs a prior emu.grantSubscription() (one message per grant). Default false. */
  enforceSubscribeGrants?: boolean;
  /**
   * Per-invocation timeout: one number for every function, or per function name
   * (production's limit is what each function's deploy config declares; functions
   * missing from the record get 60 s). Production default is 3 s, up to 900 s.
   */
  functionTimeoutMs?: number | Record<string, number>;
  /** Timer triggers (from each function's config.json); fire them with `emu.timers`. */
  triggers?: TimerTrigger[];
  /** Where the timer clock starts (default: now). Occurrences before it never fire. */
  clockStart?: Date;
  /** How long a transaction may stay open before the server drops it and releases its locks. Production: 30 s. */
  transactionLifetimeMs?: number;
  /**
   * Deliver mediaCheckAsync verdicts on its own, this long after a check starts (the local
   * runtime: a few seconds), through the same `wxa_media_check` push as production, where
   * a verdict comes asynchronously, usually within seconds to minutes. Absent (tests):
   * only `emu.deliverMediaChecks()` delivers.
   */
  mediaCheckDelayMs?: number;
  /**
   * End every accepted refund as SUCCESS on its own, this long after one is accepted,
   * and notify its callback (the local runtime: a few seconds; WeChat: a refund to
   * 零钱 within minutes, to a bank card within days). Absent (tests): only
   * `emu.pay.settleRefund()` ends a refund, with the status a test chooses.
   */
  refundDelayMs?: number;
  /**
   * Each function's `permissions.openapi` (config.json). A function calling a cloud-call
   * API it does not declare fails with errCode -604101, as in production ("function has
   * no permission to call this API"). Functions not listed may call anything.
   */
  openapiPermissions?: Record<string, string[]>;
  /**
   * The mini-program's subscribe-message template ids (its 我的模板). With it, a send
   * with another id fails with 40037 (invalid template id), as WeChat answers.
   */
  subscribeTemplates?: string[];
  /**
   * The pages of the released mini-program (app.json's pages and subpackages), which
   * wxacode.getUnlimited checks a code's `page` against. Absent: no version is
   * released, and every code with checkPath is refused (41030), as in production.
   */
  appPages?: readonly string[];
};

export type Measured<T> = Counters & { result: T };

type CallCtx = { identity: Required<Omit<Identity, 'clientIp'>> & { clientIp?: string }; chain: Counters[]; functionName?: string };

const RESULT_LIMIT = 1024 * 1024;
/** Our default per-invocation timeout (production's default is 3 s; see README). */
export const DEFAULT_TIMEOUT_MS = 60_000;

export class Emulator implements sb.SandboxHost {
  readonly store: Store;
  readonly env: string;
  readonly appId: string;
  readonly dataDir: string;
  readonly files: sb.FileStore;
  readonly mediaCheckCallback?: { functionName: string };
  readonly enforceSubscribeGrants: boolean;
  readonly subscribeTemplates?: string[];
  readonly appPages: readonly string[];
  /** wx-server-sdk API bound to THIS emulator (emulator/sdk.ts is bound to the current one instead). */
  readonly sdk: Sdk;
  private readonly als = new AsyncLocalStorage<CallCtx>();
  private readonly resolveFn: FunctionResolver;
  private readonly fileUrlBase: string;
  /** HMAC key for temp URLs: generated once and kept in the data dir (random per ':memory:' emulator). */
  private readonly fileSecret: Buffer;
  private readonly timeouts: number | Record<string, number>;
  /** Timer triggers: `advanceTo(date)`, `start()`, `stop()`, `list()`. */
  readonly timers: Timers;
  private closed = false;
  private readonly mediaCheckDelayMs?: number;
  private readonly refundDelayMs?: number;
  private refundTimer: NodeJS.Timeout | null = null;
  private readonly openapiPermissions?: Record<string, string[]>;
  private mediaTimer: NodeJS.Timeout | null = null;

  constructor(opts: EmulatorOptions) {
    this.env = opts.env || 'jinlin-local';
    this.appId = opts.appId || 'wx0000000000emulator';
    this.dataDir = opts.dataDir;
    this.mediaCheckCallback = opts.mediaCheckCallback;
    this.enforceSubscribeGrants = !!opts.enforceSubscribeGrants;
    this.appPages = opts.appPages ?? [];
    this.fileUrlBase = opts.fileUrlBase ?? '/_files/';
    this.timeouts = opts.functionTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.mediaCheckDelayMs = opts.mediaCheckDelayMs;
    this.refundDelayMs = opts.refundDelayMs;
    this.openapiPermissions = opts.openapiPermissions;
    this.subscribeTemplates = opts.subscribeTemplates;
    const fns = opts.functions;
    this.resolveFn = typeof fns === 'function' ? fns : (name) => (fns ? fns[name] : undefined);
    const memory = opts.dataDir === ':memory:';
    if (!memory) fs.mkdirSync(opts.dataDir, { recursive: true });
    this.store = new Store(memory ? (opts.image ?? ':memory:') : path.join(opts.dataDir, 'db.sqlite'), opts.collections, {
      durability: opts.durability,
      transactionLifetimeMs: opts.transactionLifetimeMs,
    });
    this.store.onCount = (c) => {
      const ctx = this.als.getStore();
      if (!ctx) return;
      for (const counters of ctx.chain) for (const k of Object.keys(c) as (keyof Counters)[]) counters[k] += c[k] || 0;
    };
    let secret = this.store.journal.meta('fileUrlSecret');
    if (!secret) {
      secret = crypto.randomBytes(32).toString('hex');
      this.store.journal.setMeta('fileUrlSecret', secret);
    }
    this.fileSecret = Buffer.from(secret, 'hex');
    this.files = new sb.FileStore(memory ? null : path.join(opts.dataDir, 'files'), this.env);
    this.sdk = createSdk(() => (this.closed ? undefined : this));
    this.timers = new Timers(this, opts.triggers ?? [], (opts.clockStart ?? new Date()).getTime());
    // the bound SDK is ready to use without a separate init() call
    this.sdk.init({ env: this.env });
  }

  // ---------------------------------------------------------------- identity & calls

  /** What `cloud.getWXContext()` returns right now. Outside runAs: no user and no SOURCE. */
  wxContext(): WXContext {
    const id = this.als.getStore()?.identity;
    const ctx: WXContext = {
      OPENID: id?.openid ?? '',
      APPID: id?.appid ?? this.appId,
      UNIONID: id?.unionid ?? '',
      ENV: this.env,
      SOURCE: id?.source ?? '',
    };
    if (id?.clientIp) ctx.CLIENTIP = id.clientIp;
    return ctx;
  }

  /** -604101 when the function running now does not declare cloud-call `api` (e.g. 'subscribeMessage.send'). */
  assertOpenapi(api: string) {
    const fn = this.als.getStore()?.functionName;
    const allowed = fn ? this.openapiPermissions?.[fn] : undefined;
    if (allowed && !allowed.includes(api)) throw sdkError(`openapi.${api}`, -604101, 'function has no permission to call this API');
  }

  /** Run `fn` as `identity`. Everything it awaits sees that identity, whatever else runs concurrently. */
  runAs<T>(identity: Identity, fn: () => T, functionName?: string): T {
    const parent = this.als.getStore();
    const ctx: CallCtx = {
      identity: {
        openid: identity.openid ?? '',
        unionid: identity.unionid ?? '',
        appid: identity.appid ?? this.appId,
        source: identity.source ?? (identity.openid ? 'wx_client' : ''),
        clientIp: identity.clientIp,
      },
      chain: [emptyCounters(), ...(parent?.chain ?? [])],
      functionName,
    };
    return this.als.run(ctx, fn);
  }

  /** Run `fn` (keeping the current identity) and report the database work it caused, callees included. */
  async measure<T>(fn: () => T | Promise<T>): Promise<Measured<Awaited<T>>> {
    const parent = this.als.getStore();
    const counters = emptyCounters();
    const ctx: CallCtx = {
      identity: parent?.identity ?? { openid: '', unionid: '', appid: this.appId, source: '' },
      chain: [counters, ...(parent?.chain ?? [])],
    };
    const result = await this.als.run(ctx, async () => fn());
    return { ...counters, result: result as Awaited<T> };
  }

  private async resolveMain(name: string): Promise<CloudFunctionMain> {
    const main = await this.resolveFn(name);
    if (typeof main !== 'function') {
      throw sdkError('cloud.callFunction', -504002, `FunctionName parameter could not be found: ${name}`);
    }
    return main;
  }

  /**
   * Invoke a cloud function the way the platform does for a client call: the
   * event and the result cross a JSON boundary (a returned Date arrives as a
   * string, as on the phone), `userInfo` is added to the event for user calls,
   * the result is limited to 1 MB, and a timeout applies.
   */
  async invoke(name: string, event: any, identity: Identity = { openid: '' }): Promise<any> {
    const main = await this.resolveMain(name);
    const payload = event === undefined ? {} : JSON.parse(JSON.stringify(event));
    const requestId = crypto.randomBytes(16).toString('hex');
    const timeoutMs = this.timeoutOf(name);
    return this.runAs(
      identity,
      async () => {
        const { OPENID, APPID, SOURCE } = this.wxContext();
        if (payload && typeof payload === 'object' && !Array.isArray(payload) && OPENID && SOURCE.includes('wx_client')) {
          payload.userInfo = { appId: APPID, openId: OPENID };
        }
        // WeChat decodes CloudIDs of a client call (not of callFunction from a function), top level only.
        if (isPlainObject(payload) && SOURCE.split(',').pop() === 'wx_client') decodeTopLevel(payload, this.store.journal, APPID);
        const context = {
          request_id: requestId,
          function_name: name,
          namespace: this.env,
          function_version: '$LATEST',
          memory_limit_in_mb: 256,
          time_limit_in_ms: timeoutMs,
        };
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(sdkError('cloud.callFunction', -504002, `Invoking task timed out after ${timeoutMs / 1000} seconds`)),
            timeoutMs,
          );
          timer.unref?.();
        });
        try {
          const result = await Promise.race([Promise.resolve().then(() => main(payload, context)), timeout]);
          if (result === undefined) return undefined;
          const json = JSON.stringify(result);
          if (json !== undefined && Buffer.byteLength(json) > RESULT_LIMIT) {
            throw sdkError('cloud.callFunction', -604001, 'cloudfunction result size exceed limit (1MB)');
          }
          return json === undefined ? undefined : JSON.parse(json);
        } finally {
          clearTimeout(timer);
        }
      },
      name,
    );
  }

  /** The timeout that applies to function `name`. */
  timeoutOf(name: string): number {
    const t = this.timeouts;
    return typeof t === 'number' ? t : (t[name] ?? DEFAULT_TIMEOUT_MS);
  }

  /** `cloud.callFunction` from inside a function: the callee keeps the caller's user (OPENID), SOURCE gains ',wx_function'. */
  async callFromFunction(name: string, data: any) {
    if (!name || typeof name !== 'string') throw sdkError('cloud.callFunction', -1, 'name must be a non-empty string');
    const caller = this.als.getStore()?.identity;
    const identity: Identity = {
      openid: caller?.openid ?? '',
      unionid: caller?.unionid,
      appid: caller?.appid,
      clientIp: caller?.clientIp,
      source: caller?.source ? `${caller.source},wx_function` : 'wx_function',
    };
    try {
      const result = await this.invoke(name, data, identity);
      return { result, errMsg: 'cloud.callFunction:ok', requestID: crypto.randomBytes(16).toString('hex') };
    } catch (e: any) {
      if (e && typeof e.errCode === 'number' && String(e.errMsg || '').startsWith('cloud.callFunction:fail')) throw e;
      throw sdkError('cloud.callFunction', -504002, `errMsg: ${e?.message ?? String(e)}`);
    }
  }

  // ---------------------------------------------------------------- sandboxes

  readonly outbox = {
    /** What the sandboxes were asked, oldest first. kind: one of OUTBOX.* */
    list: (filter: { kind?: string } = {}): OutboxEntry[] => this.store.journal.list(filter.kind),
    /** Forget what was sent (messages, grants, checks, media jobs, pay orders and notifications); files stay. */
    clear: () => this.store.journal.clear(),
  };

  readonly pay = {
    /** The user paid `outTradeNo`: notify its callback function (records the attempt). */
    complete: (outTradeNo: string) => sb.payComplete(this, outTradeNo),
    /** Re-notify paid orders whose callback did not answer {errcode: 0} yet — WeChat's retry. */
    deliverPending: () => sb.payDeliverPending(this),
    orders: () => this.store.journal.list(sb.OUTBOX.payOrder),
    /** Let `ms` pass for an order (its creation and expiry move into the past), as a long wait would. */
    age: (outTradeNo: string, ms: number) => sb.payAge(this, outTradeNo, ms),
    /** Every refund WeChat accepted, with where it stands (PROCESSING until it ends). */
    refunds: (): (sb.SandboxRefund & { outTradeNo: string })[] =>
      this.store.journal
        .list(sb.OUTBOX.payOrder)
        .flatMap((o) => ((o.payload.refunds ?? []) as sb.SandboxRefund[]).map((r) => ({ ...r, outTradeNo: o.payload.request.outTradeNo }))),
    /** The refund ends at WeChat (SUCCESS, REFUNDCLOSE, CHANGE) and its callback is notified. */
    settleRefund: (outRefundNo: string, status: 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE' = 'SUCCESS') =>
      sb.refundSettle(this, outRefundNo, status),
    /** Re-notify ended refunds whose callback did not answer {errcode: 0} yet — WeChat's retry. */
    deliverPendingRefunds: () => sb.refundDeliverPending(this),
  };

  /** With `refundDelayMs`: every accepted refund ends as SUCCESS that long after the first pending one. */
  scheduleRefunds() {
    if (this.refundDelayMs === undefined || this.refundTimer || this.closed) return;
    this.refundTimer = setTimeout(() => {
      this.refundTimer = null;
      if (this.closed) return;
      sb.refundSettleAll(this).catch((e) => console.error('[emulator] refund settlement failed', e));
    }, this.refundDelayMs);
    this.refundTimer.unref?.();
  }

  /** Deliver every pending mediaCheckAsync verdict to `mediaCheckCallback.functionName`. */
  deliverMediaChecks() {
    return sb.deliverMediaChecks(this);
  }

  /** With `mediaCheckDelayMs`: one delivery of every pending verdict, that long after the first pending check. */
  scheduleMediaChecks() {
    if (this.mediaCheckDelayMs === undefined || this.mediaTimer || this.closed || !this.mediaCheckCallback) return;
    this.mediaTimer = setTimeout(() => {
      this.mediaTimer = null;
      if (this.closed) return;
      sb.deliverMediaChecks(this).catch((e) => console.error('[emulator] media check delivery failed', e));
    }, this.mediaCheckDelayMs);
    this.mediaTimer.unref?.();
  }

  readonly shareTickets = {
    /**
     * A simulated group share: the CloudID the client would pass as `wx.cloud.CloudID(id)`.
     * `api` is the client API that returned it (default getGroupEnterInfo, what our client
     * calls); it decodes to `{ opengid }` or, for getShareInfo, `{ openGId }`.
     */
    issue: (data: { openGId: string }, opts: { ttlMs?: number; api?: GroupApi } = {}): string =>
      issueCloudId(this.store.journal, data, opts.ttlMs, Date.now(), opts.api),
  };

  readonly faults = {
    /** The next `n` transaction commits answer DATABASE_TRANSACTION_CONFLICT (and write nothing), as the server may. */
    conflictOnCommit: (n = 1) => {
      this.store.tx.commitConflicts = n;
    },
  };

  /** A user tapped "allow" for `templateId` (only matters with enforceSubscribeGrants). */
  grantSubscription(openid: string, templateId: string, count = 1) {
    sb.grantSubscription(this, openid, templateId, count);
  }

  /**
   * Temp URL of a stored file, as getTempFileURL hands it out:
   * `<fileUrlBase><encoded path>?exp=<unix seconds>&sign=<hex HMAC-SHA256>`, the
   * signature covering path and expiry. A BEARER link, like CloudBase's: whoever holds
   * it opens the file until it expires, signed in or not, whoever asked for it (the
   * storage service checks no identity on a temp URL; wx.cloud.getTempFileURL docs:
   * "临时链接…有效期"). Privacy rests on handing links only to entitled people.
   */
  fileUrl(cloudPath: string, opts: { maxAge?: number } = {}) {
    const exp = Math.floor(Date.now() / 1000) + (opts.maxAge ?? TEMP_URL_MAX_AGE_S);
    return `${this.fileUrlBase}${cloudPath.split('/').map(encodeURIComponent).join('/')}?exp=${exp}&sign=${this.signFile(cloudPath, exp)}`;
  }

  private signFile(cloudPath: string, exp: number) {
    return crypto.createHmac('sha256', this.fileSecret).update(`${cloudPath}\n${exp}`).digest('hex');
  }

  /**
   * The file behind a temp URL, when its signature matches and it has not expired;
   * otherwise null. Anyone holding the URL gets the file (a bearer link). The local
   * runtime serves `/_files/*` through this. Accepts the URL's path and query, with
   * or without the `fileUrlBase` prefix.
   */
  readSignedFile(pathWithQuery: string): { body: Buffer; cloudPath: string } | null {
    const s = String(pathWithQuery);
    const q = s.indexOf('?');
    if (q < 0) return null;
    let rawPath = s.slice(0, q);
    if (rawPath.startsWith(this.fileUrlBase)) rawPath = rawPath.slice(this.fileUrlBase.length);
    let cloudPath: string;
    try {
      cloudPath = rawPath.split('/').map(decodeURIComponent).join('/');
    } catch {
      return null;
    }
    const params = new URLSearchParams(s.slice(q + 1));
    const exp = Number(params.get('exp'));
    const sign = params.get('sign') || '';
    if (!Number.isInteger(exp) || exp * 1000 <= Date.now() || !/^[0-9a-f]{64}$/.test(sign)) return null;
    const want = Buffer.from(this.signFile(cloudPath, exp), 'hex');
    if (!crypto.timingSafeEqual(want, Buffer.from(sign, 'hex'))) return null;
    const body = this.files.read(cloudPath);
    return body ? { body, cloudPath } : null;
  }

  /** File content by cloudPath (or fileID), for tests and trusted code (no signature check; a `?query` is ignored); null when absent. */
  readFile(cloudPathOrFileId: string): Buffer | null {
    const id = String(cloudPathOrFileId).split('?')[0];
    const p = this.files.cloudPathOf(id) ?? id;
    return this.files.read(p);
  }

  /** OPENID of the call that uploaded the file ('' for a server-originated upload); null when the file is unknown. */
  fileOwner(cloudPathOrFileId: string): string | null {
    const p = this.files.cloudPathOf(cloudPathOrFileId) ?? cloudPathOrFileId;
    return this.store.journal.file(p)?.uploader ?? null;
  }

  // ---------------------------------------------------------------- data & lifecycle

  /** Bulk insert (one transaction, same validation and unique checks as add). For seeds and benchmarks. */
  seed(collection: string, docs: any[]): any[] {
    return this.store.seed(collection, docs);
  }

  /** A digest of every committed document (see Store.digest). */
  digest(): string {
    return this.store.digest();
  }

  /** Cumulative counters since the emulator was created. */
  get stats(): Counters {
    return { ...this.store.totals };
  }

  /** The whole database as one SQLite file image (a seeded state to start other emulators from, or to write as db.sqlite). */
  image(): Buffer {
    return this.store.db.serialize();
  }

  close() {
    this.closed = true;
    if (this.mediaTimer) clearTimeout(this.mediaTimer);
    if (this.refundTimer) clearTimeout(this.refundTimer);
    this.timers.stop();
    if (current() === this) useEmulator(undefined);
    this.store.close();
  }
}

export function createEmulator(opts: EmulatorOptions): Emulator {
  return new Emulator(opts);
}

// ------------------------------------------------------------------ the process-wide current emulator

// On globalThis so that every copy of this module (CJS/ESM under tsx) agrees.
const CURRENT = Symbol.for('jinlin.emulator.current');

/** Make `emu` the backend of emulator/sdk.ts (what `require('wx-server-sdk')` returns). */
export function useEmulator(emu: Emulator | undefined) {
  (globalThis as any)[CURRENT] = emu;
}

export function current(): Emulator | undefined {
  return (globalThis as any)[CURRENT];
}

/**
 * Make Node's `require('wx-server-sdk')` return emulator/sdk.ts — for function
 * bundles in dist/ that keep wx-server-sdk external. Only the bare specifier is
 * redirected; `wx-server-sdk/index.js` (used by the emulator itself) is not.
 * Needs a TypeScript-capable loader (tsx) for the .ts file. Returns an uninstaller.
 */
export function installRequireHook(): () => void {
  const M = Module as any;
  const original = M._resolveFilename;
  const target = require.resolve('./sdk');
  M._resolveFilename = function (request: string, ...rest: any[]) {
    if (request === 'wx-server-sdk') return target;
    return original.call(this, request, ...rest);
  };
  return () => {
    M._resolveFilename = original;
  };
}
