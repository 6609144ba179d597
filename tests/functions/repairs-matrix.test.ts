/**
 * Authorization matrix and bad input for every repairs action, and the state
 * machine exhaustively: every action from every status by every kind of person.
 * Allowed identities must SUCCEED; everyone else is refused (FORBIDDEN, NOT_FOUND
 * where even the repair's existence is not theirs, REPAIR_STATE for a legal actor
 * at the wrong time) and nothing is written.
 */
import { repairsApi, REPAIR_TEMPLATE_ID } from '../../core/repairs/contract';
import { REPAIR_STATUSES, judgeTransition, type RepairAction, type RepairParty, type RepairStatus } from '../../core/repairs/rules';
import { expectAuthorization, expectBadInputRefused } from '../support/matrix';
import { newRequestId, type Harness } from '../support/harness';
import { STAFF, repairsHarness, upload } from './repairs-support';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await repairsHarness();
});
afterAll(() => h.close());

const IDENTITIES = [
  '',
  'demo-new-matrix',
  'yjlt-resident-5',
  'yjlt-secretary',
  'yjlt-committee',
  'yjlt-manager',
  'yjlt-staff',
  'demo-yjlt-staff2',
  'txsj-resident-3',
  'txsj-manager',
  'txsj-staff',
  'community-admin',
] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');
const HOME = 'yjlt-b5_1_301';
const period = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const pipe = () => ({
  clientRequestId: newRequestId(),
  where: { kind: 'home', homeId: HOME },
  category: '水管漏水',
  description: '水管漏水',
});
const lift = () => ({
  clientRequestId: newRequestId(),
  where: { kind: 'common', compoundId: 'yjlt', area: 'lift', buildingId: 'yjlt-b1' },
  category: '电梯',
  description: '电梯异响',
});

async function fresh(kind: 'home' | 'common' = 'home') {
  return (await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', kind === 'home' ? pipe() : lift())).id as string;
}
/** A repair put in `status` (with the staff member assigned where one would be). */
async function inStatus(status: RepairStatus, kind: 'home' | 'common' = 'home') {
  const id = await fresh(kind);
  const assigned = ASSIGNED.includes(status);
  await h.db
    .collection('repairs')
    .doc(id)
    .update({
      data: {
        status,
        ...(assigned ? { assigneeId: STAFF, assigneeName: '钱国华' } : {}),
        ...(['done', 'confirmed', 'closed'].includes(status) ? { doneAt: new Date() } : {}),
        queueOpen: ['assigned', 'inProgress'].includes(status),
        onBoard: kind === 'common' && !['merged', 'cancelled', 'confirmed', 'closed'].includes(status),
      },
    });
  return id;
}
async function assignedTo(staff = STAFF) {
  const id = await fresh();
  await h.as('yjlt-manager').ok('repairs', 'repairs.assign', { repairId: id, assigneeId: staff });
  return id;
}
async function started() {
  const id = await assignedTo();
  await h.as('yjlt-staff').ok('repairs', 'repairs.start', { repairId: id });
  return id;
}
async function done() {
  const id = await started();
  await h.as('yjlt-staff').ok('repairs', 'repairs.finish', { repairId: id });
  return id;
}

type Spec = { allowed: readonly string[]; payload: () => Promise<Record<string, unknown>>; as?: string };
const REPORTER = ['yjlt-resident-5'];
const MATRIX: Record<keyof (typeof repairsApi)['actions'], Spec> = {
  // Residents of the home only (the payload names 何玉兰's home).
  'repairs.report': { allowed: REPORTER, payload: async () => pipe() },
  'repairs.log': {
    allowed: ['yjlt-manager', 'yjlt-staff', 'demo-yjlt-staff2'],
    payload: async () => ({ ...pipe(), source: 'phone', contactPhone: '13900001111' }),
  },
  'repairs.get': {
    allowed: ['yjlt-resident-5', 'yjlt-manager', 'yjlt-committee', 'community-admin'],
    payload: async () => ({ repairId: await fresh() }),
  },
  'repairs.mine': { allowed: SIGNED_IN, payload: async () => ({ open: true, size: 5 }) },
  'repairs.queue': { allowed: SIGNED_IN, payload: async () => ({ size: 5 }) },
  'repairs.list': {
    allowed: ['yjlt-manager', 'yjlt-committee', 'community-admin'],
    payload: async () => ({ compoundId: 'yjlt', filter: 'open', size: 5 }),
  },
  'repairs.board': {
    allowed: ['yjlt-resident-5', 'yjlt-secretary', 'yjlt-committee', 'yjlt-manager', 'yjlt-staff', 'demo-yjlt-staff2'],
    payload: async () => ({ compoundId: 'yjlt' }),
  },
  // Neighbours who live in the compound (not the reporter's own: that is idempotent and fine too).
  'repairs.follow': {
    allowed: ['yjlt-resident-5', 'yjlt-secretary', 'yjlt-committee'],
    payload: async () => ({ repairId: await fresh('common') }),
  },
  'repairs.accept': { allowed: ['yjlt-manager'], payload: async () => ({ repairId: await fresh(), note: '已受理' }) },
  'repairs.assign': { allowed: ['yjlt-manager'], payload: async () => ({ repairId: await fresh(), assigneeId: STAFF }) },
  'repairs.start': { allowed: ['yjlt-staff'], payload: async () => ({ repairId: await assignedTo() }) },
  'repairs.finish': { allowed: ['yjlt-staff'], payload: async () => ({ repairId: await started(), labourFen: 100, materialsFen: 0 }) },
  'repairs.confirm': { allowed: REPORTER, payload: async () => ({ repairId: await done(), rating: 4 }) },
  'repairs.reopen': { allowed: REPORTER, payload: async () => ({ repairId: await done(), note: '没修好' }) },
  'repairs.cancel': { allowed: REPORTER, payload: async () => ({ repairId: await fresh() }) },
  'repairs.merge': { allowed: ['yjlt-manager'], payload: async () => ({ repairId: await fresh(), intoId: await fresh() }) },
  'repairs.urge': {
    allowed: REPORTER,
    payload: async () => {
      const id = await fresh();
      const past = new Date(Date.now() - 3600_000);
      await h.db
        .collection('repairs')
        .doc(id)
        .update({ data: { acceptDueAt: past, dueAt: past } });
      return { repairId: id };
    },
  },
  'repairs.setCost': {
    allowed: ['yjlt-manager', 'yjlt-staff'],
    payload: async () => ({ repairId: await started(), labourFen: 3000, materialsFen: 1250 }),
  },
  'repairs.staff': { allowed: ['yjlt-manager'], payload: async () => ({ compoundId: 'yjlt' }) },
  'repairs.places': { allowed: SIGNED_IN, payload: async () => ({}) },
  'repairs.home': { allowed: SIGNED_IN, payload: async () => ({}) },
  'repairs.stats': {
    allowed: ['yjlt-manager', 'yjlt-committee', 'community-admin'],
    payload: async () => ({ compoundId: 'yjlt', period: period() }),
  },
  'repairs.costs': {
    allowed: ['yjlt-manager', 'yjlt-committee', 'community-admin'],
    payload: async () => ({ compoundId: 'yjlt', period: period() }),
  },
  'repairs.subscribe': { allowed: SIGNED_IN, payload: async () => ({ templateId: REPAIR_TEMPLATE_ID, accepted: true }) },
};

describe('authorization matrix: every action × every identity', () => {
  it('covers every action of the contract', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(repairsApi.actions).sort());
  });
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      await expectAuthorization(h, 'repairs', action, spec, IDENTITIES, { alsoRefused: ['NOT_REGISTERED'], refusalsWriteNothing: true });
    });
  }
});

/** Who each identity is to a repair reported by 何玉兰 for her home and assigned (where assigned) to 钱国华. */
const ROLES: [string, RepairParty[]][] = [
  ['yjlt-resident-5', ['reporter']],
  ['yjlt-manager', ['manager']],
  ['yjlt-staff', ['assignee']],
  ['demo-yjlt-staff2', []],
  ['yjlt-committee', []],
  ['yjlt-secretary', []],
  ['txsj-staff', []],
  ['txsj-manager', []],
  ['community-admin', []],
];
const MOVES: Record<Exclude<RepairAction, 'autoClose'>, (id: string, into: string) => Record<string, unknown>> = {
  accept: (id) => ({ repairId: id }),
  assign: (id) => ({ repairId: id, assigneeId: 'p-yjlt-staff2' }),
  start: (id) => ({ repairId: id }),
  finish: (id) => ({ repairId: id }),
  confirm: (id) => ({ repairId: id, rating: 5 }),
  reopen: (id) => ({ repairId: id, note: '没修好' }),
  cancel: (id) => ({ repairId: id }),
  merge: (id, into) => ({ repairId: id, intoId: into }),
};

describe('the state machine: every move from every status by everyone', () => {
  for (const status of REPAIR_STATUSES) {
    it(`from ${status}`, async () => {
      const into = await fresh();
      const id = await inStatus(status);
      const seen: string[] = [];
      for (const [action, payload] of Object.entries(MOVES) as [
        Exclude<RepairAction, 'autoClose'>,
        (id: string, into: string) => Record<string, unknown>,
      ][]) {
        for (const [who, roleParties] of ROLES) {
          // The staff member is the assignee only where one is assigned.
          const parties = who === 'yjlt-staff' && !ASSIGNED.includes(status) ? [] : roleParties;
          const legal = judgeTransition(status, action, parties) === 'ok';
          // A legal move runs on its own copy (so the next case still starts from `status`).
          const target = legal ? await inStatus(status) : id;
          const before = await h.snapshot();
          const { result: r, writes } = await h.emu.measure(() => h.as(who).call('repairs', `repairs.${action}`, payload(target, into)));
          // The right person at the wrong time hears why (REPAIR_STATE); the wrong person learns nothing more.
          const rightPartyTooSoon =
            judgeTransition(status, action, parties) === 'illegal' &&
            parties.length > 0 &&
            (MOVES_BY[action] as readonly string[]).some((p) => parties.includes(p as RepairParty));
          const want = legal ? 'ok' : rightPartyTooSoon ? 'REPAIR_STATE' : 'refused';
          const code = r.ok ? 'ok' : r.error.code;
          const got = !legal && !rightPartyTooSoon && ['FORBIDDEN', 'NOT_FOUND', 'REPAIR_STATE'].includes(code) ? 'refused' : code;
          // A refused move writes nothing.
          const wrote = !legal && (writes !== 0 || (await h.snapshot()) !== before);
          expect([status, action, who, got, wrote]).toEqual([status, action, who, want, false]);
          if (legal) seen.push(`${action}:${who}`);
        }
      }
      const after = await h.db.collection('repairs').doc(id).get();
      expect(after.data.status).toBe(status);
    });
  }
});
const ASSIGNED: RepairStatus[] = ['assigned', 'inProgress', 'done', 'confirmed', 'closed', 'reopened'];
const MOVES_BY: Record<string, readonly string[]> = {
  accept: ['manager'],
  assign: ['manager'],
  start: ['assignee'],
  finish: ['assignee'],
  confirm: ['reporter'],
  reopen: ['reporter'],
  cancel: ['reporter'],
  merge: ['manager'],
};

const OPTIONAL = new Set([
  'repairs.report:photos',
  'repairs.report:urgent',
  'repairs.log:photos',
  'repairs.log:urgent',
  'repairs.log:contactName',
  'repairs.log:contactPhone',
  'repairs.mine:open',
  'repairs.mine:size',
  'repairs.queue:size',
  'repairs.list:compoundId',
  'repairs.list:filter',
  'repairs.board:compoundId',
  'repairs.stats:compoundId',
  'repairs.list:size',
  'repairs.accept:note',
  'repairs.assign:note',
  'repairs.finish:labourFen',
  'repairs.finish:materialsFen',
  'repairs.merge:note',
  'repairs.cancel:note',
  'repairs.confirm:comment',
]);

const SPECIFIC = (): Record<string, Record<string, unknown>[]> => ({
  'repairs.report': [
    { ...pipe(), description: '   ' },
    { ...pipe(), description: '\u200B\u200C\u2060' },
    { ...pipe(), description: '漏水\u202Egnp.exe' },
    { ...pipe(), description: '漏水\u0000' },
    { ...pipe(), description: '漏'.repeat(501) },
    { ...pipe(), category: '闲聊' },
    { ...pipe(), photos: Array.from({ length: 10 }, (_, i) => `cloud://env.b/u/demo-yjlt-resident-5/repairs/${i}.png`) },
    { ...pipe(), photos: ['https://example.com/a.png'] },
    { ...pipe(), where: { kind: 'street', id: 'x' } },
    { ...pipe(), where: { kind: 'common', compoundId: 'yjlt', area: 'roof' } },
    { ...pipe(), where: { kind: 'common', compoundId: 'yjlt', area: 'lift', place: '\u202E梯' } },
    { ...pipe(), where: { kind: 'home', homeId: HOME, compoundId: 'yjlt' } },
    { ...pipe(), urgent: 'yes' },
    { ...pipe(), clientRequestId: 'bad id' },
  ],
  'repairs.log': [
    { ...pipe(), source: 'email' },
    { ...pipe(), source: 'phone', contactPhone: '12345' },
  ],
  'repairs.confirm': [
    { repairId: 'x', rating: 6 },
    { repairId: 'x', rating: 0 },
    { repairId: 'x', rating: 4.5 },
    { repairId: 'x', rating: '5' },
    { repairId: 'x', rating: 5, comment: '好\u200B' },
  ],
  'repairs.finish': [
    { repairId: 'x', labourFen: -1 },
    { repairId: 'x', labourFen: 10.5 },
    { repairId: 'x', materialsFen: 1e12 },
  ],
  'repairs.setCost': [
    { repairId: 'x', labourFen: -100, materialsFen: 0 },
    { repairId: 'x', labourFen: 1.5, materialsFen: 0 },
  ],
  'repairs.reopen': [
    { repairId: 'x', note: '' },
    { repairId: 'x', note: '\uFEFF' },
  ],
  'repairs.stats': [
    { compoundId: 'yjlt', period: '2026-13' },
    { compoundId: 'yjlt', period: '2026/11' },
  ],
  'repairs.costs': [{ compoundId: 'yjlt', period: '26-11' }],
  'repairs.list': [
    { compoundId: 'yjlt', filter: 'everything' },
    { compoundId: 'yjlt', size: 51 },
    { compoundId: 'yjlt', cursor: '-1' },
  ],
  'repairs.subscribe': [{ templateId: 'another', accepted: true }],
});

describe('bad input: BAD_REQUEST with a Chinese message, and nothing written', () => {
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      await expectBadInputRefused(h, 'repairs', action, spec.allowed[0], await spec.payload(), {
        optional: OPTIONAL,
        rules: SPECIFIC()[action],
      });
    });
  }
});

it('photos: only the caller’s own uploads, every bad reference gets the same FILE_INVALID and nothing is written', async () => {
  const mine = await upload(h, 'yjlt-resident-5');
  const theirs = await upload(h, 'yjlt-secretary');
  const notices = await upload(h, 'yjlt-resident-5', { purpose: 'notices' });
  const madeUp = mine.replace(/photo-\d+\.png$/, 'never-uploaded.png');
  const answers = new Set<string>();
  for (const bad of [
    theirs,
    notices,
    madeUp,
    'cloud://env.b/u/demo-yjlt-resident-5/repairs/../../demo-yjlt-secretary/repairs/x.png',
    'cloud://env.b/exports/demo-yjlt-manager/x/roster.xlsx',
  ]) {
    const before = await h.snapshot();
    const r = await h.as('yjlt-resident-5').call('repairs', 'repairs.report', { ...pipe(), photos: [mine, bad] });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    answers.add(JSON.stringify(r));
    expect(await h.snapshot()).toBe(before);
  }
  expect(answers.size).toBe(1);
  // The staff member's after-photo must be theirs too.
  const id = await started();
  expect(await h.as('yjlt-staff').call('repairs', 'repairs.finish', { repairId: id, photos: [mine] })).toMatchObject({
    ok: false,
    error: { code: 'FILE_INVALID' },
  });
});
