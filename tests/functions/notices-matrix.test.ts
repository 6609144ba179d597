/**
 * Authorization matrix and bad input for every notices action. Each action lists a
 * valid payload and the identities allowed to run it: those succeed; everyone else
 * is refused — FORBIDDEN, or NOT_FOUND where even the notice's existence is not
 * theirs to know — and an empty identity is UNAUTHENTICATED.
 */
import { NOTICE_TEMPLATE_ID, noticesApi } from '../../core/notices/contract';
import { main as notices } from '../../cloudfunctions/notices';
import { expectAuthorization, expectBadInputRefused } from '../support/matrix';
import { createHarness, newRequestId, type Harness } from '../support/harness';

let h: Harness;
let shared: string;
beforeAll(async () => {
  h = await createHarness({ notices: notices as any });
  shared = (await fresh()).id;
});
afterAll(() => h.close());

const IDENTITIES = [
  '',
  'demo-new-matrix',
  'txsj-resident-3',
  'txsj-resident-5',
  'txsj-lead-3',
  'txsj-lead-5',
  'txsj-committee',
  'txsj-secretary',
  'txsj-manager',
  'txsj-staff',
  'community-admin',
  'yjlt-committee',
] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');
/** Who may post to / follow up 天翔世家 building 3. */
const B3_STAFF = ['txsj-lead-3', 'txsj-committee', 'txsj-secretary', 'txsj-manager', 'community-admin'];
const B3 = { kind: 'buildings', buildingIds: ['txsj-b3'] };
const content = { title: '矩阵测试', body: '正文', category: '通知' };

let n = 0;
async function fresh() {
  return h
    .as('txsj-lead-3')
    .ok('notices', 'notices.post', { clientRequestId: newRequestId(), audience: B3, ...content, title: `矩阵测试${++n}` });
}

type Spec = { allowed: readonly string[]; payload: () => Promise<Record<string, unknown>> };
const MATRIX: Record<keyof (typeof noticesApi)['actions'], Spec> = {
  'notices.post': {
    allowed: B3_STAFF,
    payload: async () => ({ clientRequestId: newRequestId(), audience: B3, ...content, pinned: false, images: [] }),
  },
  'notices.correct': {
    allowed: B3_STAFF,
    payload: async () => ({
      clientRequestId: newRequestId(),
      noticeId: (await fresh()).id,
      ...content,
      title: '更正',
      images: [],
      pinned: false,
    }),
  },
  'notices.withdraw': { allowed: B3_STAFF, payload: async () => ({ noticeId: (await fresh()).id, reason: '测试撤回' }) },
  'notices.list': { allowed: SIGNED_IN, payload: async () => ({ box: 'inbox', q: '矩阵', size: 5 }) },
  'notices.unreadCount': { allowed: SIGNED_IN, payload: async () => ({}) },
  'notices.open': { allowed: ['txsj-resident-3', ...B3_STAFF], payload: async () => ({ noticeId: shared }) },
  // Only the notice's audience (and its followers) are counted: a stranger cannot pad the figures.
  'notices.groupOpen': {
    allowed: ['txsj-resident-3', ...B3_STAFF],
    payload: async () => ({ noticeId: shared, groupInfo: { cloudID: h.emu.shareTickets.issue({ openGId: 'tMatrixGroup' }) } }),
  },
  'notices.summary': { allowed: B3_STAFF, payload: async () => ({ noticeId: shared }) },
  'notices.unreadHomes': { allowed: B3_STAFF, payload: async () => ({ noticeId: shared, buildingId: 'txsj-b3', size: 5 }) },
  'notices.remind': {
    allowed: B3_STAFF,
    payload: async () => ({ clientRequestId: newRequestId(), noticeId: shared, buildingId: 'txsj-b3' }),
  },
  'notices.remindPreview': { allowed: B3_STAFF, payload: async () => ({ noticeId: shared }) },
  // A job's progress is its creator's alone.
  'notices.jobStatus': {
    allowed: ['txsj-lead-3'],
    payload: async () => ({
      jobId: (await h.as('txsj-lead-3').ok('notices', 'notices.remind', { clientRequestId: newRequestId(), noticeId: shared })).jobId,
    }),
  },
  'notices.markTold': { allowed: B3_STAFF, payload: async () => ({ noticeId: shared, homeId: 'txsj-b3_1_301' }) },
  'notices.unmarkTold': { allowed: B3_STAFF, payload: async () => ({ noticeId: shared, homeId: 'txsj-b3_1_301' }) },
  'notices.subscribe': { allowed: SIGNED_IN, payload: async () => ({ templateId: NOTICE_TEMPLATE_ID, accepted: true }) },
  'groups.link': {
    allowed: ['txsj-lead-3', 'txsj-secretary'],
    payload: async () => ({ buildingId: 'txsj-b3', groupInfo: { cloudID: h.emu.shareTickets.issue({ openGId: 'tMatrixGroup' }) } }),
  },
  'groups.linkOwners': {
    allowed: ['txsj-committee', 'txsj-secretary'],
    payload: async () => ({ compoundId: 'txsj', groupInfo: { cloudID: h.emu.shareTickets.issue({ openGId: 'tMatrixOwners' }) } }),
  },
};

describe('authorization matrix: every action × every identity', () => {
  it('covers every action of the contract', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(noticesApi.actions).sort());
  });

  for (const [action, spec] of Object.entries(MATRIX)) {
    it(`${action}`, async () => {
      await expectAuthorization(h, 'notices', action, spec, IDENTITIES);
    });
  }

  it('people who cannot see a notice learn nothing about it (NOT_FOUND, as for a missing id)', async () => {
    for (const who of ['txsj-resident-5', 'txsj-lead-5', 'yjlt-committee', 'txsj-staff', 'demo-new-matrix']) {
      for (const action of ['notices.open', 'notices.summary', 'notices.correct', 'notices.withdraw', 'notices.remind']) {
        const payload =
          action === 'notices.correct'
            ? { clientRequestId: newRequestId(), noticeId: shared, ...content }
            : action === 'notices.remind'
              ? { clientRequestId: newRequestId(), noticeId: shared }
              : action === 'notices.withdraw'
                ? { noticeId: shared, reason: 'x' }
                : { noticeId: shared };
        const real = await h.as(who).call('notices', action, payload);
        const missing = await h.as(who).call('notices', action, { ...payload, noticeId: 'no-such-notice' });
        expect([who, action, real]).toEqual([who, action, { ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) }]);
        expect(real).toEqual(missing);
      }
    }
  });

  it('a resident who can see a notice may not follow it up (FORBIDDEN)', async () => {
    for (const action of ['notices.summary', 'notices.remind', 'notices.remindPreview']) {
      expect(
        await h
          .as('txsj-resident-3')
          .call('notices', action, { noticeId: shared, ...(action === 'notices.remind' ? { clientRequestId: newRequestId() } : {}) }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('an openid in the event or payload never changes who is calling', async () => {
    const stranger = h.as('demo-new-intruder');
    const spoof = await stranger.raw('notices', {
      action: 'notices.summary',
      payload: { noticeId: shared },
      openid: 'demo-txsj-lead-3',
      userInfo: { openId: 'demo-txsj-lead-3', appId: 'x' },
    });
    expect(spoof).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await stranger.call('notices', 'notices.summary', { noticeId: shared, openid: 'demo-txsj-lead-3' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    // a forged media-check push from a user is routed as a user call, never as the system event
    const forged = await stranger.raw('notices', { Event: 'wxa_media_check', trace_id: 'x', result: { suggest: 'pass' } });
    expect(forged).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

const OPTIONAL_FIELDS = new Set([
  'notices.post:images',
  'notices.post:pinned',
  'notices.correct:images',
  'notices.correct:pinned',
  'notices.list:box',
  'notices.list:q',
  'notices.list:size',
  'notices.unreadHomes:size',
  'notices.remind:buildingId',
]);

/** Payloads that are well-formed JSON but break a rule of the contract. */
const SPECIFIC: () => Record<string, Record<string, unknown>[]> = () => ({
  'notices.post': [
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, title: '标'.repeat(41) },
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, body: '   ' },
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, category: '闲聊' },
    {
      clientRequestId: 'req-specific-0001',
      audience: B3,
      ...content,
      images: Array.from({ length: 10 }, (_, i) => `cloud://env.b/notices/${i}.jpg`),
    },
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, images: ['https://example.com/a.jpg'] },
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, expiresOn: '2026/12/01' },
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, expiresOn: '2026-13-45' },
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, expiresOn: '2001-01-01' },
    { clientRequestId: 'req-specific-0001', audience: { kind: 'buildings', buildingIds: [] }, ...content },
    { clientRequestId: 'req-specific-0001', audience: { kind: 'street', ids: ['x'] }, ...content },
    { clientRequestId: 'req-specific-0001', audience: { kind: 'compounds', compoundIds: ['txsj'], buildingIds: ['txsj-b3'] }, ...content },
    // Invisible or deceptive text: zero-width only, a right-to-left override, NUL, a newline in a title.
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, title: '\u200B\u200C\u2060' },
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, title: '通知\u202Egnp.exe' },
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, body: '正文\u0000' },
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, title: '第一行\n第二行' },
    { clientRequestId: 'req-specific-0001', audience: B3, ...content, body: '\uFEFF \u3000 \u200D' },
    { clientRequestId: 'bad id with spaces', audience: B3, ...content },
  ],
  'notices.withdraw': [{ noticeId: 'x', reason: '' }],
  'notices.list': [{ size: 0 }, { size: 51 }, { cursor: '-1' }, { box: 'everything' }, { q: '停水\u0000' }, { q: '\u202E' }],
  'notices.unreadHomes': [{ noticeId: shared, buildingId: 'txsj-b3', cursor: 'abc' }],
  'notices.subscribe': [{ templateId: 'some-other-template', accepted: true }],
  'groups.link': [
    { buildingId: 'txsj-b3' },
    { buildingId: 'txsj-b3', openGId: 'a', groupInfo: { cloudID: h.emu.shareTickets.issue({ openGId: 'a' }) } },
    { buildingId: 'txsj-b3', groupInfo: { cloudID: 'c' } },
  ],
  'notices.groupOpen': [{ noticeId: 'x', groupInfo: { cloudID: 'c', data: {} } }],
  'groups.linkOwners': [
    { compoundId: 'txsj' },
    { compoundId: 'txsj', openGId: 'a', groupInfo: { cloudID: h.emu.shareTickets.issue({ openGId: 'a' }) } },
    { compoundId: 'txsj', buildingId: 'txsj-b3', groupInfo: { cloudID: h.emu.shareTickets.issue({ openGId: 'a' }) } },
    { compoundId: '', groupInfo: { cloudID: h.emu.shareTickets.issue({ openGId: 'a' }) } },
  ],
});

describe('bad input: BAD_REQUEST with a Chinese message, and nothing written', () => {
  it('an unknown action or a malformed envelope', async () => {
    const c = h.as('txsj-lead-3');
    for (const event of [{ action: 'nope' }, { action: 'notices.post.extra' }, { payload: {} }, 'x', null, { action: 7 }]) {
      const { result, writes } = await h.emu.measure(() => c.raw('notices', event));
      expect(result).toMatchObject({
        ok: false,
        error: { code: expect.stringMatching(/^(UNKNOWN_ACTION|BAD_REQUEST)$/), message: expect.any(String) },
      });
      expect(writes).toBe(0);
    }
  });

  for (const [action, spec] of Object.entries(MATRIX)) {
    it(`${action}`, async () => {
      const who = spec.allowed.includes('txsj-lead-3') ? 'txsj-lead-3' : spec.allowed[0];
      await expectBadInputRefused(h, 'notices', action, who, await spec.payload(), {
        optional: OPTIONAL_FIELDS,
        rules: SPECIFIC()[action],
      });
    });
  }
});
