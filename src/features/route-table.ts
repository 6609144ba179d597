/** The shape of a feature's route table (plain data, no imports: app.config.ts reads it at build time). */
export type BuildTarget = 'weapp' | 'h5';

export interface FeatureRoutes<K extends string = string> {
  /** Subpackage root, e.g. "packages/accounts". */
  root: string;
  /** Route key → page path inside the root ("pages/bind/index"). */
  pages: Readonly<Record<K, string>>;
  /** Pages only the h5 demo build has (never in the WeChat package). */
  h5Only?: readonly K[];
  /** Mini-program plugins used only by this subpackage (weapp `subPackages[].plugins`). */
  plugins?: Readonly<Record<string, { provider: string; version: string }>>;
}

export function defineRoutes<const K extends string>(r: {
  root: string;
  pages: Readonly<Record<K, string>>;
  h5Only?: readonly NoInfer<K>[];
  plugins?: Readonly<Record<string, { provider: string; version: string }>>;
}): FeatureRoutes<K> {
  return r;
}

/** The pages a build has in one subpackage. */
export function pagesFor<K extends string>(r: FeatureRoutes<K>, target: BuildTarget): string[] {
  return (Object.keys(r.pages) as K[]).filter((k) => target === 'h5' || !(r.h5Only ?? []).includes(k)).map((k) => r.pages[k]);
}

/** "/packages/accounts/pages/bind/index" for every key of a feature. */
export function routePaths<K extends string>(r: FeatureRoutes<K>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of Object.keys(r.pages) as K[]) out[k] = `/${r.root}/${r.pages[k]}`;
  return out;
}
