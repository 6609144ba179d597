/**
 * Day one in Chromium, from an empty data folder with no demo (issue 24):
 * - the operator's setup (`scripts/setup.ts`, the CLI itself) creates 侨兴社区 and
 *   新城花园 from a file and prints a claim code; run again, it creates nothing;
 * - `npm start -- --empty` serves it; the chairman claims the role with the code,
 *   follows the guide: imports a register of 120 homes, prints the building posters,
 *   approves and appoints a building lead, sets a rate;
 * - a new resident "scans" 1栋's poster (the code's page and scene), binds with the
 *   building already chosen, and the lead approves;
 * - the first bill is generated and the resident sees it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readCodeImage } from '../../emulator';
import { callApi, launch, phone, runSetup, serve, shot, signIn, visit, xlsxFile, type Served } from './support';

jest.setTimeout(420_000);

const dir = mkdtempSync(join(tmpdir(), 'jinlin-e2e-day1-'));
let served: Served;
let browser: Browser;
let code = '';
let setupOut = '';
let setupAgain = '';
const api = callApi;
const setup = runSetup;
const xlsx = (name: string, header: string[], rows: (string | number)[][]) => xlsxFile(dir, name, header, rows);

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jinlin-e2e-empty-'));
  const file = await xlsx(
    'compound.xlsx',
    ['社区', '小区', '地址', '楼栋', '单元数', '电梯', '类型'],
    [
      ['侨兴社区', '新城花园', '侨兴路 8 号', '1栋', 2, '有', '住宅'],
      ['侨兴社区', '新城花园', '侨兴路 8 号', '2栋', 2, '无', '住宅'],
      ['侨兴社区', '新城花园', '侨兴路 8 号', '沿街商铺', '', '', '商铺'],
    ],
  );
  setupOut = setup(dataDir, file);
  code = /\n\s{4}([A-Z2-9]{12})\n/.exec(setupOut)?.[1] ?? '';
  setupAgain = setup(dataDir, file);
  served = await serve({ dataDir, args: ['--empty'] });
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** Asks again until the answer is `want` (or the time is up: then the last answer fails the test). */
async function until<T>(ask: () => Promise<T>, want: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await ask();
    if (want(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function newUser(): Promise<Page> {
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  // Printing is the browser's dialog: the test records that it was asked for.
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await signIn(page, served.url, null);
  return page;
}

/** The register: 1栋 2 units × 15 floors × 2 = 60, 2栋 2 × 12 × 2 = 48, 12 shops: 120 homes. */
function register(): (string | number)[][] {
  const rows: (string | number)[][] = [];
  let i = 0;
  const owner = () => `业主${String(++i).padStart(3, '0')}`;
  for (const [b, floors] of [
    ['1栋', 15],
    ['2栋', 12],
  ] as const) {
    for (let u = 1; u <= 2; u++)
      for (let f = 1; f <= floors; f++)
        for (let r = 1; r <= 2; r++)
          rows.push([
            b,
            u,
            `${f}0${r}`,
            '住宅',
            89.5 + r,
            b === '1栋' && u === 1 && f === 1 && r === 1 ? '林楼长' : b === '1栋' && u === 2 && f === 3 && r === 2 ? '吴新邻' : owner(),
            '',
          ]);
  }
  for (let s = 1; s <= 12; s++) rows.push(['沿街商铺', '', `S${String(s).padStart(2, '0')}`, '商铺', 45, owner(), '']);
  return rows;
}

/** "Scans" a poster: reads the page and scene the code carries, and opens them as WeChat would. */
async function scan(chairman: Page, building: string): Promise<string> {
  const src = await chairman
    .locator('.poster', { hasText: `${building} 住户绑定` })
    .locator('img')
    .getAttribute('src');
  const bytes = await chairman.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url!)).arrayBuffer())), src);
  const read = readCodeImage(Buffer.from(bytes));
  expect(read?.page).toBe('packages/accounts/pages/bind/index');
  return `/${read!.page}?scene=${encodeURIComponent(read!.scene)}`;
}

async function bindThroughPoster(page: Page, route: string, unit: string, room: string, name: string) {
  await visit(page, served.url, route);
  // The building is already chosen.
  await page.locator('.bind-buildings .choice__item--on', { hasText: '1栋' }).waitFor();
  await page.locator('.bind-units .choice__label', { hasText: new RegExp(`^${unit}$`) }).click();
  await page.locator('.bind-homes .choice__label', { hasText: new RegExp(`^${room}$`) }).click();
  await page.locator('.bind-relations .choice__label', { hasText: '业主' }).click();
  await page.locator('.bind-name input').fill(name);
  await page.locator('.bind-submit').click();
  await page.locator('.bind-done', { hasText: '等待楼栋长审核' }).waitFor();
}

it('the setup step creates 侨兴社区 and 新城花园 from a file, and a second run changes nothing', () => {
  expect(setupOut).toContain('新建：社区 1 个，小区 1 个，楼栋 3 栋。');
  expect(code).toMatch(/^[A-Z2-9]{12}$/);
  expect(setupAgain).toContain('没有新建任何内容');
  expect(setupAgain).toContain('尚未使用');
});

it('a chairman claims, imports 120 homes, prints posters, appoints a lead, sets a rate; a resident binds by a poster; the first bill', async () => {
  // 1. The chairman opens the mini-program with the code.
  const chair = await newUser();
  await visit(chair, served.url, `/packages/onboarding/pages/claim/index?code=${code}`);
  await chair.locator('.claim-name input').fill('陈建国');
  await shot(chair, 'onboarding-claim');
  await chair.locator('.claim-submit').click();
  await chair.locator('.claim-done', { hasText: '侨兴社区 新城花园 的业委会委员' }).waitFor();
  await chair.locator('.claim-guide').click();
  await chair.locator('.guide-step-import.guide-step--next').waitFor();
  expect(await chair.locator('.guide-step__state').allInnerTexts()).toEqual(['下一步', '未完成', '未完成', '未完成', '未完成']);
  await shot(chair, 'onboarding-guide-start');

  // 2. Import the register (the existing import page, from the guide).
  await chair.locator('.guide-go-import').click();
  await chair.locator('.import-choose').waitFor();
  const chooser = chair.waitForEvent('filechooser');
  await chair.locator('.import-choose').click();
  await (await chooser).setFiles(await xlsx('register.xlsx', ['楼号', '单元', '室号', '类型', '建筑面积', '户主', '联系电话'], register()));
  await chair.locator('.import-confirm').waitFor();
  await chair.locator('.import-confirm').click();
  await chair.locator('.import-summary', { hasText: /已新增 120 户|正在新增 120 户/ }).waitFor();
  const compoundId = (await api(chair, 'onboarding', 'guide.get', {})).data.compound.id as string;
  const imported = async () => (await api(chair, 'onboarding', 'guide.get', { compoundId })).data.steps[0].summary as string;
  expect(await until(imported, (v) => v === '已导入 120 户（3/3 栋）', 90_000)).toBe('已导入 120 户（3/3 栋）');

  // 3. Print the posters.
  await visit(chair, served.url, `/packages/onboarding/pages/posters/index?compoundId=${compoundId}`);
  await chair.locator('.poster').nth(2).waitFor();
  expect(await chair.locator('.poster__building').allInnerTexts()).toEqual(['1栋 住户绑定', '2栋 住户绑定', '沿街商铺 住户绑定']);
  expect(await chair.locator('.poster').first().innerText()).toContain('侨兴社区 · 新城花园');
  await shot(chair, 'onboarding-posters');
  await chair.locator('.posters-print').click();
  expect(
    await until(
      () => chair.evaluate(() => (window as unknown as { printed: number }).printed),
      (v) => v === 1,
      10_000,
    ),
  ).toBe(1);
  const route1 = await scan(chair, '1栋');

  // 4. The future lead binds through 1栋's poster; the chairman (committee) approves and appoints.
  const lead = await newUser();
  await bindThroughPoster(lead, route1, '1', '101', '林楼长');
  await visit(chair, served.url, '/packages/accounts/pages/approvals/index');
  const request = chair.locator('.approval-item', { hasText: '林楼长' });
  await request.waitFor();
  await request.locator('.approval-approve').click();
  await chair.locator('.approval-item', { hasText: '林楼长' }).waitFor({ state: 'detached' });
  await visit(chair, served.url, '/packages/accounts/pages/roles/index');
  await chair.locator('.roles-grant').click();
  await chair.locator('.grant-roles .choice__label', { hasText: '党员楼栋长' }).click();
  await chair.locator('.grant-lead-buildings .choice__label', { hasText: /^1栋$/ }).click();
  await chair.locator('.grant-search__input input').fill('林楼长');
  await chair.locator('.grant-search__go').click();
  await chair.locator('.grant-person', { hasText: '林楼长' }).click();
  await chair.locator('.grant-confirm').click();
  await chair.locator('.confirm__ok').click();
  await chair.locator('.role-item', { hasText: '林楼长 · 党员楼栋长' }).waitFor();

  // 5. Set the property fee (the existing 收费标准 page).
  await visit(chair, served.url, `/packages/fees/pages/rates/index?compoundId=${compoundId}`);
  await chair.locator('.rates-form').waitFor();
  await chair.locator('.rates-kinds .choice__label', { hasText: '物业费' }).click();
  await chair.locator('.rates-from .choice__label', { hasText: /^本月/ }).click();
  await chair.locator('.rates-tier--flat_lift input').fill('1.20');
  await chair.locator('.rates-tier--flat_walkup input').fill('0.80');
  await chair.locator('.rates-submit').click();
  await chair.locator('.confirm__content', { hasText: '1.20元' }).waitFor();
  await chair.locator('.confirm__ok').click();
  await chair.locator('.rates-done', { hasText: '已设置' }).waitFor();

  // The guide: import, people, rates, posters done; groups next.
  await visit(chair, served.url, '/packages/onboarding/pages/guide/index');
  await chair.locator('.guide-step-groups.guide-step--next').waitFor();
  expect(await chair.locator('.guide-step__state').allInnerTexts()).toEqual(['已完成', '已完成', '已完成', '下一步', '已完成']);
  await shot(chair, 'onboarding-guide-after');

  // 6. A new resident scans 1栋's poster and binds; the lead approves.
  const resident = await newUser();
  await bindThroughPoster(resident, route1, '2', '302', '吴新邻');
  await shot(resident, 'onboarding-resident-requested');
  await visit(lead, served.url, '/packages/accounts/pages/approvals/index');
  const item = lead.locator('.approval-item', { hasText: '吴新邻' });
  await item.waitFor();
  await item.locator('.approval-approve').click();
  await lead.locator('.approval-item', { hasText: '吴新邻' }).waitFor({ state: 'detached' });
  const me = await api(resident, 'accounts', 'me.get', {});
  expect(me.data.homes.map((h: { label: string }) => h.label)).toEqual(['1栋2单元302']);

  // 7. The first bill: this month's generation, then the resident's 我的账单.
  const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const job = await api(chair, 'fees', 'fees.generate', { clientRequestId: 'day-one-first-bills', compoundId, period });
  expect(job.ok).toBe(true);
  const unpaid = async () => ((await api(resident, 'fees', 'fees.myBills', {})).data?.unpaidCount ?? 0) as number;
  expect(await until(unpaid, (v) => v > 0)).toBe(1);
  await visit(resident, served.url, '/packages/fees/pages/bills/index');
  await resident.locator('.fees-due >> visible=true').waitFor();
  // 91.50 m² × 1.20 元 = 109.80 元.
  expect(await resident.locator('.fees-due >> visible=true').innerText()).toBe('109.80元');
  await shot(resident, 'onboarding-first-bill');
});
