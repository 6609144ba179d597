/**
 * Authorization matrix and bad input for every party action: allowed identities
 * succeed, no identity is UNAUTHENTICATED, everyone else is refused (FORBIDDEN, or
 * NOT_FOUND where the thing is not theirs to know; SELF_DECISION for one's own
 * expense); malformed payloads and broken rules are a BAD_REQUEST in Chinese that
 * writes nothing.
 */
import { partyApi } from '../../core/party/contract';
import { TXSJ } from '../../scripts/lib/seed-data';
import { expectAuthorization, expectBadInputRefused } from '../support/matrix';
import { newRequestId, type Harness } from '../support/harness';
import { dayOf, partyHarness } from './party-support';

jest.setTimeout(300_000);
let h: Harness;
beforeAll(async () => {
  h = await partyHarness();
});
afterAll(() => h.close());

const IDENTITIES = [
  '',
  'demo-new-matrix',
  'txsj-resident-3',
  'txsj-lead-3',
  'txsj-lead-5',
  'txsj-secretary',
  'txsj-committee',
  'txsj-manager',
  'yjlt-resident-5',
  'yjlt-secretary',
  'community-admin',
] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');
const TXSJ_HOMES = ['txsj-resident-3', 'txsj-lead-3', 'txsj-lead-5', 'txsj-secretary', 'txsj-committee'];
const BRANCH = ['txsj-lead-3', 'txsj-lead-5', 'txsj-secretary'];

let seq = 0;
const homeOf = (who: string) =>
  h.seed.memberships.find((m) => m.personId === `p-${who}` && m.status === 'active')?.homeId ??
  h.seed.memberships.find((m) => m.personId === 'p-txsj-resident-3')!.homeId;
/** Generated owners' homes of 天翔世家, a fresh one per call. */
const genHomes = () => h.seed.memberships.filter((m) => m.compoundId === TXSJ && m.personId.startsWith('p-gen-')).map((m) => m.homeId);
const freshHome = () => genHomes()[100 + ++seq];
const OPEN_SELECTION = `sel-${TXSJ}-family`;
const today = () => dayOf(Date.now());

async function leadHome(): Promise<string> {
  return (await h.as('txsj-lead-3').ok('party', 'party.mine', {})).items[0].homeId;
}
/** A selection in its voting phase with two accepted generated nominees. */
async function votingSelection(): Promise<{ selectionId: string; nominees: string[] }> {
  const selectionId = `sel-matrix-${++seq}`;
  const base = (await h.db.collection('partySelections').where({ _id: OPEN_SELECTION }).get()).data[0] as any;
  const { _id, ...rest } = base;
  void _id;
  await h.db.collection('partySelections').add({
    data: { ...rest, _id: selectionId, nominateUntil: new Date(Date.now() - 1000), voteUntil: new Date(Date.now() + 86_400_000) },
  });
  const nominees = [freshHome(), freshHome()];
  for (const homeId of nominees)
    await h.db.collection('partyNominees').add({
      data: {
        _id: `${selectionId}_${homeId}`,
        selectionId,
        compoundId: TXSJ,
        homeId,
        homeLabel: homeId,
        sortKey: homeId,
        reason: '热心',
        nominatedByHome: homeOf('txsj-resident-3'),
        nominatedBy: 'p-txsj-resident-3',
        accepted: true,
        declined: false,
        shownAs: '某家',
        votes: 0,
        createdAt: new Date(),
      },
    });
  return { selectionId, nominees };
}
async function pendingExpense(): Promise<string> {
  const b = await h.as('txsj-secretary').ok('party', 'party.proposeExpense', {
    clientRequestId: newRequestId(),
    compoundId: TXSJ,
    category: 'supplies',
    amountFen: 1_000 + ++seq,
    memo: '打印材料',
  });
  return b.pending[0].id;
}

const SPECS: Record<
  keyof typeof partyApi.actions,
  { allowed: readonly string[]; payload: (who?: string) => Promise<Record<string, unknown>>; alsoRefused?: string[] }
> = {
  'party.mine': { allowed: [...BRANCH, 'yjlt-secretary'], payload: async () => ({}) },
  'party.assignPage': { allowed: ['txsj-secretary'], payload: async () => ({ compoundId: TXSJ }) },
  'party.assign': {
    allowed: ['txsj-secretary'],
    payload: async () => ({ compoundId: TXSJ, buildingId: `${TXSJ}-b3`, unit: '2', from: '101', to: '102', memberId: 'p-txsj-lead-3' }),
  },
  'party.visit': {
    allowed: ['txsj-lead-3', 'txsj-secretary'],
    payload: async () => ({
      clientRequestId: newRequestId(),
      homeId: await leadHome(),
      date: today(),
      mode: 'phone',
      topics: ['fees'],
      followUp: false,
    }),
  },
  'party.linkConcern': {
    allowed: ['txsj-lead-3', 'txsj-secretary'],
    payload: async () => {
      const v = await h.as('txsj-lead-3').ok('party', 'party.visit', {
        clientRequestId: newRequestId(),
        homeId: await leadHome(),
        date: today(),
        mode: 'door',
        followUp: true,
      });
      return { visitId: v.id, concernId: `c-matrix-${++seq}` };
    },
  },
  'party.reports': { allowed: ['txsj-secretary', 'community-admin'], payload: async () => ({ compoundId: TXSJ }) },
  'party.selections': { allowed: [...TXSJ_HOMES, 'yjlt-resident-5', 'yjlt-secretary'], payload: async () => ({}) },
  'party.selection': { allowed: TXSJ_HOMES, payload: async () => ({ selectionId: OPEN_SELECTION }) },
  'party.openSelection': {
    allowed: ['txsj-secretary', 'txsj-committee'],
    payload: async () => ({
      clientRequestId: newRequestId(),
      compoundId: TXSJ,
      kind: 'family',
      title: '最美家庭',
      rules: '每户一票',
      places: 2,
      nominateDays: 7,
      voteDays: 7,
    }),
  },
  'party.nominate': {
    allowed: TXSJ_HOMES,
    payload: async (who) => ({ selectionId: OPEN_SELECTION, homeId: homeOf(who ?? ''), nomineeHomeId: freshHome(), reason: '热心助人' }),
  },
  'party.accept': {
    allowed: TXSJ_HOMES,
    payload: async (who) => {
      const mine = TXSJ_HOMES.includes(who ?? '');
      const homeId = mine ? homeOf(who!) : homeOf('txsj-resident-3');
      const by = who === 'txsj-resident-3' || !mine ? 'txsj-lead-3' : 'txsj-resident-3';
      const n = await h.db
        .collection('partyNominees')
        .where({ _id: `${OPEN_SELECTION}_${homeId}` })
        .count();
      if (!n.total)
        await h
          .as(by)
          .ok('party', 'party.nominate', { selectionId: OPEN_SELECTION, homeId: homeOf(by), nomineeHomeId: homeId, reason: '好邻居' });
      return { selectionId: OPEN_SELECTION, homeId, accept: true, shownAs: '我家' };
    },
  },
  'party.vote': {
    allowed: TXSJ_HOMES,
    payload: async (who) => {
      const s = await votingSelection();
      return { selectionId: s.selectionId, homeId: homeOf(who ?? ''), nomineeHomeId: s.nominees[0] };
    },
  },
  'party.startVoting': {
    allowed: ['txsj-secretary', 'txsj-committee'],
    payload: async () => {
      const d = await h.as('txsj-secretary').ok('party', 'party.openSelection', {
        clientRequestId: newRequestId(),
        compoundId: TXSJ,
        kind: 'neighbour',
        title: '好邻居',
        rules: '每户一票',
        places: 1,
        nominateDays: 7,
        voteDays: 7,
      });
      return { selectionId: d.id };
    },
  },
  'party.publish': {
    allowed: ['txsj-secretary', 'txsj-committee'],
    payload: async () => ({ selectionId: (await votingSelection()).selectionId }),
  },
  'party.book': { allowed: [...BRANCH, 'community-admin'], payload: async () => ({ compoundId: TXSJ }) },
  'party.bookIncome': {
    allowed: ['txsj-secretary'],
    payload: async () => ({
      clientRequestId: newRequestId(),
      compoundId: TXSJ,
      category: 'partyDues',
      amountFen: 30_000,
      memo: '党费返还',
    }),
  },
  'party.proposeExpense': {
    allowed: ['txsj-secretary'],
    payload: async () => ({ clientRequestId: newRequestId(), compoundId: TXSJ, category: 'supplies', amountFen: 2_000, memo: '打印材料' }),
  },
  'party.approveExpense': {
    allowed: ['txsj-lead-3', 'txsj-lead-5'],
    alsoRefused: ['SELF_DECISION'],
    payload: async () => ({ expenseId: await pendingExpense(), approve: true }),
  },
  'party.verify': { allowed: [...BRANCH, 'community-admin'], payload: async () => ({ compoundId: TXSJ }) },
  'party.structure': {
    allowed: SIGNED_IN.filter((w) => w !== 'demo-new-matrix'),
    // The community office names the compound (it has no home there).
    payload: async (who) => (who === 'community-admin' ? { compoundId: TXSJ } : {}),
  },
  'party.home': { allowed: SIGNED_IN, payload: async () => ({}) },
  'party.members': { allowed: ['txsj-secretary'], payload: async () => ({ compoundId: TXSJ }) },
  'party.saveMember': {
    allowed: ['txsj-secretary'],
    // A member who does not use the app: a name only (bound residents: party-roster.test.ts).
    payload: async () => ({ op: 'add', clientRequestId: newRequestId(), compoundId: TXSJ, name: `王建${++seq}`, duty: '党员' }),
  },
};

describe('authorization matrix', () => {
  for (const [action, spec] of Object.entries(SPECS))
    it(action, async () => {
      await expectAuthorization(h, 'party', action, spec, IDENTITIES, { alsoRefused: ['NOT_REGISTERED'] });
    });
});

const OPTIONAL = new Set([
  'party.assignPage:buildingId',
  'party.assign:unit',
  'party.assign:from',
  'party.assign:to',
  'party.assign:replace',
  'party.visit:topics',
  'party.visit:note',
  'party.selections:compoundId',
  'party.accept:shownAs',
  'party.proposeExpense:receipts',
  'party.structure:compoundId',
  'party.reports:compoundId',
  'party.book:compoundId',
  'party.members:status',
  'party.members:cursor',
  'party.members:size',
]);

describe('bad input writes nothing', () => {
  it('party.visit: modes, topics, notes that hold what they must not', async () => {
    const homeId = await leadHome();
    const v = {
      clientRequestId: 'bad-visit-0001',
      homeId,
      date: today(),
      mode: 'door',
      topics: ['fees'],
      followUp: true,
      note: '楼道灯坏了',
    };
    await expectBadInputRefused(h, 'party', 'party.visit', 'txsj-lead-3', v, {
      optional: OPTIONAL,
      rules: [
        { ...v, mode: 'visit' },
        { ...v, topics: ['health'] },
        { ...v, topics: ['fees', 'repair', 'policy', 'other', 'safety'] },
        { ...v, note: '身份证号350203196001011234' },
        { ...v, note: '老人最近住院' },
        { ...v, note: '灯'.repeat(61) },
        { ...v, date: '2026-1-1' },
        { ...v, date: dayOf(Date.now() + 3 * 86_400_000) },
        { ...v, clientRequestId: 'x' },
      ],
    });
  });
  it('selections and the book', async () => {
    const sel = {
      clientRequestId: 'bad-sel-00001',
      compoundId: TXSJ,
      kind: 'neighbour',
      title: '好邻居',
      rules: '每户一票',
      places: 3,
      nominateDays: 7,
      voteDays: 7,
    };
    await expectBadInputRefused(h, 'party', 'party.openSelection', 'txsj-secretary', sel, {
      rules: [
        { ...sel, places: 0 },
        { ...sel, places: 21 },
        { ...sel, kind: 'best' },
        { ...sel, title: '' },
        { ...sel, voteDays: 90 },
        { ...sel, places: 1.5 },
      ],
    });
    const inc = { clientRequestId: 'bad-inc-00001', compoundId: TXSJ, category: 'fiscal', amountFen: 10_000, memo: '财政扶持' };
    await expectBadInputRefused(h, 'party', 'party.bookIncome', 'txsj-secretary', inc, {
      rules: [
        { ...inc, amountFen: 0 },
        { ...inc, amountFen: 12.5 },
        { ...inc, amountFen: -100 },
        { ...inc, category: 'ownersFees' },
        { ...inc, category: 'startup', amountFen: 299_999 },
        { ...inc, category: 'allowance' },
      ],
    });
    const exp = { clientRequestId: 'bad-exp-00001', compoundId: TXSJ, category: 'activity', amountFen: 10_000, memo: '活动', receipts: [] };
    await expectBadInputRefused(h, 'party', 'party.proposeExpense', 'txsj-secretary', exp, {
      optional: OPTIONAL,
      rules: [
        { ...exp, category: 'allowance', amountFen: 19_999 },
        { ...exp, category: 'partyDues' },
        { ...exp, receipts: ['a', 'b'] },
      ],
    });
    await expectBadInputRefused(
      h,
      'party',
      'party.nominate',
      'txsj-resident-3',
      {
        selectionId: OPEN_SELECTION,
        homeId: homeOf('txsj-resident-3'),
        nomineeHomeId: freshHome(),
        reason: '热心',
      },
      {
        rules: [
          { selectionId: OPEN_SELECTION, homeId: homeOf('txsj-resident-3'), nomineeHomeId: homeOf('txsj-resident-3'), reason: '我家' },
        ],
      },
    );
    await expectBadInputRefused(
      h,
      'party',
      'party.accept',
      'txsj-resident-3',
      { selectionId: OPEN_SELECTION, homeId: homeOf('txsj-resident-3'), accept: true, shownAs: '陈家' },
      {
        optional: OPTIONAL,
        rules: [{ selectionId: OPEN_SELECTION, homeId: homeOf('txsj-resident-3'), accept: true }],
      },
    );
  });
  it('every other action', async () => {
    await expectBadInputRefused(
      h,
      'party',
      'party.assign',
      'txsj-secretary',
      { compoundId: TXSJ, buildingId: `${TXSJ}-b3`, unit: '1', from: '101', to: '302', memberId: 'p-txsj-lead-3', replace: false },
      {
        optional: OPTIONAL,
        rules: [
          { compoundId: TXSJ, buildingId: `${TXSJ}-b3`, from: '1-01', memberId: 'p-txsj-lead-3' },
          { compoundId: TXSJ, buildingId: `${TXSJ}-b3`, unit: '9', memberId: 'p-txsj-lead-3' },
          { compoundId: TXSJ, buildingId: `${TXSJ}-b3`, memberId: 'p-txsj-resident-3' },
        ],
      },
    );
    await expectBadInputRefused(h, 'party', 'party.reports', 'txsj-secretary', { compoundId: TXSJ }, { optional: OPTIONAL });
    await expectBadInputRefused(h, 'party', 'party.book', 'txsj-secretary', { compoundId: TXSJ }, { optional: OPTIONAL });
    await expectBadInputRefused(h, 'party', 'party.selection', 'txsj-resident-3', { selectionId: OPEN_SELECTION });
    await expectBadInputRefused(h, 'party', 'party.approveExpense', 'txsj-lead-5', { expenseId: 'x-none', approve: true });
  });
});
