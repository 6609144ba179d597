/**
 * 互看互比 in Chromium: 周文华 (社区工作人员) opens the overview from her 首页 card,
 * reads a figure's definition on one tap and sees 样本太少 for the 4-home compound,
 * compares 天翔世家 with 御家兰庭 and reads a gap in words; 王志明 rates 御家兰庭's 六有
 * for 天翔世家 after looking at its evidence and 周文华 sees who rated whom and how the
 * score was made; 王志明 publishes a 互学 case, 周文华 features it and exports the
 * monthly report (the A4 page and the .xlsx). Every page is audited in normal and
 * 大字模式 (controls ≥ 44 px, contrast, text size).
 */
import type { Browser, Page } from 'playwright-core';
import { demoPng } from '../../scripts/lib/seed-repairs';
import { phone, shot, signIn, useRuntimeAndBrowser, visit, type Served } from './support';
import { auditPage, settle } from './page-audit';

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
  await live(page, '.cm-row-txsj .cm-cell-visitedHomes', /\d+%/).waitFor();
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

const v = (sel: string) => `.taro_page:not([style*="display: none"]) ${sel} >> visible=true`;
const audits: string[] = [];
beforeEach(() => {
  audits.length = 0;
});
async function audited(page: Page, name: string) {
  await shot(page, name);
  for (const large of [false, true]) {
    await page.evaluate((on) => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: on })), large);
    await page.reload();
    await page.locator('.taro_page .shell').first().waitFor();
    await settle(page);
    if (large) await shot(page, `${name}-large`);
    audits.push(...(await auditPage(page, large)).map((f) => `${name}${large ? ' (大字)' : ''} ${f.kind}: ${f.what}`));
  }
  await page.evaluate(() => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: false })));
  await page.reload();
}

it('吴丽华 adds evidence to 御家兰庭’s 六有; 王志明 rates it for 天翔世家 after looking at it; 周文华 sees who rated whom', async () => {
  // 吴丽华 (御家兰庭 业委会) adds a photo to 有场所 in this month's self-assessment (keeping her colleague's).
  const wctx = await phone(browser);
  const wu = await wctx.newPage();
  await signIn(wu, served.url, '吴丽华');
  await visit(wu, served.url, '/packages/community/pages/scorecard/index?compoundId=yjlt');
  await live(wu, '.sc-assess-open', '修改本月自评').click();
  const [chooser] = await Promise.all([wu.waitForEvent('filechooser'), wu.locator(v('.sc-assess-place .sc-add-photo')).click()]);
  await chooser.setFiles({ name: 'hall.png', mimeType: 'image/png', buffer: demoPng([120, 170, 120], 14) });
  await wu.locator(v('.sc-assess-place .cm-photo__img')).last().waitFor();
  await shot(wu, 'community-assess-sheet');
  await wu.locator(v('.sc-assess-submit')).click();
  await live(wu, '.sc-evidence-place .cm-photo__badge', '审核中').waitFor();
  await wctx.close();

  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await signIn(page, served.url, '王志明');
  await visit(page, served.url, '/pages/home/index');
  await live(page, '.home-community-compound .row__sub', '还有 1 个小区待互评').waitFor();
  await shot(page, 'community-home-card-branch');
  await visit(page, served.url, '/packages/community/pages/scorecards/index');
  await live(page, '.sc-row-yjlt').click();
  // Other compounds see a photo once WeChat's check passed it (the local runtime answers within seconds).
  for (let i = 0; i < 20 && !(await live(page, '.sc-evidence-place .cm-photo__img').isVisible()); i++) {
    await page.waitForTimeout(1000);
    await page.reload();
    await live(page, '.sc-item-place').waitFor();
  }
  await live(page, '.sc-evidence-place .cm-photo__img').waitFor();
  await audited(page, 'community-scorecard-yjlt');
  await live(page, '.sc-rate-open', '以天翔世家名义互评').click();
  for (const key of ['place', 'facilities', 'sign', 'flag', 'books', 'rules'])
    await page
      .locator(v(`.sc-rate-${key} .choice__item`))
      .filter({ hasText: key === 'books' ? '不认可' : /^认可$/ })
      .click();
  await page.locator(v('.sc-comment textarea')).fill('书报角还没建好，其他都看到了照片');
  await shot(page, 'community-rate-sheet');
  await page.locator(v('.sc-rate-submit')).click();
  await live(page, '.sc-rating-txsj', '天翔世家（小区党支部书记）评御家兰庭').waitFor();
  await live(page, '.sc-rated', '天翔世家本月已评过御家兰庭').waitFor();
  await ctx.close();

  const octx = await phone(browser);
  const office = await octx.newPage();
  await signIn(office, served.url, '周文华');
  await visit(office, served.url, '/packages/community/pages/overview/index');
  await live(office, '.cm-go-scorecards').click();
  await live(office, '.sc-row-yjlt .row__sub', '收到互评 1').waitFor();
  await audited(office, 'community-scorecards');
  await live(office, '.sc-row-yjlt').click();
  await live(office, '.sc-rating-txsj', '评御家兰庭').waitFor();
  await live(office, '.sc-evidence-place .cm-photo__img').waitFor();
  await live(office, '.sc-item-books .sc-item__verdict', '不计分').waitFor();
  await live(office, '.sc-line-feeCollection').waitFor();
  expect(await live(office, '.sc-how').innerText()).toMatch(/^得分 = 已得 [\d.]+ 分 ÷ 可计满分 \d+ 分 × 100 = [\d.]+$/);
  await shot(office, 'community-scorecard-office');

  // The community defines its criteria: 有场所 weighs 20 from this month on.
  await visit(office, served.url, '/packages/community/pages/scorecards/index');
  await live(office, '.sc-criteria-open').click();
  await live(office, '.sc-weight-place input').fill('20');
  // A shot, not the audit: the audit reloads the page, which closes the form.
  await shot(office, 'community-criteria');
  await live(office, '.sc-criteria-save').click();
  await live(office, '.sc-criteria-open').waitFor();
  await live(office, '.sc-row-yjlt').click();
  await live(office, '.sc-line-place .row__side', '/20').waitFor();
  await octx.close();
  expect(audits).toEqual([]);
});

it('互学: 王志明 publishes a case with a photo; 周文华 reads and features it, then exports the monthly report', async () => {
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await signIn(page, served.url, '王志明');
  await visit(page, served.url, '/packages/community/pages/cases/index');
  await live(page, '.case-row', '电动车充电棚').waitFor();
  await live(page, '.case-new-open', '为天翔世家发布案例').click();
  await live(page, '.case-submit').waitFor();
  await audited(page, 'community-case-new');
  await page.locator(v('.case-title-input input')).fill('楼栋长当面告知');
  await page.locator(v('.case-problem-input textarea')).fill('老人不看手机，通知总有人不知道。');
  await page.locator(v('.case-done-input textarea')).fill('楼栋长对没读的住户上门告知，并在系统里记下。');
  await page.locator(v('.case-source .choice__item')).filter({ hasText: '志愿活动' }).click();
  await live(page, '.case-figure-pick-noticeReach').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(v('.case-add-photo')).click()]);
  await chooser.setFiles({ name: 'visit.png', mimeType: 'image/png', buffer: demoPng([90, 140, 200], 12) });
  await page.locator(v('.cm-photo__img')).first().waitFor();
  await shot(page, 'community-case-new-filled');
  await page.locator(v('.case-submit')).click();
  await live(page, '.case-title', '楼栋长当面告知').waitFor();
  await live(page, '.case-figure-noticeReach').waitFor();
  await ctx.close();

  const octx = await phone(browser);
  const office = await octx.newPage();
  await signIn(office, served.url, '周文华');
  await visit(office, served.url, '/packages/community/pages/overview/index');
  await live(office, '.cm-go-cases').click();
  await live(office, '.case-row', '楼栋长当面告知').click();
  await live(office, '.case-feature', '设为社区精选').click();
  await live(office, '.case-title .case-featured', '精选').waitFor();
  await audited(office, 'community-case');

  await visit(office, served.url, '/packages/community/pages/overview/index');
  await live(office, '.cm-go-report').click();
  await live(office, '.rp-row-yjlt .rp-cell-feeCollection', /\d+%/).waitFor();
  await live(office, '.rp-row-nj3 .rp-cell-volunteerHoursPer100', '样本太少').waitFor();
  await live(office, '.rp-case', '楼栋长当面告知').waitFor();
  await audited(office, 'community-report');
  // A4: printed as the browser would, the app's chrome left out.
  await office.setViewportSize({ width: 1123, height: 794 });
  await office.emulateMedia({ media: 'print' });
  await shot(office, 'community-report-print');
  expect(await office.locator(v('.rp-export')).count()).toBe(0);
  expect(await office.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1123);
  await office.emulateMedia({ media: 'screen' });
  await office.setViewportSize({ width: 390, height: 844 });
  // The export opens the file's short-lived link in a new tab (a download): fetch that link as the same person.
  const [, answer] = await Promise.all([
    octx.waitForEvent('page'),
    office.waitForResponse((r) => r.url().endsWith('/api/community') && (r.request().postData() ?? '').includes('report.export')),
    live(office, '.rp-export').click(),
  ]);
  const file = ((await answer.json()) as { data: { url: string; fileName: string } }).data;
  expect(file.fileName).toMatch(/^侨兴社区-月度报告-\d{4}-\d{2}\.xlsx$/);
  const res = await office.request.get(new URL(file.url, served.url).toString());
  expect(res.status()).toBe(200);
  expect((await res.body()).subarray(0, 2).toString()).toBe('PK');
  await octx.close();
  expect(audits).toEqual([]);
});

it('周文华 opens 车辆与挪车 from 服务 and reads every compound’s 挪车 figures of the month (counts only)', async () => {
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await signIn(page, served.url, '周文华');
  await visit(page, served.url, '/pages/services/index');
  await live(page, '.service-vehicle-manage').click();
  await live(page, '.move-stats-txsj .move-line', /挪车提醒 \d+ 次/).waitFor();
  await live(page, '.move-stats-yjlt').waitFor();
  await audited(page, 'community-vehicle-stats');
  await ctx.close();
  expect(audits).toEqual([]);
});
