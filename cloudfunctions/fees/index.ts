/**
 * fees: fee items and rates, bill generation (a job, and a timer on the 1st of each
 * month), my bills, WeChat Pay orders (settled by the `payCallback` function),
 * offline payments, receipts, refunds, arrears; the ledger and monthly statements.
 */
import * as cloud from 'wx-server-sdk';
import deploy from './deploy.json';
import { feesApi } from '../../core/fees/contract';
import { jobsTimer } from '../_shared/jobs';
import { createMain, timerRoute } from '../_shared/router';
import { arrears, generate, generationStatus, monthlyGeneration, myBillsPage, summary } from './bills';
import { answer, ask, book, close, donations, entries, linkNotice, publish, reverse, statement, trend, verify } from './ledger';
import { orderState, pay, payOffline, receipt } from './pay';
import { refund, refundCheck, refundsPage } from './refunds';
import { listItems, setRate } from './rates';
import { writeDailyHeads } from './witness';
import { exportXlsx } from './exports';
import { PARKING_HANDLERS } from './parking';
import { DUES_HANDLERS } from './dues';
import { booksPage, statementPage } from './pages';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const main = createMain(
  cloud,
  feesApi,
  {
    'fees.items': listItems,
    'fees.setRate': setRate,
    'fees.generate': generate,
    'fees.jobStatus': generationStatus,
    'fees.myBills': (ctx) => myBillsPage(ctx),
    'fees.summary': (ctx) => summary(ctx),
    'fees.pay': pay,
    'fees.order': orderState,
    'fees.receipt': receipt,
    'fees.payOffline': payOffline,
    'fees.refund': refund,
    'fees.refundCheck': refundCheck,
    'fees.refunds': refundsPage,
    'fees.arrears': arrears,
    'ledger.book': book,
    'ledger.reverse': reverse,
    'ledger.entries': entries,
    'ledger.close': close,
    'ledger.publish': publish,
    'ledger.linkNotice': linkNotice,
    'ledger.statement': statement,
    'ledger.trend': trend,
    'ledger.verify': verify,
    'ledger.ask': ask,
    'ledger.answer': answer,
    'ledger.donations': donations,
    'ledger.statementPage': statementPage,
    'ledger.booksPage': booksPage,
    'fees.export': exportXlsx,
    ...PARKING_HANDLERS,
    ...DUES_HANDLERS,
  },
  {
    system: [
      // Bill generation batches (and any other fees job).
      jobsTimer(deploy),
      // 02:00 on the 1st of each month (Asia/Shanghai): this month's bills.
      timerRoute('billing', (ctx) => monthlyGeneration(ctx)),
      // 00:05 every day: each compound's chain head, which that day's notices quote.
      timerRoute('witness', (ctx) => writeDailyHeads(ctx)),
    ],
  },
);
