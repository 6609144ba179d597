import ExcelJS from 'exceljs';
import { main as accounts } from '../../cloudfunctions/accounts';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts: accounts as any });
}, 60_000);
afterAll(() => h.close());

let seq = 0;
const cid = () => `roster-test-${++seq}`;

/** An .xlsx uploaded to `who`'s own imports folder, as the client does; resolves with its fileID. */
async function xlsx(
  rows: (string | number)[][],
  header = ['楼栋', '单元', '房号', '类型', '面积(㎡)', '电梯', '业主姓名', '手机号'],
  who = 'txsj-committee',
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(header);
  rows.forEach((r) => ws.addRow(r));
  return upload(who, Buffer.from(await wb.xlsx.writeBuffer()));
}
async function upload(who: string, content: Buffer, name = `${++seq}.xlsx`) {
  const openid = h.as(who).openid;
  const up = await h.emu.runAs({ openid }, () => h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/imports/${name}`, fileContent: content }));
  return up.fileID as string;
}

describe('roster', () => {
  it('a lead sees their building masked; the committee sees it in full; a resident sees nothing', async () => {
    const masked = await h.as('txsj-lead-3').ok('accounts', 'roster.list', { buildingId: 'txsj-b3', size: 20 });
    expect(masked.view).toBe('masked');
    expect(masked.items).toHaveLength(20);
    expect(masked.nextCursor).toBe('20');
    const withMember = masked.items.find((i: any) => i.members.length);
    expect(withMember.members[0].name).toMatch(/\*/);
    expect(withMember.members[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);

    const full = await h.as('txsj-committee').ok('accounts', 'roster.list', { buildingId: 'txsj-b3', size: 20 });
    expect(full.view).toBe('full');
    expect(full.items[0].registeredOwners[0].name).not.toMatch(/\*/);

    expect(await h.as('txsj-lead-3').call('accounts', 'roster.list', { buildingId: 'txsj-b5' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.as('txsj-resident-3').call('accounts', 'roster.list', { buildingId: 'txsj-b3' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.as('yjlt-committee').call('accounts', 'roster.list', { buildingId: 'txsj-b3' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('import checks every row, reports errors per row in Chinese and writes nothing when any row is wrong', async () => {
    const before = await h.snapshot();
    const file = await xlsx(
      [
        ['3栋', '1', '101', '住宅', '95.5', '有', '王大爷', '13912345678'],
        ['10栋', '1', '101', '住宅', '95.5', '有', '张三', ''],
        ['3栋', '1', '102', '别墅', '-3', '可能', '李四', '123'],
        ['3栋', '1', '101', '住宅', '95.5', '有', '重复', ''],
      ],
      undefined,
      'txsj-manager',
    );
    const res = await h.as('txsj-manager').ok('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID: file });
    expect(res.created + res.updated).toBe(0);
    expect(res.job).toBeUndefined();
    expect(res.errorCount).toBe(res.errors.length);
    expect(res.errors).toEqual(
      expect.arrayContaining([
        { row: 3, column: '楼栋', message: '找不到楼栋「10栋」' },
        { row: 4, column: '类型', message: '类型应为「住宅」或「商铺」' },
        { row: 4, column: '面积(㎡)', message: expect.stringContaining('面积') },
        { row: 4, column: '电梯', message: '电梯应填「有」或「无」' },
        { row: 4, column: '手机号', message: '手机号应为11位数字' },
        { row: 5, column: '房号', message: '与第2行重复' },
      ]),
    );
    expect(await h.snapshot()).toBe(before);
  });

  it('a valid import is checked in a dry run first, then creates and updates homes', async () => {
    const file = await xlsx([
      ['3栋', '1', '101', '住宅', '95.55', '有', '王大爷、王大妈', '13912345678'],
      ['3', '3单元', '101', '住宅', '88', '有', '新业主', ''],
      ['沿街商铺', '', 'S44', '商铺', '45.2', '无', '商户甲', ''],
    ]);
    const dry = await h
      .as('txsj-committee')
      .ok('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID: file, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, rows: 3, created: 2, updated: 1, errors: [], errorCount: 0 });
    expect(dry.job).toBeUndefined();
    const home = (await h.db.collection('homes').where({ _id: 'txsj-b3_1_101' }).get()).data[0];
    expect(home.registeredOwners[0].name).not.toBe('王大爷');

    const real = await h.as('txsj-committee').ok('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID: file });
    // A compound-sized file is done within the call (one batch runs inline).
    expect(real).toMatchObject({
      dryRun: false,
      created: 2,
      updated: 1,
      job: { kind: 'roster.import', status: 'done', total: 3, done: 3 },
    });
    expect(await h.as('txsj-committee').ok('accounts', 'roster.importStatus', { jobId: real.job.id })).toMatchObject({
      status: 'done',
      done: 3,
    });
    expect(await h.as('txsj-manager').call('accounts', 'roster.importStatus', { jobId: real.job.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const updated = (await h.db.collection('homes').where({ _id: 'txsj-b3_1_101' }).get()).data[0];
    expect(updated).toMatchObject({ areaCenti: 9555, registeredOwners: [{ name: '王大爷', phone: '13912345678' }, { name: '王大妈' }] });
    const b3 = (await h.db.collection('buildings').where({ _id: 'txsj-b3' }).get()).data[0];
    expect(b3.units).toEqual(['1', '2', '3']);
    expect(b3.homeCount).toBe(69);
    // Running the same file again changes nothing: ids are deterministic.
    const again = await h
      .as('txsj-committee')
      .ok('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID: file });
    expect(again).toMatchObject({ created: 0, updated: 3, job: { status: 'done' } });
    expect((await h.db.collection('buildings').where({ _id: 'txsj-b3' }).get()).data[0].homeCount).toBe(69);
  });

  it('import refuses a file that is not xlsx, a sheet without the columns, and other roles', async () => {
    const bad = await h.as('txsj-committee').call('accounts', 'roster.import', {
      clientRequestId: cid(),
      compoundId: 'txsj',
      fileID: await upload('txsj-committee', Buffer.from('hello')),
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
    const noCols = await h
      .as('txsj-committee')
      .ok('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID: await xlsx([['a']], ['姓名']) });
    expect(noCols.errors[0]).toMatchObject({ row: 1, column: '楼栋' });
    for (const who of ['txsj-lead-3', 'txsj-resident-3', 'txsj-secretary', 'yjlt-manager']) {
      const file = await xlsx([['3栋', '1', '101', '住宅', '95', '有', '王', '']], undefined, who);
      expect(await h.as(who).call('accounts', 'roster.import', { clientRequestId: cid(), compoundId: 'txsj', fileID: file })).toMatchObject(
        { ok: false, error: { code: 'FORBIDDEN' } },
      );
    }
  });

  it('export writes an xlsx with every home of the compound', async () => {
    const out = await h.as('yjlt-manager').ok('accounts', 'roster.export', { compoundId: 'yjlt' });
    expect(out.fileName).toMatch(/^御家兰庭-花名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const path = out.url.replace(/^.*\/_files\//, '');
    const buf = h.emu.readFile(decodeURIComponent(path));
    expect(buf).toBeTruthy();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as any);
    expect(wb.worksheets[0].rowCount).toBe(1 + 296);
    expect(await h.as('txsj-manager').call('accounts', 'roster.export', { compoundId: 'yjlt' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('roles', () => {
  it('the branch secretary appoints and removes a building lead; others cannot', async () => {
    const sec = h.as('txsj-secretary');
    const grant = { personId: 'p-txsj-resident-5', role: 'buildingLead', compoundId: 'txsj', buildingIds: ['txsj-b7'] };
    expect(await h.as('txsj-lead-3').call('accounts', 'roles.grant', grant)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.as('yjlt-secretary').call('accounts', 'roles.grant', grant)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sec.call('accounts', 'roles.grant', { ...grant, buildingIds: ['yjlt-b1'] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const role = await sec.ok('accounts', 'roles.grant', grant);
    expect(role).toMatchObject({ role: 'buildingLead', label: '党员楼栋长', scopeLabel: '天翔世家 7栋' });
    const me = await h.as('txsj-resident-5').ok('accounts', 'me.get', {});
    expect(me.roles.map((r: any) => r.role)).toEqual(['buildingLead']);
    expect((await h.as('txsj-resident-5').ok('accounts', 'roster.list', { buildingId: 'txsj-b7' })).view).toBe('masked');
    const list = await sec.ok('accounts', 'roles.list', { compoundId: 'txsj' });
    expect(list.items.find((r: any) => r.id === role.id)).toMatchObject({ personName: '郑海涛', canRevoke: true });
    expect(list.grantable).toEqual(['buildingLead']);
    expect(
      await sec.call('accounts', 'roles.grant', { personId: 'p-txsj-resident-5', role: 'committeeMember', compoundId: 'txsj' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await sec.ok('accounts', 'roles.revoke', { roleId: role.id });
    expect(await h.as('txsj-resident-5').call('accounts', 'roster.list', { buildingId: 'txsj-b7' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('the community office appoints compound roles', async () => {
    const r = await h
      .as('community-admin')
      .ok('accounts', 'roles.grant', { personId: 'p-yjlt-resident-5', role: 'committeeMember', compoundId: 'yjlt' });
    expect(r.scopeLabel).toBe('御家兰庭');
  });
});

describe('the staff pages in one call: without a building or compound the read brings the page’s picker', () => {
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

  it('roster.list: the buildings I may see, and the only one opened (equal to asking for it)', async () => {
    const seen: number[] = [];
    for (const who of ['txsj-lead-3', 'txsj-committee', 'txsj-manager', 'community-admin']) {
      const def = await h.as(who).call('accounts', 'roster.list', { size: 20 });
      if (!def.ok) continue;
      const { scope, ...page } = def.data;
      seen.push(scope.buildings.length);
      for (const b of scope.buildings) expect(['full', 'masked']).toContain(b.view);
      const only = scope.buildings.length === 1 ? scope.buildings[0].building.id : null;
      const expected = only
        ? await h.as(who).ok('accounts', 'roster.list', { buildingId: only, size: 20 })
        : { items: [], view: null, building: null };
      expect(page).toEqual(expected);
      // Each building offered opens, with the view offered.
      for (const b of scope.buildings.slice(0, 3))
        expect((await h.as(who).ok('accounts', 'roster.list', { buildingId: b.building.id, size: 1 })).view).toBe(b.view);
    }
    expect(seen).toContain(1);
    expect(seen.some((n) => n > 1)).toBe(true);
    // A lead sees their own building only.
    const lead = await h.as('txsj-lead-3').ok('accounts', 'roster.list', {});
    expect(lead.scope.buildings.map((b: { building: { id: string } }) => b.building.id)).toEqual(['txsj-b3']);
  });

  it('roles.list: the compounds I may see roles of; the roles too when there is only one', async () => {
    for (const who of ['txsj-secretary', 'txsj-committee', 'txsj-manager', 'community-admin']) {
      const def = await h.as(who).ok('accounts', 'roles.list', {});
      const { compounds, ...rest } = def;
      expect(compounds.length).toBeGreaterThan(0);
      const expected =
        compounds.length === 1
          ? await h.as(who).ok('accounts', 'roles.list', { compoundId: compounds[0].id })
          : { items: [], grantable: [], canInviteStaff: false, compoundId: '' };
      expect(rest).toEqual(expected);
      // Every compound offered opens.
      const opened = await Promise.all(
        compounds.map((c: { id: string }) => h.as(who).call('accounts', 'roles.list', { compoundId: c.id })),
      );
      expect(opened.filter((r) => !r.ok)).toEqual([]);
    }
    expect(ids((await h.as('txsj-secretary').ok('accounts', 'roles.list', {})).compounds)).toEqual(['txsj']);
  });

  it('invite.list: the first page says where I may issue codes; later pages do not repeat it', async () => {
    const lead = await h.as('txsj-lead-3').ok('accounts', 'invite.list', {});
    expect(ids(lead.scope.home)).toEqual(['txsj']);
    expect(ids(lead.scope.home[0].buildings)).toEqual(['txsj-b3']);
    expect(lead.scope.staff).toEqual([]);
    const manager = await h.as('txsj-manager').ok('accounts', 'invite.list', {});
    expect(ids(manager.scope.staff)).toEqual(['txsj']);
    expect((await h.as('txsj-lead-3').ok('accounts', 'invite.list', { cursor: '20' })).scope).toBeUndefined();
  });

  it('someone with none of it: the same refusal as for a building or compound not theirs', async () => {
    for (const who of ['txsj-resident-3', 'demo-new-nobody']) {
      const roster = await h.as(who).call('accounts', 'roster.list', {});
      expect(roster).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(roster).toEqual(await h.as(who).call('accounts', 'roster.list', { buildingId: 'txsj-b3' }));
      const roles = await h.as(who).call('accounts', 'roles.list', {});
      expect(roles).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(roles).toEqual(await h.as(who).call('accounts', 'roles.list', { compoundId: 'txsj' }));
      expect(await h.as(who).call('accounts', 'invite.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
