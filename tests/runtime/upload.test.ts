/**
 * POST /_upload: the local stand-in for wx.cloud.uploadFile. A file lands only in the
 * signed-in person's own folder, which is the only place a function accepts it from.
 */
import type { Runtime } from '../../scripts/lib/runtime';
import { ask, LEAD3, start } from './support';

let rt: Runtime;
beforeAll(async () => {
  rt = await start();
});
afterAll(() => rt.close());

const up = (path: string, cookie?: string, body: Buffer = Buffer.from('img')) =>
  ask(rt, path, { method: 'POST', body, headers: { 'content-type': 'image/jpeg', ...(cookie ? { cookie } : {}) } });

test('a signed-in person uploads into u/<openid>/<purpose>/ and gets a fileID', async () => {
  const r = await up('/_upload?purpose=notices&ext=jpg', rt.cookieFor(LEAD3));
  expect(r.status).toBe(200);
  const { fileID } = JSON.parse(r.text);
  expect(fileID).toMatch(new RegExp(`^cloud://[^/]+/u/${LEAD3}/notices/[\\w-]+\\.jpg$`));
  expect(rt.emulator.fileOwner(fileID)).toBe(LEAD3);
});

test('signed out, an unknown purpose or type, an empty body, or another site: refused, nothing stored', async () => {
  expect((await up('/_upload?purpose=notices&ext=jpg')).status).toBe(401);
  expect((await up('/_upload?purpose=../x&ext=jpg', rt.cookieFor(LEAD3))).status).toBe(400);
  expect((await up('/_upload?purpose=notices&ext=html', rt.cookieFor(LEAD3))).status).toBe(400);
  expect((await up('/_upload?purpose=notices&ext=jpg', rt.cookieFor(LEAD3), Buffer.alloc(0))).status).toBe(400);
  const cross = await ask(rt, '/_upload?purpose=notices&ext=jpg', {
    method: 'POST',
    body: Buffer.from('x'),
    headers: { cookie: rt.cookieFor(LEAD3), origin: 'http://evil.example' },
  });
  expect(cross.status).toBe(403);
});
