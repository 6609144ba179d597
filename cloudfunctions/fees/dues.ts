/** Arrears reminders and the committee members' six-monthly payment list (actions of core/fees/contract-dues.ts). */
import type { DUES_ACTIONS } from '../../core/fees/contract-dues';
import { recordGrant } from '../_shared/messaging';
import type { ActionHandlers } from '../_shared/router';
import { committeeDuesList, publishCommitteeDues } from './dues-list';
import { remind, remindPreview } from './dues-remind';

export const DUES_HANDLERS: ActionHandlers<typeof DUES_ACTIONS> = {
  'fees.remindPreview': remindPreview,
  'fees.remind': remind,
  'fees.subscribe': recordGrant,
  'fees.committeeDues': committeeDuesList,
  'fees.publishCommitteeDues': publishCommitteeDues,
};
