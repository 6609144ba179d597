/** Arrears reminders and the committee members' six-monthly payment list (actions of core/fees/contract-dues.ts). */
import type { DUES_ACTIONS } from '../../core/fees/contract-dues';
import type { ActionHandlers } from '../_shared/router';

export const DUES_HANDLERS: ActionHandlers<typeof DUES_ACTIONS> = {};
