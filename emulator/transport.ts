/**
 * The local transport behind the real @cloudbase/database query builder.
 *
 * @cloudbase/database builds every request itself (QuerySerializer /
 * UpdateSerializer → EJSON) and hands it to `Db.reqClass#send(action, params)`.
 * In production that class is node-sdk's HTTP requester; here it is
 * `EmulatorRequester`, which executes the same actions against our Store and
 * answers in the server's response shapes. Everything above this line — the
 * query API, command encoding, result wrapping, errMsg strings, error codes,
 * runTransaction's retry loop — is the real SDK code.
 */
import path from 'path';
import crypto from 'crypto';
import { DbError, ERR, Store } from './store';
import { encodeKey, fromWire, toWire, isPlainObject } from './wire';

export type Backend = { store: Store };

/** Registry so a Db config (which node-sdk copies around) can point at its emulator by number. */
// Kept on globalThis: if this file is ever loaded twice (ESM and CJS copies under
// tsx), both copies must share one registry, since only one requester class wins.
const REGISTRY = Symbol.for('jinlin.emulator.backends');
const REGISTRY_SEQ = Symbol.for('jinlin.emulator.backends.seq');
const g = globalThis as any;
const backends: Map<number, () => Backend | undefined> = (g[REGISTRY] ||= new Map());
export function registerBackend(resolve: () => Backend | undefined): number {
  const id = (g[REGISTRY_SEQ] = (g[REGISTRY_SEQ] || 0) + 1);
  backends.set(id, resolve);
  return id;
}
export function unregisterBackend(id: number) {
  backends.delete(id);
}
export const BACKEND_KEY = '__emulatorBackend';

const TX_ONLY_SINGLE_DOC =
  'transaction only supports single-document operations: collection.doc(id).get/set/update/remove and collection.add';

export class EmulatorRequester {
  constructor(private config: any) {}

  async send(action: string, params: any = {}): Promise<any> {
    const requestId = 'emu-' + crypto.randomBytes(6).toString('hex');
    const resolve = backends.get(this.config?.[BACKEND_KEY]);
    const backend = resolve?.();
    const txId: string | undefined = params?.transactionId;
    // One request in flight per transaction: a second concurrent one fails with
    // TransactionBusy, as on the server (marked before the yield below).
    if (backend && txId) {
      try {
        backend.store.tx.enter(txId);
      } catch (e) {
        if (e instanceof DbError) return { code: e.code, message: e.message, requestId };
        throw e;
      }
    }
    try {
      // Yield once, like a network round trip would: concurrent calls interleave
      // at the same points as in production instead of running to completion.
      await new Promise((r) => setImmediate(r));
      if (!backend) {
        return { code: 'SYS_ERR', message: 'no emulator is active: call useEmulator(emu) before using wx-server-sdk', requestId };
      }
      // A plain write to a document locked by an open transaction waits for the lock.
      if (!txId && WRITES.has(action)) await waitForLocks(backend.store, action, params);
      return { requestId, ...handle(backend.store, action, params) };
    } catch (e) {
      if (e instanceof DbError) return { code: e.code, message: e.message, requestId };
      throw e;
    } finally {
      if (backend && txId) backend.store.tx.leave(txId);
    }
  }
}

const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument']);

/**
 * "普通的更新操作会被阻塞,直到事务锁释放或者超时": a non-transactional write whose
 * target documents are locked by an open transaction waits until that
 * transaction commits, rolls back, is aborted by a conflict or expires (30 s).
 */
async function waitForLocks(store: Store, action: string, p: any) {
  const coll: string = p.collectionName;
  while (store.tx.hasLocks(coll)) {
    let keys: string[];
    try {
      if (action === 'database.insertDocument') {
        keys = (p.data as string[])
          .map((s) => fromWire(s)?._id)
          .filter((id) => id !== undefined)
          .map(encodeKey);
      } else {
        const query = fromWire(p.query) || {};
        keys = p.queryType === 'DOC' ? [encodeKey(query._id)] : store.docs.matching(coll, query, Infinity, false).map((m) => m.row.id);
      }
    } catch {
      return; // let the operation itself report the error
    }
    if (!keys.some((k) => store.tx.isLocked(coll, k))) return;
    await store.tx.released();
  }
}

function handle(store: Store, action: string, p: any): any {
  const coll: string = p.collectionName;
  const tx: string | undefined = p.transactionId;
  const now = Date.now();
  switch (action) {
    case 'database.getDocument': {
      const query = fromWire(p.query, now) || {};
      const projection = fromWire(p.projection, now);
      if (tx) {
        if (p.queryType !== 'DOC') throw ERR.invalid(TX_ONLY_SINGLE_DOC);
        const doc = store.tx.get(tx, coll, query._id);
        return { data: { list: doc ? [toWire(doc)] : [] } };
      }
      if (p.queryType === 'DOC') {
        const doc = store.docs.getById(coll, query._id, projection);
        return { data: { list: doc ? [toWire(doc)] : [] } };
      }
      const docs = store.docs.find(coll, query, {
        order: fromWire(p.order, now),
        skip: p.offset,
        limit: p.limit,
        projection,
      });
      return { data: { list: docs.map(toWire), offset: p.offset, limit: p.limit } };
    }
    case 'database.calculateDocument':
      if (tx) throw ERR.invalid(TX_ONLY_SINGLE_DOC);
      return { data: { total: store.docs.countDocs(coll, fromWire(p.query, now) || {}) } };
    case 'database.insertDocument': {
      const docs = (p.data as string[]).map((s) => fromWire(s, now));
      if (tx) return { data: { insertedIds: docs.map((d) => store.tx.insert(tx, coll, d)) } };
      return { data: { insertedIds: store.docs.insert(coll, docs) } };
    }
    case 'database.modifyDocument': {
      const query = fromWire(p.query, now) || {};
      const data = fromWire(p.data, now);
      if (tx) {
        if (p.queryType !== 'DOC') throw ERR.invalid(TX_ONLY_SINGLE_DOC);
        if (p.merge === false) {
          const r = store.tx.set(tx, coll, query._id, data);
          return { data: { updated: r.updated, upsert_id: r.upserted ? query._id : undefined } };
        }
        return { data: { updated: store.tx.update(tx, coll, query._id, data) } };
      }
      if (p.merge === false) {
        // doc(id).set(): the whole document is replaced (upsert)
        if (p.queryType !== 'DOC' || !isPlainObject(query) || query._id === undefined) throw ERR.invalid('set requires a document id');
        const r = store.docs.replace(coll, query._id, data);
        return { data: { updated: r.updated, upsert_id: r.upserted ? query._id : undefined } };
      }
      const multi = p.queryType === 'DOC' ? false : p.multi !== false;
      return { data: { updated: store.docs.update(coll, query, data, multi) } };
    }
    case 'database.removeDocument': {
      const query = fromWire(p.query, now) || {};
      if (tx) {
        if (p.queryType !== 'DOC') throw ERR.invalid(TX_ONLY_SINGLE_DOC);
        return { data: { deleted: store.tx.remove(tx, coll, query._id) } };
      }
      const multi = p.queryType === 'DOC' ? false : p.multi !== false;
      return { data: { deleted: store.docs.remove(coll, query, multi) } };
    }
    case 'database.aggregateDocuments': {
      const pipeline = (p.stages as { stageKey: string; stageValue: string }[]).map((s) => ({
        [s.stageKey]: fromWire(s.stageValue, now),
      }));
      return { data: { list: store.docs.aggregate(coll, pipeline).map(toWire) } };
    }
    case 'database.startTransaction':
      return { transactionId: store.tx.begin() };
    case 'database.commitTransaction':
      store.tx.commit(p.transactionId);
      return {};
    case 'database.abortTransaction':
      store.tx.abort(p.transactionId);
      return {};
    case 'database.addCollection':
      store.createCollection(coll);
      return {};
    default:
      throw ERR.invalid(`${action} is not supported by the emulator`);
  }
}

/**
 * Make `Db.reqClass` permanently our requester. node-sdk re-assigns it on every
 * `database()` call; the accessor swallows that so no request can ever leave
 * the process. (The emulator process never talks to the real CloudBase.)
 */
let installed = false;
export function installTransport() {
  if (installed) return;
  const nodeSdkDir = path.dirname(require.resolve('@cloudbase/node-sdk'));
  for (const from of [nodeSdkDir, __dirname]) {
    const { Db } = require(require.resolve('@cloudbase/database', { paths: [from] }));
    Object.defineProperty(Db, 'reqClass', {
      configurable: true,
      get: () => EmulatorRequester,
      set: () => undefined,
    });
  }
  installed = true;
}
