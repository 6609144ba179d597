/**
 * The lead of building 3 posts a notice to building 3 on the post page; a resident of
 * building 3 sees the unread count on the 通知 page, opens the notice, and the count
 * clears; the lead's tracking page shows 1 home read and the unread homes; a resident
 * of building 5 never sees it. A committee notice (posted through the API) reaches both.
 */
import type { Browser, Page } from 'playwright-core';
import { shot, useRuntimeAndBrowser, visit, type Served, pageAs } from './support';

jest.setTimeout(180_000);

const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

function api(page: Page, action: string, payload: unknown) {
  return page.evaluate(
    async ([a, p]) =>
      (
        await fetch('/api/notices', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action: a, payload: p }),
        })
      ).json(),
    [action, payload] as const,
  );
}

const as = (name: string) => pageAs(browser, served.url, name);

it('a building notice reaches building 3 only, is read, and the lead sees the read', async () => {
  const lead = await as('李秀英');
  await visit(lead, served.url, '/packages/notices/pages/post/index');
  const building3 = lead.locator('.post-audience', { hasText: '3栋' }).first();
  await building3.waitFor();
  // A lead of one building may find it chosen already; make sure it ends up chosen.
  if (!((await building3.getAttribute('class')) ?? '').includes('post-audience--on')) await building3.click();
  await lead.locator('.post-audience--on', { hasText: '3栋' }).waitFor();
  await lead.locator('.post-title input').fill('3栋明日停水');
  await lead.locator('.post-body textarea').fill('明天上午9点至12点3栋停水检修，请提前储水。');
  await lead.locator('.post-categories .choice__item', { hasText: '停水停电' }).click();
  await shot(lead, 'notice-post');
  await lead.locator('.post-submit').click();
  await lead.locator('.notice-detail__title >> visible=true', { hasText: '3栋明日停水' }).waitFor();
  const noticeId = decodeURIComponent(/[?&]id=([^&]+)/.exec(lead.url())![1]);
  const posted = { data: { id: noticeId } };

  const resident = await as('陈阿婆');
  await visit(resident, served.url, '/pages/notices/index');
  const item = resident.locator('.notice-item', { hasText: '3栋明日停水' });
  await item.waitFor();
  await expect(item.getAttribute('class')).resolves.toContain('notice-item--unread');
  await resident.locator('.notice-badge').waitFor();
  // The demo data leaves other notices unread for her too: the count drops by one.
  const unreadBefore = Number(/(\d+)/.exec(await resident.locator('.notice-badge').innerText())![1]);
  await shot(resident, 'notices-unread');
  await item.click();
  await resident.locator('.notice-detail__title', { hasText: '3栋明日停水' }).waitFor();
  await shot(resident, 'notice-detail');
  // Back to the list, as a person would: the tab refreshes when shown and the count clears.
  await resident.goBack();
  await resident.locator('.notice-item', { hasText: '3栋明日停水' }).waitFor();
  await resident.locator('.notice-item--unread', { hasText: '3栋明日停水' }).waitFor({ state: 'detached', timeout: 10_000 });
  await resident.waitForFunction(
    (n) => {
      const badge = document.querySelector('.notice-badge');
      return n === 1 ? !badge : badge?.textContent?.includes(`${n - 1} 条未读`) === true;
    },
    unreadBefore,
    { timeout: 10_000 },
  );

  // The lead follows up: 1 home read, and the list of homes not yet read.
  await visit(lead, served.url, `/packages/notices/pages/track/index?id=${encodeURIComponent(noticeId)}`);
  await lead.locator('.track-total', { hasText: '1 户已读' }).waitFor();
  await shot(lead, 'notice-track');
  await lead.locator('.track-building', { hasText: '3栋' }).first().click();
  const unreadRow = lead.locator('.unread-home >> visible=true').first();
  await unreadRow.waitFor();
  expect(await unreadRow.innerText()).toMatch(/3栋/);
  await shot(lead, 'notice-unread-homes');

  const other = await as('郑海涛');
  await visit(other, served.url, '/pages/notices/index');
  await other.waitForLoadState('networkidle');
  await other.locator('.notices').waitFor();
  expect(await other.locator('.notice-item', { hasText: '3栋明日停水' }).count()).toBe(0);
  expect(await api(other, 'notices.open', { noticeId: posted.data.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

  const committee = await as('黄美玲');
  const all = await api(committee, 'notices.post', {
    clientRequestId: 'e2e-committee-0001',
    audience: { kind: 'compounds', compoundIds: ['txsj'] },
    title: '业委会十月收支公示',
    body: '十月物业费收入与支出明细已公布，欢迎监督。',
    category: '财务公示',
  });
  expect(all.ok).toBe(true);
  for (const page of [resident, other]) {
    await visit(page, served.url, '/pages/notices/index');
    await page.locator('.notice-item', { hasText: '业委会十月收支公示' }).waitFor();
  }
  await shot(other, 'notices-building5');
});
