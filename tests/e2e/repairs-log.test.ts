/**
 * 住户报修（代登记）: 李秀英 phones the property; 赵强 (staff, 天翔世家) logs it for
 * 3栋1单元602 — building → unit → room, the caller's name and phone as typed — and
 * 李秀英 finds it under 我的报修, where she may cancel it as her own.
 */
import type { Browser } from 'playwright-core';
import { shot, useRuntimeAndBrowser, visit, type Served, pageAs } from './support';

jest.setTimeout(240_000);

const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

const as = (name: string) => pageAs(browser, served.url, name);

it('staff log a phoned-in repair for 3栋1单元602; 李秀英 sees it under 我的报修', async () => {
  const staff = await as('赵强');
  await visit(staff, served.url, '/packages/repairs/pages/report/index');
  await staff.locator('.report-modes .choice__item', { hasText: '住户报修（代登记）' }).click();
  await staff.locator('.log-buildings .choice__item', { hasText: /^3栋$/ }).click();
  await staff.locator('.log-units .choice__item', { hasText: /^1单元$/ }).click();
  await staff.locator('.log-rooms .choice__item', { hasText: /^602$/ }).click();
  await staff.locator('.log-picked', { hasText: '天翔世家 3栋1单元602' }).waitFor();
  await staff.locator('.report-contact-name input').fill('李阿姨');
  await staff.locator('.report-contact-phone input').fill('13900001234');
  await staff.locator('.report-categories .choice__item', { hasText: '水管漏水' }).click();
  await staff.locator('.report-description textarea').fill('来电：卫生间水管漏水');
  await shot(staff, 'repair-log-for-home');
  await staff.locator('.report-submit').click();
  await staff.locator('.repair-detail__status >> visible=true', { hasText: '待受理' }).waitFor({ timeout: 20_000 });
  expect(await staff.locator('.repair-head__place >> visible=true').textContent()).toContain('3栋1单元602');
  expect(await staff.locator('.repair-head__meta >> visible=true').textContent()).toContain('李阿姨');
  const id = decodeURIComponent(/[?&]id=([^&]+)/.exec(staff.url())![1]);

  const resident = await as('李秀英');
  await visit(resident, served.url, '/packages/repairs/pages/mine/index');
  await resident.locator('.repair-row >> visible=true').first().waitFor();
  await shot(resident, 'repair-log-mine');
  const rows = await resident.locator('.repair-row >> visible=true').allTextContents();
  expect(rows.some((t) => t.includes('3栋1单元602') && t.includes('水管漏水') && t.includes('待受理'))).toBe(true);
  await visit(resident, served.url, `/packages/repairs/pages/detail/index?id=${encodeURIComponent(id)}`);
  await resident.locator('.repair-detail__status >> visible=true', { hasText: '待受理' }).waitFor();
});
