/** Arrears follow-up rules: half-years, a committee member's dues, homes in arrears, the 7-day window, the message text. */
import {
  clip20,
  halfEnded,
  halfLabel,
  halfOf,
  halfPeriods,
  isHalf,
  lastEndedHalf,
  memberDues,
  overdueHomes,
  periodsSpan,
  previousHalf,
  recentHalves,
  remindedRecently,
  reminderText,
  REMIND_NOTE,
} from '../../core/fees/dues';

import { BILL_TEMPLATE_ID } from '../../core/fees/contract';
import { feesApi } from '../../core/fees/contract';

it('fees.subscribe takes the bill template and nothing else', () => {
  const schema = feesApi.actions['fees.subscribe'].input;
  expect(schema.safeParse({ templateId: BILL_TEMPLATE_ID, accepted: true }).success).toBe(true);
  expect(schema.safeParse({ templateId: 'REPLACE_WITH_NOTICE_TEMPLATE_ID', accepted: true }).success).toBe(false);
});

const yuan = (fen: number) => `${(fen / 100).toFixed(2)}元`;

describe('half-years', () => {
  it('names, periods and labels', () => {
    expect(isHalf('2026H1')).toBe(true);
    for (const bad of ['2026H3', '2026h1', '26H1', '2026-H1', '2026H1 ', '1999H1']) expect([bad, isHalf(bad)]).toEqual([bad, false]);
    expect(halfPeriods('2026H1')).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(halfPeriods('2026H2')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(() => halfPeriods('2026H3')).toThrow(RangeError);
    expect(halfOf('2026-06')).toBe('2026H1');
    expect(halfOf('2026-07')).toBe('2026H2');
    expect(halfLabel('2026H1')).toBe('2026年上半年（1–6月）');
    expect(halfLabel('2025H2')).toBe('2025年下半年（7–12月）');
  });

  it('a half ends after its last month; the last ended half; the picker', () => {
    expect(halfEnded('2026H1', '2026-06')).toBe(false);
    expect(halfEnded('2026H1', '2026-07')).toBe(true);
    expect(halfEnded('2026H2', '2026-12')).toBe(false);
    expect(halfEnded('2026H2', '2027-01')).toBe(true);
    expect(previousHalf('2026H1')).toBe('2025H2');
    expect(previousHalf('2026H2')).toBe('2026H1');
    expect(lastEndedHalf('2026-11')).toBe('2026H1');
    expect(lastEndedHalf('2026-03')).toBe('2025H2');
    expect(lastEndedHalf('2026-07')).toBe('2026H1');
    expect(recentHalves('2026-11', 4)).toEqual(['2026H2', '2026H1', '2025H2', '2025H1']);
  });
});

describe("a committee member's dues for a half", () => {
  const bill = (period: string, status: 'paid' | 'unpaid', amountFen = 10_000) => ({ period, status, amountFen });
  it('已缴清 when every bill of the half is paid (bills outside the half do not count)', () => {
    expect(memberDues('2026H1', 1, [bill('2026-01', 'paid'), bill('2026-06', 'paid'), bill('2026-07', 'unpaid')], yuan)).toMatchObject({
      state: 'paid',
      label: '已缴清',
      bills: 2,
    });
  });
  it('欠 N 个月 x 元: months are distinct periods, amounts summed over homes', () => {
    const s = memberDues(
      '2026H1',
      2,
      [bill('2026-02', 'unpaid', 9_845), bill('2026-02', 'unpaid', 5_000), bill('2026-03', 'unpaid', 9_845), bill('2026-04', 'paid')],
      yuan,
    );
    expect(s).toMatchObject({ state: 'owing', months: 2, owingFen: 24_690, label: '欠 2 个月 246.90元' });
  });
  it('无账单 / 未登记房屋', () => {
    expect(memberDues('2026H1', 1, [bill('2025-12', 'unpaid')], yuan)).toMatchObject({ state: 'noBills', label: '无账单' });
    expect(memberDues('2026H1', 0, [], yuan)).toMatchObject({ state: 'noHome', label: '未登记房屋' });
  });
});

describe('homes in arrears and the reminder', () => {
  const b = (homeId: string, period: string, status: 'paid' | 'unpaid', amountFen = 10_000, itemName = '物业费') => ({
    homeId,
    buildingId: homeId.split('_')[0],
    homeLabel: homeId,
    period,
    status,
    amountFen,
    itemName,
  });
  it('only unpaid bills of months before this one make a home overdue; amounts of those bills', () => {
    const homes = overdueHomes(
      [
        b('b3_201', '2026-11', 'unpaid'),
        b('b3_101', '2026-09', 'unpaid', 9_000),
        b('b3_101', '2026-10', 'unpaid', 9_000),
        b('b3_101', '2026-11', 'unpaid'),
        b('b5_1', '2026-10', 'paid'),
        b('b5_2', '2026-08', 'unpaid', 500, '停车费'),
      ],
      '2026-11',
    );
    expect(homes.map((h) => h.homeId)).toEqual(['b3_101', 'b5_2']);
    expect(homes[0]).toMatchObject({ periods: ['2026-09', '2026-10'], fen: 18_000, itemNames: ['物业费'], buildingId: 'b3' });
  });
  it('the 7-day window', () => {
    const now = new Date('2026-11-29T04:00:00Z');
    expect(remindedRecently(null, now)).toBe(false);
    expect(remindedRecently(new Date('2026-11-23T04:00:00Z'), now)).toBe(true);
    expect(remindedRecently(new Date('2026-11-22T04:00:00Z'), now)).toBe(false);
  });
  it('the message: item, amount, months, a note; thing values at most 20 characters', () => {
    const t = reminderText(
      [
        { periods: ['2026-09', '2026-10'], fen: 18_000, itemNames: ['物业费'] },
        { periods: ['2025-12'], fen: 500, itemNames: ['停车费'] },
      ],
      yuan,
    );
    expect(t).toEqual({ item: '停车费、物业费', amount: '185.00元', period: '2025年12月至2026年10月', note: REMIND_NOTE });
    for (const v of Object.values(t)) expect([...v].length).toBeLessThanOrEqual(20);
    expect(reminderText([{ periods: ['2026-09', '2026-10'], fen: 1, itemNames: ['物业费'] }], yuan).period).toBe(
      '2026年9月至10月（2个月）',
    );
    expect(periodsSpan(['2026-03'])).toBe('2026年3月');
    expect(periodsSpan(['2026-10', '2026-03'])).toBe('2026年3月至10月');
    expect([...clip20('一二三四五六七八九十一二三四五六七八九十一')].length).toBe(20);
  });
});
