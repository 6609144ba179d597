/**
 * activities: eligibility (buildings, party members), the deadline, slots by role,
 * check-in/out with hours capped by the activity's length, corrections audited,
 * totals, help-request privacy; the authorization matrix (allowed identities
 * succeed) and bad input for every action, writing nothing.
 */
import { main as activities } from '../../cloudfunctions/activities';
import { main as notices } from '../../cloudfunctions/notices';
import { activitiesApi, ACTIVITY_TEMPLATE_ID } from '../../core/activities/contract';
import { NEIGHBOUR_SERVICE_PAGE } from '../../core/activities/rules';
import { expectAuthorization, expectBadInputRefused } from '../support/matrix';
import { createHarness, newRequestId, type Harness } from '../support/harness';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  // notices receives the console's wxa_media_check push and forwards activity photos' verdicts.
  h = await createHarness({ activities: activities as any, notices: notices as any });
});
afterAll(() => h.close());

const hour = 3_600_000;
function when(startInH = 48, lenH = 2, deadlineInH = 24) {
  const now = Date.now();
  return {
    startAt: new Date(now + startInH * hour).toISOString(),
    endAt: new Date(now + (startInH + lenH) * hour).toISOString(),
    deadline: new Date(now + deadlineInH * hour).toISOString(),
  };
}
const base = { title: '楼道清洁', description: '清理楼道杂物。', place: '3栋大堂' };
async function make(who: string, extra: Record<string, unknown>) {
  return h.as(who).ok('activities', 'activities.create', { clientRequestId: newRequestId(), ...base, ...when(), ...extra });
}
const B3 = { kind: 'buildings', buildingIds: ['txsj-b3'] };
const TXSJ = { kind: 'compound', compoundId: 'txsj' };

describe('flows', () => {
  it('a building activity: only its residents may join', async () => {
    const a = await make('txsj-lead-3', { audience: B3, capacity: 5 });
    expect(a.audienceLabel).toBe('天翔世家 3栋');
    expect((await h.as('txsj-resident-3').ok('activities', 'activities.signUp', { activityId: a.id })).mine.status).toBe('confirmed');
    expect(await h.as('txsj-resident-5').call('activities', 'activities.signUp', { activityId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ELIGIBLE', message: '本活动只面向指定楼栋的住户' },
    });
    expect(await h.as('yjlt-resident-5').call('activities', 'activities.signUp', { activityId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('text that fails the content check is refused and nothing is written', async () => {
    const before = await h.snapshot();
    expect(
      await h.as('txsj-secretary').call('activities', 'activities.create', {
        clientRequestId: newRequestId(),
        ...base,
        ...when(),
        description: '一起来赌博',
        audience: TXSJ,
        capacity: 5,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(
      await h
        .as('txsj-resident-3')
        .call('activities', 'help.ask', { clientRequestId: newRequestId(), kind: 'other', text: '违禁词', contact: '13800000003' }),
    ).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(await h.snapshot()).toBe(before);
  });

  it('party members only', async () => {
    const a = await make('txsj-secretary', { audience: TXSJ, partyOnly: true, capacity: 5 });
    expect(await h.as('txsj-resident-3').call('activities', 'activities.signUp', { activityId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ELIGIBLE', message: '本活动只面向党员' },
    });
    expect((await h.as('txsj-lead-5').ok('activities', 'activities.signUp', { activityId: a.id })).list[0]).toMatchObject({
      name: '张卫东',
      partyBadge: true,
    });
  });

  it('the organiser calls it off: everyone on the list is told once, nobody can join or check in, it stays listed as 已取消', async () => {
    const a = await make('txsj-secretary', { audience: TXSJ, capacity: 1 });
    await h.as('txsj-resident-3').ok('activities', 'activities.subscribe', { templateId: ACTIVITY_TEMPLATE_ID, accepted: true });
    await h.as('txsj-lead-5').ok('activities', 'activities.subscribe', { templateId: ACTIVITY_TEMPLATE_ID, accepted: true });
    await h.as('txsj-resident-3').ok('activities', 'activities.signUp', { activityId: a.id });
    await h.as('txsj-lead-5').ok('activities', 'activities.signUp', { activityId: a.id }); // waiting
    expect(
      await h.as('txsj-resident-3').call('activities', 'activities.cancelActivity', { activityId: a.id, reason: '下雨' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    h.emu.outbox.clear();
    const calls = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.as('txsj-secretary').call('activities', 'activities.cancelActivity', { activityId: a.id, reason: '明天大雨，改期另行通知' }),
      ),
    );
    expect(calls.every((c) => c.ok)).toBe(true);
    const d = (calls[0] as { ok: true; data: any }).data;
    expect(d).toMatchObject({
      cancelled: { reason: '明天大雨，改期另行通知', byName: expect.any(String) },
      canJoin: false,
      canCancelActivity: false,
    });
    const told = h.emu.outbox.list().filter((m: any) => m.kind === 'subscribeMessage.send' && m.payload.page.includes(a.id));
    expect(told.map((m: any) => m.payload.touser).sort()).toEqual(['demo-txsj-lead-5', 'demo-txsj-resident-3']);
    expect(JSON.stringify(told[0].payload.data)).toContain('活动已取消');
    expect(await h.as('txsj-resident-5').call('activities', 'activities.signUp', { activityId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'SIGNUP_CLOSED' },
    });
    expect((await h.as('txsj-resident-5').ok('activities', 'activities.get', { activityId: a.id })).joinProblem).toBe('活动已取消');
    expect(await h.as('txsj-secretary').call('activities', 'activities.checkinCode', { activityId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '活动已取消' },
    });
    const mine = await h.as('txsj-resident-3').ok('activities', 'activities.list', { box: 'mine' });
    expect(mine.items.find((i: any) => i.id === a.id)).toMatchObject({ cancelled: { reason: '明天大雨，改期另行通知' } });
    expect((await h.as('txsj-resident-5').ok('activities', 'activities.list', { box: 'open' })).items.map((i: any) => i.id)).not.toContain(
      a.id,
    );
  });

  it("photos go through WeChat's image check: others see them once passed, never a risky one; the organiser sees what is being checked", async () => {
    const up = async (name: string) => {
      const openid = h.as('txsj-secretary').openid;
      const r = (await h.emu.runAs({ openid, source: 'wx_client' }, () =>
        h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/activities/${name}`, fileContent: Buffer.from('\x89PNG demo') }),
      )) as { fileID: string };
      return r.fileID;
    };
    const ok = await up('poster.png');
    const bad = await up('risky-poster.png'); // the sandbox judges a URL with "risky" in it risky
    const a = await make('txsj-secretary', { audience: TXSJ, capacity: 5, images: [ok, bad] });
    expect(a).toMatchObject({ imagesChecking: 2 });
    expect(a.images.map((i: any) => i.fileID)).toEqual([ok, bad]); // the organiser sees what is being checked
    expect((await h.as('txsj-resident-3').ok('activities', 'activities.get', { activityId: a.id })).images).toEqual([]);
    await h.emu.deliverMediaChecks();
    const seen = await h.as('txsj-resident-3').ok('activities', 'activities.get', { activityId: a.id });
    expect(seen.images.map((i: any) => i.fileID)).toEqual([ok]);
    expect(seen.images[0].url).not.toBe('');
    const mine = await h.as('txsj-secretary').ok('activities', 'activities.get', { activityId: a.id });
    expect(mine).toMatchObject({ imagesRefused: 1 });
    expect(mine.images.map((i: any) => i.fileID)).toEqual([ok]);
    // Someone else's upload is refused before anything is checked or written.
    const before = await h.snapshot();
    expect(
      await h.as('txsj-lead-3').call('activities', 'activities.create', {
        clientRequestId: newRequestId(),
        ...base,
        ...when(),
        audience: B3,
        capacity: 5,
        images: [ok],
      }),
    ).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    expect(await h.snapshot()).toBe(before);
  });

  it('an activity that has started cannot be called off', async () => {
    const a = await make('txsj-secretary', { audience: TXSJ, capacity: 5, ...when(0.5, 2, 0.25) });
    await h.db
      .collection('activities')
      .doc(a.id)
      .update({ data: { startAt: new Date(Date.now() - 1000) } });
    const before = await h.snapshot();
    expect(
      await h.as('txsj-secretary').call('activities', 'activities.cancelActivity', { activityId: a.id, reason: '太晚了' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '活动已开始，不能取消' } });
    expect(await h.snapshot()).toBe(before);
  });

  it('the deadline closes sign-up and cancelling', async () => {
    const a = await make('txsj-secretary', { audience: TXSJ, capacity: 5 });
    await h.as('txsj-resident-3').ok('activities', 'activities.signUp', { activityId: a.id });
    await h.db
      .collection('activities')
      .doc(a.id)
      .update({ data: { deadline: new Date(Date.now() - 1000) } });
    expect(await h.as('txsj-resident-5').call('activities', 'activities.signUp', { activityId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'SIGNUP_CLOSED' },
    });
    expect(await h.as('txsj-resident-3').call('activities', 'activities.cancel', { activityId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'SIGNUP_CLOSED' },
    });
  });

  it('slots by role: each fills on its own, then waits', async () => {
    const a = await make('txsj-committee', {
      audience: TXSJ,
      slots: [
        { name: '文明劝导员', capacity: 1 },
        { name: '义诊医生', capacity: 2 },
      ],
    });
    expect(a.capacity).toBe(3);
    expect(await h.as('txsj-resident-3').call('activities', 'activities.signUp', { activityId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect((await h.as('txsj-resident-3').ok('activities', 'activities.signUp', { activityId: a.id, slotKey: 's1' })).mine).toEqual({
      status: 'confirmed',
      slotKey: 's1',
      position: 1,
    });
    expect((await h.as('txsj-resident-5').ok('activities', 'activities.signUp', { activityId: a.id, slotKey: 's1' })).mine).toEqual({
      status: 'waitlisted',
      slotKey: 's1',
      position: 1,
    });
    const d = await h.as('txsj-resident-3b').ok('activities', 'activities.signUp', { activityId: a.id, slotKey: 's2' });
    expect(d.mine.status).toBe('confirmed');
    expect(d.slots.map((s: any) => [s.name, s.confirmed, s.waiting, s.left])).toEqual([
      ['文明劝导员', 1, 1, 0],
      ['义诊医生', 1, 0, 1],
    ]);
    expect(await h.as('txsj-resident-3').call('activities', 'activities.signUp', { activityId: a.id, slotKey: 's1' })).toMatchObject({
      ok: true,
      data: { mine: { slotKey: 's1', position: 1 } },
    }); // already on the list: nothing changes
  });

  it('check-in by code, check-out; hours capped by the length; correction audited; totals', async () => {
    const a = await make('txsj-lead-3', { audience: B3, capacity: 5, ...when(0.5, 2, 0.25) });
    await h.as('txsj-resident-3').ok('activities', 'activities.signUp', { activityId: a.id });
    await h.as('txsj-resident-3b').ok('activities', 'activities.signUp', { activityId: a.id });
    const code = await h.as('txsj-lead-3').ok('activities', 'activities.checkinCode', { activityId: a.id });
    // The emulator knows the released pages (as production does), so the code is a mini-program code.
    expect(code).toMatchObject({ kind: 'wxacode', code: expect.stringMatching(/^[A-Z2-9]{8}$/), imageUrl: expect.any(String) });
    expect(await h.as('txsj-resident-3').call('activities', 'activities.checkIn', { activityId: a.id, code: 'WRONG123' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect((await h.as('txsj-resident-3').ok('activities', 'activities.checkIn', { activityId: a.id, code: code.code })).canCheckOut).toBe(
      true,
    );
    // Pretend the check-in was 5 hours ago and the activity ran from 2½ to ½ hours ago: it credits its 2 hours.
    const p3 = 'p-txsj-resident-3';
    await h.db
      .collection('activitySignups')
      .doc(`${a.id}_${p3}`)
      .update({ data: { checkedInAt: new Date(Date.now() - 5 * hour) } });
    await h.db
      .collection('activities')
      .doc(a.id)
      .update({ data: { startAt: new Date(Date.now() - 2.5 * hour), endAt: new Date(Date.now() - 0.5 * hour) } });
    const out = await h.as('txsj-resident-3').ok('activities', 'activities.checkOut', { activityId: a.id });
    expect(out.list.find((r: any) => r.personId === p3).minutes).toBe(120);
    // The organiser ticks the other one.
    await h.as('txsj-lead-3').ok('activities', 'activities.mark', { activityId: a.id, personId: 'p-txsj-resident-3b', what: 'in' });
    await h.as('txsj-lead-3').ok('activities', 'activities.mark', { activityId: a.id, personId: 'p-txsj-resident-3b', what: 'out' });
    // Correction: with a reason, audited; more than the length refused; not one's own.
    expect(
      await h
        .as('txsj-lead-3')
        .call('activities', 'activities.correctHours', { activityId: a.id, personId: p3, minutes: 121, reason: '多算' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const fixed = await h
      .as('txsj-lead-3')
      .ok('activities', 'activities.correctHours', { activityId: a.id, personId: p3, minutes: 90, reason: '提前半小时离开' });
    expect(fixed.list.find((r: any) => r.personId === p3)).toMatchObject({ minutes: 90, corrected: true });
    const audit = (await h.db.collection('hourCorrections').where({ activityId: a.id }).get()).data;
    expect(audit).toEqual([
      expect.objectContaining({ personId: p3, by: 'p-txsj-lead-3', byName: '李秀英', before: 120, after: 90, reason: '提前半小时离开' }),
    ]);
    expect(
      await h
        .as('txsj-resident-3')
        .call('activities', 'activities.correctHours', { activityId: a.id, personId: p3, minutes: 120, reason: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const mine = await h.as('txsj-resident-3').ok('activities', 'activities.hours', { scope: 'me' });
    expect(mine.totalMinutes).toBe(90);
    expect(mine.items[0]).toMatchObject({ title: '楼道清洁', minutes: 90, corrected: true });
    const b3 = await h.as('txsj-resident-3').ok('activities', 'activities.hours', { scope: 'building', buildingId: 'txsj-b3' });
    expect(b3.totalMinutes).toBeGreaterThanOrEqual(90);
    expect(
      await h.as('yjlt-resident-5').call('activities', 'activities.hours', { scope: 'building', buildingId: 'txsj-b3' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const exp = await h.as('txsj-lead-3').ok('activities', 'activities.export', { activityId: a.id });
    expect(exp.fileName).toMatch(/楼道清洁-报名名单-.*\.xlsx$/);
  });

  it('the reminder timer messages confirmed volunteers of tomorrow’s activities once', async () => {
    const a = await make('txsj-secretary', { audience: TXSJ, capacity: 5, ...when(24, 2, 12) });
    await h.as('txsj-resident-5').ok('activities', 'activities.subscribe', { templateId: ACTIVITY_TEMPLATE_ID, accepted: true });
    await h.as('txsj-resident-5').ok('activities', 'activities.signUp', { activityId: a.id });
    h.emu.outbox.clear();
    const fire = () =>
      h.as('txsj-resident-5').raw('activities', { Type: 'Timer', TriggerName: 'remind', Time: new Date().toISOString(), Message: '' });
    const r1 = (await h.emu.invoke('activities', { Type: 'Timer', TriggerName: 'remind', Time: new Date().toISOString(), Message: '' }, {
      openid: '',
      source: 'wx_trigger',
    } as any)) as any;
    expect(r1.ok).toBe(true);
    await h.emu.invoke('activities', { Type: 'Timer', TriggerName: 'remind', Time: new Date().toISOString(), Message: '' }, {
      openid: '',
      source: 'wx_trigger',
    } as any);
    const sent = h.emu.outbox.list().filter((m: any) => m.kind === 'subscribeMessage.send' && m.payload.page.includes(a.id));
    expect(sent.map((m: any) => m.payload.touser)).toEqual(['demo-txsj-resident-5']);
    // A client cannot fire the timer.
    expect(await fire()).toMatchObject({ ok: false });
  });
});

describe('neighbour service: privacy', () => {
  it('a request reaches the matching team only; contacts only to the requester and the taker', async () => {
    await h
      .as('txsj-resident-5')
      .ok('activities', 'service.register', { skills: ['doctor'], availability: '周末上午', phone: '13900000005' });
    await h.as('txsj-lead-5').ok('activities', 'service.register', { skills: ['doctor', 'teacher'], availability: '晚上' });
    await h.as('txsj-resident-3b').ok('activities', 'service.register', { skills: ['lawyer'], availability: '工作日晚上' });
    const team = await h.as('txsj-secretary').ok('activities', 'service.saveTeam', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      name: '邻里医生队',
      skill: 'doctor',
      memberIds: ['p-txsj-resident-5', 'p-txsj-lead-5'],
    });
    await h.as('txsj-secretary').ok('activities', 'service.saveTeam', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      name: '法律顾问队',
      skill: 'lawyer',
      memberIds: ['p-txsj-resident-3b'],
    });
    expect(
      await h.as('txsj-secretary').call('activities', 'service.saveTeam', {
        clientRequestId: newRequestId(),
        compoundId: 'txsj',
        name: '错队',
        skill: 'lawyer',
        memberIds: ['p-txsj-resident-5'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // The doctor team's members who granted a message are told (not the lawyer, not the asker); a retry tells nobody again.
    await h.as('txsj-lead-5').ok('activities', 'activities.subscribe', { templateId: ACTIVITY_TEMPLATE_ID, accepted: true });
    await h.as('txsj-lead-5').ok('activities', 'activities.subscribe', { templateId: ACTIVITY_TEMPLATE_ID, accepted: true });
    await h.as('txsj-resident-3b').ok('activities', 'activities.subscribe', { templateId: ACTIVITY_TEMPLATE_ID, accepted: true });
    h.emu.outbox.clear();
    const askInput = { clientRequestId: newRequestId(), kind: 'medical', text: '老伴血压高，头晕，想问问怎么办', contact: '13800000003' };
    const ask = await h.as('txsj-resident-3').ok('activities', 'help.ask', askInput);
    await h.as('txsj-resident-3').ok('activities', 'help.ask', askInput);
    const told = h.emu.outbox.list().filter((m: any) => m.kind === 'subscribeMessage.send');
    expect(told.map((m: any) => m.payload.touser)).toEqual(['demo-txsj-lead-5']);
    expect(told[0].payload.page).toBe(NEIGHBOUR_SERVICE_PAGE);
    expect(JSON.stringify(told[0].payload.data)).not.toMatch(/陈|13800000003|血压/);
    expect(ask.contact).toBe('13800000003');
    // The doctor team sees it without the contact; the lawyer does not see it at all.
    const seen = await h.as('txsj-resident-5').ok('activities', 'help.list', { box: 'team' });
    expect(seen.items).toEqual([expect.objectContaining({ id: ask.id, requesterName: '陈**', canTake: true })]);
    expect(seen.items[0].contact).toBeUndefined();
    expect((await h.as('txsj-resident-3b').ok('activities', 'help.list', { box: 'team' })).items).toEqual([]);
    for (const who of ['txsj-resident-3b', 'txsj-secretary', 'txsj-committee']) {
      expect([who, await h.as(who).call('activities', 'help.take', { requestId: ask.id })]).toEqual([
        who,
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      ]);
    }
    const taken = await h.as('txsj-resident-5').ok('activities', 'help.take', { requestId: ask.id });
    expect(taken).toMatchObject({ status: 'taken', contact: '13800000003', requesterName: '陈阿婆' });
    expect(await h.as('txsj-lead-5').call('activities', 'help.take', { requestId: ask.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const other = (await h.as('txsj-lead-5').ok('activities', 'help.list', { box: 'team' })).items[0];
    expect(other.contact).toBeUndefined();
    expect((await h.as('txsj-resident-3').ok('activities', 'help.list', { box: 'mine' })).items[0]).toMatchObject({
      takerName: '郑海涛',
      takerContact: '13900000005',
    });
    expect(await h.as('txsj-resident-5').call('activities', 'help.close', { requestId: ask.id, thanks: '谢谢' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.as('txsj-resident-3').ok('activities', 'help.close', { requestId: ask.id, thanks: '谢谢郑医生！' })).toMatchObject({
      status: 'closed',
      thanks: '谢谢郑医生！',
    });
    expect(team.members).toHaveLength(2);
  });
});

// ------------------------------------------------------------------ matrix
const IDENTITIES = [
  '',
  'demo-new-matrix',
  'txsj-resident-3',
  'txsj-resident-5',
  'txsj-lead-3',
  'txsj-lead-5',
  'txsj-committee',
  'txsj-secretary',
  'txsj-manager',
  'txsj-staff',
  'community-admin',
  'yjlt-committee',
] as const;
const SIGNED_IN = IDENTITIES.filter((i) => i !== '');
const B3_ORGANISERS = ['txsj-lead-3', 'txsj-committee', 'txsj-secretary', 'txsj-manager'];
const B3_RESIDENTS = ['txsj-resident-3', 'txsj-lead-3'];
/** Everyone with a home in 天翔世家. */
const TXSJ_RESIDENTS = ['txsj-resident-3', 'txsj-resident-5', 'txsj-lead-3', 'txsj-lead-5', 'txsj-committee', 'txsj-secretary'];
const TXSJ_SEE = [...TXSJ_RESIDENTS, 'txsj-manager'];
let b3 = '';
let started = '';
async function fresh(extra: Record<string, unknown> = {}) {
  return (await make('txsj-lead-3', { audience: B3, capacity: 50, ...extra })).id as string;
}
async function startedWith(...who: string[]) {
  const id = await fresh(when(0.5, 2, 0.25));
  for (const w of who) await h.as(w).ok('activities', 'activities.signUp', { activityId: id });
  return id;
}
let helpId = '';
type Spec = { allowed: readonly string[]; payload: (who: string) => Promise<Record<string, unknown>> };
const MATRIX: Record<keyof (typeof activitiesApi)['actions'], Spec> = {
  'activities.create': {
    allowed: B3_ORGANISERS,
    payload: async () => ({ clientRequestId: newRequestId(), ...base, ...when(), audience: B3, capacity: 5 }),
  },
  'activities.list': { allowed: SIGNED_IN, payload: async () => ({ box: 'open', size: 5 }) },
  'activities.home': { allowed: SIGNED_IN, payload: async () => ({}) },
  'activities.get': { allowed: TXSJ_SEE, payload: async () => ({ activityId: b3 }) },
  'activities.signUp': { allowed: B3_RESIDENTS, payload: async () => ({ activityId: await fresh() }) },
  'activities.cancel': {
    allowed: B3_RESIDENTS,
    payload: async (who) => ({ activityId: B3_RESIDENTS.includes(who) ? await startedWith(who) : b3 }),
  },
  'activities.cancelActivity': { allowed: B3_ORGANISERS, payload: async () => ({ activityId: await fresh(), reason: '下雨，改期' }) },
  'activities.checkinCode': { allowed: B3_ORGANISERS, payload: async () => ({ activityId: b3 }) },
  'activities.checkIn': {
    allowed: B3_RESIDENTS,
    payload: async (who) => {
      const id = B3_RESIDENTS.includes(who) ? await startedWith(who) : started;
      return { activityId: id, code: (await h.as('txsj-secretary').ok('activities', 'activities.checkinCode', { activityId: id })).code };
    },
  },
  'activities.checkOut': {
    allowed: B3_RESIDENTS,
    payload: async (who) => {
      if (!B3_RESIDENTS.includes(who)) return { activityId: started };
      const id = await startedWith(who);
      await h.as('txsj-secretary').ok('activities', 'activities.mark', { activityId: id, personId: `p-${who}`, what: 'in' });
      return { activityId: id };
    },
  },
  'activities.mark': {
    allowed: B3_ORGANISERS,
    payload: async () => ({ activityId: await startedWith('txsj-resident-3'), personId: 'p-txsj-resident-3', what: 'in' }),
  },
  'activities.correctHours': {
    allowed: B3_ORGANISERS,
    payload: async () => ({ activityId: await startedWith('txsj-resident-3'), personId: 'p-txsj-resident-3', minutes: 60, reason: '补记' }),
  },
  'activities.export': { allowed: B3_ORGANISERS, payload: async () => ({ activityId: b3 }) },
  'activities.hours': { allowed: SIGNED_IN.filter((w) => w !== 'demo-new-matrix'), payload: async () => ({ scope: 'me' }) },
  'activities.hoursPage': { allowed: SIGNED_IN.filter((w) => w !== 'demo-new-matrix'), payload: async () => ({}) },
  'activities.ranking': { allowed: [...TXSJ_SEE, 'txsj-staff'], payload: async () => ({ compoundId: 'txsj' }) },
  'activities.subscribe': { allowed: SIGNED_IN, payload: async () => ({ templateId: ACTIVITY_TEMPLATE_ID, accepted: true }) },
  'service.register': {
    allowed: [...TXSJ_RESIDENTS, 'yjlt-committee'],
    payload: async () => ({ skills: ['teacher'], availability: '周末' }),
  },
  'service.me': { allowed: SIGNED_IN, payload: async () => ({}) },
  'service.page': { allowed: SIGNED_IN, payload: async () => ({}) },
  'service.volunteers': { allowed: ['txsj-secretary'], payload: async () => ({ compoundId: 'txsj' }) },
  'service.saveTeam': {
    allowed: ['txsj-secretary'],
    payload: async () => ({ clientRequestId: newRequestId(), compoundId: 'txsj', name: '辅导队', skill: 'teacher', memberIds: [] }),
  },
  'help.ask': {
    allowed: [...TXSJ_RESIDENTS, 'yjlt-committee'],
    payload: async () => ({ clientRequestId: newRequestId(), kind: 'legal', text: '物业合同问题', contact: '13800000001' }),
  },
  'help.list': { allowed: SIGNED_IN, payload: async () => ({ box: 'mine' }) },
  'help.take': {
    allowed: ['txsj-resident-5', 'txsj-lead-5'],
    payload: async () => ({
      requestId: (
        await h
          .as('txsj-resident-3')
          .ok('activities', 'help.ask', { clientRequestId: newRequestId(), kind: 'medical', text: '咨询', contact: '13800000003' })
      ).id,
    }),
  },
  'help.close': { allowed: ['txsj-resident-3'], payload: async () => ({ requestId: helpId, thanks: '谢谢' }) },
};

describe('authorization matrix: every action × every identity', () => {
  beforeAll(async () => {
    b3 = await fresh();
    started = await startedWith('txsj-resident-3');
    helpId = (
      await h
        .as('txsj-resident-3')
        .ok('activities', 'help.ask', { clientRequestId: newRequestId(), kind: 'medical', text: '咨询', contact: '13800000003' })
    ).id;
  });
  it('covers every action of the contract', () => expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(activitiesApi.actions).sort()));
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      await expectAuthorization(h, 'activities', action, spec, IDENTITIES, {
        alsoRefused: ['NOT_ELIGIBLE', 'NOT_REGISTERED', 'SELF_DECISION'],
      });
    });
  }
});

const OPTIONAL = new Set([
  'activities.create:images',
  'activities.create:partyOnly',
  'activities.create:slots',
  'activities.list:box',
  'activities.list:size',
  'activities.signUp:slotKey',
  'activities.hours:year',
  'activities.ranking:year',
  'activities.hoursPage:year',
  'service.register:phone',
  'service.saveTeam:teamId',
  'help.list:size',
  'help.close:thanks',
]);
const SPECIFIC: Record<string, () => Record<string, unknown>[]> = {
  'activities.create': () => [
    { clientRequestId: 'req-specific-0001', ...base, ...when(), audience: B3 },
    { clientRequestId: 'req-specific-0001', ...base, ...when(), audience: B3, capacity: 5, slots: [{ name: '劝导员', capacity: 2 }] },
    {
      clientRequestId: 'req-specific-0001',
      ...base,
      ...when(),
      audience: B3,
      slots: [
        { name: '劝导员', capacity: 2 },
        { name: '劝导员', capacity: 2 },
      ],
    },
    { clientRequestId: 'req-specific-0001', ...base, ...when(), audience: B3, capacity: 0 },
    { clientRequestId: 'req-specific-0001', ...base, ...when(), audience: B3, capacity: 201 },
    { clientRequestId: 'req-specific-0001', ...base, ...when(-1, 2, -2), audience: B3, capacity: 5 },
    { clientRequestId: 'req-specific-0001', ...base, ...when(48, 13, 24), audience: B3, capacity: 5 },
    { clientRequestId: 'req-specific-0001', ...base, ...when(48, 2, 49), audience: B3, capacity: 5 },
    {
      clientRequestId: 'req-specific-0001',
      ...base,
      startAt: '2026-13-45T00:00:00Z',
      endAt: '2026-12-01T00:00:00Z',
      deadline: '2026-11-30T00:00:00Z',
      audience: B3,
      capacity: 5,
    },
    { clientRequestId: 'req-specific-0001', ...base, ...when(), title: '\u200B\u200C', audience: B3, capacity: 5 },
    { clientRequestId: 'req-specific-0001', ...base, ...when(), place: '南门\u202E', audience: B3, capacity: 5 },
    { clientRequestId: 'req-specific-0001', ...base, ...when(), audience: { kind: 'buildings', buildingIds: [] }, capacity: 5 },
    { clientRequestId: 'req-specific-0001', ...base, ...when(), audience: B3, capacity: 5, images: ['https://example.com/a.jpg'] },
  ],
  'activities.checkIn': () => [
    { activityId: started, code: 'ab' },
    { activityId: started, code: '有误的码12' },
  ],
  'activities.correctHours': () => [
    { activityId: started, personId: 'p-txsj-resident-3', minutes: -1, reason: 'x' },
    { activityId: started, personId: 'p-txsj-resident-3', minutes: 30, reason: '' },
    { activityId: started, personId: 'p-txsj-resident-3', minutes: 1.5, reason: 'x' },
  ],
  'activities.hours': () => [{ scope: 'street' }, { scope: 'me', year: '1999' }],
  'service.register': () => [
    { skills: [], availability: '周末' },
    { skills: ['pilot'], availability: '周末' },
    { skills: ['teacher'], availability: '周末', phone: '12345' },
  ],
  'help.ask': () => [
    { clientRequestId: 'req-specific-0001', kind: 'legal', text: '   ', contact: '13800000001' },
    { clientRequestId: 'req-specific-0001', kind: 'gossip', text: '问', contact: '13800000001' },
  ],
};

describe('bad input: BAD_REQUEST with a Chinese message, and nothing written', () => {
  for (const [action, spec] of Object.entries(MATRIX)) {
    it(action, async () => {
      const who = spec.allowed.includes('txsj-lead-3') ? 'txsj-lead-3' : spec.allowed[0];
      await expectBadInputRefused(h, 'activities', action, who, await spec.payload(who), {
        optional: OPTIONAL,
        rules: SPECIFIC[action]?.(),
      });
    });
  }
});
