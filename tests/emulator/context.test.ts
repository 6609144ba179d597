import cloudDefault from '../../emulator/sdk';
import * as cloudNs from '../../emulator/sdk';
import { createEmulator, useEmulator } from '../../emulator';
import { COLLS } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('identity and function calls', () => {
  // Functions written like real ones: they import the module-level SDK and init at load.
  cloudDefault.init({ env: cloudDefault.DYNAMIC_CURRENT_ENV });
  const whoami = async (event: any) => {
    const before = cloudDefault.getWXContext().OPENID;
    await sleep(event.delay);
    const db = cloudDefault.database();
    await db.collection('items').add({ data: { by: cloudNs.getWXContext().OPENID } });
    await sleep(event.delay);
    return { before, after: cloudDefault.getWXContext().OPENID, userInfo: event.userInfo ?? null };
  };
  const functions: Record<string, any> = {
    whoami,
    relay: async (event: any) => (await cloudDefault.callFunction({ name: 'context', data: event })).result,
    context: async () => cloudDefault.getWXContext(),
    dates: async () => ({ at: new Date(0) }),
    boom: async () => {
      throw new Error('kaput');
    },
    big: async () => 'x'.repeat(1024 * 1024 + 10),
  };
  const emu = createEmulator({ dataDir: ':memory:', collections: COLLS, functions, appId: 'wxAPP', env: 'env-1' });
  beforeAll(() => useEmulator(emu));
  afterAll(() => emu.close());

  test('default import, namespace import and the same API object', () => {
    expect(typeof cloudDefault.database).toBe('function');
    expect(cloudNs.database).toBe(cloudDefault.database);
    expect(cloudNs.default).toBe(cloudDefault);
    expect(typeof cloudNs.openapi.subscribeMessage.send).toBe('function');
  });

  test('concurrent calls keep their own identity across interleaved awaits', async () => {
    const calls = ['o-a', 'o-b', 'o-c', 'o-d'].map((openid, i) => emu.invoke('whoami', { delay: 5 * (4 - i) }, { openid }));
    const results = await Promise.all(calls);
    expect(results.map((r) => [r.before, r.after])).toEqual([
      ['o-a', 'o-a'],
      ['o-b', 'o-b'],
      ['o-c', 'o-c'],
      ['o-d', 'o-d'],
    ]);
    const rows = await emu.sdk
      .database()
      .collection('items')
      .where({ by: cloudDefault.database().command.exists(true) })
      .get();
    expect(rows.data.map((d: any) => d.by).sort()).toEqual(['o-a', 'o-b', 'o-c', 'o-d']);
    expect(rows.data.every((d: any) => d._openid === undefined)).toBe(true);
    expect(results[0].userInfo).toEqual({ appId: 'wxAPP', openId: 'o-a' });
  });

  test('getWXContext outside any call has no user (like a timer trigger), never process.env', () => {
    process.env.OPENID = 'leak';
    process.env.WX_OPENID = 'leak';
    expect(cloudDefault.getWXContext()).toEqual({ OPENID: '', APPID: 'wxAPP', UNIONID: '', ENV: 'env-1', SOURCE: '' });
    delete process.env.OPENID;
    delete process.env.WX_OPENID;
  });

  test('runAs exposes the full context', async () => {
    const ctx = await emu.runAs({ openid: 'o-x', unionid: 'u-x', clientIp: '10.0.0.1' }, async () => {
      await sleep(1);
      return cloudDefault.getWXContext();
    });
    expect(ctx).toEqual({ OPENID: 'o-x', APPID: 'wxAPP', UNIONID: 'u-x', ENV: 'env-1', SOURCE: 'wx_client', CLIENTIP: '10.0.0.1' });
  });

  test('callFunction keeps the caller OPENID and marks SOURCE', async () => {
    const ctx = await emu.invoke('relay', {}, { openid: 'o-caller' });
    expect(ctx).toMatchObject({ OPENID: 'o-caller', SOURCE: 'wx_client,wx_function' });
  });

  test('results cross a JSON boundary; errors and size limits are reported like production', async () => {
    expect(await emu.invoke('dates', {}, { openid: 'o' })).toEqual({ at: '1970-01-01T00:00:00.000Z' });
    await expect(emu.invoke('boom', {}, { openid: 'o' })).rejects.toThrow('kaput');
    await expect(emu.sdk.callFunction({ name: 'boom' })).rejects.toMatchObject({ errCode: -504002 });
    await expect(emu.invoke('big', {}, { openid: 'o' })).rejects.toMatchObject({ errCode: -604001 });
    await expect(emu.invoke('nope', {}, { openid: 'o' })).rejects.toMatchObject({ errCode: -504002 });
  });

  test('measure() reports DB work per call, callees included', async () => {
    const m = await emu.measure(() => emu.invoke('whoami', { delay: 0 }, { openid: 'o-m' }));
    expect(m).toMatchObject({ writes: 1, queries: 0 });
    const n = await emu.measure(() => emu.sdk.database().collection('items').limit(2).get());
    expect(n).toMatchObject({ queries: 1, reads: 2 });
  });

  test('SDK APIs before init() fail like the real SDK', () => {
    // a fresh module registry gives a fresh, un-initialised SDK
    jest.isolateModules(() => {
      const fresh = require('../../emulator/sdk');
      expect(() => fresh.database()).toThrow(/init/);
    });
  });
});
