/**
 * 5. Group links: WeChat decodes a CloudID to the shape of the API that made it —
 * `wx.getGroupEnterInfo` (what the client calls) to `{ opengid }`, `wx.getShareInfo`
 * to `{ openGId }`. Linking a group and counting group opens work with both.
 */
import { main as notices } from '../../cloudfunctions/notices';
import { createHarness, newRequestId, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ notices: notices as any });
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
    expect(s.groups).toContainEqual({ openGId: G, buildingId: 'txsj-b3', buildingName: '3栋', opens: 2 });
  });
});
