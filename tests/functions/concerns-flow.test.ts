/**
 * 民情 end to end through the functions: raised with a photo, seen by a neighbour
 * without a name or a room, 我也关心, answered by the building's lead, rated
 * 不满意 (reopened and escalated to the branch), merged (every follower kept), 50
 * parallel 我也关心 → 1, raised on a household's behalf, the export and the
 * messages anonymous; and the 议事厅 cycle refusing steps out of order.
 */
import { OUTBOX } from '../../emulator/sandboxes';
import { newRequestId, type Harness } from '../support/harness';
import { CHEN_HOME, concernsHarness, grant, homeOf, raiseBody, upload } from './concerns-support';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await concernsHarness();
});
afterAll(() => h.close());

const NAMES = /陈阿婆|2单元101|3栋2单元|txsj-b3_2_101|p-txsj-resident-3/;

it('raised with a photo, seen anonymously, followed, answered, rated 不满意 → reopened and escalated to the branch', async () => {
  await grant(h, 'txsj-resident-3');
  await grant(h, 'txsj-secretary');
  await grant(h, 'txsj-committee');
  const chen = h.as('txsj-resident-3');
  const photo = await upload(h, 'txsj-resident-3');
  const body = raiseBody({ photos: [photo] });
  const c = await chen.ok('concerns', 'concerns.raise', body);
  expect(c).toMatchObject({
    status: 'open',
    level: 'lead',
    placeLabel: '天翔世家 3栋',
    visibility: 'public',
    access: 'party',
    canRate: false,
  });
  expect(c.photos).toEqual([expect.objectContaining({ fileID: photo, check: 'pending' })]);
  // A retry answers the same concern.
  expect((await chen.ok('concerns', 'concerns.raise', body)).id).toBe(c.id);
  await h.emu.deliverMediaChecks();

  // The lead sees who raised it; a neighbour (another building) sees neither name nor room.
  const lead = h.as('txsj-lead-3');
  expect(await lead.ok('concerns', 'concerns.get', { concernId: c.id })).toMatchObject({
    access: 'handler',
    raiserName: '陈阿婆',
    homeLabel: expect.stringContaining('2单元101'),
    canAnswer: true,
  });
  const neighbour = h.as('txsj-resident-5');
  const seen = await neighbour.ok('concerns', 'concerns.get', { concernId: c.id });
  expect(seen).toMatchObject({ access: 'board', canFollow: true, canAnswer: false });
  expect(seen.photos[0]).toMatchObject({ check: 'pass' });
  expect(JSON.stringify(seen)).not.toMatch(NAMES);
  const boardView = await neighbour.ok('concerns', 'concerns.board', { compoundId: 'txsj' });
  expect(boardView.items.map((x: { id: string }) => x.id)).toContain(c.id);
  expect(JSON.stringify(boardView)).not.toMatch(NAMES);

  // 我也关心.
  expect(await neighbour.ok('concerns', 'concerns.follow', { concernId: c.id })).toMatchObject({ followers: 1, following: true });
  expect((await neighbour.ok('concerns', 'concerns.mine', { following: true })).items.map((x: { id: string }) => x.id)).toContain(c.id);

  // 李秀英 answers; 陈阿婆 is told.
  h.emu.outbox.clear();
  const answered = await lead.ok('concerns', 'concerns.answer', {
    concernId: c.id,
    answer: '已和物业商量，下周在东门建充电棚，楼道里贴了提示。',
  });
  expect(answered).toMatchObject({ status: 'answered', answer: expect.stringContaining('充电棚') });
  expect(h.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload.touser)).toEqual(['demo-txsj-resident-3']);
  expect(await lead.call('concerns', 'concerns.answer', { concernId: c.id, answer: '再答一次' })).toMatchObject({
    ok: false,
    error: { code: 'CONCERN_STATE' },
  });

  // 陈阿婆 rates 不满意: a reason is needed; then it reopens at the branch's level.
  expect(await chen.call('concerns', 'concerns.rate', { concernId: c.id, verdict: 'unsatisfied' })).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST' },
  });
  expect(await neighbour.call('concerns', 'concerns.rate', { concernId: c.id, verdict: 'satisfied' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  h.emu.outbox.clear();
  const reopened = await chen.ok('concerns', 'concerns.rate', {
    concernId: c.id,
    verdict: 'unsatisfied',
    reason: '晚上还是有人在楼道充电',
  });
  expect(reopened).toMatchObject({ status: 'open', level: 'branch', escalated: true, rating: 'unsatisfied' });
  const told = h.emu.outbox.list({ kind: OUTBOX.subscribe });
  expect(told.map((e) => e.payload.touser).sort()).toEqual(expect.arrayContaining(['demo-txsj-secretary', 'demo-txsj-committee']));
  // The messages carry the category and the building, never a name or a room.
  for (const m of told) expect(JSON.stringify(m.payload)).not.toMatch(NAMES);
  // On the branch's home card, highlighted.
  const card = await h.as('txsj-secretary').ok('concerns', 'concerns.home', {});
  expect(card.overdue.map((x: { id: string }) => x.id)).toContain(c.id);
  expect(
    (await h.as('txsj-secretary').ok('concerns', 'concerns.queue', { compoundId: 'txsj', filter: 'escalated' })).items.map(
      (x: { id: string }) => x.id,
    ),
  ).toContain(c.id);
  // The branch answers; 陈阿婆 is satisfied: the end is hers.
  await h.as('txsj-secretary').ok('concerns', 'concerns.answer', { concernId: c.id, answer: '支部和物业晚上巡查，已劝阻并登记。' });
  expect(await chen.ok('concerns', 'concerns.rate', { concernId: c.id, verdict: 'satisfied' })).toMatchObject({
    status: 'satisfied',
    rating: 'satisfied',
  });
});

it('仅处理人可见: not on the board, NOT_FOUND to a neighbour, seen by the lead; nobody handles their own', async () => {
  const c = await h
    .as('txsj-resident-3')
    .ok('concerns', 'concerns.raise', raiseBody({ visibility: 'handlers', category: '邻里纠纷', description: '楼上邻居半夜拖动家具' }));
  expect(await h.as('txsj-resident-3b').call('concerns', 'concerns.get', { concernId: c.id })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(
    (await h.as('txsj-resident-3b').ok('concerns', 'concerns.board', { compoundId: 'txsj' })).items.map((x: { id: string }) => x.id),
  ).not.toContain(c.id);
  expect(await h.as('txsj-lead-3').ok('concerns', 'concerns.get', { concernId: c.id })).toMatchObject({
    access: 'handler',
    raiserName: '陈阿婆',
  });
  // Another building's lead sees nothing of it.
  expect(await h.as('txsj-lead-5').call('concerns', 'concerns.get', { concernId: c.id })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  // 李秀英 raising about her own building cannot answer it herself.
  const own = await h.as('txsj-lead-3').ok('concerns', 'concerns.raise', { ...raiseBody(), homeId: (await homeOf(h, 'txsj-lead-3'))! });
  expect(await h.as('txsj-lead-3').call('concerns', 'concerns.answer', { concernId: own.id, answer: '我自己答' })).toMatchObject({
    ok: false,
    error: { code: 'SELF_DECISION' },
  });
});

it('50 parallel 我也关心 by one neighbour count once', async () => {
  const c = await h.as('txsj-resident-3').ok('concerns', 'concerns.raise', raiseBody({ category: '噪音', description: '广场舞音响太响' }));
  const r = await Promise.all(
    Array.from({ length: 50 }, () => h.as('txsj-resident-5').call('concerns', 'concerns.follow', { concernId: c.id })),
  );
  expect(r.every((x) => x.ok)).toBe(true);
  expect((await h.as('txsj-lead-3').ok('concerns', 'concerns.get', { concernId: c.id })).followers).toBe(1);
  expect((await h.db.collection('concernFollowers').where({ concernId: c.id }).count()).total).toBe(1);
});

it('merging keeps every follower: the duplicate raiser and its followers follow the original', async () => {
  const original = await h
    .as('txsj-resident-3')
    .ok('concerns', 'concerns.raise', raiseBody({ category: '环境卫生', description: '楼道堆物' }));
  const dup = await h.as('txsj-resident-3b').ok('concerns', 'concerns.raise', {
    ...raiseBody({ category: '环境卫生', description: '3栋楼道堆满纸箱' }),
    homeId: (await homeOf(h, 'txsj-resident-3b'))!,
  });
  for (const who of ['txsj-resident-5', 'txsj-lead-5', 'txsj-committee-chair'])
    await h.as(who).ok('concerns', 'concerns.follow', { concernId: dup.id });
  await h.as('txsj-resident-5').ok('concerns', 'concerns.follow', { concernId: original.id });
  const merged = await h.as('txsj-lead-3').ok('concerns', 'concerns.merge', { concernId: dup.id, intoId: original.id });
  expect(merged).toMatchObject({ status: 'merged', mergedIntoId: original.id });
  const followers = (await h.db.collection('concernFollowers').where({ concernId: original.id }).get()).data
    .map((f: any) => f.personId)
    .sort();
  expect(followers).toEqual(['p-txsj-committee-chair', 'p-txsj-lead-5', 'p-txsj-resident-3b', 'p-txsj-resident-5']);
  expect((await h.as('txsj-lead-3').ok('concerns', 'concerns.get', { concernId: original.id })).followers).toBe(4);
  // The duplicate's raiser now sees the original (as a neighbour: no name).
  const view = await h.as('txsj-resident-3b').ok('concerns', 'concerns.get', { concernId: original.id });
  expect(view).toMatchObject({ access: 'board', following: true });
  expect(JSON.stringify(view)).not.toMatch(NAMES);
  // Merging again is refused and adds nobody.
  expect(await h.as('txsj-lead-3').call('concerns', 'concerns.merge', { concernId: dup.id, intoId: original.id })).toMatchObject({
    ok: false,
    error: { code: 'CONCERN_STATE' },
  });
});

it('raised on a household’s behalf: the household are its parties; only the lead of that building may', async () => {
  const c = await h.as('txsj-lead-3').ok('concerns', 'concerns.raiseFor', {
    ...raiseBody({ visibility: 'handlers', category: '安全', description: '走访时陈阿婆说单元门禁坏了' }),
    source: 'visit',
  });
  expect(c).toMatchObject({ access: 'handler', raisedBy: '李秀英' });
  expect((await h.as('txsj-resident-3').ok('concerns', 'concerns.mine', {})).items.map((x: { id: string }) => x.id)).toContain(c.id);
  expect(await h.as('txsj-resident-3').ok('concerns', 'concerns.get', { concernId: c.id })).toMatchObject({ access: 'party' });
  expect(await h.as('txsj-lead-5').call('concerns', 'concerns.raiseFor', { ...raiseBody(), source: 'visit' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  // Answered by the branch, the household rates it.
  await h.as('txsj-secretary').ok('concerns', 'concerns.answer', { concernId: c.id, answer: '已报物业更换门禁。' });
  expect(await h.as('txsj-resident-3').ok('concerns', 'concerns.rate', { concernId: c.id, verdict: 'satisfied' })).toMatchObject({
    status: 'satisfied',
  });
});

it('turned into a repair or an owners’ vote: linked, not copied; the export and figures carry no names', async () => {
  const a = await h
    .as('txsj-resident-3')
    .ok('concerns', 'concerns.raise', raiseBody({ category: '公共设施', description: '外墙瓷砖脱落' }));
  // A repair that does not exist, or is another compound's, is refused and nothing is written.
  await h.db
    .collection('repairs')
    .doc('r-some-repair')
    .set({ data: { compoundId: 'txsj', status: 'open' } });
  await h.db
    .collection('repairs')
    .doc('r-other-compound')
    .set({ data: { compoundId: 'yjlt', status: 'open' } });
  for (const repairId of ['r-no-such-repair', 'r-other-compound']) {
    const refused = await h.emu.measure(() =>
      h.as('txsj-lead-3').call('concerns', 'concerns.convert', { concernId: a.id, to: { kind: 'repair', repairId } }),
    );
    expect([repairId, refused.result, refused.writes]).toEqual([
      repairId,
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      0,
    ]);
  }
  const toRepair = await h
    .as('txsj-lead-3')
    .ok('concerns', 'concerns.convert', { concernId: a.id, to: { kind: 'repair', repairId: 'r-some-repair' } });
  expect(toRepair).toMatchObject({ status: 'answered', outcome: 'repair', link: { to: 'repairDetail', params: { id: 'r-some-repair' } } });
  const b = await h
    .as('txsj-resident-3')
    .ok('concerns', 'concerns.raise', raiseBody({ category: '建议', description: '把楼顶改成晾晒区' }));
  // A concern for the handlers only lends a topic its title, never its words.
  const priv = await h
    .as('txsj-resident-3')
    .ok('concerns', 'concerns.raise', raiseBody({ visibility: 'handlers', description: '楼上302家的狗天天叫' }));
  const viaTopic = await h.as('txsj-lead-3').ok('concerns', 'concerns.convert', {
    concernId: priv.id,
    to: { kind: 'topic', clientRequestId: newRequestId(), title: '养犬文明公约', collectDays: 7 },
  });
  const topicSeen = await h.as('txsj-resident-5').ok('concerns', 'topics.get', { topicId: viaTopic.topicId });
  expect(JSON.stringify(topicSeen)).not.toMatch(/302|狗天天叫/);
  const toVote = await h
    .as('txsj-committee')
    .ok('concerns', 'concerns.convert', { concernId: b.id, to: { kind: 'vote', reason: '改变共有部分用途' } });
  expect(toVote).toMatchObject({ outcome: 'vote', voteReason: '改变共有部分用途', answer: expect.stringContaining('第二百七十八条') });
  // Linked to a vote the committee drafted in this compound: the concern opens it; another compound's is refused.
  await h.db
    .collection('voteMatters')
    .doc('vm-shed-draft')
    .set({ data: { compoundId: 'txsj', status: 'draft', title: '建充电棚' } });
  await h.db
    .collection('voteMatters')
    .doc('vm-yjlt')
    .set({ data: { compoundId: 'yjlt', status: 'draft', title: '外墙维修' } });
  const d = await h.as('txsj-resident-3').ok('concerns', 'concerns.raise', raiseBody({ category: '建议', description: '建一个充电棚' }));
  const wrong = await h.as('txsj-committee').call('concerns', 'concerns.convert', {
    concernId: d.id,
    to: { kind: 'vote', reason: '在共有部分建设', voteId: 'vm-yjlt' },
  });
  expect(wrong).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const linked = await h.as('txsj-committee').ok('concerns', 'concerns.convert', {
    concernId: d.id,
    to: { kind: 'vote', reason: '在共有部分建设', voteId: 'vm-shed-draft' },
  });
  expect(linked.link).toMatchObject({ to: 'voteDetail', params: { id: 'vm-shed-draft' } });

  const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const stats = await h.as('community-admin').ok('concerns', 'concerns.stats', { compoundId: 'txsj', period });
  expect(stats.raised).toBeGreaterThanOrEqual(6);
  expect(stats.answered).toBeGreaterThanOrEqual(3);
  expect(stats.reopened).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(stats)).not.toMatch(NAMES);
  // The community office sees figures only: not the concerns themselves.
  expect(await h.as('community-admin').call('concerns', 'concerns.get', { concernId: a.id })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(await h.as('community-admin').call('concerns', 'concerns.export', { compoundId: 'txsj', period })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  const exp = await h.as('txsj-committee').ok('concerns', 'concerns.export', { compoundId: 'txsj', period });
  const file = (await h.emu.runAs({ openid: h.as('txsj-committee').openid, source: 'wx_client' }, () =>
    h.emu.sdk.downloadFile({ fileID: exp.fileID }),
  )) as { fileContent: Buffer };
  const csv = file.fileContent.toString('utf8');
  expect(csv).toContain('停车与电动车');
  expect(csv).toContain('3栋');
  expect(csv).not.toMatch(/陈阿婆|吴晓峰|李秀英|101|1502/);
});

it('the 议事厅 cycle refuses steps out of order; one thread per home, edited', async () => {
  const sec = h.as('txsj-secretary');
  const t = await sec.ok('concerns', 'topics.propose', {
    clientRequestId: newRequestId(),
    compoundId: 'txsj',
    title: '电动车充电棚建在哪里',
    description: '东门空地或北侧绿化带',
    collectDays: 7,
  });
  expect(t).toMatchObject({ stage: 'collect', nextStage: 'brief' });
  const consultNow = {
    to: 'consult',
    participants: '支部1人，业委会2人，3栋住户代表2人',
    minutes: '讨论了两个位置',
    opinion: '建在东门空地',
    art278: false,
  };
  expect(await sec.call('concerns', 'topics.advance', { topicId: t.id, step: consultNow })).toMatchObject({
    ok: false,
    error: { code: 'TOPIC_STAGE' },
  });
  expect(await sec.call('concerns', 'topics.advance', { topicId: t.id, step: { to: 'feedback', report: '建好了' } })).toMatchObject({
    ok: false,
    error: { code: 'TOPIC_STAGE' },
  });

  // One thread per home: a second comment edits the first.
  const chen = h.as('txsj-resident-3');
  await chen.ok('concerns', 'topics.comment', { topicId: t.id, homeId: CHEN_HOME, stance: 'for', text: '东门好' });
  const edited = await chen.ok('concerns', 'topics.comment', {
    topicId: t.id,
    homeId: CHEN_HOME,
    stance: 'suggest',
    text: '东门好，要装监控',
  });
  expect(edited.comments).toBe(1);
  expect(edited.commentsList).toEqual([
    expect.objectContaining({ who: '3栋住户', stance: 'suggest', text: '东门好，要装监控', edited: true }),
  ]);
  expect(JSON.stringify(edited)).not.toMatch(NAMES);
  expect(
    await h.as('txsj-resident-3').call('concerns', 'topics.comment', { topicId: t.id, homeId: 'yjlt-b5_1_301', stance: 'for', text: '好' }),
  ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

  const brief = await sec.ok('concerns', 'topics.advance', {
    topicId: t.id,
    step: {
      to: 'brief',
      materials: [{ title: '两处选址和报价', photos: [] }],
      meetingAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: '物业楼二楼议事厅',
    },
  });
  expect(brief).toMatchObject({ stage: 'brief', canComment: false });
  expect(await chen.call('concerns', 'topics.comment', { topicId: t.id, homeId: CHEN_HOME, stance: 'for', text: '晚了' })).toMatchObject({
    ok: false,
    error: { code: 'TOPIC_STAGE' },
  });
  expect(await sec.call('concerns', 'topics.advance', { topicId: t.id, step: { to: 'publicize', objectionDays: 5 } })).toMatchObject({
    ok: false,
    error: { code: 'TOPIC_STAGE' },
  });
  // Under art. 278 the outcome is an owners' vote, and why.
  expect(await sec.call('concerns', 'topics.advance', { topicId: t.id, step: { ...consultNow, art278: true } })).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST' },
  });
  const consulted = await sec.ok('concerns', 'topics.advance', {
    topicId: t.id,
    step: { ...consultNow, art278: true, art278Reason: '占用共有部分建车棚' },
  });
  expect(consulted.outcome).toMatch(/^提交业主大会表决：占用共有部分建车棚/);
  const pub = await sec.ok('concerns', 'topics.advance', { topicId: t.id, step: { to: 'publicize', objectionDays: 5 } });
  expect(pub).toMatchObject({ stage: 'publicize', canObject: true, publicUntil: expect.any(String) });
  // The objection period must end before 实施.
  expect(await sec.call('concerns', 'topics.advance', { topicId: t.id, step: { to: 'implement' } })).toMatchObject({
    ok: false,
    error: { code: 'TOPIC_STAGE', message: expect.stringContaining('公示期') },
  });
  expect(await chen.ok('concerns', 'topics.object', { topicId: t.id, homeId: CHEN_HOME, text: '离我家太近' })).toMatchObject({
    commentsList: expect.arrayContaining([expect.objectContaining({ stance: 'objection' })]),
  });
  await h.db
    .collection('topics')
    .doc(t.id)
    .update({ data: { publicUntil: new Date(Date.now() - 1000) } });
  await sec.ok('concerns', 'topics.advance', { topicId: t.id, step: { to: 'implement' } });
  const task = await sec.ok('concerns', 'topics.addTask', {
    topicId: t.id,
    clientRequestId: newRequestId(),
    title: '建充电棚',
    owner: '刘洋',
    dueOn: '2026-12-31',
    link: { kind: 'vote', id: 'v-shed' },
  });
  expect(task.tasks[0]).toMatchObject({ title: '建充电棚', link: { to: 'voteDetail', kind: 'vote' } });
  const withExpense = await sec.ok('concerns', 'topics.addTask', {
    topicId: t.id,
    clientRequestId: newRequestId(),
    title: '支付车棚款',
    owner: '钱会计',
    dueOn: '2026-12-31',
  });
  const linked = await sec.ok('concerns', 'topics.linkTask', {
    topicId: t.id,
    taskId: withExpense.tasks[1].id,
    link: { kind: 'expense', id: 'l-123', period: '2026-12' },
  });
  expect(linked.tasks[1].link).toMatchObject({ to: 'feeStatement', params: { compoundId: 'txsj', period: '2026-12' } });
  await grant(h, 'txsj-resident-3');
  h.emu.outbox.clear();
  const fb = await sec.ok('concerns', 'topics.advance', { topicId: t.id, step: { to: 'feedback', report: '车棚已建成，可停80辆' } });
  expect(fb).toMatchObject({ stage: 'feedback', canRate: true, report: '车棚已建成，可停80辆' });
  // The 反馈 reaches every home that took part (a job), without names.
  const fbSent = h.emu.outbox.list({ kind: OUTBOX.subscribe });
  expect(fbSent.map((e) => e.payload.touser)).toEqual(['demo-txsj-resident-3']);
  expect(JSON.stringify(fbSent[0].payload)).not.toMatch(NAMES);
  expect(await chen.ok('concerns', 'topics.rate', { topicId: t.id, homeId: CHEN_HOME, verdict: 'satisfied' })).toMatchObject({
    ratings: { satisfied: 1, unsatisfied: 0 },
  });
  expect(await chen.ok('concerns', 'topics.rate', { topicId: t.id, homeId: CHEN_HOME, verdict: 'unsatisfied' })).toMatchObject({
    ratings: { satisfied: 0, unsatisfied: 1 },
  });
  // Steps back are refused too.
  expect(await sec.call('concerns', 'topics.advance', { topicId: t.id, step: { to: 'implement' } })).toMatchObject({
    ok: false,
    error: { code: 'TOPIC_STAGE' },
  });
});

describe('a per-compound page in one call: without a compoundId the read answers for the first compound of the page’s rule, with the places', () => {
  const period = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  // Each read, its page's rule for the first compound, and its other input.
  const reads = [
    { action: 'concerns.board', first: (p: any) => p.homes[0]?.compoundId, extra: () => ({}) },
    { action: 'topics.list', first: (p: any) => p.homes[0]?.compoundId ?? p.handles[0]?.compoundId, extra: () => ({ size: 5 }) },
    { action: 'concerns.queue', first: (p: any) => p.handles[0]?.compoundId, extra: () => ({ filter: 'all', size: 5 }) },
    { action: 'concerns.stats', first: (p: any) => p.stats[0]?.compoundId, extra: () => ({ period: period() }) },
  ];

  it('the default answer equals the explicit one for the first compound, and carries concerns.places', async () => {
    await h.as('txsj-resident-3').ok('concerns', 'concerns.raise', raiseBody());
    const seen: string[] = [];
    for (const who of ['txsj-resident-3', 'txsj-lead-3', 'txsj-secretary', 'community-admin']) {
      const places = await h.as(who).ok('concerns', 'concerns.places', {});
      for (const { action, first, extra } of reads) {
        const compoundId = first(places);
        if (!compoundId) continue;
        const def = await h.as(who).ok('concerns', action, extra());
        seen.push(`${who} ${action}`);
        expect(def).toMatchObject({ compoundId, places });
        expect(await h.as(who).ok('concerns', action, { ...extra(), compoundId })).toEqual(def);
      }
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        'txsj-resident-3 concerns.board',
        'txsj-resident-3 topics.list',
        'txsj-lead-3 concerns.queue',
        'txsj-secretary concerns.stats',
        'community-admin concerns.stats',
      ]),
    );
    // The queue carries the settings its banner shows: those concerns.settings gives.
    const q = await h.as('txsj-lead-3').ok('concerns', 'concerns.queue', { size: 5 });
    expect(q.settings).toEqual(await h.as('txsj-lead-3').ok('concerns', 'concerns.settings', { compoundId: q.compoundId }));
  });

  it('someone with no compound: an empty board, topics and queue, and the figures refused as for a compound not theirs', async () => {
    const nowhere = h.as('demo-new-nowhere');
    const places = await nowhere.ok('concerns', 'concerns.places', {});
    expect(await nowhere.ok('concerns', 'concerns.board', {})).toEqual({ items: [], following: [], compoundId: '', places });
    expect(await nowhere.ok('concerns', 'topics.list', { size: 5 })).toEqual({ items: [], compoundId: '', places });
    expect(await nowhere.ok('concerns', 'concerns.queue', { size: 5 })).toEqual({ items: [], compoundId: '', places, settings: null });
    for (const who of ['demo-new-nowhere', 'txsj-resident-3']) {
      const def = await h.as(who).call('concerns', 'concerns.stats', { period: period() });
      expect(def).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(def).toEqual(await h.as(who).call('concerns', 'concerns.stats', { compoundId: 'txsj', period: period() }));
    }
  });
});
