/**
 * `createSdk(resolve)` builds an object with wx-server-sdk's API surface whose
 * backend is whatever emulator `resolve()` returns at call time (not at
 * creation: functions call `cloud.init()` / `cloud.database()` at module load,
 * before a test picks its emulator).
 *
 * The database is the REAL one: a private wx-server-sdk 4.0.2 Cloud instance
 * (`createNewInstance`) wrapping @cloudbase/database, whose only replaced part
 * is the request class (see transport.ts). Functions therefore get the real
 * query builder, real command encoding, real result shapes and real errors.
 */
import type { Emulator } from './index';
import { BACKEND_KEY, installTransport, registerBackend } from './transport';
import { sdkError } from './errors';
import * as sb from './sandboxes';
import type { WXContext } from './types';

// Loaded by file path on purpose: the bare name 'wx-server-sdk' is mapped to
// the emulator (jest moduleNameMapper / the runtime's require hook).
const realSdk = require('wx-server-sdk/index.js');

/** getTempFileURL: default and maximum lifetime of a temp URL, in seconds (one day). */
export const TEMP_URL_MAX_AGE_S = 86400;

const TX_ONLY_SINGLE_DOC =
  'transaction only supports single-document operations: collection.doc(id).get/set/update/remove and collection.add';

export type Sdk = ReturnType<typeof createSdk>;

export function createSdk(resolve: () => Emulator | undefined) {
  installTransport();
  const backendId = registerBackend(() => resolve());
  let instance: any = null;

  const host = (api: string): Emulator => {
    const emu = resolve();
    if (!emu) throw sdkError(api, -1, 'no emulator is active: call useEmulator(emu) first');
    // Cloud calls need the function's permissions.openapi (config.json), as in production.
    if (api.startsWith('openapi.')) emu.assertOpenapi(api.slice('openapi.'.length));
    return emu;
  };
  const requireInit = (api: string) => {
    if (!instance) {
      throw sdkError(api, -1, "Cloud API isn't enabled, please call init first 请先调用 init 完成初始化后再调用其他云 API。");
    }
  };

  const sdk = {
    version: realSdk.version as string,
    /** Same symbol as the real SDK, so `init({ env: cloud.DYNAMIC_CURRENT_ENV })` reads the same. */
    DYNAMIC_CURRENT_ENV: realSdk.DYNAMIC_CURRENT_ENV as symbol,

    init(config: Record<string, any> = {}) {
      if (instance) return; // like the real SDK: the first init wins
      // The env is decided by the emulator; everything else (throwOnNotFound, …) is honoured.
      const { env: _env, ...rest } = config || {};
      instance = realSdk.createNewInstance({ ...rest, env: 'emulator', [BACKEND_KEY]: backendId });
    },

    updateConfig(_config: Record<string, any> = {}) {
      /* env switching has no meaning offline */
    },

    getWXContext(): WXContext {
      const emu = resolve();
      return emu ? emu.wxContext() : { OPENID: '', APPID: '', UNIONID: '', ENV: '', SOURCE: '' };
    },

    database(options: Record<string, any> = {}) {
      requireInit('database');
      const { env: _env, ...rest } = options || {};
      return guardDatabase(instance.database(rest));
    },

    openapi: {
      subscribeMessage: {
        send: async (d: any) => sb.subscribeSend(host('openapi.subscribeMessage.send'), d),
      },
      wxacode: {
        getUnlimited: async (d: any) => sb.getUnlimited(host('openapi.wxacode.getUnlimited'), d),
      },
      security: {
        msgSecCheck: async (d: any) => sb.msgSecCheck(host('openapi.security.msgSecCheck'), d),
        mediaCheckAsync: async (d: any) => sb.mediaCheckAsync(host('openapi.security.mediaCheckAsync'), d),
      },
    },

    cloudPay: {
      unifiedOrder: async (d: any) => sb.unifiedOrder(host('cloudPay.unifiedOrder'), d),
      queryOrder: async (d: any) => sb.queryOrder(host('cloudPay.queryOrder'), d),
      refund: async (d: any) => sb.refund(host('cloudPay.refund'), d),
      queryRefund: async (d: any) => sb.queryRefund(host('cloudPay.queryRefund'), d),
      closeOrder: async (d: any) => sb.closeOrder(host('cloudPay.closeOrder'), d),
    },

    async uploadFile(opts: { cloudPath: string; fileContent: any }) {
      requireInit('uploadFile');
      const emu = host('uploadFile');
      if (!opts || !opts.cloudPath) throw sdkError('uploadFile', -1, 'cloudPath is required');
      const body = await sb.toBuffer(opts.fileContent);
      emu.files.write(opts.cloudPath, body);
      // the caller's identity is known to the platform: remember who uploaded what
      emu.store.journal.putFile(opts.cloudPath, body.length, emu.wxContext().OPENID);
      return { fileID: emu.files.fileId(opts.cloudPath), statusCode: 200, errMsg: 'uploadFile:ok' };
    },

    async downloadFile(opts: { fileID: string }) {
      requireInit('downloadFile');
      const emu = host('downloadFile');
      const p = emu.files.cloudPathOf(opts?.fileID);
      const buf = p ? emu.files.read(p) : null;
      if (!buf) throw sdkError('downloadFile', -503003, `file not exists: ${opts?.fileID}`);
      return { fileContent: buf, statusCode: 200, errMsg: 'downloadFile:ok' };
    },

    async getTempFileURL(opts: { fileList: (string | { fileID: string; maxAge?: number })[] }) {
      requireInit('getTempFileURL');
      const emu = host('getTempFileURL');
      if (!opts || !Array.isArray(opts.fileList)) throw sdkError('getTempFileURL', -1, 'fileList must be an array');
      if (opts.fileList.length > 50) throw sdkError('getTempFileURL', -1, 'fileList length must not exceed 50');
      return {
        fileList: opts.fileList.map((f) => {
          const fileID = typeof f === 'string' ? f : f.fileID;
          // default one day, and never more than one day (wx.cloud.getTempFileURL docs)
          const asked = typeof f === 'string' ? undefined : f.maxAge;
          const maxAge = Math.min(typeof asked === 'number' && asked > 0 ? Math.floor(asked) : TEMP_URL_MAX_AGE_S, TEMP_URL_MAX_AGE_S);
          const p = emu.files.cloudPathOf(fileID);
          if (!p || !emu.files.read(p)) return { fileID, tempFileURL: '', maxAge, status: 1, errMsg: 'STORAGE_FILE_NONEXIST' };
          // signed and expiring, and a bearer link as in CloudBase: anyone holding it may open it until then
          return { fileID, tempFileURL: emu.fileUrl(p, { maxAge }), maxAge, status: 0, errMsg: 'ok' };
        }),
        errMsg: 'getTempFileURL:ok',
      };
    },

    async deleteFile(opts: { fileList: string[] }) {
      requireInit('deleteFile');
      const emu = host('deleteFile');
      if (!opts || !Array.isArray(opts.fileList)) throw sdkError('deleteFile', -1, 'fileList must be an array');
      return {
        fileList: opts.fileList.map((fileID) => {
          const p = emu.files.cloudPathOf(fileID);
          const ok = !!p && emu.files.remove(p);
          if (ok) emu.store.journal.deleteFile(p!);
          return ok ? { fileID, status: 0, errMsg: 'ok' } : { fileID, status: 1, errMsg: 'STORAGE_FILE_NONEXIST' };
        }),
        errMsg: 'deleteFile:ok',
      };
    },

    async callFunction(opts: { name: string; data?: any }) {
      requireInit('callFunction');
      return host('cloud.callFunction').callFromFunction(opts?.name, opts?.data ?? {});
    },
  };
  return sdk;
}

// ------------------------------------------------------------------ transaction guard

/**
 * Production transactions accept only single-document operations. The real
 * SDK's Query.update/remove/count do not even carry the transaction id (they
 * would silently run OUTSIDE the transaction), so the check must happen here,
 * on the objects handed to the transaction callback.
 */
function guardDatabase(db: any) {
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'runTransaction') {
        return (cb: (tx: any) => any, times?: number) => target.runTransaction((tx: any) => cb(guardTransaction(tx)), times);
      }
      if (key === 'startTransaction') return async () => guardTransaction(await target.startTransaction());
      return Reflect.get(target, key, receiver);
    },
  });
}

function guardTransaction(tx: any) {
  return {
    collection: (name: string) => guardTxCollection(tx.collection(name), name),
    commit: () => tx.commit(),
    rollback: (reason?: any) => tx.rollback(reason),
  };
}

function guardTxCollection(coll: any, name: string) {
  const refuse = (method: string, async: boolean) => () => {
    const err = sdkError(`transaction.collection.${method}`, -501007, TX_ONLY_SINGLE_DOC);
    if (async) return Promise.reject(err);
    throw err;
  };
  return {
    collectionName: name,
    doc: (id: string | number) => coll.doc(id),
    add: (options: any) => {
      if (Array.isArray(options?.data)) return refuse('add', true)();
      return coll.add(options);
    },
    where: refuse('where', false),
    orderBy: refuse('orderBy', false),
    limit: refuse('limit', false),
    skip: refuse('skip', false),
    field: refuse('field', false),
    aggregate: refuse('aggregate', false),
    watch: refuse('watch', false),
    get: refuse('get', true),
    count: refuse('count', true),
    update: refuse('update', true),
    remove: refuse('remove', true),
  };
}
