/**
 * The security review ("Security and privacy"): each finding is performed as an
 * attack and must fail, writing nothing.
 */
import ExcelJS from 'exceljs';
import { main as accounts } from '../../cloudfunctions/accounts';
import { work } from '../../cloudfunctions/_shared/jobs';
import type { Ctx } from '../../cloudfunctions/_shared/router';
import { INVITE_CODE_PATTERN, MAX_PENDING_REQUESTS, REDEEM_LIMITS } from '../../core/accounts/limits';
import { useEmulator } from '../../emulator';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts: accounts as any });
}, 60_000);
afterAll(() => h.close());

let seq = 0;
const cid = () => `security-${++seq}-${Date.now()}`;
const TX = (data: object) => ({ data });

async function unchanged<T>(fn: () => Promise<T>, harness = h): Promise<T> {
  const before = await harness.snapshot();
  const r = await fn();
  expect(await harness.snapshot()).toBe(before);
  return r;
}
const refused = (code: string) => expect.objectContaining({ ok: false, error: expect.objectContaining({ code }) });
const pendingOf = async (personId: string, homeId: string) =>
  (await h.db.collection('bindRequests').where({ personId, homeId, status: 'pending' }).get()).data;
const personOf = async (harness: Harness, who: string) =>
  (
    await harness.db
      .collection('people')
      .where({ openid: harness.as(who).openid })
      .get()
  ).data[0];

function workerCtx(harness: Harness): Ctx {
  return {
    cloud: harness.emu.sdk as any,
    db: harness.db,
    openid: '',
    now: new Date(),
    actor: async () => ({ openid: '', personId: null, roles: [], homes: [] }),
  };
}

async function upload(harness: Harness, who: string, rows: (string | number)[][], name = `f${++seq}.xlsx`) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['楼栋', '单元', '房号', '类型', '面积(㎡)', '电梯', '业主姓名', '手机号']);
  for (const r of rows) ws.addRow(r);
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  const openid = harness.as(who).openid;
  const up = await harness.emu.runAs({ openid }, () =>
    harness.emu.sdk.uploadFile({ cloudPath: `u/${openid}/imports/${name}`, fileContent: content }),
  );
  return up.fileID as string;
}

/** Homes of a building as stored, without timestamps, for comparing two runs. */
async function homesOf(harness: Harness, buildingId: string) {
  const all: any[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = (await harness.db.collection('homes').where({ buildingId }).orderBy('_id', 'asc').skip(skip).limit(1000).get()).data;
    all.push(...page.map(({ updatedAt, ...rest }: any) => rest));
    if (page.length < 1000) return all;
  }
}
/** The building's stored facts agree with its homes. */
async function expectFactsMatchHomes(harness: Harness, buildingId: string) {
  const homes = await homesOf(harness, buildingId);
  const b = (await harness.db.collection('buildings').where({ _id: buildingId }).get()).data[0];
  const units = [...new Set(homes.map((x) => x.unit).filter(Boolean))].sort((a, z) => a.localeCompare(z, 'en', { numeric: true }));
  expect({ homeCount: b.homeCount, units: b.units }).toEqual({ homeCount: homes.length, units });
}

describe('1. separation of duties', () => {
  it('a lead approving her own request to bind as owner of a neighbour’s home is refused (SELF_DECISION), nothing written', async () => {
    const lead = h.as('txsj-lead-3');
    const req = await lead.ok('accounts', 'binding.request', {
      clientRequestId: cid(),
      homeId: 'txsj-b3_1_601',
      relation: 'owner',
      name: '李秀英',
    });
    // Her own request is not in her queue either.
    expect((await lead.ok('accounts', 'binding.pending', { size: 50 })).items.map((r: any) => r.id)).not.toContain(req.id);
    expect(await unchanged(() => lead.call('accounts', 'binding.decide', { requestId: req.id, approve: true }))).toEqual(
      refused('SELF_DECISION'),
    );
    const stored = (await h.db.collection('bindRequests').where({ _id: req.id }).get()).data[0];
    expect(stored).toMatchObject({ status: 'pending', approvals: [] });
  });

  it('the creator of an invite cannot redeem it', async () => {
    const committee = h.as('txsj-committee');
    const invite = await committee.ok('accounts', 'invite.create', { clientRequestId: cid(), homeId: 'txsj-b2_1_1501', relation: 'owner' });
    expect(await unchanged(() => committee.call('accounts', 'binding.redeem', { code: invite.code, name: '黄美玲' }))).toEqual(
      refused('SELF_DECISION'),
    );
    // Still usable by the person it was meant for.
    expect(await h.as('demo-new-invitee').ok('accounts', 'binding.redeem', { code: invite.code, name: '新业主' })).toMatchObject({
      id: 'txsj-b2_1_1501',
    });
  });

  it('the branch secretary cannot appoint himself lead of another building, nor revoke his own role', async () => {
    const sec = h.as('txsj-secretary');
    expect(
      await unchanged(() =>
        sec.call('accounts', 'roles.grant', {
          personId: 'p-txsj-secretary',
          role: 'buildingLead',
          compoundId: 'txsj',
          buildingIds: ['txsj-b7'],
        }),
      ),
    ).toEqual(refused('SELF_DECISION'));
    const granted = await h
      .as('community-admin')
      .ok('accounts', 'roles.grant', { personId: 'p-txsj-secretary', role: 'buildingLead', compoundId: 'txsj', buildingIds: ['txsj-b7'] });
    expect(await unchanged(() => sec.call('accounts', 'roles.revoke', { roleId: granted.id }))).toEqual(refused('SELF_DECISION'));
  });

  it('an owner not on the property register needs two different approvers', async () => {
    const user = h.as('demo-new-claimant');
    const req = await user.ok('accounts', 'binding.request', {
      clientRequestId: cid(),
      homeId: 'txsj-b3_1_1601',
      relation: 'owner',
      name: '冒名者',
    });
    expect(req).toMatchObject({ approvalsNeeded: 2, approvals: 0 });
    const first = await h.as('txsj-lead-3').ok('accounts', 'binding.decide', { requestId: req.id, approve: true });
    expect(first).toMatchObject({ status: 'pending', approvals: 1, approvalProgress: '已有1人同意，还需1人' });
    const stored = (await h.db.collection('bindRequests').where({ _id: req.id }).get()).data[0];
    expect(stored).toMatchObject({ status: 'pending', approvals: ['p-txsj-lead-3'] });
    // The same approver again counts for nothing.
    expect(await unchanged(() => h.as('txsj-lead-3').call('accounts', 'binding.decide', { requestId: req.id, approve: true }))).toEqual(
      refused('ALREADY_DECIDED'),
    );
    expect((await h.as('txsj-lead-3').ok('accounts', 'binding.pending', { size: 50 })).items.map((r: any) => r.id)).not.toContain(req.id);
    expect((await user.ok('accounts', 'me.get', {})).homes).toEqual([]);
    const second = await h.as('txsj-committee-chair').ok('accounts', 'binding.decide', { requestId: req.id, approve: true });
    expect(second).toMatchObject({ status: 'approved', approvals: 2 });
    expect((await user.ok('accounts', 'me.get', {})).homes.map((x: any) => x.id)).toEqual(['txsj-b3_1_1601']);
  });
});

describe('2. races and duplicates', () => {
  it('50 parallel requests for one home by one person leave exactly one pending request; a new one after a decision is possible', async () => {
    const user = h.as('demo-new-racer');
    const home = 'txsj-b3_2_1601';
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        user.call('accounts', 'binding.request', { clientRequestId: cid(), homeId: home, relation: 'tenant', name: '赛跑者' }),
      ),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(
      replies
        .filter((r) => !r.ok)
        .map((r: any) => r.error.code)
        .every((c) => ['ALREADY_REQUESTED', 'TOO_MANY_PENDING'].includes(c)),
    ).toBe(true);
    const person = await personOf(h, 'demo-new-racer');
    const pending = await pendingOf(person._id, home);
    expect(pending).toHaveLength(1);
    await h.as('txsj-lead-3').ok('accounts', 'binding.decide', { requestId: pending[0]._id, approve: false, reason: '不认识' });
    const again = await user.ok('accounts', 'binding.request', {
      clientRequestId: cid(),
      homeId: home,
      relation: 'tenant',
      name: '赛跑者',
    });
    expect(again.id).not.toBe(pending[0]._id);
    expect(await pendingOf(person._id, home)).toHaveLength(1);
  });

  it(`at most ${MAX_PENDING_REQUESTS} pending requests per person; one account cannot open 200 requests for 200 homes`, async () => {
    const user = h.as('demo-new-hoarder');
    const homes = Array.from(
      { length: 200 },
      (_, i) => `txsj-b${1 + (i % 7)}_${1 + (Math.floor(i / 7) % 2)}_${1 + (Math.floor(i / 14) % 17)}0${1 + (Math.floor(i / 119) % 2)}`,
    );
    expect(new Set(homes).size).toBe(200);
    const replies = await Promise.all(
      homes.map((homeId) =>
        user.call('accounts', 'binding.request', { clientRequestId: cid(), homeId, relation: 'tenant', name: '囤积者' }),
      ),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(MAX_PENDING_REQUESTS);
    expect(new Set(replies.filter((r) => !r.ok).map((r: any) => r.error.code))).toEqual(new Set(['TOO_MANY_PENDING']));
    const person = await personOf(h, 'demo-new-hoarder');
    expect((await h.db.collection('bindRequests').where({ personId: person._id, status: 'pending' }).count()).total).toBe(
      MAX_PENDING_REQUESTS,
    );
    // Sequentially too; cancelling one frees a place.
    expect(
      await unchanged(() =>
        user.call('accounts', 'binding.request', { clientRequestId: cid(), homeId: 'txsj-b8_1_101', relation: 'tenant', name: '囤积者' }),
      ),
    ).toEqual(refused('TOO_MANY_PENDING'));
    await user.ok('accounts', 'binding.cancel', { requestId: (replies.find((r) => r.ok) as any).data.id });
    await user.ok('accounts', 'binding.request', { clientRequestId: cid(), homeId: 'txsj-b8_1_101', relation: 'tenant', name: '囤积者' });
  });

  it('binding.request and invite.create retried with the same clientRequestId answer the same and create nothing', async () => {
    const user = h.as('demo-new-retrier');
    const payload = { clientRequestId: cid(), homeId: 'txsj-b5_1_1001', relation: 'family', name: '重试者' };
    const first = await user.ok('accounts', 'binding.request', payload);
    expect(await unchanged(() => user.ok('accounts', 'binding.request', payload))).toEqual(first);
    const lead = h.as('txsj-lead-5');
    const invitePayload = { clientRequestId: cid(), homeId: 'txsj-b5_1_1101', relation: 'owner' };
    const invite = await lead.ok('accounts', 'invite.create', invitePayload);
    expect(await unchanged(() => lead.ok('accounts', 'invite.create', invitePayload))).toEqual(invite);
    // In parallel as well.
    const parallelPayload = { ...invitePayload, clientRequestId: cid() };
    const many = await Promise.all(Array.from({ length: 10 }, () => lead.ok('accounts', 'invite.create', parallelPayload)));
    expect(new Set(many.map((i) => i.code)).size).toBe(1);
  });
});

describe('3. invite codes', () => {
  it('are 10 characters from the alphabet without look-alikes, drawn from crypto, all different', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 30; i++)
      codes.add(
        (
          await h
            .as('txsj-lead-3')
            .ok('accounts', 'invite.create', { clientRequestId: cid(), homeId: 'txsj-b3_1_1701', relation: 'family' })
        ).code,
      );
    expect(codes.size).toBe(30);
    for (const c of codes) expect(c).toMatch(INVITE_CODE_PATTERN);
  });
});

describe('5. roster import: own files only, resumable, building facts written with the homes', () => {
  it('a fileID from someone else’s folder, an export or a made-up path is FILE_INVALID, nothing written', async () => {
    const theirs = await upload(h, 'txsj-manager', [['3栋', '1', '101', '住宅', '95', '有', '王某', '']]);
    const committee = h.as('txsj-committee');
    for (const fileID of [
      theirs,
      theirs.replace('/u/', '/exports/'),
      'cloud://env.bucket/u/demo-txsj-committee/imports/../../demo-txsj-manager/imports/x.xlsx',
      'cloud://env.bucket/u/demo-txsj-committee/other/x.xlsx',
      'not-a-file-id',
    ]) {
      for (const dryRun of [true, false]) {
        expect(
          await unchanged(() =>
            committee.call('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID, dryRun }),
          ),
        ).toEqual(refused('FILE_INVALID'));
      }
    }
    // A file of mine that does not exist: the same answer.
    expect(
      await unchanged(() =>
        committee.call('accounts', 'roster.import', {
          clientRequestId: cid(),
          compoundId: 'txsj',
          fileID: theirs.replace('demo-txsj-manager', 'demo-txsj-committee'),
        }),
      ),
    ).toEqual(refused('FILE_INVALID'));
  });

  it('an import interrupted after each batch (and with a claim left by a dead worker) ends with the same homes as an uninterrupted one', async () => {
    // 450 new homes in 8栋 (units 4–6) plus 3 updated ones: three batches of 200.
    const rows: (string | number)[][] = [];
    for (const u of ['4', '5', '6'])
      for (let f = 1; f <= 75; f++)
        for (let r = 1; r <= 2; r++) rows.push(['8栋', u, `${f}0${r}`, '住宅', '88.5', '有', `业主${u}${f}${r}`, '']);
    rows.push(
      ['8栋', '1', '101', '住宅', '99', '有', '新登记', '13900000001'],
      ['8栋', '2', '101', '住宅', '99', '有', '新登记', ''],
      ['8栋', '3', '101', '住宅', '99', '有', '新登记', ''],
    );

    const committee = h.as('txsj-committee');
    const started = await committee.ok('accounts', 'roster.import', {
      clientRequestId: cid(),
      compoundId: 'txsj',
      fileID: await upload(h, 'txsj-committee', rows),
    });
    expect(started.errorCount).toBe(0);
    expect(started.job).toMatchObject({ kind: 'roster.import', status: 'running', total: 453, done: 200 });
    await expectFactsMatchHomes(h, 'txsj-b8');
    // A second batch only, then the worker "dies" having claimed a row of the third.
    await work(workerCtx(h), { maxBatches: 1 });
    // (read from the database: a poll of roster.importStatus would itself advance the job a batch)
    expect((await h.db.collection('jobs').where({ _id: started.job.id }).get()).data[0]).toMatchObject({ status: 'running', done: 400 });
    await expectFactsMatchHomes(h, 'txsj-b8');
    const job = (await h.db.collection('jobs').where({ _id: started.job.id }).get()).data[0];
    await h.db.collection('jobEffects').add(TX({ _id: `${job._id}_r402`, jobId: job._id, key: 'r402', state: 'claimed', at: new Date() }));
    // The timer resumes it.
    expect(
      await h.emu.invoke(
        'accounts',
        { Type: 'Timer', TriggerName: 'jobs', Time: new Date().toISOString() },
        { openid: '', source: 'wx_trigger' },
      ),
    ).toMatchObject({ ok: true });
    expect(await committee.ok('accounts', 'roster.importStatus', { jobId: started.job.id })).toMatchObject({
      status: 'done',
      total: 453,
      done: 453,
      unknown: 0,
    });
    await expectFactsMatchHomes(h, 'txsj-b8');
    expect(
      await committee.call('accounts', 'roster.importStatus', { jobId: started.job.id.replace('p-txsj-committee', 'p-txsj-manager') }),
    ).toEqual(refused('NOT_FOUND'));

    // The same file, uninterrupted, in a fresh emulator.
    const h2 = await createHarness({ accounts: accounts as any });
    try {
      const all = await h2
        .as('txsj-committee')
        .ok('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID: await upload(h2, 'txsj-committee', rows) });
      await work(workerCtx(h2));
      expect(await h2.as('txsj-committee').ok('accounts', 'roster.importStatus', { jobId: all.job.id })).toMatchObject({
        status: 'done',
        done: 453,
      });
      expect(await homesOf(h, 'txsj-b8')).toEqual(await homesOf(h2, 'txsj-b8'));
      expect((await homesOf(h, 'txsj-b8')).length).toBe(66 + 450);
      const b = (await h.db.collection('buildings').where({ _id: 'txsj-b8' }).get()).data[0];
      expect(b).toMatchObject({ homeCount: 516, units: ['1', '2', '3', '4', '5', '6'] });
    } finally {
      h2.close();
      useEmulator(h.emu); // the SDK the functions import answers from the first emulator again
    }
  }, 120_000); // about 5 s alone; far more while other suites share the cores

  it('two imports into one building in parallel lose nothing', async () => {
    const fileA: (string | number)[][] = [];
    const fileB: (string | number)[][] = [];
    for (let f = 1; f <= 150; f++) {
      fileA.push(['7栋', '7', `${f}01`, '住宅', '90', '有', '甲', '']);
      fileB.push(['7栋', '8', `${f}01`, '住宅', '90', '有', '乙', '']);
    }
    const [a, b] = await Promise.all([
      h
        .as('txsj-committee')
        .ok('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID: await upload(h, 'txsj-committee', fileA) }),
      h
        .as('txsj-manager')
        .ok('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID: await upload(h, 'txsj-manager', fileB) }),
    ]);
    await Promise.all([work(workerCtx(h)), work(workerCtx(h))]);
    expect(await h.as('txsj-committee').ok('accounts', 'roster.importStatus', { jobId: a.job.id })).toMatchObject({
      status: 'done',
      done: 150,
    });
    expect(await h.as('txsj-manager').ok('accounts', 'roster.importStatus', { jobId: b.job.id })).toMatchObject({
      status: 'done',
      done: 150,
    });
    const homes = await homesOf(h, 'txsj-b7');
    expect(homes.filter((x) => x.unit === '7')).toHaveLength(150);
    expect(homes.filter((x) => x.unit === '8')).toHaveLength(150);
    await expectFactsMatchHomes(h, 'txsj-b7');
    expect((await h.db.collection('buildings').where({ _id: 'txsj-b7' }).get()).data[0]).toMatchObject({
      homeCount: 68 + 300,
      units: ['1', '2', '7', '8'],
    });
  });

  it('a dry run of a 58,000-row file of errors is a clean answer: the first 100 row errors and the total', async () => {
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 58_000; i++) rows.push(['99栋', '1', `${i}`, '住宅', '90', '有', '某', '']);
    const fileID = await upload(h, 'txsj-committee', rows);
    const res = await unchanged(() =>
      h.as('txsj-committee').call('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID, dryRun: true }),
    );
    expect(res.ok).toBe(true);
    const data = (res as any).data;
    expect(data).toMatchObject({ dryRun: true, rows: 58_000, created: 0, updated: 0, errorCount: 58_000 });
    expect(data.errors).toHaveLength(100);
    expect(data.errors[0]).toEqual({ row: 2, column: '楼栋', message: '找不到楼栋「99栋」' });
  }, 60_000);
});

describe('6. roster export', () => {
  it('goes to an unguessable path under the maker’s own folder, named by compound and date, with a 10-minute link', async () => {
    const manager = h.as('yjlt-manager');
    const a = await manager.ok('accounts', 'roster.export', { compoundId: 'yjlt' });
    const b = await manager.ok('accounts', 'roster.export', { compoundId: 'yjlt' });
    expect(a.fileName).toMatch(/^御家兰庭-花名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const pathOf = (fileID: string) => fileID.replace(/^cloud:\/\/[^/]+\//, '');
    expect(pathOf(a.fileID)).toMatch(new RegExp(`^exports/${manager.openid}/[0-9a-f]{32}/御家兰庭-花名册-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    expect(pathOf(a.fileID)).not.toBe(pathOf(b.fileID));
    const ttl = new Date(a.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(8 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    // Nobody else can make the function hand it out: an export is not an import file.
    expect(
      await unchanged(() =>
        h
          .as('yjlt-committee')
          .call('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'yjlt', fileID: a.fileID, dryRun: true }),
      ),
    ).toEqual(refused('FILE_INVALID'));
  });
});

describe('7. input', () => {
  const BAD_NAMES: [string, string][] = [
    ['zero-width characters only', '\u200B\u200C\u200B\uFEFF'],
    ['an RTL override', '\u202E英秀李'],
    ['a NUL', '李\u0000秀英'],
    ['a newline', '李秀\n英'],
    ['a line separator', '李秀\u2028英'],
  ];
  it.each(BAD_NAMES)('a name with %s is BAD_REQUEST everywhere, with nothing written', async (_label, name) => {
    const who = h.as('demo-new-trickster');
    expect(
      await unchanged(() =>
        who.call('accounts', 'binding.request', { clientRequestId: cid(), homeId: 'txsj-b3_1_1701', relation: 'tenant', name }),
      ),
    ).toEqual(refused('BAD_REQUEST'));
    expect(await unchanged(() => who.call('accounts', 'me.update', { name }))).toEqual(refused('BAD_REQUEST'));
    expect(await unchanged(() => who.call('accounts', 'binding.redeem', { code: 'ABCDEFGHJK', name }))).toEqual(refused('BAD_REQUEST'));
  });

  it('a NUL in a search, an id or a cursor is BAD_REQUEST, never INTERNAL', async () => {
    const who = h.as('txsj-lead-3');
    const cases: [string, object][] = [
      ['homes.list', { buildingId: 'txsj-b3', unit: '1\u0000' }],
      ['homes.list', { buildingId: 'txsj-b3\u0000' }],
      ['homes.list', { buildingId: 'txsj-b3', cursor: '\u0000' }],
      ['homes.list', { buildingId: { $ne: null } }],
      ['roster.list', { buildingId: 'txsj-b3', cursor: '1\u0000' }],
      ['binding.pending', { cursor: '\u0000' }],
      ['invite.list', { cursor: '\u0000' }],
      ['binding.cancel', { requestId: 'x\u0000' }],
      ['invite.revoke', { inviteId: '\u0000' }],
      ['roster.importStatus', { jobId: 'a\u0000' }],
      ['binding.redeem', { code: 'ABCDEFGHJ\u0000', name: '某人' }],
    ];
    for (const [action, payload] of cases) {
      expect([action, payload, await unchanged(() => who.call('accounts', action, payload))]).toEqual([
        action,
        payload,
        refused('BAD_REQUEST'),
      ]);
    }
  });
});

// Last: it locks redeeming for everyone for the rest of the window.
describe('3. guessing invite codes', () => {
  it('3,000 wrong guesses: RATE_LIMITED after the limit, per person and overall, and then even a right code is refused', async () => {
    const invite = await h
      .as('txsj-lead-3')
      .ok('accounts', 'invite.create', { clientRequestId: cid(), homeId: 'txsj-b3_2_1701', relation: 'family' });
    const wrong = (i: number) => {
      const a = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
      let s = '';
      for (let k = 0, x = i + 7919; k < 10; k++, x = Math.floor(x / a.length) + k * 31) s += a[x % a.length];
      return s === invite.code ? 'ZZZZZZZZZZ' : s;
    };
    const count = (rows: string[]) => rows.reduce<Record<string, number>>((m, c) => ((m[c] = (m[c] ?? 0) + 1), m), {});
    const peopleBefore = (await h.db.collection('people').count()).total;

    // One guesser: 10 wrong codes, then locked out, right code included.
    const guesser = h.as('demo-new-guesser');
    const mine: string[] = [];
    for (let i = 0; i < 30; i++)
      mine.push(((await guesser.call('accounts', 'binding.redeem', { code: wrong(i), name: '猜码者' })) as any).error.code);
    expect(mine.slice(0, REDEEM_LIMITS.perPerson.max)).toEqual(Array(REDEEM_LIMITS.perPerson.max).fill('INVITE_INVALID'));
    expect(new Set(mine.slice(REDEEM_LIMITS.perPerson.max))).toEqual(new Set(['RATE_LIMITED']));
    expect(await guesser.call('accounts', 'binding.redeem', { code: invite.code, name: '猜码者' })).toEqual(refused('RATE_LIMITED'));

    // Many accounts: the overall limit holds.
    const codes: string[] = [];
    for (let i = 30; i < 3_000; i++) {
      const r = (await h.as(`demo-new-swarm-${i % 300}`).call('accounts', 'binding.redeem', { code: wrong(i), name: '猜码者' })) as any;
      codes.push(r.ok ? 'SUCCESS' : r.error.code);
    }
    const tally = count([...mine, ...codes]);
    expect(tally.SUCCESS).toBeUndefined();
    expect(tally.INVITE_INVALID).toBe(REDEEM_LIMITS.overall.max);
    expect(tally.RATE_LIMITED).toBe(3_000 - REDEEM_LIMITS.overall.max);
    const firstLimited = codes.indexOf('RATE_LIMITED');
    expect(codes.slice(firstLimited).every((c) => c === 'RATE_LIMITED')).toBe(true);
    // While locked, the right code from a fresh account is refused like any other: no oracle.
    expect(await h.as('demo-new-rightful').call('accounts', 'binding.redeem', { code: invite.code, name: '正主' })).toEqual(
      refused('RATE_LIMITED'),
    );
    // Guessing created no profiles and used no invite.
    expect((await h.db.collection('people').count()).total).toBe(peopleBefore);
    expect((await h.db.collection('invites').where({ _id: invite.id }).get()).data[0]).toMatchObject({ state: 'active' });
  }, 120_000);
});
