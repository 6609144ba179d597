import { createEmulator, useEmulator } from '../../emulator';
import { COLLS } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

describe('timer triggers', () => {
  const calls: { fn: string; event: any; ctx: any }[] = [];
  const record = (fn: string) => async (event: any) => {
    calls.push({ fn, event, ctx: emu.sdk.getWXContext() });
    return { at: new Date(0) };
  };
  const emu = createEmulator({
    dataDir: ':memory:',
    collections: COLLS,
    clockStart: at('2024-01-01T00:00:00'),
    functionTimeoutMs: { slowJob: 20 },
    triggers: [
      { functionName: 'sweep', name: 'every5min', config: '0 */5 * * * * *' },
      { functionName: 'nightly', name: 'at2am', config: '0 0 2 * * * *' },
    ],
    functions: {
      sweep: record('sweep'),
      nightly: record('nightly'),
      slowJob: async () => {
        await sleep(200);
        return 'late';
      },
    },
  });
  beforeAll(() => useEmulator(emu));
  afterAll(() => emu.close());
  beforeEach(() => (calls.length = 0));

  test('list() shows each trigger and its next occurrence (cron read in Asia/Shanghai)', () => {
    expect(emu.timers.list()).toEqual([
      { functionName: 'sweep', name: 'every5min', config: '0 */5 * * * * *', lastFiredAt: null, nextAt: at('2024-01-01T00:05:00') },
      { functionName: 'nightly', name: 'at2am', config: '0 0 2 * * * *', lastFiredAt: null, nextAt: at('2024-01-01T02:00:00') },
    ]);
  });

  test('advanceTo fires the production timer event with an empty OPENID and SOURCE wx_trigger, through invoke()', async () => {
    const fired = await emu.timers.advanceTo(at('2024-01-01T00:05:00'));
    expect(fired).toEqual([
      {
        functionName: 'sweep',
        name: 'every5min',
        time: at('2024-01-01T00:05:00'),
        occurrences: 1,
        result: { at: '1970-01-01T00:00:00.000Z' },
      },
    ]);
    expect(calls).toHaveLength(1);
    // exactly the platform's shape: no userInfo is added for a timer
    expect(calls[0].event).toEqual({ Type: 'Timer', TriggerName: 'every5min', Time: '2023-12-31T16:05:00Z', Message: '' });
    expect(calls[0].ctx).toMatchObject({ OPENID: '', UNIONID: '', SOURCE: 'wx_trigger' });
  });

  test('missed occurrences are coalesced into one firing per trigger with the latest Time, fired in time order', async () => {
    const fired = await emu.timers.advanceTo(at('2024-01-03T03:02:00'));
    expect(fired.map((f) => [f.name, f.time.toISOString(), f.occurrences])).toEqual([
      ['at2am', '2024-01-02T18:00:00.000Z', 3], // 01-01, 01-02 and 01-03 at 02:00 Shanghai
      ['every5min', '2024-01-02T19:00:00.000Z', 3050 / 5 + 1], // 00:10 on 01-01 … 03:00 on 01-03
    ]);
    expect(calls.map((c) => c.fn)).toEqual(['nightly', 'sweep']);
    expect(calls[0].event.Time).toBe('2024-01-02T18:00:00Z');
    // nothing more is due at the same instant; the clock cannot go back
    expect(await emu.timers.advanceTo(at('2024-01-03T03:02:00'))).toEqual([]);
    await expect(emu.timers.advanceTo(at('2024-01-01T00:00:00'))).rejects.toThrow(RangeError);
    expect(emu.timers.list()[1].lastFiredAt).toEqual(at('2024-01-03T02:00:00'));
  });

  test('per-function timeouts apply to client calls and to timer runs; a failed run is reported, later ones still fire', async () => {
    await expect(emu.invoke('slowJob', {}, { openid: 'o' })).rejects.toMatchObject({
      errCode: -504002,
      errMsg: expect.stringMatching(/timed out after 0.02 seconds/),
    });
    expect(emu.timeoutOf('slowJob')).toBe(20);
    expect(emu.timeoutOf('sweep')).toBe(60_000);
    const e2 = createEmulator({
      dataDir: ':memory:',
      collections: COLLS,
      clockStart: at('2024-01-01T00:00:00'),
      functionTimeoutMs: { slowJob: 20 },
      triggers: [
        { functionName: 'slowJob', name: 'slow', config: '0 0 * * * * *' },
        { functionName: 'missing', name: 'gone', config: '0 30 * * * * *' },
      ],
      functions: { slowJob: async () => sleep(200) },
    });
    const fired = await e2.timers.advanceTo(at('2024-01-01T01:00:00'));
    expect(fired.map((f) => [f.name, f.error])).toEqual([
      ['gone', expect.stringMatching(/FunctionName parameter could not be found/)],
      ['slow', expect.stringMatching(/timed out/)],
    ]);
    e2.close();
  });

  test('a trigger needs the 7-field CloudBase cron', () => {
    expect(() =>
      createEmulator({ dataDir: ':memory:', collections: COLLS, triggers: [{ functionName: 'f', name: 't', config: '0 */5 * * * *' }] }),
    ).toThrow(/7 fields/);
  });

  test('start()/stop() fire on the wall clock', async () => {
    const seen: string[] = [];
    const e3 = createEmulator({
      dataDir: ':memory:',
      collections: COLLS,
      triggers: [{ functionName: 'tick', name: 'everySecond', config: '* * * * * * *' }],
      functions: { tick: async (event: any) => void seen.push(event.Time) },
    });
    e3.timers.start(25);
    await sleep(1300);
    e3.timers.stop();
    const n = seen.length;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(seen[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await sleep(1100);
    expect(seen.length).toBe(n);
    e3.close();
  });
});
