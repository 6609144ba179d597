/**
 * Attack 1: a hand-made cookie naming an openid made the caller that person (the
 * committee chair). Now the session cookie is HMAC-signed; anything else is signed out.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import type { Runtime } from '../../scripts/lib/runtime';
import { createSessions, SESSION_COOKIE, SESSION_MAX_AGE_S } from '../../scripts/lib/runtime-session';
import { ask, callAs, CHAIR, post, signIn, snapshot, start } from './support';

let rt: Runtime;
beforeAll(async () => {
  rt = await start();
});
afterAll(() => rt.close());

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const expectSignedOut = (r: { status: number; json(): any }) => {
  expect(r.status).toBe(200);
  expect(r.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
};

describe('forged session cookies are signed out', () => {
  const now = Math.floor(Date.now() / 1000);
  const forged: [string, string][] = [
    ['the old raw-openid cookie', `jl_openid=${CHAIR}`],
    ['a raw openid in the session cookie', `${SESSION_COOKIE}=${CHAIR}`],
    ['no signature', `${SESSION_COOKIE}=v1.${b64(CHAIR)}.${now}`],
    ['an empty signature', `${SESSION_COOKIE}=v1.${b64(CHAIR)}.${now}.`],
    ['a made-up signature', `${SESSION_COOKIE}=v1.${b64(CHAIR)}.${now}.${Buffer.alloc(32, 7).toString('base64url')}`],
    ['a short signature', `${SESSION_COOKIE}=v1.${b64(CHAIR)}.${now}.AAAA`],
    ['signed with another key', `${SESSION_COOKIE}=${createSessions(Buffer.alloc(32, 1)).issue(CHAIR)}`],
    [
      'signed with the empty key',
      `${SESSION_COOKIE}=v1.${b64(CHAIR)}.${now}.${createHmac('sha256', '')
        .update(`v1.${b64(CHAIR)}.${now}`)
        .digest('base64url')}`,
    ],
  ];
  test.each(forged)('%s', async (_label, cookie) => {
    const before = await snapshot(rt);
    expectSignedOut(await callAs(rt, cookie, 'accounts', 'roles.list', { compoundId: 'txsj' }));
    expectSignedOut(await callAs(rt, cookie, 'accounts', 'me.update', { name: '攻击者' }));
    expect((await ask(rt, '/api/_demo/whoami', { headers: { cookie } })).json()).toEqual({ signedIn: false, name: null });
    expect(await snapshot(rt)).toBe(before);
  });

  test('a valid cookie with the openid swapped for another person', async () => {
    const real = (await signIn(rt, { openid: 'demo-txsj-resident-3' })).split('=')[1];
    const [v, , iat, mac] = real.split('.');
    const cookie = `${SESSION_COOKIE}=${[v, b64(CHAIR), iat, mac].join('.')}`;
    const before = await snapshot(rt);
    expectSignedOut(await callAs(rt, cookie, 'accounts', 'roles.list', { compoundId: 'txsj' }));
    expect(await snapshot(rt)).toBe(before);
  });

  test('an expired session', () => {
    const s = createSessions(Buffer.alloc(32, 3));
    const old = s.issue(CHAIR, Date.now() - (SESSION_MAX_AGE_S + 60) * 1000);
    expect(s.verify(old)).toBe('');
    expect(s.verify(s.issue(CHAIR))).toBe(CHAIR);
  });
});

describe('signing in', () => {
  test('sets a signed HttpOnly SameSite=Strict cookie; the reply carries no openid', async () => {
    const r = await post(rt, '/api/_demo/signin', { openid: CHAIR });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ signedIn: true, name: '林国栋' });
    const set = ([] as string[]).concat(r.headers['set-cookie'] ?? [])[0];
    expect(set).toMatch(new RegExp(`^${SESSION_COOKIE}=v1\\.[\\w-]+\\.\\d+\\.[\\w-]{43}; `));
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
    const cookie = set.split(';')[0];
    const roles = await callAs(rt, cookie, 'accounts', 'roles.list', { compoundId: 'txsj' });
    expect(roles.json().ok).toBe(true);
    expect((await ask(rt, '/api/_demo/whoami', { headers: { cookie } })).json()).toEqual({ signedIn: true, name: '林国栋' });
  });

  test('a new WeChat user gets a session but never sees its openid', async () => {
    const r = await post(rt, '/api/_demo/signin', { newUser: true });
    expect(r.json()).toEqual({ signedIn: true, name: null });
    expect(r.text).not.toContain('demo-new');
  });

  test('only existing demo people: a made-up or non-demo openid is refused', async () => {
    for (const openid of ['demo-nobody-here', 'o-real-wechat-user', '', 42]) {
      const r = await post(rt, '/api/_demo/signin', { openid });
      expect(r.status).toBe(400);
      expect(r.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(r.headers['set-cookie']).toBeUndefined();
    }
  });

  test('signing out clears the cookie', async () => {
    const r = await post(rt, '/api/_demo/signout', {});
    expect(([] as string[]).concat(r.headers['set-cookie'] ?? [])[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
  });
});

describe('the key', () => {
  test('is made once in <dataDir>/session.key with mode 0600 and survives a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jinlin-rt-key-'));
    try {
      const a = await start({ dataDir: dir, seed: false });
      const cookie = a.cookieFor(CHAIR);
      const file = join(dir, 'session.key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const key = readFileSync(file, 'utf8');
      expect(key.trim()).toMatch(/^[0-9a-f]{64}$/);
      await a.close();
      const b = await start({ dataDir: dir, seed: false });
      try {
        expect(readFileSync(file, 'utf8')).toBe(key);
        expect((await ask(b, '/api/_demo/whoami', { headers: { cookie } })).json().signedIn).toBe(true);
      } finally {
        await b.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("':memory:' runtimes each have their own key", async () => {
    const other = await start({ seed: false });
    try {
      const cookie = other.cookieFor(CHAIR);
      const before = await snapshot(rt);
      expectSignedOut(await callAs(rt, cookie, 'accounts', 'roles.list', { compoundId: 'txsj' }));
      expect(await snapshot(rt)).toBe(before);
    } finally {
      await other.close();
    }
  });
});
