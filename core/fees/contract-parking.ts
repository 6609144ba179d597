/**
 * fees, parking and EV charging: parking spaces rented to homes (billed per space
 * per month by bill generation) and EV charging sessions (energy and amount, one
 * bill each). Spread into `feesApi` by contract.ts.
 */
import type { ActionSpec } from '../platform/api';

export const PARKING_ACTIONS = {} satisfies Record<string, ActionSpec>;
