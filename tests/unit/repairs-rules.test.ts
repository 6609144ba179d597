/** The pure rules of repairs: the one state-machine table, clocks, urging, auto-close, figures, the ledger seam. */
import {
  REPAIR_ACTIONS,
  REPAIR_STATUSES,
  REPAIR_TRANSITIONS,
  allowedActions,
  autoCloseDue,
  clocksOf,
  currentDue,
  deadlines,
  durationText,
  isOverdueNow,
  judgeTransition,
  ledgerExpenseOf,
  monthlyFigures,
  nextStatus,
  onBoard,
  partiesOf,
  percentile,
  repairAccess,
  urgeProblem,
  wasOverdue,
  yuanToFen,
  type RepairStatus,
} from '../../core/repairs/rules';

const H = 3_600_000;
const base = {
  communityId: 'q',
  compoundId: 'c1',
  buildingId: 'b1',
  homeId: 'h1',
  reporterId: 'p-rep',
  assigneeId: 'p-staff',
  scope: 'home' as const,
};
const actor = (o: Partial<{ personId: string; homes: any[]; roles: any[] }>) => ({ personId: null, homes: [], roles: [], ...o }) as any;

describe('the state machine table', () => {
  it('every status and action is reachable from the table, and final states lead nowhere', () => {
    for (const t of REPAIR_TRANSITIONS) expect(REPAIR_STATUSES).toContain(t.to);
    for (const a of REPAIR_ACTIONS) expect(REPAIR_TRANSITIONS.some((t) => t.action === a)).toBe(true);
    for (const s of ['confirmed', 'cancelled', 'merged', 'closed'] as RepairStatus[])
      for (const a of REPAIR_ACTIONS) expect(nextStatus(s, a)).toBeNull();
  });
  it('the life of a repair', () => {
    expect(nextStatus('submitted', 'accept')).toBe('accepted');
    expect(nextStatus('accepted', 'assign')).toBe('assigned');
    expect(nextStatus('assigned', 'start')).toBe('inProgress');
    expect(nextStatus('inProgress', 'finish')).toBe('done');
    expect(nextStatus('done', 'confirm')).toBe('confirmed');
    expect(nextStatus('done', 'reopen')).toBe('reopened');
    expect(nextStatus('reopened', 'assign')).toBe('assigned');
    expect(nextStatus('done', 'autoClose')).toBe('closed');
    expect(nextStatus('inProgress', 'cancel')).toBeNull(); // work started
    expect(nextStatus('submitted', 'finish')).toBeNull();
  });
  it('who: the right party at the right time', () => {
    expect(judgeTransition('assigned', 'start', ['assignee'])).toBe('ok');
    expect(judgeTransition('assigned', 'start', ['manager'])).toBe('notYours');
    expect(judgeTransition('done', 'confirm', ['manager', 'assignee'])).toBe('notYours');
    expect(judgeTransition('submitted', 'confirm', ['reporter'])).toBe('illegal');
    expect(judgeTransition('done', 'autoClose', ['manager'])).toBe('notYours');
    expect(allowedActions('done', ['reporter'])).toEqual(['confirm', 'reopen']);
    expect(allowedActions('submitted', ['manager'])).toEqual(['accept', 'assign', 'merge']);
    expect(allowedActions('done', ['reporter', 'system'] as any)).not.toContain('autoClose');
  });
});

describe('parties and access', () => {
  const staffRole = { role: 'staff', communityId: 'q', compoundId: 'c1' };
  it('the reporter, a resident of the home, the manager, the assignee with a current role', () => {
    expect(partiesOf(actor({ personId: 'p-rep' }), base as any)).toEqual(['reporter']);
    expect(partiesOf(actor({ personId: 'p-mate', homes: [{ homeId: 'h1', compoundId: 'c1' }] }), base as any)).toEqual(['reporter']);
    expect(partiesOf(actor({ personId: 'p-staff', roles: [staffRole] }), base as any)).toEqual(['assignee']);
    expect(partiesOf(actor({ personId: 'p-staff', roles: [] }), base as any)).toEqual([]); // left the compound
    expect(
      partiesOf(actor({ personId: 'p-m', roles: [{ role: 'propertyManager', communityId: 'q', compoundId: 'c1' }] }), base as any),
    ).toEqual(['manager']);
    expect(
      partiesOf(actor({ personId: 'p-m', roles: [{ role: 'propertyManager', communityId: 'q', compoundId: 'c2' }] }), base as any),
    ).toEqual([]);
  });
  it('the board shows open common-area repairs to the compound, never home repairs', () => {
    const neighbour = actor({ personId: 'p-n', homes: [{ homeId: 'h9', compoundId: 'c1' }] });
    expect(repairAccess(neighbour, { ...base, status: 'submitted', onBoard: true } as any)).toBeNull();
    expect(repairAccess(neighbour, { ...base, scope: 'common', homeId: null, status: 'submitted', onBoard: true } as any)).toBe('board');
    expect(
      repairAccess(actor({ personId: 'p-x', homes: [{ homeId: 'h8', compoundId: 'c2' }] }), {
        ...base,
        scope: 'common',
        homeId: null,
        status: 'submitted',
        onBoard: true,
      } as any),
    ).toBeNull();
    expect(onBoard('common', 'done')).toBe(true);
    expect(onBoard('common', 'merged')).toBe(false);
    expect(onBoard('home', 'submitted')).toBe(false);
  });
});

describe('clocks', () => {
  const at = new Date('2026-11-01T00:00:00Z');
  it('per category, urgent a quarter', () => {
    expect(clocksOf('水管漏水', false)).toEqual({ acceptHours: 2, finishHours: 24 });
    expect(clocksOf('水管漏水', true)).toEqual({ acceptHours: 1, finishHours: 6 });
    const d = deadlines('墙面渗水', false, at);
    expect(d.acceptDueAt.getTime() - at.getTime()).toBe(24 * H);
  });
  it('overdue now, overdue ever, the running deadline', () => {
    const f = {
      status: 'submitted' as RepairStatus,
      createdAt: at,
      acceptDueAt: new Date(at.getTime() + 2 * H),
      finishDueAt: new Date(at.getTime() + 24 * H),
      acceptedAt: null,
      doneAt: null,
    };
    expect(currentDue(f)).toEqual(f.acceptDueAt);
    expect(isOverdueNow(f, new Date(at.getTime() + 3 * H))).toBe(true);
    expect(currentDue({ ...f, status: 'done' })).toBeNull();
    expect(
      wasOverdue(
        { ...f, status: 'confirmed', acceptedAt: new Date(at.getTime() + H), doneAt: new Date(at.getTime() + 30 * H) },
        new Date(),
      ),
    ).toBe(true);
    expect(
      wasOverdue({ ...f, status: 'confirmed', acceptedAt: new Date(at.getTime() + H), doneAt: new Date(at.getTime() + 3 * H) }, new Date()),
    ).toBe(false);
    expect(wasOverdue({ ...f, status: 'cancelled' }, new Date())).toBe(false);
  });
  it('催单 after the deadline, then not again for 12 hours', () => {
    const f = {
      status: 'submitted' as RepairStatus,
      acceptDueAt: new Date(at.getTime() + 2 * H),
      finishDueAt: new Date(at.getTime() + 24 * H),
      acceptedAt: null,
    };
    expect(urgeProblem(f, new Date(at.getTime() + H))).toMatch(/还没到/);
    expect(urgeProblem(f, new Date(at.getTime() + 3 * H))).toBeNull();
    expect(urgeProblem({ ...f, lastUrgedAt: new Date(at.getTime() + 3 * H) }, new Date(at.getTime() + 10 * H))).toMatch(/12小时/);
    expect(urgeProblem({ ...f, status: 'done' }, new Date(at.getTime() + 30 * H))).toMatch(/不在处理中/);
  });
  it('auto-close at 7 days', () => {
    expect(autoCloseDue({ status: 'done', doneAt: at }, new Date(at.getTime() + 7 * 24 * H - 1))).toBe(false);
    expect(autoCloseDue({ status: 'done', doneAt: at }, new Date(at.getTime() + 7 * 24 * H))).toBe(true);
    expect(autoCloseDue({ status: 'confirmed', doneAt: at }, new Date(at.getTime() + 30 * 24 * H))).toBe(false);
  });
});

describe('figures and money', () => {
  it('percentiles by nearest rank, durations in words', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 10 }, (_, i) => i + 1),
        90,
      ),
    ).toBe(9);
    expect(durationText(45)).toBe('45分钟');
    expect(durationText(80)).toBe('1小时20分');
    expect(durationText(26 * 60)).toBe('1天2小时');
  });
  it('monthly: counts by category (merged not counted), medians, satisfaction, overdue share, bars relative to the largest', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const r = (category: any, status: RepairStatus, acceptMin: number | null, doneMin: number | null, rating?: number) => ({
      category,
      status,
      createdAt: at,
      acceptDueAt: new Date(at.getTime() + 60 * 60_000),
      finishDueAt: new Date(at.getTime() + 24 * H),
      acceptedAt: acceptMin === null ? null : new Date(at.getTime() + acceptMin * 60_000),
      doneAt: doneMin === null ? null : new Date(at.getTime() + doneMin * 60_000),
      rating,
    });
    const f = monthlyFigures(
      [
        r('水管漏水', 'confirmed', 30, 300, 5),
        r('水管漏水', 'confirmed', 90, 600, 4),
        r('电梯', 'closed', 20, 2000),
        r('电梯', 'merged', null, null),
        r('其他', 'cancelled', null, null),
      ],
      new Date('2026-11-20T00:00:00Z'),
    );
    expect(f.total).toBe(4);
    expect(f.byCategory.map((b) => [b.category, b.count, b.barPercent])).toEqual([
      ['水管漏水', 2, 100],
      ['电梯', 1, 50],
      ['其他', 1, 50],
    ]);
    expect(f.acceptMinutes).toEqual({ median: 30, p90: 90, count: 3 });
    expect(f.satisfaction).toMatchObject({ rated: 2, averageTenths: 45, goodPercent: 100 });
    expect(f.overdue).toBe(2); // accepted after 90 min (due 60), finished after 2000 min (due 1440)
    expect(f.overduePercent).toBe(67);
  });
  it('yuan typed → fen, no floats', () => {
    expect(yuanToFen('128.5')).toBe(12850);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-3')).toBeNull();
  });
  it('the ledger seam: a finished common-area repair with a cost is bookable, linked by sourceId; a home repair never', () => {
    const common = {
      id: 'r1',
      compoundId: 'c1',
      scope: 'common' as const,
      status: 'confirmed' as RepairStatus,
      category: '电梯' as const,
      placeLabel: '1栋 电梯',
      labourFen: 30000,
      materialsFen: 12050,
      doneAt: '2026-11-02T00:00:00.000Z',
    };
    expect(ledgerExpenseOf(common)).toEqual({
      sourceId: 'repair:r1',
      compoundId: 'c1',
      amountFen: 42050,
      labourFen: 30000,
      materialsFen: 12050,
      title: '维修：1栋 电梯 电梯',
      occurredAt: '2026-11-02T00:00:00.000Z',
    });
    expect(ledgerExpenseOf({ ...common, scope: 'home' })).toBeNull();
    expect(ledgerExpenseOf({ ...common, status: 'inProgress' })).toBeNull();
    expect(ledgerExpenseOf({ ...common, labourFen: 0, materialsFen: 0 })).toBeNull();
  });
});
