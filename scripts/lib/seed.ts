/** Writes the demo into a database through the ordinary SDK API (emulator or CloudBase). */
import type { Database } from '../../cloudfunctions/_shared/database';
import { buildSeed, type SeedData } from './seed-data';
import { FEATURE_SEEDS } from './seed-features';

export const SEED_ORDER: (keyof SeedData)[] = ['communities', 'compounds', 'buildings', 'homes', 'people', 'memberships', 'roles'];

export async function isSeeded(db: Database): Promise<boolean> {
  return (await db.collection('communities').count()).total > 0;
}

export interface SeedOptions {
  /** Feature demo data too (all, none, or by feature name). Default: all. */
  features?: boolean | string[];
  now?: Date;
}

export async function writeSeed(
  db: Database,
  data: SeedData = buildSeed(),
  concurrency = 16,
  opts: SeedOptions = {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of SEED_ORDER) {
    const docs = data[name] as { _id: string }[];
    for (let i = 0; i < docs.length; i += concurrency) {
      await Promise.all(docs.slice(i, i + concurrency).map((d) => db.collection(name).add({ data: d })));
    }
    counts[name] = docs.length;
  }
  const want = opts.features ?? true;
  for (const f of FEATURE_SEEDS) {
    if (want === false || (Array.isArray(want) && !want.includes(f.name))) continue;
    Object.assign(counts, await f.write(db, data, opts.now ?? new Date()));
  }
  return counts;
}
