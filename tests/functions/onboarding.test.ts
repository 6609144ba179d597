/**
 * Day one (issue 24): the operator's setup writes the community, a new compound and
 * its buildings once (run twice, nothing changes) and a claim code; the code makes
 * its holder the compound's first committee member once, within 24 hours, with an
 * attempt limit, and never where the role is already held; the guide and the
 * posters follow the authorization table; bad input writes nothing.
 */
import { main as onboarding } from '../../cloudfunctions/onboarding';
import { main as accounts } from '../../cloudfunctions/accounts';
import { main as fees } from '../../cloudfunctions/fees';
import { onboardingApi } from '../../core/onboarding/contract';
import { CLAIM_LIMITS } from '../../core/onboarding/limits';
import { parseSetupRows, setupIds, type SetupSpec } from '../../core/onboarding/rules';
import { readCodeImage } from '../../emulator';
import { runSetup, type ClaimOutcome } from '../../scripts/lib/setup';
import { COMMUNITY_ID } from '../../scripts/lib/seed-data';
import { createHarness, type Harness } from '../support/harness';
import { expectAuthorization, expectBadInputRefused } from '../support/matrix';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ onboarding: onboarding as any, accounts: accounts as any, fees: fees as any });
}, 60_000);
afterAll(() => h.close());

const ROWS = [
  ['社区', '小区', '地址', '楼栋', '单元数', '电梯', '类型'],
  ['侨兴社区', '新城花园', '侨兴路 8 号', '1栋', '2', '有', '住宅'],
  ['侨兴社区', '新城花园', '', '2号楼', '2', '无', ''],
  ['侨兴社区', '新城花园', '', '沿街商铺', '', '', '商铺'],
];
const spec = (rows = ROWS): SetupSpec => {
  const { spec: s, errors } = parseSetupRows(rows);
  if (!s) throw new Error(JSON.stringify(errors));
  return s;
};
const NEW = setupIds.compound(COMMUNITY_ID, '新城花园');
const codeOf = (c: ClaimOutcome | null) => {
  if (c?.state !== 'new') throw new Error(`no new code: ${c?.state}`);
  return c.code;
};
let n = 0;
const fresh = () => `demo-new-onb-${++n}`;

describe('setup', () => {
  it('creates the compound and its buildings in the existing 侨兴社区; run twice, it changes nothing', async () => {
    const first = await runSetup(h.db, spec(), { now: new Date(), claim: { role: 'committeeMember' } });
    // The demo already has 侨兴社区: found by name, not made again.
    expect(first.communityId).toBe(COMMUNITY_ID);
    expect(first.created).toEqual({ communities: 0, compounds: 1, buildings: 3 });
    expect(first.claim).toMatchObject({ state: 'new', role: 'committeeMember', place: '侨兴社区 新城花园' });
    const b = await h.db.collection('buildings').where({ compoundId: NEW }).get();
    expect(b.data.map((x: any) => [x._id, x.name, x.kind, x.hasLift, x.units]).sort()).toEqual([
      [`${NEW}-b1`, '1栋', 'residential', true, ['1', '2']],
      [`${NEW}-b2`, '2号楼', 'residential', false, ['1', '2']],
      [`${NEW}-b3`, '沿街商铺', 'shops', false, []],
    ]);
    const before = await h.snapshot();
    const { result: again, writes } = await h.emu.measure(() =>
      runSetup(h.db, spec(), { now: new Date(), claim: { role: 'committeeMember' } }),
    );
    expect(again.created).toEqual({ communities: 0, compounds: 0, buildings: 0 });
    expect(again.claim).toMatchObject({ state: 'open' });
    expect(writes).toBe(0);
    expect(await h.snapshot()).toBe(before);
    // A changed file is reported, not applied.
    const changed = await runSetup(h.db, spec([ROWS[0], ['侨兴社区', '新城花园', '', '1栋', '2', '无', '住宅']]), {
      now: new Date(),
      claim: null,
    });
    expect(changed.differences).toEqual(['新城花园 1栋：电梯 有→无（已存在，未更改）']);
    expect(await h.snapshot()).toBe(before);
  });

  it('names every bad row of the file and writes nothing', () => {
    const { spec: s, errors } = parseSetupRows([
      ['社区', '小区', '楼栋', '单元数', '电梯', '类型'],
      ['侨兴社区', '新城花园', '五栋', '2', '有', '住宅'],
      ['侨兴社区', '新城花园', '6栋', '0', '有电梯', '住宅'],
      ['别的社区', '新城花园', '7栋', '1', '有', '公寓'],
    ]);
    expect(s).toBeNull();
    expect(errors).toEqual([
      { row: 2, column: '楼栋', message: '住宅楼请写楼号，如「3栋」「3号楼」' },
      { row: 3, column: '单元数', message: '单元数应为1到20的整数' },
      { row: 3, column: '电梯', message: '电梯应填「有」或「无」' },
      { row: 4, column: '类型', message: '类型应为「住宅」或「商铺」' },
    ]);
    expect(parseSetupRows([['小区', '楼栋']]).errors).toEqual([{ row: 1, column: '社区', message: '缺少列「社区」' }]);
  });

  it('gives no claim code where the role is held: 天翔世家 has a committee', async () => {
    const r = await runSetup(h.db, spec([ROWS[0], ['侨兴社区', '天翔世家', '', '1栋', '2', '有', '住宅']]), {
      now: new Date(),
      claim: { role: 'committeeMember' },
    });
    expect(r.created).toEqual({ communities: 0, compounds: 0, buildings: 0 });
    expect(r.claim).toMatchObject({ state: 'taken' });
    const community = await runSetup(h.db, spec(), { now: new Date(), claim: { role: 'communityAdmin' } });
    expect(community.claim).toMatchObject({ state: 'taken', place: '侨兴社区' });
  });
});

describe('claim codes', () => {
  const compoundRows = (name: string) => [ROWS[0], ['侨兴社区', name, '', '1栋', '1', '无', '住宅']];

  it('works once: the first holder becomes 业委会委员, nobody after them', async () => {
    const code = codeOf(
      (await runSetup(h.db, spec(compoundRows('一号院')), { now: new Date(), claim: { role: 'committeeMember' } })).claim,
    );
    const chair = h.as(fresh());
    const r = await chair.ok('onboarding', 'claim.redeem', { code: code.toLowerCase(), name: '张建国' });
    expect(r).toMatchObject({ role: 'committeeMember', label: '业委会委员', communityName: '侨兴社区', scopeLabel: '侨兴社区 一号院' });
    const me = await chair.ok('accounts', 'me.get', {});
    expect(me.roles.map((x: any) => [x.role, x.compoundId])).toEqual([['committeeMember', setupIds.compound(COMMUNITY_ID, '一号院')]]);
    for (const who of [chair, h.as(fresh())]) {
      const again = await who.call('onboarding', 'claim.redeem', { code, name: '李四海' });
      expect(again).toMatchObject({ ok: false, error: { code: 'CLAIM_INVALID' } });
    }
    // setup again: claimed, no new code.
    expect(
      (await runSetup(h.db, spec(compoundRows('一号院')), { now: new Date(), claim: { role: 'committeeMember' } })).claim,
    ).toMatchObject({ state: 'claimed' });
  });

  it('expires after 24 hours; --new-code voids the old one', async () => {
    const past = new Date(Date.now() - 24 * 3600_000 - 60_000);
    const old = codeOf((await runSetup(h.db, spec(compoundRows('二号院')), { now: past, claim: { role: 'committeeMember' } })).claim);
    const who = h.as(fresh());
    expect(await who.call('onboarding', 'claim.redeem', { code: old, name: '王一' })).toMatchObject({
      ok: false,
      error: { code: 'CLAIM_INVALID' },
    });
    // Expired: setup issues a new code without being asked.
    const renewed = codeOf(
      (await runSetup(h.db, spec(compoundRows('二号院')), { now: new Date(), claim: { role: 'committeeMember' } })).claim,
    );
    const lost = codeOf(
      (await runSetup(h.db, spec(compoundRows('二号院')), { now: new Date(), claim: { role: 'committeeMember', renew: true } })).claim,
    );
    expect(await who.call('onboarding', 'claim.redeem', { code: renewed, name: '王一' })).toMatchObject({
      ok: false,
      error: { code: 'CLAIM_INVALID' },
    });
    expect(await who.ok('onboarding', 'claim.redeem', { code: lost, name: '王一' })).toMatchObject({ role: 'committeeMember' });
  });

  it('is attempt-limited: after too many wrong codes even the right one is refused', async () => {
    const code = codeOf(
      (await runSetup(h.db, spec(compoundRows('三号院')), { now: new Date(), claim: { role: 'committeeMember' } })).claim,
    );
    const guesser = h.as(fresh());
    for (let i = 0; i < CLAIM_LIMITS.perPerson.max; i++) {
      expect(
        await guesser.call('onboarding', 'claim.redeem', {
          code: `ABCDEFGHJK${String(i).padStart(2, '2').replace(/[01]/g, '3')}`,
          name: '猜码人',
        }),
      ).toMatchObject({ ok: false, error: { code: 'CLAIM_INVALID' } });
    }
    const locked = await guesser.call('onboarding', 'claim.redeem', { code, name: '猜码人' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Someone else, within the overall limit, still can.
    expect(await h.as(fresh()).ok('onboarding', 'claim.redeem', { code, name: '赵明' })).toMatchObject({ role: 'committeeMember' });
  });

  it('cannot claim a role that is already held: after a normal grant the code is refused', async () => {
    const code = codeOf(
      (await runSetup(h.db, spec(compoundRows('四号院')), { now: new Date(), claim: { role: 'committeeMember' } })).claim,
    );
    const id = setupIds.compound(COMMUNITY_ID, '四号院');
    // The community worker grants the committee the normal way first (a resident of 天翔世家 serves on it).
    await h.as('community-admin').ok('accounts', 'roles.grant', { personId: 'p-txsj-resident-5', role: 'committeeMember', compoundId: id });
    const r = await h.as(fresh()).call('onboarding', 'claim.redeem', { code, name: '钱多多' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CLAIM_TAKEN', message: expect.stringMatching(/角色管理/) } });
  });

  it('a community worker claims the community, for a compound without a committee', async () => {
    // A community with no worker yet.
    const s = spec([ROWS[0], ['东湖社区', '老街小区', '', '1栋', '1', '无', '住宅']]);
    const code = codeOf((await runSetup(h.db, s, { now: new Date(), claim: { role: 'communityAdmin' } })).claim);
    const worker = h.as(fresh());
    expect(await worker.ok('onboarding', 'claim.redeem', { code, name: '周社工' })).toMatchObject({
      role: 'communityAdmin',
      scopeLabel: '东湖社区',
    });
    const guide = await worker.ok('onboarding', 'guide.get', {});
    expect(guide).toMatchObject({ compound: { name: '老街小区' }, runBy: 'community' });
    expect(guide.steps.find((x: any) => x.key === 'people').items.map((i: any) => i.label)).toContain('业委会（选举后由业委会接手）');
  });
});

describe('the guide and the posters', () => {
  let chair: ReturnType<Harness['as']>;
  const id = () => setupIds.compound(COMMUNITY_ID, '新城花园');
  beforeAll(async () => {
    const r = await runSetup(h.db, spec(), { now: new Date(), claim: { role: 'committeeMember', renew: true } });
    chair = h.as(fresh());
    await chair.ok('onboarding', 'claim.redeem', { code: codeOf(r.claim), name: '陈主任' });
  });

  it('shows each step done or next, from the directory and the milestones', async () => {
    const g = await chair.ok('onboarding', 'guide.get', {});
    expect(g.compound).toEqual({ id: id(), name: '新城花园' });
    expect(g.runBy).toBe('committee');
    expect(g.steps.map((s: any) => [s.key, s.done, s.next])).toEqual([
      ['import', false, true],
      ['people', false, false],
      ['rates', false, false],
      ['groups', false, false],
      ['posters', false, false],
    ]);
    await chair.ok('fees', 'fees.setRate', {
      compoundId: id(),
      itemCode: 'property',
      kind: 'property',
      name: '物业费',
      from: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7),
      tiers: { flat_lift: 120, flat_walkup: 80, shop: 150 },
    });
    await chair.ok('onboarding', 'posters.printed', { compoundId: id() });
    const after = await chair.ok('onboarding', 'guide.get', { compoundId: id() });
    expect(after.steps.map((s: any) => [s.key, s.done, s.next])).toEqual([
      ['import', false, true],
      ['people', false, false],
      ['rates', true, false],
      ['groups', false, false],
      ['posters', true, false],
    ]);
  });

  it('makes one code per building with the building in scene, once; the page is the bind page', async () => {
    const sheet = await chair.ok('onboarding', 'posters.list', { compoundId: id() });
    expect(sheet).toMatchObject({ compoundName: '新城花园', communityName: '侨兴社区' });
    expect(sheet.posters.map((p: any) => p.buildingName)).toEqual(['1栋', '2号楼', '沿街商铺']);
    expect(sheet.posters[0].approver).toBe('由业委会审核，通过后即可收到本楼通知');
    expect(sheet.posters[0].steps).toHaveLength(3);
    const docs = (await h.db.collection('posters').where({ compoundId: id() }).get()).data;
    expect(docs.map((d: any) => [d.scene, d.page]).sort()).toEqual([
      [`b=${id()}-b1`, 'packages/accounts/pages/bind/index'],
      [`b=${id()}-b2`, 'packages/accounts/pages/bind/index'],
      [`b=${id()}-b3`, 'packages/accounts/pages/bind/index'],
    ]);
    // What a phone reads from the stored image.
    const file = (await h.emu.sdk.downloadFile({ fileID: docs[0].fileID })) as { fileContent: Buffer };
    expect(readCodeImage(file.fileContent)).toEqual({ page: docs[0].page, scene: docs[0].scene });
    const { writes } = await h.emu.measure(() => chair.ok('onboarding', 'posters.list', { compoundId: id() }));
    expect(writes).toBe(0);
  });

  it('until there is a branch secretary, the committee appoints building leads (and only then)', async () => {
    const building = `${id()}-b1`;
    // 天翔世家's resident 郑海涛 (a person the compound's people search does not need to find).
    const grant = { personId: 'p-txsj-resident-3b', role: 'buildingLead', compoundId: id(), buildingIds: [building] };
    expect(await chair.ok('accounts', 'roles.grant', grant)).toMatchObject({ role: 'buildingLead' });
    const list = await chair.ok('accounts', 'roles.list', { compoundId: id() });
    expect(list.grantable).toEqual(['buildingLead', 'staff', 'bookkeeper']);
    await h
      .as('community-admin')
      .ok('accounts', 'roles.grant', { personId: 'p-txsj-resident-3', role: 'branchSecretary', compoundId: id() });
    expect(await chair.call('accounts', 'roles.grant', { ...grant, personId: 'p-txsj-shop' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await chair.ok('accounts', 'roles.list', { compoundId: id() })).grantable).toEqual(['staff', 'bookkeeper']);
    // The posters now name the lead's role for 1栋.
    const sheet = await chair.ok('onboarding', 'posters.list', { compoundId: id() });
    expect(sheet.posters[0].approver).toBe('由1栋党员楼栋长审核，通过后即可收到本楼通知');
  });
});

describe('authorization matrix and bad input', () => {
  const IDS = [
    '',
    'demo-new-nobody',
    'txsj-resident-3',
    'txsj-lead-3',
    'txsj-secretary',
    'txsj-manager',
    'txsj-committee',
    'txsj-committee-chair',
    'community-admin',
    'yjlt-committee',
  ] as const;
  const ALLOWED = ['txsj-committee', 'txsj-committee-chair', 'community-admin'];

  it.each([
    ['guide.get', { compoundId: 'txsj' }],
    ['posters.list', { compoundId: 'txsj' }],
    ['posters.printed', { compoundId: 'txsj' }],
  ])('%s: the committee and the community worker only', async (action, payload) => {
    await expectAuthorization(h, 'onboarding', action, { allowed: ALLOWED, payload: async () => payload }, IDS);
  });

  it('guide.get without a compound: refused to anyone who guides none', async () => {
    expect(await h.as('txsj-secretary').call('onboarding', 'guide.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.as('yjlt-committee').ok('onboarding', 'guide.get', {})).toMatchObject({ compound: { id: 'yjlt' }, runBy: 'committee' });
  });

  it('claim.redeem: without an identity, UNAUTHENTICATED', async () => {
    expect(await h.as('').call('onboarding', 'claim.redeem', { code: 'ABCDEFGHJKMN', name: '张三丰' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('every action refuses bad input and writes nothing', async () => {
    expect(Object.keys(onboardingApi.actions).sort()).toEqual(['claim.redeem', 'guide.get', 'posters.list', 'posters.printed']);
    await expectBadInputRefused(
      h,
      'onboarding',
      'claim.redeem',
      'demo-new-bad',
      { code: 'ABCDEFGHJKMN', name: '张三丰' },
      {
        rules: [
          { code: 'ABCDEFGHJKM0', name: '张三丰' },
          { code: 'ABCDEFGHJKMN', name: '张' },
          { code: 'ABCDEFGHJKMN', name: '张三丰', openid: 'x' },
        ],
      },
    );
    await expectBadInputRefused(
      h,
      'onboarding',
      'guide.get',
      'txsj-committee',
      { compoundId: 'txsj' },
      { optional: new Set(['guide.get:compoundId']), rules: [{ compoundId: 'txsj\u0000' }] },
    );
    await expectBadInputRefused(h, 'onboarding', 'posters.list', 'txsj-committee', { compoundId: 'txsj' });
    await expectBadInputRefused(h, 'onboarding', 'posters.printed', 'txsj-committee', { compoundId: 'txsj' });
  });
});

describe('wxacode.getUnlimited in the emulator fails where WeChat does', () => {
  const call = (d: unknown) => h.emu.sdk.openapi.wxacode.getUnlimited(d as any);
  it('refuses a scene over 32 characters or with other characters (40169), and a page the app does not have (41030)', async () => {
    await expect(call({ scene: 'b='.padEnd(33, 'x'), page: 'packages/accounts/pages/bind/index' })).rejects.toMatchObject({
      errCode: 40169,
    });
    await expect(call({ scene: 'b=新城', page: 'packages/accounts/pages/bind/index' })).rejects.toMatchObject({ errCode: 40169 });
    await expect(call({ scene: 'b=x', page: 'packages/nope/index' })).rejects.toMatchObject({ errCode: 41030 });
    await expect(call({ scene: 'b=x', page: '/packages/accounts/pages/bind/index' })).rejects.toMatchObject({ errCode: 41030 });
    await expect(call({ scene: 'b=x', page: 'packages/accounts/pages/bind/index', width: 100 })).rejects.toMatchObject({ errCode: 40097 });
    // checkPath false lets an unreleased page through, as in production.
    await expect(call({ scene: 'b=x', page: 'packages/nope/index', checkPath: false })).resolves.toMatchObject({
      errCode: 0,
      contentType: 'image/png',
    });
    const ok = (await call({ scene: 'b=x'.padEnd(32, 'y'), page: 'packages/accounts/pages/bind/index' })) as { buffer: Buffer };
    expect(readCodeImage(ok.buffer)).toEqual({ page: 'packages/accounts/pages/bind/index', scene: 'b=x'.padEnd(32, 'y') });
  });
});
