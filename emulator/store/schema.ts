/**
 * Declared collections and their indexes (`_collections` table). A collection
 * exists only when declared here or made with `db.createCollection`.
 */
import type Database from 'better-sqlite3';
import type { CollectionSpec } from '../types';
import { DbError, ERR } from './errors';

export type SpecChange = 'same' | 'new' | 'changed';

export class Schema {
  private specs = new Map<string, CollectionSpec>();
  private st: { get: Database.Statement; put: Database.Statement };

  constructor(db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS _collections(name TEXT PRIMARY KEY, spec TEXT NOT NULL)');
    this.st = {
      get: db.prepare('SELECT spec FROM _collections WHERE name = ?'),
      put: db.prepare('INSERT OR REPLACE INTO _collections(name, spec) VALUES (?, ?)'),
    };
    for (const r of db.prepare('SELECT name, spec FROM _collections').all() as any[]) this.specs.set(r.name, JSON.parse(r.spec));
  }

  static normalize(spec: CollectionSpec): CollectionSpec {
    return { name: spec.name, indexes: (spec.indexes || []).map((i) => ({ ...i })) };
  }

  /** How `spec` differs from what the data dir was built with. */
  compare(spec: CollectionSpec): SpecChange {
    const prev = this.st.get.get(spec.name) as { spec: string } | undefined;
    if (!prev) return 'new';
    return prev.spec === JSON.stringify(Schema.normalize(spec)) ? 'same' : 'changed';
  }

  put(spec: CollectionSpec) {
    const n = Schema.normalize(spec);
    this.st.put.run(n.name, JSON.stringify(n));
    this.specs.set(n.name, n);
  }

  /** Same spec as stored: remember it without writing. */
  adopt(spec: CollectionSpec) {
    this.specs.set(spec.name, Schema.normalize(spec));
  }

  names(): string[] {
    return [...this.specs.keys()];
  }

  has(name: string) {
    return this.specs.has(name);
  }

  get(name: string): CollectionSpec | undefined {
    return this.specs.get(name);
  }

  require(name: string): CollectionSpec {
    const s = this.specs.get(name);
    if (!s) throw ERR.collectionNotExists(name);
    return s;
  }

  assertAbsent(name: string) {
    if (this.specs.has(name)) throw new DbError('DATABASE_REQUEST_FAILED', `[ResourceInUse] Table exist: ${name}`);
  }
}
