/**
 * Shared by the vehicles suites: a harness with the vehicles demo (scripts/lib/seed-vehicles.ts)
 * and helpers to find the demo's people and plates.
 */
import { main as vehicles } from '../../cloudfunctions/vehicles';
import { createHarness, type Harness } from '../support/harness';

export { DEMO_PLATES } from '../../scripts/lib/seed-vehicles';

export async function vehiclesHarness(opts: { clockStart?: Date } = {}): Promise<Harness> {
  return createHarness({ vehicles: vehicles as any, notices: vehicles as any }, undefined, { features: ['vehicles'], ...opts });
}

/** Generated residents of a compound (seed keys `gen-N`) who have no plate, each a fresh requester. */
export async function askers(h: Harness, compoundId: string, n: number): Promise<string[]> {
  const withPlates = new Set(((await h.db.collection('vehicleHomes').limit(1000).get()).data as { _id: string }[]).map((d) => d._id));
  return h.seed.memberships
    .filter((m) => m.compoundId === compoundId && m.status === 'active' && m.personId.startsWith('p-gen-') && !withPlates.has(m.homeId))
    .slice(0, n)
    .map((m) => m.personId.replace(/^p-/, ''));
}

/** Every string anywhere in a value (keys included), to search a response for what it must not carry. */
export function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push(k), strings(x, out));
  return out;
}
