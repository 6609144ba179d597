/**
 * fees registers: its pages, the 首页 cards (what my homes owe, pay from there; for
 * the people who keep the books, this month's collection rate and the next month to
 * close) and the grid entries (物业缴费, 财务公示, 记账).
 */
import { defineFeature } from '@/features/types';
import { routePaths } from '@/features/route-table';
import { FEE_ROUTES } from './routes';
import { CollectionCard, FeesDueCard } from './homeCards';

const url = routePaths(FEE_ROUTES);

export const feesFeature = defineFeature({
  name: 'fees',
  routes: FEE_ROUTES,
  homeCards: [
    { key: 'fees-due', order: 6, Component: FeesDueCard, when: (v) => v.me.homes.length > 0 },
    { key: 'fees-collection', order: 9, Component: CollectionCard, permission: 'fees.arrears' },
  ],
  services: [
    { key: 'fee-bills', label: '物业缴费', hint: '账单、缴费、收据', url: url.feeBills, order: 10, when: (v) => v.me.homes.length > 0 },
    { key: 'fee-statement', label: '财务公示', hint: '每月收支，一键校验', url: url.feeStatement, order: 11, when: (v) => v.me.homes.length > 0 || v.me.roles.length > 0 },
    { key: 'fee-books', label: '记账结账', hint: '记支出、结账公示', url: url.feeBooks, order: 12, permission: ['ledger.book', 'ledger.close'] },
  ],
  shortcuts: [{ key: 'fee-books', label: '记账结账', url: url.feeBooks, order: 5, permission: ['ledger.book', 'ledger.close'] }],
});
