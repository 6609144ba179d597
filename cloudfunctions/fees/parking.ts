/** Parking spaces rented to homes and EV charging sessions (actions of core/fees/contract-parking.ts). */
import type { PARKING_ACTIONS } from '../../core/fees/contract-parking';
import type { ActionHandlers } from '../_shared/router';

export const PARKING_HANDLERS: ActionHandlers<typeof PARKING_ACTIONS> = {};
