/**
 * Issue 8, the notices side: a correction keeps the lead's work (unless it must be
 * seen again), the author's own home is never unread, rooms sort naturally, 我发布的
 * carries read progress, and the reminder says beforehand whom it can reach.
 */
import { main as notices } from '../../cloudfunctions/notices';
import { NOTICE_TEMPLATE_ID } from '../../core/notices/contract';
import { naturalCompare } from '../../core/platform/text';
import { OUTBOX } from '../../emulator';
import { createHarness, newRequestId, type Harness } from '../support/harness';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ notices: notices as any });
});
afterAll(() => h.close());

const B3 = { kind: 'buildings', buildingIds: ['txsj-b3'] };
const TXSJ = { kind: 'compounds', compoundIds: ['txsj'] };
const LEAD_HOME = 'txsj-b3_1_602';
const ELDERLY = 'txsj-b3_1_101';
let seq = 0;
const post = (who: string, audience: object, extra: Record<string, unknown> = {}) =>
  h.as(who).ok('notices', 'notices.post', {
    clientRequestId: newRequestId(),
    audience,
    title: `跟进${++seq}`,
    body: `第${seq}条`,
    category: '通知',
    ...extra,
  });
const correct = (who: string, noticeId: string, extra: Record<string, unknown> = {}) =>
  h.as(who).ok('notices', 'notices.correct', {
    clientRequestId: newRequestId(),
    noticeId,
    title: `更正${++seq}`,
    body: '更正后的正文',
    category: '通知',
    ...extra,
  });
const summary = (who: string, noticeId: string) => h.as(who).ok('notices', 'notices.summary', { noticeId });
async function allUnread(who: string, noticeId: string, buildingId: string) {
  const out: any[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await h.as(who).ok('notices', 'notices.unreadHomes', { noticeId, buildingId, size: 20, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}
function genResident(buildingId: string, nth = 0) {
  const m = h.seed.memberships.filter((x) => x.buildingId === buildingId && x.personId.startsWith('p-gen-'))[nth];
  return { openid: h.seed.people.find((p) => p._id === m.personId)!.openid, homeId: m.homeId, personId: m.personId };
}

describe('a correction keeps the lead’s work', () => {
  it('reads and 已当面告知 of the previous version count on the new one; the reader sees it as read', async () => {
    const v1 = await post('txsj-lead-3', B3, { title: '周日停水' });
    await h.as('txsj-resident-3').ok('notices', 'notices.open', { noticeId: v1.id });
    await h.as('txsj-lead-3').ok('notices', 'notices.markTold', { noticeId: v1.id, homeId: ELDERLY });
    expect((await summary('txsj-lead-3', v1.id)).total).toMatchObject({ read: 1, told: 1, own: 1, reached: 3 });

    const v2 = await correct('txsj-lead-3', v1.id, { note: '时间改了' });
    expect(v2).toMatchObject({ version: 2, previousId: v1.id });
    expect(v2.mustReread).toBeUndefined();
    const s2 = await summary('txsj-lead-3', v2.id);
    expect(s2).toMatchObject({ readFromVersion: 1, version: 2, readers: 1 });
    expect(s2.total).toMatchObject({ read: 1, told: 1, own: 1, reached: 3, unread: 65 });
    const unread = (await allUnread('txsj-lead-3', v2.id, 'txsj-b3')).map((x) => x.homeId);
    expect(unread).not.toContain('txsj-b3_2_101'); // resident-3 read v1
    expect(unread).toContain(ELDERLY); // listed, flagged told
    // the resident who read v1 has nothing unread for v2
    const list = await h.as('txsj-resident-3').ok('notices', 'notices.list', {});
    expect(list.items.find((i: any) => i.id === v2.id)).toMatchObject({ unread: false });
    // a reminder of v2 skips homes that knew v1
    const r = await h.as('txsj-lead-3').ok('notices', 'notices.remind', { clientRequestId: newRequestId(), noticeId: v2.id });
    expect(r.unreadHomes).toBe(65);
    // opening v2 records the version read, once
    await h.as('txsj-resident-3').ok('notices', 'notices.open', { noticeId: v2.id });
    const again = await h.emu.measure(() => h.as('txsj-resident-3').ok('notices', 'notices.open', { noticeId: v2.id }));
    expect(again.writes).toBe(0);
    expect((await summary('txsj-lead-3', v2.id)).total).toMatchObject({ read: 1, told: 1 });
  });

  it('marked 需重新阅读 (mustReread): earlier reads and told stop counting until people read the new version', async () => {
    const v1 = await post('txsj-lead-3', B3, { title: '电梯检修' });
    await h.as('txsj-resident-3').ok('notices', 'notices.open', { noticeId: v1.id });
    await h.as('txsj-lead-3').ok('notices', 'notices.markTold', { noticeId: v1.id, homeId: ELDERLY });
    const v2 = await correct('txsj-lead-3', v1.id, { mustReread: true, note: '改期' });
    expect(v2).toMatchObject({ version: 2, mustReread: true });
    const s = await summary('txsj-lead-3', v2.id);
    expect(s).toMatchObject({ readFromVersion: 2, readers: 0 });
    expect(s.total).toMatchObject({ read: 0, told: 0, own: 1, reached: 1, unread: 67 });
    const list = await h.as('txsj-resident-3').ok('notices', 'notices.list', {});
    expect(list.items.find((i: any) => i.id === v2.id)).toMatchObject({ unread: true });
    const page = await allUnread('txsj-lead-3', v2.id, 'txsj-b3');
    expect(page.find((x) => x.homeId === ELDERLY)).toMatchObject({ told: false });
    // reading v2 and telling again count
    await h.as('txsj-resident-3').ok('notices', 'notices.open', { noticeId: v2.id });
    await h.as('txsj-lead-3').ok('notices', 'notices.markTold', { noticeId: v2.id, homeId: ELDERLY });
    expect((await summary('txsj-lead-3', v2.id)).total).toMatchObject({ read: 1, told: 1, own: 1, reached: 3 });
    // a later plain correction keeps counting from v2
    const v3 = await correct('txsj-lead-3', v2.id);
    expect(await summary('txsj-lead-3', v3.id)).toMatchObject({ readFromVersion: 2, total: expect.objectContaining({ read: 1, told: 1 }) });
  });

  it('mustReread is a strict boolean of the correct action only', async () => {
    const v1 = await post('txsj-lead-3', B3);
    expect(
      await h.as('txsj-lead-3').call('notices', 'notices.correct', {
        clientRequestId: newRequestId(),
        noticeId: v1.id,
        title: 'x',
        body: 'y',
        category: '通知',
        mustReread: 'yes',
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await h.as('txsj-lead-3').call('notices', 'notices.post', {
        clientRequestId: newRequestId(),
        audience: B3,
        title: 'x',
        body: 'y',
        category: '通知',
        mustReread: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('the author’s own home', () => {
  it('counts as known on her own notice, never in the unread list or a reminder', async () => {
    const n = await post('txsj-lead-3', B3);
    const s = await summary('txsj-lead-3', n.id);
    expect(s.total).toMatchObject({ homes: 68, read: 0, told: 0, own: 1, reached: 1, unread: 67 });
    expect((await allUnread('txsj-lead-3', n.id, 'txsj-b3')).map((x) => x.homeId)).not.toContain(LEAD_HOME);
    // her own open is not a read
    await h.as('txsj-lead-3').ok('notices', 'notices.open', { noticeId: n.id });
    expect((await summary('txsj-lead-3', n.id)).total).toMatchObject({ read: 0, own: 1 });
    expect((await h.as('txsj-lead-3').ok('notices', 'notices.remindPreview', { noticeId: n.id })).unreadHomes).toBe(67);
  });

  it('a compound notice by a committee member counts her home (黄美玲, 2栋) only', async () => {
    const n = await post('txsj-committee', TXSJ);
    const s = await summary('txsj-committee', n.id);
    expect(s.total.own).toBe(1);
    expect(s.buildings.filter((b: any) => b.own > 0).map((b: any) => b.buildingId)).toEqual(['txsj-b2']);
  });
});

describe('unread homes in natural room order', () => {
  it('101 before 1001, unit by unit, across pages', async () => {
    const n = await post('txsj-lead-3', B3);
    const labels = (await allUnread('txsj-lead-3', n.id, 'txsj-b3')).map((x) => x.label as string);
    expect(labels.length).toBe(67);
    expect([...labels].sort(naturalCompare)).toEqual(labels);
    expect(labels.indexOf('3栋1单元101')).toBeLessThan(labels.indexOf('3栋1单元1001'));
    expect(labels.indexOf('3栋1单元902')).toBeLessThan(labels.indexOf('3栋1单元1001'));
  });
});

describe('我发布的 shows read progress', () => {
  it('x/y 户已知晓 on each authored item, from one aggregation for the page', async () => {
    const n = await post('txsj-lead-3', B3, { title: '进度可见' });
    await h.as('txsj-resident-3').ok('notices', 'notices.open', { noticeId: n.id });
    const m = await h.emu.measure(() => h.as('txsj-lead-3').ok('notices', 'notices.list', { box: 'authored', size: 20 }));
    const item = m.result.items.find((i: any) => i.id === n.id);
    expect(item.progress).toEqual({ reached: 2, homes: 68 });
    // the inbox carries none
    const inbox = await h.as('txsj-resident-3').ok('notices', 'notices.list', {});
    expect(inbox.items.every((i: any) => i.progress === undefined)).toBe(true);
  });
});

describe('一键提醒 says beforehand whom it reaches', () => {
  it('preview counts homes with a grant; unread homes say which can get a message; a whole-compound reminder reaches every building', async () => {
    const n = await post('txsj-committee', TXSJ, { title: '全小区消防检查' });
    const a = genResident('txsj-b3', 3);
    const b = genResident('txsj-b6', 2);
    const before = await h.as('txsj-committee').ok('notices', 'notices.remindPreview', { noticeId: n.id });
    for (const who of [a.openid, b.openid])
      await h.as(who).ok('notices', 'notices.subscribe', { templateId: NOTICE_TEMPLATE_ID, accepted: true });
    const p = await h.as('txsj-committee').ok('notices', 'notices.remindPreview', { noticeId: n.id });
    expect(p.withGrant - before.withGrant).toBe(2);
    expect(p.homesWithGrant - before.homesWithGrant).toBe(2);
    expect(p.homesWithGrant).toBeLessThanOrEqual(p.unreadHomes);
    const b3 = await allUnread('txsj-committee', n.id, 'txsj-b3');
    expect(b3.find((x) => x.homeId === a.homeId)).toMatchObject({ canMessage: true, hasAppUser: true });
    expect(b3.find((x) => x.homeId === ELDERLY)).toMatchObject({ canMessage: false });

    h.emu.outbox.clear();
    const r = await h.as('txsj-committee').ok('notices', 'notices.remind', { clientRequestId: newRequestId(), noticeId: n.id });
    // The first batches run in the call; each poll of its progress advances the rest.
    let job = await h.as('txsj-committee').ok('notices', 'notices.jobStatus', { jobId: r.jobId });
    for (let i = 1; i <= 20 && job.status !== 'done'; i++)
      job = await h.as('txsj-committee').ok('notices', 'notices.jobStatus', { jobId: r.jobId });
    expect(job.status).toBe('done');
    const to = h.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload.touser);
    expect(to).toEqual(expect.arrayContaining([a.openid, b.openid]));
    expect(job.done).toBe(to.length);
    // someone else's job does not exist for you
    expect(await h.as('txsj-lead-3').call('notices', 'notices.jobStatus', { jobId: r.jobId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
