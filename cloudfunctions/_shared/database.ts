/**
 * The promise-style subset of the wx-server-sdk database API our functions use.
 * The SDK's own typings model every method as "promise or callback" unions; this
 * narrows them to what production returns when no callback is passed. It is a type
 * only: at runtime it is the SDK's object (or the emulator's, locally).
 */
import type * as Cloud from 'wx-server-sdk';

type SdkDb = ReturnType<typeof Cloud.database>;
export type Command = SdkDb['command'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDoc = any;

export interface UpdateResult {
  stats: { updated: number };
}
export interface RemoveResult {
  stats: { removed: number };
}

export interface Query {
  where(query: object): Query;
  orderBy(field: string, direction: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(projection: Record<string, boolean | 0 | 1>): Query;
  get(): Promise<{ data: AnyDoc[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: object }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface DocRef {
  get(): Promise<{ data: AnyDoc }>;
  set(options: { data: object }): Promise<unknown>;
  update(options: { data: object }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface Collection extends Query {
  doc(id: string): DocRef;
  add(options: { data: object }): Promise<{ _id: string | number }>;
  aggregate(): AnyDoc;
}

export interface Transaction {
  collection(name: string): { doc(id: string): DocRef; add(options: { data: object }): Promise<{ _id: string | number }> };
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface Database {
  collection(name: string): Collection;
  command: Command;
  serverDate(options?: { offset?: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  runTransaction<T>(fn: (tx: Transaction) => Promise<T>, retries?: number): Promise<T>;
  startTransaction(): Promise<Transaction>;
}
