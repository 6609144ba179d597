/**
 * Types shared by the emulator modules.
 *
 * `CollectionSpec` is structurally identical to the one in `core/collections.ts`
 * on purpose: the emulator must not import from core/ (core stays free of
 * emulator concerns), yet `createEmulator({ collections: COLLECTIONS })` must
 * type-check without a cast.
 */
export type IndexSpec = { name: string; keys: Record<string, 1 | -1>; unique?: boolean };
export type CollectionSpec = { name: string; indexes: IndexSpec[] };

/** Who is calling. Mirrors the fields of `cloud.getWXContext()`. */
export type Identity = {
  /** '' for timer triggers / server-originated calls. */
  openid: string;
  unionid?: string;
  /** Defaults to the emulator's appId. */
  appid?: string;
  /** 'wx_client' for a mini-program call, 'wx_http' for HTTP, … Defaults to 'wx_client' when an openid is given. */
  source?: string;
  clientIp?: string;
};

export type WXContext = {
  OPENID: string;
  APPID: string;
  UNIONID: string;
  ENV: string;
  SOURCE: string;
  CLIENTIP?: string;
};

/** A cloud function entry point, as exported by `exports.main`. */
export type CloudFunctionMain = (event: any, context: any) => any;
export type FunctionResolver = (name: string) => CloudFunctionMain | undefined | Promise<CloudFunctionMain | undefined>;

/** Counters for one call (or for the whole emulator). */
export type Counters = {
  /** read requests (get / count / aggregate / doc.get) */
  queries: number;
  /** documents returned to the caller */
  reads: number;
  /** documents inserted, replaced, updated or removed */
  writes: number;
  /** rows the store had to load and test (the cost; an index keeps this ≈ reads) */
  scanned: number;
};

export const emptyCounters = (): Counters => ({ queries: 0, reads: 0, writes: 0, scanned: 0 });
