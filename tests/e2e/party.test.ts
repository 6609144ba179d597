/**
 * The party branch in the browser, the four walks of issue 20:
 * - 王志明 (branch secretary) assigns 3栋 to 李秀英, who logs a visit with 需要跟进 and
 *   registers it as 民情 (concerns.raiseFor) from her task list;
 * - 吴晓峰 nominates 陈阿婆's household, she accepts under “陈家”, the secretary opens the
 *   vote and residents vote (one vote per home);
 * - the secretary publishes the results: the 荣誉榜 shows;
 * - the secretary books an expense that a second 支委 (张卫东) approves.
 * Every page is screenshotted in normal and 大字模式 and audited (tests/e2e/page-audit.ts).
 */
import type { Browser, Page } from 'playwright-core';
import { pageAs, shot, useRuntimeAndBrowser, visit, type Served } from './support';
import { auditBothModes } from './page-audit';

jest.setTimeout(400_000);

const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

const v = (page: Page, selector: string, opts?: { hasText?: string | RegExp }) => page.locator(`${selector} >> visible=true`, opts);
const P = '/packages/party/pages';
const SELECTION = 'sel-txsj-family';

it('the secretary assigns 3栋 to 李秀英, who logs a visit with 需要跟进 and registers it as 民情', async () => {
  const findings: string[] = [];
  const sec = await pageAs(browser, served.url, '王志明');
  await visit(sec, served.url, `${P}/assign/index`);
  await v(sec, '.party-buildings .choice__item', { hasText: /^3栋/ }).click();
  await v(sec, '.party-unassigned', { hasText: /3栋 还没有党员包联的住户（[1-9]\d* 户）/ }).waitFor();
  findings.push(...(await auditBothModes(sec, 'party-assign')));
  await v(sec, '.party-buildings .choice__item', { hasText: /^3栋/ }).click();
  await v(sec, '.party-members .choice__item', { hasText: '李秀英' }).click();
  await v(sec, '.party-assign-submit').click();
  await v(sec, '.party-unassigned', { hasText: '本栋每户都有党员包联' }).waitFor({ timeout: 20_000 });

  const li = await pageAs(browser, served.url, '李秀英');
  await visit(li, served.url, `${P}/households/index`);
  const row = v(li, '.party-home', { hasText: '2单元' }).first();
  await row.waitFor();
  findings.push(...(await auditBothModes(li, 'party-households')));
  await v(li, '.party-home', { hasText: '2单元' }).first().locator('.party-visit-open').click();
  await v(li, '.party-topics .choice__item', { hasText: '环境卫生' }).click();
  await v(li, '.party-followup .choice__item', { hasText: '需要跟进' }).click();
  await v(li, '.party-note-input input').fill('楼道堆放杂物，请物业清理');
  await shot(li, 'party-visit-form');
  await v(li, '.party-visit-submit').click();
  // She leads 3栋, so the follow-up is hers to register as 民情.
  await v(li, '.party-task', { hasText: '楼道堆放杂物' }).waitFor({ timeout: 20_000 });
  await v(li, '.party-task-open').first().click();
  await v(li, '.party-task-category .choice__item', { hasText: '环境卫生' }).click();
  await v(li, '.party-task-submit').click();
  await v(li, '.party-task', { hasText: '楼道堆放杂物' }).waitFor({ state: 'detached', timeout: 20_000 });
  await li.reload();
  await v(li, '.party-recent', { hasText: '已登记民情' }).waitFor({ timeout: 20_000 });
  expect(findings).toEqual([]);
});

it('a resident nominates a neighbour, she accepts, residents vote, and the results are published', async () => {
  const findings: string[] = [];
  const wu = await pageAs(browser, served.url, '吴晓峰');
  await visit(wu, served.url, `${P}/selections/index`);
  await v(wu, '.party-selection-item', { hasText: '文明好家庭' }).waitFor();
  findings.push(...(await auditBothModes(wu, 'party-selections')));
  await v(wu, '.party-selection-item', { hasText: '文明好家庭' }).click();
  await v(wu, '.party-nominee-buildings .choice__item', { hasText: /^3栋/ }).click();
  await v(wu, '.party-nominee-units .choice__item', { hasText: '2单元' }).click();
  await v(wu, '.party-nominee-rooms .choice__item', { hasText: /^101$/ }).click();
  await v(wu, '.party-reason textarea').fill('每天帮邻居收快递，照看楼下花坛');
  await v(wu, '.party-nominate-submit').click();
  await v(wu, '.party-nominee', { hasText: '等待对方同意' }).waitFor({ timeout: 20_000 });

  const chen = await pageAs(browser, served.url, '陈阿婆');
  await visit(chen, served.url, `${P}/selection/index?id=${SELECTION}`);
  await v(chen, '.party-invitation').waitFor();
  findings.push(...(await auditBothModes(chen, 'party-selection-invited')));
  await v(chen, '.party-shown-as input').fill('陈家');
  await v(chen, '.party-accept').click();
  await v(chen, '.party-nominee', { hasText: '陈家' }).waitFor({ timeout: 20_000 });

  const sec = await pageAs(browser, served.url, '王志明');
  await visit(sec, served.url, `${P}/selection/index?id=${SELECTION}`);
  await v(sec, '.party-start-voting').click();
  await v(sec, '.confirm__ok').click();
  await v(sec, '.party-phase', { hasText: '投票中' }).waitFor({ timeout: 20_000 });

  for (const voter of [wu, await pageAs(browser, served.url, '郑海涛')]) {
    await visit(voter, served.url, `${P}/selection/index?id=${SELECTION}`);
    await v(voter, '.party-nominee', { hasText: '陈家' }).locator('.party-vote').click();
    await v(voter, '.confirm__ok').click();
    await v(voter, '.party-nominee', { hasText: '陈家' }).locator('.row__side', { hasText: '已投' }).waitFor({ timeout: 20_000 });
  }
  findings.push(...(await auditBothModes(wu, 'party-selection-voted')));

  await visit(sec, served.url, `${P}/selection/index?id=${SELECTION}`);
  await v(sec, '.party-publish').click();
  await v(sec, '.confirm__ok').click();
  await v(sec, '.party-honour .party-winner', { hasText: '陈家' }).waitFor({ timeout: 20_000 });
  await visit(chen, served.url, `${P}/selection/index?id=${SELECTION}`);
  await v(chen, '.party-winner', { hasText: /陈家[\s\S]*2 票|2 票/ }).waitFor({ timeout: 20_000 });
  findings.push(...(await auditBothModes(chen, 'party-honour')));
  expect(findings).toEqual([]);
});

it('the secretary books an expense that a second 支委 approves; the structure page names only who consented', async () => {
  const findings: string[] = [];
  const sec = await pageAs(browser, served.url, '王志明');
  await visit(sec, served.url, `${P}/book/index`);
  await v(sec, '.party-book-form').waitFor();
  await v(sec, '.party-book-amount input').fill('120');
  await v(sec, '.party-book-memo input').fill('七一主题党日活动');
  await v(sec, '.party-book-submit').click();
  await v(sec, '.party-pending-item', { hasText: '七一主题党日活动' }).waitFor({ timeout: 20_000 });
  await expect(v(sec, '.party-pending-item .party-approve').count()).resolves.toBe(0);

  const zhang = await pageAs(browser, served.url, '张卫东');
  await visit(zhang, served.url, `${P}/book/index`);
  await v(zhang, '.party-pending-item', { hasText: '七一主题党日活动' }).waitFor();
  findings.push(...(await auditBothModes(zhang, 'party-book')));
  await v(zhang, '.party-pending-item', { hasText: '七一主题党日活动' }).locator('.party-approve').click();
  await v(zhang, '.party-entry', { hasText: '七一主题党日活动' }).first().waitFor({ timeout: 20_000 });
  await expect(v(zhang, '.party-entry', { hasText: '七一主题党日活动' }).first().textContent()).resolves.toContain('张卫东审核');
  await v(zhang, '.party-verify').click();
  await v(zhang, '.party-check', { hasText: '校验通过' }).waitFor({ timeout: 20_000 });

  const chen = await pageAs(browser, served.url, '陈阿婆');
  await visit(chen, served.url, `${P}/structure/index`);
  await v(chen, '.party-level-3').waitFor();
  const text = (await v(chen, '.party-structure').first().textContent()) ?? '';
  expect(text).toContain('李秀英');
  expect(text).not.toContain('张卫东');
  findings.push(...(await auditBothModes(chen, 'party-structure')));
  const rep = await pageAs(browser, served.url, '王志明');
  await visit(rep, served.url, `${P}/reports/index`);
  await v(rep, '.party-vanguard').waitFor();
  findings.push(...(await auditBothModes(rep, 'party-reports')));
  expect(findings).toEqual([]);
});

it('the secretary adds a resident to the branch roster (党员名册)', async () => {
  const findings: string[] = [];
  const sec = await pageAs(browser, served.url, '王志明');
  await visit(sec, served.url, `${P}/members/index`);
  await v(sec, '.card__title', { hasText: '在册 47 名' }).waitFor();
  await v(sec, '.party-member', { hasText: '王志明' }).waitFor();
  findings.push(...(await auditBothModes(sec, 'party-members')));
  await v(sec, '.party-member-add').click();
  await v(sec, '.party-member-search input').fill('郑海涛');
  await v(sec, '.party-member-go').click();
  await v(sec, '.party-member-hit', { hasText: '郑海涛' }).click();
  await v(sec, '.party-member-hit', { hasText: '已选' }).waitFor();
  await shot(sec, 'party-member-sheet');
  await v(sec, '.party-member-save').click();
  await v(sec, '.card__title', { hasText: '在册 48 名' }).waitFor({ timeout: 20_000 });
  await expect(v(sec, '.party-member-sheet').count()).resolves.toBe(0);
  expect(findings).toEqual([]);
});
