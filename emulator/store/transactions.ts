/**
 * Transactions as CloudBase runs them (see README, "Transactions"):
 *
 * - Snapshot isolation. A transaction reads the committed state as of its
 *   start (`startTransaction`), plus its own writes. Committed changes made by
 *   others after the start are invisible to it (we keep the pre-images of
 *   documents changed while any transaction is open).
 * - Eager document locks. A write in a transaction (set/update/remove/add)
 *   locks the document. A transactional write to a document that another open
 *   transaction has locked, or that was changed after this transaction's
 *   snapshot, FAILS AT ONCE with DATABASE_TRANSACTION_CONFLICT
 *   ("[ResourceUnavailable.TransactionConflict] …") and the server aborts the
 *   transaction (its locks are released; later calls on it get
 *   DATABASE_TRANSACTION_FAIL "TransactionNotExist"). No first-committer-wins:
 *   the loser fails on the write, not at commit.
 * - A non-transactional write to a locked document waits until the lock is
 *   released (commit, rollback, conflict abort or expiry); see transport.ts.
 *   Non-transactional reads never wait and see committed data only.
 * - Only one request in flight per transaction (TransactionBusy; transport.ts).
 * - A transaction must end within 30 s; after that it is gone
 *   (`transactionLifetimeMs` changes it for tests).
 * - Commit writes every buffered write in one SQLite transaction; a unique-index
 *   violation fails the commit and writes nothing.
 */
import crypto from 'crypto';
import type { Counters } from '../types';
import { decodeDoc, encodeKey } from '../wire';
import { applyModifier, newId, validateDoc, validateModifier, type Documents } from './documents';
import { ERR } from './errors';
import type { Row } from './planner';
import type { Schema } from './schema';

export type TransactionOptions = {
  /** How long a transaction may stay open before the server drops it. Production: 30 s. */
  transactionLifetimeMs?: number;
};

/** "transaction must be commit or abort in 30 seconds" (the server's TransactionNotExist message). */
export const TRANSACTION_LIFETIME_MS = 30_000;

type TxWrite = { coll: string; id: any; doc: any | null };
export type Tx = {
  id: string;
  /** version clock at start: the snapshot */
  startSeq: number;
  startedAt: number;
  /** key → buffered write (doc null = delete) */
  writes: Map<string, TxWrite>;
  /** keys this transaction has locked */
  locks: Set<string>;
  /** a request on this transaction is in flight */
  busy: boolean;
  timer?: NodeJS.Timeout;
};

const SEP = '\u0000';
const keyOf = (coll: string, key: string) => `${coll}${SEP}${key}`;

export class Transactions {
  private txs = new Map<string, Tx>();
  /** coll/key → id of the transaction holding the lock */
  private locks = new Map<string, string>();
  /** coll/key → pre-images of committed changes made while transactions were open ({until: version of the change}) */
  private history = new Map<string, { until: number; row: Row | null }[]>();
  private waiters: (() => void)[] = [];
  readonly lifetimeMs: number;

  constructor(
    private docs: Documents,
    private schema: Schema,
    private count: (c: Partial<Counters>) => void,
    opts: TransactionOptions = {},
  ) {
    this.lifetimeMs = opts.transactionLifetimeMs ?? TRANSACTION_LIFETIME_MS;
    docs.onChange = (coll, key, prev, ver) => {
      if (!this.txs.size) return;
      const k = keyOf(coll, key);
      const h = this.history.get(k) ?? [];
      h.push({ until: ver, row: prev });
      this.history.set(k, h);
    };
  }

  // ---------------------------------------------------------------- lifecycle

  begin(): string {
    const id = 'emu-tx-' + crypto.randomBytes(8).toString('hex');
    const tx: Tx = { id, startSeq: this.docs.seq, startedAt: Date.now(), writes: new Map(), locks: new Set(), busy: false };
    tx.timer = setTimeout(() => this.end(tx), this.lifetimeMs);
    tx.timer.unref?.();
    this.txs.set(id, tx);
    return id;
  }

  private tx(id: string): Tx {
    const tx = this.txs.get(id);
    if (!tx) throw ERR.txNotExist();
    if (Date.now() - tx.startedAt > this.lifetimeMs) {
      this.end(tx);
      throw ERR.txNotExist();
    }
    return tx;
  }

  /**
   * Commits the server will refuse with DATABASE_TRANSACTION_CONFLICT (a test sets
   * it). The server can answer a commit this way, and the SDK then throws the raw
   * `{ code: 'DATABASE_TRANSACTION_CONFLICT', message }` with a STRING code — see
   * @cloudbase/database transaction/index.js: `commit()` does `if (res.code) throw res`
   * and runTransaction retries exactly that code. Nothing is written.
   */
  commitConflicts = 0;

  /** Commit: the transaction ends, then its writes are applied atomically. */
  commit(txId: string) {
    const tx = this.tx(txId);
    this.end(tx);
    if (this.commitConflicts > 0) {
      this.commitConflicts--;
      throw ERR.txConflict();
    }
    this.apply(tx);
  }

  /** Rollback. Rolling back a transaction that no longer exists fails with TransactionNotExist, as on the server. */
  abort(txId: string) {
    this.end(this.tx(txId));
  }

  /** Write every buffered write in one SQLite transaction (all or nothing). */
  private apply(tx: Tx) {
    this.docs.db.transaction(() => {
      for (const w of tx.writes.values()) {
        const prev = this.docs.row(w.coll, encodeKey(w.id));
        if (w.doc === null) {
          if (prev) this.docs.deleteDoc(w.coll, prev);
        } else this.docs.writeDoc(w.coll, w.id, w.doc, prev);
      }
    })();
    this.count({ writes: tx.writes.size });
  }

  private end(tx: Tx) {
    if (!this.txs.delete(tx.id)) return;
    clearTimeout(tx.timer);
    for (const k of tx.locks) if (this.locks.get(k) === tx.id) this.locks.delete(k);
    if (!this.txs.size) this.history.clear();
    else {
      const oldest = Math.min(...[...this.txs.values()].map((t) => t.startSeq));
      for (const [k, h] of this.history) {
        const keep = h.filter((e) => e.until > oldest);
        if (keep.length) this.history.set(k, keep);
        else this.history.delete(k);
      }
    }
    const w = this.waiters;
    this.waiters = [];
    for (const wake of w) wake();
  }

  closeAll() {
    for (const tx of [...this.txs.values()]) this.end(tx);
  }

  // ---------------------------------------------------------------- in-flight requests (TransactionBusy)

  /** A request on `txId` starts. A second one while the first is in flight fails with TransactionBusy. */
  enter(txId: string) {
    const tx = this.txs.get(txId);
    if (!tx) return; // the operation itself reports TransactionNotExist
    if (tx.busy) throw ERR.txBusy();
    tx.busy = true;
  }

  leave(txId: string) {
    const tx = this.txs.get(txId);
    if (tx) tx.busy = false;
  }

  // ---------------------------------------------------------------- locks, for non-transactional writers

  /** Whether any open transaction holds a lock in `coll` (cheap pre-check). */
  hasLocks(coll: string): boolean {
    const prefix = coll + SEP;
    for (const k of this.locks.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  isLocked(coll: string, key: string): boolean {
    return this.locks.has(keyOf(coll, key));
  }

  /** Resolves when some transaction ends (and releases its locks). */
  released(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  // ---------------------------------------------------------------- snapshot reads

  private snapshotRow(tx: Tx, coll: string, key: string): Row | null {
    const h = this.history.get(keyOf(coll, key));
    const first = h?.find((e) => e.until > tx.startSeq);
    return first ? first.row : this.docs.row(coll, key);
  }

  private changedSinceSnapshot(tx: Tx, k: string): boolean {
    return !!this.history.get(k)?.some((e) => e.until > tx.startSeq);
  }

  /** The document as this transaction sees it: its own write, else the snapshot. */
  private view(tx: Tx, coll: string, id: any): any | null {
    const k = keyOf(coll, encodeKey(id));
    if (tx.writes.has(k)) return tx.writes.get(k)!.doc;
    const row = this.snapshotRow(tx, coll, encodeKey(id));
    return row ? decodeDoc(row.doc) : null;
  }

  /** Lock a document for `tx`, or fail with a conflict (and abort `tx`, as the server does). */
  private lock(tx: Tx, coll: string, id: any) {
    const k = keyOf(coll, encodeKey(id));
    const holder = this.locks.get(k);
    if ((holder && holder !== tx.id) || this.changedSinceSnapshot(tx, k)) {
      this.end(tx);
      throw ERR.txConflict();
    }
    this.locks.set(k, tx.id);
    tx.locks.add(k);
  }

  // ---------------------------------------------------------------- single-document operations

  get(txId: string, coll: string, id: any): any | null {
    const tx = this.tx(txId);
    this.schema.require(coll);
    const k = keyOf(coll, encodeKey(id));
    this.count({ queries: 1 });
    if (tx.writes.has(k)) {
      const d = tx.writes.get(k)!.doc;
      this.count({ reads: d ? 1 : 0 });
      return d ? structuredClone(d) : null;
    }
    const row = this.snapshotRow(tx, coll, encodeKey(id));
    this.count({ scanned: row ? 1 : 0, reads: row ? 1 : 0 });
    return row ? decodeDoc(row.doc) : null;
  }

  insert(txId: string, coll: string, doc: any): any {
    const tx = this.tx(txId);
    this.schema.require(coll);
    validateDoc(doc);
    const full = doc._id === undefined ? { _id: newId(), ...doc } : doc;
    if (this.view(tx, coll, full._id)) throw ERR.duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(full._id)} }`);
    this.lock(tx, coll, full._id);
    tx.writes.set(keyOf(coll, encodeKey(full._id)), { coll, id: full._id, doc: full });
    return full._id;
  }

  set(txId: string, coll: string, id: any, data: any): { updated: number; upserted: boolean } {
    const tx = this.tx(txId);
    this.schema.require(coll);
    validateDoc(data);
    const prev = this.view(tx, coll, id);
    this.lock(tx, coll, id);
    tx.writes.set(keyOf(coll, encodeKey(id)), { coll, id, doc: { ...data, _id: id } });
    return { updated: prev ? 1 : 0, upserted: !prev };
  }

  update(txId: string, coll: string, id: any, modifier: any): number {
    const tx = this.tx(txId);
    this.schema.require(coll);
    validateModifier(modifier);
    const prev = this.view(tx, coll, id);
    if (!prev) return 0;
    this.lock(tx, coll, id);
    const next = applyModifier(prev, modifier);
    if (!next) return 0;
    tx.writes.set(keyOf(coll, encodeKey(id)), { coll, id, doc: next });
    return 1;
  }

  remove(txId: string, coll: string, id: any): number {
    const tx = this.tx(txId);
    this.schema.require(coll);
    const prev = this.view(tx, coll, id);
    if (!prev) return 0;
    this.lock(tx, coll, id);
    tx.writes.set(keyOf(coll, encodeKey(id)), { coll, id, doc: null });
    return 1;
  }
}
