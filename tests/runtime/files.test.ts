/**
 * Attack 8: /_files/* served any stored file to anyone, forever (a building lead
 * downloaded the committee's roster export). Now a file is served only through a
 * signed temp URL that has not expired (emu.readSignedFile); every failure is the same
 * 404. The URL is a bearer link, as CloudBase's getTempFileURL: it opens for whoever
 * holds it, so what protects the roster is that nobody unentitled ever RECEIVES one.
 */
import type { Runtime } from '../../scripts/lib/runtime';
import { ask, callAs, CHAIR, LEAD3, RESIDENT3, snapshot, start } from './support';

let rt: Runtime;
let url: string;
let fileID: string;
let notFound: { status: number; text: string };
beforeAll(async () => {
  rt = await start();
  const r = (await callAs(rt, rt.cookieFor(CHAIR), 'accounts', 'roster.export', { compoundId: 'txsj' })).json();
  expect(r).toMatchObject({ ok: true });
  url = r.data.url;
  fileID = r.data.fileID;
  expect(url).toMatch(/^\/_files\//);
  const miss = await ask(rt, '/_files/no/such/file.xlsx', { headers: { cookie: rt.cookieFor(CHAIR) } });
  notFound = { status: miss.status, text: miss.text };
  expect(notFound.status).toBe(404);
});
afterAll(() => rt.close());

const get = (path: string, who?: string) => ask(rt, path, { headers: who ? { cookie: rt.cookieFor(who) } : {} });
const expectSame404 = (r: { status: number; text: string; headers: Record<string, unknown> }) => {
  expect(r.status).toBe(404);
  expect(r.text).toBe(notFound.text);
  expect(r.headers['content-disposition']).toBeUndefined();
};

test('the person who asked for the URL downloads it, as an attachment', async () => {
  const r = await get(url, CHAIR);
  expect(r.status).toBe(200);
  expect(r.headers['content-disposition']).toBe('attachment');
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(r.headers['cache-control']).toContain('no-store');
});

test('a bearer link, as in CloudBase: it opens for whoever holds it, signed in or not, until it expires', async () => {
  for (const who of [LEAD3, undefined]) {
    const r = await get(url, who);
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toBe('attachment');
  }
  expect(Number(new URLSearchParams(url.split('?')[1]).get('exp')) * 1000 - Date.now()).toBeLessThanOrEqual(600_000);
});

describe('the unentitled never receive a link', () => {
  const path = () => fileID.replace(/^cloud:\/\/[^/]+\//, '');
  const noLink = (r: { text: string }) => {
    expect(r.text).not.toContain('/_files/');
    expect(r.text).not.toContain(path());
  };
  test('a building lead or a resident asking for the roster export', async () => {
    for (const who of [LEAD3, RESIDENT3]) {
      const r = await callAs(rt, rt.cookieFor(who), 'accounts', 'roster.export', { compoundId: 'txsj' });
      expect(r.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      noLink(r);
    }
  });
  test('signed out', async () => {
    const r = await callAs(rt, undefined, 'accounts', 'roster.export', { compoundId: 'txsj' });
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    noLink(r);
  });
});

describe('anything but a live, untampered link gets the same 404', () => {
  test('the bare path, without the signed query', async () => expectSame404(await get(url.split('?')[0], CHAIR)));
  test('the cloud path made from the fileID', async () => {
    const path = fileID
      .replace(/^cloud:\/\/[^/]+\//, '')
      .split('/')
      .map(encodeURIComponent)
      .join('/');
    expectSame404(await get('/_files/' + path, CHAIR));
    expectSame404(await get(`/_files/${path}?exp=${Math.floor(Date.now() / 1000) + 3600}&sign=${'0'.repeat(64)}`, CHAIR));
    expectSame404(await get('/_files/' + encodeURIComponent(fileID), CHAIR));
  });
  test('a tampered signature or a later expiry', async () => {
    const [path, query = ''] = url.split('?');
    const params = new URLSearchParams(query);
    expect(params.get('sign')).toMatch(/^[0-9a-f]{64}$/);
    const flipped = new URLSearchParams(params);
    const sign = params.get('sign')!;
    flipped.set('sign', sign.slice(0, -1) + (sign.endsWith('0') ? '1' : '0'));
    expectSame404(await get(`${path}?${flipped}`, CHAIR));
    const later = new URLSearchParams(params);
    later.set('exp', String(Number(params.get('exp')) + 86400));
    expectSame404(await get(`${path}?${later}`, CHAIR));
  });
  test('another file with this file’s signature', async () => {
    const [path, query] = url.split('?');
    expectSame404(await get(`${path.replace(/[^/]+$/, 'other.xlsx')}?${query ?? ''}`, CHAIR));
  });
  test('an expired URL', async () => {
    const short = await rt.emulator.runAs({ openid: CHAIR, source: 'wx_client' }, () =>
      rt.emulator.sdk.getTempFileURL({ fileList: [{ fileID, maxAge: 1 }] }),
    );
    const shortUrl = short.fileList[0].tempFileURL as string;
    await new Promise((r) => setTimeout(r, 2100));
    expectSame404(await get(shortUrl, CHAIR));
  });
  test('a write method', async () => {
    const before = await snapshot(rt);
    const r = await ask(rt, url, {
      method: 'PUT',
      headers: { cookie: rt.cookieFor(CHAIR), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(405);
    expect(await snapshot(rt)).toBe(before);
  });
});
