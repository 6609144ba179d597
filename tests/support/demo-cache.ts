/**
 * The demo, seeded once and copied per suite. Seeding writes thousands of documents
 * through the SDK (seconds per suite on 2 cores); instead the first suite that needs
 * a given demo writes it, saves the SQLite image in the temp folder, and every suite
 * opens its own in-memory copy (or, for the e2e runtime, a db.sqlite file).
 *
 * The image is keyed by what it holds (the seed data, the feature demos, the clock)
 * and by the code that writes it (seed scripts, collections, the emulator's store),
 * and by the hour: feature demos are relative to "now", so an image is never reused
 * across an hour boundary.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLECTIONS } from '../../core/collections';
import { createEmulator, current, useEmulator } from '../../emulator';
import type { Database } from '../../cloudfunctions/_shared/database';
import { writeSeed } from '../../scripts/lib/seed';
import type { SeedData } from '../../scripts/lib/seed-data';

const ROOT = join(__dirname, '..', '..');
/** The code whose change makes an image stale. */
const SOURCES = ['scripts/lib', 'emulator/store', 'core'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.ts$/.test(n) && !n.endsWith('.test.ts') ? [p] : [];
  });
}

let sourcesHash: string | null = null;
function sources(): string {
  if (sourcesHash) return sourcesHash;
  const h = createHash('sha256');
  for (const f of SOURCES.flatMap((d) => filesUnder(join(ROOT, d))).sort()) h.update(f).update(readFileSync(f));
  return (sourcesHash = h.digest('hex'));
}

export interface DemoSpec {
  seed: SeedData;
  /** Feature demos to write (false: none; true: all). */
  features: string[] | boolean;
  /** The instant the feature demos are relative to (default now). */
  now?: Date;
}

/** The seeded demo as a SQLite image: from the temp folder when this hour's is there, else written now. */
export async function demoImage(spec: DemoSpec): Promise<Buffer> {
  const hour = Math.floor((spec.now ?? new Date()).getTime() / 3_600_000);
  const key = createHash('sha256')
    .update(sources())
    .update(JSON.stringify({ features: spec.features, hour, fixedNow: spec.now?.toISOString() ?? null }))
    .update(JSON.stringify(spec.seed))
    .digest('hex')
    .slice(0, 24);
  const file = join(tmpdir(), `jinlin-demo-${key}.sqlite`);
  if (existsSync(file)) return readFileSync(file);
  const emu = createEmulator({ dataDir: ':memory:', collections: COLLECTIONS });
  // The fees demo bulk-writes through the process's current emulator: make it this one while
  // seeding, or a second harness in one file would write its bills into the first one's data.
  const previous = current();
  useEmulator(emu);
  try {
    await writeSeed(emu.sdk.database() as unknown as Database, spec.seed, 64, { features: spec.features, now: spec.now });
    const image = emu.image();
    // Written whole, then renamed: a suite in another worker never reads half a file.
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, image);
    renameSync(part, file);
    return image;
  } finally {
    useEmulator(previous);
    emu.close();
  }
}
