/**
 * 黄美玲 (业委会, 天翔世家) opens 欠费催缴 from her 首页 card, picks 5栋, reads who a
 * WeChat reminder reaches and which homes must be told in person, confirms, and sees
 * the outcome; 郑海涛 (5栋, in arrears, subscribed) has the message in his demo outbox.
 * 陈阿婆 asks 欠费时提醒我 on her bills, and opens 委员缴费公示: the published list of the
 * last half-year. Screenshots in normal and 大字模式 (E2E_SHOTS).
 */
import type { Browser, Page } from 'playwright-core';
import { pageAs, settle, shot, useRuntimeAndBrowser, visit, type Served } from './support';
import { TEMPLATE_IDS } from '../../core/templates';

jest.setTimeout(240_000);

const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

const as = (name: string) => pageAs(browser, served.url, name);
const large = (page: Page, on: boolean) => page.evaluate((v) => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: v })), on);

it('the committee previews a reminder for one building, confirms, and sees who was reached', async () => {
  const committee = await as('黄美玲');
  await visit(committee, served.url, '/pages/home/index');
  await committee.locator('.fees-collection-card__remind >> visible=true').click();
  await committee.locator('.fees-arrears >> visible=true').waitFor({ timeout: 20_000 });
  await committee.locator('.fees-remind__reach >> visible=true').waitFor({ timeout: 20_000 });
  await committee.locator('.fees-arrears__row >> visible=true', { hasText: '5栋 收缴率' }).click();
  await committee.locator('.fees-remind__title >> visible=true', { hasText: '5栋' }).waitFor();
  await committee.locator('.fees-remind__reach >> visible=true', { hasText: '可以微信提醒' }).waitFor({ timeout: 20_000 });
  const reach = await committee.locator('.fees-remind__reach >> visible=true').innerText();
  const n = Number(/可以微信提醒 (\d+) 人/.exec(reach)![1]);
  expect(n).toBeGreaterThan(0);
  const inPerson = await committee.locator('.fees-remind__inperson >> visible=true').innerText();
  expect(inPerson).toMatch(/另有 \d+ 户需要上门或电话告知/);
  // The homes to visit are one tap away: as many rows as the figure, by room with masked names.
  await committee.locator('.fees-remind__inperson >> visible=true').click();
  await committee.locator('.fees-visit >> visible=true').first().waitFor();
  expect(await committee.locator('.fees-visit >> visible=true').count()).toBe(Number(/另有 (\d+) 户/.exec(inPerson)![1]));
  expect(await committee.locator('.fees-visit >> visible=true').first().innerText()).toMatch(/5栋[\s\S]*\*/);
  await shot(committee, 'fees-dues-visit-list');
  await shot(committee, 'fees-dues-remind-preview');
  await committee.locator('.fees-remind-btn >> visible=true').click();
  await committee.locator('.confirm__content >> visible=true', { hasText: `${n} 人` }).waitFor();
  await shot(committee, 'fees-dues-remind-confirm');
  await committee.locator('.confirm__ok >> visible=true').click();
  const outcome = committee.locator('.fees-remind__job >> visible=true', { hasText: '已通过微信提醒' });
  await outcome.waitFor({ timeout: 30_000 });
  expect(await outcome.innerText()).toContain(`已通过微信提醒 ${n} 人`);
  // The same homes are not reminded again within 7 days: the preview says so.
  await committee.locator('.fees-remind__recent >> visible=true', { hasText: '近7天已提醒过' }).waitFor({ timeout: 20_000 });
  await shot(committee, 'fees-dues-remind-done');
  await large(committee, true);
  await visit(committee, served.url, '/packages/fees/pages/books/index?part=arrears');
  await committee.locator('.fees-remind__reach >> visible=true').waitFor({ timeout: 20_000 });
  await settle(committee);
  await shot(committee, 'fees-dues-remind-large');

  // 郑海涛 (5栋, two months behind, subscribed) got the bill message.
  const resident = await as('郑海涛');
  const outbox = await resident.evaluate(
    async () =>
      (await (await fetch('/api/_demo/outbox', { credentials: 'same-origin' })).json()) as {
        outbox: { templateId: string; page: string; data: Record<string, { value: string }> }[];
      },
  );
  const bill = outbox.outbox.filter((m) => m.templateId === TEMPLATE_IDS.bill);
  expect(bill).toHaveLength(1);
  expect(bill[0].page).toContain('packages/fees/pages/bills/index');
  expect(Object.values(bill[0].data).map((v) => v.value)).toContain('请在小程序「物业缴费」缴纳');
});

it('a resident asks 欠费时提醒我 and reads the published committee list (normal and 大字模式)', async () => {
  const resident = await as('陈阿婆');
  await visit(resident, served.url, '/packages/fees/pages/bills/index');
  await resident.locator('.fees-subscribe-btn >> visible=true').click();
  await resident.locator('.fees-subscribe__result >> visible=true', { hasText: '已订阅' }).waitFor();
  await shot(resident, 'fees-dues-bills-subscribe');
  // Asked once: the card does not come back.
  await visit(resident, served.url, '/packages/fees/pages/bills/index');
  await resident.locator('.fees-due >> visible=true').waitFor();
  expect(await resident.locator('.fees-subscribe >> visible=true').count()).toBe(0);

  for (const on of [false, true]) {
    await large(resident, on);
    await visit(resident, served.url, '/pages/services/index');
    await resident.locator('[class*="service-"] >> visible=true', { hasText: '委员缴费公示' }).first().click();
    await resident.locator('.fees-dues__banner--published >> visible=true').waitFor({ timeout: 20_000 });
    const rows = resident.locator('.fees-dues__member >> visible=true');
    expect(await rows.count()).toBe(2);
    const text = await resident.locator('.fees-dues__list >> visible=true').innerText();
    expect(text).toContain('林国栋');
    expect(text).toContain('黄美玲');
    expect(text).toContain('已缴清');
    expect(await resident.locator('.fees-dues-publish').count()).toBe(0);
    await settle(resident); // the page's slide-in
    await shot(resident, `fees-dues-list-${on ? 'large' : 'normal'}`);
  }
  // The current half-year: not published yet (it has not ended).
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const half = `${month.slice(0, 4)}H${Number(month.slice(5)) <= 6 ? 1 : 2}`;
  await large(resident, false);
  await visit(resident, served.url, `/packages/fees/pages/dues/index?half=${half}`);
  await resident.locator('.state__title >> visible=true', { hasText: '本期尚未公示' }).waitFor({ timeout: 20_000 });
  await shot(resident, 'fees-dues-list-unpublished');
});
