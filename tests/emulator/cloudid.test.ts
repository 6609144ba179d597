import { createEmulator, useEmulator, CLOUDID_INVALID } from '../../emulator';
import { COLLS } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CloudID (share-ticket group info)', () => {
  const emu = createEmulator({
    dataDir: ':memory:',
    collections: COLLS,
    appId: 'wxAPP',
    functions: {
      echo: async (event: any) => event,
      relay: async (event: any) => (await emu.sdk.callFunction({ name: 'echo', data: event })).result,
    },
  });
  beforeAll(() => useEmulator(emu));
  afterAll(() => emu.close());

  test('5. group links: a getGroupEnterInfo CloudID decodes to { opengid } (lowercase)', async () => {
    const id = emu.shareTickets.issue({ openGId: 'tG-building-3' });
    expect(typeof id).toBe('string');
    const ev = await emu.invoke('echo', { noticeId: 'n1', groupInfo: { cloudID: id } }, { openid: 'o1' });
    expect(ev.groupInfo).toEqual({
      cloudID: id,
      data: { opengid: 'tG-building-3', watermark: { appid: 'wxAPP', timestamp: expect.any(Number) } },
    });
    expect(ev.noticeId).toBe('n1');
  });

  test('5. group links: a getShareInfo CloudID decodes to { openGId }', async () => {
    const id = emu.shareTickets.issue({ openGId: 'tG-building-4' }, { api: 'getShareInfo' });
    const ev = await emu.invoke('echo', { groupInfo: { cloudID: id } }, { openid: 'o1' });
    expect(ev.groupInfo).toEqual({
      cloudID: id,
      data: { openGId: 'tG-building-4', watermark: { appid: 'wxAPP', timestamp: expect.any(Number) } },
    });
  });

  test('nested values arrive exactly as sent: a forged group stays a forgery', async () => {
    const id = emu.shareTickets.issue({ openGId: 'tG-real' });
    const nested = {
      wrap: { groupInfo: { cloudID: id } },
      list: [{ cloudID: id }],
      forged: { inner: { cloudID: 'x', data: { openGId: 'tG-evil' } } },
    };
    const ev = await emu.invoke('echo', nested, { openid: 'o1' });
    expect(ev.wrap).toEqual(nested.wrap);
    expect(ev.list).toEqual(nested.list);
    expect(ev.forged).toEqual(nested.forged);
  });

  test('a top-level object that only LOOKS decoded is decoded again: client-made data is dropped', async () => {
    const ev = await emu.invoke('echo', { groupInfo: { cloudID: 'made-up', data: { openGId: 'tG-evil' } } }, { openid: 'o1' });
    expect(ev.groupInfo).toEqual({ cloudID: 'made-up', ...CLOUDID_INVALID });
  });

  test('an expired or unknown CloudID gives { cloudID, errCode, errMsg }', async () => {
    const id = emu.shareTickets.issue({ openGId: 'tG-short' }, { ttlMs: 10 });
    await sleep(20);
    const ev = await emu.invoke('echo', { groupInfo: { cloudID: id } }, { openid: 'o1' });
    expect(ev.groupInfo).toEqual({ cloudID: id, errCode: CLOUDID_INVALID.errCode, errMsg: CLOUDID_INVALID.errMsg });
  });

  test('only client calls are decoded: callFunction from a function and non-client sources pass values through', async () => {
    const id = emu.shareTickets.issue({ openGId: 'tG-x' });
    // the client's call is decoded once at the edge; the callee of callFunction sees what the caller sent
    const viaRelay = await emu.invoke('relay', { g: { cloudID: id } }, { openid: 'o1' });
    expect(viaRelay.g.data.opengid).toBe('tG-x');
    const fromServer = await emu.runAs({ openid: '' }, () => emu.sdk.callFunction({ name: 'echo', data: { g: { cloudID: id } } }));
    expect(fromServer.result.g).toEqual({ cloudID: id });
    const timerLike = await emu.invoke('echo', { g: { cloudID: id } }, { openid: '', source: 'wx_trigger' });
    expect(timerLike.g).toEqual({ cloudID: id });
  });
});
