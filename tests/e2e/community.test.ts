/**
 * 互看互比 in Chromium: 周文华 (社区工作人员) opens the overview from her 首页 card,
 * reads a figure's definition on one tap and sees 样本太少 for the 4-home compound,
 * compares 天翔世家 with 御家兰庭 and reads a gap in words. Both pages are audited in
 * normal and 大字模式 (controls ≥ 44 px, contrast, text size).
 */
import type { Browser, Page } from 'playwright-core';
import { phone, shot, signIn, useRuntimeAndBrowser, visit, type Served } from './support';
import { auditPage } from './page-audit';

jest.setTimeout(240_000);

const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

const live = (page: Page, sel: string, hasText?: string | RegExp) =>
  page.locator(`.taro_page:not([style*="display: none"]) ${sel}`, hasText ? { hasText } : undefined).first();

it('周文华 opens the overview, reads a definition and 样本太少, compares 天翔世家 with 御家兰庭 and reads a gap in words', async () => {
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await signIn(page, served.url, '周文华');
  await visit(page, served.url, '/pages/home/index');
  const card = live(page, '.home-community');
  await card.locator('.row__title', { hasText: '4 个小区' }).waitFor();
  await shot(page, 'community-home-card');
  await card.click();

  // The table: the model first, every compound, the small one suppressed.
  await live(page, '.cm-row-txsj .cm-model', '示范').waitFor();
  await live(page, '.cm-row-yjlt').waitFor();
  await live(page, '.cm-row-nj3 .cm-cell-volunteerHoursPer100', '样本太少').waitFor();
  await live(page, '.cm-row-yjlt .cm-cell-feeCollection', /\d+%/).waitFor();
  await live(page, '.cm-row-txsj .cm-cell-concernsAnswered', /\d+%/).waitFor();
  await live(page, '.cm-row-txsj .cm-cell-visitedHomes', '暂无数据').waitFor();
  await shot(page, 'community-overview');

  // One tap: a figure's definition and caveat.
  await live(page, '.cm-head-feeCollection').click();
  await live(page, '.cm-def', '已缴金额').waitFor();
  await live(page, '.cm-caveat', '线下缴纳').waitFor();
  await shot(page, 'community-definition');
  await live(page, '.cm-sheet-close').click();

  // Side by side: pick 天翔世家 and 御家兰庭.
  await live(page, '.cm-pick-txsj').click();
  await live(page, '.cm-pick-yjlt').click();
  await live(page, '.cm-compare-go', '对比 2 个小区').click();
  await live(page, '.cm-col-txsj .cm-model', '示范').waitFor();
  const gap = live(page, '.cm-gaps-yjlt .cm-gap-feeCollection');
  await gap.waitFor();
  expect(await gap.innerText()).toMatch(/^收缴率(比示范小区[高低] \d+ 个百分点|与示范小区持平)$/);
  await shot(page, 'community-compare');

  // Both pages pass the audit, in normal and 大字模式.
  const findings: string[] = [];
  const url = new URL(page.url()).hash.replace(/^#/, '');
  for (const large of [false, true]) {
    await page.evaluate((on) => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: on })), large);
    for (const route of ['/packages/community/pages/overview/index', url]) {
      await visit(page, served.url, route);
      await live(page, '.cm-table').waitFor();
      await shot(page, `community-${route.includes('compare') ? 'compare' : 'overview'}${large ? '-large' : ''}`);
      findings.push(...(await auditPage(page, large)).map((f) => `${route}${large ? ' (大字)' : ''} ${f.kind}: ${f.what}`));
    }
  }
  await page.evaluate(() => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: false })));
  await ctx.close();
  expect(findings).toEqual([]);
});
