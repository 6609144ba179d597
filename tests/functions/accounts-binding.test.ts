import { main as accounts } from '../../cloudfunctions/accounts';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts: accounts as any });
}, 60_000);
afterAll(() => h.close());

let seq = 0;
/** A fresh clientRequestId. */
const cid = () => `binding-test-${++seq}`;

const HOME_3 = 'txsj-b3_1_1101'; // 天翔世家 3栋1单元1101, nobody bound in the fixed seed key set
const HOME_5 = 'txsj-b5_1_1101';

describe('binding by request', () => {
  it('a new user asks for a home in building 3, the lead of building 3 approves, the user sees the home', async () => {
    const user = h.as('demo-new-alice');
    const before = await user.ok('accounts', 'me.get', {});
    expect(before).toMatchObject({ registered: false, homes: [] });

    const req = await user.ok('accounts', 'binding.request', {
      clientRequestId: cid(),
      homeId: HOME_3,
      relation: 'owner',
      name: '新住户',
      phone: '13800001111',
      note: '刚搬来',
    });
    // 新住户 is not on the property register for the home: two approvers are needed.
    expect(req).toMatchObject({
      status: 'pending',
      applicantName: '新住户',
      applicantPhone: '13800001111',
      home: { label: '3栋1单元1101' },
      approvals: 0,
      approvalsNeeded: 2,
    });

    const lead3 = h.as('txsj-lead-3');
    const pending = await lead3.ok('accounts', 'binding.pending', {});
    const mine = pending.items.find((r: any) => r.id === req.id);
    expect(mine).toBeTruthy();
    expect(mine.applicantPhone).toBe('138****1111');
    // A lead sees whether the claim matches the register, and the owner's name masked (于*东).
    expect(mine.registerMatch).toBe('mismatch');
    expect(mine.registeredOwners[0]).toMatch(/^.\*+.$/);
    expect(mine.canCall).toBeUndefined();

    const lead5 = h.as('txsj-lead-5');
    expect((await lead5.ok('accounts', 'binding.pending', {})).items.find((r: any) => r.id === req.id)).toBeUndefined();
    const refused = await lead5.call('accounts', 'binding.decide', { requestId: req.id, approve: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const first = await lead3.ok('accounts', 'binding.decide', { requestId: req.id, approve: true });
    expect(first).toMatchObject({ status: 'pending', approvals: 1, approvalProgress: '已有1人同意，还需1人' });
    expect((await user.ok('accounts', 'me.get', {})).homes).toEqual([]);
    const decided = await h.as('txsj-committee').ok('accounts', 'binding.decide', { requestId: req.id, approve: true });
    expect(decided).toMatchObject({ status: 'approved', approvals: 2 });

    const after = await user.ok('accounts', 'me.get', {});
    expect(after.registered).toBe(true);
    expect(after.homes.map((x: any) => x.id)).toEqual([HOME_3]);
    expect(after.pendingRequests).toEqual([]);

    const again = await lead3.call('accounts', 'binding.decide', { requestId: req.id, approve: false, reason: '重复' });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_DECIDED' } });
    expect(
      await user.call('accounts', 'binding.request', { clientRequestId: cid(), homeId: HOME_3, relation: 'owner', name: '新住户' }),
    ).toMatchObject({ ok: false, error: { code: 'ALREADY_BOUND' } });
  });

  it('an owner named on the property register needs one approver', async () => {
    const home = (await h.db.collection('homes').where({ _id: 'txsj-b3_2_1101' }).get()).data[0];
    const user = h.as('demo-new-registered');
    const req = await user.ok('accounts', 'binding.request', {
      clientRequestId: cid(),
      homeId: home._id,
      relation: 'owner',
      name: home.registeredOwners[0].name,
    });
    expect(req).toMatchObject({ approvalsNeeded: 1 });
    expect(await h.as('txsj-lead-3').ok('accounts', 'binding.decide', { requestId: req.id, approve: true })).toMatchObject({
      status: 'approved',
      approvals: 1,
    });
  });

  it('the committee of the compound may decide; a committee of another compound may not', async () => {
    const user = h.as('demo-new-bob');
    const req = await user.ok('accounts', 'binding.request', {
      clientRequestId: cid(),
      homeId: HOME_5,
      relation: 'tenant',
      name: '租户小王',
    });
    expect(
      await user.call('accounts', 'binding.request', { clientRequestId: cid(), homeId: HOME_5, relation: 'tenant', name: '租户小王' }),
    ).toMatchObject({ ok: false, error: { code: 'ALREADY_REQUESTED' } });
    expect(await h.as('yjlt-committee').call('accounts', 'binding.decide', { requestId: req.id, approve: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const rejected = await h.as('txsj-committee').call('accounts', 'binding.decide', { requestId: req.id, approve: false });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const ok = await h
      .as('txsj-committee')
      .ok('accounts', 'binding.decide', { requestId: req.id, approve: false, reason: '房屋登记业主不认识该申请人' });
    expect(ok).toMatchObject({ status: 'rejected', reason: '房屋登记业主不认识该申请人' });
    const me = await user.ok('accounts', 'me.get', {});
    expect(me.homes).toEqual([]);
  });

  it('an applicant can cancel a pending request, which then cannot be approved', async () => {
    const user = h.as('demo-new-carol');
    const req = await user.ok('accounts', 'binding.request', {
      clientRequestId: cid(),
      homeId: 'txsj-b3_2_1201',
      relation: 'family',
      name: '家属',
    });
    expect(await h.as('demo-new-dave').call('accounts', 'binding.cancel', { requestId: req.id })).toMatchObject({ ok: false });
    expect((await user.ok('accounts', 'binding.cancel', { requestId: req.id })).status).toBe('cancelled');
    expect(await h.as('txsj-lead-3').call('accounts', 'binding.decide', { requestId: req.id, approve: true })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_DECIDED' },
    });
  });

  it('a resident can leave a home', async () => {
    const res = h.as('txsj-resident-3b');
    const me = await res.ok('accounts', 'me.get', {});
    expect(me.homes).toHaveLength(1);
    await res.ok('accounts', 'binding.leave', { homeId: me.homes[0].id });
    expect((await res.ok('accounts', 'me.get', {})).homes).toHaveLength(0);
    expect(await res.call('accounts', 'binding.leave', { homeId: me.homes[0].id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('binding by invite code', () => {
  it('a lead issues a code for a home in their building; it binds once', async () => {
    const lead3 = h.as('txsj-lead-3');
    const invite = await lead3.ok('accounts', 'invite.create', { clientRequestId: cid(), homeId: 'txsj-b3_2_901', relation: 'owner' });
    expect(invite.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);
    expect(await lead3.call('accounts', 'invite.create', { clientRequestId: cid(), homeId: HOME_5, relation: 'owner' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const user = h.as('demo-new-erin');
    const home = await user.ok('accounts', 'binding.redeem', { code: invite.code.toLowerCase(), name: '老陈' });
    expect(home).toMatchObject({ id: 'txsj-b3_2_901', relation: 'owner' });
    expect(await h.as('demo-new-frank').call('accounts', 'binding.redeem', { code: invite.code, name: '小李' })).toMatchObject({
      ok: false,
      error: { code: 'INVITE_INVALID' },
    });
    expect(await h.as('demo-new-frank').call('accounts', 'binding.redeem', { code: 'ZZZZZZZZZZ', name: '小李' })).toMatchObject({
      ok: false,
      error: { code: 'INVITE_INVALID' },
    });
  });

  it('a lead lists their active invites and revokes one, which then no longer binds', async () => {
    const lead3 = h.as('txsj-lead-3');
    const a = await lead3.ok('accounts', 'invite.create', { clientRequestId: cid(), homeId: 'txsj-b3_2_801', relation: 'family' });
    const b = await lead3.ok('accounts', 'invite.create', { clientRequestId: cid(), homeId: 'txsj-b3_2_802', relation: 'tenant' });
    const list = await lead3.ok('accounts', 'invite.list', {});
    expect(list.items.map((i: any) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(list.items.find((i: any) => i.id === a.id)).toMatchObject({ code: a.code, home: { id: 'txsj-b3_2_801' }, relation: 'family' });
    // The committee's list does not show the lead's invites; the committee cannot revoke them.
    expect((await h.as('txsj-committee').ok('accounts', 'invite.list', {})).items.map((i: any) => i.id)).not.toContain(a.id);
    expect(await h.as('txsj-committee').call('accounts', 'invite.revoke', { inviteId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await lead3.ok('accounts', 'invite.revoke', { inviteId: a.id })).toEqual({ id: a.id });
    expect(await lead3.call('accounts', 'invite.revoke', { inviteId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'INVITE_INVALID' },
    });
    expect((await lead3.ok('accounts', 'invite.list', {})).items.map((i: any) => i.id)).not.toContain(a.id);
    expect(await h.as('demo-new-revoked').call('accounts', 'binding.redeem', { code: a.code, name: '小周' })).toMatchObject({
      ok: false,
      error: { code: 'INVITE_INVALID' },
    });
    expect(await h.as('txsj-resident-3').call('accounts', 'invite.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('profile and groups', () => {
  it('groups.mine lists the owners group and the building group with member counts', async () => {
    const groups = await h.as('txsj-resident-3').ok('accounts', 'groups.mine', {});
    expect(groups.map((g: any) => g.name)).toEqual(['天翔世家业主群', '天翔世家3栋楼栋群']);
    expect(groups[0].memberCount).toBeGreaterThan(groups[1].memberCount);
  });

  it('only party members may show the party badge', async () => {
    expect(await h.as('txsj-resident-5').call('accounts', 'me.update', { showPartyBadge: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.as('txsj-lead-5').ok('accounts', 'me.update', { showPartyBadge: false })).toMatchObject({ showPartyBadge: false });
  });

  it('a newcomer finds a compound by name and reads its buildings; the community office lists both', async () => {
    // A newcomer has no compound to list: they search, then read the one they pick.
    expect(await h.as('demo-new-gina').ok('accounts', 'compounds.list', {})).toEqual([]);
    expect((await h.as('demo-new-gina').ok('accounts', 'compounds.search', { q: '天翔' })).items).toEqual([
      { id: 'txsj', name: '天翔世家', communityName: '侨兴社区' },
    ]);
    const txsj = await h.as('demo-new-gina').ok('accounts', 'compounds.get', { compoundId: 'txsj' });
    expect(txsj.buildings).toHaveLength(9);
    expect(txsj.buildings.reduce((a: number, b: any) => a + b.homeCount, 0)).toBe(585);
    const list = await h.as('community-admin').ok('accounts', 'compounds.list', {});
    expect(list.map((c: any) => c.name)).toEqual(['天翔世家', '御家兰庭']);
    expect(list[1].buildings.reduce((a: number, b: any) => a + b.homeCount, 0)).toBe(296);
    const homes = await h.as('demo-new-gina').ok('accounts', 'homes.list', { buildingId: 'txsj-b3', size: 50 });
    expect(homes.items).toHaveLength(50);
    expect(homes.nextCursor).toBe('50');
    const next = await h.as('demo-new-gina').ok('accounts', 'homes.list', { buildingId: 'txsj-b3', size: 50, cursor: homes.nextCursor });
    expect(next.items).toHaveLength(18);
    expect(next.nextCursor).toBeUndefined();
  });
});
