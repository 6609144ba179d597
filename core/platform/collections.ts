/**
 * How a feature declares its collections and indexes. core/collections.ts merges
 * every feature's list; the emulator enforces them (unique indexes included) and
 * the deploy creates them in CloudBase.
 */
export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}
export interface CollectionSpec<N extends string = string> {
  name: N;
  indexes: IndexSpec[];
}

/** Keeps the literal collection names, so repositories can only name declared ones. */
export function defineCollections<const N extends string>(list: CollectionSpec<N>[]): CollectionSpec<N>[] {
  return list;
}
