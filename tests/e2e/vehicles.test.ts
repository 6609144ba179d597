/**
 * 挪车 in the browser: 吴晓峰 asks the owner of 闽E12345 (陈阿婆) to close a window;
 * she sees the alert on her home tab and marks it handled; he sees 车主已处理 and
 * neither his screens nor any vehicles response carries her name, room, phone or
 * openid. A request for 郑海涛's car (he cannot be messaged) goes to his building
 * lead 张卫东, who sees the room and a call button; 吴晓峰 never gets one.
 * The pages are screenshotted in normal and 大字模式 and audited (tests/e2e/page-audit.ts).
 */
import type { Browser, Page } from 'playwright-core';
import { buildSeed } from '../../scripts/lib/seed-data';
import { pageAs, useRuntimeAndBrowser, visit, type Served } from './support';
import { auditBothModes } from './page-audit';

jest.setTimeout(300_000);

const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

const v = (page: Page, selector: string, opts?: { hasText?: string | RegExp }) => page.locator(`${selector} >> visible=true`, opts);
const seed = buildSeed();

/** What must never reach 吴晓峰 about an owner: name, room, phone, openid, person and home ids, the full plate. */
function secretsOf(key: string, plate: string): string[] {
  const p = seed.people.find((x) => x._id === `p-${key}`)!;
  const m = seed.memberships.find((x) => x.personId === p._id)!;
  const home = seed.homes.find((x) => x._id === m.homeId)!;
  return [
    p.name,
    p.phone!,
    p.openid,
    p._id,
    home._id,
    home.label,
    `${home.unit}单元${home.number}`,
    plate,
    `${plate.slice(0, 2)}·${plate.slice(2)}`,
  ];
}

/** Every body the vehicles function answers this page with. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/vehicles'))
      void r
        .text()
        .then((t) => bodies.push(t))
        .catch(() => undefined);
  });
  return bodies;
}

async function ask(page: Page, plate: string, reason: string) {
  await visit(page, served.url, '/packages/vehicles/pages/request/index');
  await v(page, '.move-plate-input input').fill(plate);
  await v(page, '.move-reasons .choice__item', { hasText: reason }).click();
  await v(page, '.move-send').click();
  await page.waitForURL((u) => u.hash.includes('/pages/detail/index'), { timeout: 20_000 });
  return decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]);
}

it('吴晓峰 asks the owner of 闽E12345 to close a window; 陈阿婆 handles it from her home tab; he sees 车主已处理 and nothing about her', async () => {
  const findings: string[] = [];
  const wu = await pageAs(browser, served.url, '吴晓峰');
  const seen = recordResponses(wu);
  await visit(wu, served.url, '/packages/vehicles/pages/request/index');
  await v(wu, '.move-send').waitFor();
  findings.push(...(await auditBothModes(wu, 'vehicles-request')));
  const id = await ask(wu, '闽E12345', '车窗未关');
  await v(wu, '.move-status', { hasText: '已通知车主' }).waitFor({ timeout: 20_000 });
  expect(await v(wu, '.move-plate').innerText()).toBe('闽E·12**5');

  // 陈阿婆: the alert on her home tab, without who asked.
  const chen = await pageAs(browser, served.url, '陈阿婆');
  await visit(chen, served.url, '/pages/home/index');
  const alert = v(chen, '.vehicle-card--alert');
  await alert.waitFor({ timeout: 20_000 });
  expect(await alert.innerText()).toContain('闽E·12345 · 车窗未关');
  expect(await alert.innerText()).not.toContain('吴晓峰');
  findings.push(...(await auditBothModes(chen, 'vehicles-owner-home')));
  await v(chen, '.vehicle-card__alert').first().click();
  await v(chen, '.move-act-handle').waitFor();
  findings.push(...(await auditBothModes(chen, 'vehicles-owner-detail')));
  expect(await chen.locator('body').innerText()).not.toContain('吴晓峰');
  await v(chen, '.move-act-handle').click();
  await v(chen, '.move-status', { hasText: '车主已处理' }).waitFor({ timeout: 15_000 });

  // 吴晓峰: 车主已处理; 已解决 is his to say.
  await visit(wu, served.url, `/packages/vehicles/pages/detail/index?id=${encodeURIComponent(id)}`);
  await v(wu, '.move-status', { hasText: '车主已处理' }).waitFor({ timeout: 15_000 });
  await v(wu, '.move-act-resolve').waitFor();
  findings.push(...(await auditBothModes(wu, 'vehicles-requester-detail')));
  const screens = [await wu.locator('body').innerText()];
  await visit(wu, served.url, '/packages/vehicles/pages/requests/index');
  await v(wu, '.move-item').first().waitFor();
  screens.push(await wu.locator('body').innerText());
  await visit(wu, served.url, '/pages/home/index');
  await v(wu, '.vehicle-card--mine').waitFor({ timeout: 20_000 });
  expect(await v(wu, '.vehicle-card--mine').innerText()).toContain('车主已处理');
  screens.push(await wu.locator('body').innerText());
  await wu.waitForTimeout(500);
  expect(seen.length).toBeGreaterThanOrEqual(4);
  for (const s of secretsOf('txsj-resident-3', '闽E12345')) {
    for (const [i, text] of screens.entries()) expect([`screen ${i}`, s, text.includes(s)]).toEqual([`screen ${i}`, s, false]);
    for (const [i, body] of seen.entries()) expect([`response ${i}`, s, body.includes(s)]).toEqual([`response ${i}`, s, false]);
  }
  expect(findings).toEqual([]);
});

it('a request for an owner who cannot be messaged goes to the building lead, who sees the room and can call; the requester gets no call button', async () => {
  const wu = await pageAs(browser, served.url, '吴晓峰');
  const seen = recordResponses(wu);
  const id = await ask(wu, '闽ED12345', '挡道');
  await v(wu, '.move-status', { hasText: '已转物业' }).waitFor({ timeout: 20_000 });
  expect(await wu.locator('.move-call').count()).toBe(0);

  const lead = await pageAs(browser, served.url, '张卫东');
  await visit(lead, served.url, '/pages/home/index');
  const card = v(lead, '.vehicle-card--queue');
  await card.waitFor({ timeout: 20_000 });
  await v(lead, '.vehicle-card__queue', { hasText: '闽E·D12345' }).click();
  await v(lead, '.move-responder').waitFor();
  expect(await v(lead, '.move-responder').innerText()).toContain('5栋1单元702');
  await v(lead, '.move-call').first().waitFor();
  const findings = await auditBothModes(lead, 'vehicles-lead-detail');
  await v(lead, '.move-act-handle').click();
  await v(lead, '.move-status', { hasText: '车主已处理' }).waitFor({ timeout: 15_000 });

  await visit(wu, served.url, `/packages/vehicles/pages/detail/index?id=${encodeURIComponent(id)}`);
  await v(wu, '.move-status', { hasText: '车主已处理' }).waitFor({ timeout: 15_000 });
  expect(await wu.locator('.move-call').count()).toBe(0);
  const text = await wu.locator('body').innerText();
  await wu.waitForTimeout(300);
  for (const s of secretsOf('txsj-resident-5', '闽ED12345')) {
    expect([s, text.includes(s)]).toEqual([s, false]);
    for (const body of seen) expect([s, body.includes(s)]).toEqual([s, false]);
  }
  expect(findings).toEqual([]);
});
