/** Paging and dates as the functions return them (reads and writes go through repo.ts). */
import { AppError } from '../../core/platform/errors';

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
