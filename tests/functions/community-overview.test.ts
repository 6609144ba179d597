/**
 * The community overview on the demo: every figure equals a recount from the raw
 * documents, small compounds show 样本太少, no community-level response carries
 * personal data, the authorization matrix, and bad input writes nothing.
 */
import { main as community } from '../../cloudfunctions/community';
import { FIGURE_KEYS, monthRange, previousPeriod, statementDeadline, trailingPeriods } from '../../core/community/rules';
import { periodOf } from '../../core/platform/time';
import { COMMUNITY_DEMO } from '../../scripts/lib/seed-community';
import { malformed } from '../support/malformed';
import { createHarness, newRequestId, type Harness } from '../support/harness';

jest.setTimeout(300_000); // the district-sized seeds take minutes when other suites share the 2 cores
let h: Harness;
const ALL_FEATURES = ['notices', 'repairs', 'votes', 'activities', 'fees', 'concerns', 'party', 'community'];
beforeAll(async () => {
  h = await createHarness({ community: community as any }, undefined, { features: ALL_FEATURES });
});
afterAll(() => h.close());

const C = 'qiaoxing';
const PERIOD = () => previousPeriod(new Date());
const all = async (name: string, where: object) => {
  const out: any[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = (await h.db.collection(name).where(where).skip(skip).limit(1000).get()).data as any[];
    out.push(...page);
    if (page.length < 1000) return out;
  }
};

/** The figures of one compound and month, counted again here straight from the features' documents. */
async function recount(compoundId: string, period: string, at: Date) {
  const { start, end } = monthRange(period);
  const homes = (await all('homes', { compoundId })).length;
  const inMonth = (d: any) => d && new Date(d) >= start && new Date(d) < end;
  // notices: each root once (its first publication), homes that knew within 48 h over the homes targeted
  const ns = (await all('notices', {})).filter(
    (n) => n.status !== 'rejected' && inMonth(n.publishedAt) && n.buildings.some((b: any) => b.compoundId === compoundId),
  );
  const first = new Map<string, any>();
  for (const n of ns) if (!first.has(n.rootId) || first.get(n.rootId).publishedAt > n.publishedAt) first.set(n.rootId, n);
  let target = 0;
  let knew = 0;
  for (const n of first.values()) {
    const t = n.buildings.filter((b: any) => b.compoundId === compoundId).reduce((s: number, b: any) => s + b.homeCount, 0);
    const by = new Date(n.publishedAt).getTime() + 48 * 3600e3;
    const k = (await all('noticeHomeReads', { rootId: n.rootId, compoundId })).filter(
      (r) =>
        r.author || (r.app && r.appAt && new Date(r.appAt).getTime() <= by) || (r.told && r.toldAt && new Date(r.toldAt).getTime() <= by),
    ).length;
    target += t;
    knew += Math.min(k, t);
  }
  const bills = await all('bills', { compoundId, period });
  const due = bills.reduce((s, b) => s + b.amountFen, 0);
  const paid = bills.filter((b) => b.status === 'paid').reduce((s, b) => s + b.amountFen, 0);
  const st = (await all('statements', { compoundId, period }))[0];
  const onTime = st && st.status === 'published' && new Date(st.publishedAt) <= statementDeadline(period) ? 1 : 0;
  const reps = (await all('repairs', { compoundId, period })).filter((r) => r.status !== 'cancelled' && r.status !== 'merged');
  const days = reps
    .filter((r) => r.doneAt)
    .map((r) => (new Date(r.doneAt).getTime() - new Date(r.createdAt).getTime()) / 86400e3)
    .sort((a, b) => a - b);
  const med = days.length
    ? days.length % 2
      ? days[(days.length - 1) / 2]
      : (days[days.length / 2 - 1] + days[days.length / 2]) / 2
    : null;
  const rated = reps.filter((r) => r.rating !== null);
  const minutes = (await all('volunteerHours', { compoundId, period })).reduce((s, x) => s + x.minutes, 0);
  const matters = (await all('voteMatters', { compoundId })).filter(
    (m) => inMonth(m.closesAt) && m.result && ['preliminary', 'final'].includes(m.status),
  );
  const ofOwners = matters.reduce((s, m) => s + m.result.turnout.ofOwners, 0);
  // 民情 raised this month, merged duplicates aside: answered by the first deadline, of those answered or past it.
  const cs = (await all('concerns', { compoundId })).filter((c) => c.period === period && c.status !== 'merged');
  // 走访: homes reached (not 不在家) in the six months ending with this one.
  const visits = (await all('partyVisits', { compoundId })).filter((v) => trailingPeriods(period, 6).includes(v.period));
  const dueC = cs.filter((c) => c.firstAnsweredAt || new Date(c.firstDueAt) <= at);
  const rc = cs.filter((c) => c.rating);
  return {
    noticeReach: target ? knew / target : null,
    feeCollection: due ? paid / due : null,
    statementOnTime: onTime === 1 || at > statementDeadline(period) ? onTime : null,
    repairMedianDays: med,
    repairOverdueShare: reps.length ? reps.filter((r) => new Date(r.doneAt ?? at) > new Date(r.finishDueAt)).length / reps.length : null,
    repairSatisfaction: rated.length ? rated.reduce((s, r) => s + r.rating, 0) / rated.length : null,
    concernsAnswered: dueC.length
      ? dueC.filter((c) => c.firstAnsweredAt && new Date(c.firstAnsweredAt) <= new Date(c.firstDueAt)).length / dueC.length
      : null,
    concernsSatisfaction: rc.length ? rc.filter((c) => c.rating === 'satisfied').length / rc.length : null,
    volunteerHoursPer100: homes ? (minutes / 60 / homes) * 100 : null,
    visitedHomes: homes ? new Set(visits.filter((v) => v.mode !== 'away').map((v) => v.homeId)).size / homes : null,
    votesHeld: matters.length,
    voteTurnout: ofOwners ? matters.reduce((s, m) => s + m.result.turnout.owners, 0) / ofOwners : null,
  } as Record<(typeof FIGURE_KEYS)[number], number | null>;
}

describe('snapshots: each figure equals a recount from the raw documents', () => {
  const now = new Date();
  for (const compoundId of ['txsj', 'yjlt', COMMUNITY_DEMO.small]) {
    it(`${compoundId}: the 12 demo months`, async () => {
      let measured = 0;
      for (const period of trailingPeriods(periodOf(now))) {
        const snap = (
          await h.db
            .collection('communitySnapshots')
            .where({ _id: `${compoundId}_${period}` })
            .get()
        ).data[0] as any;
        expect(snap).toBeTruthy();
        const at = new Date(snap.computedAt);
        const want = await recount(compoundId, period, at);
        for (const k of FIGURE_KEYS) {
          const got = snap.figures[k].value;
          // Equal to 9 decimals (a figure is a ratio; the recount divides in another order).
          const at9 = (v: number | null) => (v === null ? null : Number(v.toFixed(9)));
          expect([period, k, at9(got)]).toEqual([period, k, at9(want[k])]);
          if (want[k] !== null && want[k] !== 0) measured++;
        }
      }
      // The demo data really feeds the figures (not a table of 暂无数据).
      expect(compoundId === COMMUNITY_DEMO.small || measured > 10).toBe(true);
    });
  }
  it('the overview shows the snapshot of the month asked for, text with unit', async () => {
    const o = await h.as('community-admin').ok('community', 'overview.get', { communityId: C, period: PERIOD() });
    expect(o.rows.map((r: any) => r.name)).toEqual(['天翔世家', '南街3号院', '侨兴小苑', '御家兰庭']);
    expect(o.rows[0].model).toBe(true);
    const yjlt = o.rows.find((r: any) => r.compoundId === 'yjlt');
    const want = await recount('yjlt', PERIOD(), new Date(o.computedAt));
    expect(yjlt.cells.feeCollection).toEqual({
      state: 'value',
      value: expect.closeTo(want.feeCollection!, 9),
      text: `${Math.round(want.feeCollection! * 100)}%`,
    });
    expect(yjlt.trend.feeCollection).toHaveLength(12);
    expect(yjlt.cells.concernsAnswered).toEqual({
      state: 'value',
      value: expect.closeTo(want.concernsAnswered!, 9),
      text: `${Math.round(want.concernsAnswered! * 100)}%`,
    });
    expect(yjlt.cells.visitedHomes).toMatchObject({ state: 'value', value: expect.closeTo(want.visitedHomes!, 9) });
    for (const f of o.figures) expect(f.definition.length + f.caveat.length).toBeGreaterThan(10);
  });
});

describe('small samples', () => {
  it('a compound of 4 homes shows 样本太少, never a number, in every month', async () => {
    const o = await h.as('community-admin').ok('community', 'overview.get', { communityId: C, period: PERIOD() });
    const tiny = o.rows.find((r: any) => r.compoundId === COMMUNITY_DEMO.tiny);
    expect(tiny.homes).toBe(4);
    for (const k of FIGURE_KEYS) {
      for (const cell of [tiny.cells[k], ...tiny.trend[k]]) {
        expect(cell.value).toBeUndefined();
        expect(['样本太少', '暂无数据']).toContain(cell.text);
      }
    }
    expect(tiny.cells.volunteerHoursPer100).toEqual({ state: 'small', text: '样本太少' });
    expect(tiny.cells.votesHeld).toEqual({ state: 'small', text: '样本太少' });
  });
  it('a side by side with a small compound does not compare its figures', async () => {
    const cmp = await h
      .as('community-admin')
      .ok('community', 'compare.get', { communityId: C, period: PERIOD(), compoundIds: ['yjlt', COMMUNITY_DEMO.tiny] });
    const tiny = cmp.columns.find((c: any) => c.compoundId === COMMUNITY_DEMO.tiny);
    expect(tiny.gaps.volunteerHoursPer100.text).toBe('每百户志愿时长样本太少，不作比较');
  });
});

describe('side by side', () => {
  it('天翔世家 and 御家兰庭 in columns, the model first, each gap in words', async () => {
    const cmp = await h
      .as('community-admin')
      .ok('community', 'compare.get', { communityId: C, period: PERIOD(), compoundIds: ['yjlt', 'txsj'] });
    expect(cmp.columns.map((c: any) => [c.name, c.model])).toEqual([
      ['天翔世家', true],
      ['御家兰庭', false],
    ]);
    expect(cmp.columns[0].gaps).toBeUndefined();
    const [m, y] = cmp.columns;
    const pts = Math.round(y.cells.feeCollection.value * 100) - Math.round(m.cells.feeCollection.value * 100);
    expect(y.gaps.feeCollection.text).toBe(
      pts === 0 ? '收缴率与示范小区持平' : `收缴率比示范小区${pts > 0 ? '高' : '低'} ${Math.abs(pts)} 个百分点`,
    );
  });
  it('the model compound joins a comparison that leaves it out', async () => {
    const cmp = await h
      .as('community-admin')
      .ok('community', 'compare.get', { communityId: C, compoundIds: ['yjlt', COMMUNITY_DEMO.small] });
    expect(cmp.columns.map((c: any) => c.compoundId)).toEqual(['txsj', 'yjlt', COMMUNITY_DEMO.small]);
  });
  it('a compound of another community is not found', async () => {
    await h.db.collection('compounds').add({ data: { _id: 'elsewhere', communityId: 'other', name: '别处小区' } });
    const r = await h.as('community-admin').call('community', 'compare.get', { communityId: C, compoundIds: ['yjlt', 'elsewhere'] });
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
  });
});

describe('snapshots.run', () => {
  it('recomputes a month on demand: one document per compound, replaced, never added', async () => {
    const before = (await all('communitySnapshots', {})).length;
    const job = await h
      .as('community-admin')
      .ok('community', 'snapshots.run', { clientRequestId: newRequestId(), communityId: C, period: PERIOD() });
    expect(job).toMatchObject({ status: 'done', done: 4 });
    expect((await all('communitySnapshots', {})).length).toBe(before);
  });
  it('refuses a future month', async () => {
    const r = await h
      .as('community-admin')
      .call('community', 'snapshots.run', { clientRequestId: newRequestId(), communityId: C, period: '2099-01' });
    expect(r.ok ? 'ok' : r.error.code).toBe('BAD_REQUEST');
  });
});

// ---- personal data and the matrix ----
const IDENTITIES = [
  '',
  'demo-new-community',
  'txsj-resident-3',
  'txsj-lead-3',
  'txsj-secretary',
  'txsj-committee',
  'txsj-manager',
  'yjlt-committee',
  'community-admin',
] as const;
type Spec = { allowed: readonly string[]; payload: () => Record<string, unknown> };
/** The overview's own actions; every action of the API is in community-scorecards.test.ts's matrix. */
const MATRIX: Record<'overview.get' | 'compare.get' | 'snapshots.run', Spec> = {
  'overview.get': { allowed: ['community-admin'], payload: () => ({ communityId: C, period: PERIOD() }) },
  'compare.get': { allowed: ['community-admin'], payload: () => ({ communityId: C, period: PERIOD(), compoundIds: ['txsj', 'yjlt'] }) },
  'snapshots.run': { allowed: ['community-admin'], payload: () => ({ clientRequestId: newRequestId(), communityId: C, period: PERIOD() }) },
};

describe('no personal data in any community-level response', () => {
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      const text = JSON.stringify(await h.as('community-admin').ok('community', action, spec.payload()));
      const homes = await all('homes', { communityId: C });
      const people = await all('people', {});
      // The caller's own person id may name their own job (snapshots.run's job id): everyone else's may not appear.
      const personal = [
        ...people.filter((p) => p._id !== 'p-community-admin').flatMap((p) => [p.name, p._id, p.openid, p.phone].filter(Boolean)),
        ...homes.flatMap((x) => [x._id, x.label, ...x.registeredOwners.flatMap((o: any) => [o.name, o.phone].filter(Boolean))]),
        'homeId',
        'personId',
        'amountFen',
        'openid',
        'phone',
      ];
      for (const p of personal) expect([p, text.includes(`"${p}"`) || (p.length > 3 && text.includes(p))]).toEqual([p, false]);
    });
  }
});

describe('authorization matrix: every action × every identity', () => {
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      for (const who of IDENTITIES) {
        const r = await h.as(who).call('community', action, spec.payload());
        const got = r.ok ? 'ok' : r.error.code;
        const want = who === '' ? 'UNAUTHENTICATED' : spec.allowed.includes(who) ? 'ok' : 'FORBIDDEN';
        expect([who, got]).toEqual([who, want]);
      }
    });
  }
  it('a community that does not exist is not found', async () => {
    const r = await h.as('community-admin').call('community', 'overview.get', { communityId: 'nowhere' });
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
  });
});

describe('bad input for every action writes nothing', () => {
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      const valid = spec.payload();
      const snap = await h.snapshot();
      for (const [what, payload] of malformed(valid)) {
        const r = await h.as('community-admin').call('community', action, payload);
        // A missing period may be fine where it defaults to the last complete month; anything else is BAD_REQUEST.
        const allowed = what === 'period missing' ? ['ok', 'BAD_REQUEST'] : ['BAD_REQUEST'];
        expect([what, allowed.includes(r.ok ? 'ok' : r.error.code)]).toEqual([what, true]);
      }
      for (const payload of [
        { ...valid, period: '2026-13' },
        { ...valid, compoundIds: ['txsj'] },
        { ...valid, compoundIds: ['txsj', 'txsj'] },
      ]) {
        if (action !== 'compare.get' && 'compoundIds' in payload) continue;
        const r = await h.as('community-admin').call('community', action, payload);
        expect(r.ok ? 'ok' : r.error.code).toBe('BAD_REQUEST');
      }
      expect(await h.snapshot()).toBe(snap);
    });
  }
});

describe('cost', () => {
  it('the overview, scorecards and report of 50 compounds read per compound, never a home', async () => {
    const period = PERIOD();
    const existing = (await all('compounds', { communityId: C })).length;
    const extra = Array.from({ length: 50 - existing }, (_, i) => ({ _id: `cost-c${i + 1}`, communityId: C, name: `对比小区${i + 1}` }));
    h.emu.seed('compounds', extra);
    h.emu.seed(
      'communitySnapshots',
      extra.flatMap((c) =>
        trailingPeriods(period).map((p) => ({
          _id: `${c._id}_${p}`,
          communityId: C,
          compoundId: c._id,
          compoundName: c.name,
          period: p,
          homes: 100,
          figures: {},
          computedAt: new Date(),
        })),
      ),
    );
    const m = await h.emu.measure(() => h.as('community-admin').ok('community', 'overview.get', { communityId: C, period }));
    expect(m.result.rows).toHaveLength(50);
    // 50 compounds + 50 × 12 snapshots + the profile, the community and the caller's person and roles.
    expect(m.reads).toBeLessThanOrEqual(50 + 600 + 10);
    expect(m.queries).toBeLessThanOrEqual(10);
    // The scorecards of the month: the compounds, their scorecards, 互评 and snapshots (one each), never a home.
    const cards = await h.emu.measure(() => h.as('community-admin').ok('community', 'scorecards.list', { communityId: C, period }));
    expect(cards.result.rows).toHaveLength(50);
    expect(cards.reads).toBeLessThanOrEqual(50 * 3 + 50 * 49 + 10);
    expect(cards.queries).toBeLessThanOrEqual(12);
    // The monthly report: the overview's reads, the scorecards' and the featured cases (≤ 10).
    const report = await h.emu.measure(() => h.as('community-admin').ok('community', 'report.get', { communityId: C, period }));
    expect(report.result.rows).toHaveLength(50);
    expect(report.reads).toBeLessThanOrEqual(50 + 600 + 50 * 3 + 50 * 49 + 10 + 20);
    expect(report.queries).toBeLessThanOrEqual(20);
  });
});

describe('the daily timer', () => {
  it('recomputes last month and this month for every compound, once a day', async () => {
    const at = new Date(Date.now() + 2 * 24 * 3600e3);
    const fired = await h.emu.timers.advanceTo(at);
    const mine = fired.filter((f: any) => f.functionName === 'community');
    expect(mine).toEqual([expect.objectContaining({ name: 'snapshots' })]);
    const snap = (
      await h.db
        .collection('communitySnapshots')
        .where({ _id: `yjlt_${periodOf(at)}` })
        .get()
    ).data[0] as any;
    expect(new Date(snap.computedAt).getTime()).toBeGreaterThan(Date.now() - 60e3);
    expect(snap.figures.feeCollection.value).toEqual(
      expect.closeTo((await recount('yjlt', periodOf(at), new Date(snap.computedAt))).feeCollection ?? 0, 9),
    );
  });
});
