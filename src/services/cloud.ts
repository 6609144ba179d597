/**
 * The one seam between the client and the backend: nothing else touches
 * Taro.cloud.callFunction or fetch('/api/…'). Pages call one typed function,
 *
 *   api('notices').call('notices.list', { box: 'inbox' })
 *
 * whose action names, payloads and results are the contracts' own types
 * (core/<feature>/contract.ts). The contracts are imported as TYPES ONLY: their
 * zod schemas stay on the server side and never weigh on the mini-program's
 * main package (tests/unit/client-bundle.test.ts keeps it so).
 *
 * weapp: Taro.cloud.callFunction. h5: POST /api/<function> on the same origin,
 * because Taro's cloud API is not implemented on h5.
 *
 * Failures that never reached an answer are told apart: TIMEOUT (the call went
 * out, it may have happened: retry with the same clientRequestId) and NETWORK
 * (it did not get through).
 */
import Taro from '@tarojs/taro';
import type { ActionSpec, InputOf, OutputOf } from '@core/platform/api';
import type { AccountsApi } from '@core/accounts/contract';
import type { NoticesApi } from '@core/notices/contract';
import type { VotesApi } from '@core/votes/contract';
import type { RepairsApi } from '@core/repairs/contract';
import type { ActivitiesApi } from '@core/activities/contract';
import type { FeesApi } from '@core/fees/contract';
import type { OnboardingApi } from '@core/onboarding/contract';
import type { HomeApi } from '@core/home';
import type { VehiclesApi } from '@core/vehicles/contract';
import type { ConcernsApi } from '@core/concerns/contract';
import type { PartyApi } from '@core/party/contract';
import type { CommunityApi } from '@core/community/contract';
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

/** Every backend function the client calls, by name, with its contract (types only). */
export interface Apis {
  accounts: AccountsApi;
  notices: NoticesApi;
  votes: VotesApi;
  repairs: RepairsApi;
  activities: ActivitiesApi;
  fees: FeesApi;
  onboarding: OnboardingApi;
  home: HomeApi;
  vehicles: VehiclesApi;
  concerns: ConcernsApi;
  community: CommunityApi;
  party: PartyApi;
}
export type ApiName = keyof Apis;
export type ActionOf<N extends ApiName> = keyof Apis[N]['actions'] & string;
type SpecOf<N extends ApiName, K extends ActionOf<N>> = Apis[N]['actions'][K] extends infer S extends ActionSpec ? S : never;
export type PayloadOf<N extends ApiName, K extends ActionOf<N>> = InputOf<SpecOf<N, K>>;
export type ResultOf<N extends ApiName, K extends ActionOf<N>> = OutputOf<SpecOf<N, K>>;

export interface ApiClient<N extends ApiName> {
  readonly name: N;
  /** Call one action; resolves with its data or throws a ServiceError. */
  call<K extends ActionOf<N>>(action: K, payload: PayloadOf<N, K>): Promise<ResultOf<N, K>>;
}

/** h5: how long to wait for an answer before calling it a TIMEOUT (functions time out at 10–20 s). */
export const HTTP_TIMEOUT_MS = 15_000;

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

/**
 * weapp: a callFunction failure as TIMEOUT or NETWORK. CloudBase reports a function
 * that ran out of time as errCode -504003 ("…timeout…" / "…超时…" in errMsg); a
 * request that timed out on the way is "request:fail timeout".
 */
export function cloudFailureCode(e: unknown): 'TIMEOUT' | 'NETWORK' {
  const o = (typeof e === 'object' && e !== null ? e : {}) as { errMsg?: unknown; errCode?: unknown; message?: unknown };
  const text = `${String(o.errMsg ?? '')} ${String(o.message ?? '')} ${String(o.errCode ?? '')} ${typeof e === 'string' ? e : ''}`;
  return /-504003|time ?out|timed out|超时/i.test(text) ? 'TIMEOUT' : 'NETWORK';
}

/** h5: our local runtime (or any HTTP gateway) at /api/<function>, same origin. */
async function httpTransport(name: string, action: string, payload: unknown): Promise<unknown> {
  const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl?.abort();
  }, HTTP_TIMEOUT_MS);
  try {
    let res: Response;
    try {
      res = await fetch('/api/' + name, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action, payload }),
        credentials: 'same-origin',
        ...(ctrl ? { signal: ctrl.signal } : {}),
      });
    } catch {
      throw new ServiceError(timedOut ? 'TIMEOUT' : 'NETWORK');
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (timedOut) throw new ServiceError('TIMEOUT');
    if (isReply(body)) return body;
    // A gateway that gave up waiting for the function: it may have run.
    if (res.status === 504) throw new ServiceError('TIMEOUT');
    throw new ServiceError(res.status >= 500 ? 'INTERNAL' : 'NETWORK');
  } finally {
    clearTimeout(timer);
  }
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
  } catch (e) {
    throw new ServiceError(cloudFailureCode(e));
  }
}

async function send(name: string, action: string, payload: unknown): Promise<unknown> {
  // TARO_ENV is a build-time constant: each build keeps one transport only.
  const reply = process.env.TARO_ENV === 'h5' ? await httpTransport(name, action, payload) : await cloudTransport(name, action, payload);
  if (!isReply(reply)) throw new ServiceError('INTERNAL');
  if (reply.ok) return reply.data;
  const { code, message, details } = reply.error;
  if (code === 'UNAUTHENTICATED' && onUnauthenticated) onUnauthenticated();
  throw new ServiceError(code, message, details);
}

/** The typed client of one backend function: `api('accounts').call('me.get', {})`. */
export function api<N extends ApiName>(name: N): ApiClient<N> {
  return {
    name,
    call: (action, payload) => send(name, action, payload) as Promise<never>,
  };
}
