/**
 * vehicles: plates per home, and 挪车 from request to 已解决 — through the owner's
 * household, through the building lead when the household cannot be messaged, and
 * through the property office for an unregistered plate. The requester never gets
 * the owner's name, room, phone or openid from any read action.
 */
import { OUTBOX } from '../../emulator';
import { newRequestId, type Harness } from '../support/harness';
import { TXSJ } from '../../scripts/lib/seed-data';
import { DEMO_PLATES, askers, strings, vehiclesHarness } from './vehicles-support';

jest.setTimeout(180_000);
let h: Harness;
beforeAll(async () => {
  h = await vehiclesHarness();
});
afterAll(() => h.close());

const WU = 'txsj-resident-3b'; // 吴晓峰, 3栋 tenant: asks
const CHEN = 'txsj-resident-3'; // 陈阿婆, owns 闽E12345, can be messaged
const ZHENG = 'txsj-resident-5'; // 郑海涛, owns 闽ED12345, cannot be messaged
const LEAD5 = 'txsj-lead-5'; // 张卫东, lead of 5栋 and 6栋
const ask = (who: string, plate: string, extra: Record<string, unknown> = {}): Promise<any> =>
  h
    .as(who)
    .call('vehicles', 'vehicles.request', { clientRequestId: newRequestId(), compoundId: TXSJ, plate, reason: '车窗未关', ...extra });
const sentTo = () =>
  h.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload as { touser: string; data: Record<string, { value: string }> });

function ownerSecrets(key: string): string[] {
  const p = h.seed.people.find((x) => x._id === `p-${key}`)!;
  const m = h.seed.memberships.find((x) => x.personId === p._id)!;
  const home = h.seed.homes.find((x) => x._id === m.homeId)!;
  return [p.name, p.phone!, p.openid, p._id, home._id, home.label, `${home.unit}单元${home.number}`];
}
function expectNothingOf(key: string, plate: string, value: unknown) {
  const all = strings(value).join('\n');
  for (const s of ownerSecrets(key)) expect([s, all.includes(s)]).toEqual([s, false]);
  // The plate only masked.
  expect(all.includes(plate)).toBe(false);
}

describe('plates of a home', () => {
  it('registers validated plates (8-character new-energy too), at most 5, one home per plate, linked to a rented space', async () => {
    const [who] = await askers(h, TXSJ, 1);
    const me = await h.as(who).ok('vehicles', 'vehicles.mine', {});
    const homeId = me.homes[0].homeId as string;
    expect(me.homes[0]).toMatchObject({ vehicles: [], spaces: [], canAdd: true });
    // fees' parking register rents this home a space this month.
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    h.emu.seed('parkingSpaces', [
      {
        _id: `${TXSJ}_B-12`,
        compoundId: TXSJ,
        communityId: 'qiaoxing',
        spaceNo: 'B-12',
        sortKey: 'B!00000012',
        homeId: [homeId],
        rentals: [{ homeId, homeLabel: 'x', from: '2020-01', until: null, by: 'p', byName: 'x', at: new Date() }],
        createdBy: 'p',
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    ]);
    const withSpace = await h.as(who).ok('vehicles', 'vehicles.add', { homeId, plate: '闽e·d12346', kind: 'car', spaceNo: 'B-12' });
    expect(withSpace.spaces).toEqual(['B-12']);
    expect(withSpace.vehicles[0]).toMatchObject({ plate: '闽ED12346', plateLabel: '闽E·D12346', spaceNo: 'B-12', kindLabel: '汽车' });
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    // A space the home does not rent is refused.
    expect(await h.as(who).call('vehicles', 'vehicles.add', { homeId, plate: '闽E22222', kind: 'car', spaceNo: 'C-1' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    // Adding again is the same plate (a retry).
    expect(
      (await h.as(who).ok('vehicles', 'vehicles.add', { homeId, plate: '闽ED12346', kind: 'car', spaceNo: 'B-12' })).vehicles,
    ).toHaveLength(1);
    for (const p of ['闽E2A345', '厦门A12345', '闽EF1234', '闽E54321'])
      await h.as(who).ok('vehicles', 'vehicles.add', { homeId, plate: p, kind: p.startsWith('厦门') ? 'ebike' : 'car' });
    expect(await h.as(who).call('vehicles', 'vehicles.add', { homeId, plate: '闽E99999', kind: 'car' })).toMatchObject({
      ok: false,
      error: { code: 'VEHICLE_LIMIT' },
    });
    // Another home's plate is taken; a home that is not mine does not exist.
    expect(
      await h.as(WU).call('vehicles', 'vehicles.add', {
        homeId: h.seed.memberships.find((m) => m.personId === `p-${WU}`)!.homeId,
        plate: DEMO_PLATES.chen,
        kind: 'car',
      }),
    ).toMatchObject({ ok: false, error: { code: 'VEHICLE_TAKEN' } });
    expect(await h.as(WU).call('vehicles', 'vehicles.add', { homeId, plate: '闽E77777', kind: 'car' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const removed = await h.as(who).ok('vehicles', 'vehicles.remove', { homeId, plate: '闽E54321' });
    expect(removed.vehicles).toHaveLength(4);
    expect(removed.canAdd).toBe(true);
  });

  it('five parallel adds to a home with four plates make five, never six', async () => {
    const [who] = await askers(h, TXSJ, 2).then((a) => a.slice(1));
    const homeId = (await h.as(who).ok('vehicles', 'vehicles.mine', {})).homes[0].homeId;
    for (const p of ['闽E10001', '闽E10002', '闽E10003', '闽E10004'])
      await h.as(who).ok('vehicles', 'vehicles.add', { homeId, plate: p, kind: 'car' });
    const res = await Promise.all(
      ['闽E20001', '闽E20002', '闽E20003', '闽E20004', '闽E20005'].map((plate) =>
        h.as(who).call('vehicles', 'vehicles.add', { homeId, plate, kind: 'car' }),
      ),
    );
    expect(res.every((r) => r.ok || ['VEHICLE_LIMIT', 'CONFLICT'].includes(r.error.code))).toBe(true);
    expect((await h.db.collection('vehicles').where({ homeId }).count()).total).toBe(5);
  });

  it('the register shows plates with rooms to the committee and the property office only', async () => {
    const reg = await h.as('txsj-committee').ok('vehicles', 'vehicles.register', { compoundId: TXSJ, size: 50 });
    expect(reg.total).toBeGreaterThan(200);
    expect(reg.items[0]).toEqual(expect.objectContaining({ plate: expect.any(String), homeLabel: expect.stringMatching(/栋/) }));
    expect((await h.as('txsj-manager').call('vehicles', 'vehicles.register', { compoundId: TXSJ })).ok).toBe(true);
    for (const who of [WU, LEAD5, 'txsj-staff', 'yjlt-committee'])
      expect((await h.as(who).call('vehicles', 'vehicles.register', { compoundId: TXSJ })).ok).toBe(false);
  });
});

describe('挪车', () => {
  it('吴晓峰 asks 陈阿婆 to close a window: she is messaged and alerted without his name, handles it; he sees 车主已处理 and nothing about her', async () => {
    h.emu.outbox.clear();
    const r = await ask(WU, '闽E·12345');
    expect(r).toMatchObject({
      ok: true,
      data: { as: 'requester', status: 'notified', statusLabel: '已通知车主', plateMasked: '闽E·12**5' },
    });
    const id = r.data.id;
    const msgs = sentTo();
    expect(msgs.map((m) => m.touser)).toEqual([h.as(CHEN).openid]);
    const wu = h.seed.people.find((p) => p._id === `p-${WU}`)!;
    expect(JSON.stringify(msgs)).not.toContain(wu.name);

    const home = await h.as(CHEN).ok('vehicles', 'vehicles.home', {});
    expect(home.alerts).toEqual([
      expect.objectContaining({
        id,
        as: 'household',
        reason: '车窗未关',
        plateLabel: '闽E·12345',
        actions: expect.arrayContaining(['handle', 'report']),
      }),
    ]);
    expect(strings(home).join('\n')).not.toContain(wu.name);
    const handled = await h.as(CHEN).ok('vehicles', 'vehicles.handle', { requestId: id });
    expect(handled).toMatchObject({ status: 'handled', statusLabel: '车主已处理' });
    expect((await h.as(CHEN).ok('vehicles', 'vehicles.home', {})).alerts).toEqual([]);

    // Every read action the requester has: nothing about the owner.
    const reads = [
      r.data,
      await h.as(WU).ok('vehicles', 'vehicles.get', { requestId: id }),
      await h.as(WU).ok('vehicles', 'vehicles.myRequests', {}),
      await h.as(WU).ok('vehicles', 'vehicles.home', {}),
      await h.as(WU).ok('vehicles', 'vehicles.mine', {}),
    ];
    expect(reads[1]).toMatchObject({ as: 'requester', status: 'handled', statusLabel: '车主已处理', actions: ['resolve'] });
    for (const x of reads) expectNothingOf(CHEN, DEMO_PLATES.chen, x);
    const done = await h.as(WU).ok('vehicles', 'vehicles.resolve', { requestId: id });
    expect(done).toMatchObject({ status: 'resolved', statusLabel: '已解决', actions: [] });
    expectNothingOf(CHEN, DEMO_PLATES.chen, done);
    // The household may not resolve for the requester, nor handle twice.
    expect(await h.as(CHEN).call('vehicles', 'vehicles.handle', { requestId: id })).toMatchObject({
      ok: false,
      error: { code: 'MOVE_STATE' },
    });
  });

  it('an owner who cannot be messaged: the building lead gets it and may call; the requester sees 已转物业 and nothing about the owner', async () => {
    h.emu.outbox.clear();
    const [asker] = await askers(h, TXSJ, 5).then((a) => a.slice(4));
    const r = await ask(asker, DEMO_PLATES.zheng, { reason: '挡道', note: '挡住了5栋车库出口' });
    expect(r).toMatchObject({ ok: true, data: { status: 'forwarded', statusLabel: '已转物业', plateMasked: '闽E·D1***5' } });
    expect(sentTo().map((m) => m.touser)).not.toContain(h.as(ZHENG).openid);
    const lead = await h.as(LEAD5).ok('vehicles', 'vehicles.home', {});
    const item = lead.queue.find((q: { id: string }) => q.id === r.data.id);
    const zheng = h.seed.people.find((p) => p._id === `p-${ZHENG}`)!;
    expect(item).toMatchObject({
      as: 'responder',
      homeLabel: '5栋1单元702',
      contacts: [{ name: '郑**', phone: zheng.phone }],
      actions: expect.arrayContaining(['handle', 'unreachable']),
    });
    // He still sees the alert on his own home card.
    expect((await h.as(ZHENG).ok('vehicles', 'vehicles.home', {})).alerts.map((a: { id: string }) => a.id)).toContain(r.data.id);
    // Another lead (3栋) does not get it.
    expect(await h.as('txsj-lead-3').call('vehicles', 'vehicles.get', { requestId: r.data.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await h.as(LEAD5).ok('vehicles', 'vehicles.handle', { requestId: r.data.id });
    const seen = await h.as(asker).ok('vehicles', 'vehicles.get', { requestId: r.data.id });
    expect(seen).toMatchObject({ statusLabel: '车主已处理' });
    for (const x of [
      r.data,
      seen,
      await h.as(asker).ok('vehicles', 'vehicles.myRequests', {}),
      await h.as(asker).ok('vehicles', 'vehicles.home', {}),
    ])
      expectNothingOf(ZHENG, DEMO_PLATES.zheng, x);
  });

  it('an unregistered plate goes to the property office, which can mark 无法联系', async () => {
    const [asker] = await askers(h, TXSJ, 6).then((a) => a.slice(5));
    const r = await ask(asker, '闽A0000Z');
    expect(r.data).toMatchObject({ status: 'forwarded' });
    const q = await h.as('txsj-manager').ok('vehicles', 'vehicles.queue', { compoundId: TXSJ });
    expect(q.items.find((x: { id: string }) => x.id === r.data.id)).toMatchObject({ homeLabel: null, contacts: [] });
    const out = await h.as('txsj-staff').ok('vehicles', 'vehicles.unreachable', { requestId: r.data.id });
    expect(out.status).toBe('unreachable');
    expect((await h.as(asker).ok('vehicles', 'vehicles.get', { requestId: r.data.id })).statusLabel).toBe('无法联系');
  });

  it('refuses one’s own plate, and someone outside the compound', async () => {
    expect(await ask(CHEN, DEMO_PLATES.chen)).toMatchObject({ ok: false, error: { code: 'VEHICLE_OWN' } });
    expect(
      await h.as('yjlt-resident-5').call('vehicles', 'vehicles.request', {
        clientRequestId: newRequestId(),
        compoundId: TXSJ,
        plate: DEMO_PLATES.chen,
        reason: '挡道',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a retry with the same clientRequestId returns the first request', async () => {
    const [asker] = await askers(h, TXSJ, 7).then((a) => a.slice(6));
    const crid = newRequestId();
    const body = { clientRequestId: crid, compoundId: TXSJ, plate: '闽E66Q01', reason: '漏油' };
    const a = await h.as(asker).ok('vehicles', 'vehicles.request', body);
    const b = await h.as(asker).ok('vehicles', 'vehicles.request', body);
    expect(b.id).toBe(a.id);
    expect((await h.db.collection('moveRequests').where({ clientRequestId: crid }).count()).total).toBe(1);
  });
});

describe('photos', () => {
  it('go through the image check: the household sees a photo only once it passed, never a risky one; only own uploads', async () => {
    const cars = (await h.db.collection('vehicles').where({ compoundId: TXSJ, kind: 'car' }).skip(40).limit(60).get()).data as {
      plate: string;
      homeId: string;
    }[];
    const owned = cars
      .map((c) => ({ c, m: h.seed.memberships.find((m) => m.homeId === c.homeId && m.personId.startsWith('p-gen-')) }))
      .filter((x) => x.m);
    const [a, b] = await askers(h, TXSJ, 9).then((x) => x.slice(7, 9));
    const upload = async (who: string, name: string) => {
      const openid = h.as(who).openid;
      return (
        (await h.emu.runAs({ openid, source: 'wx_client' }, () =>
          h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/vehicles/${name}`, fileContent: Buffer.from('\x89PNG demo') }),
        )) as { fileID: string }
      ).fileID;
    };
    // Someone else's upload is refused like any bad reference.
    expect(await ask(a, owned[0].c.plate, { photos: [await upload(b, 'x.png')] })).toMatchObject({
      ok: false,
      error: { code: 'FILE_INVALID' },
    });
    const good = await ask(a, owned[0].c.plate, { photos: [await upload(a, 'car.png')] });
    const bad = await ask(b, owned[1].c.plate, { photos: [await upload(b, 'risky-car.png')] });
    const owner = (i: number) => h.as(owned[i].m!.personId.replace(/^p-/, ''));
    expect((await owner(0).ok('vehicles', 'vehicles.get', { requestId: good.data.id })).photo).toEqual({ url: '', check: 'pending' });
    expect(good.data.photo).toMatchObject({ check: 'pending', url: expect.stringContaining('car.png') });
    await h.emu.deliverMediaChecks();
    expect((await owner(0).ok('vehicles', 'vehicles.get', { requestId: good.data.id })).photo).toMatchObject({
      check: 'pass',
      url: expect.stringContaining('car.png'),
    });
    expect((await owner(1).ok('vehicles', 'vehicles.get', { requestId: bad.data.id })).photo).toEqual({ url: '', check: 'risky' });
  });
});

describe('against abuse', () => {
  it('the same plate once in 10 minutes, whoever asks; 20 parallel requests for one plate make one', async () => {
    const people = await askers(h, TXSJ, 40).then((a) => a.slice(10, 30));
    const res = await Promise.all(people.map((who) => ask(who, '闽E8K888')));
    expect(res.filter((r) => r.ok)).toHaveLength(1);
    expect(res.filter((r) => !r.ok).every((r) => ['RATE_LIMITED', 'CONFLICT'].includes(r.error.code))).toBe(true);
    expect((await h.db.collection('moveRequests').where({ plate: '闽E8K888' }).count()).total).toBe(1);
    const again = await ask(people[0], '闽E8K888');
    expect(again).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('10分钟') } });
  });

  it('at most 5 a day per requester, also when 20 are sent in parallel', async () => {
    const [who] = await askers(h, TXSJ, 41).then((a) => a.slice(40));
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(who, `闽E7${String(i).padStart(4, '0')}`)));
    expect(res.filter((r) => !r.ok).every((r) => ['RATE_LIMITED', 'CONFLICT'].includes(r.error.code))).toBe(true);
    const made = (
      await h.db
        .collection('moveRequests')
        .where({ requesterId: `p-${who}` })
        .count()
    ).total;
    expect(made).toBeLessThanOrEqual(5);
    expect(made).toBe(res.filter((r) => r.ok).length);
    // Sequentially, up to the limit, then refused with a reason.
    for (let i = made; i < 5; i++) expect((await ask(who, `闽E6${String(i).padStart(4, '0')}`)).ok).toBe(true);
    expect(await ask(who, '闽E59999')).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('每人每天最多') },
    });
  });

  it('the owner reports harassment; the property office sees repeat requesters', async () => {
    const [asker] = await askers(h, TXSJ, 42).then((a) => a.slice(41));
    // A plate of a generated home with a resident who can sign in.
    const cars = (await h.db.collection('vehicles').where({ compoundId: TXSJ, kind: 'car' }).limit(200).get()).data as {
      plate: string;
      homeId: string;
    }[];
    const owned = cars
      .map((c) => ({ c, m: h.seed.memberships.find((m) => m.homeId === c.homeId && m.personId.startsWith('p-gen-')) }))
      .find((x) => x.m)!;
    const r = await ask(asker, owned.c.plate, { reason: '其他' });
    const rep = await h.as(owned.m!.personId.replace(/^p-/, '')).ok('vehicles', 'vehicles.report', { requestId: r.data.id });
    expect(rep).toMatchObject({ reported: true });
    expect(rep.actions).not.toContain('report');
    const list = await h.as('txsj-manager').ok('vehicles', 'vehicles.repeat', { compoundId: TXSJ });
    expect(list.items.find((x: { personId: string }) => x.personId === `p-${asker}`)).toMatchObject({ reported: 1, requests: 1 });
    // The demo's frequent asker (5 requests this week).
    expect(list.items.some((x: { requests: number }) => x.requests >= 5)).toBe(true);
    expect(await h.as('txsj-committee').call('vehicles', 'vehicles.repeat', { compoundId: TXSJ })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('figures and retention', () => {
  it('monthly figures: requests, median minutes to 车主已处理, share forwarded', async () => {
    const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const s = await h.as('txsj-committee').ok('vehicles', 'vehicles.stats', { compoundId: TXSJ, period });
    expect(s.requests).toBeGreaterThan(0);
    expect(s.forwardedPercent).toBeGreaterThan(0);
    expect(s.medianMinutes).toEqual(expect.any(Number));
  });
  it('the community office reads every compound’s month in one call, the same figures as each compound’s', async () => {
    const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const all = await h.as('community-admin').ok('vehicles', 'vehicles.communityStats', { communityId: 'qiaoxing', period });
    expect(all.compounds.map((c: any) => c.compoundId)).toEqual(['txsj', 'yjlt']);
    expect(all.compounds[0]).toEqual(await h.as('txsj-committee').ok('vehicles', 'vehicles.stats', { compoundId: TXSJ, period }));
  });
});
