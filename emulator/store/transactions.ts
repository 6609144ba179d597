/**
 * Transactions: snapshot isolation, buffered writes, atomic commit.
 * (First committer wins; see README.)
 */
import crypto from 'crypto';
import type { Counters } from '../types';
import { decodeDoc, encodeKey } from '../wire';
import { applyModifier, newId, validateDoc, validateModifier, type Documents } from './documents';
import { DbError, ERR } from './errors';
import type { Row } from './planner';
import type { Schema } from './schema';

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

const docKey = (coll: string, id: any) => `${coll}\u0000${encodeKey(id)}`;
const conflict = () => new DbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict');

export type TransactionOptions = { transactionLifetimeMs?: number };

export class Transactions {
  private txs = new Map<string, Tx>();
  /** coll/id → seq of deletion, kept only while transactions are open */
  private deletedAt = new Map<string, number>();

  constructor(
    private docs: Documents,
    private schema: Schema,
    private count: (c: Partial<Counters>) => void,
    _opts: TransactionOptions = {},
  ) {
    docs.onChange = (coll, key, prev, ver) => {
      if (this.txs.size && prev) this.deletedAt.set(`${coll}\u0000${key}`, ver);
    };
  }

  begin(): string {
    const now = Date.now();
    for (const [id, tx] of this.txs) if (now - tx.startedAt > 10 * 60_000) this.txs.delete(id);
    const id = 'emu-tx-' + crypto.randomBytes(8).toString('hex');
    this.txs.set(id, { id, startSeq: this.docs.seq, startedAt: now, observed: new Map(), writes: new Map() });
    return id;
  }

  private tx(id: string): Tx {
    const tx = this.txs.get(id);
    if (!tx) throw ERR.txNotExist();
    return tx;
  }

  get(txId: string, coll: string, id: any): any | null {
    const tx = this.tx(txId);
    this.schema.require(coll);
    const k = docKey(coll, id);
    this.count({ queries: 1 });
    if (tx.writes.has(k)) {
      const d = tx.writes.get(k)!.doc;
      this.count({ reads: d ? 1 : 0 });
      return d ? structuredClone(d) : null;
    }
    const row = this.docs.row(coll, encodeKey(id));
    if (!tx.observed.has(k)) tx.observed.set(k, row ? row.ver : 0);
    this.count({ scanned: row ? 1 : 0, reads: row ? 1 : 0 });
    return row ? decodeDoc(row.doc) : null;
  }

  private current(tx: Tx, coll: string, id: any): any | null {
    const k = docKey(coll, id);
    if (tx.writes.has(k)) return tx.writes.get(k)!.doc;
    const row = this.docs.row(coll, encodeKey(id));
    if (!tx.observed.has(k)) tx.observed.set(k, row ? row.ver : 0);
    return row ? decodeDoc(row.doc) : null;
  }

  insert(txId: string, coll: string, doc: any): any {
    const tx = this.tx(txId);
    this.schema.require(coll);
    validateDoc(doc);
    const full = doc._id === undefined ? { _id: newId(), ...doc } : doc;
    if (this.current(tx, coll, full._id)) throw ERR.duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(full._id)} }`);
    tx.writes.set(docKey(coll, full._id), { coll, id: full._id, doc: full });
    return full._id;
  }

  set(txId: string, coll: string, id: any, data: any): { updated: number; upserted: boolean } {
    const tx = this.tx(txId);
    this.schema.require(coll);
    validateDoc(data);
    const prev = this.current(tx, coll, id);
    tx.writes.set(docKey(coll, id), { coll, id, doc: { ...data, _id: id } });
    return { updated: prev ? 1 : 0, upserted: !prev };
  }

  update(txId: string, coll: string, id: any, modifier: any): number {
    const tx = this.tx(txId);
    this.schema.require(coll);
    validateModifier(modifier);
    const prev = this.current(tx, coll, id);
    if (!prev) return 0;
    const next = applyModifier(prev, modifier);
    if (!next) return 0;
    tx.writes.set(docKey(coll, id), { coll, id, doc: next });
    return 1;
  }

  remove(txId: string, coll: string, id: any): number {
    const tx = this.tx(txId);
    this.schema.require(coll);
    const prev = this.current(tx, coll, id);
    if (!prev) return 0;
    tx.writes.set(docKey(coll, id), { coll, id, doc: null });
    return 1;
  }

  commit(txId: string) {
    const tx = this.tx(txId);
    this.txs.delete(txId);
    try {
      this.docs.db.transaction(() => {
        for (const [k, seen] of tx.observed) {
          const [coll, key] = k.split('\u0000');
          const row = this.docs.row(coll, key);
          const now = row ? row.ver : 0;
          const deletedLater = !row && (this.deletedAt.get(k) || 0) > tx.startSeq;
          if (now !== seen || seen > tx.startSeq || deletedLater) throw conflict();
        }
        for (const w of tx.writes.values()) {
          const prev: Row | null = this.docs.row(w.coll, encodeKey(w.id));
          if (w.doc === null) {
            if (prev) this.docs.deleteDoc(w.coll, prev);
          } else this.docs.writeDoc(w.coll, w.id, w.doc, prev);
        }
      })();
      this.count({ writes: tx.writes.size });
    } finally {
      if (!this.txs.size) this.deletedAt.clear();
    }
  }

  closeAll() {
    this.txs.clear();
  }

  abort(txId: string) {
    this.txs.delete(txId);
    if (!this.txs.size) this.deletedAt.clear();
  }
}
