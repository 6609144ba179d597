/** The pure rules of activities: who may join, places from the 接龙 order, promotions, hours, schedules. */
import {
  creditCorrection,
  creditedMinutes,
  formatMinutes,
  joinProblem,
  placeOf,
  promoted,
  scheduleProblem,
  checkInOpen,
} from '../../core/activities/rules';

const home = (compoundId: string, buildingId: string) => ({
  homeId: 'h',
  buildingId,
  compoundId,
  communityId: 'c',
  relation: 'owner' as const,
});

describe('joinProblem', () => {
  const e = { compoundId: 'txsj', buildingIds: ['txsj-b3'], partyOnly: false };
  it('residents of the given buildings only', () => {
    expect(joinProblem(e, { homes: [home('txsj', 'txsj-b3')] }, { partyMember: false })).toBeNull();
    expect(joinProblem(e, { homes: [home('txsj', 'txsj-b5')] }, { partyMember: false })).toBe('本活动只面向指定楼栋的住户');
    expect(joinProblem(e, { homes: [home('yjlt', 'yjlt-b3')] }, { partyMember: false })).toBe('本活动只面向本小区住户');
    expect(joinProblem(e, { homes: [] }, null)).toBe('请先完善个人信息');
  });
  it('party members only', () => {
    const p = { ...e, buildingIds: [], partyOnly: true };
    expect(joinProblem(p, { homes: [home('txsj', 'txsj-b5')] }, { partyMember: false })).toBe('本活动只面向党员');
    expect(joinProblem(p, { homes: [home('txsj', 'txsj-b5')] }, { partyMember: true })).toBeNull();
  });
});

describe('places from the order of arrival', () => {
  it('the first `capacity` are confirmed, the rest wait in order', () => {
    const q = ['a', 'b', 'c', 'd'];
    expect(placeOf(q, 2, 'b')).toEqual({ status: 'confirmed', position: 2 });
    expect(placeOf(q, 2, 'd')).toEqual({ status: 'waitlisted', position: 2 });
    expect(placeOf(q, 2, 'x')).toBeNull();
  });
  it('a cancellation promotes the first waiting', () => {
    expect(promoted(['a', 'b', 'c', 'd'], ['a', 'c', 'd'], 2)).toEqual(['c']);
    expect(promoted(['a', 'b', 'c', 'd'], ['c', 'd'], 2)).toEqual(['c', 'd']);
    expect(promoted(['a', 'b', 'c'], ['a', 'b', 'c', 'e'], 2)).toEqual([]);
  });
});

describe('hours', () => {
  const t = (h: number, m = 0) => Date.UTC(2026, 10, 29, h, m);
  it('check-in to check-out, capped by the length, never negative', () => {
    expect(creditedMinutes(t(1, 10), t(2, 40), t(1), t(3))).toBe(90);
    expect(creditedMinutes(t(0), t(6), t(1), t(3))).toBe(120);
    // Before the start (check-in opens an hour early): nothing of that hour counts.
    expect(creditedMinutes(t(0), t(0, 59), t(1), t(3))).toBe(0);
    expect(creditedMinutes(t(0), t(1, 30), t(1), t(3))).toBe(30);
    expect(creditedMinutes(t(2, 30), t(4), t(1), t(3))).toBe(30);
    expect(creditCorrection(t(0), t(0, 59), t(1), t(3))).toBe('在场59分钟，活动开始前的时间不计，按0分钟计');
    expect(creditCorrection(t(1), t(2), t(1), t(3))).toBeNull();
    expect(creditedMinutes(t(3), t(2), t(1), t(3))).toBe(0);
    expect(formatMinutes(90)).toBe('1小时30分');
    expect(formatMinutes(120)).toBe('2小时');
    expect(formatMinutes(5)).toBe('5分钟');
  });
  it('check-in opens an hour before the start', () => {
    expect(checkInOpen({ startAt: t(3), endAt: t(5) }, t(2, 1))).toBe(true);
    expect(checkInOpen({ startAt: t(3), endAt: t(5) }, t(1, 59))).toBe(false);
  });
});

it('schedules', () => {
  const now = Date.UTC(2026, 10, 29, 0);
  const h = 3_600_000;
  expect(scheduleProblem({ startAt: now + 2 * h, endAt: now + 4 * h, deadline: now + h }, now, 12)).toBeNull();
  expect(scheduleProblem({ startAt: now - h, endAt: now + 4 * h, deadline: now + h }, now, 12)).toBe('开始时间应晚于现在');
  expect(scheduleProblem({ startAt: now + 2 * h, endAt: now + h, deadline: now + h }, now, 12)).toBe('结束时间应晚于开始时间');
  expect(scheduleProblem({ startAt: now + 2 * h, endAt: now + 15 * h, deadline: now + h }, now, 12)).toBe('一次活动不超过12小时');
  expect(scheduleProblem({ startAt: now + 2 * h, endAt: now + 4 * h, deadline: now + 3 * h }, now, 12)).toBe(
    '报名截止时间不能晚于开始时间',
  );
});
