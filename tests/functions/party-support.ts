/** Shared by the party suites: a harness with the party demo (scripts/lib/seed-party.ts) and concerns for 需要跟进. */
import { main as party } from '../../cloudfunctions/party';
import { main as concerns } from '../../cloudfunctions/concerns';
import { createHarness, type Harness } from '../support/harness';

export { UNASSIGNED_UNIT } from '../../scripts/lib/seed-party';

export async function partyHarness(
  opts: { clockStart?: Date; features?: string[]; functions?: Record<string, unknown> } = {},
): Promise<Harness> {
  return createHarness({ party: party as any, concerns: concerns as any, ...(opts.functions as any) }, undefined, {
    features: opts.features ?? ['party'],
    ...(opts.clockStart ? { clockStart: opts.clockStart } : {}),
  });
}

/** The Shanghai day of an instant (a visit's date). */
export const dayOf = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
