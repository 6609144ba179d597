/**
 * .xlsx exports (bills, payments, arrears, ledger, statements) for the people who
 * keep the books: written under the maker's own exports folder with an unguessable
 * name, handed out as a 10-minute link (as accounts' roster export).
 */
import ExcelJS from 'exceljs';
import { assertCan } from '../../core/authz';
import { EXPORT_KIND_LABELS, type ExportKind, type FeesExport } from '../../core/fees/contract';
import { addMonths, CATEGORY_LABELS, FUND_LABELS, monthsOverdue, REFUND_STATE_LABELS } from '../../core/fees/rules';
import { AppError } from '../../core/platform/errors';
import { formatDate } from '../../core/platform/time';
import { formatFen } from '../../core/platform/units';
import type { BillDoc } from '../../core/fees/docs';
import { compounds } from '../_shared/directory';
import { privateExport } from '../_shared/files';
import { refundStateOf } from '../_shared/refunds';
import type { Ctx } from '../_shared/router';
import { compoundTarget } from './common';
import { bills, ledger, payments, statements } from './docs';

/** What a bill's quantity counts, for the bills sheet. */
const BILL_UNIT_LABELS: Record<BillDoc['unit'], string> = { m2: '㎡', space: '个车位', home: '户', kwh: '度' };

const yuan = (fen: number) => Number(formatFen(fen));

export async function exportXlsx(ctx: Ctx, input: { compoundId: string; kind: ExportKind; period: string }): Promise<FeesExport> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  assertCan(actor, 'fees.export', compoundTarget(compound));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(EXPORT_KIND_LABELS[input.kind]);
  let rows = 0;
  const add = (r: unknown[]) => {
    ws.addRow(r);
    rows++;
  };
  if (input.kind === 'bills') {
    ws.addRow(['房屋', '月份', '项目', '计费数量', '计费单位', '单价(元)', '金额(元)', '状态', '缴费时间']);
    for (const b of await bills(ctx.db).all({ compoundPeriod: `${compound._id}_${input.period}` })) {
      // Area and energy are kept in hundredths (㎡, 度): shown as the decimals people read.
      const qty = b.unit === 'm2' || b.unit === 'kwh' ? formatFen(b.quantity) : String(b.quantity);
      add([
        b.homeLabel,
        b.period,
        b.itemName,
        qty,
        BILL_UNIT_LABELS[b.unit],
        yuan(b.rateFen),
        yuan(b.amountFen),
        b.status === 'paid' ? '已缴' : '待缴',
        b.paidAt ? formatDate(b.paidAt) : '',
      ]);
    }
  } else if (input.kind === 'payments') {
    ws.addRow(['收据号', '日期', '方式', '金额(元)', '房屋', '重复待退(元)', '已退(元)', '退款状态']);
    const list = (await payments(ctx.db).all({ compoundId: compound._id })).filter((p) => p.day.startsWith(input.period));
    for (const p of list)
      add([
        p.receiptNo,
        p.day,
        p.method === 'wechat' ? '微信支付' : p.method === 'cash' ? '现金' : '银行转账',
        yuan(p.amountFen),
        p.lines.map((l) => l.homeLabel).join('、'),
        yuan(p.duplicateFen),
        // Only money WeChat (or the office) has given back counts as refunded; 退款中 is not yet.
        p.refund && (p.refund.state ?? 'refunded') === 'refunded' ? yuan(p.refund.amountFen) : 0,
        ((s) => (s ? REFUND_STATE_LABELS[s] : ''))(refundStateOf(p)),
      ]);
  } else if (input.kind === 'arrears') {
    ws.addRow(['房屋', '欠费月数', '欠费(元)', '最早欠费月份']);
    const _ = ctx.db.command;
    const open = await bills(ctx.db).all({
      compoundPeriod: _.in(Array.from({ length: 24 }, (_x, i) => `${compound._id}_${addMonths(input.period, -i)}`)),
      status: 'unpaid',
    });
    const byHome = new Map<string, { label: string; months: Set<string>; fen: number; first: string }>();
    for (const b of open) {
      const e = byHome.get(b.homeId) ?? { label: b.homeLabel, months: new Set<string>(), fen: 0, first: b.period };
      e.months.add(b.period);
      e.fen += b.amountFen;
      if (b.period < e.first) e.first = b.period;
      byHome.set(b.homeId, e);
    }
    for (const e of [...byHome.values()]
      .sort((a, b) => monthsOverdue(a.first, input.period) - monthsOverdue(b.first, input.period))
      .reverse())
      add([e.label, e.months.size, yuan(e.fen), e.first]);
  } else if (input.kind === 'ledger') {
    ws.addRow(['序号', '月份', '时间', '收/支', '类别', '资金', '金额(元)', '摘要', '经手', '冲正', '票据', '哈希']);
    for (const e of await ledger(ctx.db).all({ compoundPeriod: `${compound._id}_${input.period}` }, [['seq', 'asc']]))
      add([
        e.seq,
        e.period,
        e.at,
        e.kind === 'income' ? '收入' : '支出',
        CATEGORY_LABELS[e.category],
        FUND_LABELS[e.fund],
        yuan(e.amountFen),
        e.memo,
        e.byName,
        e.reverses ?? '',
        e.receipts.length,
        e.hash,
      ]);
  } else {
    ws.addRow([
      '月份',
      '状态',
      '期初(元)',
      '收入(元)',
      '支出(元)',
      '结余(元)',
      '期末(元)',
      '维修资金余额(元)',
      '共有部分收益余额(元)',
      '链头序号',
      '链头哈希',
    ]);
    for (const s of (await statements(ctx.db).all({ compoundId: compound._id }))
      .filter((x) => x.period <= input.period)
      .sort((a, b) => (a.period < b.period ? -1 : 1)))
      add([
        s.period,
        s.status === 'published' ? '已公示' : '已结账',
        yuan(s.figures.opening),
        yuan(s.figures.income),
        yuan(s.figures.expense),
        yuan(s.figures.surplus),
        yuan(s.figures.closing),
        yuan(s.figures.repairFund.closing),
        yuan(s.figures.commonPart.closing),
        s.head.seq,
        s.head.hash,
      ]);
  }
  ws.getRow(1).font = { bold: true };
  const fileName = `${compound.name}-${EXPORT_KIND_LABELS[input.kind]}-${input.period}.xlsx`;
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { ...(await privateExport(ctx, fileName, buffer)), rows };
}
