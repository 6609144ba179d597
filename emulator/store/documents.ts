/**
 * Documents: `_docs(rid, coll, id, ver, doc)`, one row per document (doc =
 * relaxed EJSON; rid gives Mongo-like natural insertion order; ver is a global
 * version clock). Reads go through the planner and mingo; every write call is
 * one atomic SQLite transaction, and unique indexes are checked inside it.
 */
import type Database from 'better-sqlite3';
import crypto from 'crypto';
import { Aggregator, Query, find as mingoFind, update as mingoUpdate } from 'mingo';
import type { Counters } from '../types';
import { decodeDoc, encodeDoc, encodeKey, isIndexableScalar, isPlainObject } from '../wire';
import { DbError, ERR } from './errors';
import type { Planner, Row } from './planner';
import type { Schema } from './schema';

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

/** Called before a committed document changes: `prev` is its row before, `ver` the new version. */
export type ChangeListener = (coll: string, key: string, prev: Row | null, ver: number) => void;

export class Documents {
  private st: Record<string, Database.Statement>;
  /** the version clock: every committed insert, update or delete takes the next number */
  seq: number;
  onChange: ChangeListener = () => undefined;

  static createTable(db: Database.Database) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS _docs(rid INTEGER PRIMARY KEY, coll TEXT NOT NULL, id TEXT NOT NULL, ver INTEGER NOT NULL, doc TEXT NOT NULL, UNIQUE(coll, id));',
    );
  }

  constructor(
    readonly db: Database.Database,
    private schema: Schema,
    private planner: Planner,
    private count: (c: Partial<Counters>) => void,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.st = {
      getDoc: p('SELECT rid, id, ver, doc FROM _docs WHERE coll = ? AND id = ?'),
      countAll: p('SELECT count(*) AS n FROM _docs WHERE coll = ?'),
      insertDoc: p('INSERT INTO _docs(coll, id, ver, doc) VALUES (?, ?, ?, ?)'),
      updateDoc: p('UPDATE _docs SET ver = ?, doc = ? WHERE coll = ? AND id = ?'),
      deleteDoc: p('DELETE FROM _docs WHERE coll = ? AND id = ?'),
      maxVer: p('SELECT max(ver) AS v FROM _docs'),
    };
    this.seq = (this.st.maxVer.get() as any).v || 0;
  }

  /** The committed row of one document (no counters). */
  row(coll: string, key: string): Row | null {
    return (this.st.getDoc.get(coll, key) as Row | undefined) ?? null;
  }

  /**
   * Matching documents in natural order, or in `order` when the planner's index gives
   * it; stops early when `stopAfter` matches were found (with an `order`, only when
   * the index gives it). `matchingOrdered` says which happened.
   */
  matching(coll: string, query: any, stopAfter = Infinity, counted = true, order?: Record<string, 1 | -1>): { row: Row; doc: any }[] {
    return this.matchingOrdered(coll, query, stopAfter, counted, order).matches;
  }

  matchingOrdered(
    coll: string,
    query: any,
    stopAfter = Infinity,
    counted = true,
    order?: Record<string, 1 | -1>,
  ): { matches: { row: Row; doc: any }[]; ordered: boolean } {
    const out: { row: Row; doc: any }[] = [];
    let scanned = 0;
    const { plan, rows: it, repeats } = this.planner.candidates(coll, query || {}, order, stopAfter);
    // `{_id: id}` or `{_id: {$in: ids}}` alone: the primary key returned exactly the matches
    // (mingo's $in test would compare each document with every id: 1,000² for a batch).
    const idCond = query?._id;
    const idsOnly =
      plan.using === 'ids' &&
      Object.keys(query).length === 1 &&
      ((idCond !== null && isIndexableScalar(idCond)) ||
        (isPlainObject(idCond) && Object.keys(idCond).length === 1 && ('$eq' in idCond || '$in' in idCond)));
    const q = query && Object.keys(query).length && !idsOnly ? new Query(query) : null;
    const stop = order && !plan.ordered ? Infinity : stopAfter;
    // an index read in key order meets a multikey document once per element: keep the first
    const seen = repeats ? new Set<string>() : null;
    try {
      for (const row of it) {
        if (seen) {
          if (seen.has(row.id)) continue;
          seen.add(row.id);
        }
        scanned++;
        const doc = decodeDoc(row.doc);
        if (!q || q.test(doc)) {
          out.push({ row, doc });
          if (out.length >= stop) break;
        }
      }
    } finally {
      // an early `break` leaves the statement iterator open; close it so the connection is usable
      (it as any).return?.();
    }
    if (counted) this.count({ scanned });
    return { matches: out, ordered: plan.ordered };
  }

  // ---------------------------------------------------------------- reads

  find(coll: string, query: any, opts: FindOptions = {}): any[] {
    const limit = clampLimit(opts.limit);
    const skip = Math.max(0, opts.skip || 0);
    const hasOrder = opts.order && Object.keys(opts.order).length > 0;
    // With a sort, every match is loaded and sorted, unless an index gives the order:
    // then the first skip + limit in index order are the answer (sorted again: a no-op).
    const matches = this.matching(coll, query, skip + limit, true, hasOrder ? opts.order : undefined).map((m) => m.doc);
    let cursor = mingoFind(matches, {}, opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined);
    if (hasOrder) cursor = cursor.sort(opts.order as any);
    const docs = cursor.skip(skip).limit(limit).all();
    this.count({ queries: 1, reads: docs.length });
    return docs;
  }

  getById(coll: string, id: any, projection?: Record<string, any>): any | null {
    this.schema.require(coll);
    const row = this.row(coll, encodeKey(id));
    this.count({ queries: 1, scanned: row ? 1 : 0, reads: row ? 1 : 0 });
    if (!row) return null;
    const doc = decodeDoc(row.doc);
    return projection && Object.keys(projection).length ? mingoFind([doc], {}, projection).all()[0] : doc;
  }

  countDocs(coll: string, query: any): number {
    this.schema.require(coll);
    let n: number;
    if (!query || Object.keys(query).length === 0) n = (this.st.countAll.get(coll) as any).n;
    else {
      // An index that holds the whole query counts its entries without fetching a
      // document (Mongo's COUNT_SCAN); they still count as scanned: a count walks them.
      const covered = this.planner.countCovered(coll, query);
      if (covered) {
        n = covered.n;
        this.count({ scanned: covered.examined });
      } else n = this.matching(coll, query).length;
    }
    this.count({ queries: 1 });
    return n;
  }

  aggregate(coll: string, pipeline: any[]): any[] {
    this.schema.require(coll);
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
      collectionResolver: (name: string) => (this.schema.has(name) ? this.matching(name, {}).map((m) => m.doc) : []),
    } as any);
    const out = agg.run(source) as any[];
    this.count({ queries: 1, reads: out.length });
    return out;
  }

  // ---------------------------------------------------------------- writes (each call is one atomic SQLite transaction)

  insert(coll: string, docs: any[]): any[] {
    this.schema.require(coll);
    const prepared = docs.map((d) => {
      validateDoc(d);
      return d._id === undefined ? { _id: newId(), ...d } : d;
    });
    this.db.transaction(() => {
      for (const d of prepared) this.writeDoc(coll, d._id, d, null);
    })();
    this.count({ writes: prepared.length });
    return prepared.map((d) => d._id);
  }

  /** `doc(id).set()`: replace, or insert when absent (upsert). */
  replace(coll: string, id: any, data: any): { updated: number; upserted: boolean } {
    this.schema.require(coll);
    validateDoc(data);
    const doc = { ...data, _id: id };
    const prev = this.row(coll, encodeKey(id));
    if (prev && prev.doc === encodeDoc(doc)) return { updated: 0, upserted: false };
    this.db.transaction(() => this.writeDoc(coll, id, doc, prev))();
    this.count({ writes: 1, scanned: prev ? 1 : 0 });
    return { updated: prev ? 1 : 0, upserted: !prev };
  }

  /** where().update() / doc().update(): apply update operators to every (or the first) matching doc. All-or-nothing. */
  update(coll: string, query: any, modifier: any, multi: boolean): number {
    this.schema.require(coll);
    validateModifier(modifier);
    const matches = this.matching(coll, query, multi ? Infinity : 1);
    const changed: { id: any; doc: any; row: Row }[] = [];
    for (const m of matches) {
      const next = applyModifier(m.doc, modifier);
      if (next) changed.push({ id: m.doc._id, doc: next, row: m.row });
    }
    if (changed.length) {
      this.db.transaction(() => {
        for (const c of changed) this.writeDoc(coll, c.id, c.doc, c.row);
      })();
    }
    this.count({ writes: changed.length });
    return changed.length;
  }

  remove(coll: string, query: any, multi: boolean): number {
    this.schema.require(coll);
    const matches = this.matching(coll, query, multi ? Infinity : 1);
    this.db.transaction(() => {
      for (const m of matches) this.deleteDoc(coll, m.row);
    })();
    this.count({ writes: matches.length });
    return matches.length;
  }

  /** Write one document (insert when `prev` is null). Call inside a SQLite transaction. */
  writeDoc(coll: string, id: any, doc: any, prev: Row | null) {
    const key = encodeKey(id);
    const ver = ++this.seq;
    this.onChange(coll, key, prev, ver);
    let rid: number;
    if (!prev) {
      try {
        rid = Number(this.st.insertDoc.run(coll, key, ver, encodeDoc(doc)).lastInsertRowid);
      } catch (e: any) {
        if (String(e.code).startsWith('SQLITE_CONSTRAINT')) throw ERR.duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(id)} }`);
        throw e;
      }
    } else {
      this.st.updateDoc.run(ver, encodeDoc(doc), coll, key);
      rid = prev.rid;
    }
    this.planner.unindex(coll, key);
    this.planner.indexDoc(coll, key, doc, rid);
  }

  /** Delete one document. Call inside a SQLite transaction. */
  deleteDoc(coll: string, prev: Row) {
    const ver = ++this.seq;
    this.onChange(coll, prev.id, prev, ver);
    this.st.deleteDoc.run(coll, prev.id);
    this.planner.unindex(coll, prev.id);
  }
}

function clampLimit(limit?: number): number {
  if (!limit || limit <= 0) return DEFAULT_LIMIT;
  return Math.min(limit, MAX_LIMIT);
}

/** CloudBase-style ids: 32 hex chars. */
export function newId(): string {
  return crypto.randomBytes(16).toString('hex');
}

export function validateDoc(d: any) {
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

export function validateModifier(m: any) {
  if (!isPlainObject(m) || !Object.keys(m).length) throw ERR.invalid('update data must be a non-empty object');
  for (const k of Object.keys(m)) if (!k.startsWith('$')) throw ERR.invalid(`unknown update operator for field ${k}`);
}

/** Apply update operators to a copy; null when nothing changed (Mongo's nModified semantics: `stats.updated` counts real changes). */
export function applyModifier(doc: any, modifier: any): any | null {
  const next = structuredClone(doc);
  let fields: string[];
  try {
    fields = mingoUpdate(next, modifier, undefined, undefined, { cloneMode: 'deep' });
  } catch (e: any) {
    throw new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${e.message}`);
  }
  if (!fields.length) return null;
  if (encodeKey(next._id) !== encodeKey(doc._id)) {
    throw new DbError(
      'DATABASE_REQUEST_FAILED',
      "[FailedOperation] Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  return next;
}
