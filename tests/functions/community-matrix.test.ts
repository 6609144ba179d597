/**
 * Every community action: the authorization matrix (the allowed succeed, no identity is
 * UNAUTHENTICATED, everyone else is refused), bad input is a BAD_REQUEST with a Chinese
 * message that writes nothing, and no community-level response carries personal data
 * (names, person ids, openids, phones, homes, rooms or amounts per home).
 */
import { main as community } from '../../cloudfunctions/community';
import { communityApi } from '../../core/community/contract';
import { CHECK_KEYS } from '../../core/community/scorecard';
import { previousPeriod } from '../../core/community/rules';
import { periodOf } from '../../core/platform/time';
import { demoOpenid } from '../../scripts/lib/seed-data';
import { expectAuthorization, expectBadInputRefused, type ActionSpec } from '../support/matrix';
import { createHarness, newRequestId, type Harness } from '../support/harness';

jest.setTimeout(180_000);
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ community: community as any }, undefined, {
    features: ['notices', 'repairs', 'votes', 'activities', 'fees', 'concerns', 'community'],
  });
  // 侨兴小苑 assessed itself this month, so two members of 天翔世家 each have a compound to rate.
  const period = periodOf(new Date());
  await h.db.collection('communityScorecards').add({
    data: {
      _id: `qxxy_${period}`,
      communityId: C,
      compoundId: 'qxxy',
      compoundName: '侨兴小苑',
      period,
      items: CHECK_KEYS.map((key) => ({ key, met: false, photos: [], note: null })),
      media: [],
      mediaTraceIds: [],
      by: 'p-community-admin',
      byName: '周文华',
      byRole: '社区工作人员',
      clientRequestId: 'seed-qxxy',
      version: 1,
      assessedAt: new Date(),
    },
  });
});
afterAll(() => h.close());

const C = 'qiaoxing';
const NOW = () => periodOf(new Date());
const LAST = () => previousPeriod(new Date());
const IDENTITIES = [
  '',
  'demo-new-community',
  'txsj-resident-3',
  'txsj-lead-3',
  'txsj-secretary',
  'txsj-committee',
  'txsj-manager',
  'yjlt-committee',
  'community-admin',
] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');
const OFFICE = ['community-admin'];
/** Branch and committee of any compound, and the office. */
const VIEWERS = ['txsj-secretary', 'txsj-committee', 'yjlt-committee', 'community-admin'];
const TXSJ_BRANCH = ['txsj-secretary', 'txsj-committee'];
const READERS = ['txsj-lead-3', 'txsj-secretary', 'txsj-committee', 'txsj-manager', 'yjlt-committee', 'community-admin'];

let seq = 0;
async function upload(who: string, purpose: string): Promise<string> {
  const openid = who.startsWith('demo-') ? who : demoOpenid(who || 'nobody');
  const r = (await h.emu.runAs({ openid, source: 'wx_client' }, () =>
    h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/${purpose}/m-${++seq}.png`, fileContent: Buffer.from('\x89PNG demo') }),
  )) as { fileID: string };
  return r.fileID;
}
const assessBody = async (who = 'txsj-secretary') => {
  const photo = await upload(who, 'scorecards');
  return {
    clientRequestId: newRequestId(),
    compoundId: 'txsj',
    period: NOW(),
    items: CHECK_KEYS.map((key) => ({ key, met: true, photos: [photo], note: '已核实' })),
  };
};
const rateBody = (to: string) => ({
  clientRequestId: newRequestId(),
  compoundId: to,
  fromCompoundId: 'txsj',
  period: NOW(),
  items: Object.fromEntries(CHECK_KEYS.map((k) => [k, true])),
  comment: '做得扎实',
});
const publishBody = async (who = 'txsj-secretary') => ({
  clientRequestId: newRequestId(),
  compoundId: 'txsj',
  title: '楼栋微信群分工',
  problem: '通知在群里被刷掉。',
  done: '每栋一位党员楼栋长负责转发并当面告知。',
  source: 'concern',
  figures: ['noticeReach'],
  photos: [await upload(who, 'cases')],
});

/** The community's weights: 六有 items 5 each, the figures 15 each. */
const WEIGHTS = {
  items: { place: 5, facilities: 5, sign: 5, flag: 5, books: 5, rules: 5 },
  figures: { noticeReach: 15, feeCollection: 15, statementOnTime: 15, concernsAnswered: 15 },
};
const MATRIX: Record<keyof (typeof communityApi)['actions'], ActionSpec> = {
  'overview.get': { allowed: OFFICE, payload: async () => ({ communityId: C, period: LAST() }) },
  'compare.get': { allowed: OFFICE, payload: async () => ({ communityId: C, period: LAST(), compoundIds: ['txsj', 'yjlt'] }) },
  'snapshots.run': { allowed: OFFICE, payload: async () => ({ clientRequestId: newRequestId(), communityId: C, period: LAST() }) },
  'community.home': { allowed: SIGNED_IN, payload: async () => ({}) },
  'report.get': { allowed: OFFICE, payload: async () => ({ communityId: C, period: LAST() }) },
  'report.export': { allowed: OFFICE, payload: async () => ({ communityId: C, period: LAST() }) },
  'scorecards.setCriteria': { allowed: OFFICE, payload: async () => ({ communityId: C, criteria: WEIGHTS }) },
  'scorecards.list': { allowed: VIEWERS, payload: async () => ({ communityId: C, period: NOW() }) },
  'scorecards.get': { allowed: VIEWERS, payload: async () => ({ compoundId: 'yjlt', period: NOW() }) },
  'scorecards.assess': { allowed: TXSJ_BRANCH, payload: (who) => assessBody(who || 'nobody') },
  // One 互评 per pair and month: each allowed member of 天翔世家 rates a different compound.
  'scorecards.rate': { allowed: TXSJ_BRANCH, payload: async (who) => rateBody(who === 'txsj-committee' ? 'qxxy' : 'yjlt') },
  'cases.publish': { allowed: TXSJ_BRANCH, payload: (who) => publishBody(who || 'nobody') },
  'cases.list': { allowed: READERS, payload: async () => ({ communityId: C, size: 5 }) },
  'cases.get': { allowed: READERS, payload: async () => ({ caseId: 'k-seed-txsj-shed' }) },
  'cases.feature': { allowed: OFFICE, payload: async () => ({ caseId: 'k-seed-yjlt-gate', featured: true }) },
};

describe('authorization matrix: every action × every identity', () => {
  it('covers every action of the contract', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(communityApi.actions).sort());
  });
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      await expectAuthorization(h, 'community', action, spec, IDENTITIES, { refusalsWriteNothing: true });
    });
  }
});

const OPTIONAL = new Set<string>([
  'overview.get:period',
  'compare.get:period',
  'report.get:period',
  'report.export:period',
  'scorecards.list:period',
  'scorecards.get:period',
  'scorecards.rate:comment',
  'cases.list:size',
  'cases.list:cursor',
  'cases.publish:figures',
  'cases.publish:photos',
]);
const RULES = async (action: string): Promise<Record<string, unknown>[]> => {
  const a = await assessBody();
  const p = await publishBody();
  const r = rateBody('yjlt');
  const rules: Record<string, Record<string, unknown>[]> = {
    'report.get': [{ communityId: C, period: '2026-13' }],
    'scorecards.assess': [
      { ...a, items: a.items.slice(0, 5) },
      { ...a, items: [...a.items.slice(0, 5), a.items[0]] },
      { ...a, items: a.items.map((i) => ({ ...i, photos: [] })) },
      { ...a, items: a.items.map((i) => ({ ...i, key: i.key === 'flag' ? 'garden' : i.key })) },
      { ...a, items: a.items.map((i) => ({ ...i, photos: ['https://example.com/a.png'] })) },
      { ...a, items: a.items.map((i) => ({ ...i, note: 'x'.repeat(61) })) },
      { ...a, period: '2026-13' },
    ],
    'scorecards.rate': [
      { ...r, items: { ...r.items, flag: undefined } },
      { ...r, items: { ...r.items, garden: true } },
      { ...r, items: { ...r.items, flag: 'yes' } },
      { ...r, comment: 'x'.repeat(201) },
    ],
    'cases.publish': [
      { ...p, title: '   ' },
      { ...p, title: 'x'.repeat(31) },
      { ...p, problem: '' },
      { ...p, done: 'x'.repeat(601) },
      { ...p, source: 'rumour' },
      { ...p, figures: ['noticeReach', 'noticeReach'] },
      { ...p, figures: ['homeOwners'] },
      { ...p, figures: ['noticeReach', 'feeCollection', 'voteTurnout', 'votesHeld'] },
      { ...p, photos: Array.from({ length: 7 }, () => p.photos[0]) },
      { ...p, title: '有人\u202e反转' },
    ],
    'cases.list': [
      { communityId: C, size: 0 },
      { communityId: C, size: 21 },
      { communityId: C, cursor: 'abc' },
    ],
    'cases.feature': [{ caseId: 'k-seed-yjlt-gate', featured: 'yes' }],
    'scorecards.setCriteria': [
      { communityId: C, criteria: { ...WEIGHTS, items: { ...WEIGHTS.items, place: -1 } } },
      { communityId: C, criteria: { ...WEIGHTS, items: { ...WEIGHTS.items, place: 2.5 } } },
      { communityId: C, criteria: { ...WEIGHTS, items: { ...WEIGHTS.items, place: 101 } } },
      { communityId: C, criteria: { ...WEIGHTS, items: { ...WEIGHTS.items, garden: 10 } } },
      { communityId: C, criteria: { ...WEIGHTS, figures: { ...WEIGHTS.figures, voteTurnout: 10 } } },
      {
        communityId: C,
        criteria: {
          items: { place: 0, facilities: 0, sign: 0, flag: 0, books: 0, rules: 0 },
          figures: { noticeReach: 0, feeCollection: 0, statementOnTime: 0, concernsAnswered: 0 },
        },
      },
    ],
  };
  return rules[action] ?? [];
};

describe('bad input for every action writes nothing', () => {
  for (const action of Object.keys(MATRIX)) {
    it(action, async () => {
      const spec = MATRIX[action as keyof typeof MATRIX];
      const who = spec.allowed.includes('txsj-secretary') ? 'txsj-secretary' : spec.allowed[0];
      await expectBadInputRefused(h, 'community', action, who, await spec.payload(who), { optional: OPTIONAL, rules: await RULES(action) });
    });
  }
});

describe('no personal data in any community-level response', () => {
  /** Photos are links to files in their uploader's own folder (u/<openid>/…): checked apart, not as text. */
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== 'url' && k !== 'fileID')
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  const all = async (name: string, where: object) => {
    const out: any[] = [];
    for (let skip = 0; ; skip += 1000) {
      const page = (await h.db.collection(name).where(where).skip(skip).limit(1000).get()).data as any[];
      out.push(...page);
      if (page.length < 1000) return out;
    }
  };
  for (const action of Object.keys(MATRIX)) {
    it(action, async () => {
      const spec = MATRIX[action as keyof typeof MATRIX];
      const who = spec.allowed.includes('community-admin') ? 'community-admin' : spec.allowed[0];
      const res = await h.as(who).call('community', action, await spec.payload(who));
      // A second rating of a pair the matrix already made is refused: what matters here is any answer's text.
      const text = JSON.stringify(strip(res.ok ? res.data : res.error));
      const homes = await all('homes', { communityId: C });
      const people = await all('people', {});
      const self = `p-${who}`;
      const personal = [
        ...people.filter((p) => p._id !== self).flatMap((p) => [p.name, p._id, p.openid, p.phone].filter(Boolean)),
        ...homes.flatMap((x) => [x._id, x.label, ...x.registeredOwners.flatMap((o: any) => [o.name, o.phone].filter(Boolean))]),
        'homeId',
        'personId',
        'amountFen',
        'openid',
        'phone',
      ];
      const found = personal.filter((p) => text.includes(`"${p}"`) || (p.length > 3 && text.includes(p)));
      expect([action, found]).toEqual([action, []]);
    });
  }
});
