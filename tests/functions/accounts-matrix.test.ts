/**
 * Authorization matrix and bad input for every accounts action. Each action lists a
 * valid payload and the identities allowed to run it; everyone else must get
 * FORBIDDEN (or UNAUTHENTICATED with no identity), whatever they put in the event.
 */
import ExcelJS from 'exceljs';
import { accountsApi } from '../../core/accounts/contract';
import { main as accounts } from '../../cloudfunctions/accounts';
import { malformed } from '../support/malformed';
import { expectAuthorization } from '../support/matrix';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts: accounts as any });
}, 60_000);
afterAll(() => h.close());

const IDENTITIES = [
  '',
  'demo-new-matrix',
  'txsj-resident-3',
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

let n = 0;
/** A fresh clientRequestId. */
const cid = () => `matrix-${++n}-${Date.now()}`;
/** Homes of 天翔世家 8栋 (3 units × 11 floors × 2), handed out one at a time so nobody asks for the same home twice. */
const B8 = Array.from({ length: 66 }, (_, i) => `txsj-b8_${1 + (i % 3)}_${1 + Math.floor(i / 6)}0${1 + (Math.floor(i / 3) % 2)}`);
let b8 = 0;
const nextB8 = () => B8[b8++ % B8.length];

async function pendingRequestIn3() {
  const who = h.as(`demo-new-applicant-${++n}`);
  return (
    await who.ok('accounts', 'binding.request', {
      clientRequestId: cid(),
      homeId: 'txsj-b3_1_1701',
      relation: 'tenant',
      name: `申请人${n}`,
    })
  ).id;
}
/** An .xlsx in `who`'s own imports folder. */
async function tinyXlsx(who: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  ws.addRow(['楼栋', '单元', '房号', '类型', '面积(㎡)', '电梯', '业主姓名', '手机号']);
  ws.addRow(['3栋', '1', '101', '住宅', '95', '有', '王某', '']);
  const openid = who ? h.as(who).openid : 'nobody';
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  const up = await h.emu.runAs({ openid }, () =>
    h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/imports/m${++n}.xlsx`, fileContent: content }),
  );
  return up.fileID as string;
}
const personOf = async (who: string) =>
  (
    await h.db
      .collection('people')
      .where({ openid: h.as(who).openid })
      .get()
  ).data[0];
/** Where each issuer may issue an invite. */
const ISSUER_HOME: Record<string, () => string> = {
  'txsj-lead-3': () => `txsj-b3_2_${1 + (++n % 17)}01`,
  'txsj-lead-5': () => `txsj-b5_2_${1 + (++n % 17)}01`,
  'txsj-committee': () => nextB8(),
  'yjlt-committee': () => `yjlt-b2_1_${1 + (++n % 18)}01`,
};
async function inviteBy(who: string, relation = 'family') {
  const issuer = ISSUER_HOME[who] ? who : 'txsj-lead-3';
  return h.as(issuer).ok('accounts', 'invite.create', { clientRequestId: cid(), homeId: ISSUER_HOME[issuer](), relation });
}
/** A signed-in person with a profile, bound to a fresh home (so binding.leave has something to leave). */
async function boundHome(who: string) {
  if (!who) return 'no-such-home';
  let p = await personOf(who);
  if (!p) {
    await h.as(who).ok('accounts', 'me.update', { name: '测试住户' });
    p = await personOf(who);
  }
  const homeId = nextB8();
  await h.db
    .collection('memberships')
    .doc(`${p._id}_${homeId}`)
    .set({
      data: {
        personId: p._id,
        homeId,
        buildingId: 'txsj-b8',
        compoundId: 'txsj',
        communityId: 'qiaoxing',
        relation: 'family',
        status: 'active',
        via: 'seed',
        createdAt: new Date(),
      },
    });
  return homeId;
}
async function importJobOf(who: string) {
  const p = who ? await personOf(who) : null;
  const id = `roster.import_${p?._id ?? 'x'}_${++n}`;
  await h.db.collection('jobs').add({
    data: {
      _id: id,
      kind: 'roster.import',
      params: {},
      status: 'done',
      open: false,
      runAfter: new Date(),
      cursor: null,
      total: 1,
      done: 1,
      skipped: 0,
      failed: 0,
      unknown: 0,
      createdBy: p?._id ?? 'x',
      createdAt: new Date(),
      updatedAt: new Date(),
      lease: null,
      batches: 1,
    },
  });
  return id;
}

type Payload = (who: string) => Promise<Record<string, unknown>>;
const MATRIX: Record<keyof (typeof accountsApi)['actions'], { allowed: readonly string[]; payload: Payload }> = {
  'me.get': { allowed: SIGNED_IN, payload: async () => ({}) },
  'me.update': { allowed: SIGNED_IN, payload: async () => ({ name: '改个名' }) },
  // Anyone signed in may ask; a resident without a role gets an empty list (tests/functions/accounts-compounds.test.ts).
  'compounds.list': { allowed: SIGNED_IN, payload: async () => ({ compoundIds: ['txsj'] }) },
  'compounds.search': { allowed: SIGNED_IN, payload: async () => ({ q: '天翔' }) },
  'compounds.get': { allowed: SIGNED_IN, payload: async () => ({ compoundId: 'txsj' }) },
  'homes.list': { allowed: SIGNED_IN, payload: async () => ({ buildingId: 'txsj-b3' }) },
  'binding.request': {
    allowed: SIGNED_IN,
    payload: async () => ({ clientRequestId: cid(), homeId: nextB8(), relation: 'family', name: '家人' }),
  },
  'binding.cancel': {
    allowed: SIGNED_IN,
    payload: async (who) => {
      if (!who) return { requestId: 'no-such-request' };
      return {
        requestId: (
          await h.as(who).ok('accounts', 'binding.request', { clientRequestId: cid(), homeId: nextB8(), relation: 'family', name: '家人' })
        ).id,
      };
    },
  },
  'binding.redeem': {
    allowed: SIGNED_IN,
    // Someone else's invite (nobody redeems their own).
    payload: async (who) => ({ code: (await inviteBy(who === 'txsj-committee' ? 'txsj-lead-3' : 'txsj-committee')).code, name: '某人' }),
  },
  'binding.pending': { allowed: ['txsj-lead-3', 'txsj-lead-5', 'txsj-committee', 'yjlt-committee'], payload: async () => ({}) },
  'binding.decide': {
    allowed: ['txsj-lead-3', 'txsj-committee'],
    payload: async () => ({ requestId: await pendingRequestIn3(), approve: false, reason: '测试' }),
  },
  'binding.leave': { allowed: SIGNED_IN, payload: async (who) => ({ homeId: await boundHome(who) }) },
  'invite.create': {
    allowed: ['txsj-lead-3', 'txsj-committee'],
    payload: async () => ({ clientRequestId: cid(), homeId: 'txsj-b3_1_301', relation: 'owner' }),
  },
  'invite.redeem': {
    allowed: SIGNED_IN,
    payload: async (who) => ({ code: (await inviteBy(who === 'txsj-committee' ? 'txsj-lead-3' : 'txsj-committee')).code, name: '某人' }),
  },
  'invite.createStaff': {
    allowed: ['txsj-committee', 'txsj-manager'],
    payload: async () => ({ clientRequestId: cid(), compoundId: 'txsj' }),
  },
  'invite.list': { allowed: ['txsj-lead-3', 'txsj-lead-5', 'txsj-committee', 'txsj-manager', 'yjlt-committee'], payload: async () => ({}) },
  'invite.revoke': {
    allowed: ['txsj-lead-3', 'txsj-lead-5', 'txsj-committee', 'txsj-manager', 'yjlt-committee'],
    payload: async (who) => ({
      inviteId:
        who === 'txsj-manager'
          ? (await h.as(who).ok('accounts', 'invite.createStaff', { clientRequestId: cid(), compoundId: 'txsj' })).id
          : (await inviteBy(who)).id,
    }),
  },
  'roster.list': {
    allowed: ['txsj-lead-3', 'txsj-committee', 'txsj-secretary', 'txsj-manager', 'community-admin'],
    payload: async () => ({ buildingId: 'txsj-b3', size: 5 }),
  },
  'roster.import': {
    allowed: ['txsj-committee', 'txsj-manager'],
    payload: async (who) => ({ clientRequestId: cid(), compoundId: 'txsj', fileID: await tinyXlsx(who), dryRun: true }),
  },
  'roster.importStatus': {
    allowed: ['txsj-committee', 'txsj-manager', 'yjlt-committee'],
    payload: async (who) => ({ jobId: await importJobOf(who) }),
  },
  'roster.export': { allowed: ['txsj-committee', 'txsj-manager'], payload: async () => ({ compoundId: 'txsj' }) },
  'roster.template': { allowed: ['txsj-committee', 'txsj-manager'], payload: async () => ({ compoundId: 'txsj' }) },
  'people.search': {
    allowed: ['txsj-secretary', 'txsj-committee', 'txsj-manager', 'community-admin'],
    payload: async () => ({ compoundId: 'txsj', q: '陈' }),
  },
  'roles.list': {
    allowed: ['txsj-secretary', 'txsj-committee', 'txsj-manager', 'community-admin'],
    payload: async () => ({ compoundId: 'txsj' }),
  },
  'roles.grant': {
    allowed: ['txsj-secretary', 'community-admin'],
    payload: async () => ({ personId: 'p-txsj-resident-3', role: 'buildingLead', compoundId: 'txsj', buildingIds: ['txsj-b8'] }),
  },
  // 天翔世家 has a committee: handing back a stand-in nobody holds is allowed and changes nothing.
  'roles.standIn': { allowed: ['community-admin'], payload: async () => ({ compoundId: 'txsj', on: false }) },
  'roles.revoke': {
    allowed: ['txsj-secretary', 'community-admin'],
    payload: async () => {
      const res = await h.db.collection('roles').add({
        data: {
          personId: 'p-txsj-resident-5',
          role: 'buildingLead',
          communityId: 'qiaoxing',
          compoundId: 'txsj',
          buildingIds: ['txsj-b8'],
          grantedBy: 'test',
          createdAt: new Date(),
        },
      });
      return { roleId: String(res._id) };
    },
  },
  'groups.mine': { allowed: SIGNED_IN, payload: async () => ({}) },
};

describe('authorization matrix: every action × every role', () => {
  it('covers every action of the contract', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(accountsApi.actions).sort());
  });

  for (const [action, spec] of Object.entries(MATRIX)) {
    it(`${action}`, async () => {
      // Strict: an allowed identity must succeed with its payload, everyone else is refused as such (FORBIDDEN only).
      await expectAuthorization(h, 'accounts', action, spec, IDENTITIES, { refused: ['FORBIDDEN'] });
    });
  }

  describe('separation of duties: every identity allowed to decide is refused on its own case, with nothing written', () => {
    const refusedSelf = async (who: string, action: string, payload: Record<string, unknown>) => {
      const before = await h.snapshot();
      const r = await h.as(who).call('accounts', action, payload);
      expect([who, action, r]).toEqual([
        who,
        action,
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'SELF_DECISION' }) }),
      ]);
      expect(await h.snapshot()).toBe(before);
    };
    it.each([
      ['txsj-lead-3', 'txsj-b3_2_1701'],
      ['txsj-committee', 'txsj-b8_3_1102'],
    ])('binding.decide: %s on their own request', async (who, homeId) => {
      const req = await h.as(who).ok('accounts', 'binding.request', { clientRequestId: cid(), homeId, relation: 'owner', name: '邻居家' });
      await refusedSelf(who, 'binding.decide', { requestId: req.id, approve: true });
      await refusedSelf(who, 'binding.decide', { requestId: req.id, approve: false, reason: '自己' });
    });
    it.each(Object.keys(ISSUER_HOME))('binding.redeem: %s with their own invite', async (who) => {
      await refusedSelf(who, 'binding.redeem', { code: (await inviteBy(who)).code, name: '自己人' });
    });
    it('roles.grant and roles.revoke: on themselves', async () => {
      await refusedSelf('txsj-secretary', 'roles.grant', {
        personId: 'p-txsj-secretary',
        role: 'buildingLead',
        compoundId: 'txsj',
        buildingIds: ['txsj-b8'],
      });
      await refusedSelf('community-admin', 'roles.grant', { personId: 'p-community-admin', role: 'committeeMember', compoundId: 'txsj' });
      const own = await h.db.collection('roles').add({
        data: {
          personId: 'p-txsj-secretary',
          role: 'buildingLead',
          communityId: 'qiaoxing',
          compoundId: 'txsj',
          buildingIds: ['txsj-b8'],
          grantedBy: 'test',
          createdAt: new Date(),
        },
      });
      await refusedSelf('txsj-secretary', 'roles.revoke', { roleId: String(own._id) });
      await refusedSelf('community-admin', 'roles.revoke', { roleId: 'r-community-admin-communityAdmin' });
    });
  });

  it('an openid in the event or payload never changes who is calling', async () => {
    const stranger = h.as('demo-new-intruder');
    const spoof = await stranger.raw('accounts', {
      action: 'binding.pending',
      payload: {},
      openid: 'demo-txsj-lead-3',
      userInfo: { openId: 'demo-txsj-lead-3', appId: 'x' },
    });
    expect(spoof).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const inPayload = await stranger.call('accounts', 'binding.pending', { openid: 'demo-txsj-lead-3' });
    expect(inPayload).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const me = await stranger.ok('accounts', 'me.get', {});
    expect(me.registered).toBe(false);
  });
});

const OPTIONAL_FIELDS = new Set([
  'people.search:q',
  'compounds.list:compoundIds',
  'me.update:name',
  'invite.list:size',
  'roster.list:size',
  'roster.list:buildingId',
  'roles.list:compoundId',
  'roster.import:dryRun',
  'roles.grant:compoundId',
  'roles.grant:buildingIds',
]);

describe('bad input: a typed error and nothing written', () => {
  it('an unknown action or a malformed envelope', async () => {
    const c = h.as('txsj-committee');
    for (const event of [{ action: 'nope' }, { action: 'me.get.extra' }, { payload: {} }, 'x', null, { action: 7 }]) {
      const { result, writes } = await h.emu.measure(() => c.raw('accounts', event));
      expect(result).toMatchObject({
        ok: false,
        error: { code: expect.stringMatching(/^(UNKNOWN_ACTION|BAD_REQUEST)$/), message: expect.any(String) },
      });
      expect(writes).toBe(0);
    }
  });

  for (const [action, spec] of Object.entries(MATRIX)) {
    it(`${action}`, async () => {
      const key = spec.allowed.includes('txsj-committee') ? 'txsj-committee' : spec.allowed[0];
      const valid = await spec.payload(key);
      const who = h.as(key);
      for (const [label, payload] of malformed(valid)) {
        if (label.endsWith('missing') && OPTIONAL_FIELDS.has(`${action}:${label.split(' ')[0]}`)) continue;
        const { result, writes } = await h.emu.measure(() => who.call('accounts', action, payload));
        expect([label, result]).toEqual([
          label,
          expect.objectContaining({
            ok: false,
            error: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }),
          }),
        ]);
        expect([label, writes]).toEqual([label, 0]);
      }
    });
  }
});
