/**
 * Query planner: the multikey side index `_ix` and the choice of which `_docs`
 * rows a query loads, in which order.
 *
 *   _ix(coll, idx, k1, k2, k3, k4, kfull, id, uniq)
 *     one row per index key of every declared index: k1…k4 = the index's first
 *     four keys in an ORDER-PRESERVING encoding (`sortKey`: equality, ranges and
 *     sorts run as SQLite range scans), kfull = encoded tuple of all keys
 *     (uniqueness via a partial UNIQUE index WHERE uniq = 1).
 *
 * Why a side table rather than SQLite expression indexes on json_extract():
 * Mongo indexes are multikey (an array field is indexed element by element and
 * `{tags: 'x'}` matches `tags: ['x', 'y']`) and treat a missing field as null.
 * json_extract() indexes do neither, so an index-assisted query would silently
 * miss documents. The side table reproduces Mongo's index semantics and lets
 * SQLite enforce unique indexes atomically inside the write transaction.
 *
 * Plans modelled (MongoDB's index bounds, which CloudBase's document database
 * uses: https://www.mongodb.com/docs/manual/core/indexes/index-types/index-compound/
 * "prefixes" and .../tutorial/sort-results-with-indexes/):
 *   - `_id` equality / `$in` → those documents; `_id` range on string ids → a
 *     range of the primary key, in `_id` order;
 *   - a declared index: equality / `$in` on a PREFIX of its keys, then optionally a
 *     range (`$gt/$gte/$lt/$lte`) on the next key → only that range is loaded;
 *   - the same index also gives the query's ORDER when the sort keys are the keys
 *     after the equality prefix (all in the index's directions, or all reversed)
 *     and each prefix key has one value: then reading stops after skip + limit;
 *   - a query on the second key of a compound index alone does NOT use it
 *     (the prefix rule), so it scans the collection, as in production;
 *   - with a limit and no sort, an index plan reads in index order and stops at
 *     the limit (Mongo returns an index scan's documents in index order).
 * SQLite walks `_ix_lookup` (which ends with the document's `rid`) in order and
 * never sorts a whole range before the first row: what `scanned` counts is what
 * the store did.
 * Among several usable plans the one whose range holds the fewest index entries
 * wins (counted in the index only, up to COUNT_CAP); a sorted plan counts only what it
 * will read.
 */
import type Database from 'better-sqlite3';
import { decodeDoc, encodeKey, indexValues, isDate, isIndexableScalar, isPlainObject, toWire } from '../wire';
import { ERR } from './errors';
import type { Schema } from './schema';

export type Row = { rid: number; id: string; ver: number; doc: string };

/** How many leading keys of an index the planner can bound (our indexes have at most 4). */
export const PLANNED_KEYS = 4;
const K = ['k1', 'k2', 'k3', 'k4'];
/** Index entries counted at most when comparing plans. */
const COUNT_CAP = 2000;

export type Plan = {
  /** 'scan', 'ids', 'idRange' or the index name */
  using: string;
  /** index keys bound by equality, then a ranged key (if any) */
  equality: string[];
  range?: string;
  /** rows come in the query's sort order (the caller may stop after skip + limit) */
  ordered: boolean;
};

type Bound = { lo?: { v: string; inc: boolean }; hi?: { v: string; inc: boolean } };
/**
 * `sql` reads the plan's rows in natural order (or in the sort order when `ordered`);
 * `walkSql`, when given, reads the same rows in index order, so a query with a limit
 * and no sort can stop as soon as it has enough (Mongo returns an index scan's
 * documents in index order and stops there).
 */
type Candidate = Plan & { sql: string; params: unknown[]; countSql?: string; walkSql?: string; walkParams?: unknown[]; where?: string };

export class Planner {
  private st: Record<string, Database.Statement>;
  private cache = new Map<string, Database.Statement>();
  /** `coll\0index` → whether some document has several entries in it (Mongo's multikey flag: once set, it stays). */
  private multikey = new Map<string, boolean>();

  constructor(
    private db: Database.Database,
    private schema: Schema,
  ) {
    // A data dir written before compound planning (no k2…k4) or before `rid` was kept
    // beside each entry: rebuild `_ix`.
    const cols = (db.prepare("SELECT name FROM pragma_table_info('_ix')").all() as { name: string }[]).map((c) => c.name);
    const rebuild = cols.length > 0 && !cols.includes('rid');
    if (rebuild) db.exec('DROP TABLE _ix');
    // `rid` (the document's natural-order number) ends the lookup index, so a range of
    // the index is stored in Mongo's index order (keys, then record) and SQLite can walk
    // it in order and stop: no sort of the whole range before the first row.
    // `_docs_coll` lets a collection scan walk in natural order and stop the same way.
    db.exec(`
      CREATE TABLE IF NOT EXISTS _ix(coll TEXT NOT NULL, idx TEXT NOT NULL, k1 TEXT NOT NULL, k2 TEXT, k3 TEXT, k4 TEXT, kfull TEXT NOT NULL, id TEXT NOT NULL, uniq INTEGER NOT NULL, rid INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS _ix_lookup ON _ix(coll, idx, k1, k2, k3, k4, rid);
      CREATE INDEX IF NOT EXISTS _ix_doc ON _ix(coll, id);
      CREATE UNIQUE INDEX IF NOT EXISTS _ix_unique ON _ix(coll, idx, kfull) WHERE uniq = 1;
      CREATE INDEX IF NOT EXISTS _docs_coll ON _docs(coll);
    `);
    const p = (sql: string) => db.prepare(sql);
    this.st = {
      scan: p('SELECT rid, id, ver, doc FROM _docs WHERE coll = ? ORDER BY rid'),
      // `rid + 0`: sort the few documents asked for, rather than walk the collection in order.
      byIds: p('SELECT rid, id, ver, doc FROM _docs WHERE coll = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY rid + 0'),
      ixDelete: p('DELETE FROM _ix WHERE coll = ? AND id = ?'),
      ixDrop: p('DELETE FROM _ix WHERE coll = ?'),
      ixInsert: p('INSERT INTO _ix(coll, idx, k1, k2, k3, k4, kfull, id, uniq, rid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    };
    if (rebuild) {
      db.transaction(() => {
        for (const name of schema.names()) for (const r of [...this.scan(name)]) this.indexDoc(name, r.id, decodeDoc(r.doc), r.rid);
      })();
    }
  }

  private prepared(sql: string) {
    let s = this.cache.get(sql);
    if (!s) this.cache.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** The plan `candidates` would use (for tests and `emu.explain`). */
  explain(coll: string, query: any, order?: Record<string, 1 | -1>, want = Infinity): Plan {
    const c = this.choose(coll, query, order, want);
    return { using: c.using, equality: c.equality, range: c.range, ordered: c.ordered };
  }

  /**
   * Rows that can possibly match `query`: in natural order, or in the order of
   * `order` when the chosen plan is `ordered`. `want` (skip + limit) lets a
   * sorted plan beat a smaller unsorted one.
   */
  candidates(
    coll: string,
    query: any,
    order?: Record<string, 1 | -1>,
    want = Infinity,
  ): { plan: Plan; rows: Iterable<Row>; repeats: boolean } {
    const { plan, sql, params, repeats } = this.statement(coll, query, order, want);
    return { plan, rows: this.prepared(sql).iterate(...params) as Iterable<Row>, repeats };
  }

  /** SQLite's own plan for the rows `candidates` reads (EXPLAIN QUERY PLAN), for tests: no `TEMP B-TREE` means it stops with the caller. */
  sqlPlan(coll: string, query: any, order?: Record<string, 1 | -1>, want = Infinity): string[] {
    const { sql, params } = this.statement(coll, query, order, want);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  }

  private statement(coll: string, query: any, order: Record<string, 1 | -1> | undefined, want: number) {
    const c = this.choose(coll, query, order, want);
    const plan: Plan = { using: c.using, equality: c.equality, range: c.range, ordered: c.ordered };
    if (c.using === 'scan') return { plan, sql: this.st.scan.source, params: [coll] as unknown[], repeats: false };
    // No sort and a limit: walk the index in its order and stop early, as Mongo does.
    const walk = !order && want !== Infinity && !!c.walkSql;
    // Index order meets a multikey document once per element (the caller keeps the first).
    const repeats = c.ordered || (walk && c.using !== 'idRange');
    return walk ? { plan, sql: c.walkSql!, params: c.walkParams!, repeats } : { plan, sql: c.sql, params: c.params, repeats };
  }

  private choose(coll: string, query: any, order: Record<string, 1 | -1> | undefined, want: number): Candidate {
    const spec = this.schema.require(coll);
    const conds = topLevelConditions(query || {});
    const sortKeys = order ? Object.entries(order) : [];
    const plans: Candidate[] = [];

    const idCond = conds.get('_id');
    const idVals = idCond && equalityValues(idCond);
    if (idVals) {
      const idKeys = idVals.map(encodeKey);
      // the primary key: nothing is cheaper
      return { using: 'ids', equality: ['_id'], ordered: false, sql: this.st.byIds.source, params: [coll, JSON.stringify(idKeys)] };
    }
    const idRange = idCond && stringRange(idCond);
    if (idRange) {
      const where = ['coll = ?'];
      const params: unknown[] = [coll];
      if (idRange.lo) {
        where.push(`id ${idRange.lo.inc ? '>=' : '>'} ?`);
        params.push('s:' + idRange.lo.v);
      } else {
        where.push('id >= ?');
        params.push('s:');
      }
      if (idRange.hi) {
        where.push(`id ${idRange.hi.inc ? '<=' : '<'} ?`);
        params.push('s:' + idRange.hi.v);
      } else {
        where.push('id < ?');
        params.push('s;');
      }
      const ordered = sortKeys.length === 1 && sortKeys[0][0] === '_id';
      const dir = ordered && sortKeys[0][1] === -1 ? 'DESC' : 'ASC';
      plans.push({
        using: 'idRange',
        equality: [],
        range: '_id',
        ordered,
        sql: `SELECT rid, id, ver, doc FROM _docs WHERE ${where.join(' AND ')} ORDER BY ${ordered ? `id ${dir}` : 'rid + 0'}`,
        params,
        walkSql: `SELECT rid, id, ver, doc FROM _docs WHERE ${where.join(' AND ')} ORDER BY id`,
        walkParams: params,
        countSql: `SELECT count(*) AS n FROM (SELECT 1 FROM _docs WHERE ${where.join(' AND ')} LIMIT ?)`,
      });
    }

    for (const ix of spec.indexes) {
      const fields = Object.keys(ix.keys).slice(0, PLANNED_KEYS);
      const where: string[] = ['i.coll = ?', 'i.idx = ?'];
      const params: unknown[] = [coll, ix.name];
      const equality: string[] = [];
      let single = true;
      let p = 0;
      for (; p < fields.length; p++) {
        const c = conds.get(fields[p]);
        const vals = c === undefined ? null : equalityValues(c);
        const keys = vals && vals.map(sortKey);
        if (!keys) break;
        equality.push(fields[p]);
        if (keys.length !== 1) single = false;
        // One value as `=`, so SQLite knows the rest of the index is in order.
        if (keys.length === 1) {
          where.push(`i.${K[p]} = ?`);
          params.push(keys[0]);
        } else {
          where.push(`i.${K[p]} IN (SELECT value FROM json_each(?))`);
          params.push(JSON.stringify(keys));
        }
      }
      let range: string | undefined;
      if (p < fields.length && conds.has(fields[p])) {
        const b = rangeBound(conds.get(fields[p]));
        if (b) {
          range = fields[p];
          if (b.lo) {
            where.push(`i.${K[p]} ${b.lo.inc ? '>=' : '>'} ?`);
            params.push(b.lo.v);
          }
          if (b.hi) {
            where.push(`i.${K[p]} ${b.hi.inc ? '<=' : '<'} ?`);
            params.push(b.hi.v);
          }
        }
      }
      // The index gives the order when the sort keys (less those pinned to one value)
      // are the keys right after the equality prefix, all forward or all reversed.
      const rest = sortKeys.filter(([f]) => !(equality.includes(f) && single));
      let ordered = false;
      let dir: 'ASC' | 'DESC' = 'ASC';
      if (rest.length && single && rest.length <= fields.length - p) {
        const same = rest.every(([f, d], j) => fields[p + j] === f && ix.keys[f] === d);
        const reversed = rest.every(([f, d], j) => fields[p + j] === f && ix.keys[f] === -d);
        if (same || reversed) {
          ordered = true;
          dir = same ? 'ASC' : 'DESC';
        }
      }
      if (!equality.length && !range && !ordered) continue;
      const inRange = `SELECT i.id FROM _ix i WHERE ${where.join(' AND ')}`;
      // The sort keys in the query's directions, then the index's later keys and the
      // record in the last one's direction: SQLite walks `_ix_lookup` (forward or
      // backward) without sorting the range, as Mongo walks its index. (Sort keys of
      // mixed directions in an index stored ascending still sort the range here.)
      const sortCols = fields.slice(p, p + Math.max(rest.length, 1)).map((f, j) => {
        const d = (ix.keys[f] === 1) === (dir === 'ASC') ? 'ASC' : 'DESC';
        return { col: `i.${K[p + j]}`, d };
      });
      const lastDir = sortCols.length ? sortCols[sortCols.length - 1].d : 'ASC';
      const laterCols = K.slice(p + sortCols.length).map((col) => `i.${col} ${lastDir}`);
      const orderBy = [...sortCols.map((c) => `${c.col} ${c.d}`), ...laterCols, `i.rid ${lastDir}`].join(', ');
      const walkOrder = [...K.map((k) => `i.${k}`), 'i.rid'].join(', ');
      const joined = `SELECT d.rid AS rid, d.id AS id, d.ver AS ver, d.doc AS doc FROM _ix i JOIN _docs d ON d.coll = i.coll AND d.id = i.id WHERE ${where.join(' AND ')}`;
      const sql = ordered
        ? // one row per index entry; the caller drops repeats of a multikey document
          `${joined} ORDER BY ${orderBy}`
        : `SELECT d.rid AS rid, d.id AS id, d.ver AS ver, d.doc AS doc FROM _docs d WHERE d.coll = ? AND d.id IN (${inRange}) ORDER BY d.rid + 0`;
      plans.push({
        using: ix.name,
        equality,
        range,
        ordered,
        sql,
        params: ordered ? params : [coll, ...params],
        walkSql: `${joined} ORDER BY ${walkOrder}`,
        walkParams: params,
        where: where.join(' AND '),
        countSql: `SELECT count(*) AS n FROM (SELECT 1 FROM _ix i WHERE ${where.join(' AND ')} LIMIT ?)`,
      });
    }
    if (!plans.length) return { using: 'scan', equality: [], ordered: false, sql: '', params: [] };
    if (plans.length === 1) return plans[0];
    // Several usable plans: the fewest index entries to read wins (index-only counts are
    // cheap); a plan in sort order reads at most `want` of them when nothing else filters.
    const covered = (pl: Candidate) => [...conds.keys()].every((f) => pl.equality.includes(f) || pl.range === f);
    // Counted up to a cap, as Mongo's plan trial stops early: the choice must not cost
    // more than the query (a count over a 300,000-entry range would). The most bound
    // plans are tried first, and a later one is counted only until it has lost (one
    // entry more than the best so far): Mongo's trial likewise ends when the winner is
    // done, so choosing costs about what the winning plan reads, whatever the sizes of
    // the plans that lose.
    const bound = (pl: Candidate) => pl.equality.length + (pl.range ? 1 : 0);
    const effective = new Map<Candidate, number>();
    let least = Infinity;
    for (const pl of [...plans].sort((x, y) => bound(y) - bound(x))) {
      const params = pl.using === 'idRange' ? pl.params : pl.walkParams!;
      const cap = Math.min(COUNT_CAP, least + 1);
      let n = (this.prepared(pl.countSql!).get(...params, cap) as { n: number }).n;
      if (pl.ordered && covered(pl)) n = Math.min(n, want);
      effective.set(pl, n);
      least = Math.min(least, n);
    }
    // A plan cut short counted more than the best, so it cannot win; ties go as before.
    let best = plans[0];
    let bestN = Infinity;
    for (const pl of plans) {
      const n = effective.get(pl)!;
      if (n < bestN || (n === bestN && pl.equality.length > best.equality.length)) [best, bestN] = [pl, n];
    }
    return best;
  }

  /**
   * `count()` answered from the index alone (Mongo's COUNT_SCAN: no document is
   * fetched) when one index plan holds every condition of the query: plain equality
   * or `$in` (not null) on its prefix, then at most one range. Returns the number of
   * documents and of index entries examined, or null when documents must be read.
   */
  countCovered(coll: string, query: any): { n: number; examined: number } | null {
    if (!isPlainObject(query) || !Object.keys(query).length) return null;
    for (const [k, v] of Object.entries(query)) {
      if (k.startsWith('$')) return null;
      if (isPlainObject(v) && !Object.keys(v).every((op) => op === '$eq' || op === '$in' || (RANGE_OPS as readonly string[]).includes(op)))
        return null;
      if (!isPlainObject(v) && !isIndexableScalar(v)) return null;
    }
    const c = this.choose(coll, query, undefined, Infinity);
    if (!c.where || !c.walkParams) return null;
    for (const [k, v] of Object.entries(query)) {
      const ops = isPlainObject(v) ? Object.keys(v) : ['$eq'];
      if (c.equality.includes(k)) {
        const vals = equalityValues([v]);
        const plain = !isPlainObject(v) || (ops.length === 1 && (ops[0] === '$eq' || ops[0] === '$in'));
        if (!plain || !vals || vals.some((x) => x === null)) return null;
      } else if (c.range === k) {
        if (!ops.every((op) => (RANGE_OPS as readonly string[]).includes(op))) return null;
      } else return null;
    }
    // A multikey index holds a document once per element: count documents, not entries.
    const n = this.isMultikey(coll, c.using) ? 'count(DISTINCT i.id)' : 'count(*)';
    const r = this.prepared(`SELECT ${n} AS n, count(*) AS e FROM _ix i WHERE ${c.where}`).get(...c.walkParams) as { n: number; e: number };
    return { n: r.n, examined: r.e };
  }

  private isMultikey(coll: string, idx: string): boolean {
    const k = `${coll}\u0000${idx}`;
    let m = this.multikey.get(k);
    if (m === undefined) {
      // once per index and process (a data dir opened again); writes keep it up to date after
      const row = this.prepared('SELECT 1 FROM _ix WHERE coll = ? AND idx = ? GROUP BY id HAVING count(*) > 1 LIMIT 1').get(coll, idx);
      this.multikey.set(k, (m = !!row));
    }
    return m;
  }

  scan(coll: string): Iterable<Row> {
    return this.st.scan.iterate(coll) as Iterable<Row>;
  }

  /** Index entries for one document; a unique-index violation throws duplicate key (the caller's SQLite transaction rolls back). */
  indexDoc(coll: string, key: string, doc: any, rid: number) {
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
      if (tuples.length > 1) this.multikey.set(`${coll}\u0000${ix.name}`, true);
      for (const t of tuples) {
        const kfull = JSON.stringify(t.map(encodeKey));
        if (seen.has(kfull)) continue;
        seen.add(kfull);
        const ks = K.map((_k, j) => (j < t.length ? sortKey(t[j]) : null));
        try {
          this.st.ixInsert.run(coll, ix.name, ks[0], ks[1], ks[2], ks[3], kfull, key, ix.unique ? 1 : 0, rid);
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
    for (const k of [...this.multikey.keys()]) if (k.startsWith(`${coll}\u0000`)) this.multikey.delete(k);
  }
}

/** Conditions on each field at the top level of a query (and inside top-level `$and`s). */
function topLevelConditions(query: any): Map<string, any[]> {
  const out = new Map<string, any[]>();
  const walk = (q: any) => {
    if (!isPlainObject(q)) return;
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) v.forEach(walk);
      else if (!k.startsWith('$')) out.set(k, [...(out.get(k) ?? []), v]);
    }
  };
  walk(query);
  return out;
}

/** Values usable for an index lookup: `v`, `{$eq: v}` or `{$in: [v…]}` with scalar values (the first such condition). */
export function equalityValues(conds: any[]): any[] | null {
  for (const cond of conds) {
    if (isIndexableScalar(cond)) return [cond];
    if (!isPlainObject(cond)) continue;
    if ('$eq' in cond && isIndexableScalar(cond.$eq)) return [cond.$eq];
    if (Array.isArray(cond.$in) && cond.$in.every(isIndexableScalar)) return [...cond.$in];
  }
  return null;
}

const RANGE_OPS = ['$gt', '$gte', '$lt', '$lte'] as const;

/** Raw range bounds (`$gt/$gte/$lt/$lte`, merged over the conditions) of one type bracket, or null. */
function rawRange(conds: any[]): { lo?: { v: any; inc: boolean }; hi?: { v: any; inc: boolean } } | null {
  const r: { lo?: { v: any; inc: boolean }; hi?: { v: any; inc: boolean } } = {};
  for (const cond of conds) {
    if (!isPlainObject(cond)) continue;
    for (const op of RANGE_OPS) {
      if (!(op in cond)) continue;
      const v = cond[op];
      if (!(typeof v === 'number' || typeof v === 'string' || isDate(v))) return null;
      if (op === '$gt' || op === '$gte') r.lo = { v, inc: op === '$gte' };
      else r.hi = { v, inc: op === '$lte' };
    }
  }
  if (!r.lo && !r.hi) return null;
  // Mongo compares within a type bracket only: a number bound never matches a string.
  if (r.lo && r.hi && typeTag(r.lo.v) !== typeTag(r.hi.v)) return null;
  return r;
}

/**
 * Index bounds of a range condition, in `sortKey` encoding. A missing side stops at
 * the type bracket's edge ($gt: 5 matches numbers only). On a multikey (array) field
 * Mongo may not intersect the two sides; we do (documented in emulator/README.md).
 */
function rangeBound(conds: any[] | undefined): Bound | null {
  const r = conds && rawRange(conds);
  if (!r) return null;
  const tag = typeTag((r.lo ?? r.hi)!.v);
  return {
    lo: r.lo ? { v: sortKey(r.lo.v), inc: r.lo.inc } : { v: tag, inc: true },
    hi: r.hi ? { v: sortKey(r.hi.v), inc: r.hi.inc } : { v: String.fromCharCode(tag.charCodeAt(0) + 1), inc: false },
  };
}

/** A range on string `_id`s (the primary key's encoding `s:<id>` keeps string order). */
function stringRange(conds: any[]): { lo?: { v: string; inc: boolean }; hi?: { v: string; inc: boolean } } | null {
  const r = rawRange(conds);
  if (!r || (r.lo && typeof r.lo.v !== 'string') || (r.hi && typeof r.hi.v !== 'string')) return null;
  return r;
}

function typeTag(v: any): string {
  return sortKey(v)[0];
}

const SORT_BUF = Buffer.alloc(8);
function sortableDouble(x: number): string {
  if (Number.isNaN(x)) return ''; // Mongo: NaN sorts below every other number
  SORT_BUF.writeDoubleBE(Object.is(x, -0) ? 0 : x);
  if (SORT_BUF[0] & 0x80) for (let i = 0; i < 8; i++) SORT_BUF[i] = ~SORT_BUF[i] & 0xff;
  else SORT_BUF[0] ^= 0x80;
  return SORT_BUF.toString('hex');
}

/**
 * Order-preserving index key: a type tag in Mongo's bracket order (null < numbers <
 * strings < objects < arrays < booleans < dates), then a value whose string order is
 * the value order (numbers and dates as sign-flipped IEEE-754 hex; strings as
 * themselves: SQLite compares TEXT bytewise, as Mongo's simple collation does).
 */
export function sortKey(v: any): string {
  if (v === null || v === undefined) return 'a';
  if (typeof v === 'number') return 'b' + sortableDouble(v);
  if (typeof v === 'string') return 'c' + v;
  if (typeof v === 'boolean') return v ? 'g1' : 'g0';
  if (isDate(v)) return 'h' + sortableDouble(v.getTime());
  if (Array.isArray(v)) return 'e' + toWire(v);
  return 'd' + toWire(v);
}
