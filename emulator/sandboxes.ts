/**
 * Local sandboxes for the platform services a cloud function calls besides the
 * database: subscribe messages, content security, WeChat Pay, storage.
 *
 * Each one checks its input the way production does, answers in production's
 * shape, and RECORDS what it was asked in its own table of the sandbox journal
 * (store/journal.ts), so tests and the local runtime can see it (also after a
 * restart).
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import { KIND, type Store } from './store';
import type { Identity, WXContext } from './types';
import { sdkError } from './errors';
import { RISKY_MEDIA_MARKER, SENSITIVE_WORDS } from './sensitive-words';

export interface SandboxHost {
  readonly store: Store;
  readonly env: string;
  readonly appId: string;
  readonly dataDir: string;
  readonly mediaCheckCallback?: { functionName: string };
  readonly enforceSubscribeGrants: boolean;
  readonly subscribeTemplates?: string[];
  /** A media check was started: deliver its verdict later, if the host does that on its own. */
  scheduleMediaChecks?(): void;
  /** A refund was accepted: end it (and notify) later, if the host does that on its own. */
  scheduleRefunds?(): void;
  readonly appPages: readonly string[];
  wxContext(): WXContext;
  invoke(name: string, event: any, identity: Identity): Promise<any>;
}

/** Kinds for `emu.outbox.list({kind})`. */
export const OUTBOX = KIND;

const rnd = (n: number) => crypto.randomBytes(n).toString('hex');
const MAX_TEXT = 2500;
/**
 * WeChat Pay re-notifies a callback that does not answer {errcode: 0} for up to two days
 * (paymentCallback doc: "异常时支付回调会持续重试最多两天"); the sandbox stops after
 * this many deliveries, far more than a test needs.
 */
export const PAY_MAX_NOTIFY = 15;

// ------------------------------------------------------------------ subscribe messages

export function subscribeSend(h: SandboxHost, d: any) {
  const api = 'openapi.subscribeMessage.send';
  if (!d || typeof d !== 'object') throw sdkError(api, 47001, 'params must be an object');
  for (const k of ['touser', 'templateId', 'data']) if (!d[k]) throw sdkError(api, 47001, `missing ${k}`);
  if (d.miniprogramState && !['developer', 'trial', 'formal'].includes(d.miniprogramState)) {
    throw sdkError(api, 47001, 'miniprogramState must be developer, trial or formal');
  }
  if (h.subscribeTemplates && !h.subscribeTemplates.includes(d.templateId)) throw sdkError(api, 40037, 'invalid template id');
  if (h.enforceSubscribeGrants) {
    // A user's tap on wx.requestSubscribeMessage grants exactly one message per template.
    if (!h.store.journal.takeGrant(d.touser, d.templateId)) throw sdkError(api, 43101, 'user refuse to accept the msg');
  }
  h.store.journal.addMessage({
    touser: d.touser,
    templateId: d.templateId,
    page: d.page,
    data: d.data,
    miniprogramState: d.miniprogramState || 'formal',
    lang: d.lang,
    from: h.wxContext().OPENID,
  });
  return { errCode: 0, errMsg: `${api}:ok` };
}

export function grantSubscription(h: SandboxHost, openid: string, templateId: string, count = 1) {
  h.store.journal.grant(openid, templateId, count);
}

// ------------------------------------------------------------------ mini-program codes

const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;

/** One PNG chunk: length, type, data, CRC-32 of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/**
 * A stand-in for the code image: a grey-scale square whose pattern follows the scene,
 * carrying `{page, scene}` in a tEXt chunk named `wxacode` — what a phone would read
 * by scanning it (tests "scan" a poster by reading that chunk).
 */
export function codeImage(page: string, scene: string, width: number): Buffer {
  const cells = 21;
  const size = Math.max(84, Math.min(width, 1280) - (Math.min(width, 1280) % cells));
  const px = size / cells;
  const hash = crypto.createHash('sha256').update(`${page}?${scene}`).digest();
  const dark = (x: number, y: number) => {
    const finder = (cx: number, cy: number) =>
      x >= cx &&
      x < cx + 7 &&
      y >= cy &&
      y < cy + 7 &&
      (x === cx || x === cx + 6 || y === cy || y === cy + 6 || (x >= cx + 2 && x <= cx + 4 && y >= cy + 2 && y <= cy + 4));
    if (finder(0, 0) || finder(cells - 7, 0) || finder(0, cells - 7)) return true;
    if ((x < 8 && y < 8) || (x >= cells - 8 && y < 8) || (x < 8 && y >= cells - 8)) return false;
    const bit = y * cells + x;
    return ((hash[bit % 32] >> (bit % 8)) & 1) === 1;
  };
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(size + 1);
    for (let x = 0; x < size; x++) row[x + 1] = dark(Math.floor(x / px), Math.floor(y / px)) ? 0 : 255;
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.concat([Buffer.from('wxacode\0', 'latin1'), Buffer.from(JSON.stringify({ page, scene }), 'latin1')])),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** What a phone reads from a code image made by `codeImage` (null for any other image). */
export function readCodeImage(png: Buffer): { page: string; scene: string } | null {
  let at = 8;
  while (at + 8 <= png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + len).toString('latin1');
      if (data.startsWith('wxacode\0')) return JSON.parse(data.slice(8));
    }
    at += 12 + len;
  }
  return null;
}

/**
 * wxacode.getUnlimited (developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/
 * qr-code/api_getunlimitedqrcode.md): `scene` required, at most 32 visible characters of
 * digits, letters and !#$&'()*+,/:;=?@-._~ (else 40169 "invalid length for scene");
 * `page` without a leading '/' or a query, and with checkPath (default true) a page of
 * the RELEASED version (else 41030); width 280–1280 (default 430). On success the SDK
 * answers `{contentType, buffer}` (wx-server-sdk index.js, callWXOpenAPI's buffer
 * response). Production's image is a JPEG; this sandbox answers a PNG and says so in
 * contentType, so callers must read contentType rather than assume.
 */
export function getUnlimited(h: SandboxHost, d: any) {
  const api = 'openapi.wxacode.getUnlimited';
  if (!d || typeof d !== 'object') throw sdkError(api, 47001, 'params must be an object');
  const scene = d.scene;
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32 || !SCENE_CHARS.test(scene)) {
    throw sdkError(api, 40169, 'invalid length for scene, or the data is not json string');
  }
  const page = d.page ?? '';
  if (typeof page !== 'string' || page.startsWith('/') || /[?#]/.test(page)) throw sdkError(api, 41030, 'invalid page');
  if (d.checkPath !== false && page && !h.appPages.includes(page)) throw sdkError(api, 41030, 'invalid page');
  if (d.envVersion !== undefined && !['release', 'trial', 'develop'].includes(d.envVersion))
    throw sdkError(api, 40097, 'invalid args: env_version');
  const width = d.width ?? 430;
  if (typeof width !== 'number' || width < 280 || width > 1280) throw sdkError(api, 40097, 'invalid args: width');
  return { contentType: 'image/png', buffer: codeImage(page, scene, width), errCode: 0, errMsg: `${api}:ok` };
}

// ------------------------------------------------------------------ content security

export function judgeText(text: string) {
  const hits = SENSITIVE_WORDS.filter((w) => text.includes(w.word));
  const risky = hits.find((w) => w.suggest === 'risky');
  const review = hits.find((w) => w.suggest === 'review');
  const top = risky || review;
  return { suggest: (top ? top.suggest : 'pass') as 'pass' | 'risky' | 'review', label: top ? top.label : 100, keyword: top?.word };
}

/**
 * msgSecCheck v2. Production requires an openid that used the mini program in
 * the last 2 hours and content ≤ 2,500 characters; we check the openid is
 * given and the length, and answer 47001 ("data format error") for over-long
 * content — documented choice, see README.
 */
export function msgSecCheck(h: SandboxHost, d: any) {
  const api = 'openapi.security.msgSecCheck';
  if (!d || typeof d !== 'object') throw sdkError(api, 47001, 'params must be an object');
  if (d.version !== 2) throw sdkError(api, 47001, 'only version 2 is emulated (pass version: 2)');
  if (!d.openid) throw sdkError(api, 40003, 'openid is required for version 2');
  if (![1, 2, 3, 4].includes(d.scene)) throw sdkError(api, 47001, 'scene must be 1, 2, 3 or 4');
  if (typeof d.content !== 'string') throw sdkError(api, 47001, 'content must be a string');
  if (d.content.length > MAX_TEXT) throw sdkError(api, 47001, `content exceeds ${MAX_TEXT} characters`);
  const text = [d.content, d.title, d.nickname, d.signature].filter((x) => typeof x === 'string').join('\n');
  const j = judgeText(text);
  const traceId = rnd(12);
  const result = {
    errCode: 0,
    errMsg: `${api}:ok`,
    result: { suggest: j.suggest, label: j.label },
    detail: [
      { strategy: 'content_model', errcode: 0, suggest: j.suggest, label: j.label, prob: j.suggest === 'pass' ? 0 : 90 },
      ...(j.keyword ? [{ strategy: 'keyword', errcode: 0, suggest: j.suggest, label: j.label, level: 20, keyword: j.keyword }] : []),
    ],
    traceId,
  };
  h.store.journal.addSecCheck(traceId, j.suggest, { request: { ...d }, result: result.result, traceId });
  return result;
}

/** mediaCheckAsync v2: answers a traceId now; the verdict is pushed later by `deliverMediaChecks()`. */
export function mediaCheckAsync(h: SandboxHost, d: any) {
  const api = 'openapi.security.mediaCheckAsync';
  if (!d || typeof d !== 'object') throw sdkError(api, 47001, 'params must be an object');
  if (d.version !== 2) throw sdkError(api, 47001, 'only version 2 is emulated (pass version: 2)');
  if (!d.mediaUrl || typeof d.mediaUrl !== 'string') throw sdkError(api, 47001, 'mediaUrl is required');
  if (![1, 2].includes(d.mediaType)) throw sdkError(api, 47001, 'mediaType must be 1 (audio) or 2 (image)');
  if (!d.openid) throw sdkError(api, 40003, 'openid is required for version 2');
  if (![1, 2, 3, 4].includes(d.scene)) throw sdkError(api, 47001, 'scene must be 1, 2, 3 or 4');
  const traceId = rnd(12);
  h.store.journal.addMediaJob(traceId, { request: { ...d }, traceId });
  h.scheduleMediaChecks?.();
  return { errCode: 0, errMsg: `${api}:ok`, traceId };
}

/**
 * Push every pending media verdict to the configured function, shaped like the
 * `wxa_media_check` message push. A media URL containing "risky" is risky.
 */
export async function deliverMediaChecks(h: SandboxHost): Promise<{ traceId: string; suggest: string; response: any }[]> {
  const pending = h.store.journal.pendingMediaJobs();
  if (pending.length && !h.mediaCheckCallback)
    throw new Error('createEmulator({ mediaCheckCallback: { functionName } }) is required to deliver media checks');
  const out: { traceId: string; suggest: string; response: any }[] = [];
  for (const e of pending) {
    const risky = String(e.payload.request.mediaUrl).toLowerCase().includes(RISKY_MEDIA_MARKER);
    const verdict = risky ? { suggest: 'risky', label: 20002 } : { suggest: 'pass', label: 100 };
    const event = {
      ToUserName: 'gh_emulator',
      FromUserName: e.payload.request.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: h.appId,
      trace_id: e.payload.traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: risky ? 90 : 0 }],
      errcode: 0,
      errmsg: 'ok',
      result: verdict,
    };
    let response: any;
    try {
      // A message push is not a user call: no OPENID in the callee's context.
      response = await h.invoke(h.mediaCheckCallback!.functionName, event, { openid: '', source: 'wx_msg' });
    } catch (err: any) {
      response = { error: String(err?.message || err) };
    }
    h.store.journal.finishMediaJob(e.payload.traceId, { ...e.payload, result: verdict, response });
    out.push({ traceId: e.payload.traceId, suggest: verdict.suggest, response });
  }
  return out;
}

// ------------------------------------------------------------------ WeChat Pay

const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;

/**
 * How long an order stays payable without `timeExpire`: about 2 hours for a JSAPI
 * order (pay.weixin.qq.com v2 统一下单, time_expire). With `timeExpire`
 * (yyyyMMddHHmmss, Beijing time, at least 1 minute ahead) the order stops being
 * payable then.
 */
export const PAY_DEFAULT_EXPIRY_MS = 2 * 3600_000;

/** yyyyMMddHHmmss in Beijing time → epoch ms (NaN when malformed). */
export function parsePayTime(s: unknown): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(String(s ?? ''));
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5], +m[6]);
}

/** The merchant the order was made for: service-provider calls must name it (sub_mch_id 必填). */
function checkSubMch(o: { payload: any } | undefined, d: any): string | null {
  if (!d?.subMchId) return 'missing sub_mch_id';
  if (o && String(o.payload.request.subMchId) !== String(d.subMchId)) return 'sub_mch_id does not match the order';
  return null;
}

/** Where an order stands now: NOTPAY turns into an expired (unpayable) order after its expiry. */
function tradeState(o: { state: string; payload: any }, now = Date.now()): 'NOTPAY' | 'SUCCESS' | 'CLOSED' {
  if (o.state === 'PAID' || o.state === 'ACKED') return 'SUCCESS';
  if (o.state === 'CLOSED') return 'CLOSED';
  return now >= o.payload.expiresAt ? 'CLOSED' : 'NOTPAY';
}

function findOrder(h: SandboxHost, outTradeNo: string) {
  return h.store.journal.order(String(outTradeNo));
}

export function unifiedOrder(h: SandboxHost, d: any): Record<string, any> {
  const api = 'cloudPay.unifiedOrder';
  if (!d || typeof d !== 'object') throw sdkError(api, -1, 'params must be an object');
  for (const k of ['body', 'outTradeNo', 'spbillCreateIp', 'subMchId', 'totalFee', 'envId', 'functionName', 'nonceStr']) {
    if (d[k] === undefined || d[k] === '') throw sdkError(api, -1, `missing ${k}`);
  }
  const fail = (errCode: string, errCodeDes: string) => ({
    returnCode: 'SUCCESS',
    returnMsg: 'OK',
    resultCode: 'FAIL',
    errCode: 0,
    errMsg: `${api}:ok`,
    errCodeDes,
    subErrCode: errCode,
  });
  if (!Number.isInteger(d.totalFee) || d.totalFee <= 0) return fail('PARAM_ERROR', 'totalFee must be a positive integer (fen)');
  if (!OUT_TRADE_NO.test(String(d.outTradeNo))) return fail('PARAM_ERROR', 'outTradeNo must be 6-32 chars of [A-Za-z0-9_-|*]');
  let expiresAt = Date.now() + PAY_DEFAULT_EXPIRY_MS;
  if (d.timeExpire !== undefined) {
    expiresAt = parsePayTime(d.timeExpire);
    if (!Number.isFinite(expiresAt) || expiresAt - Date.now() < 60_000) return fail('PARAM_ERROR', 'time_expire 格式错误或距当前不足1分钟');
  }
  const openid = h.wxContext().OPENID;
  const existing = findOrder(h, d.outTradeNo);
  let prepayId: string;
  if (existing) {
    const st = tradeState(existing);
    if (st === 'SUCCESS') return fail('ORDERPAID', '该订单已支付');
    if (st === 'CLOSED') return fail('ORDERCLOSED', '该订单已关闭');
    if (existing.payload.request.totalFee !== d.totalFee || existing.payload.request.body !== d.body) {
      return fail('INVALID_REQUEST', '201 商户订单号重复');
    }
    prepayId = existing.payload.prepayId;
  } else {
    prepayId = 'wx' + rnd(14);
    h.store.journal.addOrder(String(d.outTradeNo), 'NOTPAY', { request: { ...d }, openid, prepayId, createdAt: Date.now(), expiresAt });
  }
  const nonceStr = d.nonceStr || rnd(8);
  const timeStamp = String(Math.floor(Date.now() / 1000));
  return {
    returnCode: 'SUCCESS',
    returnMsg: 'OK',
    appid: h.appId,
    mchId: '1900000109',
    subAppid: h.appId,
    subMchId: d.subMchId,
    nonceStr,
    sign: rnd(16).toUpperCase(),
    resultCode: 'SUCCESS',
    tradeType: d.tradeType || 'JSAPI',
    prepayId,
    payment: {
      appId: h.appId,
      timeStamp,
      nonceStr,
      package: `prepay_id=${prepayId}`,
      signType: 'MD5',
      paySign: rnd(16).toUpperCase(),
    },
    errCode: 0,
    errMsg: `${api}:ok`,
  };
}

export function queryOrder(h: SandboxHost, d: any): Record<string, any> {
  const api = 'cloudPay.queryOrder';
  const o = d?.outTradeNo ? findOrder(h, d.outTradeNo) : undefined;
  // A service provider's query must name the sub-merchant; without it (or with another
  // one) WeChat does not find the order (CloudPay.queryOrder: sub_mch_id 必填).
  const mch = checkSubMch(o, d);
  if (mch)
    return {
      returnCode: 'SUCCESS',
      resultCode: 'FAIL',
      errCode: 0,
      errMsg: `${api}:ok`,
      subErrCode: d?.subMchId ? 'ORDERNOTEXIST' : 'PARAM_ERROR',
      errCodeDes: mch,
    };
  if (!o) return { returnCode: 'SUCCESS', resultCode: 'FAIL', errCode: 0, errMsg: `${api}:ok`, subErrCode: 'ORDERNOTEXIST' };
  const state = tradeState(o);
  return {
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    outTradeNo: o.payload.request.outTradeNo,
    totalFee: o.payload.request.totalFee,
    tradeState: state,
    transactionId: o.payload.transactionId,
    timeEnd: o.payload.timeEnd,
    errCode: 0,
    errMsg: `${api}:ok`,
  };
}

/**
 * cloudPay.closeOrder: an unpaid order can no longer be paid (CloudPay.closeOrder doc:
 * not sooner than 5 minutes after it was made; ORDERPAID when it was paid meanwhile).
 */
export function closeOrder(h: SandboxHost, d: any): Record<string, any> {
  const api = 'cloudPay.closeOrder';
  if (!d || typeof d !== 'object') throw sdkError(api, -1, 'params must be an object');
  for (const k of ['subMchId', 'outTradeNo', 'nonceStr']) {
    if (d[k] === undefined || d[k] === '') throw sdkError(api, -1, `missing ${k}`);
  }
  const fail = (subErrCode: string, errCodeDes: string) => ({
    returnCode: 'SUCCESS',
    returnMsg: 'OK',
    resultCode: 'FAIL',
    errCode: 0,
    errMsg: `${api}:ok`,
    subErrCode,
    errCodeDes,
  });
  const o = findOrder(h, d.outTradeNo);
  const mch = checkSubMch(o, d);
  if (!o || mch) return fail('ORDERNOTEXIST', mch ?? '订单不存在');
  const st = tradeState(o);
  if (st === 'SUCCESS') return fail('ORDERPAID', '订单已支付，不能发起关单');
  if (o.state === 'CLOSED') return fail('ORDERCLOSED', '订单已关闭');
  if (Date.now() - (o.payload.createdAt ?? 0) < 5 * 60_000) return fail('SYSTEMERROR', '订单生成后5分钟内不能关单');
  h.store.journal.setOrder(String(d.outTradeNo), 'CLOSED', o.payload);
  return { returnCode: 'SUCCESS', returnMsg: 'OK', resultCode: 'SUCCESS', subMchId: d.subMchId, errCode: 0, errMsg: `${api}:ok` };
}

/** Where a refund stands at WeChat (refund_status): accepted refunds start PROCESSING. */
export type SandboxRefundStatus = 'PROCESSING' | 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE';
export interface SandboxRefund {
  outRefundNo: string;
  refundFee: number;
  refundId: string;
  status: SandboxRefundStatus;
  subMchId: string;
  createdAt: number;
  /** Where the refund notification goes (absent: none is sent, as in production). */
  functionName?: string;
  envId?: string;
  successTime?: string;
  /** Notifications sent, and whether the callback answered {errcode: 0}. */
  notifies: number;
  acked: boolean;
}

const refundsOf = (o: { payload: any }): SandboxRefund[] => o.payload.refunds ?? [];

function saveRefunds(h: SandboxHost, o: { state: string; payload: any }, refunds: SandboxRefund[]) {
  h.store.journal.setOrder(String(o.payload.request.outTradeNo), o.state, { ...o.payload, refunds });
}

/**
 * cloudPay.refund: money back to the payer of a paid order (原路退回). The answer only
 * says WeChat ACCEPTED the refund (CloudPay.refund doc, and WeChat's own word: "调用退款
 * 接口成功，并不代表退款成功，具体还是要以退款支付通知为准"): the refund starts PROCESSING and
 * ends later as SUCCESS, REFUNDCLOSE or CHANGE (`emu.pay.settleRefund`, or on its own
 * after `refundDelayMs`), when the `functionName` given here is notified. Idempotent per
 * outRefundNo (a retry after a lost answer gets the same refundId); a closed refund's
 * number is not taken again (a new refund needs a new number); refunds of one order
 * that are not closed never add up to more than it; totalFee must be the order's;
 * the sub-merchant must be the order's.
 */
export function refund(h: SandboxHost, d: any): Record<string, any> {
  const api = 'cloudPay.refund';
  if (!d || typeof d !== 'object') throw sdkError(api, -1, 'params must be an object');
  for (const k of ['subMchId', 'nonceStr', 'outTradeNo', 'outRefundNo', 'totalFee', 'refundFee']) {
    if (d[k] === undefined || d[k] === '') throw sdkError(api, -1, `missing ${k}`);
  }
  const fail = (subErrCode: string, errCodeDes: string) => ({
    returnCode: 'SUCCESS',
    returnMsg: 'OK',
    resultCode: 'FAIL',
    errCode: 0,
    errMsg: `${api}:ok`,
    subErrCode,
    errCodeDes,
  });
  if (!/^[A-Za-z0-9_\-|*@]{1,64}$/.test(String(d.outRefundNo)))
    return fail('PARAM_ERROR', 'outRefundNo must be 1-64 chars of [A-Za-z0-9_-|*@]');
  if (!Number.isInteger(d.refundFee) || d.refundFee <= 0) return fail('PARAM_ERROR', 'refundFee must be a positive integer (fen)');
  const o = findOrder(h, d.outTradeNo);
  if (!o || checkSubMch(o, d)) return fail('ORDERNOTEXIST', '订单不存在');
  if (o.state === 'NOTPAY' || o.state === 'CLOSED') return fail('TRADE_STATE_ERROR', '订单未支付');
  if (d.totalFee !== o.payload.request.totalFee) return fail('PARAM_ERROR', '订单金额与原订单不符');
  const refunds = refundsOf(o);
  const same = refunds.find((r) => r.outRefundNo === String(d.outRefundNo));
  if (same && same.refundFee !== d.refundFee) return fail('INVALID_REQUEST', '同一退款单号的退款金额不同');
  if (same && same.status === 'REFUNDCLOSE') return fail('INVALID_REQUEST', '退款单已关闭，请使用新的退款单号');
  let refundId = same?.refundId;
  if (!same) {
    const before = refunds.filter((r) => r.status !== 'REFUNDCLOSE').reduce((s, r) => s + r.refundFee, 0);
    if (before + d.refundFee > o.payload.request.totalFee) return fail('INVALID_REQUEST', '退款总金额超过订单金额');
    refundId = '50' + rnd(14);
    saveRefunds(h, o, [
      ...refunds,
      {
        outRefundNo: String(d.outRefundNo),
        refundFee: d.refundFee,
        refundId,
        status: 'PROCESSING',
        subMchId: String(d.subMchId),
        createdAt: Date.now(),
        ...(d.functionName ? { functionName: String(d.functionName), envId: String(d.envId ?? '') } : {}),
        notifies: 0,
        acked: false,
      },
    ]);
    h.scheduleRefunds?.();
  }
  return {
    returnCode: 'SUCCESS',
    returnMsg: 'OK',
    resultCode: 'SUCCESS',
    subMchId: d.subMchId,
    transactionId: o.payload.transactionId,
    outTradeNo: String(d.outTradeNo),
    outRefundNo: String(d.outRefundNo),
    refundId,
    refundFee: d.refundFee,
    totalFee: d.totalFee,
    cashFee: d.totalFee,
    errCode: 0,
    errMsg: `${api}:ok`,
  };
}

/** The order holding a refund, by any of the four keys queryRefund takes (its documented priority). */
function findRefunds(h: SandboxHost, d: any): { order: { state: string; payload: any }; rows: SandboxRefund[] } | null {
  for (const o of h.store.journal.list(OUTBOX.payOrder) as { state: string; payload: any }[]) {
    const rs = refundsOf(o);
    if (d.refundId) {
      const r = rs.find((x) => x.refundId === String(d.refundId));
      if (r) return { order: o, rows: [r] };
    } else if (d.outRefundNo) {
      const r = rs.find((x) => x.outRefundNo === String(d.outRefundNo));
      if (r) return { order: o, rows: [r] };
    } else if (
      (d.transactionId && o.payload.transactionId === String(d.transactionId)) ||
      (d.outTradeNo && o.payload.request.outTradeNo === String(d.outTradeNo))
    ) {
      return rs.length ? { order: o, rows: rs } : null;
    }
  }
  return null;
}

/**
 * cloudPay.queryRefund (CloudPay.queryRefund doc: sub_mch_id and nonce_str required,
 * then one of refund_id > out_refund_no > transaction_id > out_trade_no). Answers in
 * the shape CloudBase returns (developers' reports of cloudPay.queryRefund): lists
 * `outRefundNoList`, `refundIdList`, `refundFeeList`, `refundStatusList`,
 * `refundSuccessTimeList`, … one entry per refund, and `refundCount`. Unknown, or
 * another merchant's: resultCode FAIL, REFUNDNOTEXIST.
 */
export function queryRefund(h: SandboxHost, d: any): Record<string, any> {
  const api = 'cloudPay.queryRefund';
  if (!d || typeof d !== 'object') throw sdkError(api, -1, 'params must be an object');
  for (const k of ['subMchId', 'nonceStr']) if (d[k] === undefined || d[k] === '') throw sdkError(api, -1, `missing ${k}`);
  if (!d.refundId && !d.outRefundNo && !d.transactionId && !d.outTradeNo)
    throw sdkError(api, -1, 'one of refundId, outRefundNo, transactionId, outTradeNo is required');
  const found = findRefunds(h, d);
  if (!found || String(found.order.payload.request.subMchId) !== String(d.subMchId))
    return {
      returnCode: 'SUCCESS',
      returnMsg: 'OK',
      resultCode: 'FAIL',
      subErrCode: 'REFUNDNOTEXIST',
      errCodeDes: '退款订单查询失败',
      errCode: 0,
      errMsg: `${api}:ok`,
    };
  const { order, rows } = found;
  const list = <K extends keyof SandboxRefund>(k: K) => rows.map((r) => r[k]);
  return {
    returnCode: 'SUCCESS',
    returnMsg: 'OK',
    resultCode: 'SUCCESS',
    appid: h.appId,
    mchId: '1900000109',
    subMchId: d.subMchId,
    nonceStr: rnd(8),
    transactionId: order.payload.transactionId,
    outTradeNo: order.payload.request.outTradeNo,
    totalFee: order.payload.request.totalFee,
    cashFee: order.payload.request.totalFee,
    refundCount: rows.length,
    outRefundNoList: list('outRefundNo'),
    refundIdList: list('refundId'),
    refundChannel: rows.map(() => 'ORIGINAL'),
    refundFeeList: list('refundFee'),
    settlementRefundFeeList: list('refundFee'),
    refundStatusList: list('status'),
    refundAccountList: rows.map(() => 'REFUND_SOURCE_UNSETTLED_FUNDS'),
    refundRecvAccoutList: rows.map(() => '支付用户零钱'),
    refundSuccessTimeList: rows.map((r) => r.successTime ?? ''),
    errCode: 0,
    errMsg: `${api}:ok`,
  };
}

export type RefundNotifyResult = {
  outRefundNo: string;
  status: SandboxRefundStatus;
  acknowledged: boolean;
  attempts: number;
  response: any;
};

function findRefund(h: SandboxHost, outRefundNo: string) {
  const found = findRefunds(h, { outRefundNo });
  return found ? { order: found.order, refund: found.rows[0] } : null;
}

/**
 * The refund ends at WeChat: SUCCESS (the money reached the payer), REFUNDCLOSE or
 * CHANGE (the bank refused it). Then its callback is notified, as WeChat does.
 */
export async function refundSettle(h: SandboxHost, outRefundNo: string, status: Exclude<SandboxRefundStatus, 'PROCESSING'> = 'SUCCESS') {
  const f = findRefund(h, outRefundNo);
  if (!f) throw new Error(`no refund with outRefundNo ${outRefundNo}`);
  if (f.refund.status === 'PROCESSING') {
    const refunds = refundsOf(f.order).map((r) =>
      r.outRefundNo === outRefundNo
        ? {
            ...r,
            status,
            ...(status === 'SUCCESS'
              ? { successTime: shanghaiStamp(new Date()).replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3 $4:$5:$6') }
              : {}),
          }
        : r,
    );
    saveRefunds(h, f.order, refunds);
  }
  return notifyRefund(h, outRefundNo);
}

/** Every refund still PROCESSING ends as SUCCESS (a refund to 零钱 takes minutes): the local runtime's refund "bank". */
export async function refundSettleAll(h: SandboxHost): Promise<RefundNotifyResult[]> {
  const out: RefundNotifyResult[] = [];
  for (const o of h.store.journal.list(OUTBOX.payOrder) as { payload: any }[])
    for (const r of refundsOf(o)) if (r.status === 'PROCESSING') out.push(await refundSettle(h, r.outRefundNo, 'SUCCESS'));
  return out;
}

/** Re-notify every ended refund whose callback has not answered {errcode: 0} (WeChat's retries). */
export async function refundDeliverPending(h: SandboxHost): Promise<RefundNotifyResult[]> {
  const out: RefundNotifyResult[] = [];
  for (const o of h.store.journal.list(OUTBOX.payOrder) as { payload: any }[])
    for (const r of refundsOf(o))
      if (r.status !== 'PROCESSING' && r.functionName && !r.acked && r.notifies < PAY_MAX_NOTIFY)
        out.push(await notifyRefund(h, r.outRefundNo));
  return out;
}

/**
 * WeChat Pay's 退款结果通知 (pay.weixin.qq.com v2: return_code, appid, mch_id,
 * sub_mch_id, nonce_str and `req_info`, encrypted with the merchant key; cloudPay
 * holds the key, so the callback gets req_info decrypted, camel-cased like every
 * cloudPay field). SOURCE wx_paycallback, no OPENID. Sent only for an ended refund
 * made with a functionName; retried until the callback answers {errcode: 0}.
 */
async function notifyRefund(h: SandboxHost, outRefundNo: string): Promise<RefundNotifyResult> {
  const f = findRefund(h, outRefundNo)!;
  const r = f.refund;
  const base = { outRefundNo, status: r.status };
  if (r.status === 'PROCESSING' || !r.functionName) return { ...base, acknowledged: false, attempts: r.notifies, response: null };
  if (r.acked) return { ...base, acknowledged: true, attempts: r.notifies, response: null };
  const req = f.order.payload.request;
  const event = {
    returnCode: 'SUCCESS',
    appid: h.appId,
    mchId: '1900000109',
    subAppid: h.appId,
    subMchId: r.subMchId,
    nonceStr: rnd(8),
    reqInfo: {
      transactionId: f.order.payload.transactionId,
      outTradeNo: req.outTradeNo,
      refundId: r.refundId,
      outRefundNo: r.outRefundNo,
      totalFee: req.totalFee,
      settlementTotalFee: req.totalFee,
      refundFee: r.refundFee,
      settlementRefundFee: r.refundFee,
      refundStatus: r.status,
      ...(r.successTime ? { successTime: r.successTime } : {}),
      refundRecvAccout: r.status === 'SUCCESS' ? '支付用户零钱' : '',
      refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refundRequestSource: 'API',
    },
  };
  let response: any;
  try {
    response = await h.invoke(r.functionName, event, { openid: '', source: 'wx_paycallback' });
  } catch (err: any) {
    response = { error: String(err?.message || err) };
  }
  const acknowledged = !!response && typeof response === 'object' && response.errcode === 0;
  const cur = findRefund(h, outRefundNo)!;
  saveRefunds(
    h,
    cur.order,
    refundsOf(cur.order).map((x) => (x.outRefundNo === outRefundNo ? { ...x, notifies: x.notifies + 1, acked: acknowledged } : x)),
  );
  return { ...base, acknowledged, attempts: r.notifies + 1, response };
}

const shanghaiStamp = (d: Date) => {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return t.slice(0, 19).replace(/[-T:]/g, '');
};

export type PayNotifyResult = { outTradeNo: string; acknowledged: boolean; attempts: number; response: any };

/** The user paid: mark the order paid and notify its callback function (WeChat Pay → cloud function). */
export async function payComplete(h: SandboxHost, outTradeNo: string): Promise<PayNotifyResult> {
  const o = findOrder(h, outTradeNo);
  if (!o) throw new Error(`no order with outTradeNo ${outTradeNo}`);
  // WeChat's cashier refuses an order past its expiry or closed: the user cannot pay it.
  if (tradeState(o) === 'CLOSED') throw new Error(`order ${outTradeNo} is closed or expired: it cannot be paid`);
  if (o.state === 'NOTPAY') {
    const now = new Date();
    h.store.journal.setOrder(outTradeNo, 'PAID', { ...o.payload, transactionId: '42' + rnd(13).slice(0, 26), timeEnd: shanghaiStamp(now) });
  }
  return notify(h, outTradeNo);
}

/** Time passes for an order (tests): its creation and expiry move `ms` into the past. */
export function payAge(h: SandboxHost, outTradeNo: string, ms: number) {
  const o = findOrder(h, outTradeNo);
  if (!o) throw new Error(`no order with outTradeNo ${outTradeNo}`);
  h.store.journal.setOrder(outTradeNo, o.state, {
    ...o.payload,
    createdAt: (o.payload.createdAt ?? Date.now()) - ms,
    expiresAt: o.payload.expiresAt - ms,
  });
}

/** Re-notify every paid order whose callback has not acknowledged yet (WeChat retries on its own schedule). */
export async function payDeliverPending(h: SandboxHost): Promise<PayNotifyResult[]> {
  const pending = h.store.journal.ordersIn('PAID').filter((e) => e.payload.attempts.length < PAY_MAX_NOTIFY);
  const out: PayNotifyResult[] = [];
  for (const e of pending) out.push(await notify(h, e.payload.request.outTradeNo));
  return out;
}

async function notify(h: SandboxHost, outTradeNo: string): Promise<PayNotifyResult> {
  const o = h.store.journal.order(outTradeNo)!;
  const r = o.payload.request;
  if (o.state === 'ACKED') return { outTradeNo: r.outTradeNo, acknowledged: true, attempts: o.payload.attempts.length, response: null };
  const event = {
    appid: h.appId,
    bankType: 'OTHERS',
    cashFee: r.totalFee,
    feeType: 'CNY',
    isSubscribe: 'N',
    mchId: '1900000109',
    nonceStr: rnd(8),
    openid: o.payload.openid,
    outTradeNo: r.outTradeNo,
    resultCode: 'SUCCESS',
    returnCode: 'SUCCESS',
    subAppid: h.appId,
    subIsSubscribe: 'N',
    subMchId: r.subMchId,
    subOpenid: o.payload.openid,
    timeEnd: o.payload.timeEnd,
    totalFee: r.totalFee,
    tradeType: r.tradeType || 'JSAPI',
    transactionId: o.payload.transactionId,
    userInfo: { appId: h.appId, openId: o.payload.openid },
  };
  let response: any;
  try {
    // Pay notifications come from WeChat Pay, not from the user: SOURCE is 'wx_paycallback'
    // (Cloud.getWXContext docs, "SOURCE 的枚举类型")
    // and OPENID is empty, so a callback must trust the event's order data only
    // after checking it (e.g. with cloudPay.queryOrder), never the caller.
    response = await h.invoke(r.functionName, event, { openid: '', source: 'wx_paycallback' });
  } catch (err: any) {
    response = { error: String(err?.message || err) };
  }
  const acknowledged = !!response && typeof response === 'object' && response.errcode === 0;
  h.store.journal.addNotify(outTradeNo, acknowledged, response);
  if (acknowledged) h.store.journal.setOrder(outTradeNo, 'ACKED', o.payload);
  return { outTradeNo: r.outTradeNo, acknowledged, attempts: o.payload.attempts.length + 1, response };
}

// ------------------------------------------------------------------ storage

export class FileStore {
  private mem = new Map<string, Buffer>();
  constructor(
    private root: string | null,
    private env: string,
  ) {}

  fileId(cloudPath: string) {
    return `cloud://${this.env}.${this.env}-emulator/${cloudPath}`;
  }
  /** `cloud://env.bucket/a/b.png` → `a/b.png`; null when not one of ours. */
  cloudPathOf(fileId: string): string | null {
    const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(String(fileId));
    return m ? m[1] : null;
  }
  private check(cloudPath: string) {
    if (
      typeof cloudPath !== 'string' ||
      !cloudPath ||
      cloudPath.startsWith('/') ||
      cloudPath.split('/').some((s) => s === '..' || s === '')
    ) {
      throw sdkError('uploadFile', -503001, `invalid cloudPath: ${cloudPath}`);
    }
  }
  private diskPath(cloudPath: string) {
    return path.join(this.root!, cloudPath);
  }
  write(cloudPath: string, content: Buffer) {
    this.check(cloudPath);
    if (!this.root) return void this.mem.set(cloudPath, Buffer.from(content));
    const p = this.diskPath(cloudPath);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    // write to a temp file, fsync, then rename: a resolved upload survives a crash whole
    const tmp = `${p}.${rnd(4)}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, p);
  }
  read(cloudPath: string): Buffer | null {
    try {
      this.check(cloudPath);
    } catch {
      return null;
    }
    if (!this.root) return this.mem.get(cloudPath) ?? null;
    try {
      return fs.readFileSync(this.diskPath(cloudPath));
    } catch {
      return null;
    }
  }
  remove(cloudPath: string): boolean {
    if (!this.read(cloudPath)) return false;
    if (!this.root) return this.mem.delete(cloudPath);
    fs.unlinkSync(this.diskPath(cloudPath));
    return true;
  }
}

export async function toBuffer(content: any): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  if (typeof content === 'string') return Buffer.from(content);
  if (content instanceof Uint8Array) return Buffer.from(content);
  if (content && typeof content[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const c of content) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
    return Buffer.concat(chunks);
  }
  throw sdkError('uploadFile', -1, 'fileContent must be a Buffer, a string or a readable stream');
}
