/** The party branch's pure rules: notes, visit days, retention, room ranges, selection phases, votes, winners, the book. */
import {
  approveProblem,
  bookAmountProblem,
  bookKind,
  isStale,
  nominateProblem,
  noteProblem,
  quarterOf,
  quarterPeriods,
  reportPeriods,
  selectionPhase,
  vanguardScore,
  visitDateProblem,
  visitDeleteAt,
  voteProblem,
} from '@core/party/rules';
import { inRange, winners } from '@core/party/order';

const DAY = 86_400_000;
const NOW = new Date('2026-12-07T12:00:00+08:00').getTime();

describe('走访', () => {
  it('a note may not hold an identity number, health or religion', () => {
    expect(noteProblem('楼道灯不亮')).toBeNull();
    expect(noteProblem('身份证350203196001011234')).toMatch(/身份证/);
    expect(noteProblem('35020319600101123X')).toMatch(/身份证/);
    expect(noteProblem('老人住院了')).toMatch(/健康/);
    expect(noteProblem('家里信教')).toMatch(/宗教/);
  });
  it('a visit is for today or up to 31 days back, in Shanghai days', () => {
    expect(visitDateProblem('2026-12-07', NOW)).toBeNull();
    expect(visitDateProblem('2026-12-08', NOW)).toMatch(/晚于今天/);
    expect(visitDateProblem('2026-11-06', NOW)).toBeNull();
    expect(visitDateProblem('2026-11-05', NOW)).toMatch(/31天/);
    // 23:30 UTC on the 7th is already the 8th in Shanghai.
    expect(visitDateProblem('2026-12-08', new Date('2026-12-07T23:30:00Z').getTime())).toBeNull();
  });
  it('a visit is deleted 365 days after its Shanghai day', () => {
    expect(visitDeleteAt('2026-12-07').toISOString()).toBe('2027-12-06T16:00:00.000Z');
  });
  it('半年未走访: never visited, or last visit more than 183 days ago', () => {
    expect(isStale(null, NOW)).toBe(true);
    expect(isStale(new Date(NOW - 182 * DAY), NOW)).toBe(false);
    expect(isStale(new Date(NOW - 184 * DAY), NOW)).toBe(true);
  });
  it('reports cover the last six months, newest first; quarters', () => {
    expect(reportPeriods(NOW)).toEqual(['2026-12', '2026-11', '2026-10', '2026-09', '2026-08', '2026-07']);
    expect(quarterOf('2026-12')).toBe('2026-Q4');
    expect(quarterOf('2026-01')).toBe('2026-Q1');
    expect(quarterPeriods('2026-Q2')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(vanguardScore({ visits: 10, followUps: 2, households: 12, hours: 0, told: 0, answered: 0 })).toBe(20);
    // Credited hours, homes told in person and concerns answered count too.
    expect(vanguardScore({ visits: 10, followUps: 2, households: 12, hours: 3, told: 4, answered: 1 })).toBe(27);
  });
});

describe('包联 room ranges', () => {
  const h = (unit: string, number: string) => ({ unit, number });
  it('a unit and rooms from–to compare naturally (302 before 1001)', () => {
    expect(inRange(h('1', '302'), {})).toBe(true);
    expect(inRange(h('1', '302'), { unit: '2' })).toBe(false);
    expect(inRange(h('1', '302'), { from: '301', to: '1001' })).toBe(true);
    expect(inRange(h('1', '1002'), { from: '301', to: '1001' })).toBe(false);
    expect(inRange(h('1', '201'), { from: '301' })).toBe(false);
  });
});

describe('好邻居 / 好家庭', () => {
  const s = { nominateUntil: new Date(NOW + DAY), voteUntil: new Date(NOW + 2 * DAY), publishedAt: null };
  it('phases follow the dates, and publishing ends them', () => {
    expect(selectionPhase(s, NOW)).toBe('nominating');
    expect(selectionPhase(s, NOW + DAY)).toBe('voting');
    expect(selectionPhase(s, NOW + 2 * DAY)).toBe('counted');
    expect(selectionPhase({ ...s, publishedAt: new Date(NOW) }, NOW)).toBe('published');
  });
  it('not one’s own household, not another compound’s, not one who has not accepted', () => {
    expect(nominateProblem('h1', 'h1', true)).toBe('不能提名自己家');
    expect(nominateProblem('h1', 'h2', false)).toMatch(/本小区/);
    expect(nominateProblem('h1', 'h2', true)).toBeNull();
    expect(voteProblem('h1', { homeId: 'h1', accepted: true })).toBe('不能给自己家投票');
    expect(voteProblem('h1', { homeId: 'h2', accepted: false })).toMatch(/同意/);
    expect(voteProblem('h1', { homeId: 'h2', accepted: true })).toBeNull();
  });
  it('winners: most votes, ties by room order, at most the places, never without a vote', () => {
    const t = [
      { homeId: 'a', votes: 3, sortKey: '1_1002' },
      { homeId: 'b', votes: 5, sortKey: '1_101' },
      { homeId: 'c', votes: 3, sortKey: '1_302' },
      { homeId: 'd', votes: 0, sortKey: '1_201' },
    ];
    expect(winners(t, 2).map((x) => x.homeId)).toEqual(['b', 'c']);
    expect(winners(t, 10).map((x) => x.homeId)).toEqual(['b', 'c', 'a']);
  });
});

describe('the branch book', () => {
  it('income and expense by category; the article’s floors', () => {
    expect(bookKind('crowdfunding')).toBe('income');
    expect(bookKind('allowance')).toBe('expense');
    expect(bookAmountProblem('startup', 299_999)).toMatch(/3000/);
    expect(bookAmountProblem('startup', 300_000)).toBeNull();
    expect(bookAmountProblem('allowance', 19_999)).toMatch(/200/);
    expect(bookAmountProblem('activity', 1)).toBeNull();
  });
  it('an expense is approved by a second 支委, never the one who booked it', () => {
    expect(approveProblem({ proposedBy: 'p1' }, { personId: 'p1', committee: true })).toMatch(/另一位/);
    expect(approveProblem({ proposedBy: 'p1' }, { personId: 'p2', committee: false })).toMatch(/支部委员/);
    expect(approveProblem({ proposedBy: 'p1' }, { personId: 'p2', committee: true })).toBeNull();
  });
});
