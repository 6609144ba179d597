/** The ledger (a hash chain a resident can check), the monthly statement, and payment ids (fees). */
import { witnessCode } from '../platform/witness';
import { sumFen, type FeeKind } from './rates';

// ---------------------------------------------------------------- ledger

export const LEDGER_KINDS = ['income', 'expense'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
/** Operating money, the repair fund (专项维修资金, kept apart), common-part income (owners' money, 民法典 282). */
export const FUNDS = ['operating', 'repairFund', 'commonPart'] as const;
export type Fund = (typeof FUNDS)[number];
export const FUND_LABELS: Record<Fund, string> = {
  operating: '日常收支',
  repairFund: '维修资金',
  commonPart: '共有部分收益（归全体业主）',
};

export const INCOME_CATEGORIES = [
  'propertyFee',
  'fixedFee',
  'parking',
  'evCharging',
  'commonArea',
  'advertising',
  'donation',
  'repairFundIn',
  'otherIncome',
] as const;
/** 'refund' gives back operating money (property, fixed fees); 'refundCommon' common-part money (parking, EV charging). */
export const EXPENSE_CATEGORIES = [
  'security',
  'cleaning',
  'salary',
  'repairs',
  'purchases',
  'repairFundOut',
  'refund',
  'refundCommon',
  'otherExpense',
] as const;
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
export type Category = IncomeCategory | ExpenseCategory;
export const CATEGORY_LABELS: Record<Category, string> = {
  propertyFee: '物业费',
  fixedFee: '固定费用',
  parking: '停车费',
  evCharging: '充电桩',
  commonArea: '公共场地',
  advertising: '广告',
  donation: '捐资',
  repairFundIn: '维修资金缴存',
  otherIncome: '其他收入',
  security: '安保',
  cleaning: '保洁',
  salary: '人员工资',
  repairs: '维修',
  purchases: '采购',
  repairFundOut: '维修资金使用',
  refund: '退款',
  refundCommon: '退款（共有部分）',
  otherExpense: '其他支出',
};
/** Which money a category moves. */
export const CATEGORY_FUND: Record<Category, Fund> = {
  propertyFee: 'operating',
  fixedFee: 'operating',
  parking: 'commonPart',
  evCharging: 'commonPart',
  commonArea: 'commonPart',
  advertising: 'commonPart',
  donation: 'operating',
  repairFundIn: 'repairFund',
  otherIncome: 'operating',
  security: 'operating',
  cleaning: 'operating',
  salary: 'operating',
  repairs: 'operating',
  purchases: 'operating',
  repairFundOut: 'repairFund',
  refund: 'operating',
  refundCommon: 'commonPart',
  otherExpense: 'operating',
};
export function kindOfCategory(c: Category): LedgerKind {
  return (INCOME_CATEGORIES as readonly string[]).includes(c) ? 'income' : 'expense';
}
/** Payments' refunds: what a refund of money received in `category` posts to (its own fund). */
export function refundCategoryOf(category: IncomeCategory): 'refund' | 'refundCommon' {
  return CATEGORY_FUND[category] === 'commonPart' ? 'refundCommon' : 'refund';
}
/** The ledger category a paid bill's item posts to. */
export const FEE_KIND_CATEGORY: Record<FeeKind, IncomeCategory> = {
  property: 'propertyFee',
  parking: 'parking',
  fixed: 'fixedFee',
  ev: 'evCharging',
};

/**
 * The fields of an entry the hash covers, in a fixed order. Generic in its category
 * and fund so the party branch's book (core/party) chains on the same engine with
 * its own categories, in its own collection and chain.
 */
export interface ChainFields<C extends string = Category, F extends string = Fund> {
  seq: number;
  compoundId: string;
  period: string;
  kind: LedgerKind;
  category: C;
  fund: F;
  /** Negative for a reversing entry. */
  amountFen: number;
  memo: string;
  /** What posted it: a payment, a booking request, a reversal. Unique per compound. */
  sourceKey: string;
  reverses: string | null;
  receipts: string[];
  at: string;
  prevHash: string;
}
export const GENESIS_HASH = '0'.repeat(64);
export type Sha256 = (text: string) => string;

export function canonical(e: ChainFields<string, string>): string {
  return JSON.stringify([
    e.seq,
    e.compoundId,
    e.period,
    e.kind,
    e.category,
    e.fund,
    e.amountFen,
    e.memo,
    e.sourceKey,
    e.reverses,
    e.receipts,
    e.at,
    e.prevHash,
  ]);
}
export function entryHash(e: ChainFields<string, string>, sha256: Sha256): string {
  return sha256(canonical(e));
}

export interface ChainHead {
  seq: number;
  hash: string;
}
export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** The next entry after `head`: seq + 1, chained to head.hash. */
export function chainNext<C extends string = Category, F extends string = Fund>(
  head: ChainHead,
  draft: Omit<ChainFields<C, F>, 'seq' | 'prevHash'>,
  sha256: Sha256,
): { fields: ChainFields<C, F>; hash: string; head: ChainHead } {
  const fields: ChainFields<C, F> = { ...draft, seq: head.seq + 1, prevHash: head.hash };
  const hash = entryHash(fields, sha256);
  return { fields, hash, head: { seq: fields.seq, hash } };
}

export interface VerifyProblem {
  seq: number;
  problem: 'altered' | 'missing' | 'broken' | 'head';
  /** The statement period whose recorded head no longer matches (head problems). */
  period?: string;
}
export interface VerifyResult {
  ok: boolean;
  checked: number;
  head: ChainHead;
  problems: VerifyProblem[];
}

/**
 * Check a compound's chain: every entry's hash recomputes, each points at the one
 * before, no seq is missing, and each published statement's recorded head is still
 * the entry at that seq. An altered entry fails its hash; a removed one leaves a gap
 * (or, at the end, a statement head with no entry).
 */
export function verifyChain(
  entries: (ChainFields<string, string> & { hash: string })[],
  heads: { period: string; head: ChainHead }[],
  sha256: Sha256,
): VerifyResult {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const problems: VerifyProblem[] = [];
  let prev: ChainHead = EMPTY_HEAD;
  const bySeq = new Map<number, string>();
  for (const e of sorted) {
    if (e.seq !== prev.seq + 1) {
      for (let s = prev.seq + 1; s < e.seq; s++) problems.push({ seq: s, problem: 'missing' });
    } else if (e.prevHash !== prev.hash) {
      problems.push({ seq: e.seq, problem: 'broken' });
    }
    const h = entryHash(e, sha256);
    if (h !== e.hash) problems.push({ seq: e.seq, problem: 'altered' });
    bySeq.set(e.seq, e.hash);
    prev = { seq: e.seq, hash: h };
  }
  for (const { period, head } of heads) {
    if (head.seq === 0) continue;
    if (bySeq.get(head.seq) !== head.hash || head.seq > prev.seq) problems.push({ seq: head.seq, problem: 'head', period });
  }
  return { ok: problems.length === 0, checked: sorted.length, head: prev, problems };
}

// ---------------------------------------------------------------- witnesses

export { witnessCode };

/** An entry as a receipt witnesses it: its sequence number and the chain head after it (the entry's hash). */
export interface Witness {
  seq: number;
  /** The full hash when the receipt was kept by the app; a typed-in short code also works. */
  hash: string;
}

/** A receipt that no longer matches the chain: the entry it names, and the codes. */
export interface WitnessProblem {
  seq: number;
  held: string;
  /** The chain's code at that seq now, or null when the entry is gone. */
  now: string | null;
}

/**
 * Check receipts a resident holds against the chain as stored: each must still be
 * the entry at its seq with the same hash (or short code). Entries are the chain's
 * (`seq` → hash); a missing entry is a mismatch too.
 */
export function checkWitnesses(held: Witness[], chain: Map<number, string>): WitnessProblem[] {
  const norm = (s: string) => s.replace(/-/g, '').toLowerCase();
  const out: WitnessProblem[] = [];
  for (const w of held) {
    const now = chain.get(w.seq);
    const code = norm(w.hash);
    if (!now || !(code.length >= 8 && now.toLowerCase().startsWith(code)))
      out.push({ seq: w.seq, held: witnessCode(code), now: now ? witnessCode(now) : null });
  }
  return out;
}

// ---------------------------------------------------------------- statement

export interface Balances {
  operating: number;
  repairFund: number;
  commonPart: number;
}
export const ZERO_BALANCES: Balances = { operating: 0, repairFund: 0, commonPart: 0 };

export interface StatementLine {
  category: Category;
  kind: LedgerKind;
  fund: Fund;
  amountFen: number;
  entries: number;
}
export interface StatementFigures {
  period: string;
  /** Operating money only: opening + income − expense = closing. */
  opening: number;
  income: number;
  expense: number;
  surplus: number;
  closing: number;
  repairFund: { opening: number; in: number; out: number; closing: number };
  commonPart: { opening: number; income: number; expense: number; closing: number };
  lines: StatementLine[];
  balances: Balances;
}

/**
 * The month's statement from its entries and the balances carried forward. Each fund
 * is its own account; reversing entries (negative amounts) cancel their originals.
 */
export function buildStatement(
  period: string,
  opening: Balances,
  entries: { kind: LedgerKind; category: Category; fund: Fund; amountFen: number }[],
): StatementFigures {
  const byCat = new Map<Category, StatementLine>();
  const sums = { operating: { in: 0, out: 0 }, repairFund: { in: 0, out: 0 }, commonPart: { in: 0, out: 0 } };
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amountFen)) throw new RangeError('amounts must be integers');
    const line = byCat.get(e.category) ?? { category: e.category, kind: e.kind, fund: e.fund, amountFen: 0, entries: 0 };
    line.amountFen += e.amountFen;
    line.entries++;
    byCat.set(e.category, line);
    sums[e.fund][e.kind === 'income' ? 'in' : 'out'] += e.amountFen;
  }
  const order = [...INCOME_CATEGORIES, ...EXPENSE_CATEGORIES] as readonly Category[];
  const lines = [...byCat.values()].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
  const op = sums.operating;
  const balances: Balances = {
    operating: opening.operating + op.in - op.out,
    repairFund: opening.repairFund + sums.repairFund.in - sums.repairFund.out,
    commonPart: opening.commonPart + sums.commonPart.in - sums.commonPart.out,
  };
  return {
    period,
    opening: opening.operating,
    income: op.in,
    expense: op.out,
    surplus: op.in - op.out,
    closing: balances.operating,
    repairFund: { opening: opening.repairFund, in: sums.repairFund.in, out: sums.repairFund.out, closing: balances.repairFund },
    commonPart: { opening: opening.commonPart, income: sums.commonPart.in, expense: sums.commonPart.out, closing: balances.commonPart },
    lines,
    balances,
  };
}

/** opening + income − expense = closing, for every fund. */
export function statementBalances(s: StatementFigures): boolean {
  return (
    s.opening + s.income - s.expense === s.closing &&
    s.repairFund.opening + s.repairFund.in - s.repairFund.out === s.repairFund.closing &&
    s.commonPart.opening + s.commonPart.income - s.commonPart.expense === s.commonPart.closing
  );
}

/** The payment's bills must match what was issued: every bill unpaid, amounts summing to the order total. */
export function orderTotal(bills: { amountFen: number }[]): number {
  return sumFen(bills.map((b) => b.amountFen));
}

/** outTradeNo for WeChat Pay: 6–32 of [A-Za-z0-9_-]; deterministic from the person and their request id. */
export function outTradeNoOf(personId: string, clientRequestId: string, hash: Sha256): string {
  return `F${hash(`${personId}|${clientRequestId}`).slice(0, 30)}`;
}
