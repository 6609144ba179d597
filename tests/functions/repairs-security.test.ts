/**
 * The attacks, performed: reading another home's repair or its photos, moving a
 * repair not assigned to you, confirming someone else's repair, 50 parallel
 * 我也遇到 by one person, 50 parallel assigns, 50 parallel 催单, a staff member who
 * left, identity in the payload, a timer event sent by a client. Each refused with
 * a typed Chinese error and nothing written.
 */
import { newRequestId, type Harness } from '../support/harness';
import { STAFF, STAFF2, repairsHarness, upload } from './repairs-support';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  h = await repairsHarness();
});
afterAll(() => h.close());

const pipe = (extra: Record<string, unknown> = {}) => ({
  clientRequestId: newRequestId(),
  where: { kind: 'home', homeId: 'yjlt-b5_1_301' },
  category: '水管漏水',
  description: '水管漏水',
  ...extra,
});
const lift = () => ({
  clientRequestId: newRequestId(),
  where: { kind: 'common', compoundId: 'yjlt', area: 'lift', buildingId: 'yjlt-b1' },
  category: '电梯',
  description: '电梯异响',
});
const refusedWithNothingWritten = async (call: () => Promise<any>, codes: string[]) => {
  const before = await h.snapshot();
  const { result, writes } = await h.emu.measure(call);
  expect(result).toMatchObject({
    ok: false,
    error: { code: expect.stringMatching(new RegExp(`^(${codes.join('|')})$`)), message: expect.stringMatching(/[\u4e00-\u9fa5]/) },
  });
  expect(writes).toBe(0);
  expect(await h.snapshot()).toBe(before);
  return result;
};

/** Whether a reply hands out any link to (or the fileID of) the photo: temp links are bearer links, so none may reach the unentitled. */
const handsOut = (reply: unknown, fileID: string) => {
  const text = JSON.stringify(reply);
  const path = fileID.replace(/^cloud:\/\/[^/]+\//, '');
  return text.includes('/_files/') || text.includes(fileID) || text.includes(encodeURI(path)) || text.includes(path);
};

it('a resident cannot read another home’s repair, and never receives a link to its photos', async () => {
  const photo = await upload(h, 'yjlt-resident-5');
  const r = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', pipe({ photos: [photo] }));
  // The reporter gets a short-lived link, and it opens (for whoever holds it, as in CloudBase).
  const url = r.photos[0].url as string;
  expect(h.emu.readSignedFile(url)).not.toBeNull();
  expect(Number(new URLSearchParams(url.split('?')[1]).get('exp')) * 1000 - Date.now()).toBeLessThanOrEqual(2 * 3600_000);
  const neighbour = h.as('yjlt-secretary');
  const missing = await neighbour.call('repairs', 'repairs.get', { repairId: 'r-no-such' });
  const real = await refusedWithNothingWritten(() => neighbour.call('repairs', 'repairs.get', { repairId: r.id }), ['NOT_FOUND']);
  expect(real).toEqual(missing);
  expect(handsOut(real, photo)).toBe(false);
  // Not in their lists either, nor any link to the photo.
  const mine = await neighbour.ok('repairs', 'repairs.mine', {});
  const board = await neighbour.ok('repairs', 'repairs.board', { compoundId: 'yjlt' });
  expect(mine.items.map((i: { id: string }) => i.id)).not.toContain(r.id);
  expect(board.items.map((i: { id: string }) => i.id)).not.toContain(r.id);
  for (const reply of [mine, board]) expect(handsOut(reply, photo)).toBe(false);
  // Nor the other compound's property.
  const other = await refusedWithNothingWritten(
    () => h.as('txsj-manager').call('repairs', 'repairs.get', { repairId: r.id }),
    ['NOT_FOUND'],
  );
  expect(handsOut(other, photo)).toBe(false);
  const list = await refusedWithNothingWritten(
    () => h.as('txsj-manager').call('repairs', 'repairs.list', { compoundId: 'yjlt' }),
    ['FORBIDDEN'],
  );
  expect(handsOut(list, photo)).toBe(false);
});

it('a common-area photo reaches the neighbours only once its check passed: no link while 审核中', async () => {
  const photo = await upload(h, 'yjlt-resident-5');
  const r = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', { ...lift(), photos: [photo] });
  const neighbour = h.as('yjlt-secretary');
  const before = await neighbour.ok('repairs', 'repairs.get', { repairId: r.id });
  expect(handsOut(before, photo)).toBe(false);
  expect(handsOut(await neighbour.ok('repairs', 'repairs.board', { compoundId: 'yjlt' }), photo)).toBe(false);
  await h.emu.deliverMediaChecks();
  const after = await neighbour.ok('repairs', 'repairs.get', { repairId: r.id });
  expect(after.photos).toEqual([expect.objectContaining({ fileID: photo, check: 'pass', url: expect.stringMatching(/^\/_files\//) })]);
  expect(h.emu.readSignedFile(after.photos[0].url)).not.toBeNull();
  expect(handsOut(after, photo)).toBe(true);
});

it('confirming someone else’s repair, or moving one not assigned to you, is refused', async () => {
  const r = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', pipe());
  await h.as('yjlt-manager').ok('repairs', 'repairs.assign', { repairId: r.id, assigneeId: STAFF });
  for (const who of ['yjlt-staff2', 'txsj-staff', 'yjlt-manager', 'yjlt-committee']) {
    await refusedWithNothingWritten(
      () => h.as(who === 'yjlt-staff2' ? 'demo-yjlt-staff2' : who).call('repairs', 'repairs.start', { repairId: r.id }),
      ['FORBIDDEN', 'NOT_FOUND'],
    );
  }
  await h.as('yjlt-staff').ok('repairs', 'repairs.start', { repairId: r.id });
  await h.as('yjlt-staff').ok('repairs', 'repairs.finish', { repairId: r.id });
  for (const who of ['yjlt-secretary', 'yjlt-manager', 'yjlt-staff', 'yjlt-committee', 'txsj-resident-3']) {
    await refusedWithNothingWritten(
      () => h.as(who).call('repairs', 'repairs.confirm', { repairId: r.id, rating: 5 }),
      ['FORBIDDEN', 'NOT_FOUND'],
    );
  }
  // Assigning to someone who is not the compound's staff.
  const other = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', pipe());
  for (const assigneeId of ['p-txsj-staff', 'p-yjlt-resident-5', 'p-nobody']) {
    await refusedWithNothingWritten(
      () => h.as('yjlt-manager').call('repairs', 'repairs.assign', { repairId: other.id, assigneeId }),
      ['BAD_REQUEST'],
    );
  }
});

it('a staff member whose role ended moves nothing, even a repair still assigned to them', async () => {
  const r = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', pipe());
  await h.as('yjlt-manager').ok('repairs', 'repairs.assign', { repairId: r.id, assigneeId: STAFF2 });
  await h.db.collection('roles').where({ _id: 'r-yjlt-staff2' }).remove();
  await refusedWithNothingWritten(
    () => h.as('demo-yjlt-staff2').call('repairs', 'repairs.start', { repairId: r.id }),
    ['NOT_FOUND', 'FORBIDDEN'],
  );
  await h.db.collection('roles').add({
    data: {
      _id: 'r-yjlt-staff2',
      personId: STAFF2,
      role: 'staff',
      communityId: 'qiaoxing',
      compoundId: 'yjlt',
      grantedBy: 'seed',
      createdAt: new Date(),
    },
  });
});

it('50 parallel 我也遇到 by one person count once', async () => {
  const r = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', lift());
  const results = await Promise.all(
    Array.from({ length: 50 }, () => h.as('yjlt-secretary').call('repairs', 'repairs.follow', { repairId: r.id })),
  );
  expect(results.every((x) => x.ok || x.error.code === 'CONFLICT')).toBe(true);
  const docs = await h.db.collection('repairFollowers').where({ repairId: r.id }).get();
  expect(docs.data.length).toBe(1);
  expect((await h.as('yjlt-manager').ok('repairs', 'repairs.get', { repairId: r.id })).followers).toBe(1);
});

it('50 parallel assigns: one wins, the rest are refused, one assign recorded', async () => {
  const r = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', pipe());
  const results = await Promise.all(
    Array.from({ length: 50 }, () => h.as('yjlt-manager').call('repairs', 'repairs.assign', { repairId: r.id, assigneeId: STAFF })),
  );
  const ok = results.filter((x) => x.ok);
  expect(ok.length).toBe(1);
  for (const x of results.filter((y) => !y.ok)) expect(['CONFLICT', 'REPAIR_STATE']).toContain(x.error.code);
  const after = await h.as('yjlt-manager').ok('repairs', 'repairs.get', { repairId: r.id });
  expect(after.events.filter((e: { action: string }) => e.action === 'assign').length).toBe(1);
  // 50 parallel starts by the staff member: one.
  const starts = await Promise.all(
    Array.from({ length: 50 }, () => h.as('yjlt-staff').call('repairs', 'repairs.start', { repairId: r.id })),
  );
  expect(starts.filter((x) => x.ok).length).toBe(1);
});

it('50 parallel 催单: one', async () => {
  const r = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', pipe());
  const past = new Date(Date.now() - 3600_000);
  await h.db
    .collection('repairs')
    .doc(r.id)
    .update({ data: { acceptDueAt: past, dueAt: past } });
  const results = await Promise.all(
    Array.from({ length: 50 }, () => h.as('yjlt-resident-5').call('repairs', 'repairs.urge', { repairId: r.id })),
  );
  expect(results.filter((x) => x.ok).length).toBe(1);
  const after = await h.as('yjlt-resident-5').ok('repairs', 'repairs.get', { repairId: r.id });
  expect(after.events.filter((e: { action: string }) => e.action === 'urge').length).toBe(1);
});

it('reporting for a home that is not mine, or a compound I do not live in, is refused', async () => {
  await refusedWithNothingWritten(() => h.as('yjlt-secretary').call('repairs', 'repairs.report', pipe()), ['NOT_FOUND']);
  await refusedWithNothingWritten(() => h.as('txsj-resident-3').call('repairs', 'repairs.report', lift()), ['FORBIDDEN']);
  await refusedWithNothingWritten(() => h.as('demo-new-person').call('repairs', 'repairs.report', lift()), ['NOT_REGISTERED', 'FORBIDDEN']);
  await refusedWithNothingWritten(() => h.as('txsj-staff').call('repairs', 'repairs.log', { ...pipe(), source: 'phone' }), ['FORBIDDEN']);
});

it('identity never comes from the payload; a timer event from a client is an ordinary (bad) call', async () => {
  const r = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', pipe());
  const intruder = h.as('demo-new-intruder');
  await refusedWithNothingWritten(
    () => intruder.call('repairs', 'repairs.get', { repairId: r.id, openid: 'demo-yjlt-resident-5' }),
    ['BAD_REQUEST'],
  );
  await refusedWithNothingWritten(
    () =>
      intruder.raw('repairs', {
        action: 'repairs.get',
        payload: { repairId: r.id },
        openid: 'demo-yjlt-resident-5',
        userInfo: { openId: 'demo-yjlt-resident-5' },
      }),
    ['NOT_FOUND'],
  );
  await refusedWithNothingWritten(
    () => intruder.raw('repairs', { Type: 'Timer', TriggerName: 'autoClose', Time: '2099-01-01T00:00:00Z' }),
    ['BAD_REQUEST'],
  );
  await refusedWithNothingWritten(
    () => intruder.raw('repairs', { Event: 'wxa_media_check', trace_id: 'x', result: { suggest: 'pass' } }),
    ['BAD_REQUEST'],
  );
});

it('a risky photo is hidden from everyone once its verdict arrives', async () => {
  const photo = await upload(h, 'yjlt-resident-5', { name: 'risky-photo.png' });
  const r = await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', { ...lift(), photos: [photo] });
  await h.emu.deliverMediaChecks();
  const mine = await h.as('yjlt-resident-5').ok('repairs', 'repairs.get', { repairId: r.id });
  expect(mine.photos).toEqual([]);
  const theirs = await h.as('yjlt-secretary').ok('repairs', 'repairs.get', { repairId: r.id });
  expect(theirs.photos).toEqual([]);
});

describe('a per-compound page in one call: without a compoundId the read answers for the first compound the person may open there', () => {
  const period = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const reads = [
    { action: 'repairs.board', extra: () => ({}) },
    { action: 'repairs.list', extra: () => ({ filter: 'all', size: 5 }) },
    { action: 'repairs.stats', extra: () => ({ period: period() }) },
  ];

  it('the default answer is the explicit one for the first compound of the picker it carries, in the order of repairs.places', async () => {
    await h.as('yjlt-resident-5').ok('repairs', 'repairs.report', lift());
    const seen: string[] = [];
    for (const who of ['yjlt-resident-5', 'yjlt-manager', 'yjlt-committee', 'txsj-manager', 'community-admin']) {
      const order = ((await h.as(who).ok('repairs', 'repairs.places', {})).compounds as { compoundId: string }[]).map((c) => c.compoundId);
      for (const { action, extra } of reads) {
        const def = await h.as(who).call('repairs', action, extra());
        if (!def.ok || !def.data.compoundId) continue;
        seen.push(`${who} ${action}`);
        const picker = def.data.compounds.map((c: { compoundId: string }) => c.compoundId);
        expect(def.data.compoundId).toBe(picker[0]);
        expect(picker).toEqual(order.filter((id) => picker.includes(id)));
        expect(await h.as(who).ok('repairs', action, { ...extra(), compoundId: def.data.compoundId })).toEqual(def.data);
      }
    }
    // Each read answered someone by default, the office for several compounds.
    expect(seen).toEqual(
      expect.arrayContaining(['yjlt-resident-5 repairs.board', 'yjlt-manager repairs.list', 'community-admin repairs.stats']),
    );
    expect((await h.as('community-admin').ok('repairs', 'repairs.list', { size: 5 })).compounds.length).toBeGreaterThan(1);
  });

  it('someone with no compound: an empty board, and the same refusal as for a compound not theirs', async () => {
    expect(await h.as('demo-new-nowhere').ok('repairs', 'repairs.board', {})).toEqual({
      compoundId: '',
      compounds: [],
      items: [],
      following: [],
    });
    for (const who of ['demo-new-nowhere', 'txsj-resident-3']) {
      for (const { action, extra } of reads.slice(1)) {
        const def = await refusedWithNothingWritten(() => h.as(who).call('repairs', action, extra()), ['FORBIDDEN']);
        expect(def).toEqual(await h.as(who).call('repairs', action, { ...extra(), compoundId: 'yjlt' }));
      }
    }
  });
});
