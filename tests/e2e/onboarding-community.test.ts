/**
 * Day one for a compound without a committee (issue 24), in Chromium from an empty data
 * folder: the operator's setup names a community worker; she claims the role, opens the
 * guide of 新城花园, takes the committee's place (社区代行业委会) and then does what only a
 * committee could: opens the register import and sets the property fee.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { callApi, launch, phone, runSetup, serve, shot, signIn, visit, xlsxFile, type Served } from './support';

jest.setTimeout(300_000);
let served: Served;
let browser: Browser;
let code = '';

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jinlin-e2e-community-'));
  const file = await xlsxFile(
    mkdtempSync(join(tmpdir(), 'jinlin-e2e-setup-')),
    'compound.xlsx',
    ['社区', '小区', '地址', '楼栋', '单元数', '电梯', '类型'],
    [
      ['侨兴社区', '新城花园', '侨兴路 8 号', '1栋', 2, '有', '住宅'],
      ['侨兴社区', '新城花园', '侨兴路 8 号', '2栋', 2, '无', '住宅'],
    ],
  );
  code = /\n\s{4}([A-Z2-9]{12})\n/.exec(runSetup(dataDir, file, '--role', 'community'))?.[1] ?? '';
  served = await serve({ dataDir, args: ['--empty'] });
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

it('a community worker stands in for the missing committee: imports the register and sets the fee', async () => {
  expect(code).toMatch(/^[A-Z2-9]{12}$/);
  const page = await (await phone(browser)).newPage();
  await signIn(page, served.url, null);
  await visit(page, served.url, `/packages/onboarding/pages/claim/index?code=${code}`);
  await page.locator('.claim-name input').fill('周文华');
  await page.locator('.claim-submit').click();
  await page.locator('.claim-done').waitFor();
  await page.locator('.claim-guide').click();

  // The guide says the community runs it, and offers to stand in.
  const banner = page.locator('.guide-run-by-community');
  await banner.waitFor();
  expect(await banner.innerText()).toContain('由社区工作人员代行业委会职责');
  const compoundId = (await callApi(page, 'onboarding', 'guide.get', {})).data.compound.id as string;
  // Before standing in, the committee's pages refuse her.
  expect((await callApi(page, 'accounts', 'roster.export', { compoundId })).error.code).toBe('FORBIDDEN');
  await shot(page, 'onboarding-community-guide');
  await page.locator('.guide-stand-in').click();
  await page.locator('.guide-stand-in__holder', { hasText: '现由 周文华 代行' }).waitFor();
  await page.locator('.guide-stand-in-off').waitFor();
  await shot(page, 'onboarding-community-standing-in');

  // The register import opens for her.
  await page.locator('.guide-go-import').click();
  await page.locator('.import-choose').waitFor();

  // And the property fee can be set, as the committee would.
  await visit(page, served.url, `/packages/fees/pages/rates/index?compoundId=${compoundId}`);
  await page.locator('.rates-form').waitFor();
  await page.locator('.rates-kinds .choice__label', { hasText: '物业费' }).click();
  await page.locator('.rates-from .choice__label', { hasText: /^本月/ }).click();
  await page.locator('.rates-tier--flat_lift input').fill('1.10');
  await page.locator('.rates-tier--flat_walkup input').fill('0.70');
  await page.locator('.rates-submit').click();
  await page.locator('.confirm__ok').click();
  await page.locator('.rates-done', { hasText: '已设置' }).waitFor();

  // 角色管理 names who stands in.
  const roles = await callApi(page, 'accounts', 'roles.list', { compoundId });
  expect(roles.data.items.map((r: { label: string; personName: string }) => `${r.personName} · ${r.label}`)).toContain(
    '周文华 · 社区代行业委会',
  );
});
