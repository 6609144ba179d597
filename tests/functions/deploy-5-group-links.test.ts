/**
 * 5. Group links: WeChat decodes a CloudID to the shape of the API that made it —
 * `wx.getGroupEnterInfo` (what the client calls) to `{ opengid }`, `wx.getShareInfo`
 * to `{ openGId }`. Linking a group and counting group opens work with both.
 */
import { main as notices } from '../../cloudfunctions/notices';
import { main as onboarding } from '../../cloudfunctions/onboarding';
import { createHarness, newRequestId, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ notices: notices as any, onboarding: onboarding as any });
});
afterAll(() => h.close());

const B3 = { kind: 'buildings', buildingIds: ['txsj-b3'] };

describe('5. group links accept each API’s own shape', () => {
  test.each(['getGroupEnterInfo', 'getShareInfo'] as const)('%s: link a group, then its opens count', async (api) => {
    const G = `tGroup-${api}`;
    const groupInfo = () => ({ cloudID: h.emu.shareTickets.issue({ openGId: G }, { api }) });
    const n = await h.as('txsj-lead-3').ok('notices', 'notices.post', {
      clientRequestId: newRequestId(),
      audience: B3,
      title: '停水通知',
      body: '明天上午停水',
      category: '通知',
    });
    expect(await h.as('txsj-lead-3').ok('notices', 'groups.link', { buildingId: 'txsj-b3', groupInfo: groupInfo() })).toEqual({
      openGId: G,
      buildingId: 'txsj-b3',
      buildingName: '3栋',
    });
    await h.as('txsj-resident-3').ok('notices', 'notices.open', { noticeId: n.id, groupInfo: groupInfo() });
    expect(await h.as('txsj-resident-3b').ok('notices', 'notices.groupOpen', { noticeId: n.id, groupInfo: groupInfo() })).toMatchObject({
      openGId: G,
      recorded: true,
    });
    const s = await h.as('txsj-lead-3').ok('notices', 'notices.summary', { noticeId: n.id });
    expect(s.groups).toContainEqual({
      openGId: G,
      kind: 'building',
      buildingId: 'txsj-b3',
      compoundId: 'txsj',
      name: '3栋楼栋群',
      opens: 2,
    });
  });
});

describe('the 业主群: the committee links it, its opens count, and it stays what it is', () => {
  const ticket = (openGId: string) => ({ cloudID: h.emu.shareTickets.issue({ openGId }) });
  const groupsStep = async () =>
    (await h.as('txsj-committee').ok('onboarding', 'guide.get', { compoundId: 'txsj' })).steps.find(
      (s: { key: string }) => s.key === 'groups',
    );

  it('links, counts opens, marks the guide, and refuses relinking either way', async () => {
    const G = 'tOwnersGroup';
    expect((await groupsStep()).items[0]).toEqual({ label: '业主群', done: false });
    expect(await h.as('txsj-committee').ok('notices', 'groups.linkOwners', { compoundId: 'txsj', groupInfo: ticket(G) })).toEqual({
      openGId: G,
      compoundId: 'txsj',
      name: '天翔世家业主群',
    });
    // Linking it again is a no-op that answers the same.
    await h.as('txsj-secretary').ok('notices', 'groups.linkOwners', { compoundId: 'txsj', groupInfo: ticket(G) });
    expect((await groupsStep()).items[0]).toEqual({ label: '业主群', done: true });

    const n = await h.as('txsj-lead-3').ok('notices', 'notices.post', {
      clientRequestId: newRequestId(),
      audience: B3,
      title: '业主大会筹备',
      body: '请关注业主群通知',
      category: '通知',
    });
    await h.as('txsj-resident-3').ok('notices', 'notices.groupOpen', { noticeId: n.id, groupInfo: ticket(G) });
    const s = await h.as('txsj-committee').ok('notices', 'notices.summary', { noticeId: n.id });
    expect(s.groups).toContainEqual({ openGId: G, kind: 'owners', compoundId: 'txsj', name: '天翔世家业主群', opens: 1 });
    expect(s.compounds).toEqual([{ compoundId: 'txsj', name: '天翔世家' }]);
    expect(s.unlinkedGroupOpens).toBe(0);

    // An owners' group is not made a building group, nor a building group an owners' group, nor moved to another compound.
    for (const [who, action, payload] of [
      ['txsj-lead-3', 'groups.link', { buildingId: 'txsj-b3', groupInfo: ticket(G) }],
      ['yjlt-committee', 'groups.linkOwners', { compoundId: 'yjlt', groupInfo: ticket(G) }],
      ['txsj-committee', 'groups.linkOwners', { compoundId: 'txsj', groupInfo: ticket('tGroup-getShareInfo') }],
    ] as const) {
      const before = await h.snapshot();
      expect(await h.as(who).call('notices', action, payload)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/已关联/) },
      });
      expect(await h.snapshot()).toBe(before);
    }
  });

  it('linked at once as a 楼栋群 and as the 业主群: one wins, the other is CONFLICT', async () => {
    const G = 'tRaceGroup';
    const [asBuilding, asOwners] = await Promise.all([
      h.as('txsj-lead-3').call('notices', 'groups.link', { buildingId: 'txsj-b3', groupInfo: ticket(G) }),
      h.as('txsj-committee').call('notices', 'groups.linkOwners', { compoundId: 'txsj', groupInfo: ticket(G) }),
    ]);
    const oks = [asBuilding, asOwners].filter((r) => r.ok);
    expect(oks).toHaveLength(1);
    expect([asBuilding, asOwners].find((r) => !r.ok)).toMatchObject({ error: { code: 'CONFLICT' } });
    const link = (await h.db.collection('groupLinks').where({ _id: G }).get()).data[0] as { buildingId?: string; ownersOf?: string };
    expect(asBuilding.ok ? link.buildingId : link.ownersOf).toBe(asBuilding.ok ? 'txsj-b3' : 'txsj');
    expect(asBuilding.ok ? link.ownersOf : link.buildingId).toBeUndefined();
  });

  it('a building lead may not link the 业主群, nor anyone another compound’s', async () => {
    for (const [who, compoundId] of [
      ['txsj-lead-3', 'txsj'],
      ['txsj-committee', 'yjlt'],
    ] as const) {
      const before = await h.snapshot();
      const r = await h.as(who).call('notices', 'groups.linkOwners', { compoundId, groupInfo: ticket('tOther') });
      expect(r).toMatchObject({ ok: false, error: { code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) } });
      expect(await h.snapshot()).toBe(before);
    }
  });
});
