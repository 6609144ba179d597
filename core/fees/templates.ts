/**
 * The subscribe-message template of fees ("bill due" / 缴费提醒): its id per
 * environment and its keyword names live in core/templates.ts. No zod here: the
 * client imports these values too.
 */
import { TEMPLATE_IDS, TEMPLATES } from '../templates';

export const BILL_TEMPLATE_ID = TEMPLATE_IDS.bill;
export const BILL_TEMPLATE_FIELDS = TEMPLATES.bill.fields;
