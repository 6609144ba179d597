/**
 * 住户报修（代登记）: the property logs a repair for a home (a phone call, a walk-in).
 * The repair belongs to the home: its residents see it under 我的报修 and confirm
 * and rate it; 受理 / 派单 / 完工 go to the home's active members who granted the
 * template, never to the staff member who logged it. Staff of another compound are
 * refused, and bad input writes nothing.
 */
import { OUTBOX } from '../../emulator';
import { REPAIR_TEMPLATE_ID } from '../../core/repairs/contract';
import { newRequestId, type Harness } from '../support/harness';
import { repairsHarness } from './repairs-support';

jest.setTimeout(120_000);
let h: Harness;
const HOME = 'txsj-b3_1_602'; // 李秀英
const at = new Date('2026-09-01T02:00:00Z');
beforeAll(async () => {
  h = await repairsHarness();
  // A second active member of 602 (granted) and one who moved out (granted, must hear nothing).
  h.emu.seed('people', [
    { _id: 'p-602-son', openid: 'demo-602-son', name: '李小明', partyMember: false, showPartyBadge: false, createdAt: at },
    { _id: 'p-602-left', openid: 'demo-602-left', name: '李旧住', partyMember: false, showPartyBadge: false, createdAt: at },
  ]);
  const home = (await h.db.collection('homes').doc(HOME).get()).data;
  const m = (personId: string, status: string) => ({
    _id: `${personId}_${HOME}`,
    personId,
    homeId: HOME,
    buildingId: home.buildingId,
    compoundId: home.compoundId,
    communityId: home.communityId,
    relation: 'family',
    status,
    via: 'seed',
    createdAt: at,
  });
  h.emu.seed('memberships', [m('p-602-son', 'active'), m('p-602-left', 'left')]);
});
afterAll(() => h.close());

const logged = (extra: Record<string, unknown> = {}) => ({
  clientRequestId: newRequestId(),
  where: { kind: 'home', homeId: HOME },
  category: '水管漏水',
  description: '李阿姨来电：卫生间水管漏水',
  source: 'phone',
  contactName: '李阿姨',
  contactPhone: '13900001234',
  ...extra,
});
const touser = () => h.emu.outbox.list({ kind: OUTBOX.subscribe }).map((e) => e.payload.touser as string);

it('the property logs for 3栋1单元602 → 李秀英 sees it in 我的报修 and confirms it; messages reach the home, not the logger', async () => {
  // Three grants each (one message spends one), the logger included: a message meant for the home would find one.
  for (const who of ['txsj-lead-3', 'txsj-staff', 'txsj-manager', 'demo-602-son', 'demo-602-left']) {
    for (let i = 0; i < 3; i++) await h.as(who).ok('repairs', 'repairs.subscribe', { templateId: REPAIR_TEMPLATE_ID, accepted: true });
  }
  h.emu.outbox.clear();
  const staff = h.as('txsj-staff');
  const r = await staff.ok('repairs', 'repairs.log', logged());
  expect(r).toMatchObject({
    scope: 'home',
    placeLabel: '天翔世家 3栋1单元602',
    source: 'phone',
    status: 'submitted',
    reporterName: '赵强',
  });
  // The logger reads it (with the caller's name and phone they typed) but has none of the reporter's moves.
  expect(r).toMatchObject({ contactName: '李阿姨', contactPhone: '13900001234' });
  expect(r.actions).toEqual([]);
  expect(r.canUrge).toBe(false);

  // 李秀英 sees it under 我的报修 and may cancel it as her own.
  const mine = await h.as('txsj-lead-3').ok('repairs', 'repairs.mine', {});
  expect(mine.items.map((x: { id: string }) => x.id)).toContain(r.id);
  const hers = await h.as('txsj-lead-3').ok('repairs', 'repairs.get', { repairId: r.id });
  expect(hers.actions).toContain('cancel');
  expect(hers.contactName).toBeUndefined();

  // The manager sees who called.
  const managed = await h.as('txsj-manager').ok('repairs', 'repairs.get', { repairId: r.id });
  expect(managed).toMatchObject({ contactName: '李阿姨', contactPhone: '13900001234' });

  await h.as('txsj-manager').ok('repairs', 'repairs.accept', { repairId: r.id });
  await h.as('txsj-manager').ok('repairs', 'repairs.assign', { repairId: r.id, assigneeId: 'p-txsj-staff' });
  await staff.ok('repairs', 'repairs.start', { repairId: r.id });
  await staff.ok('repairs', 'repairs.finish', { repairId: r.id, note: '换了阀门' });

  const sent = touser();
  // 受理, 派单, 完工 to each active member of the home; 新派单 to 赵强 as the assignee only.
  expect(sent.filter((o) => o === 'demo-txsj-lead-3')).toHaveLength(3);
  expect(sent.filter((o) => o === 'demo-602-son')).toHaveLength(3);
  expect(sent).not.toContain('demo-602-left');
  expect(sent.filter((o) => o === 'demo-txsj-staff')).toHaveLength(1);
  expect(sent).not.toContain('demo-txsj-manager');

  // The logger cannot confirm it; 李秀英 confirms and rates.
  expect(await staff.call('repairs', 'repairs.confirm', { repairId: r.id, rating: 5 })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  const confirmed = await h.as('txsj-lead-3').ok('repairs', 'repairs.confirm', { repairId: r.id, rating: 4, comment: '修得及时' });
  expect(confirmed).toMatchObject({ status: 'confirmed', rating: 4 });
});

it('a walk-in logged without a name or phone keeps neither, and never the logger’s own phone', async () => {
  const r = await h
    .as('txsj-manager')
    .ok('repairs', 'repairs.log', logged({ source: 'walkIn', contactName: undefined, contactPhone: undefined }));
  expect(r.contactPhone).toBeUndefined();
  expect(r.contactName).toBeUndefined();
});

it('staff of another compound are refused, and bad input writes nothing', async () => {
  const refused = async (who: string, body: Record<string, unknown>, codes: string[]) => {
    const before = await h.snapshot();
    const { result, writes } = await h.emu.measure(() => h.as(who).call('repairs', 'repairs.log', body));
    expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(new RegExp(`^(${codes.join('|')})$`)) } });
    expect(writes).toBe(0);
    expect(await h.snapshot()).toBe(before);
  };
  await refused('yjlt-staff', logged(), ['FORBIDDEN']);
  await refused('yjlt-manager', logged(), ['FORBIDDEN']);
  // A resident (no property role) cannot log for a neighbour.
  await refused('txsj-resident-3', logged(), ['FORBIDDEN']);
  await refused('txsj-staff', logged({ where: { kind: 'home', homeId: 'txsj-no-such-home' } }), ['NOT_FOUND']);
  await refused('txsj-staff', logged({ contactName: '李'.repeat(21) }), ['BAD_REQUEST']);
  await refused('txsj-staff', logged({ contactName: '李\u202E阿姨' }), ['BAD_REQUEST']);
  await refused('txsj-staff', logged({ contactPhone: '12345' }), ['BAD_REQUEST']);
  await refused('txsj-staff', logged({ source: 'email' }), ['BAD_REQUEST']);
  await refused('txsj-staff', logged({ description: '  ' }), ['BAD_REQUEST']);
});

it('the demo has a call logged by the property office that the home finds under 我的报修', async () => {
  const mine = await h.as('txsj-resident-3b').ok('repairs', 'repairs.mine', { open: true });
  const logged = mine.items.find((r: any) => r.excerpt.startsWith('电话报修'));
  expect(logged).toBeDefined();
  const d = await h.as('txsj-resident-3b').ok('repairs', 'repairs.get', { repairId: logged.id });
  expect(d).toMatchObject({ status: 'assigned' });
  expect(JSON.stringify(d.events ?? d.timeline ?? d)).toContain('电话报修');
});
