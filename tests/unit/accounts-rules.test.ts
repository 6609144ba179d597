import {
  matchBuilding,
  parseSmallNumber,
  parseUnit,
  rosterFieldOf,
  grantableRoles,
  canRevokeRole,
  approvalProgress,
} from '../../core/accounts/rules';
import { naturalCompare, roomSortKey } from '../../core/platform/text';

const B = [
  ...Array.from({ length: 8 }, (_, i) => ({ _id: `b${i + 1}`, no: i + 1, name: `${i + 1}栋`, kind: 'residential' as const })),
  { _id: 'b9', no: 9, name: '沿街商铺', kind: 'shops' as const },
];
const ok = (w: string, k: 'flat' | 'shop' | null = null) => {
  const m = matchBuilding(w, k, B);
  return 'building' in m ? m.building._id : `ERR ${m.error}`;
};

describe('roomSortKey', () => {
  it('sorts rooms naturally as plain strings, the same order as naturalCompare', () => {
    const rooms: [string, string][] = [
      ['1', '1001'],
      ['1', '101'],
      ['2', '101'],
      ['1', '901'],
      ['10', '101'],
      ['', 'S07'],
      ['', 'S10'],
      ['', 'S2'],
    ];
    const byKey = [...rooms].sort((a, b) => (roomSortKey(...a) < roomSortKey(...b) ? -1 : 1));
    const natural = [...rooms].sort((a, b) => naturalCompare(a[0], b[0]) || naturalCompare(a[1], b[1]));
    expect(byKey).toEqual(natural);
    expect(byKey.slice(0, 3)).toEqual([
      ['', 'S2'],
      ['', 'S07'],
      ['', 'S10'],
    ]);
    expect(roomSortKey('1', '101') < roomSortKey('1', '1001')).toBe(true);
  });
});

describe('matchBuilding', () => {
  it('matches what people write', () => {
    expect(['3栋', '3号楼', '3幢', '三栋', '3', '３栋', '第三栋', ' 3 栋'].map((w) => ok(w, 'flat'))).toEqual(Array(8).fill('b3'));
    expect(ok('沿街商铺', 'shop')).toBe('b9');
    expect(ok('商铺', 'shop')).toBe('b9');
  });
  it('never puts a 9栋 row into the shops block numbered 9', () => {
    expect(ok('9栋', 'flat')).toMatch(/^ERR .*沿街商铺/);
    expect(ok('9栋', null)).toMatch(/^ERR /);
    expect(ok('9', 'shop')).toMatch(/^ERR /);
    expect(ok('沿街商铺', 'flat')).toMatch(/类型不符/);
    expect(ok('12栋')).toBe('ERR 找不到楼栋「12栋」');
  });
  it('refuses an ambiguous name', () => {
    const twice = [...B, { _id: 'x', no: 3, name: '3栋', kind: 'residential' as const }];
    expect('error' in matchBuilding('3号楼', 'flat', twice)).toBe(true);
  });
});

describe('units, numbers and headers', () => {
  it('reads units and small numbers', () => {
    expect(['1', '一单元', '1单元', '01', '第一单元'].map(parseUnit)).toEqual(['1', '1', '1', '1', '1']);
    expect(parseUnit('')).toBe('');
    expect(parseUnit('五单元楼')).toBeNull();
    expect(['十', '十二', '二十一', '两'].map(parseSmallNumber)).toEqual([10, 12, 21, 2]);
  });
  it('accepts the headers people use', () => {
    expect(
      ['楼号', '楼栋', '单元', '室号', '房号', '户主', '业主姓名', '联系电话', '手机', '面积', '建筑面积', '面积（㎡）', '类型'].map(
        rosterFieldOf,
      ),
    ).toEqual(['building', 'building', 'unit', 'number', 'number', 'owner', 'owner', 'phone', 'phone', 'area', 'area', 'area', 'kind']);
    expect(rosterFieldOf('备注')).toBeNull();
  });
});

describe('grants from the authorization table', () => {
  const compound = { communityId: 'c', compoundId: 'k' };
  it('who may grant and revoke what', () => {
    expect(grantableRoles({ roles: [{ role: 'branchSecretary', communityId: 'c', compoundId: 'k' }] }, compound)).toEqual(['buildingLead']);
    expect(grantableRoles({ roles: [{ role: 'propertyManager', communityId: 'c', compoundId: 'k' }] }, compound)).toEqual(['staff']);
    expect(grantableRoles({ roles: [{ role: 'communityAdmin', communityId: 'c' }] }, compound)).toEqual([
      'buildingLead',
      'branchSecretary',
      'committeeMember',
      'propertyManager',
    ]);
    const mgr = { personId: 'm', roles: [{ role: 'propertyManager' as const, communityId: 'c', compoundId: 'k' }] };
    expect(canRevokeRole(mgr, 'staff', 'someone', compound)).toBe(true);
    expect(canRevokeRole(mgr, 'staff', 'm', compound)).toBe(false);
    expect(canRevokeRole(mgr, 'committeeMember', 'someone', compound)).toBe(false);
  });
});

describe('a pending bind request, in one wording', () => {
  it('says who it waits for, then how many more', () => {
    expect(approvalProgress(0, 1)).toBe('等待楼栋长审核');
    expect(approvalProgress(0, 2)).toBe('等待楼栋长或业委会审核（需2人同意）');
    expect(approvalProgress(1, 2)).toBe('已有1人同意，还需1人');
    expect(approvalProgress(2, 2)).toBeUndefined();
  });
});
