/**
 * A repair end to end through the function: 何玉兰 reports a leaking pipe with a
 * photo, the manager assigns it, only the assigned staff member moves it, it is
 * finished with an after-photo and costs, the resident confirms and rates; the
 * messages each step sends; the board and 我也遇到; merging duplicates keeps every
 * follower; 催单 once the clock ran out; the monthly figures and the ledger seam.
 */
import { OUTBOX } from '../../emulator';
import { REPAIR_TEMPLATE_ID } from '../../core/repairs/contract';
import { newRequestId, type Harness } from '../support/harness';
import { STAFF, STAFF2, repairsHarness, upload } from './repairs-support';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await repairsHarness();
});
afterAll(() => h.close());

const HOME = 'yjlt-b5_1_301'; // 何玉兰
const pipe = (extra: Record<string, unknown> = {}) => ({
  clientRequestId: newRequestId(),
  where: { kind: 'home', homeId: HOME },
  category: '水管漏水',
  description: '厨房水管漏水，地上全是水',
  ...extra,
});
const lift = (extra: Record<string, unknown> = {}) => ({
  clientRequestId: newRequestId(),
  where: { kind: 'common', compoundId: 'yjlt', area: 'lift', buildingId: 'yjlt-b2', place: '1单元电梯' },
  category: '电梯',
  description: '电梯门关不上',
  ...extra,
});

it('report → assign → start → finish (after photo, costs) → confirm and rate, each step recorded with who, when, note and photos', async () => {
  const resident = h.as('yjlt-resident-5');
  for (const who of ['yjlt-resident-5', 'yjlt-staff'])
    await h.as(who).ok('repairs', 'repairs.subscribe', { templateId: REPAIR_TEMPLATE_ID, accepted: true });
  await h.as('yjlt-resident-5').ok('repairs', 'repairs.subscribe', { templateId: REPAIR_TEMPLATE_ID, accepted: true });
  h.emu.outbox.clear();
  const photo = await upload(h, 'yjlt-resident-5');
  const req = pipe({ photos: [photo], urgent: true });
  const r = await resident.ok('repairs', 'repairs.report', req);
  expect(r).toMatchObject({
    status: 'submitted',
    scope: 'home',
    placeLabel: '御家兰庭 5栋1单元301',
    urgent: true,
    access: 'full',
    reporterName: '何玉兰',
    actions: ['cancel'],
  });
  expect(r.photos).toEqual([expect.objectContaining({ fileID: photo, check: 'pending', url: expect.stringContaining('sign=') })]);
  // A retry of the same request answers the same repair.
  expect((await resident.ok('repairs', 'repairs.report', req)).id).toBe(r.id);
  // The image check arrives; the photo passes.
  await h.emu.deliverMediaChecks();
  expect((await resident.ok('repairs', 'repairs.get', { repairId: r.id })).photos[0].check).toBe('pass');

  const manager = h.as('yjlt-manager');
  const staffList = await manager.ok('repairs', 'repairs.staff', { compoundId: 'yjlt' });
  expect(staffList.items.map((s: { personId: string }) => s.personId)).toEqual(expect.arrayContaining([STAFF, STAFF2]));
  const assigned = await manager.ok('repairs', 'repairs.assign', { repairId: r.id, assigneeId: STAFF, note: '请今天上午去' });
  expect(assigned).toMatchObject({ status: 'assigned', assigneeName: '钱国华', contactPhone: expect.stringMatching(/^1\d{10}$/) });
  expect(assigned.acceptedAt).toBeDefined();
  const sent = h.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload.touser);
  expect(sent).toEqual(expect.arrayContaining(['demo-yjlt-resident-5', 'demo-yjlt-staff']));

  // Only the assigned staff member moves it: not the other staff member, not the manager.
  expect(await h.as('yjlt-staff2').call('repairs', 'repairs.start', { repairId: r.id })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(await manager.call('repairs', 'repairs.start', { repairId: r.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  // In the staff member's queue, urgent first.
  const q = await h.as('yjlt-staff').ok('repairs', 'repairs.queue', {});
  expect(q.items[0]).toMatchObject({ id: r.id, urgent: true });

  const staff = h.as('yjlt-staff');
  const before = await upload(h, 'yjlt-staff');
  await staff.ok('repairs', 'repairs.start', { repairId: r.id, note: '到现场，关了总阀', photos: [before] });
  const after = await upload(h, 'yjlt-staff');
  const done = await staff.ok('repairs', 'repairs.finish', {
    repairId: r.id,
    note: '换了一段水管',
    photos: [after],
    labourFen: 5000,
    materialsFen: 2350,
  });
  expect(done).toMatchObject({ status: 'done', labourFen: 5000, materialsFen: 2350 });
  expect(done.events.map((e: { action: string }) => e.action)).toEqual(['report', 'assign', 'start', 'finish']);
  expect(done.events[3]).toMatchObject({
    by: '钱国华（物业员工）',
    note: '换了一段水管',
    photos: [expect.objectContaining({ fileID: after })],
  });
  expect((await h.as('yjlt-staff').ok('repairs', 'repairs.queue', {})).items.map((i: { id: string }) => i.id)).not.toContain(r.id);

  const confirmed = await resident.ok('repairs', 'repairs.confirm', { repairId: r.id, rating: 5, comment: '师傅很仔细' });
  expect(confirmed).toMatchObject({ status: 'confirmed', rating: 5, comment: '师傅很仔细', actions: [] });
  expect(await resident.call('repairs', 'repairs.confirm', { repairId: r.id, rating: 4 })).toMatchObject({
    ok: false,
    error: { code: 'REPAIR_STATE' },
  });
  const mine = await resident.ok('repairs', 'repairs.mine', {});
  expect(mine.items.map((i: { id: string }) => i.id)).toContain(r.id);
});

it('reopen when not fixed, the manager re-dispatches; the reporter cancels only before work starts', async () => {
  const resident = h.as('yjlt-resident-5');
  const manager = h.as('yjlt-manager');
  const staff = h.as('yjlt-staff');
  const r = await resident.ok('repairs', 'repairs.report', pipe());
  await manager.ok('repairs', 'repairs.accept', { repairId: r.id });
  await manager.ok('repairs', 'repairs.assign', { repairId: r.id, assigneeId: STAFF });
  await staff.ok('repairs', 'repairs.start', { repairId: r.id });
  expect(await resident.call('repairs', 'repairs.cancel', { repairId: r.id })).toMatchObject({
    ok: false,
    error: { code: 'REPAIR_STATE' },
  });
  await staff.ok('repairs', 'repairs.finish', { repairId: r.id });
  expect(await resident.call('repairs', 'repairs.reopen', { repairId: r.id, note: '   ' })).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST' },
  });
  const reopened = await resident.ok('repairs', 'repairs.reopen', { repairId: r.id, note: '第二天又漏了' });
  expect(reopened).toMatchObject({ status: 'reopened' });
  const again = await manager.ok('repairs', 'repairs.assign', { repairId: r.id, assigneeId: STAFF2 });
  expect(again).toMatchObject({ status: 'assigned', assigneeName: '冯师傅' });
  // The first staff member no longer moves it.
  expect(await staff.call('repairs', 'repairs.start', { repairId: r.id })).toMatchObject({
    ok: false,
    error: { code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) },
  });

  const c = await resident.ok('repairs', 'repairs.report', pipe());
  await manager.ok('repairs', 'repairs.assign', { repairId: c.id, assigneeId: STAFF });
  expect(await resident.ok('repairs', 'repairs.cancel', { repairId: c.id, note: '自己修好了' })).toMatchObject({ status: 'cancelled' });
  expect((await staff.ok('repairs', 'repairs.queue', {})).items.map((i: { id: string }) => i.id)).not.toContain(c.id);
});

it('the board: a common-area repair is visible to the compound, anonymised; 我也遇到 once each; merged duplicates keep every follower', async () => {
  const a = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', lift({ photos: [await upload(h, 'yjlt-resident-5')] }));
  const b = await h.as('yjlt-secretary').ok('repairs', 'repairs.report', lift({ description: '2栋电梯门夹人' }));
  const c = await h.as('yjlt-lead-3').ok('repairs', 'repairs.report', lift({ description: '电梯关门很慢' }));
  // A neighbour sees it on the board, without the reporter or the phone.
  const board = await h.as('yjlt-committee').ok('repairs', 'repairs.board', { compoundId: 'yjlt' });
  expect(board.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
  const seen = await h.as('yjlt-lead-3').ok('repairs', 'repairs.get', { repairId: a.id });
  expect(seen).toMatchObject({ access: 'board', canFollow: true, following: false });
  expect(seen.reporterName).toBeUndefined();
  expect(seen.contactPhone).toBeUndefined();
  expect(JSON.stringify(seen)).not.toContain('何玉兰');
  // Pending photos are not shown to the compound until they pass.
  expect(seen.photos).toEqual([]);
  // 我也遇到: each neighbour once; the reporter does not count.
  const f1 = await h.as('yjlt-committee').ok('repairs', 'repairs.follow', { repairId: b.id });
  expect(f1).toMatchObject({ followers: 1, following: true });
  expect(await h.as('yjlt-committee').ok('repairs', 'repairs.follow', { repairId: b.id })).toMatchObject({ followers: 1 });
  await h.as('yjlt-resident-5').ok('repairs', 'repairs.follow', { repairId: c.id });
  expect(await h.as('yjlt-secretary').ok('repairs', 'repairs.follow', { repairId: b.id })).toMatchObject({ followers: 1 });
  // Someone of the other compound sees nothing of it.
  expect(await h.as('txsj-resident-3').call('repairs', 'repairs.get', { repairId: a.id })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(await h.as('txsj-resident-3').call('repairs', 'repairs.follow', { repairId: a.id })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });

  // The manager merges b and c into a: their reporters and followers follow a.
  const manager = h.as('yjlt-manager');
  expect(await manager.ok('repairs', 'repairs.merge', { repairId: b.id, intoId: a.id, note: '同一部电梯' })).toMatchObject({
    status: 'merged',
    mergedIntoId: a.id,
  });
  await manager.ok('repairs', 'repairs.merge', { repairId: c.id, intoId: a.id });
  const kept = await manager.ok('repairs', 'repairs.get', { repairId: a.id });
  // b's reporter (secretary) and follower (committee); c's reporter (lead-3); c's follower is a's own reporter (not a follower of her own).
  expect(kept.followers).toBe(3);
  const followers = await h.db.collection('repairFollowers').where({ repairId: a.id }).get();
  expect(followers.data.map((f: { personId: string }) => f.personId).sort()).toEqual([
    'p-yjlt-committee',
    'p-yjlt-lead-3',
    'p-yjlt-secretary',
  ]);
  expect(await h.as('yjlt-lead-3').ok('repairs', 'repairs.get', { repairId: a.id })).toMatchObject({ following: true });
  // Merging again, or into a merged one, is refused.
  expect(await manager.call('repairs', 'repairs.merge', { repairId: b.id, intoId: a.id })).toMatchObject({
    ok: false,
    error: { code: 'REPAIR_STATE' },
  });
  expect(await manager.call('repairs', 'repairs.merge', { repairId: a.id, intoId: b.id })).toMatchObject({
    ok: false,
    error: { code: 'REPAIR_STATE' },
  });
  const boardAfter = await h.as('yjlt-committee').ok('repairs', 'repairs.board', { compoundId: 'yjlt' });
  expect(boardAfter.items.map((i: { id: string }) => i.id)).not.toContain(b.id);
});

it('催单 only once the clock ran out, and not again within 12 hours; overdue items show for the manager', async () => {
  const resident = h.as('yjlt-resident-5');
  const r = await resident.ok('repairs', 'repairs.report', pipe());
  expect(await resident.call('repairs', 'repairs.urge', { repairId: r.id })).toMatchObject({
    ok: false,
    error: { code: 'REPAIR_STATE', message: expect.stringContaining('还没到') },
  });
  // Three hours later the 2-hour clock to accept has run out.
  await h.db
    .collection('repairs')
    .doc(r.id)
    .update({
      data: {
        createdAt: new Date(Date.now() - 3 * 3600_000),
        acceptDueAt: new Date(Date.now() - 3600_000),
        dueAt: new Date(Date.now() - 3600_000),
      },
    });
  const urged = await resident.ok('repairs', 'repairs.urge', { repairId: r.id });
  expect(urged).toMatchObject({ urged: true, overdue: true, canUrge: false });
  expect(await resident.call('repairs', 'repairs.urge', { repairId: r.id })).toMatchObject({
    ok: false,
    error: { code: 'REPAIR_STATE', message: expect.stringContaining('12小时') },
  });
  expect(await h.as('yjlt-secretary').call('repairs', 'repairs.urge', { repairId: r.id })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  const overdue = await h.as('yjlt-manager').ok('repairs', 'repairs.list', { compoundId: 'yjlt', filter: 'overdue' });
  expect(overdue.items.find((i: { id: string }) => i.id === r.id)).toMatchObject({ overdue: true, urged: true });
  const home = await h.as('yjlt-manager').ok('repairs', 'repairs.home', {});
  expect(home.overdueCount).toBeGreaterThan(0);
  expect((await resident.ok('repairs', 'repairs.home', {})).mine.length).toBeGreaterThan(0);
});

it('monthly figures in one call, and the costs the ledger can book (common areas only)', async () => {
  const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const { result: stats, queries } = await h.emu.measure(() =>
    h.as('yjlt-manager').call('repairs', 'repairs.stats', { compoundId: 'yjlt', period }),
  );
  expect(stats.ok).toBe(true);
  const s = (stats as { data: any }).data;
  expect(s).toMatchObject({ compoundId: 'yjlt', compoundName: '御家兰庭', period });
  expect(s.total).toBeGreaterThan(5);
  expect(s.byCategory[0].barPercent).toBe(100);
  expect(s.satisfaction.rated).toBeGreaterThanOrEqual(1);
  expect(queries).toBeLessThan(12);
  // Figures are for the compound's roles only.
  expect(await h.as('yjlt-resident-5').call('repairs', 'repairs.stats', { compoundId: 'yjlt', period })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  expect(await h.as('txsj-manager').call('repairs', 'repairs.stats', { compoundId: 'yjlt', period })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  const costs = await h.as('yjlt-manager').ok('repairs', 'repairs.costs', { compoundId: 'yjlt', period });
  const home = costs.items.find((i: { scope: string; labourFen: number }) => i.scope === 'home' && i.labourFen === 5000);
  expect(home).toMatchObject({ expense: null });
  for (const i of costs.items.filter((x: { expense: unknown }) => x.expense))
    expect(i.expense).toMatchObject({ sourceId: `repair:${i.repairId}`, amountFen: i.labourFen + i.materialsFen });
});
