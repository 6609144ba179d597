/**
 * Owners' votes through the emulator: announcement and roll, ballots (owners only,
 * once per owner, changeable until the close), paper ballots with evidence, a home
 * sold during the vote, the live count, closing, published results without names,
 * the export, reminders and the consultation-only setting. The attacks of the issue
 * are here too: each refused with a typed error and nothing written.
 */
import ExcelJS from 'exceljs';
import { main as votes } from '../../cloudfunctions/votes';
import { VOTE_TEMPLATE_ID } from '../../core/votes/contract';
import { OUTBOX } from '../../emulator';
import { VOTES_DEMO } from '../../scripts/lib/seed-votes';
import { createHarness, newRequestId, type Harness } from '../support/harness';

const DAY = 24 * 3600 * 1000;
jest.setTimeout(60_000);
let h: Harness;
/** Every collection's count, without the job worker's own (the reminder job below keeps running on its timer). */
const snapshot = async () =>
  (await h.snapshot())
    .split(',')
    .filter((p) => !/^(jobs|jobEffects|subscriptions):/.test(p))
    .join(',');
beforeAll(async () => {
  h = await createHarness({ votes: votes as any }, undefined, { features: ['votes'] });
});
afterEach(() => jest.useRealTimers());
afterAll(() => {
  jest.useRealTimers();
  h.close();
});

/** Move only Date (the emulator's own timers keep running on the real clock). */
function travel(to: Date) {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  jest.setSystemTime(to);
}

const RENEW = VOTES_DEMO.renew;
const CHARGING = VOTES_DEMO.charging;
const HE_HOME = 'yjlt-b5_1_301'; // 何玉兰
const get = (who: string, matterId: string) => h.as(who).ok('votes', 'matters.get', { matterId });
const cast = (who: string, matterId: string, homeId: string, choice: string) =>
  h.as(who).call('votes', 'ballots.cast', { matterId, homeId, choices: [choice] });
async function tally(matterId: string) {
  return (await h.db.collection('voteTallies').where({ _id: matterId }).get()).data[0] as any;
}
/** A generated owner of 御家兰庭 (not one of the named people), and their home. */
function genOwner(nth: number, building?: string) {
  const ms = h.seed.memberships.filter(
    (m) => m.compoundId === 'yjlt' && m.personId.startsWith('p-gen-') && m.relation === 'owner' && (!building || m.buildingId === building),
  );
  const m = ms[nth];
  return { openid: h.seed.people.find((p) => p._id === m.personId)!.openid, homeId: m.homeId, personId: m.personId };
}
async function ballotOf(matterId: string, homeId: string) {
  const entry = (await h.db.collection('voteRoll').where({ matterId, homeIds: homeId }).get()).data[0] as any;
  return (await h.db.collection('voteBallots').where({ _id: entry._id }).get()).data[0] as any;
}
async function upload(openid: string, purpose: string, name: string) {
  return (await h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/${purpose}/${name}`, fileContent: Buffer.from('jpg') })).fileID as string;
}
async function unvotedOwner(matterId: string, skip = 0) {
  for (const m of h.seed.memberships.filter((x) => x.compoundId === 'yjlt' && x.relation === 'owner' && x.personId.startsWith('p-gen-'))) {
    if (!(await ballotOf(matterId, m.homeId))) {
      if (skip-- > 0) continue;
      return { openid: h.seed.people.find((p) => p._id === m.personId)!.openid, homeId: m.homeId, personId: m.personId };
    }
  }
  throw new Error('none');
}

describe('the demo: 御家兰庭 renews its property company', () => {
  it('an owner sees the open vote, whether her home voted, and the roll; the committee sees the live count', async () => {
    const list = await h.as('yjlt-resident-5').ok('votes', 'matters.list', { openOnly: true });
    expect(list.map((m: any) => m.id)).toEqual([RENEW]);
    expect(list[0]).toMatchObject({ phase: 'open', myHomes: [{ homeId: HE_HOME, voted: false, canCast: true }] });
    expect(list[0].live).toBeUndefined();
    const d = await get('yjlt-resident-5', RENEW);
    expect(d.result).toBeUndefined();
    expect(d.roll.owners).toBeLessThan(296); // the developer's six homes are one owner; one owner holds three
    const c = await get('yjlt-committee', RENEW);
    expect(c.result.turnout.met).toBe(false);
    expect(c.result.missing).toMatch(/^还差 \d+ 户 \/ [\d,]+\.\d\d m² 参与$/);
    expect(c.paperBallots).toBeGreaterThan(0);
    const roll = await h.as('yjlt-resident-5').ok('votes', 'roll.list', { matterId: RENEW, size: 50 });
    expect(roll.frozen).toBe(true);
    const dev = (
      await h.as('yjlt-committee').ok('votes', 'roll.list', { matterId: RENEW, size: 50, cursor: String(roll.totals.owners - 50) })
    ).items;
    expect(roll.items[0]).toEqual({
      homes: [{ homeId: expect.any(String), label: expect.any(String), areaCenti: expect.any(Number) }],
      areaCenti: expect.any(Number),
      developer: false,
    });
    expect(dev.length).toBeGreaterThan(0);
  });

  it('the roll never carries names', async () => {
    const text = JSON.stringify(await h.as('yjlt-resident-5').ok('votes', 'roll.list', { matterId: RENEW, size: 50 }));
    for (const p of h.seed.people) expect(text).not.toContain(p.name);
  });
});

describe('ballots: owners bound to the home, one per owner, changeable until the close', () => {
  it('an owner votes, changes her mind, and the tally moves once', async () => {
    const before = await tally(RENEW);
    const r = await h.as('yjlt-resident-5').ok('votes', 'ballots.cast', { matterId: RENEW, homeId: HE_HOME, choices: ['approve'] });
    expect(r).toMatchObject({ voted: true, via: 'online', choices: ['approve'], canCast: true });
    const mid = await tally(RENEW);
    expect(mid.participants.owners).toBe(before.participants.owners + 1);
    expect(mid.choices.approve.owners).toBe(before.choices.approve.owners + 1);
    await h.as('yjlt-resident-5').ok('votes', 'ballots.cast', { matterId: RENEW, homeId: HE_HOME, choices: ['reject'] });
    const after = await tally(RENEW);
    expect(after.participants).toEqual(mid.participants);
    expect(after.choices.approve.owners).toBe(before.choices.approve.owners);
    expect(after.choices.reject.owners).toBe(before.choices.reject.owners + 1);
    expect((await ballotOf(RENEW, HE_HOME)).changes).toBe(1);
  });

  it('50 parallel casts by one owner: one ballot, counted once', async () => {
    const o = await unvotedOwner(RENEW);
    const before = await tally(RENEW);
    const rs = await Promise.all(Array.from({ length: 50 }, (_, i) => cast(o.openid, RENEW, o.homeId, i % 2 ? 'approve' : 'reject')));
    expect(rs.some((r) => r.ok)).toBe(true);
    expect(rs.flatMap((r) => (r.ok ? [] : [r.error.code])).filter((c) => c !== 'CONFLICT')).toEqual([]);
    const after = await tally(RENEW);
    expect(after.participants.owners).toBe(before.participants.owners + 1);
    const b = await ballotOf(RENEW, o.homeId);
    const sum = Object.values(after.choices as Record<string, { owners: number }>).reduce((s, v) => s + v.owners, 0);
    const sumBefore = Object.values(before.choices as Record<string, { owners: number }>).reduce((s, v) => s + v.owners, 0);
    expect(sum).toBe(sumBefore + 1);
    expect(b.choices).toHaveLength(1);
  });

  it('30 different owners cast at once: none is refused, and the live count equals a recount of the ballots', async () => {
    const ms: { openid: string; homeId: string }[] = [];
    for (let i = 0; ms.length < 30; i++) ms.push(await unvotedOwner(RENEW, 20 + i));
    const before = await tally(RENEW);
    const rs = await Promise.all(ms.map((o, i) => cast(o.openid, RENEW, o.homeId, i % 4 ? 'approve' : 'reject')));
    expect(rs.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(ms.map(() => 'ok'));
    const after = await tally(RENEW);
    expect(after.participants.owners).toBe(before.participants.owners + 30);
    const all = (await h.db.collection('voteBallots').where({ matterId: RENEW }).limit(1000).get()).data as any[];
    const entries = new Map(
      ((await h.db.collection('voteRoll').where({ matterId: RENEW }).limit(1000).get()).data as any[]).map((e) => [e._id, e.areaCenti]),
    );
    expect(after.participants).toEqual({ owners: all.length, areaCenti: all.reduce((s, b) => s + entries.get(b._id), 0) });
    expect(after.choices.approve.owners).toBe(all.filter((b) => b.choices[0] === 'approve').length);
  });

  it('a tenant cannot vote; nor someone for a home they are not bound to; nor an owner of another compound', async () => {
    const tenantHome = genOwner(3).homeId;
    await h.db.collection('people').add({
      data: {
        _id: 'p-yjlt-tenant',
        openid: 'demo-yjlt-tenant',
        name: '租客小李',
        partyMember: false,
        showPartyBadge: false,
        createdAt: new Date(),
      },
    });
    await h.db.collection('memberships').add({
      data: {
        _id: `p-yjlt-tenant_${tenantHome}`,
        personId: 'p-yjlt-tenant',
        homeId: tenantHome,
        buildingId: tenantHome.split('_')[0],
        compoundId: 'yjlt',
        communityId: 'qiaoxing',
        relation: 'tenant',
        status: 'active',
        via: 'seed',
        createdAt: new Date(),
      },
    });
    const snap = await snapshot();
    const t = await cast('demo-yjlt-tenant', RENEW, tenantHome, 'approve');
    expect(t.ok ? 'ok' : t.error).toMatchObject({ code: 'VOTE_NOT_OWNER', message: expect.stringContaining('租户') });
    const me = await h.as('demo-yjlt-tenant').ok('votes', 'matters.get', { matterId: RENEW });
    expect(me.myHomes[0]).toMatchObject({ canCast: false, cannotReason: expect.stringContaining('租户') });
    expect((await cast('yjlt-resident-5', RENEW, genOwner(4).homeId, 'approve')).ok ? 'ok' : 'refused').toBe('refused');
    expect(((await cast('yjlt-resident-5', RENEW, genOwner(4).homeId, 'approve')) as any).error.code).toBe('VOTE_NOT_OWNER');
    expect(((await cast('txsj-resident-3', RENEW, 'txsj-b3_2_101', 'approve')) as any).error.code).toBe('NOT_FOUND');
    expect(((await cast('yjlt-resident-5', RENEW, HE_HOME, 'maybe')) as any).error.code).toBe('BAD_REQUEST');
    expect(
      (
        (await h
          .as('yjlt-resident-5')
          .call('votes', 'ballots.cast', { matterId: RENEW, homeId: HE_HOME, choices: ['approve'], openid: 'x' })) as any
      ).error.code,
    ).toBe('BAD_REQUEST');
    expect(await snapshot()).toBe(snap);
  });
});

describe('who is one owner, in the function', () => {
  it('co-owners of one home share one ballot: the first casts, the other sees it and may change it, counted once', async () => {
    await h.db.collection('people').add({
      data: {
        _id: 'p-he-spouse',
        openid: 'demo-he-spouse',
        name: '周建国',
        partyMember: false,
        showPartyBadge: false,
        createdAt: new Date(),
      },
    });
    await h.db.collection('memberships').add({
      data: {
        _id: `p-he-spouse_${HE_HOME}`,
        personId: 'p-he-spouse',
        homeId: HE_HOME,
        buildingId: 'yjlt-b5',
        compoundId: 'yjlt',
        communityId: 'qiaoxing',
        relation: 'owner',
        status: 'active',
        via: 'seed',
        createdAt: new Date(),
      },
    });
    const seen = (await get('demo-he-spouse', RENEW)).myHomes[0];
    expect(seen).toMatchObject({ voted: true, castBy: '何**', canCast: true, origin: expect.stringMatching(/^由 何\*\* 于 .+ 在线投票$/) });
    const before = await tally(RENEW);
    await h.as('demo-he-spouse').ok('votes', 'ballots.cast', { matterId: RENEW, homeId: HE_HOME, choices: ['abstain'] });
    const after = await tally(RENEW);
    expect(after.participants).toEqual(before.participants);
    expect((await get('yjlt-resident-5', RENEW)).myHomes[0]).toMatchObject({ choices: ['abstain'], castBy: '周**' });
  });
  it("an owner of three homes votes once, with the three areas; the developer's unsold homes are one entry", async () => {
    const entries = (await h.db.collection('voteRoll').where({ matterId: RENEW }).limit(1000).get()).data as any[];
    const multi = entries.find((e) => e.homeIds.length === 3 && !e.developer)!;
    const dev = entries.find((e) => e.developer)!;
    expect(dev.homeIds).toHaveLength(6);
    expect(multi.areaCenti).toBe(multi.homes.reduce((s: number, x: any) => s + x.areaCenti, 0));
    const bound = h.seed.memberships.find((m) => multi.homeIds.includes(m.homeId) && m.relation === 'owner')!;
    const who = h.seed.people.find((p) => p._id === bound.personId)!.openid;
    const before = await tally(RENEW);
    if (!multi.voted) await h.as(who).ok('votes', 'ballots.cast', { matterId: RENEW, homeId: bound.homeId, choices: ['approve'] });
    const after = await tally(RENEW);
    // A home not yet voted adds one owner and its area; one already voted leaves the tally as it was.
    const added = multi.voted ? { owners: 0, areaCenti: 0 } : { owners: 1, areaCenti: multi.areaCenti };
    expect({ owners: after.participants.owners, areaCenti: after.participants.areaCenti }).toEqual({
      owners: before.participants.owners + added.owners,
      areaCenti: before.participants.areaCenti + added.areaCenti,
    });
    expect(((await h.as(who).ok('votes', 'matters.get', { matterId: RENEW })).myHomes[0] as any).sameOwnerHomes).toBe(2);
  });
});

describe('paper ballots need evidence and never overwrite an online one', () => {
  it("refused without a photo, with someone else's file, for a home that voted online; entered with who entered it", async () => {
    const o = await unvotedOwner(RENEW, 2);
    const committee = h.as('yjlt-committee');
    const mine = await upload(committee.openid, 'votepaper', 'ballot-1.jpg');
    const theirs = await upload('demo-yjlt-resident-5', 'votepaper', 'fake.jpg');
    const snap = await snapshot();
    const base = { matterId: RENEW, homeId: o.homeId, choices: ['approve'] };
    expect(
      ((await committee.call('votes', 'ballots.paper', { ...base, clientRequestId: newRequestId(), photos: [] })) as any).error.code,
    ).toBe('BAD_REQUEST');
    expect(
      ((await committee.call('votes', 'ballots.paper', { ...base, clientRequestId: newRequestId(), photos: [theirs] })) as any).error.code,
    ).toBe('FILE_INVALID');
    expect(
      (
        (await committee.call('votes', 'ballots.paper', {
          ...base,
          homeId: HE_HOME,
          clientRequestId: newRequestId(),
          photos: [mine],
        })) as any
      ).error,
    ).toMatchObject({ code: 'VOTE_ALREADY_CAST', message: expect.stringContaining('在线投票') });
    expect(
      (
        (await h
          .as('yjlt-resident-5')
          .call('votes', 'ballots.paper', { ...base, clientRequestId: newRequestId(), photos: [theirs] })) as any
      ).error.code,
    ).toBe('FORBIDDEN');
    expect(await snapshot()).toBe(snap);
    const crid = newRequestId();
    const p = await committee.ok('votes', 'ballots.paper', { ...base, clientRequestId: crid, photos: [mine] });
    expect(p).toMatchObject({ enteredBy: '吴丽华', choices: ['approve'], photos: [{ fileID: mine, url: expect.any(String) }] });
    // A retry of the same entry answers the same ballot.
    expect((await committee.ok('votes', 'ballots.paper', { ...base, clientRequestId: crid, photos: [mine] })).id).toBe(p.id);
    // The owner cannot override it online; a second paper entry is refused.
    expect(((await cast(o.openid, RENEW, o.homeId, 'reject')) as any).error.code).toBe('VOTE_ALREADY_CAST');
    // The owner sees their own vote on paper, entered by the committee (not cast by the member).
    const own = (await get(o.openid, RENEW)).myHomes.find((x: any) => x.homeId === o.homeId);
    expect(own).toMatchObject({ via: 'paper', castBy: '吴**', origin: expect.stringMatching(/^纸质票，由业委会 吴\*\* 于 .+ 录入$/) });
    expect(
      ((await committee.call('votes', 'ballots.paper', { ...base, clientRequestId: newRequestId(), photos: [mine] })) as any).error.code,
    ).toBe('VOTE_ALREADY_CAST');
    const list = await committee.ok('votes', 'ballots.paperList', { matterId: RENEW, size: 50 });
    expect(list.items.some((x: any) => x.id === p.id)).toBe(true);
  });
});

describe('a home sold while the vote is open', () => {
  async function sell(homeId: string, key: string) {
    await h.db
      .collection('homes')
      .doc(homeId)
      .update({ data: { registeredOwners: [{ name: `新业主${key}`, phone: '13700000000' }] } });
    await h.db
      .collection('memberships')
      .where({ homeId })
      .update({ data: { status: 'left' } });
    await h.db.collection('people').add({
      data: {
        _id: `p-buyer-${key}`,
        openid: `demo-buyer-${key}`,
        name: `新业主${key}`,
        partyMember: false,
        showPartyBadge: false,
        createdAt: new Date(),
      },
    });
    await h.db.collection('memberships').add({
      data: {
        _id: `p-buyer-${key}_${homeId}`,
        personId: `p-buyer-${key}`,
        homeId,
        buildingId: homeId.split('_')[0],
        compoundId: 'yjlt',
        communityId: 'qiaoxing',
        relation: 'owner',
        status: 'active',
        via: 'seed',
        createdAt: new Date(),
      },
    });
    return `demo-buyer-${key}`;
  }
  it('the new owner may not vote when the previous owner did', async () => {
    const o = await unvotedOwner(RENEW, 5);
    await h.as(o.openid).ok('votes', 'ballots.cast', { matterId: RENEW, homeId: o.homeId, choices: ['approve'] });
    const buyer = await sell(o.homeId, 'a');
    const snap = await snapshot();
    expect(((await cast(buyer, RENEW, o.homeId, 'reject')) as any).error.code).toBe('VOTE_PREVIOUS_OWNER_VOTED');
    expect(await snapshot()).toBe(snap);
  });
  it('the new owner may vote when the previous owner did not (with the area on the frozen roll)', async () => {
    const o = await unvotedOwner(RENEW, 6);
    const buyer = await sell(o.homeId, 'b');
    const r = await h.as(buyer).ok('votes', 'ballots.cast', { matterId: RENEW, homeId: o.homeId, choices: ['approve'] });
    expect(r.voted).toBe(true);
  });
});

describe('reminders to owners who have not voted (a job of subscribe messages)', () => {
  it('messages an unvoted owner who granted one; lists the unvoted for door-to-door', async () => {
    const o = await unvotedOwner(RENEW, 8);
    await h.as(o.openid).ok('votes', 'votes.subscribe', { templateId: VOTE_TEMPLATE_ID, accepted: true });
    const before = h.emu.outbox.list({ kind: OUTBOX.subscribe }).length;
    const r = await h.as('yjlt-committee').ok('votes', 'matters.remind', { clientRequestId: newRequestId(), matterId: RENEW });
    expect(r.jobId).toBeTruthy();
    for (let i = 0; i < 10 && !(await h.as('yjlt-committee').ok('votes', 'matters.jobStatus', { jobId: r.jobId })).finishedAt; i++) {
      await h.emu.invoke('votes', { Type: 'Timer', TriggerName: 'jobs' }, { openid: '', source: 'wx_trigger' });
    }
    const msgs = h.emu.outbox
      .list({ kind: OUTBOX.subscribe })
      .slice(before)
      .map((e) => e.payload as any);
    expect(msgs.filter((m) => m.touser === o.openid)).toHaveLength(1);
    const unvoted = await h.as('yjlt-committee').ok('votes', 'matters.unvoted', { matterId: RENEW, size: 20 });
    expect(unvoted.total).toBeGreaterThan(0);
    expect(JSON.stringify(unvoted)).not.toMatch(/name/);
  });
});

describe('announcement, the roll and its freezing', () => {
  let id: string;
  const opens = () => new Date(Date.now() + 16 * DAY);
  it('a vote cannot open before a 15-day announcement; invisible characters in a title are refused; nothing is written', async () => {
    const snap = await snapshot();
    const base = { compoundId: 'yjlt', title: '增设快递柜', description: '说明', kind: 9, format: 'approval' };
    const early = await h.as('yjlt-committee').call('votes', 'matters.create', {
      ...base,
      clientRequestId: newRequestId(),
      opensAt: new Date(Date.now() + 10 * DAY).toISOString(),
      closesAt: new Date(Date.now() + 20 * DAY).toISOString(),
    });
    expect((early as any).error.code).toBe('VOTE_NOTICE_TOO_SHORT');
    for (const title of ['增设\u200B快递柜', '\u202E柜递快设增', '\u0000', '   ']) {
      const r = await h.as('yjlt-committee').call('votes', 'matters.create', {
        ...base,
        title,
        clientRequestId: newRequestId(),
        opensAt: opens().toISOString(),
        closesAt: new Date(opens().getTime() + 7 * DAY).toISOString(),
      });
      expect((r as any).error.code).toBe('BAD_REQUEST');
    }
    expect(await snapshot()).toBe(snap);
  });
  it('create → announce (roll shown, residents can object) → open (roll frozen; the register moving changes nothing) → close → results without names', async () => {
    const committee = h.as('yjlt-committee');
    const doc = await upload(committee.openid, 'votedocs', 'plan.pdf');
    const crid = newRequestId();
    const input = {
      clientRequestId: crid,
      compoundId: 'yjlt',
      title: '增设智能快递柜',
      description: '在各楼栋入口增设快递柜。',
      kind: 9,
      format: 'approval',
      documents: [doc],
      opensAt: opens().toISOString(),
      closesAt: new Date(opens().getTime() + 7 * DAY).toISOString(),
      secret: true,
    };
    const draft = await committee.ok('votes', 'matters.create', input);
    id = draft.id;
    expect((await committee.ok('votes', 'matters.create', input)).id).toBe(id); // a retry is the same matter
    expect(draft).toMatchObject({ phase: 'draft', documents: [{ fileID: doc }] });
    expect(((await h.as('yjlt-resident-5').call('votes', 'matters.get', { matterId: id })) as any).error.code).toBe('NOT_FOUND');
    const ann = await committee.ok('votes', 'matters.announce', { matterId: id });
    expect(ann).toMatchObject({ phase: 'announced', rollFrozen: false, roll: { owners: expect.any(Number) } });
    expect(((await cast('yjlt-resident-5', id, HE_HOME, 'approve')) as any).error.code).toBe('VOTE_NOT_OPEN');
    await committee.ok('votes', 'roll.rebuild', { matterId: id });

    travel(new Date(Date.now() + 17 * DAY));
    const rollBefore = await h.as('yjlt-resident-5').ok('votes', 'roll.list', { matterId: id, size: 5 });
    expect(rollBefore.frozen).toBe(true);
    const first = rollBefore.items[0];
    // The register changes after the opening: the roll does not move.
    const firstHome = (await h.db.collection('voteRoll').where({ matterId: id }).orderBy('sort', 'asc').limit(1).get()).data[0] as any;
    await h.db
      .collection('homes')
      .doc(firstHome.homeIds[0])
      .update({ data: { areaCenti: 1 } });
    const snap = await snapshot();
    expect(((await committee.call('votes', 'roll.rebuild', { matterId: id })) as any).error.code).toBe('VOTE_ROLL_FROZEN');
    expect(await snapshot()).toBe(snap);
    const rollAfter = await h.as('yjlt-resident-5').ok('votes', 'roll.list', { matterId: id, size: 5 });
    expect(rollAfter.items[0]).toEqual(first);
    expect(rollAfter.totals).toEqual(rollBefore.totals);

    await h.as('yjlt-resident-5').ok('votes', 'ballots.cast', { matterId: id, homeId: HE_HOME, choices: ['approve'] });
    expect(((await committee.call('votes', 'matters.close', { matterId: id })) as any).error.code).toBe('VOTE_NOT_ENDED');

    travel(new Date(Date.now() + 8 * DAY));
    const snap2 = await snapshot();
    expect(((await cast('yjlt-resident-5', id, HE_HOME, 'reject')) as any).error.code).toBe('VOTE_NOT_OPEN');
    expect(await snapshot()).toBe(snap2);
    const closed = await committee.ok('votes', 'matters.close', { matterId: id });
    expect(closed).toMatchObject({ phase: 'preliminary', result: { turnout: { owners: 1, met: false } } });
    expect(((await committee.call('votes', 'matters.finalize', { matterId: id })) as any).error.code).toBe('VOTE_NOT_ENDED');
    // Secret: results show who voted, never what.
    const res = await h.as('yjlt-resident-5').ok('votes', 'matters.results', { matterId: id, size: 50 });
    expect(res.secret).toBe(true);
    expect(res.items.every((r: any) => r.choice === undefined)).toBe(true);
    travel(new Date(Date.now() + 8 * DAY));
    expect((await committee.ok('votes', 'matters.finalize', { matterId: id })).phase).toBe('final');
    jest.useRealTimers();
  });
});

describe('closing, results and the export', () => {
  it('the vote that ended yesterday is counted from its ballots and published; rows show room, area and choice, never names', async () => {
    const committee = h.as('yjlt-committee');
    expect(((await committee.call('votes', 'matters.close', { matterId: RENEW })) as any).error.code).toBe('VOTE_NOT_ENDED');
    expect(((await h.as('yjlt-resident-5').call('votes', 'matters.results', { matterId: CHARGING, size: 10 })) as any).error.code).toBe(
      'VOTE_STATE',
    );
    const live = (await get('yjlt-committee', CHARGING)).result;
    const d = await committee.ok('votes', 'matters.close', { matterId: CHARGING });
    expect(d.phase).toBe('preliminary');
    // The recount from the ballots agrees with the running tally.
    expect(d.result.turnout).toEqual(live.turnout);
    expect(d.result.choices).toEqual(live.choices);
    expect(d.objectionEndsAt).toBeTruthy();
    const res = await h.as('yjlt-resident-5').ok('votes', 'matters.results', { matterId: CHARGING, size: 50 });
    expect(res.items[0]).toEqual(
      expect.objectContaining({ label: expect.any(String), areaCenti: expect.any(Number), voted: expect.any(Boolean) }),
    );
    expect(res.items.some((r: any) => r.choice === '同意')).toBe(true);
    const text = JSON.stringify(res);
    for (const p of h.seed.people) expect(text).not.toContain(p.name);
    for (const hm of h.seed.homes.filter((x) => x.compoundId === 'yjlt').slice(0, 50))
      for (const o of hm.registeredOwners) expect(text).not.toContain(o.name);
    expect(((await committee.call('votes', 'matters.close', { matterId: CHARGING })) as any).error.code).toBe('VOTE_STATE');
  });

  it('exports an .xlsx with the result and the signed paper ballots', async () => {
    const x = await h.as('yjlt-committee').ok('votes', 'matters.export', { matterId: CHARGING });
    expect(x.fileName).toMatch(/^御家兰庭-表决结果-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const buf = (await h.emu.sdk.downloadFile({ fileID: x.fileID })).fileContent as Buffer;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as any);
    const paper = wb.getWorksheet('纸质表决票')!;
    expect(paper.rowCount).toBeGreaterThan(1);
    expect(String(paper.getRow(2).getCell(3).value)).toBe('吴丽华');
    expect(((await h.as('yjlt-resident-5').call('votes', 'matters.export', { matterId: CHARGING })) as any).error.code).toBe('FORBIDDEN');
  });

  it("the election of three years ago is final with each candidate's owners and area", async () => {
    const d = await get('yjlt-resident-5', VOTES_DEMO.election);
    expect(d.phase).toBe('final');
    expect(d.result.elected.length).toBeGreaterThan(0);
    expect(d.result.choices.find((c: any) => c.id === 'c1')).toMatchObject({ owners: expect.any(Number), areaCenti: expect.any(Number) });
  });
});

describe('consultation only (cities whose binding online votes use the government system)', () => {
  it('the community office sets it; every vote page and result then says 仅供征求意见 and why', async () => {
    expect(
      ((await h.as('yjlt-committee').call('votes', 'settings.set', { compoundId: 'yjlt', consultationOnly: true })) as any).error.code,
    ).toBe('FORBIDDEN');
    const s = await h.as('community-admin').ok('votes', 'settings.set', { compoundId: 'yjlt', consultationOnly: true });
    expect(s).toMatchObject({ consultationOnly: true, reason: expect.stringContaining('政府') });
    expect((await get('yjlt-resident-5', RENEW)).consultation).toMatchObject({ label: '仅供征求意见' });
    expect((await h.as('yjlt-resident-5').ok('votes', 'matters.list', {}))[0].consultation.label).toBe('仅供征求意见');
    expect((await h.as('yjlt-resident-5').ok('votes', 'matters.results', { matterId: CHARGING, size: 1 })).consultation.label).toBe(
      '仅供征求意见',
    );
    await h.as('community-admin').ok('votes', 'settings.set', { compoundId: 'yjlt', consultationOnly: false });
    expect((await get('yjlt-resident-5', RENEW)).consultation).toBeUndefined();
  });
});
