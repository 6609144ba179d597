/**
 * A page audit for the people who need it most: an elderly resident (陈阿婆), a
 * building lead (李秀英) and a committee member (黄美玲, who reaches the staff pages),
 * on a phone-sized screen, in normal and in 大字模式. Every
 * page they can reach from the tabs, the 服务 grid and the 首页 shortcuts is opened
 * and checked:
 *   - every control (anything with a tap handler, every button and input) is at
 *     least 44 × 44 CSS px;
 *   - every text has a contrast of at least 4.5:1 against what is behind it
 *     (3:1 for large text: ≥ 24 px, or ≥ 18.66 px bold);
 *   - in 大字模式 the smallest text is at least 18 px.
 * Screenshots of every page in both modes go to e2e-shots/ (ignored by git).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { phone, signIn, useRuntimeAndBrowser, visit } from './support';
import { auditPage, reachable, settle, type Finding } from './page-audit';

jest.setTimeout(300_000);
const env = useRuntimeAndBrowser();
const SHOTS = process.env.E2E_SHOTS ?? join(__dirname, '..', '..', 'e2e-shots');
mkdirSync(SHOTS, { recursive: true });

interface PageFinding extends Finding {
  page: string;
}

const PEOPLE = [
  ['陈阿婆', 'elderly'],
  ['李秀英', 'lead'],
  // The committee reaches the most pages: books, rates, parking, dues, votes, roles, roster…
  ['黄美玲', 'committee'],
] as const;

for (const [name, key] of PEOPLE) {
  it(`${name}: every page's controls ≥ 44 px, text contrast ≥ 4.5:1, and ≥ 18 px in 大字模式`, async () => {
    const ctx = await phone(env.browser());
    const page = await ctx.newPage();
    const base = env.served().url;
    await signIn(page, base, name);
    const routes = await reachable(page, base);
    expect(routes.length).toBeGreaterThanOrEqual(4);
    const findings: PageFinding[] = [];
    for (const large of [false, true]) {
      await page.evaluate((on) => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: on })), large);
      for (const route of routes) {
        await visit(page, base, route);
        await settle(page);
        const slug = route.replace(/^\//, '').replace(/\/index$/, '').replace(/\//g, '_');
        await page.screenshot({ path: join(SHOTS, `${key}-${large ? 'large' : 'normal'}-${slug}.png`), fullPage: true });
        for (const f of await auditPage(page, large)) findings.push({ page: `${route}${large ? ' (大字)' : ''}`, ...f });
      }
    }
    await ctx.close();
    expect(findings).toEqual([]);
  }, 600_000);
}
