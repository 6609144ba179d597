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

/** One action called from a signed-in page, as its own client code would. */
async function callFrom(page: Page, action: string, payload: object): Promise<any> {
  return page.evaluate(
    async ([a, p]) => {
      const r = await fetch('/api/fees', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: a, payload: p }),
      });
      return r.json();
    },
    [action, payload] as const,
  );
}

it('a bill paid twice: the manager refunds it through WeChat, 退款中 until WeChat confirms, then the payer sees 已退回', async () => {
  // 郑海涛 starts paying online; while WeChat's pay page is open, the office takes cash for the same bills.
  const payer = await as('郑海涛');
  await visit(payer, served.url, '/packages/fees/pages/bills/index');
  await payer.locator('.fees-pay >> visible=true').waitFor();
  const bills = (await callFrom(payer, 'fees.myBills', {})).data.homes.flatMap((h: any) => h.bills.map((b: any) => b.id));
  await payer.locator('.fees-pay >> visible=true').click();
  const manager = await as('刘洋');
  await visit(manager, served.url, '/packages/fees/pages/refunds/index');
  expect(
    await callFrom(manager, 'fees.payOffline', {
      clientRequestId: `e2e-refund-${Date.now()}`,
      billIds: bills,
      method: 'cash',
      receiptNo: 'E2E-001',
    }),
  ).toMatchObject({ ok: true });
  await confirmModal(payer, '确认支付');
  await payer.locator('.fees-receipt-refund--owed >> visible=true', { hasText: '待退款' }).waitFor({ timeout: 20_000 });
  await shot(payer, 'fees-receipt-owed');

  // 刘洋 sees what is owed back and gives it back through WeChat Pay.
  await visit(manager, served.url, '/packages/fees/pages/refunds/index');
  const item = manager.locator('.fees-refund >> visible=true').first();
  await item.locator('.fees-refund__state', { hasText: '待退款' }).waitFor();
  await shot(manager, 'fees-refunds-owed');
  await item.locator('.fees-refund-wechat').click();
  await manager.locator('.fees-refund-reason input >> visible=true').fill('物业已收现金，退回微信支付');
  await shot(manager, 'fees-refunds-sheet');
  await manager.locator('.fees-refund-submit >> visible=true').click();
  await manager.locator('.fees-refund__state >> visible=true', { hasText: '退款中' }).waitFor({ timeout: 10_000 });
  await shot(manager, 'fees-refunds-pending');
  // WeChat confirms a few seconds later (the local runtime's refund notification): nothing left to refund.
  let left = 1;
  for (let i = 0; i < 20 && left; i++) {
    await manager.waitForTimeout(1000);
    await visit(manager, served.url, '/packages/fees/pages/refunds/index');
    await manager.locator('.fees-refund, .state--empty >> visible=true').first().waitFor();
    left = await manager.locator('.fees-refund >> visible=true').count();
  }
  expect(left).toBe(0);
  await shot(manager, 'fees-refunds-done');

  // 郑海涛 sees it on his bills page: 已退回.
  await visit(payer, served.url, '/packages/fees/pages/bills/index');
  await payer.locator('.fees-my-refund >> visible=true', { hasText: '已退回' }).waitFor();
  await shot(payer, 'fees-bills-refunded');
});
