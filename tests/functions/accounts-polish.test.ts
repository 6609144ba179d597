/**
 * Issue 8, accounts side: roster import matches buildings as people write them and
 * previews where each new home goes; the template; natural room order; roles.list's
 * flags; people.search; staff invites; contact consent for building leads.
 */
import ExcelJS from 'exceljs';
import { main as accounts } from '../../cloudfunctions/accounts';
import { leadContactPhone } from '../../cloudfunctions/_shared/directory';
import { createHarness, newRequestId, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ accounts: accounts as any });
}, 60_000);
afterAll(() => h.close());

let seq = 0;
async function xlsx(header: string[], rows: (string | number)[][], who = 'txsj-committee') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(header);
  rows.forEach((r) => ws.addRow(r));
  const openid = h.as(who).openid;
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  const up = await h.emu.runAs({ openid }, () =>
    h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/imports/p${++seq}.xlsx`, fileContent: content }),
  );
  return up.fileID as string;
}
const dry = (fileID: string, who = 'txsj-committee') =>
  h.as(who).ok('accounts', 'roster.import', { clientRequestId: newRequestId(), compoundId: 'txsj', fileID, dryRun: true });

describe('roster import: buildings as people write them', () => {
  it('"9栋 1 101 住宅" is refused with a row error: building no. 9 is the shops block, not a 9栋', async () => {
    const before = await h.snapshot();
    const res = await dry(
      await xlsx(
        ['楼栋', '单元', '房号', '类型', '面积(㎡)', '电梯', '业主姓名', '手机号'],
        [['9栋', '1', '101', '住宅', '95', '有', '王某', '']],
      ),
    );
    expect(res.errors).toEqual([expect.objectContaining({ row: 2, column: '楼栋', message: expect.stringContaining('沿街商铺') })]);
    expect(res.preview).toEqual([]);
    const real = await h.as('txsj-committee').ok('accounts', 'roster.import', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      fileID: await xlsx(['楼栋', '房号', '面积'], [['9栋', '101', '95']]),
      dryRun: false,
    });
    expect(real.errorCount).toBe(1);
    expect(real.job).toBeUndefined();
    expect(await h.snapshot()).toBe(before);
  });

  it('accepts the headers and spellings people use, and the dry run says where each new home goes', async () => {
    const file = await xlsx(
      ['楼号', '单元', '室号', '户主', '联系电话', '建筑面积'],
      [
        ['3号楼', '一单元', '1801', '钱多多', '139 1234 5678', '95.5'],
        ['三栋', '2单元', '1802', '孙小', '', '88'],
        ['8', '3', '1201', '', '', '120.25'],
        ['沿街商铺', '', 'S50', '李老板', '', '40'],
        ['3栋', '1', '602', '李秀英', '', '100'],
      ],
    );
    const res = await dry(file);
    expect(res.errors).toEqual([]);
    expect(res.created).toBe(4);
    expect(res.updated).toBe(1);
    expect(res.preview.map((p: any) => [p.row, p.written, p.label])).toEqual([
      [2, '3号楼', '天翔世家 3栋1单元1801'],
      [3, '三栋', '天翔世家 3栋2单元1802'],
      [4, '8', '天翔世家 8栋3单元1201'],
      [5, '沿街商铺', '天翔世家 沿街商铺S50'],
    ]);
    // The real import puts them exactly there.
    const real = await h
      .as('txsj-committee')
      .ok('accounts', 'roster.import', { clientRequestId: newRequestId(), compoundId: 'txsj', fileID: file, dryRun: false });
    expect(real.job.status).toBe('done');
    const home = (await h.db.collection('homes').doc('txsj-b3_1_1801').get()).data as any;
    expect(home).toMatchObject({
      label: '3栋1单元1801',
      registeredOwners: [{ name: '钱多多', phone: '13912345678' }],
      hasLift: true,
      sortKey: '00000001!00001801',
    });
    expect((await h.db.collection('homes').doc('txsj-b9_0_S50').get()).data).toMatchObject({ kind: 'shop', label: '沿街商铺S50' });
  });

  it('refuses unknown and ambiguous buildings, a 住宅 row in the shops block, and missing units', async () => {
    const res = await dry(
      await xlsx(
        ['楼栋', '单元', '房号', '类型', '面积'],
        [
          ['12栋', '1', '101', '住宅', '90'],
          ['沿街商铺', '', 'S60', '住宅', '90'],
          ['3栋', '', '1901', '住宅', '90'],
          ['3栋', '五单元楼', '1901', '住宅', '90'],
        ],
      ),
    );
    expect(res.errors.map((e: any) => [e.row, e.column])).toEqual([
      [2, '楼栋'],
      [3, '楼栋'],
      [4, '单元'],
      [5, '单元'],
    ]);
    expect(res.errors[0].message).toContain('找不到');
    expect(res.errors[1].message).toContain('类型不符');
  });

  it('a missing required column names the other ways to write it', async () => {
    const res = await dry(await xlsx(['单元', '房号', '面积'], [['1', '101', '90']]));
    expect(res.errors[0]).toMatchObject({ row: 1, column: '楼栋', message: expect.stringContaining('楼号') });
  });

  it('the template is an .xlsx in the caller’s export folder, named by compound, with a short-lived link; it imports cleanly', async () => {
    const t = await h.as('txsj-manager').ok('accounts', 'roster.template', { compoundId: 'txsj' });
    expect(t.fileName).toBe('天翔世家-花名册模板.xlsx');
    expect(t.fileID).toContain(`/exports/${h.as('txsj-manager').openid}/`);
    // Its example rows pass the check as they are.
    const openid = h.as('txsj-manager').openid;
    const content = (await h.emu.runAs({ openid }, () => h.emu.sdk.downloadFile({ fileID: t.fileID }))).fileContent as Buffer;
    const up = await h.emu.runAs({ openid }, () =>
      h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/imports/template.xlsx`, fileContent: content }),
    );
    const checked = await dry(up.fileID as string, 'txsj-manager');
    expect(checked).toMatchObject({ errors: [], rows: 2 });
    expect(new Date(t.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(600_000);
    const ex = await h.as('txsj-manager').ok('accounts', 'roster.export', { compoundId: 'txsj' });
    expect(ex.fileName).toMatch(/^天翔世家-花名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(await h.as('txsj-lead-3').call('accounts', 'roster.template', { compoundId: 'txsj' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('natural room order', () => {
  it('the room picker and the roster list 101 … 901 before 1001', async () => {
    const page = await h.as('txsj-resident-3').ok('accounts', 'homes.list', { buildingId: 'txsj-b3', unit: '1', size: 50 });
    const numbers = page.items.map((x: any) => x.number);
    expect(numbers.slice(0, 4)).toEqual(['101', '102', '201', '202']);
    expect(numbers.indexOf('901')).toBeLessThan(numbers.indexOf('1001'));
    const roster = await h.as('txsj-committee').ok('accounts', 'roster.list', { buildingId: 'txsj-b3', size: 20 });
    expect(roster.items.slice(0, 3).map((x: any) => x.home.label)).toEqual(['3栋1单元101', '3栋1单元102', '3栋1单元201']);
  });
});

describe('roles: flags from the authorization table, search, staff invites', () => {
  it('roles.list says what the caller may grant and revoke', async () => {
    const sec = await h.as('txsj-secretary').ok('accounts', 'roles.list', { compoundId: 'txsj' });
    expect(sec.grantable).toEqual(['buildingLead']);
    expect(sec.canInviteStaff).toBe(false);
    expect(sec.items.find((r: any) => r.role === 'buildingLead').canRevoke).toBe(true);
    expect(sec.items.find((r: any) => r.role === 'branchSecretary').canRevoke).toBe(false); // their own
    const mgr = await h.as('txsj-manager').ok('accounts', 'roles.list', { compoundId: 'txsj' });
    expect(mgr.grantable).toEqual(['staff']);
    expect(mgr.canInviteStaff).toBe(true);
    expect(mgr.items.find((r: any) => r.role === 'staff').canRevoke).toBe(true);
    expect(mgr.items.find((r: any) => r.role === 'committeeMember').canRevoke).toBe(false);
    const admin = await h.as('community-admin').ok('accounts', 'roles.list', { compoundId: 'txsj' });
    expect(admin.grantable).toEqual(['buildingLead', 'branchSecretary', 'committeeMember', 'propertyManager']);
  });

  it('people.search finds people by name prefix or by room, with their rooms, in pages', async () => {
    const sec = h.as('txsj-secretary');
    const byName = await sec.ok('accounts', 'people.search', { compoundId: 'txsj', q: '陈阿' });
    expect(byName.items).toEqual([expect.objectContaining({ name: '陈阿婆', homes: ['3栋2单元101（业主）'] })]);
    const byRoom = await sec.ok('accounts', 'people.search', { compoundId: 'txsj', q: '1502' });
    expect(byRoom.items.map((p: any) => p.name)).toContain('吴晓峰');
    expect(byRoom.items.find((p: any) => p.name === '吴晓峰').homes).toEqual(['3栋1单元1502（租户）']);
    const narrowed = await sec.ok('accounts', 'people.search', { compoundId: 'txsj', q: '3栋1单元1502' });
    expect(narrowed.items.map((p: any) => p.name)).toEqual(['吴晓峰']);
    expect((await sec.ok('accounts', 'people.search', { compoundId: 'txsj', q: '3-1-1502' })).items.map((p: any) => p.name)).toEqual([
      '吴晓峰',
    ]);
    // Someone of the other compound is not found here.
    expect((await sec.ok('accounts', 'people.search', { compoundId: 'txsj', q: '何玉' })).items).toEqual([]);
    const first = await sec.ok('accounts', 'people.search', { compoundId: 'txsj', size: 10 });
    expect(first.items.length).toBeGreaterThanOrEqual(10);
    expect(first.nextCursor).toBeTruthy();
    const { result, reads } = await h.emu.measure(() => sec.call('accounts', 'people.search', { compoundId: 'txsj', q: '王' }));
    expect(result.ok).toBe(true);
    expect(reads).toBeLessThanOrEqual(1000);
  });

  it('a staff invite makes someone who lives elsewhere 物业员工 once; guessing is attempt-limited', async () => {
    const mgr = h.as('txsj-manager');
    expect(
      await h.as('txsj-secretary').call('accounts', 'invite.createStaff', { clientRequestId: newRequestId(), compoundId: 'txsj' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const rid = newRequestId();
    const inv = await mgr.ok('accounts', 'invite.createStaff', { clientRequestId: rid, compoundId: 'txsj' });
    expect(inv).toMatchObject({ kind: 'staff', compoundName: '天翔世家', label: '天翔世家 物业员工' });
    expect(inv.code).toMatch(/^[A-Z2-9]{10}$/);
    expect((await mgr.ok('accounts', 'invite.createStaff', { clientRequestId: rid, compoundId: 'txsj' })).code).toBe(inv.code);
    expect((await mgr.ok('accounts', 'invite.list', {})).items.map((i: any) => i.id)).toContain(inv.id);
    // Not a home's code.
    const newcomer = h.as('demo-new-cleaner');
    expect(await newcomer.call('accounts', 'binding.redeem', { code: inv.code, name: '保洁王姐' })).toMatchObject({
      ok: false,
      error: { code: 'INVITE_INVALID' },
    });
    expect(await mgr.call('accounts', 'invite.redeem', { code: inv.code, name: '刘洋' })).toMatchObject({
      ok: false,
      error: { code: 'SELF_DECISION' },
    });
    const done = await newcomer.ok('accounts', 'invite.redeem', { code: inv.code, name: '保洁王姐' });
    expect(done).toMatchObject({ kind: 'staff', role: { role: 'staff', compoundId: 'txsj', scopeLabel: '天翔世家' } });
    const me = await newcomer.ok('accounts', 'me.get', {});
    expect(me.homes).toEqual([]);
    expect(me.roles.map((r: any) => r.role)).toEqual(['staff']);
    // One time only.
    expect(await h.as('demo-new-second').call('accounts', 'invite.redeem', { code: inv.code, name: '第二人' })).toMatchObject({
      ok: false,
      error: { code: 'INVITE_INVALID' },
    });
    // Wrong codes count against the guesser like binding.redeem.
    const guesser = h.as('demo-new-guesser');
    let last: any;
    for (let i = 0; i < 11; i++) last = await guesser.call('accounts', 'invite.redeem', { code: 'ABCDEFGHJK', name: '猜码人' });
    expect(last).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});

describe('contact consent: 愿意楼栋长联系我', () => {
  it('a resident who agrees while binding shows the lead their phone (call button); otherwise masked', async () => {
    const yes = h.as('demo-new-contact-yes');
    const no = h.as('demo-new-contact-no');
    await yes.ok('accounts', 'binding.request', {
      clientRequestId: newRequestId(),
      homeId: 'txsj-b3_2_1601',
      relation: 'tenant',
      name: '愿联系',
      phone: '13800002222',
      contactLead: true,
    });
    await no.ok('accounts', 'binding.request', {
      clientRequestId: newRequestId(),
      homeId: 'txsj-b3_2_1602',
      relation: 'tenant',
      name: '不联系',
      phone: '13800003333',
    });
    const pending = (await h.as('txsj-lead-3').ok('accounts', 'binding.pending', { size: 50 })).items;
    const a = pending.find((r: any) => r.applicantName === '愿联系');
    const b = pending.find((r: any) => r.applicantName === '不联系');
    expect(a).toMatchObject({ applicantPhone: '13800002222', canCall: true });
    expect(b.applicantPhone).toBe('138****3333');
    expect(b.canCall).toBeUndefined();
    expect((await yes.ok('accounts', 'me.get', {})).person.contactLead).toBe(true);
    // Changed later on 我的: masked again.
    expect((await yes.ok('accounts', 'me.update', { contactLead: false })).contactLead).toBe(false);
    const again = (await h.as('txsj-lead-3').ok('accounts', 'binding.pending', { size: 50 })).items.find(
      (r: any) => r.applicantName === '愿联系',
    );
    expect(again.applicantPhone).toBe('138****2222');
  });

  it('consent needs a phone; leadContactPhone is the one reading of it', async () => {
    const c = h.as('txsj-shop');
    await h.db
      .collection('people')
      .doc('p-txsj-shop')
      .update({ data: { phone: h.db.command.remove() } });
    expect(await c.call('accounts', 'me.update', { contactLead: true })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(leadContactPhone({ phone: '13800001111', contactLead: true })).toBe('13800001111');
    expect(leadContactPhone({ phone: '13800001111' })).toBeUndefined();
    expect(leadContactPhone({ contactLead: true })).toBeUndefined();
  });
});

describe('approvals in natural room order', () => {
  it('3栋2单元201 comes before 3栋2单元1001, whatever the order they were asked in', async () => {
    for (const [who, home] of [
      ['demo-new-order-a', 'txsj-b3_2_1001'],
      ['demo-new-order-b', 'txsj-b3_2_201'],
    ]) {
      await h
        .as(who)
        .ok('accounts', 'binding.request', { clientRequestId: newRequestId(), homeId: home, relation: 'tenant', name: '排序测试' });
    }
    const labels = (await h.as('txsj-lead-3').ok('accounts', 'binding.pending', { size: 50 })).items.map((r: any) => r.home.label);
    expect(labels.indexOf('3栋2单元201')).toBeLessThan(labels.indexOf('3栋2单元1001'));
  });
});
