/**
 * 陈阿婆 (天翔世家 3栋) pays this month's property fee through the pay sandbox and sees
 * the receipt; the property manager books an expense with a receipt photo; the
 * committee closes and publishes the month and sends it as a 财务公示 notice; 陈阿婆
 * opens the statement, sees the bars and the trend, and 校验 passes; the notice opens it too.
 */
import type { Browser, Page } from 'playwright-core';
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

/** A 1×1 PNG, as a photo of a paper receipt. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function confirmModal(page: Page, text: string) {
  await page
    .locator('.taro-modal__foot div, .taro-modal__foot button, .taro__modal .taro-modal__btn', { hasText: text })
    .first()
    .or(page.getByText(text, { exact: true }).last())
    .click();
}

it('a resident pays, the manager books an expense with a photo, the month is closed and published, the resident verifies the statement', async () => {
  // 1. 陈阿婆 pays this month's bill.
  const resident = await as('陈阿婆');
  await visit(resident, served.url, '/packages/fees/pages/bills/index');
  await resident.locator('.fees-due >> visible=true').waitFor();
  const due = await resident.locator('.fees-due >> visible=true').innerText();
  expect(due).not.toBe('0.00元');
  await shot(resident, 'fees-bills');
  await resident.locator('.fees-pay >> visible=true').click();
  await confirmModal(resident, '确认支付');
  await resident.locator('.fees-receipt-no >> visible=true').waitFor({ timeout: 20_000 });
  expect(await resident.locator('.fees-receipt >> visible=true').innerText()).toContain(due);
  // The receipt witnesses the ledger: its entry's number and the chain head after it, kept on the phone.
  expect(await resident.locator('.fees-witness__code >> visible=true').first().innerText()).toMatch(/^校验码 [0-9A-F]{4}-[0-9A-F]{4}$/);
  await shot(resident, 'fees-receipt');

  // 2. 钱会计 (记账员) books an expense with a receipt photo: the form names the month it goes into, and the list shows it there.
  const month = `${Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: 'numeric' }).format(new Date()))}月`;
  const bookkeeper = await as('钱会计');
  await visit(bookkeeper, served.url, '/packages/fees/pages/books/index');
  await bookkeeper.locator('.fees-book-form .card__title >> visible=true', { hasText: `记入${month}` }).waitFor();
  await bookkeeper.locator('.fees-amount-input input >> visible=true').fill('1280.50');
  await bookkeeper.locator('.fees-memo input >> visible=true').fill('更换3栋楼道灯');
  const chooser = bookkeeper.waitForEvent('filechooser');
  await bookkeeper.locator('.fees-add-photo >> visible=true').click();
  await (await chooser).setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
  await bookkeeper.locator('.fees-book-form .fees-receipt-img >> visible=true').waitFor();
  await shot(bookkeeper, 'fees-book');
  await bookkeeper.locator('.fees-book-submit >> visible=true').click();
  const listed = bookkeeper.locator('.fees-books-recent >> visible=true');
  await listed.locator('.fees-entry', { hasText: '更换3栋楼道灯' }).waitFor();
  expect(await listed.locator('.card__title').innerText()).toContain(`${month}已记`);
  // She books but does not close: the page says who closes, and from when.
  expect(await bookkeeper.locator('.fees-close__who >> visible=true').innerText()).toContain('业委会委员');
  await shot(bookkeeper, 'fees-book-listed');

  // 3. The committee cannot close the month that is still running: the page says from when.
  const committee = await as('黄美玲');
  await visit(committee, served.url, '/packages/fees/pages/books/index');
  await committee.locator('.fees-close__hint >> visible=true', { hasText: `${month}结束后` }).waitFor();
  expect(await committee.locator('.fees-close-btn').count()).toBe(0);
  await shot(committee, 'fees-close-wait');
  // Last month, closed and published, is told to every home with a 财务公示 notice that opens the statement.
  await visit(committee, served.url, '/packages/fees/pages/statement/index?compoundId=txsj');
  await committee.locator('.fees-notice-btn >> visible=true').click();
  await confirmModal(committee, '发通知');
  await committee.locator('.fees-notice--sent >> visible=true').waitFor({ timeout: 20_000 });
  await shot(committee, 'fees-statement-notice');

  // 4. 陈阿婆 opens the statement: the last published month, its bars, the trend; 校验 passes.
  await visit(resident, served.url, '/packages/fees/pages/statement/index');
  await resident.locator('.fees-chart >> visible=true').waitFor();
  expect(await resident.locator('.fees-trend__month >> visible=true').count()).toBe(11);
  expect(await resident.locator('.fees-bars__fill >> visible=true').count()).toBeGreaterThan(3);
  await resident.locator('.fees-verify-btn >> visible=true').click();
  await resident.locator('.fees-verify-result >> visible=true', { hasText: '校验通过' }).waitFor();
  // …including the receipt this phone kept when she paid.
  expect(await resident.locator('.fees-verify-result >> visible=true').innerText()).toMatch(/您的 \d+ 笔收据都未被改动/);
  expect(await resident.locator('.fees-statement-head >> visible=true').innerText()).toMatch(/末笔校验码 [0-9A-F]{4}-[0-9A-F]{4}$/);
  await shot(resident, 'fees-statement');

  // 5. The 财务公示 notice reached 陈阿婆 too, and opens the month's accounts.
  await visit(resident, served.url, '/pages/notices/index');
  await resident.locator('.notice-item >> visible=true', { hasText: '财务公示' }).first().click();
  // It prints the month's final head and quotes the day's head the witness timer wrote.
  await resident.locator('.notice-detail__link >> visible=true').waitFor();
  expect(await resident.locator('.notice-detail__body >> visible=true').innerText()).toMatch(/末笔校验码 [0-9A-F]{4}-[0-9A-F]{4}/);
  expect(await resident.locator('.notice-detail__witness >> visible=true').innerText()).toMatch(
    /^小区账本 \d{4}-\d{2}-\d{2}：到第 \d+ 笔，校验码 [0-9A-F]{4}-[0-9A-F]{4}$/,
  );
  await shot(resident, 'fees-notice-witness');
  await resident.locator('.notice-detail__link >> visible=true').click();
  await resident.waitForURL((u) => u.hash.includes('statement') && u.hash.includes('period='), { timeout: 20_000 });
  await resident.locator('.fees-chart >> visible=true').waitFor();
});
