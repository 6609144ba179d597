/**
 * The emulator's store: one SQLite file (better-sqlite3) for durability and
 * indexes, mingo for Mongo semantics. Split by concern:
 *
 *   schema.ts        declared collections and their indexes (`_collections`)
 *   planner.ts       the multikey side index `_ix` and which rows a query loads
 *   documents.ts     `_docs`: reads, writes, validation, unique checks
 *   transactions.ts  snapshot isolation, document locks, commit
 *   journal.ts       the sandboxes' tables (messages, grants, orders, files, …)
 *
 * This file opens the database and wires the parts together.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { CollectionSpec, Counters } from '../types';
import { decodeDoc } from '../wire';
import { Documents } from './documents';
import { Journal } from './journal';
import { Planner } from './planner';
import { Schema } from './schema';
import { Transactions, type TransactionOptions } from './transactions';

export { DbError, ERR } from './errors';
export { DEFAULT_LIMIT, MAX_LIMIT, AGGREGATE_DEFAULT_LIMIT, newId, type FindOptions } from './documents';
export { KIND, Journal, type OutboxEntry, type FileMeta, type ShareTicket } from './journal';
export type { Row } from './planner';

export type Durability = 'full' | 'normal';

export type StoreOptions = { durability?: Durability } & TransactionOptions;

export class Store {
  readonly db: Database.Database;
  readonly schema: Schema;
  readonly planner: Planner;
  readonly docs: Documents;
  readonly tx: Transactions;
  readonly journal: Journal;
  readonly totals: Counters = { queries: 0, reads: 0, writes: 0, scanned: 0 };
  /** called for every counter increment, so the emulator can attribute it to the current call */
  onCount: (c: Partial<Counters>) => void = () => undefined;

  /** `file`: a path, ':memory:', or an image of a database to open in memory (better-sqlite3 deserialises a Buffer). */
  constructor(file: string | Buffer, collections: CollectionSpec[], opts: StoreOptions = {}) {
    this.db = new Database(file);
    if (typeof file === 'string' && file !== ':memory:') {
      // WAL + synchronous=FULL: a commit returns only after the WAL is fsynced,
      // so a write that resolved survives kill -9 and power loss. ('normal'
      // would survive kill -9 too — the OS still has the pages — but not power loss.)
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${opts.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    }
    const count = (c: Partial<Counters>) => {
      for (const k of Object.keys(c) as (keyof Counters)[]) this.totals[k] += c[k] || 0;
      this.onCount(c);
    };
    this.schema = new Schema(this.db);
    Documents.createTable(this.db);
    this.planner = new Planner(this.db, this.schema);
    this.docs = new Documents(this.db, this.schema, this.planner, count);
    this.tx = new Transactions(this.docs, this.schema, count, opts);
    this.journal = new Journal(this.db);
    for (const spec of collections) this.declareCollection(spec);
  }

  close() {
    this.tx.closeAll();
    if (this.db.open) this.db.close();
  }

  /**
   * Declare (or re-declare) a collection with its indexes. When the index spec
   * changed since the data dir was written, the side index is rebuilt — and a
   * unique index that existing data violates fails loudly here, as creating it
   * in the console would.
   */
  declareCollection(spec: CollectionSpec) {
    const change = this.schema.compare(spec);
    if (change === 'same') return this.schema.adopt(spec);
    this.db.transaction(() => {
      this.schema.put(spec);
      if (change === 'changed') {
        this.planner.dropIndexes(spec.name);
        for (const r of [...this.planner.scan(spec.name)]) this.planner.indexDoc(spec.name, r.id, decodeDoc(r.doc), r.rid);
      }
    })();
  }

  /** `db.createCollection(name)`: a collection with no declared index. */
  createCollection(name: string) {
    this.schema.assertAbsent(name);
    this.declareCollection({ name, indexes: [] });
  }

  hasCollection(name: string) {
    return this.schema.has(name);
  }

  /**
   * A digest of every committed document (collection, id, content), for tests that
   * check a refused call changed nothing. Read straight from the table: a query per
   * page through the SDK costs seconds on the demo's year of bills.
   */
  digest(): string {
    const hash = createHash('sha256');
    for (const r of this.db.prepare('SELECT coll, id, doc FROM _docs ORDER BY coll, id').iterate() as Iterable<{
      coll: string;
      id: string;
      doc: string;
    }>) {
      hash.update(`${r.coll}\u0000${r.id}\u0000${r.doc}\n`);
    }
    return hash.digest('hex');
  }

  /** Bulk load for seeding and benchmarks: one transaction, same validation and unique checks as add(). */
  seed(coll: string, docs: any[]): any[] {
    return this.docs.insert(coll, docs);
  }
}
