/**
 * 车位与充电 and 收费标准 in Chromium: the property manager 刘洋 rents a free space to
 * 陈阿婆's home (typed room) and records an EV session for it (building → unit →
 * room); 陈阿婆 sees both bills in 物业缴费 with their basis; 刘洋 proposes a parking
 * rate, the committee (黄美玲) sees the proposal and sets a new parking rate from next
 * month. Both pages are screenshotted in normal and 大字模式 and audited with the page
 * audit's checks (tests/e2e/page-audit.ts), as the property manager sees them and
 * with their sheets open, which the audit of every page does not reach.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pageAs, settle, useRuntimeAndBrowser, visit, type Served } from './support';
import { auditPage } from './page-audit';

jest.setTimeout(240_000);

const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

// Screenshots to look at, with E2E_SHOTS set (as every walk's `shot`); none otherwise.
const SHOTS = process.env.E2E_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const snap = async (page: Page, name: string, fullPage = true) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
};
const PARKING = '/packages/fees/pages/parking/index';
const RATES = '/packages/fees/pages/rates/index';
const BILLS = '/packages/fees/pages/bills/index';

const v = (page: Page, selector: string, opts?: { hasText?: string | RegExp }) => page.locator(`${selector} >> visible=true`, opts);

async function confirm(page: Page) {
  await v(page, '.confirm__ok').click();
}

/** The page audit's findings (tests/e2e/page-audit.ts) for what is on screen now, as text. */
async function audit(page: Page, large: boolean): Promise<string[]> {
  return (await auditPage(page, large)).map((f) => `${f.kind}: ${f.what}`);
}

/** Screenshots of a route in both modes (and of an open sheet), with the audit's findings. */
async function shootAndAudit(
  page: Page,
  route: string,
  slug: string,
  ready: string,
  open?: (page: Page) => Promise<void>,
): Promise<string[]> {
  const findings: string[] = [];
  for (const large of [false, true]) {
    await page.evaluate((on) => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: on })), large);
    await visit(page, served.url, route);
    await v(page, ready).first().waitFor();
    await settle(page);
    await snap(page, `fees-${slug}-${large ? 'large' : 'normal'}`);
    findings.push(...(await audit(page, large)).map((f) => `${slug}${large ? ' (大字)' : ''}: ${f}`));
    if (open) {
      await open(page);
      await settle(page);
      await snap(page, `fees-${slug}-open-${large ? 'large' : 'normal'}`, false);
      findings.push(...(await audit(page, large)).map((f) => `${slug} open${large ? ' (大字)' : ''}: ${f}`));
    }
  }
  await page.evaluate(() => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: false })));
  return findings;
}

it('刘洋 rents a space and records a charging session; 陈阿婆 sees both bills; the committee sees the proposal and sets a new parking rate', async () => {
  // 1. 刘洋 rents a free space to 陈阿婆's home by typing the room.
  const manager = await pageAs(browser, served.url, '刘洋');
  await visit(manager, served.url, PARKING);
  await v(manager, '.pk-summary').waitFor();
  const free = v(manager, '.pk-space--free').first();
  const spaceNo = (await free.locator('.pk-space__no').innerText()).trim();
  await free.locator('.pk-rent').click();
  await v(manager, '.pk-rent-sheet').waitFor();
  await v(manager, '.pk-rent-sheet .choice__item', { hasText: '输入房号' }).click();
  await v(manager, '.pk-rent-sheet .pk-room input').fill('3栋2单元101');
  await v(manager, '.pk-rent-sheet .choice__item', { hasText: '本月' }).click();
  await v(manager, '.pk-rent-submit').click();
  await v(manager, '.pk-space', { hasText: spaceNo }).filter({ hasText: '出租给 3栋2单元101' }).waitFor({ timeout: 15_000 });

  // 2. He records a charging session for the same home, picking building → unit → room.
  await v(manager, '.pk-tabs .choice__item', { hasText: '充电记录' }).click();
  await v(manager, '.pk-ev-form').waitFor();
  await v(manager, '.pk-ev-form .pk-buildings .choice__item', { hasText: /^3栋$/ }).click();
  await v(manager, '.pk-ev-form .pk-units .choice__item', { hasText: '2单元' }).click();
  await v(manager, '.pk-ev-form .pk-rooms .choice__item', { hasText: /^101$/ }).click();
  await v(manager, '.pk-energy input').fill('12.5');
  await v(manager, '.pk-preview', { hasText: '15.00元' }).waitFor();
  await v(manager, '.pk-ev-submit').click();
  await v(manager, '.pk-session', { hasText: '3栋2单元101' }).filter({ hasText: '15.00元' }).first().waitFor({ timeout: 15_000 });

  // 3. 陈阿婆 sees the parking and the charging bill in 物业缴费.
  const resident = await pageAs(browser, served.url, '陈阿婆');
  await visit(resident, served.url, BILLS);
  await v(resident, '.fees-bill', { hasText: '充电费' }).filter({ hasText: '充电 12.50度 × 1.20元' }).waitFor();
  await v(resident, '.fees-bill', { hasText: '停车费' })
    .filter({ hasText: `1个车位（${spaceNo}）× 150.00元` })
    .waitFor();
  await snap(resident, 'fees-parking-resident-bills');

  // 4. 刘洋 proposes 160 元/个/月 from next month: it goes to the committee.
  await visit(manager, served.url, RATES);
  await v(manager, '.rates-form').waitFor();
  await v(manager, '.rates-kinds .choice__item', { hasText: '停车费' }).click();
  // A proposal takes a reason, for the committee to decide on.
  await v(manager, '.rates-reason input').fill('车位维护成本上涨');
  await v(manager, '.rates-fen input').fill('1.605');
  await v(manager, '.rates-submit').click();
  await v(manager, '.rates-error', { hasText: '最多两位小数' }).waitFor();
  await v(manager, '.rates-fen input').fill('160');
  await v(manager, '.rates-submit').click();
  await confirm(manager);
  await v(manager, '.rates-done', { hasText: '已提交给业委会' }).waitFor();
  await v(manager, '.rates-item--parking .rates-proposal', { hasText: '刘洋提议' }).waitFor();

  // 5. The committee sees 刘洋's proposal and sets 180 元 from next month instead.
  const committee = await pageAs(browser, served.url, '黄美玲');
  await visit(committee, served.url, RATES);
  await v(committee, '.rates-item--parking .rates-proposal', { hasText: '160.00元/个/月' }).waitFor();
  await v(committee, '.rates-item--parking .rates-proposal__reason', { hasText: '车位维护成本上涨' }).waitFor();
  await v(committee, '.rates-item--parking .rates-adopt').waitFor();
  await snap(committee, 'fees-rates-committee');
  await v(committee, '.rates-kinds .choice__item', { hasText: '停车费' }).click();
  await v(committee, '.rates-fen input').fill('180');
  await v(committee, '.rates-submit').click();
  await v(committee, '.confirm__content', { hasText: '180.00元/个/月' }).waitFor();
  await confirm(committee);
  await v(committee, '.rates-done', { hasText: '已设置' }).waitFor();
  await v(committee, '.rates-item--parking .rates-history__row', { hasText: '180.00元/个/月' }).filter({ hasText: '待生效' }).waitFor();
  expect(await v(committee, '.rates-item--parking .rates-item__current').innerText()).toContain('150.00元/个/月');
});

it('both pages in normal and 大字模式: controls ≥ 44 px, contrast ≥ 4.5:1, text ≥ 18 px when large', async () => {
  const manager = await pageAs(browser, served.url, '刘洋');
  const findings = [
    ...(await shootAndAudit(manager, PARKING, 'parking', '.pk-space', async (p) => {
      await v(p, '.pk-space--free .pk-rent').first().click();
      await v(p, '.pk-rent-sheet .pk-buildings').waitFor();
      await v(p, '.pk-rent-sheet .pk-buildings .choice__item', { hasText: /^3栋$/ }).click();
      await v(p, '.pk-rent-sheet .pk-units .choice__item', { hasText: '2单元' }).click();
      await v(p, '.pk-rent-sheet .pk-rooms').waitFor();
    })),
    ...(await shootAndAudit(manager, `${PARKING}?tab=ev`, 'parking-ev', '.pk-sessions')),
    ...(await shootAndAudit(manager, RATES, 'rates-manager', '.rates-item')),
  ];
  const committee = await pageAs(browser, served.url, '林国栋');
  findings.push(
    ...(await shootAndAudit(committee, RATES, 'rates', '.rates-item', async (p) => {
      await v(p, '.rates-kinds .choice__item', { hasText: '物业费' }).click();
      await v(p, '.rates-tier--shop').waitFor();
    })),
  );
  expect(findings).toEqual([]);
});
