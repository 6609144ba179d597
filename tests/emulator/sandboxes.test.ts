import fs from 'fs';
import os from 'os';
import path from 'path';
import { createEmulator, useEmulator, OUTBOX } from '../../emulator';
import { COLLS } from './helpers';

describe('subscribe messages', () => {
  const emu = createEmulator({ dataDir: ':memory:', collections: COLLS });
  afterAll(() => emu.close());

  test('send is recorded in the outbox and answers like production', async () => {
    const r = await emu.runAs({ openid: 'o-sender' }, () =>
      emu.sdk.openapi.subscribeMessage.send({
        touser: 'o-target',
        templateId: 'TPL',
        page: 'pages/x',
        data: { thing1: { value: 'hi' } },
        miniprogramState: 'developer',
      }),
    );
    expect(r).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    const [entry] = emu.outbox.list({ kind: OUTBOX.subscribe });
    expect(entry.payload).toMatchObject({
      touser: 'o-target',
      templateId: 'TPL',
      page: 'pages/x',
      data: { thing1: { value: 'hi' } },
      from: 'o-sender',
    });
    expect(entry.at).toBeInstanceOf(Date);
    emu.outbox.clear();
    expect(emu.outbox.list()).toEqual([]);
  });

  test('missing fields are rejected', async () => {
    await expect(emu.sdk.openapi.subscribeMessage.send({ touser: 'o' })).rejects.toMatchObject({ errCode: 47001 });
  });

  test('with enforced grants, one tap allows exactly one message', async () => {
    const strict = createEmulator({ dataDir: ':memory:', collections: COLLS, enforceSubscribeGrants: true });
    const send = () => strict.sdk.openapi.subscribeMessage.send({ touser: 'o1', templateId: 'T', data: {} as any });
    await expect(send()).rejects.toMatchObject({ errCode: 43101 });
    strict.grantSubscription('o1', 'T');
    await expect(send()).resolves.toMatchObject({ errCode: 0 });
    await expect(send()).rejects.toMatchObject({ errCode: 43101 });
    strict.close();
  });
});

describe('content security', () => {
  const received: any[] = [];
  const emu = createEmulator({
    dataDir: ':memory:',
    collections: COLLS,
    mediaCheckCallback: { functionName: 'onMediaCheck' },
    functions: {
      onMediaCheck: async (event: any) => {
        received.push({ event, openid: emu.sdk.getWXContext().OPENID });
        return { errcode: 0 };
      },
    },
  });
  afterAll(() => emu.close());
  const check = (content: string, extra: any = {}) =>
    emu.sdk.openapi.security.msgSecCheck({ openid: 'o1', scene: 2, version: 2, content, ...extra });

  test.each([
    ['今天下午三点在小区门口集合', 'pass', 100],
    ['有人在群里搞赌博', 'risky', 20006],
    ['小心诈骗电话', 'risky', 20008],
    ['有事加微信聊', 'review', 21000],
  ])('msgSecCheck v2: %s → %s', async (content, suggest, label) => {
    const r = await check(content);
    expect(r).toMatchObject({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest, label } });
    expect(typeof r.traceId).toBe('string');
    expect(Array.isArray(r.detail)).toBe(true);
  });

  test('title and nickname are checked too; every check is recorded', async () => {
    expect((await check('正常内容', { title: '违禁词标题' })).result.suggest).toBe('risky');
    const recorded = emu.outbox.list({ kind: OUTBOX.msgSecCheck });
    expect(recorded.length).toBeGreaterThanOrEqual(5);
    expect(recorded[recorded.length - 1].payload).toMatchObject({ request: { title: '违禁词标题' }, result: { suggest: 'risky' } });
  });

  test('content over 2,500 characters, missing openid or v1 are errors', async () => {
    await expect(check('好'.repeat(2501))).rejects.toMatchObject({ errCode: 47001 });
    await expect(check('好'.repeat(2500))).resolves.toMatchObject({ errCode: 0 });
    await expect(emu.sdk.openapi.security.msgSecCheck({ scene: 2, version: 2, content: 'x' })).rejects.toMatchObject({ errCode: 40003 });
    await expect(emu.sdk.openapi.security.msgSecCheck({ openid: 'o', content: 'x' })).rejects.toMatchObject({ errCode: 47001 });
  });

  test('mediaCheckAsync answers a traceId; deliverMediaChecks pushes wxa_media_check events', async () => {
    const a = await emu.sdk.openapi.security.mediaCheckAsync({
      mediaUrl: '/_files/u/ok.png',
      mediaType: 2,
      version: 2,
      openid: 'o1',
      scene: 1,
    });
    const b = await emu.sdk.openapi.security.mediaCheckAsync({
      mediaUrl: '/_files/u/risky-photo.png',
      mediaType: 2,
      version: 2,
      openid: 'o1',
      scene: 1,
    });
    expect(a).toMatchObject({ errCode: 0, errMsg: 'openapi.security.mediaCheckAsync:ok' });
    expect(received).toHaveLength(0); // asynchronous: nothing until delivered
    const delivered = await emu.deliverMediaChecks();
    expect(delivered.map((d) => d.suggest)).toEqual(['pass', 'risky']);
    expect(received.map((r) => r.event)).toEqual([
      expect.objectContaining({ MsgType: 'event', Event: 'wxa_media_check', trace_id: a.traceId, result: { suggest: 'pass', label: 100 } }),
      expect.objectContaining({
        MsgType: 'event',
        Event: 'wxa_media_check',
        trace_id: b.traceId,
        result: { suggest: 'risky', label: 20002 },
      }),
    ]);
    expect(received[0].openid).toBe('');
    expect(await emu.deliverMediaChecks()).toEqual([]); // delivered once
  });
});

describe('cloudPay', () => {
  let answer: any = { errcode: 0 };
  const events: any[] = [];
  const emu = createEmulator({
    dataDir: ':memory:',
    collections: COLLS,
    functions: {
      payCallback: async (event: any) => {
        events.push({ event, ctx: emu.sdk.getWXContext() });
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  });
  afterAll(() => emu.close());
  const order = (outTradeNo: string, totalFee = 1234) =>
    emu.runAs({ openid: 'o-payer' }, () =>
      emu.sdk.cloudPay.unifiedOrder({
        body: '物业费',
        outTradeNo,
        spbillCreateIp: '127.0.0.1',
        subMchId: '1900000001',
        totalFee,
        envId: 'env',
        functionName: 'payCallback',
        nonceStr: 'abc',
        tradeType: 'JSAPI',
      }),
    );

  test('unifiedOrder returns a payment object and records a pending order', async () => {
    const r = await order('BILL202401001');
    expect(r).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', errCode: 0, errMsg: 'cloudPay.unifiedOrder:ok' });
    expect(r.payment).toEqual({
      appId: expect.any(String),
      timeStamp: expect.stringMatching(/^\d{10}$/),
      nonceStr: 'abc',
      package: `prepay_id=${r.prepayId}`,
      signType: 'MD5',
      paySign: expect.any(String),
    });
    expect(emu.pay.orders().map((o) => o.state)).toEqual(['NOTPAY']);
    expect((await emu.sdk.cloudPay.queryOrder({ outTradeNo: 'BILL202401001', subMchId: '1900000001', nonceStr: 'q' })).tradeState).toBe(
      'NOTPAY',
    );
  });

  test('1. payments: queryOrder refuses a call without the sub-merchant, and finds nothing under another one', async () => {
    await order('BILLMCH00001');
    expect(await emu.sdk.cloudPay.queryOrder({ outTradeNo: 'BILLMCH00001', nonceStr: 'q' })).toMatchObject({
      resultCode: 'FAIL',
      subErrCode: 'PARAM_ERROR',
    });
    expect(await emu.sdk.cloudPay.queryOrder({ outTradeNo: 'BILLMCH00001', subMchId: '1900000999', nonceStr: 'q' })).toMatchObject({
      resultCode: 'FAIL',
      subErrCode: 'ORDERNOTEXIST',
    });
    await expect(
      emu.sdk.cloudPay.unifiedOrder({
        body: 'x',
        outTradeNo: 'BILLNONCE001',
        spbillCreateIp: '127.0.0.1',
        subMchId: '1900000001',
        totalFee: 1,
        envId: 'env',
        functionName: 'payCallback',
      }),
    ).rejects.toMatchObject({ errMsg: expect.stringContaining('missing nonceStr') });
  });

  test('1. payments: an order is payable until its timeExpire (2 h without one); closeOrder ends it, not before 5 minutes', async () => {
    const stamp = (ms: number) => new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
    const make = (no: string, extra: object = {}) =>
      emu.runAs({ openid: 'o-payer' }, () =>
        emu.sdk.cloudPay.unifiedOrder({
          body: '物业费',
          outTradeNo: no,
          spbillCreateIp: '127.0.0.1',
          subMchId: '1900000001',
          totalFee: 100,
          envId: 'env',
          functionName: 'payCallback',
          nonceStr: 'n',
          ...extra,
        }),
      );
    expect(await make('BILLEXP00001', { timeExpire: stamp(30_000) })).toMatchObject({ resultCode: 'FAIL', subErrCode: 'PARAM_ERROR' });
    expect(await make('BILLEXP00002', { timeExpire: stamp(15 * 60_000) })).toMatchObject({ resultCode: 'SUCCESS' });
    emu.pay.age('BILLEXP00002', 16 * 60_000);
    expect(await emu.sdk.cloudPay.queryOrder({ outTradeNo: 'BILLEXP00002', subMchId: '1900000001', nonceStr: 'q' })).toMatchObject({
      tradeState: 'CLOSED',
    });
    await expect(emu.pay.complete('BILLEXP00002')).rejects.toThrow(/cannot be paid/);
    // Without timeExpire: still payable after an hour.
    await make('BILLEXP00003');
    emu.pay.age('BILLEXP00003', 60 * 60_000);
    expect(await emu.sdk.cloudPay.queryOrder({ outTradeNo: 'BILLEXP00003', subMchId: '1900000001', nonceStr: 'q' })).toMatchObject({
      tradeState: 'NOTPAY',
    });
    // closeOrder: refused within 5 minutes of the order, then the order is closed for good.
    await make('BILLCLOSE001');
    const close = (no: string) => emu.sdk.cloudPay.closeOrder({ outTradeNo: no, subMchId: '1900000001', nonceStr: 'c' });
    expect(await close('BILLCLOSE001')).toMatchObject({ resultCode: 'FAIL', subErrCode: 'SYSTEMERROR' });
    emu.pay.age('BILLCLOSE001', 6 * 60_000);
    expect(await close('BILLCLOSE001')).toMatchObject({ resultCode: 'SUCCESS' });
    expect(await close('BILLCLOSE001')).toMatchObject({ resultCode: 'FAIL', subErrCode: 'ORDERCLOSED' });
    await expect(emu.pay.complete('BILLCLOSE001')).rejects.toThrow(/cannot be paid/);
  });

  test('invalid amounts are refused', async () => {
    expect((await order('BILL202401002', 12.5)).resultCode).toBe('FAIL');
    expect((await order('BILL202401002', 0)).resultCode).toBe('FAIL');
  });

  test('payment notifies the callback; a non-{errcode:0} answer is retried until acknowledged', async () => {
    answer = { errcode: 1, errmsg: 'busy' };
    const first = await emu.pay.complete('BILL202401001');
    expect(first).toMatchObject({ acknowledged: false, attempts: 1 });
    const [{ event, ctx }] = events;
    expect(event).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: 'BILL202401001',
      totalFee: 1234,
      subMchId: '1900000001',
      subOpenid: 'o-payer',
    });
    expect(event.transactionId).toMatch(/^\d|^42/);
    expect(event.timeEnd).toMatch(/^\d{14}$/);
    expect(ctx).toMatchObject({ OPENID: '', SOURCE: 'wx_paycallback' });

    answer = new Error('crash');
    expect((await emu.pay.deliverPending())[0]).toMatchObject({ acknowledged: false, attempts: 2 });
    answer = { errcode: 0 };
    expect((await emu.pay.deliverPending())[0]).toMatchObject({ acknowledged: true, attempts: 3 });
    expect(await emu.pay.deliverPending()).toEqual([]);
    const [o] = emu.pay.orders();
    expect(o.state).toBe('ACKED');
    expect(o.payload.attempts).toHaveLength(3);
    expect((await emu.sdk.cloudPay.queryOrder({ outTradeNo: 'BILL202401001', subMchId: '1900000001', nonceStr: 'q' })).tradeState).toBe(
      'SUCCESS',
    );
    // paying again for the same outTradeNo is refused
    expect(await order('BILL202401001')).toMatchObject({ resultCode: 'FAIL', subErrCode: 'ORDERPAID' });
  });

  test('refund: only a paid order, never more than it, the same refund number gives the same refund', async () => {
    const refund = (outTradeNo: string, outRefundNo: string, refundFee: number, totalFee = 1234) =>
      emu.sdk.cloudPay.refund({
        subMchId: '1900000001',
        nonceStr: 'n1',
        outTradeNo,
        outRefundNo,
        totalFee,
        refundFee,
        envId: 'env',
        functionName: 'payCallback',
      });
    expect(await refund('NOSUCHORDER01', 'R1', 100)).toMatchObject({ resultCode: 'FAIL', subErrCode: 'ORDERNOTEXIST' });
    await order('BILL202401003');
    expect(await refund('BILL202401003', 'R1', 100)).toMatchObject({ resultCode: 'FAIL', subErrCode: 'TRADE_STATE_ERROR' });
    expect(await refund('BILL202401001', 'R1', 100, 999)).toMatchObject({ resultCode: 'FAIL' }); // not the order's total
    expect(await refund('BILL202401001', 'R1', 12.5)).toMatchObject({ resultCode: 'FAIL', subErrCode: 'PARAM_ERROR' });
    const first = await refund('BILL202401001', 'R1', 1000);
    expect(first).toMatchObject({ resultCode: 'SUCCESS', refundFee: 1000, errMsg: 'cloudPay.refund:ok' });
    expect(await refund('BILL202401001', 'R1', 1000)).toMatchObject({ resultCode: 'SUCCESS', refundId: first.refundId });
    expect(await refund('BILL202401001', 'R1', 900)).toMatchObject({ resultCode: 'FAIL', subErrCode: 'INVALID_REQUEST' });
    expect(await refund('BILL202401001', 'R2', 235)).toMatchObject({ resultCode: 'FAIL', subErrCode: 'INVALID_REQUEST' }); // 1000 + 235 > 1234
    expect(await refund('BILL202401001', 'R2', 234)).toMatchObject({ resultCode: 'SUCCESS' });
    const o = emu.pay.orders().find((e) => e.payload.request.outTradeNo === 'BILL202401001')!;
    expect(o.payload.refunds.map((r: any) => r.refundFee)).toEqual([1000, 234]);
    expect(o.state).toBe('ACKED'); // a refund does not re-open the payment's notification
  });

  test('1. refunds end later: PROCESSING, then SUCCESS / REFUNDCLOSE notified to the callback; queryRefund names the merchant', async () => {
    await order('BILLRF000001', 5000);
    answer = { errcode: 0 };
    await emu.pay.complete('BILLRF000001');
    const refund = (outRefundNo: string, refundFee: number) =>
      emu.sdk.cloudPay.refund({
        subMchId: '1900000001',
        nonceStr: 'n',
        outTradeNo: 'BILLRF000001',
        outRefundNo,
        totalFee: 5000,
        refundFee,
        envId: 'env',
        functionName: 'payCallback',
      });
    const query = (d: object) => emu.sdk.cloudPay.queryRefund({ nonceStr: 'q', ...d });
    expect(await refund('RF-A', 3000)).toMatchObject({ resultCode: 'SUCCESS' });
    // Accepted is not refunded: WeChat still has it PROCESSING, and nobody was notified.
    events.length = 0;
    expect(await query({ subMchId: '1900000001', outRefundNo: 'RF-A' })).toMatchObject({
      resultCode: 'SUCCESS',
      refundCount: 1,
      outRefundNoList: ['RF-A'],
      refundFeeList: [3000],
      refundStatusList: ['PROCESSING'],
    });
    await expect(query({ outRefundNo: 'RF-A' })).rejects.toMatchObject({ errMsg: expect.stringContaining('missing subMchId') });
    expect(await query({ subMchId: '1900000999', outRefundNo: 'RF-A' })).toMatchObject({
      resultCode: 'FAIL',
      subErrCode: 'REFUNDNOTEXIST',
    });
    expect(events).toEqual([]);
    // It closes: the callback hears it (SOURCE wx_paycallback, req_info decrypted); its number is not taken again.
    expect(await emu.pay.settleRefund('RF-A', 'REFUNDCLOSE')).toMatchObject({ acknowledged: true, status: 'REFUNDCLOSE' });
    expect(events[0]).toMatchObject({
      event: {
        returnCode: 'SUCCESS',
        reqInfo: { outTradeNo: 'BILLRF000001', outRefundNo: 'RF-A', refundFee: 3000, refundStatus: 'REFUNDCLOSE' },
      },
      ctx: { OPENID: '', SOURCE: 'wx_paycallback' },
    });
    expect(await refund('RF-A', 3000)).toMatchObject({ resultCode: 'FAIL', subErrCode: 'INVALID_REQUEST' });
    // A closed refund gives its room back; a new number succeeds, and a lost notification is sent again.
    expect(await refund('RF-B', 5000)).toMatchObject({ resultCode: 'SUCCESS' });
    answer = { errcode: 1 };
    expect(await emu.pay.settleRefund('RF-B')).toMatchObject({ acknowledged: false, status: 'SUCCESS' });
    answer = { errcode: 0 };
    expect(await emu.pay.deliverPendingRefunds()).toEqual([
      expect.objectContaining({ outRefundNo: 'RF-B', acknowledged: true, attempts: 2 }),
    ]);
    expect(await emu.pay.deliverPendingRefunds()).toEqual([]);
    expect(await query({ subMchId: '1900000001', outTradeNo: 'BILLRF000001' })).toMatchObject({
      refundCount: 2,
      outRefundNoList: ['RF-A', 'RF-B'],
      refundStatusList: ['REFUNDCLOSE', 'SUCCESS'],
      refundSuccessTimeList: ['', expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)],
    });
  });
});

describe('storage', () => {
  test.each([':memory:', 'disk'])('upload, temp URL, download, delete (%s)', async (mode) => {
    const dir = mode === 'disk' ? fs.mkdtempSync(path.join(os.tmpdir(), 'emu-files-')) : ':memory:';
    const emu = createEmulator({ dataDir: dir, collections: COLLS, env: 'env-9' });
    useEmulator(emu);
    const up = await emu.runAs({ openid: 'o-up' }, () =>
      emu.sdk.uploadFile({ cloudPath: 'repairs/r1/photo.png', fileContent: Buffer.from([1, 2, 3]) }),
    );
    expect(up).toEqual({ fileID: 'cloud://env-9.env-9-emulator/repairs/r1/photo.png', statusCode: 200, errMsg: 'uploadFile:ok' });
    expect(emu.fileOwner(up.fileID)).toBe('o-up');
    expect(emu.fileOwner('repairs/r1/photo.png')).toBe('o-up');
    const urls = await emu.runAs({ openid: 'o-up' }, () =>
      emu.sdk.getTempFileURL({ fileList: [up.fileID, 'cloud://env-9.env-9-emulator/none.png'] }),
    );
    expect(urls.fileList[0]).toMatchObject({
      fileID: up.fileID,
      tempFileURL: expect.stringMatching(/^\/_files\/repairs\/r1\/photo\.png\?exp=\d+&sign=[0-9a-f]{64}$/),
      maxAge: 86400,
      status: 0,
    });
    expect(emu.readSignedFile(urls.fileList[0].tempFileURL)).toEqual({
      body: Buffer.from([1, 2, 3]),
      cloudPath: 'repairs/r1/photo.png',
    });
    expect(urls.fileList[1]).toMatchObject({ status: 1, tempFileURL: '' });
    expect(emu.readFile('repairs/r1/photo.png')).toEqual(Buffer.from([1, 2, 3]));
    expect((await emu.sdk.downloadFile({ fileID: up.fileID })).fileContent).toEqual(Buffer.from([1, 2, 3]));
    // On disk mode the file is where the emulator's folder keeps files; in memory there is no folder.
    expect(mode === 'disk' ? fs.readFileSync(path.join(dir, 'files/repairs/r1/photo.png')) : null).toEqual(
      mode === 'disk' ? Buffer.from([1, 2, 3]) : null,
    );
    await expect(emu.sdk.uploadFile({ cloudPath: '../escape', fileContent: 'x' })).rejects.toBeDefined();
    const del = await emu.sdk.deleteFile({ fileList: [up.fileID] });
    expect(del.fileList).toEqual([{ fileID: up.fileID, status: 0, errMsg: 'ok' }]);
    expect(emu.readFile(up.fileID)).toBeNull();
    expect(emu.fileOwner(up.fileID)).toBeNull();
    emu.close();
    if (mode === 'disk') fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('signed, expiring bearer temp URLs', () => {
  const emu = createEmulator({ dataDir: ':memory:', collections: COLLS, env: 'e' });
  beforeAll(async () => {
    useEmulator(emu);
    await emu.runAs({ openid: 'o-owner' }, () => emu.sdk.uploadFile({ cloudPath: '报修/r 1.png', fileContent: 'img' }));
  });
  afterAll(() => emu.close());
  afterEach(() => jest.restoreAllMocks());
  const urlFor = async (openid: string, maxAge?: number) =>
    (
      await emu.runAs({ openid }, () =>
        emu.sdk.getTempFileURL({ fileList: [{ fileID: 'cloud://e.e-emulator/报修/r 1.png', ...(maxAge ? { maxAge } : {}) }] }),
      )
    ).fileList[0];

  test('a bearer link, as CloudBase: whoever holds the URL reads the file until it expires, whoever asked for it', async () => {
    const { tempFileURL } = await urlFor('o-viewer');
    expect(tempFileURL.startsWith('/_files/%E6%8A%A5%E4%BF%AE/r%201.png?')).toBe(true);
    expect(emu.readSignedFile(tempFileURL)?.body.toString()).toBe('img');
    // The link names nobody: the same file, for a link asked for by anyone else or by a timer.
    expect(tempFileURL).not.toContain('o-viewer');
    expect(emu.readSignedFile((await urlFor('')).tempFileURL)?.body.toString()).toBe('img');
    // also without the /_files/ prefix, as a route handler may pass it
    expect(emu.readSignedFile(tempFileURL.slice('/_files/'.length))).not.toBeNull();
  });

  test('tampered, unsigned or foreign-path URLs are refused', async () => {
    const { tempFileURL } = await urlFor('o-viewer');
    const [path, query] = tempFileURL.split('?');
    const exp = Number(new URLSearchParams(query).get('exp'));
    expect(emu.readSignedFile(path)).toBeNull();
    expect(emu.readSignedFile(`${path}?exp=${exp + 3600}&${query.split('&')[1]}`)).toBeNull();
    expect(emu.readSignedFile(`/_files/other.png?${query}`)).toBeNull();
    expect(emu.readSignedFile(tempFileURL.replace(/sign=(.)/, (_m, c) => `sign=${c === 'a' ? 'b' : 'a'}`))).toBeNull();
  });

  test('URLs expire: one day by default (the maximum), maxAge honoured', async () => {
    const day = await urlFor('o-v');
    const hour = await urlFor('o-v', 3600);
    const long = await urlFor('o-v', 7 * 86400);
    expect([day.maxAge, hour.maxAge, long.maxAge]).toEqual([86400, 3600, 86400]);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 3601_000);
    expect(emu.readSignedFile(hour.tempFileURL)).toBeNull();
    expect(emu.readSignedFile(day.tempFileURL)).not.toBeNull();
    jest.spyOn(Date, 'now').mockReturnValue(now + 86401_000);
    expect(emu.readSignedFile(day.tempFileURL)).toBeNull();
  });

  test('the signing secret is kept in the data dir: URLs survive a restart, and other data dirs cannot forge them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-sign-'));
    const a = createEmulator({ dataDir: dir, collections: COLLS });
    await a.runAs({ openid: 'o1' }, () => a.sdk.uploadFile({ cloudPath: 'x.txt', fileContent: 'x' }));
    const url = a.fileUrl('x.txt');
    a.close();
    const b = createEmulator({ dataDir: dir, collections: COLLS });
    expect(b.readSignedFile(url)?.body.toString()).toBe('x');
    expect(b.fileOwner('x.txt')).toBe('o1');
    b.close();
    expect(emu.readSignedFile(url)).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
