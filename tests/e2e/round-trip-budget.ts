/**
 * Round trips per screen (README: "one call before first content"). Every call is a
 * round trip from the phone (100–300 ms in WeChat, more on a cold start) and one
 * invocation of the environment's monthly quota. The page audit (tests/e2e/audit-walk.ts)
 * records, on every page a person reaches, the backend calls the page makes to show
 * itself:
 *   - calls: how many;
 *   - wave: a call issued after the answer to another call of the page had reached the
 *     page's script is one wave deeper (a waterfall). It is counted in the page, from
 *     when each fetch promise settles, so it does not depend on how loaded the machine is;
 *   - duplicates: the same action with the same payload twice.
 * The budget is one call in one wave and no duplicate. Pages that still need more are
 * listed in OVER_BUDGET with their count and why, so the list only shrinks.
 */
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Pages over the one-call budget today (none since 2026-12-07), with why; every other page
 * must show itself with at most one call in one wave. Fixing one: merge its reads into
 * one action (as home.get did for the 首页) and delete its line here.
 */
export const OVER_BUDGET: Record<string, { calls: number; waves: number; why: string }> = {};

export interface PageCalls {
  route: string;
  keys: string[];
  waves: number;
  duplicates: string[];
}

/**
 * Installs, before any script of every page of the context, a recorder around `fetch`
 * for the app's /api calls (the h5 build's one transport, src/services/cloud.ts).
 */
export async function recordCalls(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    type Rec = { key: string; wave: number; settled: boolean };
    const calls: Rec[] = [];
    (window as unknown as { __apiCalls: Rec[] }).__apiCalls = calls;
    const original = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
      if (!url.pathname.startsWith('/api/') || url.pathname.startsWith('/api/_demo')) return original(input, init);
      let body: { action?: string; payload?: unknown } = {};
      try {
        body = JSON.parse(String(init?.body ?? '{}')) as typeof body;
      } catch {
        body = {};
      }
      const rec: Rec = {
        key: `${url.pathname.slice(5)} ${body.action ?? ''} ${JSON.stringify(body.payload ?? {})}`,
        wave: 1 + Math.max(0, ...calls.filter((c) => c.settled).map((c) => c.wave)),
        settled: false,
      };
      calls.push(rec);
      const p = original(input, init);
      const done = () => {
        rec.settled = true;
      };
      p.then(done, done);
      return p;
    };
  });
}

/** The calls the page made since it loaded (`visit` loads every route afresh). */
export async function callsOf(page: Page, route: string): Promise<PageCalls> {
  const calls = await page.evaluate(() => (window as unknown as { __apiCalls?: { key: string; wave: number }[] }).__apiCalls ?? []);
  const keys = calls.map((c) => c.key);
  return {
    route,
    keys,
    waves: Math.max(0, ...calls.map((c) => c.wave)),
    duplicates: keys.filter((k, i) => keys.indexOf(k) !== i),
  };
}

/** Pages over their budget (one call in one wave unless OVER_BUDGET says otherwise), as lines. */
export function overBudget(seen: PageCalls[]): string[] {
  const budget = (route: string) => OVER_BUDGET[route] ?? { calls: 1, waves: 1 };
  return seen
    .filter((s) => s.keys.length > budget(s.route).calls || s.waves > budget(s.route).waves)
    .map((s) => `${s.route}: ${s.keys.length} calls in ${s.waves} waves (${s.keys.join('; ')})`);
}
