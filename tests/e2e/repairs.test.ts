/**
 * 何玉兰 of 御家兰庭 reports a leaking pipe with a photo; 孙志刚 (the manager) assigns
 * it to 钱国华; 钱国华 starts and finishes it with an after-photo and costs; 何玉兰
 * confirms and rates it; 郑国强, a neighbour (no repair role), adds 我也遇到 on the common-area lift
 * repair of 1栋 on the board. Along the way: the home cards, the manager's list and
 * the monthly figures.
 */
import type { Browser, Page } from 'playwright-core';
import { demoPng } from '../../scripts/lib/seed-repairs';
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
const detail = (id: string) => `/packages/repairs/pages/detail/index?id=${encodeURIComponent(id)}`;

async function attachPhoto(page: Page, trigger: string, name: string, rgb: [number, number, number]) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(`${trigger} >> visible=true`).first().click()]);
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: demoPng(rgb, 14) });
}

it('a leaking pipe: reported with a photo, assigned, finished with an after-photo, confirmed and rated; a neighbour adds 我也遇到 on the lift', async () => {
  // 何玉兰 reports.
  const resident = await as('何玉兰');
  await visit(resident, served.url, '/packages/repairs/pages/report/index');
  await resident.locator('.report-spots .choice__item', { hasText: '5栋1单元301' }).click();
  await resident.locator('.report-categories .choice__item', { hasText: '水管漏水' }).click();
  await resident.locator('.report-description textarea').fill('厨房水槽下面的水管漏水，地上全是水');
  await resident.locator('.report-urgent__switch').click();
  await attachPhoto(resident, '.report-add-photo', 'leak.png', [90, 130, 200]);
  await resident.locator('.repair-photo .repair-photo__img').first().waitFor();
  await shot(resident, 'repair-report');
  await resident.locator('.report-submit').click();
  await resident.locator('.repair-detail__status >> visible=true', { hasText: '待受理' }).waitFor({ timeout: 20_000 });
  const id = decodeURIComponent(/[?&]id=([^&]+)/.exec(resident.url())![1]);
  expect(await resident.locator('.repair-head .repair-photo__img >> visible=true').count()).toBe(1);
  await shot(resident, 'repair-detail-submitted');

  // The manager sees it on 首页 work and assigns it to 钱国华.
  const manager = await as('孙志刚');
  await visit(manager, served.url, '/packages/repairs/pages/manage/index');
  await manager.locator('.repair-row', { hasText: '5栋1单元301' }).first().waitFor();
  await shot(manager, 'repair-manage');
  await visit(manager, served.url, detail(id));
  await manager.locator('.repair-act-assign >> visible=true').click();
  await manager.locator('.repair-staff >> visible=true', { hasText: '钱国华' }).click();
  await manager.locator('.repair-detail__status >> visible=true', { hasText: '已派单' }).waitFor();
  await shot(manager, 'repair-detail-assigned');

  // 钱国华 finds it in his queue, starts, and finishes with an after-photo and the costs.
  const staff = await as('钱国华');
  await visit(staff, served.url, '/packages/repairs/pages/queue/index');
  await staff.locator('.repair-row', { hasText: '5栋1单元301' }).first().waitFor();
  await shot(staff, 'repair-queue');
  await visit(staff, served.url, detail(id));
  await staff.locator('.repair-act-start >> visible=true').click();
  await staff.locator('.repair-form-submit >> visible=true').click();
  await staff.locator('.repair-detail__status >> visible=true', { hasText: '维修中' }).waitFor();
  await staff.locator('.repair-act-finish >> visible=true').click();
  await staff.locator('.repair-labour input >> visible=true').fill('50');
  await staff.locator('.repair-materials input >> visible=true').fill('23.5');
  await staff.locator('.repair-form-note textarea >> visible=true').fill('更换了一段老化的水管和接头');
  await attachPhoto(staff, '.repair-form-photo', 'after.png', [110, 190, 130]);
  await staff.locator('.repair-sheet .repair-photo__img >> visible=true').first().waitFor();
  await shot(staff, 'repair-finish-form');
  await staff.locator('.repair-form-submit >> visible=true').click();
  await staff.locator('.repair-detail__status >> visible=true', { hasText: '待确认' }).waitFor();
  await staff.locator('.repair-event--finish .repair-photo__img >> visible=true').first().waitFor();

  // 何玉兰 sees what is next on 首页, confirms and rates.
  await visit(resident, served.url, '/pages/home/index');
  await resident.locator('.repair-card', { hasText: '请确认并评价' }).first().waitFor();
  await shot(resident, 'repair-home-card');
  await visit(resident, served.url, detail(id));
  await resident.locator('.repair-act-confirm >> visible=true').click();
  await resident.locator('.repair-star-5 >> visible=true').click();
  await resident.locator('.repair-form-note textarea >> visible=true').fill('师傅来得很快，修得很好');
  await resident.locator('.repair-form-submit >> visible=true').click();
  await resident.locator('.repair-detail__status >> visible=true', { hasText: '已完成' }).waitFor();
  await resident.locator('.repair-rating >> visible=true', { hasText: '师傅来得很快' }).waitFor();
  await shot(resident, 'repair-confirmed');

  // 郑国强 adds 我也遇到 on the lift repair of 1栋 instead of reporting it again.
  const neighbour = await as('郑国强');
  await visit(neighbour, served.url, '/packages/repairs/pages/board/index');
  const lift = neighbour.locator('.board-item', { hasText: '1单元电梯' }).first();
  await lift.waitFor();
  const before = Number(/(\d+)位邻居也遇到/.exec(await lift.innerText())?.[1] ?? 0);
  expect(before).toBeGreaterThan(0);
  await lift.locator('.board-follow').click();
  await lift.locator('.board-item__done').waitFor();
  expect(await lift.innerText()).toContain(`${before + 1}位邻居也遇到`);
  // The board never names who reported it.
  await lift.locator('.repair-row').click();
  await neighbour.locator('.repair-follow__done >> visible=true').waitFor();
  expect(await neighbour.locator('.repair-head__meta >> visible=true').innerText()).not.toContain('报修人');
  await shot(neighbour, 'repair-board-follow');

  // The manager's figures for this month, in one call.
  await visit(manager, served.url, '/packages/repairs/pages/stats/index');
  await manager.locator('.stats-bar').first().waitFor();
  await shot(manager, 'repair-stats');
});

it("a reopened repair waits for a new dispatch: the manager's list says 待重新派单 and names no worker", async () => {
  const manager = await as('刘洋');
  await visit(manager, served.url, '/packages/repairs/pages/manage/index');
  const row = manager.locator('.repair-row', { hasText: '待重新派单' }).first();
  await row.waitFor({ timeout: 20_000 });
  expect(await row.innerText()).not.toContain('维修：');
  await shot(manager, 'repair-manage-reopened');
  await manager.context().close();
});

it("a photo 何玉兰 adds shows on the manager's detail page within seconds, and its content check clears by itself", async () => {
  const resident = await as('何玉兰');
  await visit(resident, served.url, '/packages/repairs/pages/report/index');
  await resident.locator('.report-spots .choice__item', { hasText: '5栋1单元301' }).click();
  await resident.locator('.report-categories .choice__item', { hasText: '水管漏水' }).click();
  await resident.locator('.report-description textarea').fill('阳台地漏往上返水');
  await attachPhoto(resident, '.report-add-photo', 'drain.png', [200, 120, 60]);
  await resident.locator('.repair-photo .repair-photo__img').first().waitFor();
  await resident.locator('.report-submit').click();
  await resident.locator('.repair-detail__status >> visible=true', { hasText: '待受理' }).waitFor({ timeout: 20_000 });
  const id = decodeURIComponent(/[?&]id=([^&]+)/.exec(resident.url())![1]);
  await resident.context().close();

  // 孙志刚 opens it at once: the photo is there (审核中 while WeChat checks it), and its bytes arrive.
  const manager = await as('孙志刚');
  await visit(manager, served.url, detail(id));
  await manager.locator('.repair-head .repair-photo__img >> visible=true').first().waitFor({ timeout: 10_000 });
  const loaded = () =>
    manager.waitForFunction(
      () => {
        const img = document.querySelector<HTMLImageElement>('.repair-head .repair-photo__img img');
        return !!img && img.complete && img.naturalWidth > 0;
      },
      undefined,
      { timeout: 10_000 },
    );
  await loaded();
  // The check's verdict is pushed a few seconds later (wxa_media_check, as in production): the badge goes.
  let checking = true;
  for (let i = 0; i < 20 && checking; i++) {
    await visit(manager, served.url, detail(id));
    await manager.locator('.repair-head .repair-photo__img >> visible=true').first().waitFor({ timeout: 10_000 });
    checking = (await manager.locator('.repair-head .repair-photo__badge >> visible=true').count()) > 0;
    if (checking) await manager.waitForTimeout(1000);
  }
  expect(checking).toBe(false);
  await loaded();
  await shot(manager, 'repair-photo-manager');
  await manager.context().close();
});
