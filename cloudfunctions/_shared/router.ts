/**
 * The one shape every cloud function has: parse the envelope, take identity from
 * getWXContext() (never from the payload), validate the payload with the contract's
 * zod schema, run the use case, answer a typed Reply. Nothing here knows an area.
 */
import type * as Cloud from 'wx-server-sdk';
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.cjs';
import type { ApiSpec, OutputOf, ParsedInputOf } from '../../core/platform/api';
import { AppError, isAppError, type Reply } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { loadActor } from './actor';

z.config(zhCN());

export type CloudModule = typeof Cloud;
export type { Database } from './database';
import type { Database } from './database';

export interface Ctx {
  cloud: CloudModule;
  db: Database;
  openid: string;
  now: Date;
  /** Loaded on first use: roles and homes of the caller. */
  actor(): Promise<Actor>;
}

export type Handlers<A extends ApiSpec> = {
  [K in keyof A['actions']]: (ctx: Ctx, input: ParsedInputOf<A['actions'][K]>) => Promise<OutputOf<A['actions'][K]>>;
};

/**
 * Options for actions with no caller: timers and payment callbacks have an empty
 * OPENID in production. Such events are routed by `system` handlers instead.
 */
export interface MainOptions {
  system?: (event: Record<string, unknown>, cloud: CloudModule) => Promise<unknown> | undefined;
}

function zodDetails(err: z.ZodError) {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function createMain<A extends ApiSpec>(cloud: CloudModule, api: A, handlers: Handlers<A>, options: MainOptions = {}) {
  return async function main(event: unknown): Promise<Reply<unknown>> {
    try {
      const { OPENID } = cloud.getWXContext();
      if (!OPENID && options.system && event && typeof event === 'object') {
        const handled = options.system(event as Record<string, unknown>, cloud);
        if (handled) return { ok: true, data: await handled };
      }
      // WeChat adds `userInfo` to events from callFunction; it is ignored like any other
      // stray field outside the payload.
      const envelope = z.object({ action: z.string().max(64), payload: z.unknown().optional(), groupInfo: z.unknown().optional() }).safeParse(event);
      if (!envelope.success) throw new AppError('BAD_REQUEST', '请求格式有误', zodDetails(envelope.error));
      const name = envelope.data.action;
      const spec = Object.prototype.hasOwnProperty.call(api.actions, name) ? api.actions[name] : undefined;
      const handler = spec ? (handlers as Record<string, (c: Ctx, i: unknown) => Promise<unknown>>)[name] : undefined;
      if (!spec || !handler) throw new AppError('UNKNOWN_ACTION', `不支持的操作：${name.slice(0, 64)}`);
      if (!OPENID) throw new AppError('UNAUTHENTICATED');
      // The platform decodes a CloudID only at the top level of the event (the client
      // sends group info there); it is validated with the payload like any other field.
      let payload = envelope.data.payload ?? {};
      if (envelope.data.groupInfo !== undefined && payload && typeof payload === 'object' && !Array.isArray(payload)) {
        payload = { ...(payload as object), groupInfo: envelope.data.groupInfo };
      }
      const parsed = spec.input.safeParse(payload);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new AppError('BAD_REQUEST', first ? `${first.path.join('.') ? first.path.join('.') + '：' : ''}${first.message}` : undefined, zodDetails(parsed.error));
      }
      const db = cloud.database() as unknown as Database;
      let actor: Promise<Actor> | undefined;
      const ctx: Ctx = {
        cloud,
        db,
        openid: OPENID,
        now: new Date(),
        actor: () => (actor ??= loadActor(db, OPENID)),
      };
      return { ok: true, data: await handler(ctx, parsed.data) };
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: (e as AppError).toBody() };
      // Unexpected: keep the detail in the function log, give the user a calm message.
      console.error('[unhandled]', e);
      return { ok: false, error: new AppError('INTERNAL').toBody() };
    }
  };
}
