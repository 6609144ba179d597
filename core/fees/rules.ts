/**
 * Fee and ledger rules, pure and in integers, one module per topic: items, rates and
 * bills (rates.ts), parking and EV charging (parking.ts), the ledger, its witnesses
 * and the statement (ledger.ts), refunds (refunds.ts), periods (core/platform/period.ts). Importers read
 * them all from here.
 */
export * from './rates';
export * from './parking';
export * from './ledger';
export * from './closing';
export { addMonths, periodAt, periodIndex, periodLabel, periodsFrom } from '../platform/period';
export * from './refunds';
