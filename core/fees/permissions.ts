/** Who may do what with fees and the ledger (roles × scopes). Merged into core/authz.ts. */
import type { PermissionTable } from '../platform/authz';

export const FEES_PERMISSIONS = {
  /** Set a fee item's rate (from a month on): the committee. */
  'fees.rate.set': [['committeeMember', 'compound']],
  /** Propose a rate for the committee to set: the property manager. */
  'fees.rate.propose': [['propertyManager', 'compound']],
  /** Generate a month's bills. */
  'fees.generate': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['bookkeeper', 'compound'],
  ],
  /** Record a cash or bank-transfer payment with a receipt number; EV charging sessions. */
  'fees.collect': [
    ['propertyManager', 'compound'],
    ['bookkeeper', 'compound'],
  ],
  /** Rent parking spaces to homes (billed per space per month) and record EV charging sessions. */
  'fees.parking': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['bookkeeper', 'compound'],
  ],
  /** Refund a bill paid twice (through WeChat Pay, or in cash at the office), and ask how a refund stands. */
  'fees.refund': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
  ],
  /** See the money owed back and how each refund stands (退款中, 退款未成功): also the bookkeeper. */
  'fees.refund.view': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['bookkeeper', 'compound'],
  ],
  /** Arrears, collection rates, a building's bills, reminders, exports. */
  'fees.arrears': [
    ['buildingLead', 'building'],
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['bookkeeper', 'compound'],
    ['branchSecretary', 'compound'],
  ],
  'fees.remind': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['bookkeeper', 'compound'],
  ],
  /** Book an expense or other income, reverse an entry. */
  'ledger.book': [
    ['bookkeeper', 'compound'],
    ['propertyManager', 'compound'],
  ],
  /** Answer residents' questions on a statement line. */
  'ledger.answer': [
    ['bookkeeper', 'compound'],
    ['committeeMember', 'compound'],
  ],
  /** Close and publish a month. */
  'ledger.close': [['committeeMember', 'compound']],
  /** Read the ledger and statements without living there (residents read their compound's by living in it). */
  'ledger.view': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['bookkeeper', 'compound'],
    ['branchSecretary', 'compound'],
    ['communityAdmin', 'community'],
  ],
  /** .xlsx exports of bills, payments, arrears, the ledger and statements. */
  'fees.export': [
    ['committeeMember', 'compound'],
    ['propertyManager', 'compound'],
    ['bookkeeper', 'compound'],
  ],
  /** Appoint a bookkeeper: the committee (accounts' roles page: grantPermission('bookkeeper')). */
  'role.grant.bookkeeper': [['committeeMember', 'compound']],
} as const satisfies PermissionTable;
