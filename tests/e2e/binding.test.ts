/**
 * As people would: a new WeChat user finds 天翔世家 by name and asks to bind a home in 3栋, the lead of
 * building 3 approves it on the approvals page, and (the name is not on the register)
 * a committee member approves too; the user then sees the home. The
 * lead of building 5 neither sees the request nor may decide it.
 */
import type { Browser } from 'playwright-core';
import { callApi, phone, shot, signIn, useRuntimeAndBrowser, visit, type Served } from './support';
import { auditPage } from './page-audit';

jest.setTimeout(180_000);

const api = callApi;
const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

it('a new user binds a home in building 3 after the lead of building 3 approves', async () => {
  const userCtx = await phone(browser);
  const user = await userCtx.newPage();
  await signIn(user, served.url, null);

  await visit(user, served.url, '/packages/accounts/pages/bind/index');
  // Nothing is listed before a search (a district has hundreds of compounds). A name that
  // is not there says what to do; a few characters find 天翔世家. Both looked at in both modes.
  await user.locator('.bind-search').waitFor();
  expect(await user.locator('.bind-compounds').count()).toBe(0);
  await shot(user, 'bind-search-start');
  const findings: string[] = [];
  for (const large of [false, true]) {
    const mode = large ? 'large' : 'normal';
    await user.evaluate((on) => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: on })), large);
    await user.reload();
    await user.locator('.bind-search input').fill('天翔花园');
    await user.locator('.bind-search-go').click();
    await user.getByText('没有找到“天翔花园”').waitFor();
    await user.getByText('请核对小区名称或向楼栋长要邀请码').waitFor();
    await shot(user, `bind-search-empty-${mode}`);
    findings.push(...(await auditPage(user, large)).map((f) => `empty ${mode}: ${f.kind}: ${f.what}`));
    await user.locator('.bind-search input').fill(' 天翔 ');
    await user.locator('.bind-search-go').click();
    await user.locator('.bind-compounds .choice__label', { hasText: '天翔世家' }).waitFor();
    expect(await user.locator('.bind-compounds .choice__item').count()).toBe(1);
    await shot(user, `bind-search-found-${mode}`);
    findings.push(...(await auditPage(user, large)).map((f) => `found ${mode}: ${f.kind}: ${f.what}`));
  }
  expect(findings).toEqual([]);
  await user.evaluate(() => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: false })));
  await user.reload();
  await user.locator('.bind-search input').fill('天翔');
  await user.locator('.bind-search-go').click();
  await user.locator('.bind-compounds .choice__label', { hasText: '天翔世家' }).click();
  // The picked compound's buildings, with a way back to the search.
  await user.locator('.bind-compound', { hasText: '天翔世家' }).waitFor();
  await user.locator('.bind-compound-change').waitFor();
  await shot(user, 'bind-compound-picked');
  expect((await auditPage(user, false)).map((f) => `picked: ${f.kind}: ${f.what}`)).toEqual([]);
  await user.locator('.bind-buildings .choice__label', { hasText: /^3栋$/ }).click();
  await user.locator('.bind-units .choice__label', { hasText: /^2$/ }).click();
  const firstHome = user.locator('.bind-homes .choice__item').first();
  await firstHome.waitFor();
  const number = (await firstHome.locator('.choice__label').innerText()).trim();
  await firstHome.click();
  await user.locator('.bind-relations .choice__label', { hasText: '业主' }).click();
  await user.locator('.bind-name input').fill('新邻居');
  await shot(user, 'bind-form');
  await user.locator('.bind-submit').click();
  // The name is not on the register, so the page says two approvals are needed.
  await user.getByText('已提交，等待楼栋长或业委会审核（需2人同意）').waitFor();
  await shot(user, 'bind-submitted');

  // The lead of building 5 does not see it and may not decide it.
  const lead5Ctx = await phone(browser);
  const lead5 = await lead5Ctx.newPage();
  await signIn(lead5, served.url, '张卫东');
  await visit(lead5, served.url, '/packages/accounts/pages/approvals/index');
  await lead5.locator('.approvals').waitFor();
  await lead5.waitForLoadState('networkidle');
  expect(await lead5.locator('.approval-item', { hasText: '新邻居' }).count()).toBe(0);

  const lead3Ctx = await phone(browser);
  const lead3 = await lead3Ctx.newPage();
  await signIn(lead3, served.url, '李秀英');
  const pending = await api(lead3, 'accounts', 'binding.pending', {});
  const request = pending.data.items.find((r: { applicantName: string }) => r.applicantName === '新邻居');
  expect(request.home.label).toBe(`3栋2单元${number}`);
  const refused = await api(lead5, 'accounts', 'binding.decide', { requestId: request.id, approve: true });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } });

  await visit(lead3, served.url, '/packages/accounts/pages/approvals/index');
  const item = lead3.locator('.approval-item', { hasText: '新邻居' });
  await item.waitFor();
  // The lead sees whether the claim matches the register and the owner's name masked (于*东), never in full.
  expect(await item.locator('.approval-item__match').innerText()).toBe('与登记业主不一致');
  const masked = await item.locator('.approval-item__owners').innerText();
  expect(masked).toMatch(/^与登记业主不一致\s+.\*+.$/);
  await shot(lead3, 'approvals');
  await item.locator('.approval-approve').click();
  // The new user's name is not on the property register: a second approver is needed.
  await item.locator('.approval-item__progress', { hasText: '还需1人' }).waitFor();

  const committeeCtx = await phone(browser);
  const committee = await committeeCtx.newPage();
  await signIn(committee, served.url, '林国栋');
  await visit(committee, served.url, '/packages/accounts/pages/approvals/index');
  const second = committee.locator('.approval-item', { hasText: '新邻居' });
  await second.waitFor();
  // The committee keeps the register: the same owner's name in full.
  expect(await second.locator('.approval-item__owners').innerText()).not.toContain('*');
  await shot(committee, 'approvals-committee');
  await second.locator('.approval-approve').click();
  await second.waitFor({ state: 'detached' });

  await visit(user, served.url, '/packages/accounts/pages/homes/index');
  await user.locator('.homes-item', { hasText: `3栋2单元${number}` }).waitFor();
  await shot(user, 'my-homes');
  await Promise.all([userCtx.close(), lead5Ctx.close(), lead3Ctx.close(), committeeCtx.close()]);
});
