/**
 * Authorization matrix and bad input for every votes action. Each action lists the
 * identities allowed to run it and a valid payload per identity: those SUCCEED;
 * everyone else is refused (FORBIDDEN, NOT_FOUND where the matter is not theirs to
 * know, VOTE_NOT_OWNER for a ballot on a home they are not the bound owner of), an
 * empty identity is UNAUTHENTICATED, and malformed input writes nothing.
 */
import { main as votes } from '../../cloudfunctions/votes';
import { VOTE_TEMPLATE_ID, votesApi } from '../../core/votes/contract';
import { VOTES_DEMO } from '../../scripts/lib/seed-votes';
import { malformed } from '../support/malformed';
import { expectAuthorization } from '../support/matrix';
import { createHarness, newRequestId, type Harness } from '../support/harness';

const DAY = 24 * 3600 * 1000;
jest.setTimeout(60_000);
let h: Harness;
/** Every collection's count, without the job worker's own (a reminder job started above may still be running on its timer). */
const snapshot = async () =>
  (await h.snapshot())
    .split(',')
    .filter((p) => !/^(jobs|jobEffects|subscriptions):/.test(p))
    .join(',');
beforeAll(async () => {
  h = await createHarness({ votes: votes as any }, undefined, { features: ['votes'] });
});
afterAll(() => h.close());

const IDENTITIES = [
  '',
  'demo-new-matrix',
  'yjlt-resident-5',
  'yjlt-lead-3',
  'yjlt-secretary',
  'yjlt-committee',
  'yjlt-manager',
  'txsj-committee',
  'txsj-resident-3',
  'community-admin',
] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');
const YJLT_VIEW = ['yjlt-resident-5', 'yjlt-lead-3', 'yjlt-secretary', 'yjlt-committee', 'community-admin'];
const OWNERS = ['yjlt-resident-5', 'yjlt-lead-3', 'yjlt-secretary', 'yjlt-committee'];
const COMMITTEE = ['yjlt-committee'];
const RENEW = VOTES_DEMO.renew;
const HOME_OF: Record<string, string> = {
  'yjlt-resident-5': 'yjlt-b5_1_301',
  'yjlt-lead-3': 'yjlt-b3_1_402',
  'yjlt-secretary': 'yjlt-b2_2_702',
  'yjlt-committee': 'yjlt-b1_1_1001',
};
const openidOf = (who: string) => (who.startsWith('demo-') ? who : `demo-${who}`);

let n = 0;
const matterInput = () => ({
  clientRequestId: newRequestId(),
  compoundId: 'yjlt',
  title: `矩阵事项${++n}`,
  description: '说明',
  kind: 9,
  format: 'approval',
  opensAt: new Date(Date.now() + 16 * DAY).toISOString(),
  closesAt: new Date(Date.now() + 23 * DAY).toISOString(),
});
const draft = async () => (await h.as('yjlt-committee').ok('votes', 'matters.create', matterInput())).id as string;
const announced = async () => {
  const id = await draft();
  await h.as('yjlt-committee').ok('votes', 'matters.announce', { matterId: id });
  return id;
};
/** A matter in a given state, written directly (the clock cannot be moved 15 days here). */
async function stored(status: 'announced' | 'preliminary', ended: boolean) {
  const id = `vm_matrix_${++n}`;
  const now = Date.now();
  await h.db.collection('voteMatters').add({
    data: {
      _id: id,
      compoundId: 'yjlt',
      compoundName: '御家兰庭',
      communityId: 'qiaoxing',
      title: '矩阵',
      description: '说明',
      kind: 9,
      format: 'approval',
      candidates: [],
      seats: 1,
      documents: [],
      opensAt: new Date(now - 20 * DAY),
      closesAt: new Date(now - (ended ? 1 : -5) * DAY),
      secret: false,
      status,
      createdBy: 'p-yjlt-committee',
      createdByName: '吴丽华',
      clientRequestId: id,
      createdAt: new Date(now - 40 * DAY),
      announcedAt: new Date(now - 36 * DAY),
      rollTotals: { owners: 0, areaCenti: 0 },
      ...(status === 'preliminary'
        ? {
            result: (await h.as('yjlt-committee').ok('votes', 'matters.get', { matterId: VOTES_DEMO.election })).result,
            publishedAt: new Date(now - 9 * DAY),
            objectionEndsAt: new Date(now - DAY),
          }
        : {}),
    },
  });
  return id;
}
let unvotedSeq = 0;
async function unvotedHome() {
  const rows = (
    await h.db
      .collection('voteRoll')
      .where({ matterId: RENEW, voted: false, developer: false })
      .orderBy('sort', 'asc')
      .skip(++unvotedSeq * 3)
      .limit(1)
      .get()
  ).data as any[];
  return rows[0].homeIds[0] as string;
}
async function photo(who: string) {
  return (await h.emu.sdk.uploadFile({ cloudPath: `u/${openidOf(who)}/votepaper/m${++n}.jpg`, fileContent: Buffer.from('jpg') }))
    .fileID as string;
}

type Spec = { allowed: readonly string[]; payload: (who: string) => Promise<Record<string, unknown>>; alsoRefused?: readonly string[] };
const MATRIX: Record<keyof (typeof votesApi)['actions'], Spec> = {
  'matters.create': { allowed: COMMITTEE, payload: async () => matterInput() },
  'matters.announce': { allowed: COMMITTEE, payload: async () => ({ matterId: await draft() }) },
  'matters.list': { allowed: SIGNED_IN, payload: async () => ({}) },
  'matters.get': { allowed: YJLT_VIEW, payload: async () => ({ matterId: RENEW }) },
  'roll.list': { allowed: YJLT_VIEW, payload: async () => ({ matterId: RENEW, size: 5 }) },
  'roll.rebuild': { allowed: COMMITTEE, payload: async () => ({ matterId: await announced() }) },
  'ballots.cast': {
    allowed: OWNERS,
    payload: async (who) => ({ matterId: RENEW, homeId: HOME_OF[who] ?? HOME_OF['yjlt-resident-5'], choices: ['approve'] }),
    alsoRefused: ['VOTE_NOT_OWNER'],
  },
  'ballots.paper': {
    allowed: COMMITTEE,
    payload: async (who) => ({
      clientRequestId: newRequestId(),
      matterId: RENEW,
      homeId: await unvotedHome(),
      choices: ['approve'],
      photos: [await photo(who || 'nobody')],
    }),
  },
  'ballots.paperList': { allowed: COMMITTEE, payload: async () => ({ matterId: RENEW, size: 5 }) },
  'matters.unvoted': { allowed: COMMITTEE, payload: async () => ({ matterId: RENEW, size: 5 }) },
  'matters.remind': { allowed: COMMITTEE, payload: async () => ({ clientRequestId: newRequestId(), matterId: RENEW }) },
  'matters.jobStatus': {
    allowed: COMMITTEE,
    payload: async () => ({
      jobId: (await h.as('yjlt-committee').ok('votes', 'matters.remind', { clientRequestId: newRequestId(), matterId: RENEW })).jobId,
    }),
  },
  'matters.close': { allowed: COMMITTEE, payload: async () => ({ matterId: await stored('announced', true) }) },
  'matters.finalize': { allowed: COMMITTEE, payload: async () => ({ matterId: await stored('preliminary', true) }) },
  'matters.results': { allowed: YJLT_VIEW, payload: async () => ({ matterId: VOTES_DEMO.election, size: 5 }) },
  'matters.export': { allowed: COMMITTEE, payload: async () => ({ matterId: VOTES_DEMO.election }) },
  'settings.get': { allowed: YJLT_VIEW, payload: async () => ({ compoundId: 'yjlt' }) },
  'settings.set': { allowed: ['community-admin'], payload: async () => ({ compoundId: 'yjlt', consultationOnly: false }) },
  'votes.subscribe': { allowed: SIGNED_IN, payload: async () => ({ templateId: VOTE_TEMPLATE_ID, accepted: true }) },
};

describe('authorization matrix: every action × every identity', () => {
  it('covers every action of the contract', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(votesApi.actions).sort());
  });
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      await expectAuthorization(h, 'votes', action, spec, IDENTITIES);
    });
  }
  it('the community office organises votes only where there is no committee', async () => {
    const r = await h.as('community-admin').call('votes', 'matters.create', matterInput());
    expect((r as any).error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('已成立业委会') });
    await h.db.collection('roles').where({ compoundId: 'yjlt', role: 'committeeMember' }).remove();
    try {
      const ok = await h.as('community-admin').ok('votes', 'matters.create', matterInput());
      expect(ok.canManage).toBe(true);
    } finally {
      const r2 = h.seed.roles.filter((x) => x.compoundId === 'yjlt' && x.role === 'committeeMember');
      for (const role of r2) await h.db.collection('roles').add({ data: role });
    }
  });
});

describe('bad input for every action writes nothing', () => {
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      const who = spec.allowed.includes('yjlt-committee') ? 'yjlt-committee' : spec.allowed[0];
      const valid = await spec.payload(who);
      const snap = await snapshot();
      const wrong: string[] = [];
      for (const [what, payload] of malformed(valid)) {
        const r = await h.as(who).call('votes', action, payload);
        // A missing optional field (cursor, size, a default) may still be valid input.
        const optionalLeftOut = what.endsWith('missing') && Object.prototype.hasOwnProperty.call(valid, what.replace(/ missing$/, ''));
        if (r.ok ? !optionalLeftOut : r.error.code !== 'BAD_REQUEST') wrong.push(`${what}: ${r.ok ? 'ok' : r.error.code}`);
      }
      expect(wrong).toEqual([]);
      expect(await snapshot()).toBe(snap);
    });
  }
});
