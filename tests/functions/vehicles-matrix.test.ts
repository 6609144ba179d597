/**
 * Authorization matrix and bad input for every vehicles action: allowed identities
 * succeed, no identity is UNAUTHENTICATED, everyone else is refused (FORBIDDEN, or
 * NOT_FOUND where the thing is not theirs to know); malformed payloads and broken
 * rules are a BAD_REQUEST in Chinese that writes nothing.
 */
import { vehiclesApi, VEHICLE_TEMPLATE_ID } from '../../core/vehicles/contract';
import { expectAuthorization, expectBadInputRefused } from '../support/matrix';
import { newRequestId, type Harness } from '../support/harness';
import { TXSJ } from '../../scripts/lib/seed-data';
import { DEMO_PLATES, vehiclesHarness } from './vehicles-support';

jest.setTimeout(180_000);
let h: Harness;
let forwarded: Record<string, unknown>;
beforeAll(async () => {
  h = await vehiclesHarness();
  // One request by 吴晓峰 for 郑海涛's plate (he cannot be messaged: his lead 张卫东 has it).
  const r = await h
    .as(WU)
    .ok('vehicles', 'vehicles.request', { clientRequestId: newRequestId(), compoundId: TXSJ, plate: DEMO_PLATES.zheng, reason: '挡道' });
  forwarded = (await h.db.collection('moveRequests').where({ _id: r.id }).get()).data[0];
});
afterAll(() => h.close());

const WU = 'txsj-resident-3b';
const ZHENG = 'txsj-resident-5';
const IDENTITIES = [
  '',
  'demo-new-matrix',
  'txsj-resident-3',
  WU,
  ZHENG,
  'txsj-lead-3',
  'txsj-lead-5',
  'txsj-committee',
  'txsj-manager',
  'txsj-staff',
  'yjlt-resident-5',
  'community-admin',
] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');
const WITH_HOMES = ['txsj-resident-3', WU, ZHENG, 'txsj-lead-3', 'txsj-lead-5', 'txsj-committee', 'yjlt-resident-5'];
const TXSJ_RESIDENTS = WITH_HOMES.filter((w) => w !== 'yjlt-resident-5');

let seq = 0;
const plate = () => `闽E${String(40000 + ++seq)}`;
const homeOf = (who: string) =>
  h.seed.memberships.find((m) => m.personId === `p-${who}`)?.homeId ??
  h.seed.memberships.find((m) => m.personId === 'p-txsj-resident-3')!.homeId;
/** A copy of the forwarded request, fresh for one call (the real one is made once: the same plate waits 10 minutes). */
async function freshForwarded() {
  const _id = `m-matrix-${++seq}`;
  await h.db.collection('moveRequests').add({ data: { ...forwarded, _id, clientRequestId: `matrix-${seq}` } });
  return { requestId: _id };
}
const period = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

const SPECS: Record<
  keyof typeof vehiclesApi.actions,
  { allowed: readonly string[]; payload: (who?: string) => Promise<Record<string, unknown>> }
> = {
  'vehicles.mine': { allowed: SIGNED_IN, payload: async () => ({}) },
  'vehicles.add': { allowed: WITH_HOMES, payload: async (who) => ({ homeId: homeOf(who ?? ''), plate: plate(), kind: 'car' }) },
  'vehicles.remove': {
    allowed: WITH_HOMES,
    payload: async (who) => {
      const homeId = homeOf(who ?? '');
      // Someone without a home tries 陈阿婆's plate; a resident removes one they just added.
      if (!WITH_HOMES.includes(who ?? '')) return { homeId, plate: DEMO_PLATES.chen };
      const p = plate();
      await h.as(who!).ok('vehicles', 'vehicles.add', { homeId, plate: p, kind: 'car' });
      return { homeId, plate: p };
    },
  },
  'vehicles.register': { allowed: ['txsj-committee', 'txsj-manager'], payload: async () => ({ compoundId: TXSJ }) },
  'vehicles.request': {
    allowed: TXSJ_RESIDENTS,
    payload: async () => ({ clientRequestId: newRequestId(), compoundId: TXSJ, plate: `闽A${String(50000 + ++seq)}`, reason: '车灯未关' }),
  },
  'vehicles.get': {
    allowed: [WU, ZHENG, 'txsj-lead-5', 'txsj-manager', 'txsj-staff'],
    payload: async () => ({ requestId: forwarded._id }),
  },
  'vehicles.myRequests': { allowed: SIGNED_IN, payload: async () => ({}) },
  'vehicles.handle': { allowed: [ZHENG, 'txsj-lead-5', 'txsj-manager', 'txsj-staff'], payload: freshForwarded },
  'vehicles.unreachable': { allowed: ['txsj-lead-5', 'txsj-manager', 'txsj-staff'], payload: freshForwarded },
  'vehicles.resolve': { allowed: [WU], payload: freshForwarded },
  'vehicles.report': { allowed: [ZHENG], payload: freshForwarded },
  'vehicles.queue': { allowed: ['txsj-lead-3', 'txsj-lead-5', 'txsj-manager', 'txsj-staff'], payload: async () => ({ compoundId: TXSJ }) },
  'vehicles.repeat': { allowed: ['txsj-manager', 'txsj-staff'], payload: async () => ({ compoundId: TXSJ }) },
  'vehicles.stats': {
    allowed: ['txsj-committee', 'txsj-manager', 'community-admin'],
    payload: async () => ({ compoundId: TXSJ, period: period() }),
  },
  'vehicles.communityStats': { allowed: ['community-admin'], payload: async () => ({ communityId: 'qiaoxing', period: period() }) },
  'vehicles.home': { allowed: SIGNED_IN, payload: async () => ({}) },
  'vehicles.subscribe': { allowed: SIGNED_IN, payload: async () => ({ templateId: VEHICLE_TEMPLATE_ID, accepted: true }) },
};

describe('authorization matrix', () => {
  it('covers every action of the contract', () => {
    expect(Object.keys(SPECS).sort()).toEqual(Object.keys(vehiclesApi.actions).sort());
  });
  for (const action of Object.keys(SPECS) as (keyof typeof SPECS)[]) {
    it(action, async () => {
      await expectAuthorization(h, 'vehicles', action, SPECS[action], IDENTITIES);
    });
  }
});

const OPTIONAL = new Set(['vehicles.add:spaceNo', 'vehicles.request:note', 'vehicles.request:photos']);
describe('bad input writes nothing', () => {
  it('vehicles.add: plates that are not plates', async () => {
    await expectBadInputRefused(
      h,
      'vehicles',
      'vehicles.add',
      WU,
      { homeId: homeOf(WU), plate: '闽E40999', kind: 'car' },
      {
        optional: OPTIONAL,
        rules: [
          { homeId: homeOf(WU), plate: '闽E1234', kind: 'car' },
          { homeId: homeOf(WU), plate: '闽I12345', kind: 'car' },
          { homeId: homeOf(WU), plate: 'AB12345', kind: 'car' },
          { homeId: homeOf(WU), plate: '闽ED1234A', kind: 'car' },
          { homeId: homeOf(WU), plate: '闽EA12345', kind: 'car' },
          { homeId: homeOf(WU), plate: '闽E12', kind: 'ebike' },
          { homeId: homeOf(WU), plate: '闽E12345', kind: 'truck' },
          { homeId: homeOf(WU), plate: '闽E\u202e12345', kind: 'car' },
        ],
      },
    );
  });
  it('vehicles.request: reasons, notes and photos', async () => {
    await expectBadInputRefused(
      h,
      'vehicles',
      'vehicles.request',
      WU,
      { clientRequestId: 'bad-input-0001', compoundId: TXSJ, plate: '闽A12345', reason: '挡道', note: '在路口' },
      {
        optional: OPTIONAL,
        rules: [
          { clientRequestId: 'bad-input-0002', compoundId: TXSJ, plate: '闽A12345', reason: '吵架' },
          { clientRequestId: 'bad-input-0003', compoundId: TXSJ, plate: '闽A12345', reason: '挡道', note: '路'.repeat(61) },
          { clientRequestId: 'bad-input-0004', compoundId: TXSJ, plate: '闽A', reason: '挡道' },
          { clientRequestId: 'bad-input-0005', compoundId: TXSJ, plate: '闽A12345', reason: '挡道', photos: ['a', 'b'] },
          { clientRequestId: 'x', compoundId: TXSJ, plate: '闽A12345', reason: '挡道' },
          { clientRequestId: 'bad-input-0006', compoundId: TXSJ, plate: '闽A12345', reason: '挡道', openid: 'demo-txsj-resident-3' },
        ],
      },
    );
  });
  it('every other action', async () => {
    await expectBadInputRefused(h, 'vehicles', 'vehicles.get', WU, { requestId: String(forwarded._id) });
    await expectBadInputRefused(
      h,
      'vehicles',
      'vehicles.stats',
      'txsj-manager',
      { compoundId: TXSJ, period: period() },
      { rules: [{ compoundId: TXSJ, period: '2026-13' }] },
    );
    await expectBadInputRefused(
      h,
      'vehicles',
      'vehicles.communityStats',
      'community-admin',
      { communityId: 'qiaoxing', period: period() },
      { rules: [{ communityId: 'qiaoxing', period: '2026-13' }] },
    );
    await expectBadInputRefused(
      h,
      'vehicles',
      'vehicles.register',
      'txsj-manager',
      { compoundId: TXSJ, size: 20 },
      { optional: new Set(['vehicles.register:size']), rules: [{ compoundId: TXSJ, size: 500 }] },
    );
    await expectBadInputRefused(
      h,
      'vehicles',
      'vehicles.subscribe',
      WU,
      { templateId: VEHICLE_TEMPLATE_ID, accepted: true },
      { rules: [{ templateId: 'other', accepted: true }] },
    );
  });
});
