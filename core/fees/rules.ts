/**
 * Fee and ledger rules, pure and in integers: money in fen, area in hundredths of
 * m², periods "YYYY-MM" (Asia/Shanghai). Rates change from a month on and old bills
 * keep the rate they were made with; the ledger is a hash chain a resident can check.
 */
import { witnessCode } from '../platform/witness';
import { billLineFen } from '../platform/units';

// ---------------------------------------------------------------- fee items

export const FEE_KINDS = ['property', 'parking', 'fixed', 'ev'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];
export const FEE_KIND_LABELS: Record<FeeKind, string> = { property: '物业费', parking: '停车费', fixed: '固定费用', ev: '充电费' };

/** Property-fee tiers by home attributes. */
export const TIERS = ['flat_lift', 'flat_walkup', 'shop'] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_LABELS: Record<Tier, string> = { flat_lift: '电梯住宅', flat_walkup: '无电梯住宅', shop: '商铺' };

export function tierOf(home: { kind: 'flat' | 'shop'; hasLift: boolean }): Tier {
  if (home.kind === 'shop') return 'shop';
  return home.hasLift ? 'flat_lift' : 'flat_walkup';
}

/** What one unit of each kind's rate is, as forms and lists say it. */
export const FEE_KIND_UNITS: Record<FeeKind, string> = { property: '元/㎡/月', parking: '元/个/月', fixed: '元/户/月', ev: '元/度' };

/**
 * One version of an item's rate, in force from `from` (a period) until a later one.
 * property: fen per m² per month by tier; parking: fen per space per month;
 * fixed: fen per home per month; ev: fen per kWh, charged per session.
 */
export interface RateVersion {
  from: string;
  /** property only */
  tiers?: Partial<Record<Tier, number>>;
  /** parking / fixed / ev */
  fen?: number;
  setBy: string;
  setAt: string;
}

/** The version in force in `period` (the latest `from` ≤ period), or null before the first. */
export function rateIn(history: RateVersion[], period: string): RateVersion | null {
  let best: RateVersion | null = null;
  for (const v of history) if (v.from <= period && (!best || v.from >= best.from)) best = v;
  return best;
}

/** Add a version; one from the same month replaces the earlier one of that month. Sorted by `from`. */
export function withVersion(history: RateVersion[], v: RateVersion): RateVersion[] {
  return [...history.filter((h) => h.from !== v.from), v].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export interface BillHome {
  kind: 'flat' | 'shop';
  hasLift: boolean;
  areaCenti: number;
  /** Parking spaces rented (parking items). */
  spaces?: number;
}

export type BillUnit = 'm2' | 'space' | 'home' | 'kwh';

export interface BillLine {
  /** What the line was computed from, kept on the bill: old bills keep their rate. */
  rateFen: number;
  quantity: number;
  /** 'm2' quantities are hundredths of m²; 'kwh' hundredths of a kWh. */
  unit: BillUnit;
  amountFen: number;
  tier?: Tier;
}

/**
 * The bill line of one home for one item and month, or null when the item does not
 * apply (no rate yet, no tier rate, no parking space, EV).
 * property: round-half-up(areaCenti × rate / 100) — `billLineFen`.
 */
export function billLine(kind: FeeKind, history: RateVersion[], period: string, home: BillHome): BillLine | null {
  const v = rateIn(history, period);
  if (!v) return null;
  if (kind === 'property') {
    const tier = tierOf(home);
    const rate = v.tiers?.[tier];
    if (rate === undefined) return null;
    return { rateFen: rate, quantity: home.areaCenti, unit: 'm2', amountFen: billLineFen(home.areaCenti, rate), tier };
  }
  if (kind === 'parking') {
    const spaces = home.spaces ?? 0;
    if (!spaces || v.fen === undefined) return null;
    return { rateFen: v.fen, quantity: spaces, unit: 'space', amountFen: safeMul(v.fen, spaces) };
  }
  if (kind === 'fixed') {
    if (v.fen === undefined) return null;
    return { rateFen: v.fen, quantity: 1, unit: 'home', amountFen: v.fen };
  }
  return null;
}

function safeMul(a: number, b: number): number {
  const r = a * b;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(r) || a < 0 || b < 0) throw new RangeError('amounts must be non-negative integers');
  return r;
}

/** Sum of integer fen amounts; refuses anything that is not a safe integer. */
export function sumFen(xs: number[]): number {
  let s = 0;
  for (const x of xs) {
    if (!Number.isSafeInteger(x)) throw new RangeError('amounts must be integers');
    s += x;
    if (!Number.isSafeInteger(s)) throw new RangeError('sum out of range');
  }
  return s;
}

// ---------------------------------------------------------------- periods

export function periodIndex(period: string): number {
  const [y, m] = period.split('-').map(Number);
  return y * 12 + (m - 1);
}
export function periodAt(index: number): string {
  const y = Math.floor(index / 12);
  return `${y}-${String((index % 12) + 1).padStart(2, '0')}`;
}
export function addMonths(period: string, n: number): string {
  return periodAt(periodIndex(period) + n);
}
/** `n` consecutive periods from `start`. */
export function periodsFrom(start: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addMonths(start, i));
}
/** "2026年11月" */
export function periodLabel(period: string): string {
  const [y, m] = period.split('-');
  return `${y}年${Number(m)}月`;
}

/** A home card's title for what is due: the bill's kind (停车费待缴), or 待缴费用 when several kinds are due. */
export function dueTitle(kinds: FeeKind[]): string {
  const k = [...new Set(kinds)];
  if (!k.length) return '费用已缴清';
  return k.length === 1 ? `${FEE_KIND_LABELS[k[0]]}待缴` : '待缴费用';
}

// ---------------------------------------------------------------- closing months

/** Who closes and publishes a month (ledger.close): named where a bookkeeper sees a month waiting. */
export const CLOSED_BY_LABEL = '业委会委员';

/** A month can be closed only once it has ended in Asia/Shanghai: the figures of a running month are not final. */
export function monthEnded(period: string, nowPeriod: string): boolean {
  return period < nowPeriod;
}

/** "2027年1月1日": the first day on which `period` can be closed. */
export function closableFrom(period: string): string {
  const [y, m] = addMonths(period, 1).split('-');
  return `${y}年${Number(m)}月1日`;
}

/**
 * The month entries go into now: this month, or the one after the last closed month
 * (a month closed before the rule above existed may be the running one).
 */
export function bookingPeriod(closedThrough: string | null, nowPeriod: string): string {
  return closedThrough && closedThrough >= nowPeriod ? addMonths(closedThrough, 1) : nowPeriod;
}

export interface MonthToClose {
  /** The next month to close: the one after the last closed month (last month when none is closed). */
  period: string;
  /** It has ended, so it can be closed now. */
  closable: boolean;
  /** In words, for the books page and the home card: "11月可以结账" / "12月结束后（2027年1月1日起）可以结账". */
  hint: string;
}

export function monthToClose(closedThrough: string | null, nowPeriod: string): MonthToClose {
  const period = closedThrough ? addMonths(closedThrough, 1) : addMonths(nowPeriod, -1);
  const closable = monthEnded(period, nowPeriod);
  const m = `${Number(period.slice(5))}月`;
  return { period, closable, hint: closable ? `${m}可以结账` : `${m}结束后（${closableFrom(period)}起）可以结账` };
}

export const PREPAY_SPANS = { month: 1, quarter: 3, year: 12 } as const;
export type PrepaySpan = keyof typeof PREPAY_SPANS;

/**
 * Paying ahead: a quarter or a year from `start` is one line per month, each at the
 * rate in force in that month (a rate change inside the span applies from its month).
 */
export function prepayLines(kind: FeeKind, history: RateVersion[], start: string, span: PrepaySpan, home: BillHome): { period: string; line: BillLine }[] {
  const out: { period: string; line: BillLine }[] = [];
  for (const period of periodsFrom(start, PREPAY_SPANS[span])) {
    const line = billLine(kind, history, period, home);
    if (line) out.push({ period, line });
  }
  return out;
}

// ---------------------------------------------------------------- parking and EV charging

export const PARKING_LIMITS = {
  /** Spaces in one compound's register (the register is read in one query). */
  spacesPerCompound: 1000,
  /** Spaces registered in one call. */
  spacesPerAdd: 50,
  /** Rentals kept on a space (the oldest go first). */
  rentalsKept: 24,
  /** Highest energy of one session: 200 kWh, in hundredths. */
  maxEnergyCenti: 20_000,
  /** A session may be recorded up to this many days after it started. */
  sessionMaxAgeDays: 31,
  /** A rental may start or end at most this many months ahead. */
  monthsAhead: 12,
  spaceNo: 16,
  room: 30,
} as const;

/** Space numbers people type: letters, digits, Chinese and dashes ("A-012", "地下B2-105"). */
export const SPACE_NO = /^[\u4e00-\u9fa5A-Z0-9][\u4e00-\u9fa5A-Z0-9-]{0,15}$/;

/** Full-width letters, digits and dashes to ASCII, upper case, no spaces: "ａ－０１２" → "A-012". */
export function normalizeSpaceNo(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[\u2010-\u2015\u2212\uFF0D_]/g, '-')
    .toUpperCase();
}

/**
 * Space numbers from what a person types: separated by spaces, commas or 、, and
 * ranges "A-001~A-010" (or 至/到) expanded with the same zero padding. null when a
 * range is malformed or too long.
 */
export function expandSpaceNos(input: string, max: number = PARKING_LIMITS.spacesPerAdd): string[] | null {
  const out: string[] = [];
  for (const part of input.split(/[\s,，、;；]+/).filter(Boolean)) {
    const range = part.split(/[~～至到]/);
    if (range.length === 1) {
      out.push(normalizeSpaceNo(part));
      continue;
    }
    if (range.length !== 2) return null;
    const [a, b] = range.map(normalizeSpaceNo);
    const ma = /^(.*?)(\d+)$/.exec(a);
    const mb = /^(.*?)(\d+)$/.exec(b);
    if (!ma || !mb) return null;
    const prefixB = mb[1] || ma[1];
    if (ma[1] !== prefixB) return null;
    const lo = Number(ma[2]);
    const hi = Number(mb[2]);
    if (hi < lo || hi - lo + 1 > max) return null;
    for (let n = lo; n <= hi; n++) out.push(`${ma[1]}${String(n).padStart(ma[2].length, '0')}`);
  }
  const unique = [...new Set(out)];
  return unique.length > max ? null : unique;
}

/** A key that sorts space numbers naturally as a plain string: digit runs padded to 8 places. */
export function spaceSortKey(spaceNo: string): string {
  return spaceNo.replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(8, '0'));
}

/** One home's rental of a space: billed in every month from `from` up to (not including) `until`. */
export interface Rental {
  homeId: string;
  homeLabel: string;
  from: string;
  /** The first month no longer rented; null while open-ended. */
  until: string | null;
}

/** The rental in force in `period`, if any. */
export function rentalIn<R extends Rental>(rentals: R[], period: string): R | null {
  return rentals.find((r) => r.from <= period && (r.until === null || period < r.until)) ?? null;
}

/**
 * Why a space cannot be rented from `from` (Chinese), or null. Rentals never overlap:
 * a new one starts at or after the end of every earlier one.
 */
export function rentProblem(rentals: Rental[], from: string): string | null {
  for (const r of rentals) {
    if (r.until === null) return r.from <= from ? '该车位已出租' : `该车位已从${periodLabel(r.from)}起出租`;
    if (from < r.until) return `该车位${periodLabel(r.from)}至${periodLabel(addMonths(r.until, -1))}已出租`;
  }
  return null;
}

/** The spaces (numbers, natural order) each home rents in `period`. */
export function spacesByHome(spaces: { spaceNo: string; rentals: Rental[] }[], period: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of spaces) {
    const r = rentalIn(s.rentals, period);
    if (!r) continue;
    out.set(r.homeId, [...(out.get(r.homeId) ?? []), s.spaceNo]);
  }
  for (const list of out.values()) list.sort((a, b) => (spaceSortKey(a) < spaceSortKey(b) ? -1 : spaceSortKey(a) > spaceSortKey(b) ? 1 : 0));
  return out;
}

/**
 * An EV charging session's bill line: round-half-up(energy in hundredths of kWh ×
 * fen per kWh / 100), integers only; null when the item has no rate in that month.
 */
export function evLine(history: RateVersion[], period: string, energyCenti: number): BillLine | null {
  const v = rateIn(history, period);
  if (!v || v.fen === undefined) return null;
  return { rateFen: v.fen, quantity: energyCenti, unit: 'kwh', amountFen: billLineFen(energyCenti, v.fen) };
}

/**
 * An EV session's bill id: unique per session, the same for a retry. It keeps the
 * shape `${homeId}_${item}_${period}` (the item part carries the session's hash), so
 * whatever reads a home from a bill id reads it the same way.
 */
export function evBillId(homeId: string, itemCode: string, period: string, sessionKey: string): string {
  return `${homeId}_${itemCode}-${sessionKey}_${period}`;
}

/** What people type for a room, made comparable: NFKC, no spaces, upper case, no trailing 室/号. */
export function normalizeRoom(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toUpperCase()
    .replace(/[室号]$/, '');
}

/** The room number a typed room ends with ("3栋2单元101" → "101", "沿街商铺S07" → "S07"). */
export function roomNumberOf(raw: string): string | null {
  const m = /([A-Z]?\d+)$/.exec(normalizeRoom(raw));
  return m ? m[1] : null;
}

/**
 * Whether a typed room names this home: its label ("3栋2单元101"), building-unit-room
 * with dashes ("3-2-101"), or, for a shop, the building and number ("沿街商铺S07").
 */
export function roomMatches(raw: string, home: { label: string; buildingName: string; unit: string; number: string }): boolean {
  const t = normalizeRoom(raw);
  if (t === normalizeRoom(home.label)) return true;
  const b = normalizeRoom(home.buildingName).replace(/(栋|幢|号楼|楼)$/, '');
  const parts = t.split('-');
  if (home.unit && parts.length === 3) return parts[0].replace(/(栋|幢|号楼|楼)$/, '') === b && parts[1].replace(/单元$/, '') === home.unit.toUpperCase() && parts[2] === home.number.toUpperCase();
  if (!home.unit && parts.length === 2) return parts[0].replace(/(栋|幢|号楼|楼)$/, '') === b && parts[1] === home.number.toUpperCase();
  return false;
}

/** Deterministic bill id: one bill per home, item and month, however often generation runs. */
export function billId(homeId: string, itemCode: string, period: string): string {
  return `${homeId}_${itemCode}_${period}`;
}

// ---------------------------------------------------------------- collection

/** Whole percent, floor (100 only when everything is paid; 0 when nothing is due). */
export function collectionRate(paidFen: number, dueFen: number): number {
  if (dueFen <= 0) return 0;
  return Math.floor((paidFen * 100) / dueFen);
}

/** Months between a bill's period and `now`'s period (0 = this month). */
export function monthsOverdue(period: string, nowPeriod: string): number {
  return Math.max(0, periodIndex(nowPeriod) - periodIndex(period));
}

// ---------------------------------------------------------------- ledger

export const LEDGER_KINDS = ['income', 'expense'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
/** Operating money, the repair fund (专项维修资金, kept apart), common-part income (owners' money, 民法典 282). */
export const FUNDS = ['operating', 'repairFund', 'commonPart'] as const;
export type Fund = (typeof FUNDS)[number];
export const FUND_LABELS: Record<Fund, string> = { operating: '日常收支', repairFund: '维修资金', commonPart: '共有部分收益（归全体业主）' };

export const INCOME_CATEGORIES = ['propertyFee', 'fixedFee', 'parking', 'evCharging', 'commonArea', 'advertising', 'donation', 'repairFundIn', 'otherIncome'] as const;
/** 'refund' gives back operating money (property, fixed fees); 'refundCommon' common-part money (parking, EV charging). */
export const EXPENSE_CATEGORIES = ['security', 'cleaning', 'salary', 'repairs', 'purchases', 'repairFundOut', 'refund', 'refundCommon', 'otherExpense'] as const;
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
export const FEE_KIND_CATEGORY: Record<FeeKind, IncomeCategory> = { property: 'propertyFee', parking: 'parking', fixed: 'fixedFee', ev: 'evCharging' };

/** The fields of an entry the hash covers, in a fixed order. */
export interface ChainFields {
  seq: number;
  compoundId: string;
  period: string;
  kind: LedgerKind;
  category: Category;
  fund: Fund;
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

export function canonical(e: ChainFields): string {
  return JSON.stringify([e.seq, e.compoundId, e.period, e.kind, e.category, e.fund, e.amountFen, e.memo, e.sourceKey, e.reverses, e.receipts, e.at, e.prevHash]);
}
export function entryHash(e: ChainFields, sha256: Sha256): string {
  return sha256(canonical(e));
}

export interface ChainHead {
  seq: number;
  hash: string;
}
export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** The next entry after `head`: seq + 1, chained to head.hash. */
export function chainNext(head: ChainHead, draft: Omit<ChainFields, 'seq' | 'prevHash'>, sha256: Sha256): { fields: ChainFields; hash: string; head: ChainHead } {
  const fields: ChainFields = { ...draft, seq: head.seq + 1, prevHash: head.hash };
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
export function verifyChain(entries: (ChainFields & { hash: string })[], heads: { period: string; head: ChainHead }[], sha256: Sha256): VerifyResult {
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
    if (!now || !(code.length >= 8 && now.toLowerCase().startsWith(code))) out.push({ seq: w.seq, held: witnessCode(code), now: now ? witnessCode(now) : null });
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
export function buildStatement(period: string, opening: Balances, entries: { kind: LedgerKind; category: Category; fund: Fund; amountFen: number }[]): StatementFigures {
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
