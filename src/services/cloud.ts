/**
 * The one seam between the client and the backend. Pages call typed wrappers in
 * services/; nothing else may touch Taro.cloud or fetch.
 *
 * weapp: Taro.cloud.callFunction. h5: POST /api/<function> on the same origin,
 * because Taro's cloud API is not implemented on h5 (a production build resolves
 * with an error message instead of failing loudly).
 *
 * Only types are imported from the contract: the zod schemas stay on the server
 * side so they do not weigh on the mini-program's main package.
 */
import Taro from '@tarojs/taro';
import type { ApiSpec, InputOf, OutputOf } from '@core/platform/api';
import { ERROR_MESSAGES, type ErrorBody, type Reply } from '@core/platform/errors';

export type ServiceErrorCode = ErrorBody['code'];

export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly details?: unknown;
  constructor(code: ServiceErrorCode, message?: string, details?: unknown) {
    super(message || ERROR_MESSAGES[code] || ERROR_MESSAGES.INTERNAL);
    this.name = 'ServiceError';
    this.code = code;
    this.details = details;
  }
}

/** `instanceof` is unreliable for Error subclasses once transpiled to ES5. */
export function isServiceError(e: unknown): e is ServiceError {
  return typeof e === 'object' && e !== null && (e as { name?: string }).name === 'ServiceError';
}

/** Any thrown value as a ServiceError, so pages show one kind of error. */
export function toServiceError(e: unknown): ServiceError {
  if (isServiceError(e)) return e;
  return new ServiceError('INTERNAL');
}

/** A reference to an API by name, carrying its contract as a type only. */
export interface ApiRef<A extends ApiSpec> {
  readonly name: A['name'];
  /** Phantom: never set. */
  readonly __contract?: A;
}

export function apiRef<A extends ApiSpec>(name: A['name']): ApiRef<A> {
  return { name };
}

type ActionName<A extends ApiSpec> = keyof A['actions'] & string;
type In<A extends ApiSpec, K extends ActionName<A>> = InputOf<A['actions'][K]>;
type Out<A extends ApiSpec, K extends ActionName<A>> = OutputOf<A['actions'][K]>;

let onUnauthenticated: (() => void) | null = null;
/**
 * The app registers where to send a signed-out user (h5: the demo sign-in page).
 * Kept as a hook so this module stays free of navigation and UI.
 */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

let cloudReady = false;
function ensureCloud(): void {
  if (cloudReady) return;
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
  cloudReady = true;
}

function isReply(value: unknown): value is Reply<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** h5: our local runtime (or any HTTP gateway) at /api/<function>, same origin. */
async function httpTransport(name: string, action: string, payload: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch('/api/' + name, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action, payload }),
      credentials: 'same-origin',
    });
  } catch {
    throw new ServiceError('NETWORK');
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (isReply(body)) return body;
  throw new ServiceError(res.status >= 500 ? 'INTERNAL' : 'NETWORK');
}

/** weapp: CloudBase; identity comes from the WeChat context, never from the payload. */
async function cloudTransport(name: string, action: string, payload: unknown): Promise<unknown> {
  ensureCloud();
  try {
    // WeChat replaces a CloudID (group info) only when it is a top-level field of
    // `data`, so it travels beside the payload; the functions' router puts it back.
    const { groupInfo, ...rest } = (payload ?? {}) as { groupInfo?: unknown };
    const data = groupInfo === undefined ? { action, payload } : { action, payload: rest, groupInfo };
    const res = await Taro.cloud.callFunction({ name, data });
    return (res as { result?: unknown }).result;
  } catch {
    throw new ServiceError('NETWORK');
  }
}

// Chosen at build time (TARO_ENV is a constant), so each build carries one transport only.
const transport = process.env.TARO_ENV === 'h5' ? httpTransport : cloudTransport;

/** Call one action of one API; resolves with its data or throws a ServiceError. */
export async function call<A extends ApiSpec, K extends ActionName<A>>(
  api: ApiRef<A> | A,
  action: K,
  payload: In<A, K>,
): Promise<Out<A, K>> {
  const reply = await transport(api.name, action, payload);
  if (!isReply(reply)) throw new ServiceError('INTERNAL');
  if (reply.ok) return reply.data as Out<A, K>;
  const { code, message, details } = reply.error;
  if (code === 'UNAUTHENTICATED' && onUnauthenticated) onUnauthenticated();
  throw new ServiceError(code, message, details);
}
