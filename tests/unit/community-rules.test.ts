/** The community figures' pure rules: cells (样本太少), gaps in words, periods and the figures from raw rows. */
import {
  FIGURES,
  FIGURE_KEYS,
  behind,
  cellOf,
  computeFigures,
  gapInWords,
  median,
  monthRange,
  statementDeadline,
  trailingPeriods,
  type RawInputs,
} from '../../core/community/rules';
import { criteriaFor, DEFAULT_CRITERIA } from '../../core/community/scorecard';

const v = (value: number) => ({ state: 'value' as const, value, text: '' });

describe('cellOf', () => {
  it('shows a number only when the base holds at least 5 homes', () => {
    expect(cellOf('feeCollection', { value: 0.874, base: 5 })).toEqual({ state: 'value', value: 0.874, text: '87%' });
    expect(cellOf('feeCollection', { value: 1, base: 4 })).toEqual({ state: 'small', text: '样本太少' });
    expect(cellOf('feeCollection', { value: null, base: 40 })).toEqual({ state: 'none', text: '暂无数据' });
    expect(cellOf('feeCollection', undefined)).toEqual({ state: 'none', text: '暂无数据' });
  });
  it('走访 and 民情 figures are measured', () => {
    expect(cellOf('visitedHomes', { value: 0.9, base: 100 })).toEqual({ state: 'value', value: 0.9, text: '90%' });
    expect(cellOf('concernsAnswered', { value: 0.9, base: 100 })).toEqual({ state: 'value', value: 0.9, text: '90%' });
    expect(cellOf('concernsSatisfaction', { value: 1, base: 4 })).toEqual({ state: 'small', text: '样本太少' });
    expect(FIGURES.visitedHomes.pending).toBeUndefined();
  });
  it('formats each unit', () => {
    expect(cellOf('repairMedianDays', { value: 2.25, base: 9 }).text).toBe('2.3 天');
    expect(cellOf('repairSatisfaction', { value: 4.56, base: 9 }).text).toBe('4.6 分');
    expect(cellOf('statementOnTime', { value: 1, base: 9 }).text).toBe('按时');
    expect(cellOf('votesHeld', { value: 2, base: 9 }).text).toBe('2 次');
  });
  it('every figure has a definition and a caveat', () => {
    for (const k of FIGURE_KEYS) expect([k, FIGURES[k].definition.length > 5, FIGURES[k].caveat.length > 5]).toEqual([k, true, true]);
  });
});

describe('gapInWords', () => {
  it('percentages in points, rounded as shown', () => {
    expect(gapInWords('feeCollection', v(0.874), v(0.934))).toBe('收缴率比示范小区低 6 个百分点');
    expect(gapInWords('feeCollection', v(0.95), v(0.934))).toBe('收缴率比示范小区高 2 个百分点');
    expect(gapInWords('feeCollection', v(0.931), v(0.934))).toBe('收缴率与示范小区持平');
  });
  it('days, scores and yes/no', () => {
    expect(gapInWords('repairMedianDays', v(3.5), v(2))).toBe('报修完成天数比示范小区多 1.5 天');
    expect(gapInWords('repairSatisfaction', v(4), v(4.5))).toBe('报修满意度比示范小区低 0.5 分');
    expect(gapInWords('statementOnTime', v(0), v(1))).toBe('账目公示未按时，示范小区按时');
  });
  it('no comparison against a small sample or no data', () => {
    expect(gapInWords('feeCollection', { state: 'small', text: '样本太少' }, v(0.9))).toBe('收缴率样本太少，不作比较');
    expect(gapInWords('feeCollection', v(0.9), { state: 'none', text: '暂无数据' })).toBe('收缴率暂无数据，不作比较');
  });
  it('behind knows which way is better', () => {
    expect(behind('repairMedianDays', v(3), v(2))).toBe(true);
    expect(behind('feeCollection', v(0.95), v(0.9))).toBe(false);
    expect(behind('votesHeld', v(1), v(3))).toBeNull();
  });
});

describe('periods (Asia/Shanghai)', () => {
  it('a month starts at Shanghai midnight', () => {
    expect(monthRange('2026-11')).toEqual({ start: new Date('2026-10-31T16:00:00Z'), end: new Date('2026-11-30T16:00:00Z') });
    expect(statementDeadline('2026-11')).toEqual(new Date('2026-12-10T16:00:00Z'));
  });
  it('12 months to a period, across a year', () => {
    const ps = trailingPeriods('2026-03');
    expect(ps).toHaveLength(12);
    expect([ps[0], ps[11]]).toEqual(['2025-04', '2026-03']);
  });
});

describe('computeFigures', () => {
  const D = (s: string) => new Date(s);
  const base: RawInputs = {
    period: '2026-11',
    at: D('2026-12-20T00:00:00Z'),
    homes: 200,
    notices: [
      { targetHomes: 100, knewHomes: 80 },
      { targetHomes: 200, knewHomes: 100 },
    ],
    bills: [
      { homeId: 'a', amountFen: 3000, paid: true },
      { homeId: 'b', amountFen: 1000, paid: false },
    ],
    statement: { closedAt: D('2026-12-03T00:00:00Z'), publishedAt: D('2026-12-05T00:00:00Z') },
    repairs: [
      {
        createdAt: D('2026-11-01T00:00:00Z'),
        doneAt: D('2026-11-02T00:00:00Z'),
        finishDueAt: D('2026-11-03T00:00:00Z'),
        rating: 5,
        homeId: 'a',
      },
      {
        createdAt: D('2026-11-01T00:00:00Z'),
        doneAt: D('2026-11-05T00:00:00Z'),
        finishDueAt: D('2026-11-03T00:00:00Z'),
        rating: 3,
        homeId: 'b',
      },
      { createdAt: D('2026-11-10T00:00:00Z'), doneAt: null, finishDueAt: D('2026-11-13T00:00:00Z'), rating: null, homeId: null },
    ],
    volunteerMinutes: 600,
    votes: [
      { owners: 100, voted: 60 },
      { owners: 50, voted: 30 },
    ],
    concerns: [],
    visitedHomes: 150,
  };
  it('each figure from the raw rows', () => {
    const f = computeFigures(base);
    expect(f.noticeReach).toEqual({ value: 180 / 300, base: 200 });
    expect(f.feeCollection).toEqual({ value: 0.75, base: 2 });
    expect(f.statementOnTime.value).toBe(1);
    expect(f.repairMedianDays.value).toBe(2.5);
    expect(f.repairOverdueShare.value).toBeCloseTo(2 / 3);
    expect(f.repairSatisfaction).toEqual({ value: 4, base: 2 });
    expect(f.volunteerHoursPer100.value).toBe(5);
    expect(f.votesHeld.value).toBe(2);
    expect(f.voteTurnout).toEqual({ value: 0.6, base: 150 });
    // Homes reached in six months, of all homes.
    expect(f.visitedHomes).toEqual({ value: 0.75, base: 200 });
  });
  it('a statement is unknown until its deadline, then late when missing', () => {
    expect(computeFigures({ ...base, statement: null, at: D('2026-12-05T00:00:00Z') }).statementOnTime.value).toBeNull();
    expect(computeFigures({ ...base, statement: null }).statementOnTime.value).toBe(0);
    expect(
      computeFigures({ ...base, statement: { closedAt: D('2026-12-03T00:00:00Z'), publishedAt: D('2026-12-12T00:00:00Z') } })
        .statementOnTime.value,
    ).toBe(0);
  });
  it('民情: answered within the first deadline of those answered or past it; satisfaction of those rated; homes as the base', () => {
    const c = (homeId: string, due: string, answered: string | null, rating: 'satisfied' | 'unsatisfied' | null = null) => ({
      homeId,
      firstDueAt: D(due),
      firstAnsweredAt: answered ? D(answered) : null,
      rating,
    });
    const f = computeFigures({
      ...base,
      at: D('2026-12-01T00:00:00Z'),
      concerns: [
        c('a', '2026-11-04T00:00:00Z', '2026-11-03T00:00:00Z', 'satisfied'),
        c('a', '2026-11-08T00:00:00Z', '2026-11-09T00:00:00Z', 'unsatisfied'),
        c('b', '2026-11-20T00:00:00Z', null),
        // Still inside its time at the snapshot: not yet late, not counted.
        c('d', '2026-12-02T00:00:00Z', null),
        c('e', '2026-12-02T00:00:00Z', '2026-11-30T00:00:00Z', 'satisfied'),
      ],
    });
    expect(f.concernsAnswered).toEqual({ value: 2 / 4, base: 3 });
    expect(f.concernsSatisfaction).toEqual({ value: 2 / 3, base: 2 });
    expect(computeFigures(base).concernsAnswered).toEqual({ value: null, base: 0 });
  });
  it('median of even and odd lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('criteriaFor', () => {
  const w = (place: number) => ({ ...DEFAULT_CRITERIA, items: { ...DEFAULT_CRITERIA.items, place } });
  it('the latest change from that month or before; the default before any', () => {
    const changes = [
      { from: '2026-12', criteria: w(30) },
      { from: '2026-10', criteria: w(20) },
    ];
    expect(criteriaFor(changes, '2026-09')).toEqual(DEFAULT_CRITERIA);
    expect(criteriaFor(changes, '2026-10').items.place).toBe(20);
    expect(criteriaFor(changes, '2026-11').items.place).toBe(20);
    expect(criteriaFor(changes, '2027-01').items.place).toBe(30);
    expect(criteriaFor(undefined, '2026-12')).toEqual(DEFAULT_CRITERIA);
  });
});
