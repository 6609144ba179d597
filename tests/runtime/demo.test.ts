/**
 * Attack 5: /api/_demo/* answered without sign-in, and the outbox showed every notice
 * text with openids. Now: only in demo mode; the people list is public (the sign-in
 * page needs it); outbox needs sign-in and shows only the caller's own messages.
 */
import type { Runtime } from '../../scripts/lib/runtime';
import { NOTICE_TEMPLATE_ID } from '../../core/notices/contract';
import { demoOpenid } from '../../scripts/lib/seed-data';
import { ask, callAs, CHAIR, post, RESIDENT3, signIn, snapshot, start } from './support';

const RESIDENT3B = demoOpenid('txsj-resident-3b');
const MANAGER = demoOpenid('txsj-manager');

describe('demo mode off', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await start({ demo: false });
  });
  afterAll(() => rt.close());

  test.each([
    ['GET', '/api/_demo/people'],
    ['GET', '/api/_demo/whoami'],
    ['GET', '/api/_demo/outbox'],
    ['POST', '/api/_demo/signin'],
    ['POST', '/api/_demo/signout'],
  ])('%s %s: 404, nothing revealed, no cookie', async (method, path) => {
    const before = await snapshot(rt);
    const r =
      method === 'POST'
        ? await post(rt, path, { openid: CHAIR }, rt.cookieFor(CHAIR))
        : await ask(rt, path, { headers: { cookie: rt.cookieFor(CHAIR) } });
    expect(r.status).toBe(404);
    expect(r.json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
    expect(r.text).not.toMatch(/demo-|林国栋/);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(await snapshot(rt)).toBe(before);
  });
});

describe('demo mode on', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await start();
  });
  afterAll(() => rt.close());

  test('the people list is public (the sign-in page needs it)', async () => {
    const r = await ask(rt, '/api/_demo/people');
    expect(r.status).toBe(200);
    const people = r.json().people as { openid: string; name: string; roles: string[] }[];
    expect(people.find((p) => p.openid === CHAIR)).toMatchObject({ name: '林国栋' });
    expect(people.some((p) => p.openid.startsWith('demo-gen-'))).toBe(false);
  });

  test('whoami reveals only whether you are signed in, and your name', async () => {
    expect((await ask(rt, '/api/_demo/whoami')).json()).toEqual({ signedIn: false, name: null });
    const r = await ask(rt, '/api/_demo/whoami', { headers: { cookie: rt.cookieFor(CHAIR) } });
    expect(r.json()).toEqual({ signedIn: true, name: '林国栋' });
    expect(r.text).not.toContain('demo-');
  });

  describe('outbox', () => {
    let title: string;
    beforeAll(async () => {
      // Two building-3 residents allow one message each; the manager posts an emergency notice there.
      for (const who of [RESIDENT3, RESIDENT3B]) {
        const r = await callAs(rt, await signIn(rt, { openid: who }), 'notices', 'notices.subscribe', {
          templateId: NOTICE_TEMPLATE_ID,
          accepted: true,
        });
        expect(r.json()).toMatchObject({ ok: true });
      }
      title = `紧急停水${Date.now() % 1000}`;
      const posted = await callAs(rt, await signIn(rt, { openid: MANAGER }), 'notices', 'notices.post', {
        clientRequestId: `rt-outbox-${Date.now()}`,
        audience: { kind: 'buildings', buildingIds: ['txsj-b3'] },
        title,
        body: '今天下午三点到五点紧急停水，请提前储水。',
        category: '紧急',
      });
      expect(posted.json()).toEqual(expect.objectContaining({ ok: true }));
      expect(rt.emulator.outbox.list().filter((e) => e.payload?.touser === RESIDENT3)).toHaveLength(1);
    });

    test('signed out: 401 UNAUTHENTICATED, no messages', async () => {
      const r = await ask(rt, '/api/_demo/outbox');
      expect(r.status).toBe(401);
      expect(r.json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
      expect(r.text).not.toContain(title);
    });

    test('a forged cookie: 401', async () => {
      const r = await ask(rt, '/api/_demo/outbox', { headers: { cookie: `jl_openid=${RESIDENT3}` } });
      expect(r.status).toBe(401);
    });

    test('signed in: only the messages addressed to me, and no openids', async () => {
      const mine = rt.emulator.outbox.list().filter((e) => e.payload?.touser === RESIDENT3);
      const r = await ask(rt, '/api/_demo/outbox', { headers: { cookie: rt.cookieFor(RESIDENT3) } });
      expect(r.status).toBe(200);
      const outbox = r.json().outbox as unknown[];
      expect(mine).toHaveLength(1);
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ templateId: NOTICE_TEMPLATE_ID, page: expect.stringContaining('packages/notices/pages/detail') });
      expect(r.text).not.toMatch(/demo-|touser|openid/i);
      // Someone outside building 3 gets none of them.
      const other = await ask(rt, '/api/_demo/outbox', { headers: { cookie: rt.cookieFor(CHAIR) } });
      expect(other.json().outbox).toEqual([]);
      expect(other.text).not.toMatch(/demo-|touser|openid/i);
    });
  });
});
