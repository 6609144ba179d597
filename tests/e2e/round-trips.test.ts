/**
 * Round trips per screen (README: "one call before first content"). Every call is a
 * round trip from the phone (100–300 ms in WeChat, more on a cold start) and one
 * invocation of the environment's monthly quota. As each kind of person, every page
 * they can reach is opened (after the 首页, as a session would: `me` is cached then)
 * and its backend calls are recorded until the network is idle:
 *   - calls: how many the page made to show itself;
 *   - waves: a call that starts only after another one answered is a waterfall;
 *   - duplicates: the same action with the same payload twice.
 * The budget is one call in one wave and no duplicate. Pages that still need more are
 * listed in OVER_BUDGET with their count and why, so the list only shrinks.
 */
import type { Page, Request } from 'playwright-core';
import { phone, signIn, useRuntimeAndBrowser, visit } from './support';
import { reachable, settle } from './page-audit';

jest.setTimeout(600_000);
const env = useRuntimeAndBrowser();

interface Call {
  key: string;
  start: number;
  end: number;
}

/** Pages over the one-call budget today: route → calls on open (the rest must be 1). */
const OVER_BUDGET: Record<string, number> = {};

/** Records /api calls from now on; `stop()` returns them. */
function record(page: Page) {
  const calls = new Map<Request, Call>();
  const t0 = Date.now();
  const onRequest = (r: Request) => {
    const u = new URL(r.url());
    if (!u.pathname.startsWith('/api/') || u.pathname.startsWith('/api/_demo')) return;
    const body = r.postDataJSON() as { action?: string; payload?: unknown } | null;
    calls.set(r, { key: `${u.pathname.slice(5)} ${body?.action ?? ''} ${JSON.stringify(body?.payload ?? {})}`, start: Date.now() - t0, end: Infinity });
  };
  const onDone = (r: Request) => {
    const c = calls.get(r);
    if (c) c.end = Date.now() - t0;
  };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  return () => {
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
    return [...calls.values()].sort((a, b) => a.start - b.start);
  };
}

/** How many waves: a call started after an earlier call of this page had answered is one wave deeper. */
function waves(calls: Call[]): number {
  const depth: number[] = [];
  calls.forEach((c, i) => {
    depth[i] = 1 + Math.max(0, ...calls.slice(0, i).map((p, j) => (p.end <= c.start ? depth[j] : 0)));
  });
  return Math.max(0, ...depth);
}

const PEOPLE = ['陈阿婆', '李秀英', '黄美玲', '刘洋', '钱会计'];

for (const name of PEOPLE) {
  it(`${name}: every page shows itself after one call, in one wave, with no duplicate`, async () => {
    const ctx = await phone(env.browser());
    const page = await ctx.newPage();
    const base = env.served().url;
    await signIn(page, base, name);
    const routes = await reachable(page, base);
    const seen: { route: string; calls: number; waves: number; duplicates: string[]; keys: string[] }[] = [];
    for (const route of routes) {
      await visit(page, base, '/pages/home/index');
      await settle(page);
      const stop = record(page);
      await visit(page, base, route);
      await settle(page);
      const calls = stop();
      const keys = calls.map((c) => c.key);
      seen.push({ route, calls: calls.length, waves: waves(calls), duplicates: keys.filter((k, i) => keys.indexOf(k) !== i), keys });
    }
    await ctx.close();
    process.stdout.write(`${name}:\n${seen.map((s) => `  ${s.route}: ${s.calls} call(s), ${s.waves} wave(s)${s.duplicates.length ? `, duplicates ${s.duplicates.join('; ')}` : ''}\n    ${s.keys.join('\n    ')}`).join('\n')}\n`);
    expect(seen.filter((s) => s.duplicates.length)).toEqual([]);
    expect(seen.filter((s) => s.waves > 1)).toEqual([]);
    expect(seen.filter((s) => s.calls !== (OVER_BUDGET[s.route] ?? 1)).map((s) => `${s.route}: ${s.calls}`)).toEqual([]);
  });
}
