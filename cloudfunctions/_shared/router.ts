/**
 * The one shape every cloud function has: parse the envelope, take identity from
 * getWXContext() (never from the payload), validate the payload with the contract's
 * zod schema, run the use case, answer a typed Reply. Nothing here knows an area.
 *
 * System events (timer triggers, message pushes such as `wxa_media_check`, payment
 * callbacks) get the same Ctx and are routed by the event's own shape — but only
 * when the call does not come from a client. A client can send any JSON it likes,
 * so an event from `wx_client` / `wx_devtools` / `wx_http` is always an action
 * envelope, whatever it looks like. OPENID says nothing here: the media-check push
 * may carry one, a timer has none.
 */
import type * as Cloud from 'wx-server-sdk';
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.cjs';
import type { ActionSpec, ApiSpec, OutputOf, ParsedInputOf } from '../../core/platform/api';
import { AppError, isAppError, type Reply } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { actorOf, loadCaller, type Caller } from './actor';

z.config(zhCN());

export type CloudModule = typeof Cloud;
export type { Database } from './database';
import { isProbe, probeOpenapi } from './probe';
import type { Database } from './database';

export interface Ctx {
  cloud: CloudModule;
  db: Database;
  /** '' for system events. */
  openid: string;
  now: Date;
  /** Loaded on first use: roles and homes of the caller (none for system events). */
  actor(): Promise<Actor>;
  /**
   * The documents the actor is made of (person, grants, bindings), loaded once with it: use
   * `callerOf(ctx)` (_shared/actor.ts). Optional so that a context made by hand in a test
   * needs only `actor`; then callerOf reads them.
   */
  caller?(): Promise<Caller>;
}

export type Handlers<A extends ApiSpec> = {
  [K in keyof A['actions']]: (ctx: Ctx, input: ParsedInputOf<A['actions'][K]>) => Promise<OutputOf<A['actions'][K]>>;
};
/** Handlers of a group of actions (a feature whose contract is spread from several files). */
export type ActionHandlers<A extends Record<string, ActionSpec>> = Handlers<ApiSpec<string, A>>;

/** A system event this function accepts: recognised by its shape, handled with a Ctx. */
export interface SystemRoute {
  name: string;
  /**
   * The SOURCE it must come from (getWXContext docs: `wx_trigger` for a timer,
   * `wx_paycallback` for WeChat Pay). Given, the event is routed only from there;
   * absent (the media push, whose SOURCE is not documented), from any non-client source.
   */
  source?: string;
  match(event: Record<string, unknown>): boolean;
  handle(ctx: Ctx, event: Record<string, unknown>): Promise<unknown>;
}

/** A timer trigger declared in the function's config.json (`triggers[].name`). */
export function timerRoute(triggerName: string, handle: (ctx: Ctx, event: Record<string, unknown>) => Promise<unknown>): SystemRoute {
  return {
    name: `timer:${triggerName}`,
    source: TIMER_SOURCE,
    match: (e) => e.Type === 'Timer' && e.TriggerName === triggerName,
    handle,
  };
}

export interface MainOptions {
  system?: SystemRoute[];
}

/** SOURCE of a timer trigger's run and of a WeChat Pay notification (Cloud.getWXContext docs, "SOURCE 的枚举类型"). */
export const TIMER_SOURCE = 'wx_trigger';
export const PAY_CALLBACK_SOURCE = 'wx_paycallback';

/** Whether a call was started by `source` itself (SOURCE is a chain, "wx_client,scf"; the first is who started it). */
export function startedBy(source: string | undefined, expected: string): boolean {
  return (source ?? '').split(',')[0] === expected && !isClientSource(source);
}

/** Where a call comes from, per getWXContext().SOURCE ("wx_client,wx_function" for a function called by a client call). */
export function isClientSource(source: string | undefined): boolean {
  return /(^|,)(wx_client|wx_devtools|wx_http)(,|$)/.test(source ?? '');
}

const MAX_DEPTH = 32;
const MAX_EVENT_BYTES = 1024 * 1024;

/** Depth of a JSON value, stopping early once past the limit. */
function tooDeep(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (value && typeof value === 'object') {
    for (const v of Object.values(value as object)) if (tooDeep(v, depth + 1)) return true;
  }
  return false;
}

function zodDetails(err: z.ZodError) {
  return err.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function makeCtx(cloud: CloudModule, openid: string): Ctx {
  const db = cloud.database() as unknown as Database;
  let caller: Promise<Caller> | undefined;
  let actor: Promise<Actor> | undefined;
  const loaded = () => (caller ??= loadCaller(db, openid));
  return { cloud, db, openid, now: new Date(), caller: loaded, actor: () => (actor ??= loaded().then((c) => actorOf(openid, c))) };
}

export function createMain<A extends ApiSpec>(cloud: CloudModule, api: A, handlers: Handlers<A>, options: MainOptions = {}) {
  return async function main(event: unknown): Promise<Reply<unknown>> {
    try {
      const { OPENID, SOURCE } = cloud.getWXContext();
      if (tooDeep(event)) throw new AppError('BAD_REQUEST', '请求内容层级过深');
      if (!isClientSource(SOURCE) && event && typeof event === 'object' && !Array.isArray(event)) {
        const e = event as Record<string, unknown>;
        const route = options.system?.find((r) => (r.source === undefined || startedBy(SOURCE, r.source)) && r.match(e));
        if (route) return { ok: true, data: await route.handle(makeCtx(cloud, ''), e) };
        // The deploy's --verify (never from a client): which cloud calls this function may make.
        if (isProbe(e)) return { ok: true, data: await probeOpenapi(cloud, e.apis) };
      }
      // WeChat adds `userInfo` to events from callFunction; it is ignored like any other
      // stray field outside the payload.
      const envelope = z
        .object({ action: z.string().max(64), payload: z.unknown().optional(), groupInfo: z.unknown().optional() })
        .safeParse(event);
      if (!envelope.success) throw new AppError('BAD_REQUEST', '请求格式有误', zodDetails(envelope.error));
      if (Buffer.byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES) throw new AppError('BAD_REQUEST', '请求内容过大');
      const name = envelope.data.action;
      const spec = Object.prototype.hasOwnProperty.call(api.actions, name) ? api.actions[name] : undefined;
      const handler =
        spec && Object.prototype.hasOwnProperty.call(handlers, name)
          ? (handlers as Record<string, (c: Ctx, i: unknown) => Promise<unknown>>)[name]
          : undefined;
      if (!spec || !handler) throw new AppError('UNKNOWN_ACTION', `不支持的操作：${name.slice(0, 64)}`);
      if (!OPENID) throw new AppError('UNAUTHENTICATED');
      // The platform decodes a CloudID only at the top level of the event (the client
      // sends group info there); it is validated with the payload like any other field.
      // Group info nested in the payload arrives exactly as the client typed it: never accepted.
      let payload = envelope.data.payload ?? {};
      if (payload && typeof payload === 'object' && Object.prototype.hasOwnProperty.call(payload, 'groupInfo')) {
        throw new AppError('BAD_REQUEST', '群信息只能由微信解析后提供');
      }
      const groupInfo = envelope.data.groupInfo as { errCode?: unknown } | undefined;
      if (groupInfo && typeof groupInfo === 'object' && groupInfo.errCode !== undefined) {
        // An expired or invalid CloudID arrives as { cloudID, errCode, errMsg }.
        throw new AppError('BAD_REQUEST', '群信息已过期，请回到群聊重新打开分享卡片');
      }
      if (groupInfo !== undefined && payload && typeof payload === 'object' && !Array.isArray(payload)) {
        payload = { ...(payload as object), groupInfo };
      }
      const parsed = spec.input.safeParse(payload);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new AppError(
          'BAD_REQUEST',
          first ? `${first.path.join('.') ? first.path.join('.') + '：' : ''}${first.message}` : undefined,
          zodDetails(parsed.error),
        );
      }
      return { ok: true, data: await handler(makeCtx(cloud, OPENID), parsed.data) };
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: (e as AppError).toBody() };
      // Unexpected: keep the detail in the function log, give the user a calm message.
      console.error('[unhandled]', e);
      return { ok: false, error: new AppError('INTERNAL').toBody() };
    }
  };
}
