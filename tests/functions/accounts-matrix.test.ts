/**
 * Authorization matrix and bad input for every accounts action. Each action lists a
 * valid payload and the identities allowed to run it; everyone else must get
 * FORBIDDEN (or UNAUTHENTICATED with no identity), whatever they put in the event.
 */
import ExcelJS from 'exceljs';
import { accountsApi } from '../../core/accounts/contract';
import { main as accounts } from '../../cloudfunctions/accounts';
import { malformed } from '../support/malformed';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts: accounts as any });
});
afterAll(() => h.close());

const IDENTITIES = ['', 'demo-new-matrix', 'txsj-resident-3', 'txsj-lead-3', 'txsj-lead-5', 'txsj-committee', 'txsj-secretary', 'txsj-manager', 'txsj-staff', 'community-admin', 'yjlt-committee'] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');

let n = 0;
async function pendingRequestIn3() {
  const who = h.as(`demo-new-applicant-${++n}`);
  return (await who.ok('accounts', 'binding.request', { homeId: 'txsj-b3_1_1701', relation: 'tenant', name: `申请人${n}` })).id;
}
async function tinyXlsx() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  ws.addRow(['楼栋', '单元', '房号', '类型', '面积(㎡)', '电梯', '业主姓名', '手机号']);
  ws.addRow(['3栋', '1', '101', '住宅', '95', '有', '王', '']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const MATRIX: Record<keyof (typeof accountsApi)['actions'], { allowed: readonly string[]; payload: () => Promise<Record<string, unknown>> }> = {
  'me.get': { allowed: SIGNED_IN, payload: async () => ({}) },
  'me.update': { allowed: SIGNED_IN, payload: async () => ({ name: '改个名' }) },
  'compounds.list': { allowed: SIGNED_IN, payload: async () => ({}) },
  'homes.list': { allowed: SIGNED_IN, payload: async () => ({ buildingId: 'txsj-b3' }) },
  'binding.request': { allowed: SIGNED_IN, payload: async () => ({ homeId: `txsj-b8_${1 + (n++ % 3)}_${100 + (n % 10) + 1}`, relation: 'family', name: '家人' }) },
  'binding.cancel': { allowed: SIGNED_IN, payload: async () => ({ requestId: 'no-such-request' }) },
  'binding.redeem': { allowed: SIGNED_IN, payload: async () => ({ code: 'ZZZZZZ', name: '某人' }) },
  'binding.pending': { allowed: ['txsj-lead-3', 'txsj-lead-5', 'txsj-committee', 'yjlt-committee'], payload: async () => ({}) },
  'binding.decide': { allowed: ['txsj-lead-3', 'txsj-committee'], payload: async () => ({ requestId: await pendingRequestIn3(), approve: false, reason: '测试' }) },
  'binding.leave': { allowed: SIGNED_IN, payload: async () => ({ homeId: 'no-such-home' }) },
  'invite.create': { allowed: ['txsj-lead-3', 'txsj-committee'], payload: async () => ({ homeId: 'txsj-b3_1_301', relation: 'owner' }) },
  'roster.list': { allowed: ['txsj-lead-3', 'txsj-committee', 'txsj-secretary', 'txsj-manager', 'community-admin'], payload: async () => ({ buildingId: 'txsj-b3', size: 5 }) },
  'roster.import': { allowed: ['txsj-committee', 'txsj-manager'], payload: async () => ({ compoundId: 'txsj', fileBase64: await tinyXlsx(), dryRun: true }) },
  'roster.export': { allowed: ['txsj-committee', 'txsj-manager'], payload: async () => ({ compoundId: 'txsj' }) },
  'roles.list': { allowed: ['txsj-secretary', 'txsj-committee', 'txsj-manager', 'community-admin'], payload: async () => ({ compoundId: 'txsj' }) },
  'roles.grant': { allowed: ['txsj-secretary', 'community-admin'], payload: async () => ({ personId: 'p-txsj-resident-3', role: 'buildingLead', compoundId: 'txsj', buildingIds: ['txsj-b8'] }) },
  'roles.revoke': {
    allowed: ['txsj-secretary', 'community-admin'],
    payload: async () => {
      const res = await h.db.collection('roles').add({ data: { personId: 'p-txsj-resident-5', role: 'buildingLead', communityId: 'qiaoxing', compoundId: 'txsj', buildingIds: ['txsj-b8'], grantedBy: 'test', createdAt: new Date() } });
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
      const outcomes: Record<string, string> = {};
      for (const who of IDENTITIES) {
        const r = await h.as(who).call('accounts', action, await spec.payload());
        outcomes[who || '(none)'] = r.ok ? 'ok' : r.error.code;
      }
      for (const who of IDENTITIES) {
        const got = outcomes[who || '(none)'];
        if (who === '') expect([who, got]).toEqual([who, 'UNAUTHENTICATED']);
        else if (spec.allowed.includes(who)) expect([who, got]).not.toEqual([who, 'FORBIDDEN']);
        else expect([who, got]).toEqual([who, 'FORBIDDEN']);
      }
    });
  }

  it('an openid in the event or payload never changes who is calling', async () => {
    const stranger = h.as('demo-new-intruder');
    const spoof = await stranger.raw('accounts', { action: 'binding.pending', payload: {}, openid: 'demo-txsj-lead-3', userInfo: { openId: 'demo-txsj-lead-3', appId: 'x' } });
    expect(spoof).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const inPayload = await stranger.call('accounts', 'binding.pending', { openid: 'demo-txsj-lead-3' });
    expect(inPayload).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const me = await stranger.ok('accounts', 'me.get', {});
    expect(me.registered).toBe(false);
  });
});


const OPTIONAL_FIELDS = new Set(['me.update:name', 'roster.list:size', 'roster.import:dryRun', 'roles.grant:compoundId', 'roles.grant:buildingIds']);

describe('bad input: a typed error and nothing written', () => {
  it('an unknown action or a malformed envelope', async () => {
    const c = h.as('txsj-committee');
    for (const event of [{ action: 'nope' }, { action: 'me.get.extra' }, { payload: {} }, 'x', null, { action: 7 }]) {
      const { result, writes } = await h.emu.measure(() => c.raw('accounts', event));
      expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(UNKNOWN_ACTION|BAD_REQUEST)$/), message: expect.any(String) } });
      expect(writes).toBe(0);
    }
  });

  for (const [action, spec] of Object.entries(MATRIX)) {
    it(`${action}`, async () => {
      const valid = await spec.payload();
      const who = h.as(spec.allowed.includes('txsj-committee') ? 'txsj-committee' : spec.allowed[0]);
      for (const [label, payload] of malformed(valid)) {
        if (label.endsWith('missing') && OPTIONAL_FIELDS.has(`${action}:${label.split(' ')[0]}`)) continue;
        const { result, writes } = await h.emu.measure(() => who.call('accounts', action, payload));
        expect([label, result]).toEqual([label, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }) })]);
        expect([label, writes]).toEqual([label, 0]);
      }
    });
  }
});
