/**
 * Pages: a 503 text without an H5 build; with one, security headers (a CSP that
 * allows the page's own inline script by hash), and no way out of the build folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '../../scripts/lib/runtime';
import { ask, start } from './support';

test('without an H5 build, pages answer a 503 text', async () => {
  const rt = await start({ seed: false });
  try {
    const r = await ask(rt, '/');
    expect(r.status).toBe(503);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.text).toContain('npm run build:h5');
  } finally {
    await rt.close();
  }
});

describe('with an H5 build', () => {
  const INLINE = '!function(){document.documentElement.style.fontSize="20px"}();';
  let root: string;
  let rt: Runtime;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'jinlin-rt-h5-'));
    mkdirSync(join(root, 'h5', 'js'), { recursive: true });
    mkdirSync(join(root, 'h5-secret'));
    writeFileSync(
      join(root, 'h5', 'index.html'),
      `<!DOCTYPE html><html><head><script>${INLINE}</script><script src="/js/app.0123456789.js"></script></head><body><div id="app"></div></body></html>`,
    );
    writeFileSync(join(root, 'h5', 'js', 'app.0123456789.js'), 'console.log(1)');
    writeFileSync(join(root, 'h5-secret', 'key.txt'), 'secret');
    writeFileSync(join(root, 'outside.txt'), 'outside');
    rt = await start({ seed: false, h5Dir: join(root, 'h5') });
  });
  afterAll(async () => {
    await rt.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('HTML has nosniff, no-referrer, frame denial and a CSP with the inline script’s hash', async () => {
    const r = await ask(rt, '/');
    expect(r.status).toBe(200);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('DENY');
    const csp = String(r.headers['content-security-policy']);
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  test('an unknown route gets the app (hash routing), a hashed asset is immutable', async () => {
    expect((await ask(rt, '/some/route')).text).toContain('<div id="app">');
    const js = await ask(rt, '/js/app.0123456789.js');
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
  });

  test.each([
    '/..%2fh5-secret%2fkey.txt',
    '/%2e%2e/h5-secret/key.txt',
    '/..%2F..%2Foutside.txt',
    '/..%2foutside.txt',
    '/%2e%2e%2foutside.txt',
  ])('%s does not leave the build folder', async (path) => {
    const r = await ask(rt, path);
    expect(r.text).not.toMatch(/secret|outside/);
  });
});
