/**
 * End-to-end support: the local runtime as a child process (exactly what `npm start`
 * runs, on the H5 and function bundles in dist/), a fresh data folder per suite holding
 * a copy of the demo (seeded once per run: tests/support/demo-cache.ts), and
 * Debian's Chromium driven by playwright-core.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSeed } from '../../scripts/lib/seed-data';
import { demoImage } from '../support/demo-cache';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');

export interface Served {
  url: string;
  child: ChildProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/** `dataDir`: a folder prepared beforehand (e.g. by `npm run setup`); `args`: for start.ts (e.g. --empty). */
export async function serve(opts: { dataDir?: string; args?: string[] } = {}): Promise<Served> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'jinlin-e2e-'));
  // A fresh folder gets a copy of the demo (seeded once per run), so the runtime does not seed it again.
  if (!opts.dataDir && !(opts.args ?? []).includes('--empty'))
    writeFileSync(join(dataDir, 'db.sqlite'), await demoImage({ seed: buildSeed(), features: true }));
  // `node --require tsx/cjs` (not the tsx CLI) so the kill reaches the server itself.
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'scripts/start.ts'), ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NO_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`runtime did not start:\n${out}`)), 90_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => fail(new Error(`runtime exited ${code}:\n${out}`)));
  });
  return {
    url,
    child,
    dataDir,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A phone-sized browser context: each person gets their own cookies. */
export async function phone(browser: Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    // Sharp screenshots when they are taken; otherwise a quarter of the pixels to draw. The
    // checks measure CSS px and computed colours, the same at either scale.
    deviceScaleFactor: process.env.E2E_SHOTS ? 2 : 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  trackRequests(ctx);
  await ctx.addInitScript(watchDrawing);
  return ctx;
}

/**
 * Runs before any script of every page: when the DOM last changed or anything scrolled
 * (a chart scrolled to its newest month after the answer came), and how many frames were
 * drawn since. `settle` wants both quiet for a while.
 */
function watchDrawing(): void {
  const q = { last: performance.now(), frames: 0 };
  (window as unknown as { __drawn: typeof q }).__drawn = q;
  const changed = () => {
    q.last = performance.now();
    q.frames = 0;
  };
  new MutationObserver(changed).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  addEventListener('scroll', changed, true);
  const frame = () => {
    q.frames++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Requests in flight per context (the app's /api calls, its lazily loaded page chunks,
 * styles, images), with when each started, and when the last one ended. `settle` waits
 * on these instead of a fixed pause.
 */
interface Traffic {
  inFlight: Map<object, number>;
  last: number;
}
const traffic = new WeakMap<BrowserContext, Traffic>();

function trackRequests(ctx: BrowserContext): void {
  const t: Traffic = { inFlight: new Map(), last: Date.now() };
  traffic.set(ctx, t);
  ctx.on('request', (r) => {
    t.inFlight.set(r, Date.now());
    t.last = Date.now();
  });
  const done = (r: object) => {
    t.inFlight.delete(r);
    t.last = Date.now();
  };
  ctx.on('requestfinished', done);
  ctx.on('requestfailed', done);
}

/** Quiet this long after the last request ended: long enough for an answer to be drawn and any call it leads to to start. */
const QUIET_MS = 200;
/** A request older than this (one dropped by a navigation without an event) no longer holds `settle` up. */
const STALE_MS = 8_000;

/** Milliseconds the context has been without a request in flight (0 while one is). */
function quietFor(t: Traffic): number {
  const now = Date.now();
  for (const [r, started] of t.inFlight) {
    if (now - started < STALE_MS) return 0;
    t.inFlight.delete(r);
  }
  return now - t.last;
}

/**
 * Runs in the page: the document has loaded, the page of the current route is shown and
 * has slid in (Taro's router marks it `taro_page_stationed`) with no loading state on it,
 * and nothing on screen has changed for QUIET_MS and 8 frames (frames come slower on a
 * busy machine, so the wait grows with the load, as the page's own timers do).
 */
function pageShown(quietMs: number): boolean {
  const q = (window as unknown as { __drawn?: { last: number; frames: number } }).__drawn;
  if (q && (performance.now() - q.last < quietMs || q.frames < 8)) return false;
  const route = location.hash.replace(/^#/, '').split('?')[0] || '/';
  const shown = Array.from(document.querySelectorAll('.taro_page')).filter(
    (p) => getComputedStyle(p).display !== 'none' && (p as HTMLElement).getBoundingClientRect().height > 0,
  );
  const current = shown.find((p) => p.id.split('?')[0] === route) ?? (shown.length === 1 ? shown[0] : undefined);
  return (
    document.readyState === 'complete' &&
    !!current &&
    current.classList.contains('taro_page_stationed') &&
    !current.querySelector('.state--loading')
  );
}

/**
 * Waits until the page has shown itself: no request in flight for QUIET_MS, and the
 * current route's page shown, not loading. A page that never gets
 * there (left blank, still loading) is given up on after `timeout` ms, for the checks
 * that follow to report.
 */
export async function settle(page: Page, timeout = 10_000): Promise<void> {
  const t = traffic.get(page.context());
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const quiet = t ? quietFor(t) : QUIET_MS;
    if (quiet < QUIET_MS) {
      await new Promise((r) => setTimeout(r, Math.max(30, QUIET_MS - quiet)));
      continue;
    }
    const shown = await page.evaluate(pageShown, QUIET_MS).catch(() => false);
    // Nothing may have started while the page was looked at.
    if (shown && (!t || quietFor(t) >= QUIET_MS)) return;
    await new Promise((r) => setTimeout(r, 40));
  }
}

export const SIGNIN = '/#/packages/accounts/pages/signin/index';

/** Signs in on the demo page as the named person, or as a new WeChat user when name is null. */
export async function signIn(page: Page, base: string, name: string | null): Promise<void> {
  await visit(page, base, SIGNIN.slice(2));
  if (name === null) await page.getByText('一位新的微信用户').click();
  else
    await page
      .locator('.signin-person__name', { hasText: new RegExp(`^${name}$`) })
      .first()
      .click();
  await page.waitForURL((u) => !u.hash.includes('signin'), { timeout: 15_000 });
}

export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: join(process.env.E2E_SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Opens a route with a full page load. A hash-only goto inside the running SPA races
 * Taro's router (the old page can stay shown, the new one hidden); a person opening a
 * link gets a fresh load, and so do the tests.
 */
export async function visit(page: Page, base: string, route: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(base + '/#' + route);
}

/** One runtime and one browser per suite, started before and stopped after its tests. */
export function useRuntimeAndBrowser(): { served(): Served; browser(): Browser } {
  let served: Served | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    served = await serve();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });
  return { served: () => served!, browser: () => browser! };
}

/** A fresh phone-sized context signed in as `name`: one person, one page. */
export async function pageAs(browser: Browser, base: string, name: string | null): Promise<Page> {
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await signIn(page, base, name);
  return page;
}

/** Calls a backend action from inside the page, with the page's own sign-in (its cookie). */
export async function callApi(page: Page, fn: string, action: string, payload: unknown) {
  return page.evaluate(
    async ([f, a, p]) =>
      (
        await fetch('/api/' + f, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action: a, payload: p }),
        })
      ).json(),
    [fn, action, payload] as const,
  );
}

/** A spreadsheet of `rows` under `header`, written to `dir`, as a person would upload it. */
export async function xlsxFile(dir: string, name: string, header: string[], rows: (string | number)[][], sheet = 'Sheet1') {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header);
  rows.forEach((r) => ws.addRow(r));
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

/** The operator's setup step (scripts/setup.ts, the CLI itself) on a data folder; its output. */
export function runSetup(dataDir: string, file: string, ...args: string[]): string {
  const r = spawnSync(
    process.execPath,
    ['--require', 'tsx/cjs', join(ROOT, 'scripts/setup.ts'), '--data', dataDir, '--file', file, ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`setup failed: ${r.stderr}${r.stdout}`);
  return r.stdout;
}
