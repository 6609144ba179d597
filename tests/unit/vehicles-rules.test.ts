/** vehicles' pure rules: plates (GA 36 patterns, new-energy 8 characters), masking, the state machine, figures. */
import {
  MOVE_ACTIONS,
  MOVE_STATUSES,
  allowedMoves,
  figuresOf,
  formatPlate,
  guessKind,
  maskPlate,
  median,
  normalizePlate,
  plateProblem,
  routeOf,
  samePlateWait,
} from '../../core/vehicles/rules';

describe('plates', () => {
  it('normalises what people type and what the picker gives', () => {
    expect(normalizePlate(' 闽e·12345 ')).toBe('闽E12345');
    expect(normalizePlate('闽E-D1234５')).toBe('闽ED12345');
  });
  it.each([
    ['闽E12345', null],
    ['京A1B2C3', null],
    ['粤B1234学', null],
    ['闽ED12345', null],
    ['闽EFA1234', null],
    ['沪A12345D', null],
    ['闽E1234', 'car'],
    ['闽I12345', 'car'],
    ['闽EO1234', 'car'],
    ['XX12345', 'car'],
    ['闽EA12345', 'car'],
    ['闽E123456', 'car'],
  ])('%s', (plate, bad) => {
    const problem = plateProblem(plate, 'car');
    // A good plate has no problem; a bad one is told why, about the plate.
    expect(bad === null ? problem : /车牌/.test(problem ?? '')).toBe(bad === null ? null : true);
  });
  it('e-bike plates: 5–10 letters, digits or Chinese', () => {
    expect(plateProblem('厦门A12345', 'ebike')).toBeNull();
    expect(plateProblem('闽E12', 'ebike')).toMatch(/电动车/);
    expect(guessKind('闽ED12345')).toBe('car');
    expect(guessKind('厦门A12345')).toBe('ebike');
    expect(guessKind('#')).toBeNull();
  });
  it('masks everywhere but the owner’s home and the register', () => {
    expect(maskPlate('闽E12345')).toBe('闽E·12**5');
    expect(maskPlate('闽ED12345')).toBe('闽E·D1***5');
    expect(maskPlate('厦门A12345')).toBe('厦门·A1***5');
    expect(formatPlate('闽E12345')).toBe('闽E·12345');
  });
});

describe('挪车', () => {
  it('routes to the household, else the lead, else the property office', () => {
    expect(routeOf({ registered: true, messageable: true, hasLead: true })).toBe('owner');
    expect(routeOf({ registered: true, messageable: false, hasLead: true })).toBe('lead');
    expect(routeOf({ registered: true, messageable: false, hasLead: false })).toBe('property');
    expect(routeOf({ registered: false, messageable: true, hasLead: true })).toBe('property');
  });
  it('the state machine: only the requester resolves, only a responder marks 无法联系, a report once', () => {
    for (const s of MOVE_STATUSES) {
      expect(allowedMoves(s, ['requester']).every((a) => a === 'resolve')).toBe(true);
      expect(allowedMoves(s, ['household']).includes('unreachable')).toBe(false);
    }
    expect(allowedMoves('forwarded', ['responder'])).toEqual(['handle', 'unreachable']);
    expect(allowedMoves('resolved', ['requester'])).toEqual([]);
    expect(allowedMoves('handled', ['household'], true)).toEqual([]);
    expect(MOVE_ACTIONS).toHaveLength(4);
  });
  it('the same plate waits 10 minutes', () => {
    const t = new Date('2026-12-01T02:00:00Z');
    expect(samePlateWait(null, t)).toBeNull();
    expect(samePlateWait(new Date(t.getTime() - 9 * 60_000), t)).toBe(1);
    expect(samePlateWait(new Date(t.getTime() - 10 * 60_000), t)).toBeNull();
  });
  it('figures: median minutes (a time that happened), share forwarded in percent', () => {
    expect(median([])).toBeNull();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(2);
    expect(figuresOf({ requests: 8, forwarded: 2, handledMinutes: [4, 6, 30] })).toEqual({
      requests: 8,
      handled: 3,
      forwarded: 2,
      medianMinutes: 6,
      forwardedPercent: 25,
    });
    expect(figuresOf(null)).toEqual({ requests: 0, handled: 0, forwarded: 0, medianMinutes: null, forwardedPercent: null });
  });
});
