/**
 * The count, case by case from 民法典 第二百七十八条 and the 建筑物区分所有权 interpretation.
 * Areas are hundredths of m² (10000 = 100 m²).
 */
import { ballotOrigin } from '../../core/votes/rules';
import {
  addTallies,
  buildRoll,
  countVote,
  applyBallot,
  emptyTally,
  choiceProblem,
  missingText,
  resultOf,
  tallyBallots,
  type RegisterHome,
  type RollEntry,
  type CastBallot,
  type MatterShape,
} from '../../core/votes/count';

const approval = (kind: MatterShape['kind']): MatterShape => ({ kind, format: 'approval' });
/** n owners of one home each, `area` each. */
function roll(n: number, area = 10000): RollEntry[] {
  return Array.from({ length: n }, (_, i) => ({ key: `o${i}`, homeIds: [`h${i}`], areaCenti: area, developer: false }));
}
const ballot = (key: string, choice: string, at = 1): CastBallot => ({ key, choices: [choice], at });

describe('turnout: 2/3 of the area AND 2/3 of the owners', () => {
  it('met by owners but not by area: fails', () => {
    // 9 owners: 6 small homes (50 m²) vote, 3 large ones (200 m²) do not.
    const r: RollEntry[] = [...roll(6, 5000), ...roll(3, 20000).map((e, i) => ({ ...e, key: `big${i}` }))];
    const res = countVote(
      approval(4),
      r,
      r.slice(0, 6).map((e) => ballot(e.key, 'approve')),
    );
    expect(res.turnout.ownersMet).toBe(true); // 6/9 = 2/3
    expect(res.turnout.areaMet).toBe(false); // 300 of 900 m²
    expect(res.turnout.met).toBe(false);
    expect(res.passed).toBe(false);
    expect(res.turnout.needOwners).toBe(0);
    expect(res.turnout.needAreaCenti).toBe(60000 - 30000);
    expect(res.missing).toBe('还差 300.00 m² 参与');
  });
  it('exactly 2/3 of each is enough', () => {
    const r = roll(9);
    const res = countVote(
      approval(4),
      r,
      r.slice(0, 6).map((e) => ballot(e.key, 'approve')),
    );
    expect(res.turnout.met).toBe(true);
    expect(res.passed).toBe(true);
  });
  it('says what is missing in words', () => {
    const r = roll(30);
    const res = countVote(
      approval(4),
      r,
      r.slice(0, 10).map((e) => ballot(e.key, 'approve')),
    );
    expect(res.turnout.needOwners).toBe(10);
    expect(res.missing).toBe('还差 10 户 / 1,000.00 m² 参与');
    expect(missingText({ needOwners: 0, needAreaCenti: 0 })).toBe('');
  });
});

describe('approval: more than half of the participating area AND owners', () => {
  it('met by area but not by owners: fails', () => {
    // 9 owners vote: 3 large homes (200 m²) approve, 6 small ones (50 m²) reject.
    const r: RollEntry[] = [...roll(6, 5000), ...roll(3, 20000).map((e, i) => ({ ...e, key: `big${i}` }))];
    const bs = [...r.slice(0, 6).map((e) => ballot(e.key, 'reject')), ...r.slice(6).map((e) => ballot(e.key, 'approve'))];
    const res = countVote(approval(4), r, bs);
    expect(res.turnout.met).toBe(true);
    const yes = res.choices.find((c) => c.id === 'approve')!;
    expect(yes.areaMet).toBe(true); // 600 of 900 m²
    expect(yes.ownersMet).toBe(false); // 3 of 9
    expect(res.passed).toBe(false);
    expect(res.summary).toContain('人数');
  });
  it('exactly one half fails: more than half is needed', () => {
    const r = roll(10);
    const bs = r.map((e, i) => ballot(e.key, i < 5 ? 'approve' : 'reject'));
    const res = countVote(approval(1), r, bs);
    expect(res.turnout.met).toBe(true);
    expect(res.passed).toBe(false);
    expect(res.choices[0].needOwners).toBe(1);
  });
  it('using the repair fund (item 5) at 60 %: passes, a simple-majority matter', () => {
    const r = roll(10);
    const res = countVote(
      approval(5),
      r,
      r.map((e, i) => ballot(e.key, i < 6 ? 'approve' : 'reject')),
    );
    expect(res.special).toBe(false);
    expect(res.passed).toBe(true);
  });
  it('raising the repair fund (item 6) at 60 %: fails, it needs three quarters', () => {
    const r = roll(10);
    const res = countVote(
      approval(6),
      r,
      r.map((e, i) => ballot(e.key, i < 6 ? 'approve' : 'reject')),
    );
    expect(res.special).toBe(true);
    expect(res.passed).toBe(false);
  });
  it.each([6, 7, 8] as const)('exactly 3/4 passes for item %s', (kind) => {
    const r = roll(8);
    const res = countVote(
      approval(kind),
      r,
      r.map((e, i) => ballot(e.key, i < 6 ? 'approve' : 'reject')),
    );
    expect(res.passed).toBe(true);
    const less = countVote(
      approval(kind),
      r,
      r.map((e, i) => ballot(e.key, i < 5 ? 'approve' : 'reject')),
    );
    expect(less.passed).toBe(false);
  });
  it('abstentions count in turnout but not as approval', () => {
    const r = roll(9);
    // 3 approve, 3 abstain: turnout 6/9 met only thanks to the abstentions; approval 3 of 6 = not more than half.
    const bs = [...r.slice(0, 3).map((e) => ballot(e.key, 'approve')), ...r.slice(3, 6).map((e) => ballot(e.key, 'abstain'))];
    const res = countVote(approval(4), r, bs);
    expect(res.turnout.met).toBe(true);
    expect(res.turnout.owners).toBe(6);
    expect(res.choices.find((c) => c.id === 'abstain')!.owners).toBe(3);
    expect(res.passed).toBe(false);
  });
});

describe('the roll: who is one owner', () => {
  const home = (id: string, area: number, owners: RegisterHome['owners'], developerHeld = false): RegisterHome => ({
    homeId: id,
    label: id,
    areaCenti: area,
    owners,
    developerHeld,
  });
  it('an owner with three homes is one owner with the three areas added', () => {
    const r = buildRoll([
      home('a', 9000, [{ name: '王建华', phone: '13900000001' }]),
      home('b', 8000, [{ name: '王建华', phone: '13900000001' }]),
      home('c', 7000, [{ name: '王 建华', phone: '139-0000-0001' }]),
      home('d', 10000, [{ name: '李秀兰' }]),
    ]);
    expect(r).toHaveLength(2);
    const wang = r.find((e) => e.homeIds.length === 3)!;
    expect(wang.areaCenti).toBe(24000);
    // Voting once counts once, with 240 m².
    const res = countVote(approval(4), r, [ballot(wang.key, 'approve')]);
    expect(res.turnout.owners).toBe(1);
    expect(res.turnout.areaCenti).toBe(24000);
  });
  it('all unsold developer homes together are one owner', () => {
    const r = buildRoll([
      home('a', 9000, [{ name: '开发商' }]),
      home('b', 9000, [], true),
      home('c', 9000, [{ name: '开发商' }]),
      home('d', 9000, [{ name: '张三' }]),
    ]);
    expect(r).toHaveLength(2);
    const dev = r.find((e) => e.developer)!;
    expect(dev.homeIds).toEqual(['a', 'b', 'c']);
    expect(dev.areaCenti).toBe(27000);
  });
  it('co-owners of one home are one owner with one ballot', () => {
    const r = buildRoll([home('a', 9000, [{ name: '张三' }, { name: '李四' }]), home('b', 9000, [{ name: '李四' }, { name: '张三' }])]);
    // The same two co-owners on both homes: one owner; ballots by either are the same owner's.
    expect(r).toHaveLength(1);
    const res = countVote(approval(4), r, [ballot(r[0].key, 'approve', 1), ballot(r[0].key, 'approve', 2)]);
    expect(res.turnout.owners).toBe(1);
  });
  it('homes without a registered owner count one each', () => {
    expect(buildRoll([home('a', 1, []), home('b', 1, [])])).toHaveLength(2);
  });
});

describe('ballots', () => {
  it('a changed ballot replaces the earlier one (batch and running tally agree)', () => {
    const r = roll(3);
    const res = countVote(approval(4), r, [
      ballot('o0', 'reject', 1),
      ballot('o1', 'approve', 1),
      ballot('o2', 'approve', 1),
      ballot('o0', 'approve', 5),
    ]);
    expect(res.choices.find((c) => c.id === 'approve')!.owners).toBe(3);
    expect(res.choices.find((c) => c.id === 'reject')!.owners).toBe(0);
    let t = emptyTally();
    t = applyBallot(t, 10000, null, ['reject']);
    t = applyBallot(t, 10000, ['reject'], ['approve']);
    expect(t.participants).toEqual({ owners: 1, areaCenti: 10000 });
    expect(t.choices.approve).toEqual({ owners: 1, areaCenti: 10000 });
    expect(t.choices.reject).toEqual({ owners: 0, areaCenti: 0 });
  });
  it('ballots of owners not on the roll are ignored', () => {
    const res = countVote(approval(4), roll(3), [ballot('stranger', 'approve')]);
    expect(res.turnout.owners).toBe(0);
  });
  it('choices are checked against the matter', () => {
    const e: MatterShape = { kind: 3, format: 'election', candidateIds: ['c1', 'c2', 'c3'], seats: 2 };
    expect(choiceProblem(approval(4), ['approve'])).toBeNull();
    expect(choiceProblem(approval(4), ['approve', 'reject'])).not.toBeNull();
    expect(choiceProblem(e, ['c1', 'c2'])).toBeNull();
    expect(choiceProblem(e, ['c1', 'c2', 'c3'])).toBe('最多选2位');
    expect(choiceProblem(e, ['c1', 'c1'])).toBe('选项重复');
    expect(choiceProblem(e, ['c9'])).toBe('候选人不存在');
    expect(choiceProblem(e, ['abstain'])).toBeNull();
  });
});

describe('candidates and bidders', () => {
  const e: MatterShape = { kind: 3, format: 'election', candidateIds: ['c1', 'c2', 'c3'], seats: 2 };
  it('each candidate has its own area and owner count; the passing ones fill the seats by owners', () => {
    const r = roll(10);
    const bs: CastBallot[] = r.map((x, i) => ({ key: x.key, choices: i < 8 ? ['c1', i < 6 ? 'c2' : 'c3'] : ['abstain'], at: 1 }));
    const res = countVote(e, r, bs);
    expect(res.choices.find((c) => c.id === 'c1')).toMatchObject({ owners: 8, areaCenti: 80000, met: true });
    expect(res.choices.find((c) => c.id === 'c2')).toMatchObject({ owners: 6, met: true });
    expect(res.choices.find((c) => c.id === 'c3')).toMatchObject({ owners: 2, met: false });
    expect(res.elected).toEqual(['c1', 'c2']);
    expect(res.passed).toBe(true);
  });
  it('a tie at the last seat is reported and that seat left open', () => {
    const r = roll(10);
    const bs: CastBallot[] = r.map((x, i) => ({ key: x.key, choices: ['c1', i < 5 ? 'c2' : 'c3'], at: 1 }));
    const one: MatterShape = { ...e, seats: 2 };
    // c2 and c3 each 5 of 10: neither is more than half, so no tie case; make them both pass instead:
    const bs2: CastBallot[] = r.map((x, i) => ({ key: x.key, choices: i < 6 ? ['c2', 'c3'] : ['c1'], at: 1 }));
    expect(countVote(one, r, bs).elected).toEqual(['c1']);
    const res = countVote({ ...e, seats: 1 }, r, bs2);
    expect(res.tieAtLastSeat).toBe(true);
    expect(res.elected).toEqual([]);
  });
});

describe('the count in batches (the final count job): tallies of disjoint owners add up to the whole', () => {
  it('any split of the roll, each part tallied alone and added, gives the same result as one count', () => {
    const r = roll(97).map((e, i) => ({ ...e, areaCenti: 5000 + ((i * 7919) % 9000) }));
    const shape: MatterShape = { kind: 3, format: 'election', candidateIds: ['c1', 'c2', 'c3'], seats: 2 };
    const picks = [['c1', 'c2'], ['c2'], ['abstain'], ['c3', 'c1']];
    const bs: CastBallot[] = r.filter((_, i) => i % 6 !== 0).map((e, i) => ({ key: e.key, choices: picks[i % 4], at: i }));
    const whole = countVote(shape, r, bs);
    for (const size of [1, 10, 40, 97, 1000]) {
      let t = emptyTally();
      const totals = { owners: 0, areaCenti: 0 };
      for (let i = 0; i < r.length; i += size) {
        const part = r.slice(i, i + size);
        const keys = new Set(part.map((e) => e.key));
        t = addTallies(
          t,
          tallyBallots(
            part,
            bs.filter((b) => keys.has(b.key)),
          ),
        );
        totals.owners += part.length;
        totals.areaCenti += part.reduce((s, e) => s + e.areaCenti, 0);
      }
      expect(resultOf(shape, totals, t)).toEqual(whole);
    }
  });
});

describe('how a ballot came in', () => {
  it('a paper ballot was entered by the committee; an online one cast by the owner', () => {
    expect(ballotOrigin({ via: 'paper', byMasked: '吴**', at: '2026-12-05 10:00' })).toBe('纸质票，由业委会 吴** 于 2026-12-05 10:00 录入');
    expect(ballotOrigin({ via: 'paper', byMasked: '周**', at: '2026-12-05 10:00', enteredBy: 'community' })).toBe(
      '纸质票，由社区 周** 于 2026-12-05 10:00 录入',
    );
    expect(ballotOrigin({ via: 'online', byMasked: '何**', at: '2026-12-05 10:00' })).toBe('由 何** 于 2026-12-05 10:00 在线投票');
  });
});
