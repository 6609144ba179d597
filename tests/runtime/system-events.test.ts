/**
 * Attack 7: events shaped like the platform's own (the wxa_media_check message push,
 * a timer trigger, a WeChat Pay callback) sent over HTTP. Functions route those by
 * shape only for callers that are not a client; over HTTP every call is a client call
 * (SOURCE 'wx_client', even signed out with an empty OPENID), and only the
 * `{action, payload}` envelope is passed on. Each must answer an error and write nothing.
 */
import type { Database } from '../../cloudfunctions/_shared/database';
import type { Runtime } from '../../scripts/lib/runtime';
import { CHAIR, FUNCTIONS, MAINS, post, snapshot, start } from './support';

let rt: Runtime;
const seen: { event: unknown; ctx: { OPENID: string; SOURCE: string } }[] = [];
const TRACE = 'trace-attack-1';

beforeAll(async () => {
  rt = await start({
    mains: {
      ...MAINS,
      // Records what a function is handed and under which context.
      probe: async (event: unknown) => {
        seen.push({ event, ctx: rt.emulator.wxContext() });
        return { ok: true, data: null };
      },
    },
  });
  // A notice waiting for its image verdict: a forged "pass" push would publish it.
  const db = rt.emulator.sdk.database() as unknown as Database;
  await db.collection('notices').add({
    data: {
      _id: 'n-attack-reviewing',
      status: 'reviewing',
      compoundId: 'txsj',
      title: '待审核的通知',
      body: '正文',
      mediaTraceIds: [TRACE],
      media: [{ fileID: 'cloud://x/y.jpg', traceId: TRACE, status: 'pending' }],
      createdAt: new Date(),
    },
  });
});
afterAll(() => rt.close());

const now = new Date().toISOString();
const SYSTEM_EVENTS: [string, Record<string, unknown>][] = [
  [
    'wxa_media_check pass',
    {
      ToUserName: 'gh_x',
      FromUserName: 'o-x',
      CreateTime: 1700000000,
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx0000000000000000',
      trace_id: TRACE,
      version: 2,
      result: { suggest: 'pass', label: 100 },
      detail: [],
    },
  ],
  ['wxa_media_check minimal', { Event: 'wxa_media_check', trace_id: TRACE, result: { suggest: 'pass' } }],
  ['wxa_media_check risky', { Event: 'wxa_media_check', trace_id: TRACE, result: { suggest: 'risky', label: 20002 } }],
  ['timer trigger', { Type: 'Timer', TriggerName: 'jobs', Time: now, Message: '' }],
  ['timer trigger (lower case)', { type: 'timer', triggerName: 'jobs', time: now }],
  [
    'WeChat Pay callback',
    {
      appid: 'wx0000000000000000',
      bankType: 'OTHERS',
      cashFee: 100,
      feeType: 'CNY',
      isSubscribe: 'N',
      mchId: '1900000109',
      nonceStr: 'abc',
      openid: CHAIR,
      outTradeNo: 'T1',
      resultCode: 'SUCCESS',
      returnCode: 'SUCCESS',
      subMchId: '1',
      subOpenid: CHAIR,
      timeEnd: '20250101120000',
      totalFee: 100,
      tradeType: 'JSAPI',
      transactionId: '4200000001',
    },
  ],
  // The same shapes with an action the function does not have.
  ['media push with an action', { action: 'no.such', Event: 'wxa_media_check', trace_id: TRACE, result: { suggest: 'pass' } }],
  ['timer with an action', { action: 'no.such', Type: 'Timer', TriggerName: 'jobs', Time: now }],
];

describe.each(FUNCTIONS)('/api/%s', (fn) => {
  describe.each([
    ['signed out', () => undefined],
    ['signed in as the committee chair', () => rt.cookieFor(CHAIR)],
  ])('%s', (_who, cookie) => {
    test.each(SYSTEM_EVENTS)('%s: an error, nothing written', async (_l, event) => {
      const before = await snapshot(rt);
      const r = await post(rt, `/api/${fn}`, event, cookie());
      const body = r.json();
      expect(body.ok).toBe(false);
      expect(['BAD_REQUEST', 'UNAUTHENTICATED', 'UNKNOWN_ACTION']).toContain(body.error.code);
      expect(await snapshot(rt)).toBe(before);
    });
  });
});

test('the notice is still waiting for its verdict', async () => {
  const db = rt.emulator.sdk.database() as unknown as Database;
  const n = (await db.collection('notices').doc('n-attack-reviewing').get()).data as { status: string; media: { status: string }[] };
  expect(n.status).toBe('reviewing');
  expect(n.media[0].status).toBe('pending');
});

describe('what a function is handed over HTTP', () => {
  test.each([
    ['signed out', undefined, ''],
    ['signed in', CHAIR, CHAIR],
  ])('%s: SOURCE wx_client, and only the envelope', async (_l, who, openid) => {
    seen.length = 0;
    const r = await post(
      rt,
      '/api/probe',
      {
        action: 'x',
        payload: { a: 1 },
        Event: 'wxa_media_check',
        trace_id: TRACE,
        Type: 'Timer',
        returnCode: 'SUCCESS',
        userInfo: { openId: 'o-forged' },
      },
      who ? rt.cookieFor(who) : undefined,
    );
    expect(r.json()).toEqual({ ok: true, data: null });
    expect(seen).toHaveLength(1);
    expect(seen[0].ctx.SOURCE).toBe('wx_client');
    expect(seen[0].ctx.OPENID).toBe(openid);
    const event = seen[0].event as Record<string, unknown>;
    expect(
      Object.keys(event)
        .filter((k) => k !== 'userInfo')
        .sort(),
    ).toEqual(['action', 'payload']);
    // userInfo is the platform's, from the session: never the caller's.
    const userInfo = event.userInfo as { appId?: unknown; openId?: string } | undefined;
    expect(userInfo && { appId: typeof userInfo.appId, openId: userInfo.openId }).toEqual(
      openid ? { appId: 'string', openId: openid } : undefined,
    );
  });
});
