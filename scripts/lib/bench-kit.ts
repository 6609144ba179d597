/**
 * What scripts/bench.ts hands each feature's bench (scripts/lib/bench-<feature>.ts):
 * a way to call an action as a seeded person, the row measurer, and the emulator to
 * seed the feature's own documents at the size being measured.
 */

/** Call `action` of function `fn` as the seeded person `who`; resolves to the action's data. */
export type Invoke = (fn: string, who: string, action: string, payload: unknown) => Promise<any>;
/** Measure one row: `call(i)` is run repeatedly; `perUser` rows must be flat across sizes. */
export type Measure<R> = (name: string, perUser: boolean, call: (i: number) => Promise<unknown>) => Promise<R>;
/** The emulator, for bulk-seeding a feature's documents. */
export interface Emu {
  seed(collection: string, docs: object[]): unknown;
}
