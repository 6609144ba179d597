/**
 * fees registers: its pages, the 首页 cards (what my homes owe, pay from there; for
 * the people who keep the books, this month's collection rate and the next month to
 * close) and the grid entries (物业缴费, 财务公示, 记账, 收费标准, 车位与充电, 退款处理, 委员缴费公示).
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
    {
      key: 'fee-statement',
      label: '财务公示',
      hint: '每月收支，一键校验',
      url: url.feeStatement,
      order: 11,
      when: (v) => v.me.homes.length > 0 || v.me.roles.length > 0,
    },
    {
      key: 'fee-books',
      label: '记账结账',
      hint: '记支出、结账公示',
      url: url.feeBooks,
      order: 12,
      permission: ['ledger.book', 'ledger.close'],
    },
    {
      key: 'fee-rates',
      label: '收费标准',
      hint: '单价、调价、提议',
      url: url.feeRates,
      order: 13,
      permission: ['fees.rate.set', 'fees.rate.propose'],
    },
    { key: 'fee-parking', label: '车位与充电', hint: '车位出租、充电记录', url: url.feeParking, order: 14, permission: 'fees.parking' },
    {
      key: 'fee-refunds',
      label: '退款处理',
      hint: '多缴退回、退款进度',
      url: url.feeRefunds,
      order: 16,
      permission: 'fees.refund.view',
    },
    {
      key: 'fee-dues',
      label: '委员缴费公示',
      hint: '业委会成员是否缴费',
      url: url.feeDues,
      order: 15,
      when: (v) => v.me.homes.length > 0 || v.me.roles.some((r) => !!r.compoundId),
    },
  ],
  shortcuts: [{ key: 'fee-books', label: '记账结账', url: url.feeBooks, order: 5, permission: ['ledger.book', 'ledger.close'] }],
});
