/**
 * The emulator's document store: SQLite (better-sqlite3) for durability and
 * indexes, mingo for Mongo semantics.
 *
 * Layout (one file, all collections):
 *   _docs(rid, coll, id, ver, doc)   one row per document, doc = relaxed EJSON.
 *                                    rid gives Mongo-like natural (insertion) order.
 *   _ix(coll, idx, k1, kfull, id, uniq)
 *                                    a multikey side index for every declared index:
 *                                    k1 = encoded value of the index's FIRST key (lookups),
 *                                    kfull = encoded tuple of all keys (uniqueness via a
 *                                    partial UNIQUE index WHERE uniq = 1).
 *   _collections(name, spec)         which collections exist, and the index spec they were built with.
 *   _outbox(seq, kind, at, state, payload)  what the sandboxes were asked (see sandboxes.ts).
 *
 * Why a side table rather than SQLite expression indexes on json_extract():
 * Mongo indexes are multikey (an array field is indexed element by element and
 * `{tags: 'x'}` matches `tags: ['x', 'y']`) and treat a missing field as null.
 * json_extract() indexes do neither, so an index-assisted query would silently
 * miss documents. The side table reproduces Mongo's index semantics exactly,
 * and lets SQLite enforce unique indexes atomically inside the write transaction.
 *
 * Query execution: the planner picks equality / $in conditions on `_id` or on the
 * first key of a declared index (like Mongo's prefix rule — a query on the second
 * key of a compound index does NOT use it, as in production), fetches only those
 * rows, and mingo filters / sorts / projects them. Anything else is a collection
 * scan, and the `scanned` counter says so.
 */
import Database from 'better-sqlite3';
import crypto from 'crypto';
import { Query, Aggregator, find as mingoFind, update as mingoUpdate } from 'mingo';
import type { CollectionSpec, Counters, IndexSpec } from './types';
import { decodeDoc, encodeDoc, encodeKey, indexValues, isIndexableScalar, isPlainObject } from './wire';

/** Error in the shape the SDK expects from the server: `{code, message}` (mapped to errCode by wx-server-sdk). */
export class DbError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}
export const ERR = {
  collectionNotExists: (c: string) =>
    new DbError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${c}. (emulator)`),
  duplicateKey: (c: string, idx: string, key: string) =>
    new DbError(
      'DATABASE_REQUEST_FAILED',
      `[FailedOperation] E11000 duplicate key error collection: ${c} index: ${idx} dup key: ${key}`,
    ),
  invalid: (msg: string) => new DbError('INVALID_PARAM', msg),
  conflict: () => new DbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict'),
  txNotFound: () => new DbError('DATABASE_REQUEST_FAILED', '[FailedOperation] transaction not found or already ended'),
};

export type FindOptions = {
  order?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Record<string, any>;
};

/** Production caps: 100 docs when no limit is set, 1,000 at most (the SDK itself silently caps, so do we). */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/**
 * Aggregation: a pipeline without any $limit stage returns 20 results, as the
 * CloudBase docs describe for `aggregate().end()`; add `.limit(n)` to get more.
 */
export const AGGREGATE_DEFAULT_LIMIT = 20;

type Row = { rid: number; id: string; ver: number; doc: string };
type TxWrite = { coll: string; id: any; doc: any | null };
export type Tx = {
  id: string;
  startSeq: number;
  startedAt: number;
  /** key → version observed at first touch (0 = absent) */
  observed: Map<string, number>;
  /** key → buffered write (doc null = delete) */
  writes: Map<string, TxWrite>;
};

export type Durability = 'full' | 'normal';

export type OutboxEntry = { seq: number; kind: string; at: Date; state: string; payload: any };

const docKey = (coll: string, id: any) => `${coll}\u0000${encodeKey(id)}`;

export class Store {
  readonly db: Database.Database;
  private specs = new Map<string, CollectionSpec>();
  private seq = 0;
  private txs = new Map<string, Tx>();
  /** coll/id → seq of deletion, kept only while transactions are open (needed to detect "deleted after my snapshot"). */
  private deletedAt = new Map<string, number>();
  readonly totals = { queries: 0, reads: 0, writes: 0, scanned: 0 };
  /** called for every counter increment, so the emulator can attribute it to the current call */
  onCount: (c: Partial<Counters>) => void = () => undefined;
  private st: Record<string, Database.Statement>;

  constructor(file: string, collections: CollectionSpec[], durability: Durability = 'full') {
    this.db = new Database(file);
    if (file !== ':memory:') {
      // WAL + synchronous=FULL: a commit returns only after the WAL is fsynced,
      // so a write that resolved survives kill -9 and power loss. ('normal'
      // would survive kill -9 too — the OS still has the pages — but not power loss.)
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _docs(rid INTEGER PRIMARY KEY, coll TEXT NOT NULL, id TEXT NOT NULL, ver INTEGER NOT NULL, doc TEXT NOT NULL, UNIQUE(coll, id));
      CREATE TABLE IF NOT EXISTS _ix(coll TEXT NOT NULL, idx TEXT NOT NULL, k1 TEXT NOT NULL, kfull TEXT NOT NULL, id TEXT NOT NULL, uniq INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS _ix_lookup ON _ix(coll, idx, k1);
      CREATE INDEX IF NOT EXISTS _ix_doc ON _ix(coll, id);
      CREATE UNIQUE INDEX IF NOT EXISTS _ix_unique ON _ix(coll, idx, kfull) WHERE uniq = 1;
      CREATE TABLE IF NOT EXISTS _collections(name TEXT PRIMARY KEY, spec TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS _outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, at INTEGER NOT NULL, state TEXT NOT NULL, payload TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS _outbox_kind ON _outbox(kind, seq);
    `);
    const p = (sql: string) => this.db.prepare(sql);
    this.st = {
      getDoc: p('SELECT rid, id, ver, doc FROM _docs WHERE coll = ? AND id = ?'),
      scan: p('SELECT rid, id, ver, doc FROM _docs WHERE coll = ? ORDER BY rid'),
      countAll: p('SELECT count(*) AS n FROM _docs WHERE coll = ?'),
      byIds: p(
        'SELECT rid, id, ver, doc FROM _docs WHERE coll = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY rid',
      ),
      byIndex: p(
        `SELECT d.rid AS rid, d.id AS id, d.ver AS ver, d.doc AS doc FROM _docs d
         WHERE d.coll = @coll AND d.id IN (SELECT i.id FROM _ix i WHERE i.coll = @coll AND i.idx = @idx AND i.k1 IN (SELECT value FROM json_each(@keys)))
         ORDER BY d.rid`,
      ),
      countIndex: p(
        'SELECT count(*) AS n FROM _ix WHERE coll = ? AND idx = ? AND k1 IN (SELECT value FROM json_each(?))',
      ),
      insertDoc: p('INSERT INTO _docs(coll, id, ver, doc) VALUES (?, ?, ?, ?)'),
      updateDoc: p('UPDATE _docs SET ver = ?, doc = ? WHERE coll = ? AND id = ?'),
      deleteDoc: p('DELETE FROM _docs WHERE coll = ? AND id = ?'),
      ixDelete: p('DELETE FROM _ix WHERE coll = ? AND id = ?'),
      ixInsert: p('INSERT INTO _ix(coll, idx, k1, kfull, id, uniq) VALUES (?, ?, ?, ?, ?, ?)'),
      maxVer: p('SELECT max(ver) AS v FROM _docs'),
      collGet: p('SELECT name, spec FROM _collections WHERE name = ?'),
      collAll: p('SELECT name, spec FROM _collections'),
      collPut: p('INSERT OR REPLACE INTO _collections(name, spec) VALUES (?, ?)'),
      outAdd: p('INSERT INTO _outbox(kind, at, state, payload) VALUES (?, ?, ?, ?)'),
      outAll: p('SELECT * FROM _outbox ORDER BY seq'),
      outKind: p('SELECT * FROM _outbox WHERE kind = ? ORDER BY seq'),
      outGet: p('SELECT * FROM _outbox WHERE seq = ?'),
      outSet: p('UPDATE _outbox SET state = ?, payload = ? WHERE seq = ?'),
      outClear: p('DELETE FROM _outbox'),
    };
    this.seq = (this.st.maxVer.get() as any).v || 0;
    for (const r of this.st.collAll.all() as any[]) this.specs.set(r.name, JSON.parse(r.spec));
    for (const spec of collections) this.declareCollection(spec);
  }

  close() {
    if (this.db.open) this.db.close();
  }

  // ---------------------------------------------------------------- collections

  hasCollection(name: string) {
    return this.specs.has(name);
  }

  /**
   * Declare (or re-declare) a collection with its indexes. When the index spec
   * changed since the data dir was written, the side index is rebuilt — and a
   * unique index that existing data violates fails loudly here, as creating it
   * in the console would.
   */
  declareCollection(spec: CollectionSpec) {
    const normalized: CollectionSpec = { name: spec.name, indexes: (spec.indexes || []).map((i) => ({ ...i })) };
    const prev = this.st.collGet.get(spec.name) as any;
    const json = JSON.stringify(normalized);
    if (prev && prev.spec === json) {
      this.specs.set(spec.name, normalized);
      return;
    }
    this.db.transaction(() => {
      this.st.collPut.run(spec.name, json);
      this.specs.set(spec.name, normalized);
      if (prev) {
        this.db.prepare('DELETE FROM _ix WHERE coll = ?').run(spec.name);
        for (const r of this.st.scan.all(spec.name) as Row[]) this.indexDoc(spec.name, r.id, decodeDoc(r.doc));
      }
    })();
  }

  /** `db.createCollection(name)`: a collection with no declared index. */
  createCollection(name: string) {
    if (this.specs.has(name)) throw new DbError('DATABASE_REQUEST_FAILED', `[ResourceInUse] Table exist: ${name}`);
    this.declareCollection({ name, indexes: [] });
  }

  private requireColl(name: string): CollectionSpec {
    const s = this.specs.get(name);
    if (!s) throw ERR.collectionNotExists(name);
    return s;
  }

  // ---------------------------------------------------------------- counters

  private count(c: Partial<Counters>) {
    for (const k of Object.keys(c) as (keyof Counters)[]) this.totals[k] += c[k] || 0;
    this.onCount(c);
  }

  // ---------------------------------------------------------------- planner

  /**
   * Rows that can possibly match `query`, in natural order. Uses `_id` or the
   * first key of a declared index when the query pins it (equality or $in,
   * directly or inside a top-level $and); otherwise a full collection scan.
   */
  candidates(coll: string, query: any): Iterable<Row> {
    const spec = this.requireColl(coll);
    const plans: { kind: 'ids' | 'index'; idx?: string; keys: string[] }[] = [];
    const firstKeys = new Map<string, IndexSpec>();
    for (const ix of spec.indexes) {
      const k = Object.keys(ix.keys)[0];
      if (k && !firstKeys.has(k)) firstKeys.set(k, ix);
    }
    const consider = (field: string, cond: any) => {
      const keys = equalityKeys(cond);
      if (!keys) return;
      if (field === '_id') plans.push({ kind: 'ids', keys });
      else if (firstKeys.has(field)) plans.push({ kind: 'index', idx: firstKeys.get(field)!.name, keys });
    };
    const walk = (q: any) => {
      if (!isPlainObject(q)) return;
      for (const [k, v] of Object.entries(q)) {
        if (k === '$and' && Array.isArray(v)) v.forEach(walk);
        else if (!k.startsWith('$')) consider(k, v);
      }
    };
    walk(query);
    const ids = plans.find((p) => p.kind === 'ids');
    if (ids) return this.st.byIds.iterate(coll, JSON.stringify(ids.keys)) as Iterable<Row>;
    if (plans.length) {
      // Several usable indexes: take the most selective (index-only counts are cheap).
      let best = plans[0];
      let bestN = Infinity;
      for (const p of plans) {
        const n = plans.length === 1 ? 0 : (this.st.countIndex.get(coll, p.idx, JSON.stringify(p.keys)) as any).n;
        if (n < bestN) [best, bestN] = [p, n];
      }
      return this.st.byIndex.iterate({ coll, idx: best.idx, keys: JSON.stringify(best.keys) }) as Iterable<Row>;
    }
    return this.st.scan.iterate(coll) as Iterable<Row>;
  }

  /** Matching documents in natural order; stops early when `stopAfter` matches were found. */
  private matching(coll: string, query: any, stopAfter = Infinity): { row: Row; doc: any }[] {
    const q = query && Object.keys(query).length ? new Query(query) : null;
    const out: { row: Row; doc: any }[] = [];
    let scanned = 0;
    const it = this.candidates(coll, query || {});
    try {
      for (const row of it) {
        scanned++;
        const doc = decodeDoc(row.doc);
        if (!q || q.test(doc)) {
          out.push({ row, doc });
          if (out.length >= stopAfter) break;
        }
      }
    } finally {
      // an early `break` leaves the statement iterator open; close it so the connection is usable
      (it as any).return?.();
    }
    this.count({ scanned });
    return out;
  }

  // ---------------------------------------------------------------- reads

  find(coll: string, query: any, opts: FindOptions = {}): any[] {
    const limit = clampLimit(opts.limit);
    const skip = Math.max(0, opts.skip || 0);
    const hasOrder = opts.order && Object.keys(opts.order).length > 0;
    const matches = this.matching(coll, query, hasOrder ? Infinity : skip + limit).map((m) => m.doc);
    let cursor = mingoFind(matches, {}, opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined);
    if (hasOrder) cursor = cursor.sort(opts.order as any);
    const docs = cursor.skip(skip).limit(limit).all();
    this.count({ queries: 1, reads: docs.length });
    return docs;
  }

  getById(coll: string, id: any, projection?: Record<string, any>): any | null {
    this.requireColl(coll);
    const row = this.st.getDoc.get(coll, encodeKey(id)) as Row | undefined;
    this.count({ queries: 1, scanned: row ? 1 : 0, reads: row ? 1 : 0 });
    if (!row) return null;
    const doc = decodeDoc(row.doc);
    return projection && Object.keys(projection).length ? mingoFind([doc], {}, projection).all()[0] : doc;
  }

  countDocs(coll: string, query: any): number {
    this.requireColl(coll);
    let n: number;
    if (!query || Object.keys(query).length === 0) n = (this.st.countAll.get(coll) as any).n;
    else n = this.matching(coll, query).length;
    this.count({ queries: 1 });
    return n;
  }

  aggregate(coll: string, pipeline: any[]): any[] {
    this.requireColl(coll);
    for (const stage of pipeline) {
      const op = Object.keys(stage)[0];
      if (op === '$out' || op === '$merge') throw ERR.invalid(`aggregate stage ${op} is not supported`);
    }
    let stages = pipeline;
    let source: any[];
    if (stages.length && stages[0].$match) {
      // Leading $match goes through the planner, so indexed aggregations stay indexed.
      source = this.matching(coll, stages[0].$match).map((m) => m.doc);
      stages = stages.slice(1);
    } else source = this.matching(coll, {}).map((m) => m.doc);
    if (!pipeline.some((s) => '$limit' in s)) stages = [...stages, { $limit: AGGREGATE_DEFAULT_LIMIT }];
    const agg = new Aggregator(stages, {
      collectionResolver: (name: string) => (this.specs.has(name) ? this.matching(name, {}).map((m) => m.doc) : []),
    } as any);
    const out = agg.run(source) as any[];
    this.count({ queries: 1, reads: out.length });
    return out;
  }

  // ---------------------------------------------------------------- writes (each call is one atomic SQLite transaction)

  insert(coll: string, docs: any[]): any[] {
    this.requireColl(coll);
    const prepared = docs.map((d) => {
      validateDoc(d);
      return d._id === undefined ? { _id: newId(), ...d } : d;
    });
    this.db.transaction(() => {
      for (const d of prepared) this.writeDoc(coll, d._id, d, 'insert');
    })();
    this.count({ writes: prepared.length });
    return prepared.map((d) => d._id);
  }

  /** `doc(id).set()`: replace, or insert when absent (upsert). */
  replace(coll: string, id: any, data: any): { updated: number; upserted: boolean } {
    this.requireColl(coll);
    validateDoc(data);
    const doc = { ...data, _id: id };
    const prev = this.st.getDoc.get(coll, encodeKey(id)) as Row | undefined;
    if (prev && prev.doc === encodeDoc(doc)) return { updated: 0, upserted: false };
    this.db.transaction(() => this.writeDoc(coll, id, doc, prev ? 'update' : 'insert'))();
    this.count({ writes: 1, scanned: prev ? 1 : 0 });
    return { updated: prev ? 1 : 0, upserted: !prev };
  }

  /** where().update() / doc().update(): apply update operators to every (or the first) matching doc. All-or-nothing. */
  update(coll: string, query: any, modifier: any, multi: boolean): number {
    this.requireColl(coll);
    validateModifier(modifier);
    const matches = this.matching(coll, query, multi ? Infinity : 1);
    const changed: { id: any; doc: any }[] = [];
    for (const m of matches) {
      const next = applyModifier(m.doc, modifier);
      if (next) changed.push({ id: m.doc._id, doc: next });
    }
    if (changed.length) {
      this.db.transaction(() => {
        for (const c of changed) this.writeDoc(coll, c.id, c.doc, 'update');
      })();
    }
    this.count({ writes: changed.length });
    return changed.length;
  }

  remove(coll: string, query: any, multi: boolean): number {
    this.requireColl(coll);
    const matches = this.matching(coll, query, multi ? Infinity : 1);
    this.db.transaction(() => {
      for (const m of matches) this.deleteDoc(coll, m.row.id);
    })();
    this.count({ writes: matches.length });
    return matches.length;
  }

  /** Bulk load for seeding and benchmarks: one transaction, same validation and unique checks as add(). */
  seed(coll: string, docs: any[]): any[] {
    return this.insert(coll, docs);
  }

  private writeDoc(coll: string, id: any, doc: any, mode: 'insert' | 'update') {
    const key = encodeKey(id);
    const ver = ++this.seq;
    if (mode === 'insert') {
      try {
        this.st.insertDoc.run(coll, key, ver, encodeDoc(doc));
      } catch (e: any) {
        if (String(e.code).startsWith('SQLITE_CONSTRAINT')) throw ERR.duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(id)} }`);
        throw e;
      }
    } else this.st.updateDoc.run(ver, encodeDoc(doc), coll, key);
    this.st.ixDelete.run(coll, key);
    this.indexDoc(coll, key, doc);
  }

  private deleteDoc(coll: string, key: string) {
    const ver = ++this.seq;
    this.st.deleteDoc.run(coll, key);
    this.st.ixDelete.run(coll, key);
    if (this.txs.size) this.deletedAt.set(`${coll}\u0000${key}`, ver);
  }

  private indexDoc(coll: string, key: string, doc: any) {
    const spec = this.specs.get(coll);
    if (!spec) return;
    for (const ix of spec.indexes) {
      const fields = Object.keys(ix.keys);
      // Multikey: one entry per combination of array elements (Mongo allows only
      // one array field per compound index; we simply take the product).
      let tuples: any[][] = [[]];
      for (const f of fields) {
        const vals = indexValues(doc, f);
        tuples = tuples.flatMap((t) => vals.map((v) => [...t, v]));
      }
      const seen = new Set<string>();
      for (const t of tuples) {
        const kfull = JSON.stringify(t.map(encodeKey));
        if (seen.has(kfull)) continue;
        seen.add(kfull);
        try {
          this.st.ixInsert.run(coll, ix.name, encodeKey(t[0]), kfull, key, ix.unique ? 1 : 0);
        } catch (e: any) {
          if (String(e.code).startsWith('SQLITE_CONSTRAINT')) {
            const dup = '{ ' + fields.map((f, i) => `${f}: ${JSON.stringify(t[i])}`).join(', ') + ' }';
            throw ERR.duplicateKey(coll, ix.name, dup);
          }
          throw e;
        }
      }
    }
  }

  // ---------------------------------------------------------------- transactions (snapshot isolation, first committer wins)

  beginTx(): string {
    // Abandoned transactions (startTransaction without commit/rollback) expire like on the server.
    const now = Date.now();
    for (const [id, tx] of this.txs) if (now - tx.startedAt > 10 * 60_000) this.txs.delete(id);
    const id = 'emu-tx-' + crypto.randomBytes(8).toString('hex');
    this.txs.set(id, { id, startSeq: this.seq, startedAt: now, observed: new Map(), writes: new Map() });
    return id;
  }

  private tx(id: string): Tx {
    const tx = this.txs.get(id);
    if (!tx) throw ERR.txNotFound();
    return tx;
  }

  /** Read inside a transaction: own buffered writes first, then committed state (version recorded for the commit check). */
  txGet(txId: string, coll: string, id: any): any | null {
    const tx = this.tx(txId);
    this.requireColl(coll);
    const k = docKey(coll, id);
    this.count({ queries: 1 });
    if (tx.writes.has(k)) {
      const d = tx.writes.get(k)!.doc;
      this.count({ reads: d ? 1 : 0 });
      return d ? structuredClone(d) : null;
    }
    const row = this.st.getDoc.get(coll, encodeKey(id)) as Row | undefined;
    if (!tx.observed.has(k)) tx.observed.set(k, row ? row.ver : 0);
    this.count({ scanned: row ? 1 : 0, reads: row ? 1 : 0 });
    return row ? decodeDoc(row.doc) : null;
  }

  private txCurrent(tx: Tx, coll: string, id: any): any | null {
    const k = docKey(coll, id);
    if (tx.writes.has(k)) return tx.writes.get(k)!.doc;
    const row = this.st.getDoc.get(coll, encodeKey(id)) as Row | undefined;
    if (!tx.observed.has(k)) tx.observed.set(k, row ? row.ver : 0);
    return row ? decodeDoc(row.doc) : null;
  }

  txInsert(txId: string, coll: string, doc: any): any {
    const tx = this.tx(txId);
    this.requireColl(coll);
    validateDoc(doc);
    const full = doc._id === undefined ? { _id: newId(), ...doc } : doc;
    if (this.txCurrent(tx, coll, full._id)) throw ERR.duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(full._id)} }`);
    tx.writes.set(docKey(coll, full._id), { coll, id: full._id, doc: full });
    return full._id;
  }

  txSet(txId: string, coll: string, id: any, data: any): { updated: number; upserted: boolean } {
    const tx = this.tx(txId);
    this.requireColl(coll);
    validateDoc(data);
    const prev = this.txCurrent(tx, coll, id);
    tx.writes.set(docKey(coll, id), { coll, id, doc: { ...data, _id: id } });
    return { updated: prev ? 1 : 0, upserted: !prev };
  }

  txUpdate(txId: string, coll: string, id: any, modifier: any): number {
    const tx = this.tx(txId);
    this.requireColl(coll);
    validateModifier(modifier);
    const prev = this.txCurrent(tx, coll, id);
    if (!prev) return 0;
    const next = applyModifier(prev, modifier);
    if (!next) return 0;
    tx.writes.set(docKey(coll, id), { coll, id, doc: next });
    return 1;
  }

  txRemove(txId: string, coll: string, id: any): number {
    const tx = this.tx(txId);
    this.requireColl(coll);
    const prev = this.txCurrent(tx, coll, id);
    if (!prev) return 0;
    tx.writes.set(docKey(coll, id), { coll, id, doc: null });
    return 1;
  }

  /**
   * Commit atomically. Conflict when any document this transaction read or
   * wrote was changed by someone else after the transaction's snapshot
   * (first committer wins) — the SDK's runTransaction then retries the callback.
   */
  txCommit(txId: string) {
    const tx = this.tx(txId);
    this.txs.delete(txId);
    try {
      this.db.transaction(() => {
        for (const [k, seen] of tx.observed) {
          const [coll, key] = k.split('\u0000');
          const row = this.st.getDoc.get(coll, key) as Row | undefined;
          const now = row ? row.ver : 0;
          const deletedLater = !row && (this.deletedAt.get(k) || 0) > tx.startSeq;
          if (now !== seen || seen > tx.startSeq || deletedLater) throw ERR.conflict();
        }
        for (const w of tx.writes.values()) {
          const key = encodeKey(w.id);
          const exists = !!this.st.getDoc.get(w.coll, key);
          if (w.doc === null) {
            if (exists) this.deleteDoc(w.coll, key);
          } else this.writeDoc(w.coll, w.id, w.doc, exists ? 'update' : 'insert');
        }
      })();
      this.count({ writes: tx.writes.size });
    } finally {
      if (!this.txs.size) this.deletedAt.clear();
    }
  }

  txAbort(txId: string) {
    this.txs.delete(txId);
    if (!this.txs.size) this.deletedAt.clear();
  }

  // ---------------------------------------------------------------- outbox

  outboxAdd(kind: string, payload: any, state = 'recorded'): number {
    return Number(this.st.outAdd.run(kind, Date.now(), state, encodeDoc(payload)).lastInsertRowid);
  }
  outboxList(kind?: string): OutboxEntry[] {
    const rows = (kind ? this.st.outKind.all(kind) : this.st.outAll.all()) as any[];
    return rows.map(toEntry);
  }
  outboxGet(seq: number): OutboxEntry | undefined {
    const r = this.st.outGet.get(seq);
    return r ? toEntry(r) : undefined;
  }
  outboxSet(seq: number, state: string, payload: any) {
    this.st.outSet.run(state, encodeDoc(payload), seq);
  }
  outboxClear() {
    this.st.outClear.run();
  }
}

function toEntry(r: any): OutboxEntry {
  return { seq: r.seq, kind: r.kind, at: new Date(r.at), state: r.state, payload: decodeDoc(r.payload) };
}

function clampLimit(limit?: number): number {
  if (!limit || limit <= 0) return DEFAULT_LIMIT;
  return Math.min(limit, MAX_LIMIT);
}

/** Keys usable for an index lookup: `v`, `{$eq: v}` or `{$in: [v…]}` with scalar values. */
function equalityKeys(cond: any): string[] | null {
  if (isIndexableScalar(cond)) return [encodeKey(cond)];
  if (!isPlainObject(cond)) return null;
  if ('$eq' in cond && isIndexableScalar(cond.$eq)) return [encodeKey(cond.$eq)];
  if (Array.isArray(cond.$in) && cond.$in.every(isIndexableScalar)) return cond.$in.map(encodeKey);
  return null;
}

/** CloudBase-style ids: 32 hex chars. */
export function newId(): string {
  return crypto.randomBytes(16).toString('hex');
}

function validateDoc(d: any) {
  if (!isPlainObject(d)) throw ERR.invalid('document must be an object');
  const check = (v: any) => {
    if (Array.isArray(v)) v.forEach(check);
    else if (isPlainObject(v))
      for (const k of Object.keys(v)) {
        if (k.startsWith('$')) throw ERR.invalid(`field names cannot start with '$': ${k}`);
        check(v[k]);
      }
  };
  check(d);
  if (d._id !== undefined && typeof d._id !== 'string' && typeof d._id !== 'number') throw ERR.invalid('_id must be a string or a number');
}

function validateModifier(m: any) {
  if (!isPlainObject(m) || !Object.keys(m).length) throw ERR.invalid('update data must be a non-empty object');
  for (const k of Object.keys(m)) if (!k.startsWith('$')) throw ERR.invalid(`unknown update operator for field ${k}`);
}

/** Apply update operators to a copy; null when nothing changed (Mongo's nModified semantics: `stats.updated` counts real changes). */
function applyModifier(doc: any, modifier: any): any | null {
  const next = structuredClone(doc);
  let fields: string[];
  try {
    fields = mingoUpdate(next, modifier, undefined, undefined, { cloneMode: 'deep' });
  } catch (e: any) {
    throw new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${e.message}`);
  }
  if (!fields.length) return null;
  if (encodeKey(next._id) !== encodeKey(doc._id)) {
    throw new DbError('DATABASE_REQUEST_FAILED', "[FailedOperation] Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return next;
}
