/** Repositories of fees (document shapes in core/fees/docs.ts, shared with payCallback). */
import type {
  BillDoc,
  EvSessionDoc,
  FeeItemDoc,
  ParkingSpaceDoc,
  LedgerEntryDoc,
  LedgerDailyHeadDoc,
  LedgerHeadDoc,
  LedgerQuestionDoc,
  PaymentDoc,
  PayOrderDoc,
  StatementDoc,
} from '../../core/fees/docs';
import { repository } from '../_shared/repo';

export const feeItems = repository<FeeItemDoc>('feeItems');
export const bills = repository<BillDoc>('bills');
export const payOrders = repository<PayOrderDoc>('payOrders');
export const payments = repository<PaymentDoc>('payments');
export const ledger = repository<LedgerEntryDoc>('ledger');
export const ledgerHeads = repository<LedgerHeadDoc>('ledgerHeads');
export const ledgerDailyHeads = repository<LedgerDailyHeadDoc>('ledgerDailyHeads');
export const statements = repository<StatementDoc>('statements');
export const questions = repository<LedgerQuestionDoc>('ledgerQuestions');
export const parkingSpaces = repository<ParkingSpaceDoc>('parkingSpaces');
export const evSessions = repository<EvSessionDoc>('evSessions');
