/** Pure client logic: what each role is shown, form checks, import errors, formatting. */
// The registry carries home-card components: stand in for Taro and the UI kit.
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {}, useDidShow: () => undefined }));
jest.mock('@tarojs/components', () => ({ __esModule: true, View: 'view' }));
jest.mock('@/components/Btn', () => ({ __esModule: true, default: 'btn' }));

import type { Me, RoleView } from '@core/accounts/contract';
import { servicesFor, shortcutsFor } from '../../src/features';
import { validateBindForm, validateInviteCode } from '../../src/packages/accounts/pages/bind/validate';
import { rowErrorsFrom, summary } from '../../src/packages/accounts/pages/import/rowErrors';
import { groupByRole } from '../../src/packages/accounts/pages/signin/group';
import { canAnywhere } from '@core/authz';
import { actorOf, grantableRoles, visibleRosterBuildings } from '../../src/utils/actor';
import { formatDateTime, greeting } from '../../src/utils/format';

const compound = {
  id: 'c1',
  name: '天翔世家',
  communityId: 'm1',
  communityName: '幸福社区',
  buildings: [1, 2, 3].map((n) => ({
    id: 'b' + n,
    compoundId: 'c1',
    name: `${n}栋`,
    no: n,
    kind: 'residential' as const,
    hasLift: true,
    units: ['1单元'],
    homeCount: 10,
  })),
};

function me(roles: Partial<RoleView>[] = [], approvalsWaiting = 0): Me {
  return {
    registered: true,
    homes: [],
    pendingRequests: [],
    approvalsWaiting,
    uploadPrefix: 'u/o-test/',
    roles: roles.map((r, i) => ({ id: 'r' + i, role: 'buildingLead', label: '', communityId: 'm1', scopeLabel: '', ...r }) as RoleView),
  };
}

const keys = (list: { key: string }[]) => list.map((s) => s.key);

describe('services grid and home shortcuts by role', () => {
  it('a resident sees only bind and homes', () => {
    // 认领管理身份: someone with no role yet may be a compound's first (onboarding).
    expect(keys(servicesFor(me()))).toEqual(['bind', 'homes', 'claim']);
    expect(shortcutsFor(me())).toEqual([]);
  });

  it('a building lead reviews requests and sees the roster, with the waiting count', () => {
    const lead = me([{ role: 'buildingLead', compoundId: 'c1', buildingIds: ['b3'] }], 4);
    expect(keys(servicesFor(lead))).toEqual([
      'notice-post',
      'bind',
      'fee-statement',
      'fee-dues',
      'activity-create',
      'homes',
      'approvals',
      'invites',
      'roster',
      'vehicle-manage',
      'concern-queue',
      'community-cases',
    ]);
    expect(keys(shortcutsFor(lead))).toEqual(['notice-post', 'activity-create', 'approvals', 'roster', 'concern-queue']);
    expect(shortcutsFor(lead).find((s) => s.key === 'approvals')?.badge).toBe(4);
  });

  it('a committee member also imports rosters and manages roles', () => {
    const committee = me([{ role: 'committeeMember', compoundId: 'c1' }]);
    expect(keys(servicesFor(committee))).toEqual([
      'notice-post',
      'guide',
      'bind',
      'fee-statement',
      'fee-books',
      'fee-rates',
      'fee-parking',
      'fee-dues',
      'fee-refunds',
      'activity-create',
      'homes',
      'approvals',
      'votes-manage',
      'invites',
      'roster',
      'import',
      'roles',
      'repair-manage',
      'repair-stats',
      'vehicle-manage',
      'concern-queue',
      'concern-topics-manage',
      'concern-stats',
      'community-scorecards',
      'community-cases',
    ]);
  });

  it('a property manager imports but does not review bindings', () => {
    const pm = me([{ role: 'propertyManager', compoundId: 'c1' }]);
    expect(keys(servicesFor(pm))).toEqual([
      'notice-post',
      'bind',
      'fee-statement',
      'fee-books',
      'fee-rates',
      'fee-parking',
      'fee-dues',
      'fee-refunds',
      'activity-create',
      'homes',
      'invites',
      'roster',
      'import',
      'roles',
      'repair-queue',
      'repair-manage',
      'repair-stats',
      'repair-log',
      'vehicle-manage',
      'community-cases',
    ]);
  });
});

describe('actor helpers', () => {
  it('a lead sees only their own buildings, masked', () => {
    const actor = actorOf(me([{ role: 'buildingLead', compoundId: 'c1', buildingIds: ['b3'] }]));
    const visible = visibleRosterBuildings(actor, [compound]);
    expect(visible.map((v) => [v.building.id, v.view])).toEqual([['b3', 'masked']]);
    expect(canAnywhere(actor, 'roster.import')).toBe(false);
  });

  it('grantable roles follow the permission table', () => {
    expect(grantableRoles(actorOf(me([{ role: 'branchSecretary', compoundId: 'c1' }])), compound)).toEqual(['buildingLead']);
    expect(grantableRoles(actorOf(me([{ role: 'communityAdmin' }])), compound)).toEqual([
      'buildingLead',
      'branchSecretary',
      'committeeMember',
      'propertyManager',
    ]);
    expect(grantableRoles(actorOf(me([{ role: 'propertyManager', compoundId: 'c1' }])), compound)).toEqual(['staff']);
  });
});

describe('bind form checks', () => {
  it('needs a name; phone and note are optional but checked (limits from core/accounts/limits)', () => {
    expect(validateBindForm({ name: ' ', phone: '', note: '' })).toEqual({ name: '请填写真实姓名' });
    expect(validateBindForm({ name: '王', phone: '', note: '' }).name).toBe('姓名至少2个字');
    expect(validateBindForm({ name: '王'.repeat(21), phone: '', note: '' }).name).toBe('姓名最多20个字');
    expect(validateBindForm({ name: '王秀英', phone: '', note: '' })).toEqual({});
    expect(validateBindForm({ name: '王秀英', phone: '1381234567', note: '' }).phone).toBe('请输入11位手机号');
    expect(validateBindForm({ name: '王秀英', phone: '', note: 'x'.repeat(101) }).note).toBe('备注最多100个字');
    // Counted as people see characters (code points), like the contract.
    expect(validateBindForm({ name: '王秀英', phone: '', note: '😀'.repeat(100) }).note).toBeUndefined();
  });

  it("invite codes are the contract's 10 characters without look-alikes, any case", () => {
    expect(validateInviteCode('abcdefgh23')).toBeNull();
    expect(validateInviteCode(' ABCDEFGH23 ')).toBeNull();
    expect(validateInviteCode('ab12cd')).toBe('邀请码为10位字母或数字');
    expect(validateInviteCode('ABCDEFGH10')).not.toBeNull(); // 1 and 0 are not in the alphabet
  });
});

describe('import errors', () => {
  it('reads row errors from an array or from { errors }', () => {
    const e = { row: 3, column: '面积(㎡)', message: '面积必须是数字' };
    expect(rowErrorsFrom([e, { nonsense: 1 }])).toEqual([e]);
    expect(rowErrorsFrom({ errors: [e] })).toEqual([e]);
    expect(rowErrorsFrom(undefined)).toEqual([]);
  });

  it('summarises a dry run and a real import differently', () => {
    expect(summary({ dryRun: true, rows: 10, created: 8, updated: 2, errors: [], errorCount: 0 })).toBe(
      '共 10 行：将新增 8 户，将更新 2 户',
    );
    expect(summary({ dryRun: false, rows: 10, created: 8, updated: 2, errors: [], errorCount: 0 })).toBe(
      '共 10 行：已新增 8 户，已更新 2 户',
    );
  });
});

describe('demo sign-in grouping', () => {
  it('groups people by role, leads before residents, and lists multi-role people under each', () => {
    const groups = groupByRole([
      { openid: 'a', name: '甲', roles: ['住户'], homes: [] },
      { openid: 'b', name: '乙', roles: ['党员楼栋长', '住户'], homes: [] },
      { openid: 'c', name: '丙', roles: [], homes: [] },
    ]);
    expect(groups.map((g) => [g.role, g.people.map((p) => p.name)])).toEqual([
      ['党员楼栋长', ['乙']],
      ['住户', ['甲', '乙']],
      ['未绑定房屋', ['丙']],
    ]);
  });
});

describe('formatting in Shanghai time', () => {
  it('shows UTC instants at UTC+8, across the date line', () => {
    expect(formatDateTime('2026-11-27T16:30:00Z')).toBe('2026-11-28 00:30');
    expect(formatDateTime('not a date')).toBe('');
  });

  it('greets by the Shanghai hour', () => {
    expect(greeting(Date.parse('2026-11-28T00:00:00Z'))).toBe('早上好'); // 08:00
    expect(greeting(Date.parse('2026-11-28T12:00:00Z'))).toBe('晚上好'); // 20:00
  });
});
