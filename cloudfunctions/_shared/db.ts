/** Small helpers over the SDK's database that respect production limits. */
import type { Database } from './router';
import { AppError } from '../../core/platform/errors';

export const MAX_GET = 1000;

/** doc(id).get() rejects when missing in production; this turns that into null. */
export async function getById<T>(db: Database, collection: string, id: string): Promise<(T & { _id: string }) | null> {
  const res = await db.collection(collection).where({ _id: id }).limit(1).get();
  return (res.data[0] as T & { _id: string }) ?? null;
}

export async function mustGet<T>(db: Database, collection: string, id: string): Promise<T & { _id: string }> {
  const doc = await getById<T>(db, collection, id);
  if (!doc) throw new AppError('NOT_FOUND');
  return doc;
}

/** Fetch docs by ids in chunks the database accepts (≤ 1000 per get). */
export async function getByIds<T>(db: Database, collection: string, ids: string[]): Promise<Map<string, T & { _id: string }>> {
  const out = new Map<string, T & { _id: string }>();
  const unique = [...new Set(ids)];
  const _ = db.command;
  for (let i = 0; i < unique.length; i += MAX_GET) {
    const chunk = unique.slice(i, i + MAX_GET);
    const res = await db.collection(collection).where({ _id: _.in(chunk) }).limit(MAX_GET).get();
    for (const d of res.data as (T & { _id: string })[]) out.set(d._id, d);
  }
  return out;
}

/** Read every doc matching a query, 1000 at a time (exports and batch jobs only). */
export async function getAll<T>(db: Database, collection: string, where: object, orderBy: [string, 'asc' | 'desc'][] = [['_id', 'asc']]): Promise<(T & { _id: string })[]> {
  const out: (T & { _id: string })[] = [];
  for (let skip = 0; ; skip += MAX_GET) {
    let q = db.collection(collection).where(where);
    for (const [f, d] of orderBy) q = q.orderBy(f, d);
    const res = await q.skip(skip).limit(MAX_GET).get();
    out.push(...(res.data as (T & { _id: string })[]));
    if (res.data.length < MAX_GET) return out;
  }
}

/** Offset cursors: opaque to the client, validated here. */
export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(cursor);
  if (!Number.isSafeInteger(n) || n < 0) throw new AppError('BAD_REQUEST', '分页参数有误');
  return n;
}

export function pageOf<T>(items: T[], offset: number, size: number): { items: T[]; nextCursor?: string } {
  // Callers fetch size + 1 rows so "is there more" costs no extra count().
  const more = items.length > size;
  return { items: items.slice(0, size), ...(more ? { nextCursor: String(offset + size) } : {}) };
}

export function iso(d: unknown): string {
  if (d instanceof Date) return d.toISOString();
  if (typeof d === 'string' || typeof d === 'number') return new Date(d).toISOString();
  if (d && typeof d === 'object' && '$date' in (d as object)) return new Date((d as { $date: number }).$date).toISOString();
  return new Date(0).toISOString();
}

export function randomCode(length: number, alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}
