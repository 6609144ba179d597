/**
 * A lead creates an activity with 2 places on the create page; three residents of
 * building 3 sign up (the third waits); one cancels and the third is promoted; the
 * organiser shows the check-in code, a volunteer types it and checks out, the
 * organiser ticks the promoted one in and out and corrects the first one's hours with
 * a reason; the hours show on the volunteer's 志愿时长 page and in building 3's total.
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
function api(page: Page, action: string, payload: unknown) {
  return page.evaluate(
    async ([a, p]) =>
      (
        await fetch('/api/activities', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action: a, payload: p }),
        })
      ).json(),
    [action, payload] as const,
  );
}
const DETAIL = '/packages/activities/pages/detail/index';
/** "2小时30分" as the page shows it. */
function fmt(m: number) {
  const h = Math.floor(m / 60);
  const r = m % 60;
  return !h ? `${r}分钟` : r ? `${h}小时${r}分` : `${h}小时`;
}

it('create, sign up with a waitlist, cancel and promote, check in and out, hours on the volunteer page and the building total', async () => {
  const lead = await as('李秀英');
  await visit(lead, served.url, '/packages/activities/pages/create/index');
  await lead.locator('.act-title-input input').fill('3栋门口文明劝导');
  await lead.locator('.act-desc-input textarea').fill('劝导文明养犬，佩戴红袖章。');
  await lead.locator('.act-place-input input').fill('3栋门口');
  await lead.locator('.act-day .choice__item', { hasText: '今天' }).click();
  // Half an hour from now (Shanghai): check-in opens an hour before the start.
  const soon = new Date(Date.now() + 8 * 3_600_000 + 30 * 60_000);
  await lead
    .locator('.act-time-input input')
    .fill(`${String(soon.getUTCHours()).padStart(2, '0')}:${String(soon.getUTCMinutes()).padStart(2, '0')}`);
  await lead.locator('.act-hours .choice__item', { hasText: '2小时' }).click();
  await lead.locator('.act-capacity-input input').fill('2');
  await shot(lead, 'activity-create');
  await lead.locator('.act-submit').click();
  await lead.locator('.act-title >> visible=true', { hasText: '3栋门口文明劝导' }).waitFor();
  const id = decodeURIComponent(/[?&]id=([^&]+)/.exec(lead.url())![1]);

  const signUp = async (page: Page, expect: string) => {
    await visit(page, served.url, `${DETAIL}?id=${encodeURIComponent(id)}`);
    await page.locator('.act-join').first().click();
    await page.locator('.act-mine', { hasText: expect }).waitFor();
  };
  const chen = await as('陈阿婆');
  await signUp(chen, '您已报名（第1位）');
  const wu = await as('吴晓峰');
  await signUp(wu, '您已报名（第2位）');
  await signUp(lead, '您在候补第1位');
  await lead.locator('.act-person', { hasText: '李秀英' }).locator('.party-badge').waitFor();
  await shot(lead, 'activity-waitlist');

  // 吴晓峰 cancels: the first waiting (李秀英) moves up.
  await wu.locator('.act-cancel').click();
  await wu.locator('.taro-modal__foot', { hasText: '取消报名' }).getByText('取消报名').click();
  await wu.locator('.act-join').first().waitFor();
  await visit(lead, served.url, `${DETAIL}?id=${encodeURIComponent(id)}`);
  await lead.locator('.act-mine', { hasText: '您已报名（第2位）' }).waitFor();

  // Check-in: the lead shows the code, 陈阿婆 types it, then checks out.
  await lead.locator('.act-show-code').click();
  const code = (await lead.locator('.act-code-text').innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await shot(lead, 'activity-checkin-code');
  await visit(chen, served.url, `${DETAIL}?id=${encodeURIComponent(id)}`);
  await chen.locator('.act-code-input input').fill(code);
  await chen.locator('.act-checkin-btn').click();
  await chen.locator('.act-checkout-btn').click();
  await chen.locator('.act-person', { hasText: '陈阿婆' }).locator('.act-minutes').waitFor();

  // The lead ticks herself in and out, and corrects 陈阿婆's hours (she stayed the whole time).
  await visit(lead, served.url, `${DETAIL}?id=${encodeURIComponent(id)}`);
  const before = (await api(lead, 'activities.hours', { scope: 'building', buildingId: 'txsj-b3' })).data.totalMinutes as number;
  await lead.locator('.act-person', { hasText: '李秀英' }).locator('.act-tick-in').click();
  await lead.locator('.act-person', { hasText: '李秀英' }).locator('.act-tick-out').click();
  await lead.locator('.act-person', { hasText: '陈阿婆' }).locator('.act-fix').click();
  await lead.locator('.act-fix-min input').fill('90');
  await lead.locator('.act-fix-reason input').fill('签到时忘了扫码，实际全程参加');
  await lead.locator('.act-fix-confirm').click();
  await lead.locator('.act-person', { hasText: '陈阿婆' }).locator('.act-minutes', { hasText: '1小时30分（已更正）' }).waitFor();
  await shot(lead, 'activity-detail-organiser');

  // The volunteer's page and the building total.
  await visit(chen, served.url, '/packages/activities/pages/hours/index');
  await chen.locator('.act-hours-item', { hasText: '3栋门口文明劝导' }).filter({ hasText: '1小时30分' }).waitFor();
  await chen.locator('.act-hours-building .act-total', { hasText: fmt(before + 90) }).waitFor();
  await shot(chen, 'activity-hours');

  // 首页 card: the lead sees today's check-ins.
  await visit(lead, served.url, '/pages/home/index');
  await lead.locator('.home-activity-today', { hasText: '已签到 2/2' }).waitFor();
  await shot(lead, 'activity-home');
});

it('neighbour service: the secretary sees the teams; a resident sees her answered request with thanks and asks for tutoring', async () => {
  const secretary = await as('王志明');
  await visit(secretary, served.url, '/packages/activities/pages/teams/index');
  await secretary.locator('.team-item', { hasText: '邻里医生队' }).waitFor();
  await shot(secretary, 'service-teams');

  const chen = await as('陈阿婆');
  await visit(chen, served.url, '/packages/activities/pages/service/index');
  await chen.locator('.help-item', { hasText: '老伴夜里血压偏高' }).locator('.help-thanks').waitFor();
  await chen.locator('.help-kind .choice__item', { hasText: '课业辅导' }).click();
  await chen.locator('.help-text textarea').fill('孙子三年级语文作文不会写，想请老师指点。');
  await chen.locator('.help-contact input').fill('13800001234');
  await chen.locator('.help-submit').click();
  await chen.locator('.help-item', { hasText: '孙子三年级语文作文' }).waitFor();
  await shot(chen, 'service-resident');
  // Her contact is on her own request only (the team sees it once a member takes it: function tests).
  await chen.locator('.help-item', { hasText: '孙子三年级语文作文' }).getByText('求助人电话：13800001234').waitFor();
});

it('the organiser calls an activity off with a reason; the volunteer sees 活动已取消 on it and in her list', async () => {
  const lead = await as('李秀英');
  await visit(lead, served.url, '/pages/home/index');
  const start = Date.now() + 48 * 3_600_000;
  const made = await api(lead, 'activities.create', {
    clientRequestId: `e2e-cancel-${Date.now()}`,
    title: '3栋楼道大扫除',
    description: '清理楼道堆物。',
    place: '3栋大堂',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 2 * 3_600_000).toISOString(),
    deadline: new Date(start - 3_600_000).toISOString(),
    audience: { kind: 'buildings', buildingIds: ['txsj-b3'] },
    capacity: 5,
  });
  expect(made.ok).toBe(true);
  const id = made.data.id as string;
  const chen = await as('陈阿婆');
  await visit(chen, served.url, `${DETAIL}?id=${encodeURIComponent(id)}`);
  await chen.locator('.act-join').first().click();
  await chen.locator('.act-mine', { hasText: '您已报名' }).waitFor();

  await visit(lead, served.url, `${DETAIL}?id=${encodeURIComponent(id)}`);
  await lead.locator('.act-cancel-activity >> visible=true').click();
  await lead.locator('.act-cancel-reason input >> visible=true').fill('明天大雨，改期另行通知');
  await shot(lead, 'activity-cancel');
  await lead.locator('.act-cancel-activity-confirm >> visible=true').click();
  await lead.locator('.act-cancelled >> visible=true', { hasText: '明天大雨' }).waitFor();

  await visit(chen, served.url, `${DETAIL}?id=${encodeURIComponent(id)}`);
  await chen.locator('.act-cancelled >> visible=true', { hasText: '明天大雨，改期另行通知' }).waitFor();
  expect(await chen.locator('.act-join >> visible=true').count()).toBe(0);
  await visit(chen, served.url, '/packages/activities/pages/list/index');
  await chen.locator('.act-tabs .choice__item', { hasText: '我报名的' }).click();
  await chen.locator('.act-item >> visible=true', { hasText: '3栋楼道大扫除' }).locator('.tag', { hasText: '已取消' }).waitFor();
  await shot(chen, 'activity-cancelled');
});
