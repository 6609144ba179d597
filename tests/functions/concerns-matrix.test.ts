/**
 * Authorization matrix and bad input for every concerns action: allowed
 * identities SUCCEED; everyone else is refused (FORBIDDEN, or NOT_FOUND where even
 * the concern's or topic's existence is not theirs), and bad input writes nothing.
 */
import { concernsApi, CONCERN_TEMPLATE_ID } from '../../core/concerns/contract';
import { expectAuthorization, expectBadInputRefused, type ActionSpec } from '../support/matrix';
import { newRequestId, type Harness } from '../support/harness';
import { CHEN_HOME, concernsHarness, homeOf, raiseBody, upload } from './concerns-support';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await concernsHarness();
});
afterAll(() => h.close());

const IDENTITIES = [
  '',
  'demo-new-matrix',
  'txsj-resident-3',
  'txsj-resident-3b',
  'txsj-resident-5',
  'txsj-lead-3',
  'txsj-lead-5',
  'txsj-secretary',
  'txsj-committee',
  'txsj-manager',
  'yjlt-resident-5',
  'community-admin',
] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');
/** Everyone with a home in 天翔世家. */
const TXSJ_RESIDENTS = [
  'txsj-resident-3',
  'txsj-resident-3b',
  'txsj-resident-5',
  'txsj-lead-3',
  'txsj-lead-5',
  'txsj-secretary',
  'txsj-committee',
];
const HANDLERS_3 = ['txsj-lead-3', 'txsj-secretary', 'txsj-committee'];
const BRANCH = ['txsj-secretary', 'txsj-committee'];
const period = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

const fresh = async (over: Record<string, unknown> = {}) =>
  (await h.as('txsj-resident-3').ok('concerns', 'concerns.raise', raiseBody(over))).id as string;
async function answered() {
  const id = await fresh();
  await h.as('txsj-lead-3').ok('concerns', 'concerns.answer', { concernId: id, answer: '已答复' });
  return id;
}
async function topicIn(stage: string, extra: Record<string, unknown> = {}) {
  const t = await h.as('txsj-secretary').ok('concerns', 'topics.propose', {
    clientRequestId: newRequestId(),
    compoundId: 'txsj',
    title: '充电棚选址',
    description: '东门或北侧',
  });
  if (stage !== 'collect')
    await h.db
      .collection('topics')
      .doc(t.id)
      .update({ data: { stage, ...extra } });
  return t.id as string;
}
const homes = new Map<string, string | null>();
async function home(who?: string) {
  if (!who) return CHEN_HOME;
  if (!homes.has(who)) homes.set(who, await homeOf(h, who));
  const id = homes.get(who);
  return id && id.startsWith('txsj') ? id : CHEN_HOME;
}
const task = { id: 'k-matrix', title: '建车棚', owner: '刘洋', dueOn: '2026-12-31', link: null, createdAt: new Date() };

const MATRIX: Record<keyof (typeof concernsApi)['actions'], ActionSpec> = {
  'concerns.raise': { allowed: ['txsj-resident-3'], payload: async () => raiseBody() },
  'concerns.raiseFor': { allowed: HANDLERS_3, payload: async () => ({ ...raiseBody(), source: 'visit' }) },
  // The raiser, the handlers, and neighbours of the compound (a public concern, anonymised).
  'concerns.get': { allowed: TXSJ_RESIDENTS, payload: async () => ({ concernId: await fresh() }) },
  'concerns.mine': { allowed: SIGNED_IN, payload: async () => ({ following: false, size: 5 }) },
  'concerns.queue': {
    allowed: ['txsj-lead-3', 'txsj-lead-5', ...BRANCH],
    payload: async () => ({ compoundId: 'txsj', filter: 'open', size: 5 }),
  },
  'concerns.board': { allowed: TXSJ_RESIDENTS, payload: async () => ({ compoundId: 'txsj' }) },
  'concerns.follow': { allowed: TXSJ_RESIDENTS, payload: async () => ({ concernId: await fresh() }) },
  'concerns.answer': { allowed: HANDLERS_3, payload: async () => ({ concernId: await fresh(), answer: '已和物业沟通' }) },
  'concerns.convert': {
    allowed: HANDLERS_3,
    payload: async () => ({ concernId: await fresh(), to: { kind: 'vote', reason: '涉及共有部分' } }),
  },
  'concerns.rate': { allowed: ['txsj-resident-3'], payload: async () => ({ concernId: await answered(), verdict: 'satisfied' }) },
  'concerns.merge': { allowed: HANDLERS_3, payload: async () => ({ concernId: await fresh(), intoId: await fresh() }) },
  'concerns.places': { allowed: SIGNED_IN, payload: async () => ({}) },
  'concerns.home': { allowed: SIGNED_IN, payload: async () => ({}) },
  'concerns.settings': { allowed: ['txsj-lead-3', 'txsj-lead-5', ...BRANCH], payload: async () => ({ compoundId: 'txsj' }) },
  'concerns.setSettings': { allowed: BRANCH, payload: async () => ({ compoundId: 'txsj', escalateDays: 3, topicThreshold: 10 }) },
  'concerns.stats': { allowed: [...BRANCH, 'community-admin'], payload: async () => ({ compoundId: 'txsj', period: period() }) },
  'concerns.export': { allowed: BRANCH, payload: async () => ({ compoundId: 'txsj', period: period() }) },
  'concerns.subscribe': { allowed: SIGNED_IN, payload: async () => ({ templateId: CONCERN_TEMPLATE_ID, accepted: true }) },
  'topics.propose': {
    allowed: BRANCH,
    payload: async () => ({
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      title: '广场舞时间',
      description: '晚上九点后停',
      collectDays: 7,
    }),
  },
  'topics.get': { allowed: [...TXSJ_RESIDENTS, 'community-admin'], payload: async () => ({ topicId: await topicIn('collect') }) },
  'topics.list': { allowed: [...TXSJ_RESIDENTS, 'community-admin'], payload: async () => ({ compoundId: 'txsj', size: 5 }) },
  'topics.comment': {
    allowed: TXSJ_RESIDENTS,
    payload: async (who) => ({ topicId: await topicIn('collect'), homeId: await home(who), stance: 'for', text: '赞成' }),
  },
  'topics.object': {
    allowed: TXSJ_RESIDENTS,
    payload: async (who) => ({
      topicId: await topicIn('publicize', { publicUntil: new Date(Date.now() + 86_400_000) }),
      homeId: await home(who),
      text: '有异议',
    }),
  },
  'topics.advance': {
    allowed: BRANCH,
    payload: async () => ({
      topicId: await topicIn('collect'),
      step: { to: 'brief', materials: [{ title: '方案' }], meetingAt: new Date().toISOString(), place: '议事厅' },
    }),
  },
  'topics.addTask': {
    allowed: BRANCH,
    payload: async () => ({
      topicId: await topicIn('implement'),
      clientRequestId: newRequestId(),
      title: '建车棚',
      owner: '刘洋',
      dueOn: '2026-12-31',
    }),
  },
  'topics.linkTask': {
    allowed: BRANCH,
    payload: async () => ({
      topicId: await topicIn('implement', { tasks: [task] }),
      taskId: task.id,
      link: { kind: 'expense', id: 'l-1', period: '2026-12' },
    }),
  },
  'topics.rate': {
    allowed: TXSJ_RESIDENTS,
    payload: async (who) => ({ topicId: await topicIn('feedback'), homeId: await home(who), verdict: 'satisfied' }),
  },
};

describe('authorization matrix: every action × every identity', () => {
  it('covers every action of the contract', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(concernsApi.actions).sort());
  });
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(
      action,
      async () => {
        await expectAuthorization(h, 'concerns', action, spec, IDENTITIES);
      },
      120_000,
    );
  }
  it('a timer-shaped event from a client is an action call, never the sweep', async () => {
    expect(
      await h
        .as('txsj-secretary')
        .raw('concerns', { Type: 'Timer', TriggerName: 'hourly', Time: new Date(Date.now() + 90 * 86_400_000).toISOString() }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

const OPTIONAL = new Set([
  'concerns.raise:about',
  'concerns.raise:photos',
  'concerns.raiseFor:about',
  'concerns.raiseFor:photos',
  'concerns.queue:compoundId',
  'concerns.board:compoundId',
  'concerns.stats:compoundId',
  'topics.list:compoundId',
  'concerns.mine:following',
  'concerns.mine:size',
  'concerns.queue:filter',
  'concerns.queue:size',
  'concerns.convert:note',
  'concerns.rate:reason',
  'topics.propose:collectDays',
  'topics.list:size',
  'topics.addTask:link',
]);
const RULES = (): Record<string, Record<string, unknown>[]> => ({
  'concerns.raise': [
    raiseBody({ category: '打架' }),
    raiseBody({ visibility: 'everyone' }),
    raiseBody({ description: '   ' }),
    raiseBody({ description: 'x'.repeat(501) }),
    raiseBody({ photos: Array.from({ length: 7 }, (_, i) => `cloud://env.x/u/demo-txsj-resident-3/concerns/${i}.png`) }),
    raiseBody({ photos: ['https://example.com/a.png'] }),
    raiseBody({ clientRequestId: 'short' }),
    raiseBody({ description: '有人\u202e反转文字' }),
  ],
  'concerns.answer': [
    { concernId: 'c1', answer: '' },
    { concernId: 'c1', answer: 'x'.repeat(501) },
  ],
  'concerns.convert': [
    { concernId: 'c1', to: { kind: 'repair' } },
    { concernId: 'c1', to: { kind: 'vote', reason: '' } },
    { concernId: 'c1', to: { kind: 'topic', clientRequestId: newRequestId(), title: '议题', collectDays: 0 } },
    { concernId: 'c1', to: { kind: 'notice' } },
  ],
  'concerns.rate': [{ concernId: 'c1', verdict: 'ok' }],
  'concerns.setSettings': [
    { compoundId: 'txsj', escalateDays: 0, topicThreshold: 10 },
    { compoundId: 'txsj', escalateDays: 3, topicThreshold: 1 },
    { compoundId: 'txsj', escalateDays: 2.5, topicThreshold: 10 },
  ],
  'concerns.stats': [{ compoundId: 'txsj', period: '2026-13' }],
  'topics.advance': [
    { topicId: 't1', step: { to: 'brief', materials: [], meetingAt: new Date().toISOString(), place: '议事厅' } },
    { topicId: 't1', step: { to: 'brief', materials: [{ title: '方案' }], meetingAt: '明天晚上', place: '议事厅' } },
    { topicId: 't1', step: { to: 'publicize', objectionDays: 0 } },
    { topicId: 't1', step: { to: 'decide' } },
    { topicId: 't1', step: { to: 'consult', participants: '代表', minutes: '记录', opinion: '意见' } },
  ],
  'topics.addTask': [
    { topicId: 't1', clientRequestId: newRequestId(), title: '任务', owner: '刘洋', dueOn: '12/31' },
    {
      topicId: 't1',
      clientRequestId: newRequestId(),
      title: '任务',
      owner: '刘洋',
      dueOn: '2026-12-31',
      link: { kind: 'payment', id: 'x' },
    },
  ],
  'topics.comment': [{ topicId: 't1', homeId: CHEN_HOME, stance: 'maybe', text: '好' }],
});

describe('bad input writes nothing', () => {
  for (const action of Object.keys(MATRIX)) {
    it(
      action,
      async () => {
        const spec = MATRIX[action as keyof typeof MATRIX];
        const who = spec.allowed.includes('txsj-secretary') ? 'txsj-secretary' : spec.allowed[0];
        const valid = await spec.payload(who);
        await expectBadInputRefused(h, 'concerns', action, who, valid, { optional: OPTIONAL, rules: RULES()[action] });
      },
      120_000,
    );
  }
  it('someone else’s files are FILE_INVALID and write nothing', async () => {
    const theirs = await upload(h, 'txsj-resident-5');
    const before = await h.snapshot();
    expect(await h.as('txsj-resident-3').call('concerns', 'concerns.raise', raiseBody({ photos: [theirs] }))).toMatchObject({
      ok: false,
      error: { code: 'FILE_INVALID' },
    });
    expect(await h.snapshot()).toBe(before);
  });
});
