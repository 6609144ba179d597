/** core/votes/rules.ts: phases from status and the clock, the announcement and objection periods, the voting span. */
import { datesProblem, earliestOpening, objectionEnds, phaseOf, PHASE_LABELS, type MatterStatus } from '@core/votes/rules';
import { VOTE_LIMITS } from '@core/votes/limits';

const DAY = 86_400_000;
const opensAt = new Date('2026-12-16T00:00:00Z');
const closesAt = new Date('2026-12-30T00:00:00Z');
const at = (iso: string) => new Date(iso);

describe('phaseOf', () => {
  it('an announced matter is announced before it opens, open until it closes, then ended (the roll freezes by the clock)', () => {
    const m = { status: 'announced' as MatterStatus, opensAt, closesAt };
    expect(phaseOf(m, at('2026-12-15T23:59:59.999Z'))).toBe('announced');
    expect(phaseOf(m, opensAt)).toBe('open');
    expect(phaseOf(m, at('2026-12-29T23:59:59.999Z'))).toBe('open');
    expect(phaseOf(m, closesAt)).toBe('ended');
  });
  it('dates given as strings (as stored views carry them) read the same', () => {
    expect(
      phaseOf({ status: 'announced', opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() }, at('2026-12-20T00:00:00Z')),
    ).toBe('open');
  });
  it('draft, counting, preliminary and final are what the status says, whatever the clock', () => {
    for (const status of ['draft', 'counting', 'preliminary', 'final'] as const) {
      for (const now of [at('2026-01-01T00:00:00Z'), at('2026-12-20T00:00:00Z'), at('2027-06-01T00:00:00Z')]) {
        expect([status, phaseOf({ status, opensAt, closesAt }, now)]).toEqual([status, status]);
      }
    }
  });
  it('every phase has a Chinese label', () => {
    for (const label of Object.values(PHASE_LABELS)) expect(label).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('dates', () => {
  it('voting opens no earlier than the announcement period after announcing', () => {
    const announced = at('2026-12-01T02:00:00Z');
    expect(earliestOpening(announced).getTime() - announced.getTime()).toBe(VOTE_LIMITS.announceDays * DAY);
  });
  it('the voting span has a floor and a ceiling, both inclusive', () => {
    const o = at('2026-12-16T00:00:00Z');
    const after = (days: number, ms = 0) => new Date(o.getTime() + days * DAY + ms);
    expect(datesProblem(o, after(VOTE_LIMITS.minVoteDays))).toBeNull();
    expect(datesProblem(o, after(VOTE_LIMITS.minVoteDays, -1))).toBe(`投票期至少${VOTE_LIMITS.minVoteDays}天`);
    expect(datesProblem(o, after(VOTE_LIMITS.maxVoteDays))).toBeNull();
    expect(datesProblem(o, after(VOTE_LIMITS.maxVoteDays, 1))).toBe(`投票期最长${VOTE_LIMITS.maxVoteDays}天`);
    expect(datesProblem(o, o)).toBe(`投票期至少${VOTE_LIMITS.minVoteDays}天`);
  });
  it('objections to a preliminary result run for the objection period', () => {
    const published = at('2027-01-02T08:00:00Z');
    expect(objectionEnds(published).toISOString()).toBe(new Date(published.getTime() + VOTE_LIMITS.objectionDays * DAY).toISOString());
  });
});
