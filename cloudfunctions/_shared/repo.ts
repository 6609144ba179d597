/**
 * A small typed repository over `ctx.db` for one declared collection: handlers say
 * `homes(ctx.db).get(id)` instead of `db.collection('homes')` plus a cast. The
 * collection name is checked against core/collections.ts at compile time, and every
 * read respects production limits (≤ 1,000 documents per get).
 */
import type { CollectionName } from '../../core/collections';
import { AppError } from '../../core/platform/errors';
import type { Database, DocRef, Transaction } from './database';

export const MAX_GET = 1000;

export interface Doc {
  _id: string;
}
export type NewDoc<D extends Doc> = Omit<D, '_id'> & { _id?: string };
export interface FindOptions {
  orderBy?: [string, 'asc' | 'desc'][];
  skip?: number;
  limit?: number;
  fields?: Record<string, boolean>;
}

export function repository<D extends Doc>(name: CollectionName) {
  return function bind(db: Database) {
    const col = () => db.collection(name);
    const self = {
      name,
      /** The raw collection, for aggregations and commands the repository does not wrap. */
      col,
      /** null when missing (a plain doc().get() rejects in production). */
      async get(id: string): Promise<D | null> {
        const res = await col().where({ _id: id }).limit(1).get();
        return (res.data[0] as D) ?? null;
      },
      /** NOT_FOUND when missing. */
      async must(id: string, message?: string): Promise<D> {
        const d = await self.get(id);
        if (!d) throw new AppError('NOT_FOUND', message);
        return d;
      },
      /** By ids, in chunks the database accepts. */
      async byIds(ids: string[]): Promise<Map<string, D>> {
        const out = new Map<string, D>();
        const unique = [...new Set(ids)];
        const _ = db.command;
        for (let i = 0; i < unique.length; i += MAX_GET) {
          const chunk = unique.slice(i, i + MAX_GET);
          const res = await col()
            .where({ _id: _.in(chunk) })
            .limit(MAX_GET)
            .get();
          for (const d of res.data as D[]) out.set(d._id, d);
        }
        return out;
      },
      async find(where: object, opts: FindOptions = {}): Promise<D[]> {
        let q = col().where(where);
        for (const [f, dir] of opts.orderBy ?? []) q = q.orderBy(f, dir);
        if (opts.skip) q = q.skip(opts.skip);
        if (opts.fields) q = q.field(opts.fields);
        const res = await q.limit(Math.min(opts.limit ?? 100, MAX_GET)).get();
        return res.data as D[];
      },
      async first(where: object, opts: Omit<FindOptions, 'limit'> = {}): Promise<D | null> {
        return (await self.find(where, { ...opts, limit: 1 }))[0] ?? null;
      },
      /** Every match, 1,000 at a time: exports and batch jobs only, never a per-user read. */
      async all(where: object, orderBy: [string, 'asc' | 'desc'][] = [['_id', 'asc']]): Promise<D[]> {
        const out: D[] = [];
        for (let skip = 0; ; skip += MAX_GET) {
          const page = await self.find(where, { orderBy, skip, limit: MAX_GET });
          out.push(...page);
          if (page.length < MAX_GET) return out;
        }
      },
      async count(where: object): Promise<number> {
        return (await col().where(where).count()).total;
      },
      /**
       * The first `limit` matches and how many match in all (a card's "3 of 12"). A short page
       * is every match, so its length is the count: count() is read only when the page is full.
       */
      async head(where: object, opts: Omit<FindOptions, 'skip'> & { limit: number }): Promise<{ items: D[]; total: number }> {
        const items = await self.find(where, opts);
        return { items, total: items.length < opts.limit ? items.length : await self.count(where) };
      },
      async add(doc: NewDoc<D>): Promise<string> {
        const res = await col().add({ data: doc });
        return String(res._id);
      },
      /** Create or replace the document with this id. */
      async put(id: string, doc: Omit<D, '_id'>): Promise<void> {
        await col().doc(id).set({ data: doc });
      },
      /** Update one document; resolves with whether it changed. */
      async patch(id: string, patch: Partial<Omit<D, '_id'>> | Record<string, unknown>): Promise<boolean> {
        const res = await col().where({ _id: id }).update({ data: patch });
        return res.stats.updated > 0;
      },
      /** A conditional update: the number of documents that matched `where` and changed. */
      async patchWhere(where: object, patch: Partial<Omit<D, '_id'>> | Record<string, unknown>): Promise<number> {
        const res = await col().where(where).update({ data: patch });
        return res.stats.updated;
      },
      async remove(id: string): Promise<boolean> {
        const res = await col().where({ _id: id }).remove();
        return res.stats.removed > 0;
      },
      /** The same collection inside a transaction (single-document operations only). */
      in(tx: Transaction) {
        const ref = (id: string): DocRef => tx.collection(name).doc(id);
        return {
          async get(id: string): Promise<D | null> {
            try {
              return ((await ref(id).get()).data as D) ?? null;
            } catch (e) {
              if (/does not exist/.test(String((e as { errMsg?: string; message?: string }).errMsg ?? (e as Error).message))) return null;
              throw e;
            }
          },
          async must(id: string): Promise<D> {
            const d = await this.get(id);
            if (!d) throw new AppError('NOT_FOUND');
            return d;
          },
          put: async (id: string, doc: Omit<D, '_id'>) => {
            await ref(id).set({ data: doc });
          },
          patch: async (id: string, patch: Partial<Omit<D, '_id'>> | Record<string, unknown>) => {
            await ref(id).update({ data: patch });
          },
          remove: async (id: string) => {
            await ref(id).remove();
          },
        };
      },
    };
    return self;
  };
}

/**
 * A conflict arrives in two shapes: from a write inside `fn`, wx-server-sdk wraps it
 * (numeric errCode, errMsg naming TransactionConflict); from the commit, the SDK
 * throws the server's raw answer `{ code: 'DATABASE_TRANSACTION_CONFLICT', message }`
 * with a string code (@cloudbase/database transaction/index.js, `commit()`). Our
 * own AppErrors (string codes like 'CONFLICT') are never a database conflict.
 */
export function isTransactionConflict(e: unknown): boolean {
  if (!e || typeof e !== 'object' || e instanceof AppError) return false;
  const code = (e as { code?: unknown }).code;
  if (code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  const msg = String((e as { errMsg?: string; message?: string }).errMsg ?? (e as Error).message ?? '');
  return /TransactionConflict|DATABASE_TRANSACTION_CONFLICT/.test(msg);
}

/**
 * Run `fn` in a transaction; on a write conflict (another transaction held the
 * document) run it again, a few times, then answer CONFLICT. Code that must not
 * repeat its effect on a conflict checks state inside `fn`, which a retry re-reads.
 */
export async function transaction<T>(db: Database, fn: (tx: Transaction) => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await db.runTransaction(fn, 1);
    } catch (e) {
      if (!isTransactionConflict(e)) throw e;
      if (i >= attempts) throw new AppError('CONFLICT');
    }
  }
}
