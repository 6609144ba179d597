/**
 * Attacks 2, 3, 4 and 6: DNS rebinding (foreign Host), CSRF (text/plain bodies, a
 * foreign Origin), oversized or deeply nested bodies, and function names that are
 * inherited properties of a plain object (`constructor`, `__proto__`, …).
 */
import type { Runtime } from '../../scripts/lib/runtime';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../scripts/lib/runtime-http';
import { ask, CHAIR, post, snapshot, start } from './support';

let rt: Runtime;
let chair: string;
let port: string;
beforeAll(async () => {
  rt = await start();
  chair = rt.cookieFor(CHAIR);
  port = new URL(rt.url).port;
});
afterAll(() => rt.close());

/** A write the chair may make: it changes the database when it is let through. */
const WRITE = { action: 'me.update', payload: { name: '被篡改的名字' } };

async function expectNothingWritten<T>(fn: () => Promise<T>): Promise<T> {
  const before = await snapshot(rt);
  const out = await fn();
  expect(await snapshot(rt)).toBe(before);
  return out;
}

describe('DNS rebinding: only loopback Host headers are answered', () => {
  const bad = [
    'evil.example',
    `evil.example:${'PORT'}`,
    'attacker.127.0.0.1.nip.io:PORT',
    '127.0.0.1',
    'localhost',
    '127.0.0.1:1',
    '0.0.0.0:PORT',
    '127.0.0.2:PORT',
    '[::ffff:127.0.0.1]:PORT',
    '',
    'localhost.:PORT',
  ];
  test.each(bad)('Host %p', async (h) => {
    const host = h.replace('PORT', port);
    await expectNothingWritten(async () => {
      for (const [path, opts] of [
        ['/', {}],
        ['/api/_demo/people', {}],
        ['/api/_demo/whoami', { headers: { cookie: chair } }],
        ['/api/accounts', { method: 'POST', headers: { cookie: chair, 'content-type': 'application/json' }, body: JSON.stringify(WRITE) }],
      ] as const) {
        const r = await ask(rt, path, { ...(opts as object), headers: { ...((opts as { headers?: object }).headers ?? {}), host } });
        expect(r.status).toBe(421);
        expect(r.text).toBe('Misdirected Request');
      }
    });
  });
  test('no Host header at all', async () => {
    const r = await ask(rt, '/api/_demo/people', { headers: { host: null } });
    expect([400, 421]).toContain(r.status);
    expect(r.text).not.toContain('demo-');
  });
  test.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT', '[::1]:PORT'])('Host %p is ours', async (h) => {
    const r = await ask(rt, '/api/_demo/people', { headers: { host: h.replace('PORT', port) } });
    expect(r.status).toBe(200);
  });
});

describe('CSRF: API POSTs must be same-origin JSON', () => {
  test.each([
    ['text/plain', 'text/plain'],
    ['text/plain with charset', 'text/plain;charset=UTF-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['json-ish', 'application/json-patch+json'],
    ['json with another charset', 'application/json; charset=latin1'],
  ])('%s body is refused (415) and writes nothing', async (_l, type) => {
    for (const path of ['/api/accounts', '/api/_demo/signin']) {
      const r = await expectNothingWritten(() =>
        post(rt, path, path.endsWith('signin') ? { openid: CHAIR } : WRITE, chair, { 'content-type': type }),
      );
      expect(r.status).toBe(415);
      expect(r.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('JSON') } });
      expect(r.headers['set-cookie']).toBeUndefined();
    }
  });
  test('no content-type is refused', async () => {
    const r = await expectNothingWritten(() => post(rt, '/api/accounts', WRITE, chair, { 'content-type': null }));
    expect(r.status).toBe(415);
  });
  test.each([
    ['another site', 'https://evil.example'],
    ['another port on loopback', 'http://127.0.0.1:1'],
    ['the null origin (sandboxed frame)', 'null'],
    ['a rebinding name', 'http://evil.example:PORT'],
  ])('Origin of %s is refused (403)', async (_l, origin) => {
    for (const path of ['/api/accounts', '/api/_demo/signin']) {
      const r = await expectNothingWritten(() =>
        post(rt, path, path.endsWith('signin') ? { openid: CHAIR } : WRITE, chair, { origin: origin.replace('PORT', port) }),
      );
      expect(r.status).toBe(403);
      expect(r.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(r.headers['set-cookie']).toBeUndefined();
    }
  });
  test('a request the browser marks cross-site is refused', async () => {
    const r = await expectNothingWritten(() => post(rt, '/api/accounts', WRITE, chair, { origin: null, 'sec-fetch-site': 'cross-site' }));
    expect(r.status).toBe(403);
  });
  test('our own page (same Origin, JSON) gets through: the control', async () => {
    const r = await post(rt, '/api/accounts', { action: 'me.get', payload: {} }, chair, { 'sec-fetch-site': 'same-origin' });
    expect(r.status).toBe(200);
    expect(r.json().ok).toBe(true);
  });
});

describe('bodies: size and nesting are bounded, with a typed error', () => {
  const nested = (depth: number) => '{"action":"me.update","payload":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + '}';
  const arrays = (depth: number) => '{"action":"me.update","payload":{"name":' + '['.repeat(depth) + ']'.repeat(depth) + '}}';
  test.each([
    ['100,000 levels of objects', nested(100_000)],
    ['100,000 levels of arrays', arrays(100_000)],
    [`${MAX_JSON_DEPTH + 1} levels`, nested(MAX_JSON_DEPTH)],
  ])('%s: 400 BAD_REQUEST', async (_l, body) => {
    for (const cookie of [chair, undefined]) {
      const r = await expectNothingWritten(() => post(rt, '/api/accounts', body, cookie));
      expect(r.status).toBe(400);
      expect(r.json()).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/嵌套/) } });
    }
  });
  test('brackets inside strings do not count', async () => {
    const r = await post(rt, '/api/accounts', { action: 'me.get', payload: {}, note: '[[[[{{{{'.repeat(100) }, chair);
    expect(r.status).toBe(200);
  });
  test('an oversized body: 413 BAD_REQUEST', async () => {
    const big = JSON.stringify({ action: 'me.update', payload: { name: 'x'.repeat(MAX_BODY_BYTES) } });
    const r = await expectNothingWritten(() => post(rt, '/api/accounts', big, chair));
    expect(r.status).toBe(413);
    expect(r.json()).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: '请求内容太大' } });
  });
  test.each([
    ['not JSON', '{"action":'],
    ['an array', '[1,2]'],
    ['a string', '"me.get"'],
    ['null', 'null'],
    ['no action', '{"payload":{}}'],
  ])('%s: 400 BAD_REQUEST', async (_l, body) => {
    const r = await expectNothingWritten(() => post(rt, '/api/accounts', body, chair));
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } });
  });
  test('a malformed percent-escape in the path: 400, not 500', async () => {
    const r = await ask(rt, '/api/%E0%A4%A');
    expect(r.status).toBe(400);
  });
});

describe('function lookup by own name only', () => {
  const names = [
    'constructor',
    '__proto__',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
    'propertyIsEnumerable',
    'toLocaleString',
    '__defineGetter__',
    '__lookupGetter__',
    'prototype',
    'nope',
  ];
  test.each(names)('/api/%s: 404 UNKNOWN_ACTION, nothing echoed', async (name) => {
    for (const cookie of [chair, undefined]) {
      const r = await expectNothingWritten(() => post(rt, `/api/${name}`, { action: 'me.get', payload: { marker: 'echo-me' } }, cookie));
      expect(r.status).toBe(404);
      expect(r.json()).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: '云函数不存在' } });
      expect(r.text).not.toContain('echo-me');
    }
  });
  test('GET on a function: 405', async () => {
    const r = await ask(rt, '/api/accounts', { headers: { cookie: chair } });
    expect(r.status).toBe(405);
  });
});
