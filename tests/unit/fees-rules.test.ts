import { createHash } from 'node:crypto';
import {
  checkWitnesses,
  witnessCode,
  addMonths,
  billId,
  billLine,
  buildStatement,
  chainNext,
  collectionRate,
  EMPTY_HEAD,
  monthsOverdue,
  prepayLines,
  rateIn,
  statementBalances,
  sumFen,
  tierOf,
  monthEnded,
  monthToClose,
  bookingPeriod,
  dueTitle,
  verifyChain,
  withVersion,
  refundCategoryOf,
  CATEGORY_FUND,
  kindOfCategory,
  type ChainFields,
  type ChainHead,
  type RateVersion,
} from '../../core/fees/rules';
import { billLineFen } from '../../core/platform/units';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const v = (from: string, tiers: RateVersion['tiers']): RateVersion => ({ from, tiers, setBy: 'p', setAt: '2026-01-01T00:00:00Z' });
const flatLift = { kind: 'flat' as const, hasLift: true, areaCenti: 10000 };

describe('fee math in integer fen', () => {
  it('rounds half up at .5 fen', () => {
    // 0.05 m² × 110 fen = 5.5 fen → 6
    expect(billLineFen(5, 110)).toBe(6);
    // 89.51 m² × 110 fen = 9846.1 fen → 9846
    expect(billLineFen(8951, 110)).toBe(9846);
    // 0.25 m² × 2 fen = 0.5 fen → 1; 0.24 m² × 2 = 0.48 → 0
    expect(billLineFen(25, 2)).toBe(1);
    expect(billLineFen(24, 2)).toBe(0);
    expect(() => billLineFen(100, 1e20)).toThrow(RangeError);
    expect(() => billLineFen(-1, 110)).toThrow(RangeError);
    expect(() => billLineFen(1.5, 110)).toThrow(RangeError);
  });

  it('chooses the tier by lift and flat/shop (御家兰庭 1.2 with a lift, 0.8 without; shops apart)', () => {
    const h = [v('2026-01', { flat_lift: 120, flat_walkup: 80, shop: 200 })];
    expect(tierOf({ kind: 'shop', hasLift: true })).toBe('shop');
    expect(billLine('property', h, '2026-03', { ...flatLift, areaCenti: 11000 })).toMatchObject({
      amountFen: 13200,
      rateFen: 120,
      tier: 'flat_lift',
    });
    expect(billLine('property', h, '2026-03', { kind: 'flat', hasLift: false, areaCenti: 11000 })).toMatchObject({
      amountFen: 8800,
      tier: 'flat_walkup',
    });
    expect(billLine('property', h, '2026-03', { kind: 'shop', hasLift: false, areaCenti: 5000 })).toMatchObject({
      amountFen: 10000,
      tier: 'shop',
    });
    // no rate for a tier: no line
    expect(
      billLine('property', [v('2026-01', { flat_lift: 110 })], '2026-03', { kind: 'shop', hasLift: false, areaCenti: 5000 }),
    ).toBeNull();
  });

  it('a rate change in the middle of the year applies from its month; earlier months keep the old rate', () => {
    let h: RateVersion[] = [v('2026-01', { flat_lift: 110 })];
    h = withVersion(h, v('2026-07', { flat_lift: 120 }));
    expect(rateIn(h, '2025-12')).toBeNull();
    expect(billLine('property', h, '2026-06', flatLift)!.amountFen).toBe(11000);
    expect(billLine('property', h, '2026-07', flatLift)!.amountFen).toBe(12000);
    expect(billLine('property', h, '2026-12', flatLift)!.amountFen).toBe(12000);
    // a second version for the same month replaces the first, history stays sorted
    h = withVersion(h, v('2026-03', { flat_lift: 115 }));
    h = withVersion(h, v('2026-07', { flat_lift: 125 }));
    expect(h.map((x) => x.from)).toEqual(['2026-01', '2026-03', '2026-07']);
    expect(billLine('property', h, '2026-08', flatLift)!.amountFen).toBe(12500);
  });

  it('prepays a quarter and a year month by month, across a rate change', () => {
    const h = [v('2026-01', { flat_lift: 110 }), v('2026-12', { flat_lift: 120 })];
    const q = prepayLines('property', h, '2026-11', 'quarter', flatLift);
    expect(q.map((l) => [l.period, l.line.amountFen])).toEqual([
      ['2026-11', 11000],
      ['2026-12', 12000],
      ['2027-01', 12000],
    ]);
    const y = prepayLines('property', h, '2026-01', 'year', flatLift);
    expect(y).toHaveLength(12);
    expect(sumFen(y.map((l) => l.line.amountFen))).toBe(11 * 11000 + 12000);
  });

  it('parking per space and fixed items per home', () => {
    const p: RateVersion[] = [{ from: '2026-01', fen: 15000, setBy: 'p', setAt: '' }];
    expect(billLine('parking', p, '2026-05', { ...flatLift, spaces: 2 })!.amountFen).toBe(30000);
    expect(billLine('parking', p, '2026-05', flatLift)).toBeNull();
    expect(billLine('fixed', p, '2026-05', flatLift)!.amountFen).toBe(15000);
    expect(billLine('ev', p, '2026-05', flatLift)).toBeNull();
  });

  it('periods, ids, overdue months and collection rates', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(billId('txsj-b3_2_101', 'property', '2026-11')).toBe('txsj-b3_2_101_property_2026-11');
    expect(monthsOverdue('2026-08', '2026-11')).toBe(3);
    expect(monthsOverdue('2026-12', '2026-11')).toBe(0);
    expect(collectionRate(0, 0)).toBe(0);
    expect(collectionRate(9999, 10000)).toBe(99);
    expect(collectionRate(10000, 10000)).toBe(100);
    expect(() => sumFen([1, 0.5])).toThrow(RangeError);
  });
});

describe('statement arithmetic', () => {
  const entries = [
    { kind: 'income' as const, category: 'propertyFee' as const, fund: 'operating' as const, amountFen: 500000 },
    { kind: 'income' as const, category: 'parking' as const, fund: 'commonPart' as const, amountFen: 80000 },
    { kind: 'expense' as const, category: 'security' as const, fund: 'operating' as const, amountFen: 300000 },
    { kind: 'expense' as const, category: 'cleaning' as const, fund: 'operating' as const, amountFen: 120000 },
    // a wrong booking and its reversal cancel
    { kind: 'expense' as const, category: 'cleaning' as const, fund: 'operating' as const, amountFen: 99900 },
    { kind: 'expense' as const, category: 'cleaning' as const, fund: 'operating' as const, amountFen: -99900 },
    { kind: 'income' as const, category: 'repairFundIn' as const, fund: 'repairFund' as const, amountFen: 1000000 },
    { kind: 'expense' as const, category: 'repairFundOut' as const, fund: 'repairFund' as const, amountFen: 250000 },
  ];
  it('opening + income − expense = closing; repair fund and common-part income apart', () => {
    const s = buildStatement('2026-10', { operating: 100000, repairFund: 5000000, commonPart: 20000 }, entries);
    expect(s).toMatchObject({ opening: 100000, income: 500000, expense: 420000, surplus: 80000, closing: 180000 });
    expect(s.repairFund).toEqual({ opening: 5000000, in: 1000000, out: 250000, closing: 5750000 });
    expect(s.commonPart).toEqual({ opening: 20000, income: 80000, expense: 0, closing: 100000 });
    expect(statementBalances(s)).toBe(true);
    expect(s.lines.find((l) => l.category === 'cleaning')).toMatchObject({ amountFen: 120000, entries: 3 });
    expect(s.lines.map((l) => l.category)).toEqual(['propertyFee', 'parking', 'repairFundIn', 'security', 'cleaning', 'repairFundOut']);
  });
  it('carries the balance forward month to month', () => {
    const oct = buildStatement('2026-10', { operating: 0, repairFund: 0, commonPart: 0 }, entries);
    const nov = buildStatement('2026-11', oct.balances, [entries[0]]);
    expect(nov.opening).toBe(oct.closing);
    expect(nov.closing).toBe(oct.closing + 500000);
    expect(nov.repairFund.opening).toBe(oct.repairFund.closing);
  });
});

describe('ledger hash chain', () => {
  function chain(n: number) {
    let head: ChainHead = EMPTY_HEAD;
    const out: (ChainFields & { hash: string })[] = [];
    for (let i = 0; i < n; i++) {
      const next = chainNext(
        head,
        {
          compoundId: 'txsj',
          period: '2026-11',
          kind: 'income',
          category: 'propertyFee',
          fund: 'operating',
          amountFen: 1000 + i,
          memo: `e${i}`,
          sourceKey: `s${i}`,
          reverses: null,
          receipts: [],
          at: '2026-11-01T00:00:00.000Z',
        },
        sha,
      );
      out.push({ ...next.fields, hash: next.hash });
      head = next.head;
    }
    return { entries: out, head };
  }
  it('a clean chain verifies, and so does the head a statement recorded', () => {
    const { entries, head } = chain(10);
    const r = verifyChain(
      entries,
      [
        { period: '2026-10', head: { seq: 5, hash: entries[4].hash } },
        { period: '2026-11', head },
      ],
      sha,
    );
    expect(r).toMatchObject({ ok: true, checked: 10, head });
  });
  it('finds an altered amount, memo or receipt', () => {
    for (const change of [{ amountFen: 1 }, { memo: 'x' }, { receipts: ['cloud://x/y'] }, { at: '2026-11-02T00:00:00.000Z' }]) {
      const { entries } = chain(6);
      entries[2] = { ...entries[2], ...change };
      const r = verifyChain(entries, [], sha);
      expect(r.ok).toBe(false);
      expect(r.problems).toContainEqual({ seq: 3, problem: 'altered' });
    }
  });
  it('finds an altered entry whose hash was recomputed (the next one no longer points at it)', () => {
    const { entries } = chain(6);
    const forged = { ...entries[2], amountFen: 1 };
    entries[2] = { ...forged, hash: sha(JSON.stringify([forged.seq])) };
    expect(verifyChain(entries, [], sha).problems).toContainEqual({ seq: 4, problem: 'broken' });
  });
  it('finds a removed entry in the middle and at the end (the statement head)', () => {
    const { entries, head } = chain(6);
    expect(
      verifyChain(
        entries.filter((e) => e.seq !== 3),
        [],
        sha,
      ).problems,
    ).toContainEqual({ seq: 3, problem: 'missing' });
    const r = verifyChain(entries.slice(0, 5), [{ period: '2026-11', head }], sha);
    expect(r.problems).toEqual([{ seq: 6, problem: 'head', period: '2026-11' }]);
  });
});

describe('refunds leave the fund the money came into', () => {
  it('property and fixed fees from operating money; parking and EV charging from common-part money', () => {
    expect(refundCategoryOf('propertyFee')).toBe('refund');
    expect(refundCategoryOf('fixedFee')).toBe('refund');
    expect(refundCategoryOf('parking')).toBe('refundCommon');
    expect(refundCategoryOf('evCharging')).toBe('refundCommon');
    expect(CATEGORY_FUND.refundCommon).toBe('commonPart');
    expect(kindOfCategory('refundCommon')).toBe('expense');
  });
});

describe('closing a month', () => {
  it('closes only after the month has ended, and says from when', () => {
    expect(monthEnded('2026-11', '2026-12')).toBe(true);
    expect(monthEnded('2026-12', '2026-12')).toBe(false);
    expect(monthToClose('2026-11', '2026-12')).toEqual({
      period: '2026-12',
      closable: false,
      hint: '12月结束后（2027年1月1日起）可以结账',
    });
    expect(monthToClose('2026-10', '2026-12')).toEqual({ period: '2026-11', closable: true, hint: '11月可以结账' });
    expect(monthToClose(null, '2026-12')).toMatchObject({ period: '2026-11', closable: true });
  });
  it('books into this month, or after a month closed early', () => {
    expect(bookingPeriod('2026-11', '2026-12')).toBe('2026-12');
    expect(bookingPeriod(null, '2026-12')).toBe('2026-12');
    expect(bookingPeriod('2026-12', '2026-12')).toBe('2027-01');
  });
  it('names what is due by its kind, or 待缴费用 when several', () => {
    expect(dueTitle(['parking'])).toBe('停车费待缴');
    expect(dueTitle(['property', 'property'])).toBe('物业费待缴');
    expect(dueTitle(['property', 'ev'])).toBe('待缴费用');
    expect(dueTitle([])).toBe('费用已缴清');
  });
});

describe('receipts as witnesses', () => {
  const hash = 'ab12cd34' + '0'.repeat(56);
  it('the short code is the first 8 hex digits, grouped', () => {
    expect(witnessCode(hash)).toBe('AB12-CD34');
  });
  it('a held receipt matches by full hash or short code; a changed or missing entry is named', () => {
    const chainNow = new Map([
      [7, hash],
      [8, 'ff'.repeat(32)],
    ]);
    expect(
      checkWitnesses(
        [
          { seq: 7, hash },
          { seq: 7, hash: 'AB12-CD34' },
          { seq: 7, hash: 'ab12cd34' },
        ],
        chainNow,
      ),
    ).toEqual([]);
    expect(checkWitnesses([{ seq: 8, hash: 'AB12-CD34' }], chainNow)).toEqual([{ seq: 8, held: 'AB12-CD34', now: 'FFFF-FFFF' }]);
    expect(checkWitnesses([{ seq: 9, hash }], chainNow)).toEqual([{ seq: 9, held: 'AB12-CD34', now: null }]);
  });
});
