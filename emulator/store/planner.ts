/**
 * Query planner: the multikey side index `_ix` and the choice of which `_docs`
 * rows a query loads.
 *
 *   _ix(coll, idx, k1, kfull, id, uniq)
 *     one row per index key of every declared index: k1 = encoded value of the
 *     index's FIRST key (lookups), kfull = encoded tuple of all keys (uniqueness
 *     via a partial UNIQUE index WHERE uniq = 1).
 *
 * Why a side table rather than SQLite expression indexes on json_extract():
 * Mongo indexes are multikey (an array field is indexed element by element and
 * `{tags: 'x'}` matches `tags: ['x', 'y']`) and treat a missing field as null.
 * json_extract() indexes do neither, so an index-assisted query would silently
 * miss documents. The side table reproduces Mongo's index semantics and lets
 * SQLite enforce unique indexes atomically inside the write transaction.
 *
 * The planner uses equality / $in conditions on `_id` or on the first key of a
 * declared index (Mongo's prefix rule: a query on the second key of a compound
 * index alone does NOT use it, as in production). Anything else is a scan.
 */
import type Database from 'better-sqlite3';
import type { IndexSpec } from '../types';
import { encodeKey, indexValues, isIndexableScalar, isPlainObject } from '../wire';
import { ERR } from './errors';
import type { Schema } from './schema';

export type Row = { rid: number; id: string; ver: number; doc: string };

export class Planner {
  private st: Record<string, Database.Statement>;

  constructor(db: Database.Database, private schema: Schema) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS _ix(coll TEXT NOT NULL, idx TEXT NOT NULL, k1 TEXT NOT NULL, kfull TEXT NOT NULL, id TEXT NOT NULL, uniq INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS _ix_lookup ON _ix(coll, idx, k1);
      CREATE INDEX IF NOT EXISTS _ix_doc ON _ix(coll, id);
      CREATE UNIQUE INDEX IF NOT EXISTS _ix_unique ON _ix(coll, idx, kfull) WHERE uniq = 1;
    `);
    const p = (sql: string) => db.prepare(sql);
    this.st = {
      scan: p('SELECT rid, id, ver, doc FROM _docs WHERE coll = ? ORDER BY rid'),
      byIds: p('SELECT rid, id, ver, doc FROM _docs WHERE coll = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY rid'),
      byIndex: p(
        `SELECT d.rid AS rid, d.id AS id, d.ver AS ver, d.doc AS doc FROM _docs d
         WHERE d.coll = @coll AND d.id IN (SELECT i.id FROM _ix i WHERE i.coll = @coll AND i.idx = @idx AND i.k1 IN (SELECT value FROM json_each(@keys)))
         ORDER BY d.rid`,
      ),
      countIndex: p('SELECT count(*) AS n FROM _ix WHERE coll = ? AND idx = ? AND k1 IN (SELECT value FROM json_each(?))'),
      ixDelete: p('DELETE FROM _ix WHERE coll = ? AND id = ?'),
      ixDrop: p('DELETE FROM _ix WHERE coll = ?'),
      ixInsert: p('INSERT INTO _ix(coll, idx, k1, kfull, id, uniq) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  /**
   * Rows that can possibly match `query`, in natural order. Uses `_id` or the
   * first key of a declared index when the query pins it (equality or $in,
   * directly or inside a top-level $and); otherwise a full collection scan.
   */
  candidates(coll: string, query: any): Iterable<Row> {
    const spec = this.schema.require(coll);
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
    return this.scan(coll);
  }

  scan(coll: string): Iterable<Row> {
    return this.st.scan.iterate(coll) as Iterable<Row>;
  }

  /** Index entries for one document; a unique-index violation throws duplicate key (the caller's SQLite transaction rolls back). */
  indexDoc(coll: string, key: string, doc: any) {
    const spec = this.schema.get(coll);
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

  unindex(coll: string, key: string) {
    this.st.ixDelete.run(coll, key);
  }

  dropIndexes(coll: string) {
    this.st.ixDrop.run(coll);
  }
}

/** Keys usable for an index lookup: `v`, `{$eq: v}` or `{$in: [v…]}` with scalar values. */
export function equalityKeys(cond: any): string[] | null {
  if (isIndexableScalar(cond)) return [encodeKey(cond)];
  if (!isPlainObject(cond)) return null;
  if ('$eq' in cond && isIndexableScalar(cond.$eq)) return [encodeKey(cond.$eq)];
  if (Array.isArray(cond.$in) && cond.$in.every(isIndexableScalar)) return cond.$in.map(encodeKey);
  return null;
}
