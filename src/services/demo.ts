/**
 * Local demo identities (h5 only). The local runtime lets a tester act as any
 * seeded person; the WeChat build never contains this module's callers.
 */
import { ServiceError } from './cloud';

export interface DemoPerson {
  openid: string;
  name: string;
  /** Chinese role labels, e.g. "住户", "党员楼栋长". */
  roles: string[];
  /** e.g. "天翔世家 3栋1单元301" */
  homes: string[];
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => undefined)) as
    (T & { ok?: undefined }) | { ok: false; error: { code: ServiceError['code']; message: string } } | undefined;
  if (body && (body as { ok?: unknown }).ok === false) {
    const { code, message } = (body as { error: { code: ServiceError['code']; message: string } }).error;
    throw new ServiceError(code, message);
  }
  if (!res.ok || body === undefined) throw new ServiceError('NETWORK');
  return body as T;
}

export async function listDemoPeople(): Promise<DemoPerson[]> {
  let res: Response;
  try {
    res = await fetch('/api/_demo/people', { credentials: 'same-origin' });
  } catch {
    throw new ServiceError('NETWORK');
  }
  return (await json<{ people: DemoPerson[] }>(res)).people;
}

/**
 * Signs in as a demo person (or a new WeChat user). The runtime answers with a signed,
 * HttpOnly session cookie; the page never sees it, nor the new user's openid.
 */
export async function demoSignIn(who: { openid: string } | { newUser: true }): Promise<{ signedIn: true; name: string | null }> {
  let res: Response;
  try {
    res = await fetch('/api/_demo/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(who),
      credentials: 'same-origin',
    });
  } catch {
    throw new ServiceError('NETWORK');
  }
  return json<{ signedIn: true; name: string | null }>(res);
}
