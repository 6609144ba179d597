/** Parking per space and EV charging per session: the pure rules (core/fees/rules.ts). */
import {
  billLine,
  evBillId,
  evLine,
  expandSpaceNos,
  normalizeSpaceNo,
  rentalIn,
  rentProblem,
  roomMatches,
  roomNumberOf,
  spaceSortKey,
  spacesByHome,
  withVersion,
  type RateVersion,
  type Rental,
} from '../../core/fees/rules';

const v = (from: string, fen: number): RateVersion => ({ from, fen, setBy: 'p', setAt: '2026-01-01T00:00:00Z' });
const flat = { kind: 'flat' as const, hasLift: true, areaCenti: 8950 };

describe('EV charging: amount = round-half-up(energy × rate), integers only', () => {
  it('rounds half a fen up and below half down', () => {
    // 0.05 度 × 1.10元 = 5.5 分 → 6 分; 0.04 度 × 1.10元 = 4.4 分 → 4 分.
    expect(evLine([v('2026-01', 110)], '2026-03', 5)!.amountFen).toBe(6);
    expect(evLine([v('2026-01', 110)], '2026-03', 4)!.amountFen).toBe(4);
    // 12.50 度 × 1.20元 = 15.00元; 33.33 度 × 1.15元 = 38.3295元 → 38.33元.
    expect(evLine([v('2026-01', 120)], '2026-03', 1250)).toEqual({ rateFen: 120, quantity: 1250, unit: 'kwh', amountFen: 1500 });
    expect(evLine([v('2026-01', 115)], '2026-03', 3333)!.amountFen).toBe(3833);
    // 200 度 at the highest rate stays a safe integer.
    expect(Number.isSafeInteger(evLine([v('2026-01', 100_000)], '2026-03', 20_000)!.amountFen)).toBe(true);
  });

  it("uses the rate in force in the session's month; none before the first", () => {
    const h = withVersion([v('2026-01', 120)], v('2026-07', 100));
    expect(evLine(h, '2026-06', 1000)!.amountFen).toBe(1200);
    expect(evLine(h, '2026-07', 1000)!.amountFen).toBe(1000);
    expect(evLine(h, '2025-12', 1000)).toBeNull();
  });

  it('refuses fractional energy', () => {
    expect(() => evLine([v('2026-01', 120)], '2026-03', 12.5)).toThrow(RangeError);
  });

  it("a session's bill id keeps home, item and month readable, and differs per session", () => {
    const id = evBillId('txsj-b3_2_101', 'ev', '2026-11', 'a1b2c3d4e5f6');
    expect(id).toBe('txsj-b3_2_101_ev-a1b2c3d4e5f6_2026-11');
    // What payCallback reads a home from: all but the last two parts.
    expect(id.split('_').slice(0, -2).join('_')).toBe('txsj-b3_2_101');
    expect(evBillId('txsj-b3_2_101', 'ev', '2026-11', 'ffffffffffff')).not.toBe(id);
  });
});

describe('parking: per space × spaces, rate changes from a month', () => {
  it('bills the rate per space times the spaces rented; nothing without a space', () => {
    expect(billLine('parking', [v('2026-01', 15000)], '2026-03', { ...flat, spaces: 2 })).toEqual({
      rateFen: 15000,
      quantity: 2,
      unit: 'space',
      amountFen: 30000,
    });
    expect(billLine('parking', [v('2026-01', 15000)], '2026-03', { ...flat, spaces: 0 })).toBeNull();
    expect(billLine('parking', [v('2026-01', 15000)], '2026-03', flat)).toBeNull();
  });

  it('a rate change mid-year applies from its month; earlier months keep the old rate', () => {
    const h = withVersion([v('2026-01', 15000)], v('2026-07', 18000));
    const months = ['2026-05', '2026-06', '2026-07', '2026-08'].map((p) => billLine('parking', h, p, { ...flat, spaces: 1 })!.amountFen);
    expect(months).toEqual([15000, 15000, 18000, 18000]);
    // A correction in the same month replaces that month's version only.
    const fixed = withVersion(h, v('2026-07', 16000));
    expect(billLine('parking', fixed, '2026-07', { ...flat, spaces: 2 })!.amountFen).toBe(32000);
    expect(billLine('parking', fixed, '2026-06', { ...flat, spaces: 2 })!.amountFen).toBe(30000);
  });
});

describe('rentals', () => {
  const r = (homeId: string, from: string, until: string | null): Rental => ({ homeId, homeLabel: homeId, from, until });

  it('a rental is in force from its month up to (not including) its end', () => {
    const list = [r('a', '2026-01', '2026-04'), r('b', '2026-04', null)];
    expect(rentalIn(list, '2025-12')).toBeNull();
    expect(rentalIn(list, '2026-03')?.homeId).toBe('a');
    expect(rentalIn(list, '2026-04')?.homeId).toBe('b');
    expect(rentalIn(list, '2030-01')?.homeId).toBe('b');
  });

  it('rentals never overlap', () => {
    expect(rentProblem([], '2026-05')).toBeNull();
    expect(rentProblem([r('a', '2026-01', null)], '2026-05')).toBe('该车位已出租');
    expect(rentProblem([r('a', '2026-08', null)], '2026-05')).toContain('2026年8月起出租');
    expect(rentProblem([r('a', '2026-01', '2026-06')], '2026-05')).toContain('已出租');
    expect(rentProblem([r('a', '2026-01', '2026-06')], '2026-06')).toBeNull();
  });

  it("groups a month's spaces by home in natural order", () => {
    const spaces = [
      { spaceNo: 'A-10', rentals: [r('h1', '2026-01', null)] },
      { spaceNo: 'A-9', rentals: [r('h1', '2026-01', null)] },
      { spaceNo: 'A-11', rentals: [r('h2', '2026-01', '2026-03')] },
    ];
    expect(Object.fromEntries(spacesByHome(spaces, '2026-02'))).toEqual({ h1: ['A-9', 'A-10'], h2: ['A-11'] });
    expect(Object.fromEntries(spacesByHome(spaces, '2026-03'))).toEqual({ h1: ['A-9', 'A-10'] });
  });
});

describe('space numbers and rooms as people type them', () => {
  it('normalises and sorts space numbers naturally', () => {
    expect(normalizeSpaceNo(' ａ－０１２ ')).toBe('A-012');
    expect(normalizeSpaceNo('地下b2_105')).toBe('地下B2-105');
    const sorted = ['A-10', 'A-9', 'A-100', 'B-1'].sort((a, b) => (spaceSortKey(a) < spaceSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['A-9', 'A-10', 'A-100', 'B-1']);
  });

  it('expands ranges and lists', () => {
    expect(expandSpaceNos('A-001~A-003, B-9、b-10')).toEqual(['A-001', 'A-002', 'A-003', 'B-9', 'B-10']);
    expect(expandSpaceNos('地下B2-101至地下B2-103')).toEqual(['地下B2-101', '地下B2-102', '地下B2-103']);
    expect(expandSpaceNos('A-001~B-003')).toBeNull();
    expect(expandSpaceNos('A-001~A-100')).toBeNull();
    expect(expandSpaceNos('A-5~A-1')).toBeNull();
  });

  it('matches a typed room to a home', () => {
    const home = { label: '3栋2单元101', buildingName: '3栋', unit: '2', number: '101' };
    const shop = { label: '沿街商铺S07', buildingName: '沿街商铺', unit: '', number: 'S07' };
    for (const t of ['3栋2单元101', ' 3栋 2单元 101室', '3-2-101', '３－２－１０１']) expect([t, roomMatches(t, home)]).toEqual([t, true]);
    for (const t of ['3栋1单元101', '4-2-101', '101']) expect([t, roomMatches(t, home)]).toEqual([t, false]);
    expect(roomMatches('沿街商铺s07', shop)).toBe(true);
    expect(roomNumberOf('3栋2单元101室')).toBe('101');
    expect(roomNumberOf('s07')).toBe('S07');
    expect(roomNumberOf('三栋')).toBeNull();
  });
});
