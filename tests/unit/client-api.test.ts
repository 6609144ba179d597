/**
 * The client's one call (src/services/cloud.ts): typed replies, typed errors, and
 * a call that never answered told apart: TIMEOUT (it may have happened) from
 * NETWORK (it did not get through). Plus request ids, subscribe answers and the
 * permission text.
 */
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { cloud: {} } }));

import { HTTP_TIMEOUT_MS, api, cloudFailureCode, isServiceError, setUnauthenticatedHandler } from '../../src/services/cloud';
import { isSubscribeGranted } from '../../src/services/subscribe';
import { REQUEST_ID_PATTERN, newRequestId } from '../../src/utils/requestId';
import { permissionMessage, whoCan } from '../../src/utils/permission';

const realFetch = global.fetch;
const env = process.env.TARO_ENV;
beforeAll(() => {
  process.env.TARO_ENV = 'h5';
});
afterAll(() => {
  process.env.TARO_ENV = env;
  global.fetch = realFetch;
});
afterEach(() => {
  jest.useRealTimers();
  setUnauthenticatedHandler(null);
});

const reply = (body: unknown, status = 200) => Promise.resolve(new Response(JSON.stringify(body), { status }));

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; details?: unknown };
  }
  throw new Error('expected a failure');
}

describe('api(name).call on h5', () => {
  it('posts { action, payload } to /api/<function> and resolves with the data', async () => {
    const fetchMock = jest.fn((_url: string, _init: RequestInit) => reply({ ok: true, data: { unread: 3 } }));
    global.fetch = fetchMock as unknown as typeof fetch;
    await expect(api('notices').call('notices.unreadCount', {})).resolves.toEqual({ unread: 3 });
    expect(fetchMock.mock.calls[0][0]).toBe('/api/notices');
    expect(JSON.parse(String(fetchMock.mock.calls[0][1].body))).toEqual({ action: 'notices.unreadCount', payload: {} });
  });

  it("throws the function's typed error, and signs out on UNAUTHENTICATED", async () => {
    global.fetch = (() => reply({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } })) as typeof fetch;
    const e = await failure(api('accounts').call('binding.pending', {}));
    expect(isServiceError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'FORBIDDEN', message: '您没有权限进行此操作' });

    const signedOut = jest.fn();
    setUnauthenticatedHandler(signedOut);
    global.fetch = (() => reply({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }, 401)) as typeof fetch;
    expect((await failure(api('accounts').call('me.get', {}))).code).toBe('UNAUTHENTICATED');
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it('a fetch that rejects is NETWORK', async () => {
    global.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    expect((await failure(api('accounts').call('me.get', {}))).code).toBe('NETWORK');
  });

  it('no answer within the timeout is TIMEOUT (the request is aborted), and says it may have happened', async () => {
    jest.useFakeTimers();
    let aborted = false;
    global.fetch = ((_url: string, init: RequestInit) =>
      new Promise((_ok, fail) => {
        init.signal?.addEventListener('abort', () => {
          aborted = true;
          fail(new DOMException('aborted', 'AbortError'));
        });
      })) as typeof fetch;
    const pending = failure(api('notices').call('notices.remind', { clientRequestId: 'abcdefgh12', noticeId: 'n1' }));
    jest.advanceTimersByTime(HTTP_TIMEOUT_MS + 1);
    const e = await pending;
    expect(aborted).toBe(true);
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toContain('超时');
  });

  it('a gateway timeout (504 without a reply) is TIMEOUT; other non-replies are INTERNAL or NETWORK', async () => {
    global.fetch = (() => Promise.resolve(new Response('Gateway Timeout', { status: 504 }))) as typeof fetch;
    expect((await failure(api('accounts').call('me.get', {}))).code).toBe('TIMEOUT');
    global.fetch = (() => Promise.resolve(new Response('oops', { status: 500 }))) as typeof fetch;
    expect((await failure(api('accounts').call('me.get', {}))).code).toBe('INTERNAL');
    global.fetch = (() => Promise.resolve(new Response('not found', { status: 404 }))) as typeof fetch;
    expect((await failure(api('accounts').call('me.get', {}))).code).toBe('NETWORK');
  });
});

describe('weapp callFunction failures', () => {
  it('a function or request timeout is TIMEOUT', () => {
    expect(
      cloudFailureCode({
        errCode: -504003,
        errMsg: 'cloud.callFunction:fail Error: errCode: -504003 | errMsg: Invoking task timed out after 20 seconds',
      }),
    ).toBe('TIMEOUT');
    expect(cloudFailureCode({ errMsg: 'cloud.callFunction:fail -504003 functions execute fail' })).toBe('TIMEOUT');
    expect(cloudFailureCode({ errMsg: 'request:fail timeout' })).toBe('TIMEOUT');
    expect(cloudFailureCode(new Error('请求超时'))).toBe('TIMEOUT');
  });
  it('anything else is NETWORK', () => {
    expect(cloudFailureCode({ errMsg: 'cloud.callFunction:fail request:fail' })).toBe('NETWORK');
    expect(cloudFailureCode({ errCode: -1, errMsg: 'network unavailable' })).toBe('NETWORK');
    expect(cloudFailureCode(undefined)).toBe('NETWORK');
  });
});

describe('client request ids', () => {
  it("match the contract's clientRequestId and do not repeat", () => {
    const ids = Array.from({ length: 2000 }, () => newRequestId());
    for (const id of ids) expect(id).toMatch(REQUEST_ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it("the pattern is the contract's", () => {
    // core/platform/api.ts clientRequestId: /^[A-Za-z0-9_-]{8,64}$/
    expect(REQUEST_ID_PATTERN.source).toBe('^[A-Za-z0-9_-]{8,64}$');
  });
});

describe('subscribe answers', () => {
  it('accept, acceptWithAudio and acceptWithAlert grant a message; the rest do not', () => {
    for (const a of ['accept', 'acceptWithAudio', 'acceptWithAlert']) expect(isSubscribeGranted(a)).toBe(true);
    for (const a of ['reject', 'ban', 'filter', undefined]) expect(isSubscribeGranted(a)).toBe(false);
  });
});

describe('who can do this', () => {
  it('names the roles of the permission table', () => {
    expect(whoCan('binding.decide')).toBe('党员楼栋长、业委会委员');
    expect(whoCan(['roster.viewMasked', 'roster.viewFull'])).toBe('党员楼栋长、小区党支部书记、业委会委员、物业经理、社区工作人员');
    expect(permissionMessage('roster.import', '导入花名册').text).toBe(
      '业委会委员、物业经理可以导入花名册。如需开通，请联系小区业委会或社区。',
    );
    expect(permissionMessage().text).toContain('您没有权限');
  });
});
