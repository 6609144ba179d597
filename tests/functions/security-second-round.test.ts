/**
 * The second security review (issue 17): five attacks that still succeeded, each
 * performed here and refused, with nothing written (or, for the killed import, with
 * nothing a reader could see disagree).
 */
import ExcelJS from 'exceljs';
import { main as accounts } from '../../cloudfunctions/accounts';
import { main as activities } from '../../cloudfunctions/activities';
import { main as fees } from '../../cloudfunctions/fees';
import { main as notices } from '../../cloudfunctions/notices';
import { main as payCallback } from '../../cloudfunctions/payCallback';
import { jobs, work } from '../../cloudfunctions/_shared/jobs';
import { addMonths } from '../../core/fees/rules';
import { maskNameEnds } from '../../core/platform/mask';
import { periodOf } from '../../core/platform/time';
import { createHarness, newRequestId, type Harness } from '../support/harness';
import { killable, workerCtx } from '../support/killable';
import { AFTER_PERIOD, at } from './fees-setup';

jest.setTimeout(120_000);

const PERIOD = periodOf(new Date());
const LAST = addMonths(PERIOD, -1);
let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    accounts: accounts as any,
    notices: notices as any,
    fees: fees as any,
    payCallback: payCallback as any,
    activities: activities as any,
  });
});
afterAll(() => h.close());

/** Run `fn`; the database must not have been written. */
async function noWrites<T>(fn: () => Promise<T>): Promise<T> {
  const before = await h.snapshot();
  const { result, writes } = await h.emu.measure(fn);
  expect(writes).toBe(0);
  expect(await h.snapshot()).toBe(before);
  return result;
}
const refused = (...codes: string[]) =>
  expect.objectContaining({
    ok: false,
    error: expect.objectContaining({ code: expect.stringMatching(new RegExp(`^(${codes.join('|')})$`)) }),
  });

describe('1. a revoked lead keeps following up', () => {
  it('after the branch revokes the role, the former lead’s unreadHomes, summary and reminder on her own notice are refused', async () => {
    const lead = h.as('txsj-lead-5');
    const n = await lead.ok('notices', 'notices.post', {
      clientRequestId: newRequestId(),
      audience: { kind: 'buildings', buildingIds: ['txsj-b5'] },
      title: '5栋电梯检修',
      body: '周六上午电梯停用。',
      category: '通知',
    });
    expect((await lead.ok('notices', 'notices.unreadHomes', { noticeId: n.id, buildingId: 'txsj-b5' })).items.length).toBeGreaterThan(0);
    await h.as('txsj-secretary').ok('accounts', 'roles.revoke', { roleId: 'r-txsj-lead-5-buildingLead' });

    expect(await noWrites(() => lead.call('notices', 'notices.unreadHomes', { noticeId: n.id, buildingId: 'txsj-b5' }))).toEqual(
      refused('FORBIDDEN', 'NOT_FOUND'),
    );
    expect(await noWrites(() => lead.call('notices', 'notices.summary', { noticeId: n.id }))).toEqual(refused('FORBIDDEN', 'NOT_FOUND'));
    expect(await noWrites(() => lead.call('notices', 'notices.markTold', { noticeId: n.id, homeId: 'txsj-b5_1_101' }))).toEqual(
      refused('FORBIDDEN', 'NOT_FOUND'),
    );
    // The notice itself she may still open (she wrote it), but not as someone who follows it up.
    expect((await lead.ok('notices', 'notices.open', { noticeId: n.id })).canTrack).toBe(false);
  });
});

describe('2. an approver sees the register’s owner name', () => {
  it('the building lead sees 与登记业主一致/不一致 and the name masked; the committee, which keeps the register, sees it in full', async () => {
    const home = (await h.db.collection('homes').where({ _id: 'txsj-b3_2_1101' }).get()).data[0];
    const owner: string = home.registeredOwners[0].name;
    const wrong = await h
      .as('demo-new-claimant')
      .ok('accounts', 'binding.request', { clientRequestId: newRequestId(), homeId: home._id, relation: 'owner', name: '冒名者' });
    const right = await h
      .as('demo-new-owner')
      .ok('accounts', 'binding.request', { clientRequestId: newRequestId(), homeId: home._id, relation: 'owner', name: owner });

    const leadView = await noWrites(() => h.as('txsj-lead-3').ok('accounts', 'binding.pending', { size: 50 }));
    const byLead = (id: string) => leadView.items.find((r: any) => r.id === id);
    expect(byLead(wrong.id)).toMatchObject({ registerMatch: 'mismatch', registeredOwners: [maskNameEnds(owner)] });
    expect(byLead(right.id)).toMatchObject({ registerMatch: 'match', registeredOwners: [maskNameEnds(owner)] });
    expect(JSON.stringify(byLead(wrong.id))).not.toContain(owner);
    expect(maskNameEnds('于德东')).toBe('于*东');

    const committeeView = await h.as('txsj-committee').ok('accounts', 'binding.pending', { size: 50 });
    expect(committeeView.items.find((r: any) => r.id === wrong.id)).toMatchObject({ registerMatch: 'mismatch', registeredOwners: [owner] });
    // The applicant never sees the register.
    const mine = await h.as('demo-new-claimant').ok('accounts', 'me.get', {});
    expect(mine.pendingRequests[0]).toMatchObject({ registeredOwners: [] });
    expect(mine.pendingRequests[0].registerMatch).toBeUndefined();
    // Deciding answers in the decider's view too.
    expect(await h.as('txsj-lead-3').ok('accounts', 'binding.decide', { requestId: right.id, approve: true })).toMatchObject({
      status: 'approved',
      registeredOwners: [maskNameEnds(owner)],
    });
  });
});

describe('3. a killed roster import leaves the register inconsistent', () => {
  async function upload(rows: (string | number)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['楼栋', '单元', '房号', '类型', '面积(㎡)', '电梯', '业主姓名', '手机号']);
    for (const r of rows) ws.addRow(r);
    const openid = h.as('txsj-committee').openid;
    const fileContent = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await h.emu.runAs({ openid }, () =>
      h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/imports/kill-${newRequestId()}.xlsx`, fileContent }),
    );
    return up.fileID as string;
  }
  async function facts() {
    const homes: any[] = [];
    for (let skip = 0; ; skip += 1000) {
      const page = (await h.db.collection('homes').where({ buildingId: 'txsj-b8' }).orderBy('_id', 'asc').skip(skip).limit(1000).get())
        .data;
      homes.push(...page);
      if (page.length < 1000) break;
    }
    const b = (await h.db.collection('buildings').where({ _id: 'txsj-b8' }).get()).data[0];
    const units = [...new Set(homes.map((x) => x.unit).filter(Boolean))].sort((a, z) => a.localeCompare(z, 'en', { numeric: true }));
    return { stored: { homeCount: b.homeCount, units: b.units }, derived: { homeCount: homes.length, units } };
  }

  it('kill -9 in the middle of a 600-row import into 8栋 (new unit 9): every read in between sees counts that agree with the homes; the timer finishes it', async () => {
    const rows: (string | number)[][] = [];
    for (let f = 1; f <= 150; f++)
      for (let r = 1; r <= 4; r++) rows.push(['8栋', '9', `${f}0${r}`, '住宅', '88.5', '有', `业主${f}${r}`, '']);
    const before = await facts();
    expect(before.stored).toEqual(before.derived);
    expect(before.stored.units).not.toContain('9');

    // The import is queued and its first batch run by a worker that dies at its 170th home write (inside a transaction).
    const committee = h.as('txsj-committee');
    const started = await committee.ok('accounts', 'roster.import', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      fileID: await upload(rows),
      dryRun: true,
    });
    expect(started).toMatchObject({ created: 600, errorCount: 0 });
    const queued = await committee.ok('accounts', 'roster.import', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      fileID: await upload(rows),
    });
    let mid = await facts();
    expect(mid.stored).toEqual(mid.derived);
    expect(mid.derived.homeCount).toBe(before.derived.homeCount + 200); // the kick ran one batch of 200
    let sets = 0;
    const dying = killable(h.db, (m) => m === 'set' && ++sets === 170 && dying.kill());
    await work(workerCtx(h.emu.sdk, dying.db), { jobId: queued.job.id, maxBatches: 1, leaseMs: 50 });
    expect(dying.dead).toBe(true);
    mid = await facts();
    expect(mid.stored).toEqual(mid.derived);
    // Whole transactions only: 200 from the kick, then the dead batch's chunks of 50 that committed before the kill.
    expect((mid.derived.homeCount - before.derived.homeCount) % 50).toBe(0);
    expect(mid.derived.homeCount - before.derived.homeCount).toBeLessThan(400);

    await new Promise((r) => setTimeout(r, 80)); // the dead worker's lease runs out
    expect(
      await h.emu.invoke(
        'accounts',
        { Type: 'Timer', TriggerName: 'jobs', Time: new Date().toISOString() },
        { openid: '', source: 'wx_trigger' },
      ),
    ).toMatchObject({ ok: true });
    await work(workerCtx(h.emu.sdk, h.db), { jobId: queued.job.id });
    expect(await jobs(h.db).get(queued.job.id)).toMatchObject({ status: 'done', done: 600, unknown: 0 });
    const after = await facts();
    expect(after.stored).toEqual(after.derived);
    expect(after.stored).toEqual({ homeCount: before.derived.homeCount + 600, units: [...before.derived.units, '9'] });
  });
});

describe('4. ledger.linkNotice accepts any notice id', () => {
  beforeAll(async () => {
    await h.as('txsj-committee').ok('fees', 'ledger.close', { compoundId: 'txsj', period: LAST });
    // This month closes once it has ended (the day after).
    await at(AFTER_PERIOD, async () => {
      await h.as('txsj-committee').ok('fees', 'ledger.close', { compoundId: 'txsj', period: PERIOD });
      await h.as('txsj-committee').ok('fees', 'ledger.publish', { compoundId: 'txsj', period: PERIOD });
    });
  });
  const link = (compoundId: string, period: string) => ({ to: 'feeStatement', params: { compoundId, period }, label: '查看账目明细' });
  const postNotice = (who: string, compoundId: string, extra: Record<string, unknown>) =>
    h.as(who).ok('notices', 'notices.post', {
      clientRequestId: newRequestId(),
      audience: { kind: 'compounds', compoundIds: [compoundId] },
      title: '财务公示',
      body: '本月收支',
      category: '财务公示',
      ...extra,
    });

  it('a made-up id, another compound’s 财务公示, another month’s, a plain notice or a building notice: refused, nothing written; the real one links; a wrong link is replaced with the change recorded', async () => {
    const committee = h.as('txsj-committee');
    const other = await postNotice('yjlt-committee', 'yjlt', { link: link('yjlt', PERIOD) });
    const lastMonth = await postNotice('txsj-committee', 'txsj', { link: link('txsj', LAST) });
    const plain = await postNotice('txsj-committee', 'txsj', { category: '通知', link: link('txsj', PERIOD) });
    const building = await h.as('txsj-committee').ok('notices', 'notices.post', {
      clientRequestId: newRequestId(),
      audience: { kind: 'buildings', buildingIds: ['txsj-b3'] },
      title: '财务公示',
      body: '本月收支',
      category: '财务公示',
      link: link('txsj', PERIOD),
    });
    for (const noticeId of ['n-made-up', other.id, lastMonth.id, plain.id, building.id]) {
      const r = await noWrites(() => committee.call('fees', 'ledger.linkNotice', { compoundId: 'txsj', period: PERIOD, noticeId }));
      expect([noticeId, r]).toEqual([noticeId, refused('BAD_REQUEST')]);
    }
    const real = await postNotice('txsj-committee', 'txsj', { link: link('txsj', PERIOD) });
    expect(
      (await committee.ok('fees', 'ledger.linkNotice', { compoundId: 'txsj', period: PERIOD, noticeId: real.id })).notice,
    ).toMatchObject({ id: real.id });

    // A link recorded before this check (a made-up id): the committee is told and replaces it.
    await h.db
      .collection('statements')
      .doc(`txsj_${PERIOD}`)
      .update({ data: { notice: { id: 'n-made-up', by: 'p-x', at: new Date() } } });
    const st = await committee.ok('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD });
    expect(st.notice).toMatchObject({ id: 'n-made-up', problem: '找不到该通知' });
    expect(st.noticeDraft).toBeDefined();
    // Without replace the first stays; with it, replaced and recorded; nobody else may.
    expect((await committee.ok('fees', 'ledger.linkNotice', { compoundId: 'txsj', period: PERIOD, noticeId: real.id })).notice.id).toBe(
      'n-made-up',
    );
    expect(
      await noWrites(() =>
        h.as('txsj-bookkeeper').call('fees', 'ledger.linkNotice', { compoundId: 'txsj', period: PERIOD, noticeId: real.id, replace: true }),
      ),
    ).toEqual(refused('FORBIDDEN', 'NOT_FOUND'));
    const fixed = await committee.ok('fees', 'ledger.linkNotice', { compoundId: 'txsj', period: PERIOD, noticeId: real.id, replace: true });
    expect(fixed.notice).toEqual({ id: real.id, at: expect.any(String) });
    expect(fixed.noticeChanges).toEqual([{ from: 'n-made-up', to: real.id, at: expect.any(String) }]);
    const doc = (
      await h.db
        .collection('statements')
        .where({ _id: `txsj_${PERIOD}` })
        .get()
    ).data[0];
    expect(doc.noticeChanges).toEqual([expect.objectContaining({ from: 'n-made-up', to: real.id, by: 'p-txsj-committee' })]);
  });
});

describe('5. hours before the activity starts', () => {
  it('checking in an hour early and out before the start credits nothing; the organiser sees why', async () => {
    const minute = 60_000;
    const hour = 60 * minute;
    const now = Date.now();
    const a = await h.as('txsj-lead-3').ok('activities', 'activities.create', {
      clientRequestId: newRequestId(),
      title: '楼道清洁',
      description: '清理楼道杂物。',
      place: '3栋大堂',
      audience: { kind: 'buildings', buildingIds: ['txsj-b3'] },
      capacity: 5,
      startAt: new Date(now + 2 * minute).toISOString(),
      endAt: new Date(now + 2 * minute + 2 * hour).toISOString(),
      deadline: new Date(now + minute).toISOString(),
    });
    const volunteer = h.as('txsj-resident-3');
    await volunteer.ok('activities', 'activities.signUp', { activityId: a.id });
    const before = (await volunteer.ok('activities', 'activities.hours', { scope: 'me' })).totalMinutes;
    const code = await h.as('txsj-lead-3').ok('activities', 'activities.checkinCode', { activityId: a.id });
    await volunteer.ok('activities', 'activities.checkIn', { activityId: a.id, code: code.code });
    // As if she checked in the moment check-in opened, an hour before the start, and leaves now, just before it.
    await h.db
      .collection('activitySignups')
      .doc(`${a.id}_p-txsj-resident-3`)
      .update({ data: { checkedInAt: new Date(now + 2 * minute - hour) } });
    const out = await volunteer.ok('activities', 'activities.checkOut', { activityId: a.id });
    const row = out.list.find((r: any) => r.personId === 'p-txsj-resident-3');
    expect(row.minutes).toBe(0);
    expect(row.creditNote).toBeUndefined(); // the volunteer's view has no organiser notes
    expect((await volunteer.ok('activities', 'activities.hours', { scope: 'me' })).totalMinutes).toBe(before);
    const organiser = await h.as('txsj-lead-3').ok('activities', 'activities.get', { activityId: a.id });
    expect(organiser.list.find((r: any) => r.personId === 'p-txsj-resident-3')).toMatchObject({
      minutes: 0,
      creditNote: expect.stringMatching(/^在场5[89]分钟，活动开始前的时间不计，按0分钟计$/),
    });
  });
});
