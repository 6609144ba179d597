/**
 * core/platform pieces the client and the functions share: the merged permission
 * table (no feature's entry silently replaces another's), the table read as scopes,
 * Shanghai days and months without dayjs (equal to the dayjs side), money as text
 * and the shared field patterns.
 */
import { PERMISSIONS, scopedGrants } from '@core/authz';
import { ACCOUNTS_PERMISSIONS } from '@core/accounts/permissions';
import { ACTIVITIES_PERMISSIONS } from '@core/activities/permissions';
import { FEES_PERMISSIONS } from '@core/fees/permissions';
import { NOTICES_PERMISSIONS } from '@core/notices/permissions';
import { REPAIRS_PERMISSIONS } from '@core/repairs/permissions';
import { VOTES_PERMISSIONS } from '@core/votes/permissions';
import { VEHICLES_PERMISSIONS } from '@core/vehicles/permissions';
import { ONBOARDING_PERMISSIONS } from '@core/onboarding/permissions';
import { CONCERNS_PERMISSIONS } from '@core/concerns/permissions';
import { PARTY_PERMISSIONS } from '@core/party/permissions';
import { COMMUNITY_PERMISSIONS } from '@core/community/permissions';
import {
  addMonths,
  dayAfter,
  formatDateTime,
  periodLabel,
  shanghaiDay,
  shanghaiHour,
  shanghaiInstant,
  shanghaiMinute,
  shanghaiMonth,
} from '@core/platform/period';
import { formatDate, formatDateTime as dayjsDateTime, periodOf } from '@core/platform/time';
import { formatYuan } from '@core/platform/units';
import { CLOUD_FILE_ID_PATTERN, DAY_PATTERN, MOBILE_PATTERN, PERIOD_PATTERN } from '@core/platform/patterns';
import { grantsBuildings, ROLE_NAMES } from '@core/platform/roles';

describe('the merged permission table', () => {
  const tables = {
    ACCOUNTS_PERMISSIONS,
    NOTICES_PERMISSIONS,
    REPAIRS_PERMISSIONS,
    FEES_PERMISSIONS,
    ACTIVITIES_PERMISSIONS,
    VOTES_PERMISSIONS,
    VEHICLES_PERMISSIONS,
    ONBOARDING_PERMISSIONS,
    CONCERNS_PERMISSIONS,
    COMMUNITY_PERMISSIONS,
    PARTY_PERMISSIONS,
  };

  it('no permission is declared by two features (a spread would keep only the last)', () => {
    const owners = new Map<string, string[]>();
    for (const [name, table] of Object.entries(tables))
      for (const key of Object.keys(table)) owners.set(key, [...(owners.get(key) ?? []), name]);
    expect([...owners].filter(([, by]) => by.length > 1)).toEqual([]);
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...owners.keys()].sort());
  });

  it('no rule names a role twice or a role that does not exist', () => {
    for (const [permission, rules] of Object.entries(PERMISSIONS)) {
      const roles = rules.map(([role]) => role as string);
      expect([permission, roles.filter((r, i) => roles.indexOf(r) !== i || !(ROLE_NAMES as readonly string[]).includes(r))]).toEqual([
        permission,
        [],
      ]);
    }
  });
});

describe('scopedGrants: where a person may do something, read from the table', () => {
  const grants = [
    { id: 'a', role: 'buildingLead' as const, communityId: 'c', compoundId: 'x', buildingIds: ['b3'] },
    { id: 'b', role: 'committeeMember' as const, communityId: 'c', compoundId: 'x' },
    { id: 'c', role: 'staff' as const, communityId: 'c', compoundId: 'x' },
    { id: 'd', role: 'communityAdmin' as const, communityId: 'c' },
  ];
  it('keeps the grants that hold the permission, with their scope', () => {
    expect(scopedGrants(grants, 'activity.create').map((g) => [g.id, g.scope])).toEqual([
      ['a', 'building'],
      ['b', 'compound'],
    ]);
    expect(scopedGrants(grants, 'vote.manage').map((g) => [g.id, g.scope])).toEqual([
      ['b', 'compound'],
      ['d', 'community'],
    ]);
    expect(scopedGrants(grants, 'serviceTeam.manage')).toEqual([]);
  });
  it('only a building lead names buildings', () => {
    expect(ROLE_NAMES.filter(grantsBuildings)).toEqual(['buildingLead']);
  });
});

describe('Shanghai days and months without dayjs', () => {
  // Around midnight and month ends in Shanghai, in both directions of UTC.
  const instants = [
    '2026-11-30T15:59:59.999Z',
    '2026-11-30T16:00:00.000Z',
    '2026-12-31T16:30:00Z',
    '2027-01-01T00:00:00Z',
    '2024-02-28T18:00:00Z',
    '2026-06-15T03:04:05Z',
  ];

  it('say what the dayjs side says for the same instants', () => {
    for (const at of instants) {
      expect([at, shanghaiMonth(at), shanghaiDay(at), formatDateTime(at)]).toEqual([at, periodOf(at), formatDate(at), dayjsDateTime(at)]);
    }
  });
  it('days ahead, hours, wall times and instants', () => {
    const now = Date.parse('2026-11-30T17:00:00Z'); // 01:00 on 1 December in Shanghai
    expect(shanghaiDay(now)).toBe('2026-12-01');
    expect(dayAfter(-1, now)).toBe('2026-11-30');
    expect(dayAfter(31, now)).toBe('2027-01-01');
    expect(shanghaiHour(now)).toBe(1);
    expect(shanghaiMinute(now)).toBe('2026-12-01T01:00');
    expect(shanghaiInstant('2026-12-01', '9:30').toISOString()).toBe('2026-12-01T01:30:00.000Z');
    expect(shanghaiInstant('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(formatDateTime('not a date')).toBe('');
  });
  it('month arithmetic across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-05', -17)).toBe('2024-12');
    expect(periodLabel('2026-03')).toBe('2026年3月');
  });
});

it('money as text: fen to yuan, grouped for large sums', () => {
  expect(formatYuan(12345)).toBe('123.45元');
  expect(formatYuan(5)).toBe('0.05元');
  expect(formatYuan(-123456789, { grouped: true })).toBe('-1,234,567.89元');
  expect(formatYuan(100000, { grouped: true })).toBe('1,000.00元');
  expect(formatYuan(99999, { grouped: true })).toBe('999.99元');
});

it('the shared field patterns', () => {
  expect(['13800001234', '1380000123', '23800001234', '138000012345'].map((s) => MOBILE_PATTERN.test(s))).toEqual([
    true,
    false,
    false,
    false,
  ]);
  expect(['cloud://env.bucket/u/x.jpg', 'https://x/y.jpg', 'cloud://a b'].map((s) => CLOUD_FILE_ID_PATTERN.test(s))).toEqual([
    true,
    false,
    false,
  ]);
  expect(['2026-11', '2026-13', '1999-01', '26-11', '2026/11'].map((s) => PERIOD_PATTERN.test(s))).toEqual([
    true,
    false,
    false,
    false,
    false,
  ]);
  expect(['2026-11-28', '2026-11-2'].map((s) => DAY_PATTERN.test(s))).toEqual([true, false]);
});
