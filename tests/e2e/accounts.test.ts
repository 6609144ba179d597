/**
 * Issue 8, accounts side, as people would do it in the h5 demo:
 * - the committee imports a roster: the row "9栋 1 101 住宅" is refused (building
 *   no. 9 is the shops block), a corrected file's dry run says where each new home
 *   goes, and the import puts it exactly there;
 * - a building lead creates an invite code and a new user binds with it;
 * - a new resident allows contact while binding and the lead sees the phone with a
 *   call button on the approvals page; a resident switches it on 我的.
 * Screenshots (phone-sized, normal and 大字模式) go to $E2E_SHOTS when set.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { callApi, phone, shot, signIn, useRuntimeAndBrowser, visit, xlsxFile, type Served } from './support';

jest.setTimeout(240_000);

const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

const dir = mkdtempSync(join(tmpdir(), 'jinlin-e2e-xlsx-'));
const api = callApi;
const xlsx = (name: string, header: string[], rows: string[][]) => xlsxFile(dir, name, header, rows, '花名册');

/** Both modes: normal, then 大字模式 (the switch is remembered on the device). */
async function shots(page: Page, name: string, reload: () => Promise<void>) {
  await shot(page, `${name}-normal`);
  await page.evaluate(() => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: true })));
  await reload();
  await shot(page, `${name}-large`);
  await page.evaluate(() => localStorage.setItem('jinlin.largeText', JSON.stringify({ data: false })));
}

async function pick(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.locator('.import-choose').click();
  await (await chooser).setFiles(path);
}

it('roster import: the 9栋 row is refused; the dry run says where new homes go, and the import puts them there', async () => {
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await signIn(page, served.url, '林国栋');
  const open = async () => {
    await visit(page, served.url, '/packages/accounts/pages/import/index');
    await page.locator('.import-choose').waitFor();
  };
  await open();
  await shots(page, 'import', open);

  await pick(
    page,
    await xlsx(
      'wrong.xlsx',
      ['楼号', '单元', '室号', '类型', '建筑面积', '户主', '联系电话'],
      [['9栋', '1', '101', '住宅', '95', '王某', '']],
    ),
  );
  const row = page.locator('.import-error-row');
  await row.first().waitFor();
  expect(await row.count()).toBe(1);
  expect(await row.first().innerText()).toContain('沿街商铺');
  expect(await page.locator('.import-confirm').count()).toBe(0);
  await row.first().scrollIntoViewIfNeeded();
  await shot(page, 'import-refused');

  await pick(
    page,
    await xlsx(
      'right.xlsx',
      ['楼号', '单元', '室号', '类型', '建筑面积', '户主', '联系电话'],
      [
        ['3号楼', '一单元', '1801', '住宅', '95', '钱多多', '13912345678'],
        ['沿街商铺', '', 'S50', '商铺', '40', '李老板', ''],
      ],
    ),
  );
  const preview = page.locator('.import-preview-row');
  await preview.nth(1).waitFor();
  expect(await preview.locator('.import-preview-row__label').allInnerTexts()).toEqual(['天翔世家 3栋1单元1801', '天翔世家 沿街商铺S50']);
  await page.locator('.import-confirm').scrollIntoViewIfNeeded();
  await shot(page, 'import-preview');
  await page.locator('.import-confirm').click();
  await page.locator('.import-summary', { hasText: /已新增 2 户|正在新增 2 户/ }).waitFor();

  // The room picker's order: natural (101, 102, 201 … 1702, 1801), the new home among them.
  const all: string[] = [];
  let cursor: string | undefined;
  do {
    const next = await api(page, 'accounts', 'homes.list', { buildingId: 'txsj-b3', unit: '1', size: 20, ...(cursor ? { cursor } : {}) });
    all.push(...next.data.items.map((h: { number: string }) => h.number));
    cursor = next.data.nextCursor;
  } while (cursor);
  expect(all.slice(0, 3)).toEqual(['101', '102', '201']);
  expect(all).toContain('1801');
  expect(all.indexOf('1702')).toBeLessThan(all.indexOf('1801'));
  await ctx.close();
});

it('a lead creates an invite code and a new user binds with it', async () => {
  const leadCtx = await phone(browser);
  const lead = await leadCtx.newPage();
  await signIn(lead, served.url, '李秀英');
  // 邀请码 is in the 服务 grid for her.
  await visit(lead, served.url, '/pages/services/index');
  await lead.locator('.service-invites').waitFor();
  const open = async () => {
    await visit(lead, served.url, '/packages/accounts/pages/invites/index');
    await lead.locator('.invites-buildings').waitFor();
  };
  await open();
  await lead.locator('.invites-buildings .choice__label', { hasText: /^3栋$/ }).click();
  await lead.locator('.invites-units .choice__label', { hasText: '2单元' }).click();
  await lead.locator('.invites-homes .choice__label', { hasText: /^1701$/ }).click();
  await lead.locator('.invites-relations .choice__label', { hasText: '租户' }).click();
  await lead.locator('.invites-create').click();
  const fresh = lead.locator('.invite-item--fresh');
  await fresh.waitFor();
  const code = (await fresh.locator('.invite-item__code').innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{10}$/);
  expect(await fresh.innerText()).toContain('3栋2单元1701（租户）');
  await fresh.scrollIntoViewIfNeeded();
  await shots(lead, 'invites', async () => {
    await open();
    await lead.locator('.invite-item').first().scrollIntoViewIfNeeded();
  });

  const userCtx = await phone(browser);
  const user = await userCtx.newPage();
  await signIn(user, served.url, null);
  // The share card opens the bind page with the code filled in.
  await visit(user, served.url, `/packages/accounts/pages/bind/index?code=${code}`);
  expect(await user.locator('.bind-code input').inputValue()).toBe(code);
  await user.locator('.bind-invite-name input').fill('邀请来的');
  await user.locator('.bind-redeem').click();
  await user.getByText('绑定成功').waitFor();
  expect(await user.locator('.bind-done__text').innerText()).toContain('3栋2单元1701（租户）');
  // Used: gone from the lead's list.
  const list = await api(lead, 'accounts', 'invite.list', {});
  expect(list.data.items.map((i: { code: string }) => i.code)).not.toContain(code);
  await Promise.all([leadCtx.close(), userCtx.close()]);
});

it('a resident allows contact: the lead sees the phone with a call button; 我的 has the switch', async () => {
  const userCtx = await phone(browser);
  const user = await userCtx.newPage();
  await signIn(user, served.url, null);
  await visit(user, served.url, '/packages/accounts/pages/bind/index');
  await user.locator('.bind-search input').fill('天翔');
  await user.locator('.bind-search-go').click();
  await user.locator('.bind-compounds .choice__label', { hasText: '天翔世家' }).click();
  await user.locator('.bind-buildings .choice__label', { hasText: /^3栋$/ }).click();
  await user.locator('.bind-units .choice__label', { hasText: /^2$/ }).click();
  await user.locator('.bind-homes .choice__label', { hasText: /^1702$/ }).click();
  await user.locator('.bind-relations .choice__label', { hasText: '租户' }).click();
  await user.locator('.bind-name input').fill('愿联系');
  await user.locator('.bind-phone input').fill('13800002222');
  await user.locator('.bind-contact').click();
  await user.locator('.bind-contact .toggle--on').waitFor();
  await shot(user, 'bind-contact-normal');
  await user.locator('.bind-submit').click();
  await user.getByText('已提交，等待楼栋长审核').waitFor();
  // 首页 shows the request's status, not the bind button again.
  const home = async () => {
    await visit(user, served.url, '/pages/home/index');
    await user.locator('.home-pending__status').first().waitFor();
  };
  await home();
  expect(await user.locator('.home-bind-cta').count()).toBe(0);
  expect(await user.locator('.home-pending__status').first().innerText()).toContain('待楼栋长审核');
  // Before approval nothing reaches them: no 通知都已读过.
  expect(await user.locator('.home-notices').count()).toBe(0);
  await shots(user, 'home-pending', home);

  const leadCtx = await phone(browser);
  const lead = await leadCtx.newPage();
  await signIn(lead, served.url, '李秀英');
  const approvals = async () => {
    await visit(lead, served.url, '/packages/accounts/pages/approvals/index');
    await lead.locator('.approval-item', { hasText: '愿联系' }).waitFor();
  };
  await approvals();
  const item = lead.locator('.approval-item', { hasText: '愿联系' });
  expect(await item.locator('.approval-item__phone').innerText()).toBe('13800002222');
  await item.locator('.approval-call').waitFor();
  // Someone who did not agree stays masked (the earlier new user's request may be gone; check the API view).
  const pending = await api(lead, 'accounts', 'binding.pending', { size: 50 });
  const shownPhones = pending.data.items
    .filter((r: any) => r.applicantName !== '愿联系' && r.applicantPhone)
    .map((r: any) => r.applicantPhone as string);
  expect(shownPhones.filter((p: string) => !/\*{4}/.test(p))).toEqual([]);
  await shots(lead, 'approvals-call', approvals);

  // A bound resident switches it on 我的.
  const oldCtx = await phone(browser);
  const old = await oldCtx.newPage();
  await signIn(old, served.url, '陈阿婆');
  const me = async () => {
    await visit(old, served.url, '/pages/me/index');
    await old.locator('.me-contact-lead').waitFor();
  };
  await me();
  await old.locator('.me-contact-lead').click();
  await old.locator('.me-contact-lead .toggle--on').waitFor();
  expect((await api(old, 'accounts', 'me.get', {})).data.person.contactLead).toBe(true);
  await shots(old, 'me-contact', me);
  await Promise.all([userCtx.close(), leadCtx.close(), oldCtx.close()]);
});

it('the branch secretary finds people by room, and staff see no bind button first; sign-in groups are right', async () => {
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await signIn(page, served.url, '王志明');
  const roles = async () => {
    await visit(page, served.url, '/packages/accounts/pages/roles/index');
    await page.locator('.roles-grant').waitFor();
  };
  await roles();
  await page.locator('.roles-grant').click();
  await page.locator('.grant-search__input input').fill('1502');
  await page.locator('.grant-search__go').click();
  await page.locator('.grant-person', { hasText: '吴晓峰' }).waitFor();
  expect(await page.locator('.grant-person', { hasText: '吴晓峰' }).innerText()).toContain('3栋1单元1502（租户）');
  await shots(page, 'roles-search', async () => {
    await roles();
    await page.locator('.roles-grant').click();
    await page.locator('.grant-person').first().waitFor();
  });

  const staffCtx = await phone(browser);
  const staff = await staffCtx.newPage();
  await signIn(staff, served.url, '赵强');
  const home = async () => {
    await visit(staff, served.url, '/pages/home/index');
    await staff.locator('.home__greet').waitFor();
    await staff.waitForLoadState('networkidle');
  };
  await home();
  expect(await staff.locator('.home-bind-cta').count()).toBe(0);
  await shots(staff, 'home-staff', home);

  await visit(staff, served.url, '/packages/accounts/pages/signin/index');
  const residents = staff.locator('.signin-group', { hasText: '住户' });
  await residents.first().waitFor();
  const unbound = staff.locator('.signin-group', { has: staff.locator('.signin-group__title', { hasText: '未绑定房屋' }) });
  expect((await unbound.count()) ? await unbound.innerText() : '').not.toContain('陈阿婆');
  expect(await staff.locator('.signin-person', { hasText: '蔡老板' }).innerText()).toContain('商铺业主');
  await shots(staff, 'signin', async () => {
    await visit(staff, served.url, '/packages/accounts/pages/signin/index');
    await staff.locator('.signin-person').first().waitFor();
  });
  await Promise.all([ctx.close(), staffCtx.close()]);
});
