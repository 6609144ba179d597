/**
 * Issue 8, notices side, in Chromium on the H5 build with the demo data:
 * - the committee reminds a whole-compound notice: the panel says beforehand whom it
 *   reaches and who must be told in person, then the job's progress; the demo outbox
 *   of a resident who granted a message shows the reminder;
 * - a correction keeps the earlier reads (and one marked 需要大家重新阅读 does not);
 * - cold-opening a notice of another building says so (no 去绑定房屋 for the bound);
 * - 读给我听 is on the notice and toggles (speechSynthesis stubbed, utterances asserted);
 * - 首页 cards and 我发布的 progress.
 * Screenshots (phone-sized, normal and 大字模式) go to E2E_SHOTS when set.
 */
import type { Browser, Page } from 'playwright-core';
import { phone, shot, signIn, useRuntimeAndBrowser, visit, type Served } from './support';

jest.setTimeout(240_000);

const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

/**
 * A recording stand-in for the browser's speech synthesis (headless Chromium has no
 * voices). Plain JavaScript text: a function would be compiled with helpers the page lacks.
 */
const speechStub = (voices: string) => `
  (() => {
    const log = [];
    window.__speech = log;
    function Utterance(text) { this.text = text; this.lang = ''; this.rate = 1; this.voice = null; this.onend = null; this.onerror = null; }
    const synth = {
      speaking: false,
      paused: false,
      getVoices: () => ${voices},
      speak: (u) => log.push({ op: 'speak', text: u.text, lang: u.lang, rate: u.rate }),
      pause: () => log.push({ op: 'pause' }),
      resume: () => log.push({ op: 'resume' }),
      cancel: () => log.push({ op: 'cancel' }),
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true, writable: true });
  })();
`;

async function as(name: string | null, opts: { large?: boolean; speech?: boolean | 'no-chinese' } = {}) {
  const ctx = await phone(browser);
  // A Chinese voice, or (like many desktop browsers) only an English one.
  if (opts.speech)
    await ctx.addInitScript({
      content: speechStub(
        opts.speech === 'no-chinese' ? `[{ lang: 'en-US', name: 'English' }]` : `[{ lang: 'zh-CN', name: '普通话（测试）' }]`,
      ),
    });
  if (opts.large) await ctx.addInitScript({ content: `localStorage.setItem('jinlin.largeText', JSON.stringify({ data: true }));` });
  const page = await ctx.newPage();
  await signIn(page, served.url, name);
  return page;
}

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

const MEETING = 'n-demo-meeting';
const LIFT = 'n-demo-lift-3';
const track = (id: string) => `/packages/notices/pages/track/index?id=${encodeURIComponent(id)}`;
const detail = (id: string) => `/packages/notices/pages/detail/index?id=${encodeURIComponent(id)}`;

it('the committee reminds a whole-compound notice in one tap; the resident who granted a message finds it in the demo outbox', async () => {
  const committee = await as('黄美玲');
  await visit(committee, served.url, track(MEETING));
  const panel = committee.locator('.remind-panel >> visible=true');
  await panel.locator('.remind-panel__reach', { hasText: '可以微信提醒' }).waitFor();
  const reach = await panel.locator('.remind-panel__reach').innerText();
  const people = Number(/(\d+) 人/.exec(reach)![1]);
  expect(people).toBeGreaterThan(20);
  expect(await panel.locator('.remind-panel__inperson').innerText()).toMatch(/户收不到微信提醒/);
  expect(await panel.innerText()).toContain('全部 9 栋'); // 8 residential buildings and the shops
  await shot(committee, 'track-remind-before');
  await panel.locator('.remind-btn').click();
  const job = panel.locator('.remind-panel__job');
  await job.waitFor();
  await committee.waitForFunction(
    () =>
      /已提醒 \d+ 人/.test(document.querySelector('.remind-panel__job')?.textContent ?? '') &&
      !/正在发送/.test(document.querySelector('.remind-panel__job')?.textContent ?? ''),
    null,
    { timeout: 90_000 },
  );
  const text = await job.innerText();
  if (!text.startsWith(`已提醒 ${people} 人`)) console.log('reminder job said:', text);
  expect(Number(/已提醒 (\d+) 人/.exec(text)![1])).toBe(people);
  expect(await job.getAttribute('class')).not.toContain('--warn');
  await shot(committee, 'track-remind-after');

  // 吴晓峰 (3栋 tenant) granted reminders in the demo data: the message arrived.
  const tenant = await as('吴晓峰');
  await visit(tenant, served.url, '/pages/me/index');
  const outbox = tenant.locator('.demo-outbox >> visible=true');
  await outbox.locator('.demo-outbox__item', { hasText: '关于召开2026年度业主大会的通知' }).waitFor();
  expect(await outbox.innerText()).toContain('您还未查看这条通知');
  await shot(tenant, 'me-demo-outbox');
  // 陈阿婆 granted nothing: nothing arrived, the lead tells her in person.
  const elderly = await as('陈阿婆');
  await visit(elderly, served.url, '/pages/me/index');
  await elderly.locator('.demo-outbox__empty >> visible=true').waitFor();
});

it('the unread list of a building says which homes WeChat reaches and which to tell in person, rooms in natural order', async () => {
  for (const large of [false, true]) {
    const lead = await as('李秀英', { large });
    await visit(lead, served.url, `/packages/notices/pages/unread/index?id=${LIFT}&buildingId=txsj-b3&name=3栋`);
    await lead.locator('.unread-home >> visible=true').first().waitFor();
    await lead.locator('.remind-panel__reach >> visible=true').waitFor();
    const labels = await lead.locator('.unread-home__label >> visible=true').allInnerTexts();
    expect(labels).not.toContain('3栋1单元602'); // her own home knows it
    const nums = labels.filter((l) => l.startsWith('3栋1单元')).map((l) => Number(l.replace('3栋1单元', '')));
    expect(nums).toEqual([...nums].sort((a, b) => a - b));
    expect(await lead.locator('.unread-home__reach--inperson >> visible=true').count()).toBeGreaterThan(0);
    await shot(lead, `unread-homes${large ? '-large' : ''}`);
    await lead.locator('.unread-filter__btn >> visible=true').first().click();
    await lead.waitForTimeout(300);
    expect(await lead.locator('.unread-home >> visible=true').locator('.unread-home__reach', { hasText: '可微信提醒' }).count()).toBe(0);
    await lead.locator('.unread-filter__btn >> visible=true').first().click();
    // 可以打电话: only homes where someone agreed the lead may call (the demo has some), each with its button.
    await lead.locator('.unread-filter-call >> visible=true').click();
    await lead.locator('.unread-home__call >> visible=true').first().waitFor();
    await lead.waitForLoadState('networkidle').catch(() => undefined);
    await lead.waitForTimeout(500);
    expect(await lead.locator('.unread-home:not(:has(.unread-home__call)) >> visible=true').count()).toBe(0);
    await shot(lead, `unread-callable${large ? '-large' : ''}`);
    await lead.context().close();
  }
});

it('a correction keeps earlier reads; one everyone must read again starts over', async () => {
  const lead = await as('李秀英');
  await visit(lead, served.url, track(LIFT));
  const line = lead.locator('.track-total__line >> visible=true');
  await line.waitFor();
  const before = await line.innerText();
  const read = Number(/(\d+) 户已读/.exec(before)![1]);
  expect(read).toBeGreaterThan(5);
  expect(before).toContain('1 户是发布人自家');

  await visit(lead, served.url, `/packages/notices/pages/post/index?correct=${LIFT}`);
  await lead.locator('.post-mustread >> visible=true').waitFor();
  await shot(lead, 'notice-correct');
  await lead
    .locator('.post-body textarea >> visible=true')
    .fill('各位邻居：电梯年检改到本周六下午2点至5点，期间电梯停用。需要帮忙的请联系楼栋长李秀英。');
  await lead.locator('.post-note textarea >> visible=true').fill('时间改为下午');
  await lead.locator('.post-submit >> visible=true').click();
  await lead.locator('.notice-detail__title >> visible=true').waitFor();
  const v2 = decodeURIComponent(/[?&]id=([^&]+)/.exec(lead.url())![1]);
  expect(v2).not.toBe(LIFT);
  await visit(lead, served.url, track(v2));
  await lead.locator('.track-head__versions >> visible=true', { hasText: '仍算已知晓' }).waitFor();
  expect(await lead.locator('.track-total__line >> visible=true').innerText()).toContain(`${read} 户已读`);
  await shot(lead, 'track-after-correction');

  // Marked 需要大家重新阅读: only reads of the new version count.
  await visit(lead, served.url, `/packages/notices/pages/post/index?correct=${v2}`);
  await lead.locator('.post-mustread >> visible=true').click();
  await lead.locator('.post-mustread >> visible=true', { hasText: '从零开始统计' }).waitFor();
  await lead.locator('.post-body textarea >> visible=true').fill('电梯年检改到下周六，请以此为准。');
  await lead.locator('.post-submit >> visible=true').click();
  await lead.locator('.notice-detail__reread >> visible=true').waitFor();
  const v3 = decodeURIComponent(/[?&]id=([^&]+)/.exec(lead.url())![1]);
  await visit(lead, served.url, track(v3));
  await lead.locator('.track-head__versions >> visible=true', { hasText: '只统计这一版' }).waitFor();
  expect(await lead.locator('.track-total__line >> visible=true').innerText()).toContain('0 户已读');
});

it('cold-opening a notice of another building says so; only someone without a home is offered 去绑定房屋', async () => {
  for (const large of [false, true]) {
    const other = await as('郑海涛', { large }); // 5栋
    await visit(other, served.url, detail(LIFT));
    const box = other.locator('.notice-detail__notfound >> visible=true');
    await box.waitFor();
    expect(await box.innerText()).toContain('不是发给您的');
    expect(await box.innerText()).toContain('5栋');
    expect(await other.locator('.notice-bind-btn >> visible=true').count()).toBe(0);
    await shot(other, `detail-not-for-you${large ? '-large' : ''}`);
    await other.context().close();
  }
  const stranger = await as(null);
  await visit(stranger, served.url, detail(LIFT));
  await stranger.locator('.notice-bind-btn >> visible=true').waitFor();
  // the same wording for an id that never existed
  const bound = await as('郑海涛');
  await visit(bound, served.url, detail('n-no-such-notice'));
  await bound.locator('.notice-detail__notfound >> visible=true', { hasText: '这条通知不存在，或不是发给您的' }).waitFor();
});

it('读给我听 reads the notice in Mandarin, pauses, resumes and changes speed', async () => {
  for (const large of [false, true]) {
    const resident = await as('陈阿婆', { speech: true, large });
    await visit(resident, served.url, detail(MEETING));
    const btn = resident.locator('.read-aloud__main >> visible=true');
    await btn.waitFor();
    await shot(resident, `detail-read-aloud${large ? '-large' : ''}`);
    if (large) {
      await resident.context().close();
      continue;
    }
    expect(await btn.innerText()).toContain('读给我听');
    await btn.click();
    await resident.locator('.read-aloud__main--playing >> visible=true').waitFor();
    const log = await resident.evaluate(
      () => (window as unknown as { __speech: { op: string; text?: string; lang?: string; rate?: number }[] }).__speech,
    );
    const spoken = log.filter((e) => e.op === 'speak');
    expect(spoken[0]).toMatchObject({ lang: 'zh-CN', rate: 1 });
    expect(spoken[0].text).toMatch(/^关于召开2026年度业主大会的通知。黄美玲，业委会委员发布。全体业主/);
    expect(await btn.innerText()).toContain('暂停');
    await btn.click();
    expect(await btn.innerText()).toContain('继续');
    await btn.click();
    expect(await btn.innerText()).toContain('暂停');
    await resident.locator('.read-aloud__rate >> visible=true', { hasText: '慢速' }).click();
    const after = await resident.evaluate(() => (window as unknown as { __speech: { op: string; rate?: number }[] }).__speech);
    expect(after.map((e) => e.op)).toEqual(expect.arrayContaining(['pause', 'resume', 'cancel']));
    expect(after.filter((e) => e.op === 'speak').pop()).toMatchObject({ rate: 0.8 });
    await resident.locator('.read-aloud__stop >> visible=true').click();
    expect(await btn.innerText()).toContain('读给我听');
    await resident.context().close();
  }
});

it('读给我听 in a browser without a Chinese voice tells the person it cannot read aloud here', async () => {
  const resident = await as('陈阿婆', { speech: 'no-chinese' });
  await visit(resident, served.url, detail(MEETING));
  const btn = resident.locator('.read-aloud__main >> visible=true');
  await btn.click();
  await resident.locator('.read-aloud__problem >> visible=true', { hasText: '没有中文语音' }).waitFor();
  expect(await btn.innerText()).toContain('读给我听');
  const log = await resident.evaluate(() => (window as unknown as { __speech: { op: string }[] }).__speech);
  expect(log.filter((e) => e.op === 'speak')).toEqual([]);
  await shot(resident, 'detail-read-aloud-no-voice');
  await resident.context().close();
});

it('首页 shows unread notices (urgent first) and, for a lead, her notices’ progress; 我发布的 shows x/y 户已知晓', async () => {
  const secretary = await as('王志明');
  const urgent = await api(secretary, 'notices.post', {
    clientRequestId: 'e2e-urgent-0001',
    audience: { kind: 'compounds', compoundIds: ['txsj'] },
    title: '燃气管道检修，请关闭燃气阀门',
    body: '今天下午燃气公司检修管道，请各户关闭燃气阀门。',
    category: '紧急',
  });
  expect(urgent.ok).toBe(true);
  for (const large of [false, true]) {
    const lead = await as('张卫东', { large });
    await visit(lead, served.url, '/pages/home/index');
    const unread = lead.locator('.home-notices >> visible=true');
    await unread.locator('.home-notice').first().waitFor();
    expect(await unread.locator('.home-notice').first().innerText()).toContain('燃气管道检修'); // urgent first, before the pinned meeting
    await lead.locator('.home-mine >> visible=true', { hasText: '户已知晓' }).waitFor();
    await shot(lead, `home-lead${large ? '-large' : ''}`);
    await visit(lead, served.url, '/pages/notices/index');
    await lead.locator('.notices-box-authored >> visible=true').click();
    await lead.locator('.notice-item__progress >> visible=true', { hasText: '户已知晓' }).first().waitFor();
    await shot(lead, `notices-authored${large ? '-large' : ''}`);
    await lead.context().close();
  }
  const resident = await as('陈阿婆', { large: true });
  await visit(resident, served.url, '/pages/home/index');
  await resident.locator('.home-notices >> visible=true').waitFor();
  expect(await resident.locator('.home-mine >> visible=true').count()).toBe(0);
  await shot(resident, 'home-resident-large');
  await visit(resident, served.url, '/pages/me/index');
  await resident.locator('.demo-outbox >> visible=true').waitFor();
  await shot(resident, 'me-resident-large');
  // the API agrees with the page
  expect((await api(resident, 'notices.list', {})).ok).toBe(true);
});
