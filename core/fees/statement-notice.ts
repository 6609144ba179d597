/**
 * The 财务公示 notice a published month becomes: a title and a body in plain words
 * from the statement's figures, and the link that opens the statement (where every
 * line opens to its receipts and anyone can press 校验). Pure; shared by the fees
 * function (which offers it) and its tests.
 */
import type { AppLink } from '../platform/links';
import { formatFen } from '../platform/units';
import { periodLabel, witnessCode, type ChainHead, type StatementFigures } from './rules';

export interface StatementNoticeDraft {
  title: string;
  body: string;
  link: AppLink;
}

/** "57,010.88元": grouped like the statement page, so the two read alike. */
const yuan = (fen: number) => {
  const [int, dec] = formatFen(fen).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}元`;
};

/** `head` is the month's final chain head: the notice prints it, so every home holds it. */
export function statementNotice(
  compound: { id: string; name: string },
  figures: Omit<StatementFigures, 'lines'>,
  head?: ChainHead | null,
): StatementNoticeDraft {
  const month = periodLabel(figures.period);
  const lines = [
    `${compound.name}${month}的收支已结账，现向全体业主公示。`,
    '',
    `日常收支：收入 ${yuan(figures.income)}，支出 ${yuan(figures.expense)}，${figures.surplus >= 0 ? '结余' : '超支'} ${yuan(Math.abs(figures.surplus))}；月末余额 ${yuan(figures.closing)}。`,
  ];
  const cp = figures.commonPart;
  if (cp.income || cp.expense || cp.closing) {
    lines.push(
      `共有部分收益（停车、广告、充电桩等，归全体业主）：本月收入 ${yuan(cp.income)}，支出 ${yuan(cp.expense)}，累计 ${yuan(cp.closing)}。`,
    );
  }
  const rf = figures.repairFund;
  if (rf.in || rf.out) lines.push(`维修资金：本月缴存 ${yuan(rf.in)}，使用 ${yuan(rf.out)}，余额 ${yuan(rf.closing)}。`);
  if (head && head.seq > 0) lines.push(`本月账本到第${head.seq}笔为止，末笔校验码 ${witnessCode(head.hash)}（账目页「校验」会核对它）。`);
  lines.push(
    '',
    '每一项的明细和票据请点下方「查看账目明细」；对哪一项有疑问，可以在账目页直接提问，答复所有人可见。账目页的「校验」可以确认公示后的账没有被改动。',
  );
  return {
    title: `${compound.name} ${month}财务公示`.slice(0, 40),
    body: lines.join('\n'),
    link: { to: 'feeStatement', params: { compoundId: compound.id, period: figures.period }, label: '查看账目明细' },
  };
}
