/** The fees subpackage: my bills and paying, receipts, the monthly statement, booking and closing. */
import { defineRoutes } from '../route-table'; // relative: app.config.ts reads this at build time

export const FEE_ROUTES = defineRoutes({
  root: 'packages/fees',
  pages: {
    feeBills: 'pages/bills/index',
    feeReceipt: 'pages/receipt/index',
    feeStatement: 'pages/statement/index',
    feeBooks: 'pages/books/index',
    feeRates: 'pages/rates/index',
    feeParking: 'pages/parking/index',
    feeDues: 'pages/dues/index',
    feeRefunds: 'pages/refunds/index',
  },
});
