/** The pure rules of concerns and the 议事厅: access, the cycle as a table, clocks, figures. */
import {
  ART278_OUTCOME,
  askAt,
  concernAccess,
  monthlyFigures,
  nextStage,
  outcomeText,
  residentMayPropose,
  shouldEscalate,
  stepProblem,
  TOPIC_STAGES,
} from '../../core/concerns/rules';

const DAY = 86_400_000;
const actor = (over: Partial<{ personId: string; homes: any[]; roles: any[] }> = {}) => ({ personId: 'p1', roles: [], homes: [], ...over });
const concern = {
  compoundId: 'c1',
  buildingId: 'b3',
  raiserId: 'p1',
  partyKeys: ['p:p1'],
  visibility: 'public' as const,
  status: 'open' as const,
};

describe('who sees a concern', () => {
  it('handler, party, neighbour on the board, or nobody', () => {
    expect(concernAccess(actor({ personId: 'p9' }), concern, true)).toBe('handler');
    expect(concernAccess(actor(), concern, false)).toBe('party');
    expect(concernAccess(actor({ personId: 'p2', homes: [{ homeId: 'h2', compoundId: 'c1' }] }), concern, false)).toBe('board');
    expect(
      concernAccess(actor({ personId: 'p2', homes: [{ homeId: 'h2', compoundId: 'c1' }] }), { ...concern, visibility: 'handlers' }, false),
    ).toBeNull();
    expect(concernAccess(actor({ personId: 'p2', homes: [{ homeId: 'h2', compoundId: 'c2' }] }), concern, false)).toBeNull();
    // Raised on a household's behalf: its members are parties.
    expect(
      concernAccess(actor({ personId: 'p5', homes: [{ homeId: 'h7', compoundId: 'c1' }] }), { ...concern, partyKeys: ['h:h7'] }, false),
    ).toBe('party');
  });
});

describe('the cycle', () => {
  it('goes one step at a time, in order', () => {
    expect(TOPIC_STAGES.map(nextStage)).toEqual(['brief', 'consult', 'publicize', 'implement', 'feedback', 'closed', null]);
    const now = new Date('2026-12-07T00:00:00Z');
    for (const [i, s] of TOPIC_STAGES.entries()) {
      for (const [j, to] of TOPIC_STAGES.entries()) {
        const problem = stepProblem({ stage: s, publicUntil: null }, to, now);
        expect([s, to, problem === null]).toEqual([s, to, j === i + 1]);
      }
    }
  });
  it('waits for the objection period before 实施', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    expect(stepProblem({ stage: 'publicize', publicUntil: new Date(now.getTime() + DAY) }, 'implement', now)).toMatch(/公示期未满/);
    expect(stepProblem({ stage: 'publicize', publicUntil: new Date(now.getTime() - 1) }, 'implement', now)).toBeNull();
  });
  it('an outcome under art. 278 is an owners’ vote, with the reason', () => {
    expect(outcomeText({ opinion: '建在东门', art278: true, art278Reason: '占用共有部分' })).toMatch(
      new RegExp(`^${ART278_OUTCOME}：占用共有部分.*第二百七十八条`),
    );
    expect(outcomeText({ opinion: '建在东门', art278: false, art278Reason: null })).toBe('建在东门');
  });
});

describe('clocks', () => {
  it('escalates at the lead’s level once due; asks after two weeks', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    expect(shouldEscalate({ status: 'open', level: 'lead', dueAt: now }, now)).toBe(true);
    expect(shouldEscalate({ status: 'open', level: 'lead', dueAt: new Date(now.getTime() + 1) }, now)).toBe(false);
    expect(shouldEscalate({ status: 'open', level: 'branch', dueAt: now }, now)).toBe(false);
    expect(shouldEscalate({ status: 'answered', level: 'lead', dueAt: now }, now)).toBe(false);
    expect(askAt(now).getTime() - now.getTime()).toBe(14 * DAY);
  });
  it('the raiser may propose a topic once enough neighbours care', () => {
    const c = { visibility: 'public' as const, status: 'open' as const, followers: 10, topicId: null };
    expect(residentMayPropose(c, 10)).toBe(true);
    expect(residentMayPropose({ ...c, followers: 9 }, 10)).toBe(false);
    expect(residentMayPropose({ ...c, visibility: 'handlers' }, 10)).toBe(false);
    expect(residentMayPropose({ ...c, topicId: 't1' }, 10)).toBe(false);
  });
});

describe('monthly figures', () => {
  it('counts, in-time share, median days, satisfaction and reopened share; merged ones not counted', () => {
    const t = (d: number) => new Date(Date.UTC(2026, 11, 1) + d * DAY);
    const f = monthlyFigures(
      [
        { createdAt: t(0), firstDueAt: t(3), firstAnsweredAt: t(1), rating: 'satisfied', reopens: 0, status: 'satisfied' },
        { createdAt: t(0), firstDueAt: t(3), firstAnsweredAt: t(5), rating: 'unsatisfied', reopens: 1, status: 'open' },
        { createdAt: t(0), firstDueAt: t(3), firstAnsweredAt: t(2), rating: null, reopens: 0, status: 'answered' },
        { createdAt: t(0), firstDueAt: t(3), firstAnsweredAt: null, rating: null, reopens: 0, status: 'open' },
        { createdAt: t(0), firstDueAt: t(3), firstAnsweredAt: null, rating: null, reopens: 0, status: 'merged' },
      ],
      [
        { stage: 'feedback', consultedAt: t(2), implementedAt: t(9) },
        { stage: 'collect', consultedAt: null, implementedAt: null },
      ],
    );
    expect(f).toEqual({
      raised: 4,
      answered: 3,
      answeredInTime: 2,
      medianDaysToAnswer: 2,
      rated: 2,
      satisfied: 1,
      satisfaction: 50,
      reopened: 1,
      reopenedShare: 33,
      topicsDeliberated: 1,
      outcomesImplemented: 1,
    });
  });
});
