/**
 * The parking register as other features may read it: which spaces a home rents in
 * a month. fees owns and writes `parkingSpaces` (core/fees/docs.ts); this declares
 * only the fields a reader needs, so vehicles links a plate to a rented space
 * without importing fees' internals. One indexed read (`home`), any size.
 */
import type { Database } from './database';
import { repository } from './repo';

/** The part of fees' ParkingSpaceDoc a reader relies on (kept in step by tests/functions/vehicles-flow.test.ts). */
export interface ParkingSpaceRead {
  _id: string;
  compoundId: string;
  spaceNo: string;
  sortKey: string;
  homeId: string[];
  rentals: { homeId: string; from: string; until: string | null }[];
}
const parkingRegister = repository<ParkingSpaceRead>('parkingSpaces');

/** Space numbers the home rents in `period` (YYYY-MM), in register order. */
export async function spacesRentedBy(db: Database, homeId: string, period: string): Promise<string[]> {
  const spaces = await parkingRegister(db).find(
    { homeId },
    { limit: 50, fields: { spaceNo: true, sortKey: true, rentals: true, homeId: true, compoundId: true } },
  );
  return spaces
    .filter((s) => s.rentals.some((r) => r.homeId === homeId && r.from <= period && (r.until === null || period < r.until)))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map((s) => s.spaceNo);
}
