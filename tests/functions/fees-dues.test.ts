/**
 * Arrears reminders and the committee members' payment list, through the emulator:
 * a reminder reaches only the people who granted a bill message, nobody twice (20
 * reminders at once; a worker killed mid-batch and resumed; a second reminder within
 * 7 days), counts match the preview; who may remind; the list per member (paid,
 * owing, no home, no bills), publishing after the half only and once; who reads
 * what. Then the authorization matrix and bad input for every action of DUES_ACTIONS.
 */
import { BILL_TEMPLATE_ID } from '../../core/fees/contract';
import { DUES_ACTIONS } from '../../core/fees/contract-dues';
import { halfOf, halfPeriods, lastEndedHalf, previousHalf } from '../../core/fees/dues';
import { NOTICE_TEMPLATE_ID } from '../../core/notices/contract';
import { OUTBOX } from '../../emulator';
import { enqueue, jobs, work } from '../../cloudfunctions/_shared/jobs';
import { killable, workerCtx as makeWorkerCtx } from '../support/killable';
import type { Database } from '../../cloudfunctions/_shared/database';
import { remindJob } from '../../cloudfunctions/fees/dues-remind';
import { createHarness, newRequestId, type Harness } from '../support/harness';
import { expectAuthorization, expectBadInputRefused, type ActionSpec } from '../support/matrix';
import { main as fees } from '../../cloudfunctions/fees';
import { main as payCallback } from '../../cloudfunctions/payCallback';
import { feesSeed } from '../../scripts/lib/seed-fees';
import { feesHarness, generate, HOME3, LAST, PERIOD } from './fees-setup';

jest.setTimeout(120_000);

let h: Harness;
const B3 = 'txsj-b3';
const B5 = 'txsj-b5';
/** Bound people of a building (active memberships) and their homes. */
const membersOf = (buildingId: string) => h.seed.memberships.filter((m) => m.buildingId === buildingId && m.status === 'active');
const openidOf = (personId: string) => h.seed.people.find((p) => p._id === personId)!.openid;
const billMessages = () => h.emu.outbox.list({ kind: OUTBOX.subscribe }).filter((e) => e.payload.templateId === BILL_TEMPLATE_ID);
const billTo = () => billMessages().map((e) => e.payload.touser as string);

const workerCtx = (db: Database) => makeWorkerCtx(h.emu.sdk, db);
/** Run every open job to the end, as the timer would. */
async function drain() {
  for (let i = 0; i < 50; i++) {
    const open = await h.db.collection('jobs').where({ open: true }).count();
    if (!open.total) return;
    await work(workerCtx(h.db), { budgetMs: 30_000, leaseMs: 50 });
    await new Promise((r) => setTimeout(r, 60));
  }
  throw new Error('jobs did not finish');
}
async function grant(personIds: string[], remaining = 2) {
  const now = new Date();
  h.emu.seed(
    'subscriptions',
    personIds.map((personId) => ({
      _id: `${openidOf(personId)}_${BILL_TEMPLATE_ID}`,
      openid: openidOf(personId),
      personId,
      templateId: BILL_TEMPLATE_ID,
      remaining,
      updatedAt: now,
    })),
  );
}
const remaining = async (personId: string) =>
  (
    (
      await h.db
        .collection('subscriptions')
        .where({ _id: `${openidOf(personId)}_${BILL_TEMPLATE_ID}` })
        .get()
    ).data[0] as any
  )?.remaining ?? 0;

/** Granted in 3栋: every other generated resident, and 吴晓峰 (tenant) by tapping 欠费时提醒我 twice. */
let granted3: string[] = [];
beforeAll(async () => {
  h = await feesHarness();
  await generate(h, 'txsj', LAST);
  await generate(h, 'txsj', PERIOD);
  // 陈阿婆 paid last month: this month's bill is due, not overdue.
  await h.as('txsj-manager').ok('fees', 'fees.payOffline', {
    clientRequestId: newRequestId(),
    billIds: [`${HOME3}_property_${LAST}`],
    method: 'cash',
    receiptNo: 'DUES-1',
  });
  const gen3 = membersOf(B3)
    .filter((m) => m.personId.startsWith('p-gen-'))
    .map((m) => m.personId)
    .sort();
  await grant(gen3.filter((_, i) => i % 2 === 0));
  for (let i = 0; i < 2; i++)
    expect(await h.as('txsj-resident-3b').ok('fees', 'fees.subscribe', { templateId: BILL_TEMPLATE_ID, accepted: true })).toMatchObject({
      remaining: i + 1,
    });
  granted3 = [...gen3.filter((_, i) => i % 2 === 0), 'p-txsj-resident-3b'].sort();
}, 120_000);
afterAll(() => h.close());

describe('催缴提醒', () => {
  let preview: any;
  it('the preview: homes in arrears (not this month), people, who granted, homes to tell in person', async () => {
    preview = await h.as('txsj-committee').ok('fees', 'fees.remindPreview', { compoundId: 'txsj', buildingId: B3 });
    const overdueHomes = new Set(h.seed.homes.filter((x) => x.buildingId === B3 && x._id !== HOME3).map((x) => x._id));
    const people = new Set(
      membersOf(B3)
        .filter((m) => overdueHomes.has(m.homeId))
        .map((m) => m.personId),
    );
    const homesWithGrant = new Set(
      membersOf(B3)
        .filter((m) => granted3.includes(m.personId))
        .map((m) => m.homeId),
    );
    expect(preview).toMatchObject({
      compoundId: 'txsj',
      buildingId: B3,
      scopeLabel: '3栋',
      homesInArrears: overdueHomes.size,
      remindedRecently: 0,
      homes: overdueHomes.size,
      people: people.size,
      withGrant: granted3.length,
      homesWithGrant: homesWithGrant.size,
      tellInPerson: overdueHomes.size - homesWithGrant.size,
    });
    expect(preview.summary).toBe(
      `可以微信提醒 ${granted3.length} 人，另有 ${overdueHomes.size - homesWithGrant.size} 户需要上门或电话告知`,
    );
    // The homes to visit are listed, as many as the figure says, by room with the owner's name masked, none reached by WeChat.
    expect(preview.visitList).toHaveLength(preview.tellInPerson);
    expect(preview.visitList.every((v: any) => overdueHomes.has(v.homeId) && !homesWithGrant.has(v.homeId))).toBe(true);
    expect(preview.visitList[0]).toMatchObject({
      label: expect.stringContaining('3栋'),
      name: expect.stringMatching(/^\p{Script=Han}\*+$|未登记/u),
      arrears: expect.stringMatching(/元$/),
    });
    // The whole compound: at least this building.
    const all = await h.as('txsj-bookkeeper').ok('fees', 'fees.remindPreview', { compoundId: 'txsj' });
    expect(all.homesInArrears).toBe(584);
    expect(all.scopeLabel).toBe('全小区');
  });

  it('20 reminders at once: each granted person messaged exactly once, the rest untouched, counts match the preview', async () => {
    h.emu.outbox.clear();
    const who = ['txsj-committee', 'txsj-manager', 'txsj-bookkeeper', 'txsj-committee-chair'];
    const started = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.as(who[i % who.length]).ok('fees', 'fees.remind', { clientRequestId: newRequestId(), compoundId: 'txsj', buildingId: B3 }),
      ),
    );
    expect(new Set(started.map((j: any) => j.id)).size).toBe(20);
    await drain();
    const to = billTo();
    expect(to.length).toBe(granted3.length);
    expect(new Set(to)).toEqual(new Set(granted3.map(openidOf)));
    const finals = await Promise.all(started.map((j: any) => jobs(h.db).get(j.id)));
    expect(finals.every((j) => j!.status === 'done')).toBe(true);
    expect(finals.reduce((s, j) => s + j!.done, 0)).toBe(preview.withGrant);
    for (const p of granted3) expect(await remaining(p)).toBe(1);
    // What the message says, and where it opens.
    const m = billMessages().find((e) => e.payload.touser === openidOf('p-txsj-resident-3b'))!;
    expect(m.payload.page).toBe('packages/fees/pages/bills/index');
    expect(m.payload.data).toMatchObject({
      thing1: { value: '物业费' },
      amount2: { value: expect.stringMatching(/^\d+\.\d{2}元$/) },
      thing4: { value: '请在小程序「物业缴费」缴纳' },
    });
    // The creator follows it with fees.jobStatus; someone else cannot.
    expect(await h.as(who[0]).ok('fees', 'fees.jobStatus', { jobId: started[0].id })).toMatchObject({ status: 'done' });
    expect((await h.as('txsj-manager').call('fees', 'fees.jobStatus', { jobId: started[0].id })).ok).toBe(false);
  });

  it('within 7 days a home is not reminded again: the preview says so and a reminder reaches nobody', async () => {
    const again = await h.as('txsj-committee').ok('fees', 'fees.remindPreview', { compoundId: 'txsj', buildingId: B3 });
    expect(again).toMatchObject({
      homesInArrears: preview.homesInArrears,
      remindedRecently: preview.homesWithGrant,
      homes: preview.homes - preview.homesWithGrant,
      withGrant: 0,
      homesWithGrant: 0,
    });
    expect(again.summary).toContain(`${preview.homesWithGrant} 户近7天已提醒过`);
    h.emu.outbox.clear();
    const job = await h
      .as('txsj-manager')
      .ok('fees', 'fees.remind', { clientRequestId: newRequestId(), compoundId: 'txsj', buildingId: B3 });
    await drain();
    expect((await jobs(h.db).get(job.id))!.done).toBe(0);
    expect(billTo()).toEqual([]);
  });

  it('after 7 days the same homes may be reminded again (each person once)', async () => {
    await h.db
      .collection('feeReminders')
      .where({ byJob: h.db.command.exists(true) })
      .update({ data: { at: new Date(Date.now() - 8 * 24 * 3600_000) } });
    const p = await h.as('txsj-committee').ok('fees', 'fees.remindPreview', { compoundId: 'txsj', buildingId: B3 });
    expect(p).toMatchObject({ remindedRecently: 0, withGrant: granted3.length });
    h.emu.outbox.clear();
    await h.as('txsj-committee').ok('fees', 'fees.remind', { clientRequestId: newRequestId(), compoundId: 'txsj', buildingId: B3 });
    await drain();
    expect(billTo().sort()).toEqual(granted3.map(openidOf).sort());
    for (const x of granted3) expect(await remaining(x)).toBe(0);
  });

  it('a worker killed mid-batch and resumed, with another reminder started meanwhile: nobody twice, none lost', async () => {
    const persons = [...new Set(membersOf(B5).map((m) => m.personId))].sort();
    await grant(persons);
    h.emu.outbox.clear();
    const healthy = workerCtx(h.db);
    const job = await enqueue(
      healthy,
      remindJob,
      { compoundId: 'txsj', buildingId: B5 },
      { createdBy: 'p-txsj-committee', clientRequestId: 'dues-kill-0001' },
    );
    const dyingDb = killable(h.db);
    const dying = workerCtx(dyingDb.db);
    const send = h.emu.sdk.openapi.subscribeMessage.send.bind(h.emu.sdk.openapi.subscribeMessage);
    let calls = 0;
    (dying as any).cloud = {
      ...h.emu.sdk,
      openapi: {
        subscribeMessage: {
          send: async (msg: unknown) => {
            const out = await send(msg as any);
            if (++calls === 7) dyingDb.kill();
            return out;
          },
        },
      },
    };
    await expect(work(dying, { jobId: job._id, leaseMs: 50, budgetMs: 60_000 })).rejects.toThrow('process killed');
    expect(billTo().length).toBe(7);
    // Meanwhile the manager reminds the same building.
    const second = await h
      .as('txsj-manager')
      .ok('fees', 'fees.remind', { clientRequestId: newRequestId(), compoundId: 'txsj', buildingId: B5 });
    await new Promise((r) => setTimeout(r, 80));
    await h.emu.timers.advanceTo(new Date(Date.now() + 4 * 3600_000 + 60_000)); // the safety-net timer
    await drain();
    const to = billTo();
    expect(new Set(to).size).toBe(to.length);
    expect(new Set(to)).toEqual(new Set(persons.map(openidOf)));
    const a = (await jobs(h.db).get(job._id))!;
    const b = (await jobs(h.db).get(second.id))!;
    expect(a.status).toBe('done');
    expect(a.unknown).toBe(1);
    expect(a.done + a.unknown + b.done).toBe(persons.length);
    for (const p of persons) expect(await remaining(p)).toBe(1);
  });

  it('a resident or a building lead cannot remind or preview; nothing is queued', async () => {
    for (const who of ['txsj-resident-3', 'txsj-lead-3', 'txsj-secretary', 'yjlt-committee']) {
      const before = await h.snapshot();
      const r = await h.as(who).call('fees', 'fees.remind', { clientRequestId: newRequestId(), compoundId: 'txsj', buildingId: B3 });
      expect([who, r.ok ? 'ok' : ['FORBIDDEN', 'NOT_FOUND'].includes(r.error.code)]).toEqual([who, true]);
      expect((await h.as(who).call('fees', 'fees.remindPreview', { compoundId: 'txsj' })).ok).toBe(false);
      expect(await h.snapshot()).toBe(before);
    }
    expect(
      await h.as('txsj-lead-3').call('fees', 'fees.remind', { clientRequestId: newRequestId(), compoundId: 'txsj', buildingId: B3 }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A building of another compound is not this compound's.
    expect(await h.as('txsj-committee').call('fees', 'fees.remindPreview', { compoundId: 'txsj', buildingId: 'yjlt-b1' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('委员缴费公示', () => {
  /** A half well before the bills generated above. */
  const HALF = previousHalf(lastEndedHalf(PERIOD));
  const H801 = 'txsj-b1_1_801';
  const H502 = 'txsj-b2_2_502';
  beforeAll(async () => {
    const now = new Date();
    const docs = halfPeriods(HALF).flatMap((p, i) =>
      [H801, H502].map((homeId) => ({
        _id: `${homeId}_dues_${p}`,
        communityId: 'qiaoxing',
        compoundId: 'txsj',
        buildingId: homeId.split('_')[0],
        homeId,
        homeLabel: homeId,
        compoundPeriod: `txsj_${p}`,
        itemCode: 'dues',
        itemName: '物业费',
        kind: 'fixed',
        period: p,
        rateFen: 10_000,
        quantity: 1,
        unit: 'home',
        amountFen: 10_000,
        status: homeId === H502 && i >= 4 ? 'unpaid' : 'paid',
        orderNo: null,
        createdAt: now,
      })),
    );
    h.emu.seed('bills', docs);
    // A third member who is bound to no home of the compound.
    h.emu.seed('people', [
      { _id: 'p-dues-nohome', openid: 'demo-dues-nohome', name: '甘委员', partyMember: false, showPartyBadge: false, createdAt: now },
    ]);
    h.emu.seed('roles', [
      {
        _id: 'r-dues-nohome',
        personId: 'p-dues-nohome',
        role: 'committeeMember',
        communityId: 'qiaoxing',
        compoundId: 'txsj',
        grantedBy: 'seed',
        createdAt: now,
      },
    ]);
  });

  it('the committee sees the live list: paid, owing, no home; residents see 本期尚未公示', async () => {
    const live = await h.as('txsj-committee').ok('fees', 'fees.committeeDues', { compoundId: 'txsj', half: HALF });
    expect(live).toMatchObject({ source: 'live', published: false, halfEnded: true, canPublish: true });
    const by = Object.fromEntries(live.members.map((m: any) => [m.name, m]));
    expect(Object.keys(by).sort()).toEqual(['林国栋', '甘委员', '黄美玲'].sort());
    expect(by['林国栋']).toMatchObject({ state: 'paid', label: '已缴清', homes: ['1栋1单元801'], roleLabel: '业委会委员' });
    expect(by['黄美玲']).toMatchObject({ state: 'owing', label: '欠 2 个月 200.00元', months: 2, owingFen: 20_000 });
    expect(by['甘委员']).toMatchObject({ state: 'noHome', label: '未登记房屋', homes: [] });
    expect(live.halves.map((x: any) => x.half)).toContain(HALF);
    // The community office (ledger.view) sees it live too; a resident does not.
    expect(await h.as('community-admin').ok('fees', 'fees.committeeDues', { compoundId: 'txsj', half: HALF })).toMatchObject({
      source: 'live',
      canPublish: false,
    });
    expect(await h.as('txsj-resident-3').ok('fees', 'fees.committeeDues', { compoundId: 'txsj', half: HALF })).toMatchObject({
      source: 'hidden',
      published: false,
      members: [],
      canPublish: false,
    });
  });

  it('publishing before the half has ended is refused and writes nothing', async () => {
    const before = await h.snapshot();
    const r = await h.as('txsj-committee').call('fees', 'fees.publishCommitteeDues', { compoundId: 'txsj', half: halfOf(PERIOD) });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('还没有结束') } });
    expect(await h.snapshot()).toBe(before);
  });

  it('publish freezes the list; publishing again keeps the first; residents then read it', async () => {
    const first = await h
      .as('txsj-committee')
      .ok('fees', 'fees.publishCommitteeDues', { clientRequestId: newRequestId(), compoundId: 'txsj', half: HALF });
    expect(first).toMatchObject({ source: 'published', published: true, publishedByName: '黄美玲', canPublish: false });
    // 黄美玲 pays; a second publish (by the chair) keeps the first snapshot.
    await h.db
      .collection('bills')
      .where({ homeId: H502, itemCode: 'dues' })
      .update({ data: { status: 'paid' } });
    const second = await h.as('txsj-committee-chair').ok('fees', 'fees.publishCommitteeDues', { compoundId: 'txsj', half: HALF });
    expect(second.publishedAt).toBe(first.publishedAt);
    expect(second.members).toEqual(first.members);
    expect(second.members.find((m: any) => m.name === '黄美玲').label).toBe('欠 2 个月 200.00元');
    expect((await h.db.collection('committeeDues').where({ compoundId: 'txsj' }).count()).total).toBe(1);
    for (const who of ['txsj-resident-3', 'txsj-resident-5', 'txsj-lead-3']) {
      const r = await h.as(who).ok('fees', 'fees.committeeDues', { compoundId: 'txsj', half: HALF });
      expect(r).toMatchObject({ source: 'published', members: first.members });
    }
    expect(
      (await h.as('txsj-resident-3').ok('fees', 'fees.committeeDues', { compoundId: 'txsj', half: HALF })).halves.find(
        (x: any) => x.half === HALF,
      ),
    ).toMatchObject({ published: true });
  });

  it("another compound's people, staff without a home and new users see nothing", async () => {
    for (const who of ['yjlt-committee', 'yjlt-resident-5', 'txsj-staff', 'demo-new-dues']) {
      expect([who, await h.as(who).call('fees', 'fees.committeeDues', { compoundId: 'txsj', half: HALF })]).toEqual([
        who,
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      ]);
    }
    // 御家兰庭's own list: its committee member has a home but no bills in that half.
    const y = await h.as('yjlt-committee').ok('fees', 'fees.committeeDues', { compoundId: 'yjlt', half: HALF });
    expect(y.members).toEqual([expect.objectContaining({ name: '吴丽华', state: 'noBills', label: '无账单' })]);
  });
});

// ------------------------------------------------------------------ matrix and bad input

const IDENTITIES = [
  '',
  'demo-new-matrix',
  'txsj-resident-3',
  'txsj-resident-5',
  'txsj-lead-3',
  'txsj-committee',
  'txsj-secretary',
  'txsj-manager',
  'txsj-staff',
  'txsj-bookkeeper',
  'community-admin',
  'yjlt-committee',
] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');
const READERS = [
  'txsj-resident-3',
  'txsj-resident-5',
  'txsj-lead-3',
  'txsj-committee',
  'txsj-secretary',
  'txsj-manager',
  'txsj-bookkeeper',
  'community-admin',
];
const ENDED = lastEndedHalf(PERIOD);

type Spec = ActionSpec;
const MATRIX: Record<keyof typeof DUES_ACTIONS, Spec> = {
  'fees.remindPreview': {
    allowed: ['txsj-committee', 'txsj-manager', 'txsj-bookkeeper'],
    payload: async () => ({ compoundId: 'txsj', buildingId: 'txsj-b7' }),
  },
  'fees.remind': {
    allowed: ['txsj-committee', 'txsj-manager', 'txsj-bookkeeper'],
    payload: async () => ({ clientRequestId: newRequestId(), compoundId: 'txsj', buildingId: 'txsj-b7' }),
  },
  'fees.subscribe': { allowed: SIGNED_IN, payload: async () => ({ templateId: BILL_TEMPLATE_ID, accepted: false }) },
  'fees.committeeDues': { allowed: READERS, payload: async () => ({ compoundId: 'txsj', half: ENDED }) },
  'fees.publishCommitteeDues': {
    allowed: ['txsj-committee'],
    payload: async () => ({ clientRequestId: newRequestId(), compoundId: 'txsj', half: ENDED }),
  },
};

describe('authorization matrix: every DUES action × every identity', () => {
  it('covers every action of DUES_ACTIONS', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(DUES_ACTIONS).sort());
  });
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      await expectAuthorization(h, 'fees', action, spec, IDENTITIES);
    });
  }
});

const OPTIONAL_FIELDS = new Set(['fees.remindPreview:buildingId', 'fees.remind:buildingId', 'fees.publishCommitteeDues:clientRequestId']);
const SPECIFIC = (): Record<string, Record<string, unknown>[]> => ({
  'fees.subscribe': [
    { templateId: NOTICE_TEMPLATE_ID, accepted: true },
    { templateId: 'x', accepted: true },
  ],
  'fees.committeeDues': [
    { compoundId: 'txsj', half: '2026H3' },
    { compoundId: 'txsj', half: '2026-H1' },
    { compoundId: 'txsj', half: '2026-06' },
  ],
  'fees.publishCommitteeDues': [
    { compoundId: 'txsj', half: halfOf(PERIOD) },
    { compoundId: 'txsj', half: '2099H1' },
    { compoundId: 'txsj', half: '2026h1' },
    { clientRequestId: 'short', compoundId: 'txsj', half: ENDED },
  ],
  'fees.remind': [{ clientRequestId: 'bad id!', compoundId: 'txsj' }],
});

describe('bad input: BAD_REQUEST with a Chinese message, and nothing written', () => {
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      const valid = await spec.payload();
      const who = spec.allowed.includes('txsj-committee') ? 'txsj-committee' : spec.allowed[0];
      await expectBadInputRefused(h, 'fees', action, who, valid, { optional: OPTIONAL_FIELDS, rules: SPECIFIC()[action] });
    });
  }
});

// ------------------------------------------------------------------ the demo

describe('the demo (fees seed)', () => {
  let d: Harness;
  let counts: Record<string, number>;
  beforeAll(async () => {
    d = await createHarness({ fees: fees as any, payCallback: payCallback as any });
    counts = await feesSeed.write(d.db, d.seed, new Date());
  }, 120_000);
  afterAll(() => d.close());

  it('grants for some people in arrears: 一键提醒 reaches some, others are told in person; 郑海涛 gets the message', async () => {
    expect(counts.billGrants).toBeGreaterThan(20);
    expect(counts.committeeDues).toBe(2);
    const p = await d.as('txsj-committee').ok('fees', 'fees.remindPreview', { compoundId: 'txsj', buildingId: 'txsj-b5' });
    expect(p.withGrant).toBeGreaterThan(0);
    expect(p.tellInPerson).toBeGreaterThan(0);
    d.emu.outbox.clear();
    const job = await d
      .as('txsj-committee')
      .ok('fees', 'fees.remind', { clientRequestId: newRequestId(), compoundId: 'txsj', buildingId: 'txsj-b5' });
    expect(job.done).toBe(p.withGrant);
    const to = d.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload.touser);
    expect(to).toContain('demo-txsj-resident-5');
    expect(to.length).toBe(p.withGrant);
  });

  it('the last ended half-year is published for both compounds; residents read it', async () => {
    for (const [who, c, names] of [
      ['txsj-resident-3', 'txsj', ['林国栋', '黄美玲']],
      ['yjlt-resident-5', 'yjlt', ['吴丽华']],
    ] as const) {
      const v = await d.as(who).ok('fees', 'fees.committeeDues', { compoundId: c, half: ENDED });
      expect(v).toMatchObject({ source: 'published', published: true });
      expect(v.members.map((m: any) => m.name).sort()).toEqual([...names].sort());
      for (const m of v.members) expect(m).toMatchObject({ state: 'paid', label: '已缴清' });
      expect(v.members.every((m: any) => m.homes.length === 1)).toBe(true);
    }
  });
});
