/**
 * fees, arrears follow-up: reminders by subscribe message to homes with unpaid
 * bills, and the six-monthly published list of whether each committee member has
 * paid. Spread into `feesApi` by contract.ts.
 */
import type { ActionSpec } from '../platform/api';

export const DUES_ACTIONS = {} satisfies Record<string, ActionSpec>;
