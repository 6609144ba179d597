/**
 * The subscribe-message template of fees ("bill due" / 缴费提醒). REPLACE the id at
 * deploy with the mp console's template id and match the keyword names. No zod here:
 * the client imports these values too.
 */
export const BILL_TEMPLATE_ID = 'REPLACE_WITH_BILL_TEMPLATE_ID';
export const BILL_TEMPLATE_FIELDS = { item: 'thing1', amount: 'amount2', period: 'thing3', note: 'thing4' } as const;
