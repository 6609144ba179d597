/** Fees demo, parking part (written after the bills and the ledger of seed-fees.ts). */
import type { Database } from '../../cloudfunctions/_shared/database';
import type { SeedData } from './seed-data';

export async function writeParkingDemo(_db: Database, _base: SeedData, _now: Date): Promise<Record<string, number>> {
  return {};
}
