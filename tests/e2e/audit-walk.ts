/**
 * A page audit for the people who need it most, and for every kind of role: an
 * elderly resident (陈阿婆), a building lead (李秀英), a committee member (黄美玲, who
 * reaches the staff pages), the community office (周文华), the bookkeeper (钱会计) and
 * an owner of the other compound (何玉兰), on a phone-sized screen, in normal and in
 * 大字模式. Every page they can reach from the tabs, the 服务 grid and the 首页
 * shortcuts is opened and checked (tests/e2e/page-audit.ts):
 *   - every control is at least 44 × 44 CSS px; text contrast at least 4.5:1
 *     (3:1 for large text); in 大字模式 no text under 18 px;
 *   - text boxes use the page's font and size; no label stacks a character a line;
 *     nothing sticks out of its card or widens the page; charts open at the newest month;
 *   - body text grows at least 1.3× in 大字模式;
 *   - no console errors (CSP violations included) on any page;
 *   - Back from every page opened from a tab (and forward again) leaves neither the
 *     tab nor the page blank, and the next tile still opens;
 *   - round trips: every page shows itself with one backend call in one wave and no
 *     duplicate, OVER_BUDGET aside (tests/e2e/round-trip-budget.ts), and the 首页 with
 *     home.get alone.
 * One runtime and one browser per person's file. Each step waits for the page to have
 * shown itself (`settle` in tests/e2e/support.ts: no request in flight, the route's page
 * in place and not loading, nothing redrawn for a moment), not for a fixed pause. With E2E_SHOTS set, a screenshot of every
 * page in both modes goes there, to look at (as every walk's `shot` does); without it
 * none is taken: several hundred full-page screenshots cost minutes of the suite.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { phone, settle, signIn, useRuntimeAndBrowser, visit } from './support';
import { auditPage, bodyGrowth, pageIsBlank, textSizes, type Finding } from './page-audit';
import { callsOf, overBudget, recordCalls, type PageCalls } from './round-trip-budget';

const SHOTS = process.env.E2E_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

interface PageFinding {
  page: string;
  kind: Finding['kind'] | 'console' | 'blank' | 'growth';
  what: string;
}

const routeOf = (page: Page) => new URL(page.url()).hash.replace(/^#/, '').split('?')[0];

/** After a tap: the route it opened, or '' when it opened none (a tile that only shows a message). */
async function tapped(page: Page, from: string): Promise<string> {
  await page.waitForURL((u) => u.hash.replace(/^#/, '').split('?')[0] !== from, { timeout: 2_000 }).catch(() => undefined);
  const route = routeOf(page);
  return route === from ? '' : route;
}

/**
 * Routes a person can reach: the four tabs, then every 服务 tile and 首页 shortcut,
 * each opened by a tap and left by Back (then forward and Back again), as a person does.
 */
async function reachable(page: Page, base: string, findings: PageFinding[]): Promise<string[]> {
  const routes = new Set(['/pages/home/index', '/pages/notices/index', '/pages/services/index', '/pages/me/index']);
  // The tab bar, tapped as a person does (each tap once logged a CSP violation).
  await visit(page, base, '/pages/home/index');
  await settle(page);
  for (const i of [1, 2, 3, 0]) {
    await page.locator('.weui-tabbar__item').nth(i).click();
    await settle(page);
    if (await pageIsBlank(page)) findings.push({ page: routeOf(page), kind: 'blank', what: 'blank after a tab-bar tap' });
  }
  for (const [tab, selector] of [
    ['/pages/services/index', '[class*="service-"]'],
    ['/pages/home/index', '[class*="shortcut-"]'],
  ] as const) {
    await visit(page, base, tab);
    await settle(page);
    const tiles = () => page.locator(`.taro_page:not([style*="display: none"]) ${selector}`);
    const count = await tiles().count();
    for (let i = 0; i < count; i++) {
      if (routeOf(page) !== tab) {
        await visit(page, base, tab);
        await settle(page);
      }
      const tile = tiles().nth(i);
      if (!(await tile.isVisible().catch(() => false))) continue;
      await tile.click();
      const route = await tapped(page, tab);
      if (!route) continue;
      routes.add(route);
      await settle(page);
      if (await pageIsBlank(page)) findings.push({ page: route, kind: 'blank', what: `blank when opened from ${tab}` });
      await page.goBack();
      await settle(page);
      if (await pageIsBlank(page)) findings.push({ page: tab, kind: 'blank', what: `blank after Back from ${route}` });
      await page.goForward();
      await settle(page);
      if (await pageIsBlank(page)) findings.push({ page: route, kind: 'blank', what: `blank after forward from ${tab}` });
      await page.goBack();
      await settle(page);
    }
  }
  return [...routes];
}

/** Pages one tap below a reached page (they need an id): where to tap, per person. */
const DEEPER: Record<string, [string, string][]> = {
  elderly: [['/packages/fees/pages/bills/index', '.fees-paid']], // a receipt
  'yjlt-owner': [['/packages/votes/pages/list/index', '.vote-item, .row--link']], // a vote
};

async function deeper(page: Page, base: string, key: string): Promise<string[]> {
  const out: string[] = [];
  for (const [from, selector] of DEEPER[key] ?? []) {
    await visit(page, base, from);
    await settle(page);
    const target = page.locator(`.taro_page:not([style*="display: none"]) ${selector}`).first();
    if (!(await target.isVisible().catch(() => false))) continue;
    await target.click();
    if (await tapped(page, from)) out.push(new URL(page.url()).hash.replace(/^#/, ''));
  }
  return out;
}

/** Registers the audit of each person as one test (tests/e2e/audit-<person>.test.ts: one file each, so jest's workers share them out). */
// eslint-disable-next-line jest/no-export -- one walk, registered by the seven audit-<person> test files
export function auditAs(people: readonly (readonly [string, string])[]): void {
  const env = useRuntimeAndBrowser();
  for (const [name, key] of people) {
    it(`${name}: every page's controls, contrast, text boxes, layout, 大字模式 growth, console and Back`, async () => {
      const ctx = await phone(env.browser());
      await recordCalls(ctx);
      const page = await ctx.newPage();
      const base = env.served().url;
      const findings: PageFinding[] = [];
      const trips: PageCalls[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') findings.push({ page: routeOf(page), kind: 'console', what: m.text().slice(0, 160) });
      });
      page.on('pageerror', (e) => findings.push({ page: routeOf(page), kind: 'console', what: String(e).slice(0, 160) }));
      await signIn(page, base, name);
      const routes = [...(await reachable(page, base, findings)), ...(await deeper(page, base, key))];
      expect(routes.length).toBeGreaterThanOrEqual(4);
      const body = new Map<string, Awaited<ReturnType<typeof textSizes>>>();
      for (const large of [false, true]) {
        await page.evaluate((on) => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: on })), large);
        for (const route of routes) {
          await visit(page, base, route);
          await settle(page);
          const slug = route
            .split('?')[0]
            .replace(/^\//, '')
            .replace(/\/index$/, '')
            .replace(/\//g, '_');
          if (SHOTS) await page.screenshot({ path: join(SHOTS, `${key}-${large ? 'large' : 'normal'}-${slug}.png`), fullPage: true });
          for (const f of await auditPage(page, large)) findings.push({ page: `${route}${large ? ' (大字)' : ''}`, ...f });
          const sizes = await textSizes(page);
          // `me` is kept on the phone since the sign-in, as in a session.
          if (!large) trips.push(await callsOf(page, route.split('?')[0]));
          if (!large) body.set(route, sizes);
          else {
            const g = bodyGrowth(body.get(route) ?? {}, sizes);
            if (g !== null && g < 1.3) findings.push({ page: route, kind: 'growth', what: `body text grows ${g.toFixed(2)}×` });
          }
        }
      }
      await ctx.close();
      process.stdout.write(
        `${name} (round trips):\n${trips.map((t) => `  ${t.route}: ${t.keys.length} call(s), ${t.waves} wave(s)\n    ${t.keys.join('\n    ')}`).join('\n')}\n`,
      );
      expect(findings).toEqual([]);
      expect(trips.filter((t) => t.duplicates.length).map((t) => `${t.route}: ${t.duplicates.join('; ')}`)).toEqual([]);
      expect(overBudget(trips)).toEqual([]);
      // The 首页 is one call for everyone: me and every card from home.get.
      expect(trips.find((t) => t.route === '/pages/home/index')?.keys).toEqual(['home home.get {}']);
    }, 600_000);
  }
}
