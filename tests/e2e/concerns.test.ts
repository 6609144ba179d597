/**
 * 民情 and the 议事厅 in Chromium: 陈阿婆 raises a public concern with a photo; 郑海涛,
 * a neighbour, finds it on the board (no name, no room) and adds 我也关心; 李秀英
 * answers it; 陈阿婆 rates it 不满意 and it escalates to the branch; 王志明 sees it
 * highlighted on 首页, turns it into a 议事 topic and runs it through 通报, 协商, 公示
 * (the objection period passes) and 实施 to 反馈, linking the ledger's expense to a
 * task. Every page is audited (44 px, contrast, 大字模式) by the shared audit.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoPng } from '../../scripts/lib/seed-repairs';
import { auditPage } from './page-audit';
import { shot, useRuntimeAndBrowser, visit, type Served, pageAs } from './support';
import type { Browser } from 'playwright-core';

jest.setTimeout(300_000);

const suite = useRuntimeAndBrowser();
let served: Served;
let browser: Browser;
beforeAll(() => {
  served = suite.served();
  browser = suite.browser();
});

const as = (name: string) => pageAs(browser, served.url, name);
const detail = (id: string) => `/packages/concerns/pages/detail/index?id=${encodeURIComponent(id)}`;
const v = (sel: string) => `${sel} >> visible=true`;

async function attachPhoto(page: Page, trigger: string, name: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(v(trigger)).first().click()]);
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: demoPng([200, 120, 60], 10) });
}

async function audited(page: Page, name: string) {
  await shot(page, name);
  expect([name, await auditPage(page, false)]).toEqual([name, []]);
}

/** The objection period passes: as the function tests do on the emulator, the topic's 公示 end is moved into the past. */
function endObjectionPeriod(topicId: string) {
  const db = new Database(join(served.dataDir, 'db.sqlite'));
  try {
    const past = new Date(Date.now() - 60_000).toISOString();
    const r = db
      .prepare(`UPDATE _docs SET doc = json_set(doc, '$.publicUntil', json(?)) WHERE coll = 'topics' AND json_extract(doc, '$._id') = ?`)
      .run(JSON.stringify({ $date: past }), topicId);
    expect(r.changes).toBe(1);
  } finally {
    db.close();
  }
}

it('raised with a photo, followed, answered, 不满意 → the branch; turned into a topic run to 公示 and 反馈 with an expense', async () => {
  // 陈阿婆 raises a public concern with a photo.
  const chen = await as('陈阿婆');
  await visit(chen, served.url, '/packages/concerns/pages/raise/index');
  await chen.locator('.raise-categories .choice__item', { hasText: '停车与电动车' }).click();
  await chen.locator('.raise-description textarea').fill('3栋2单元楼道里有人拉电线给电动车充电，晚上很担心起火');
  await attachPhoto(chen, '.raise-add-photo', 'ebike.png');
  await chen.locator('.concern-photo__img').first().waitFor();
  await chen.locator('.raise-visibility .choice__item', { hasText: '公开' }).click();
  await audited(chen, 'concern-raise');
  await chen.locator('.raise-submit').click();
  await chen.locator(v('.concern-detail__status'), { hasText: '待答复' }).waitFor({ timeout: 20_000 });
  const id = decodeURIComponent(/[?&]id=([^&]+)/.exec(chen.url())![1]);
  await audited(chen, 'concern-detail-raised');

  // 郑海涛 (5栋) finds it on the board: no name, no room; 我也关心.
  const zheng = await as('郑海涛');
  await visit(zheng, served.url, '/packages/concerns/pages/board/index');
  const item = zheng.locator('.board-item', { hasText: '拉电线给电动车充电' }).first();
  await item.waitFor();
  await audited(zheng, 'concern-board');
  await item.locator('.board-follow').click();
  await zheng.locator('.board-item', { hasText: '拉电线给电动车充电' }).first().locator('.board-item__done').waitFor();
  await visit(zheng, served.url, detail(id));
  await zheng.locator(v('.concern-follow__count'), { hasText: '1 位邻居也关心' }).waitFor();
  expect(await zheng.locator('body').innerText()).not.toMatch(/陈阿婆|2单元101|反映人/);

  // 李秀英 (3栋's lead) sees who raised it and answers.
  const li = await as('李秀英');
  await visit(li, served.url, detail(id));
  await li.locator(v('.concern-row__meta'), { hasText: '反映人：陈阿婆' }).waitFor();
  await li.locator(v('.concern-act-answer')).click();
  await li.locator(v('.concern-form-text textarea')).fill('已贴出禁止楼道充电的提示，并和物业商量在东门建充电棚。');
  await audited(li, 'concern-answer-form');
  await li.locator(v('.concern-form-submit')).click();
  await li.locator(v('.concern-detail__status'), { hasText: '已答复' }).waitFor();

  // 陈阿婆 is not satisfied: it reopens and goes to the branch.
  await visit(chen, served.url, detail(id));
  await chen.locator(v('.concern-answer__text'), { hasText: '东门建充电棚' }).waitFor();
  await chen.locator(v('.concern-rate-bad')).click();
  await chen.locator(v('.concern-form-text textarea')).fill('晚上还是有人在楼道充电');
  await chen.locator(v('.concern-form-submit')).click();
  await chen.locator(v('.concern-tag--escalated'), { hasText: '已上报党支部' }).waitFor();
  await chen.locator(v('.concern-detail__status'), { hasText: '待答复' }).waitFor();
  await audited(chen, 'concern-detail-reopened');

  // 王志明 (branch secretary) sees it highlighted on 首页 and turns it into a 议事 topic.
  const wang = await as('王志明');
  await visit(wang, served.url, '/pages/home/index');
  await wang.locator('.concern-card--overdue', { hasText: '停车与电动车' }).first().waitFor();
  await audited(wang, 'concern-home-branch');
  await visit(wang, served.url, detail(id));
  await wang.locator(v('.concern-act-topic')).click();
  await wang.locator(v('.concern-topic-title input')).fill('楼道充电怎么办：充电棚建在哪里');
  await wang.locator(v('.concern-form-submit')).click();
  await wang.locator(v('.concern-outcome-link'), { hasText: '查看议事进度' }).click();
  await wang.locator(v('.topic-stage-now'), { hasText: '征集意见' }).waitFor();
  const topicId = decodeURIComponent(/[?&]id=([^&]+)/.exec(wang.url())![1]);

  // 陈阿婆 comments during 征集 (her home's one thread).
  await visit(chen, served.url, `/packages/concerns/pages/topic/index?id=${encodeURIComponent(topicId)}`);
  await chen.locator(v('.topic-comment')).click();
  await chen.locator(v('.topic-stances .choice__item'), { hasText: '建议' }).click();
  await chen.locator(v('.topic-words textarea')).fill('东门近，要装监控和定时断电');
  await chen.locator(v('.topic-submit')).click();
  await chen.locator(v('.topic-comment-item'), { hasText: '3栋住户 · 建议' }).waitFor();
  await audited(chen, 'topic-collect');

  // 通报 → 协商 → 公示.
  await visit(wang, served.url, `/packages/concerns/pages/topic/index?id=${encodeURIComponent(topicId)}`);
  await wang.locator(v('.topic-next')).click();
  await wang.locator(v('.step-material input')).fill('两处选址示意图和报价');
  await wang.locator(v('.step-meeting-at input')).fill('2026-12-20 19:00');
  await wang.locator(v('.step-place input')).fill('物业楼二楼小区议事厅');
  // The material's photo (the site plan), published with it.
  await attachPhoto(wang, '.step-add-photo', 'site-plan.png');
  await wang.locator(v('.step-photo .concern-photo__img')).waitFor();
  await wang.locator(v('.topic-submit')).click();
  await wang.locator(v('.topic-stage-now'), { hasText: '通报材料' }).waitFor();
  await wang.locator(v('.topic-material-photos .concern-photo__img')).waitFor();
  await wang.locator(v('.topic-next')).click();
  await wang.locator(v('.step-participants textarea')).fill('支部1人，业委会2人，物业经理，3栋、5栋住户代表各2人');
  await wang.locator(v('.step-minutes textarea')).fill('比较了东门空地和北侧绿化带，多数赞成东门。');
  await wang.locator(v('.step-opinion textarea')).fill('建议在东门空地建充电棚，带监控和定时断电。');
  await wang.locator(v('.step-art278')).click();
  await wang.locator(v('.step-reason textarea')).fill('在共有部分建车棚，须业主共同决定');
  await audited(wang, 'topic-consult-form');
  await wang.locator(v('.topic-submit')).click();
  await wang.locator(v('.topic-outcome__text'), { hasText: '提交业主大会表决' }).waitFor();
  await wang.locator(v('.topic-next')).click();
  await wang.locator(v('.topic-submit')).click();
  await wang.locator(v('.topic-stage-now'), { hasText: '结果公示' }).waitFor();
  await wang.locator(v('.topic-next-problem'), { hasText: '公示期未满' }).waitFor();
  await audited(wang, 'topic-publicize');

  // The objection period passes; 实施 with a task, linked to this month's expense; 反馈.
  endObjectionPeriod(topicId);
  await visit(wang, served.url, `/packages/concerns/pages/topic/index?id=${encodeURIComponent(topicId)}`);
  await wang.locator(v('.topic-next')).click();
  await wang.locator(v('.topic-submit')).click();
  await wang.locator(v('.topic-stage-now'), { hasText: '组织实施' }).waitFor();
  await wang.locator(v('.topic-add-task')).click();
  await wang.locator(v('.task-title input')).fill('支付充电棚款项');
  await wang.locator(v('.task-owner input')).fill('钱会计');
  await wang.locator(v('.task-due input')).fill('2026-12-31');
  await wang.locator(v('.topic-submit')).click();
  await wang.locator(v('.topic-task'), { hasText: '支付充电棚款项' }).waitFor();
  await wang.locator(v('.topic-link-expense')).first().click();
  await wang.locator(v('.topic-expenses .choice__item')).first().click();
  await wang.locator(v('.topic-task-link'), { hasText: '查看账目支出' }).waitFor();
  await wang.locator(v('.topic-next')).click();
  await wang.locator(v('.step-report textarea')).fill('东门充电棚已建成通电，楼道充电基本没有了。');
  await wang.locator(v('.topic-submit')).click();
  await wang.locator(v('.topic-stage-now'), { hasText: '反馈评价' }).waitFor();
  await audited(wang, 'topic-feedback');

  // 陈阿婆 rates the outcome; the linked expense opens the ledger's statement.
  await visit(chen, served.url, `/packages/concerns/pages/topic/index?id=${encodeURIComponent(topicId)}`);
  await chen.locator(v('.topic-rate-ok')).click();
  await chen.locator(v('.topic-feedback'), { hasText: '满意 1 户' }).waitFor();
  expect(await chen.locator('body').innerText()).not.toMatch(/陈阿婆|2单元101/);
  await chen.locator(v('.topic-task-link')).click();
  await chen.waitForURL(/packages\/fees\/pages\/statement/);
});
