import {
  actorKeys,
  authorRole,
  canManage,
  canPostTo,
  canTransition,
  clip,
  escapeRegExp,
  excerpt,
  isExpired,
  inList,
  noticeKeys,
  noticePage,
  NOTICE_CATEGORIES,
  NOTICE_STATUSES,
  openAccess,
  percent,
  rates,
  rejectionMessage,
  sumCounts,
  trackableBuildings,
  type NoticeTarget,
} from '../../core/notices/rules';
import type { Actor, RoleGrant } from '../../core/platform/roles';

const C = 'qiaoxing';
const lead = (...nos: number[]): RoleGrant => ({
  role: 'buildingLead',
  communityId: C,
  compoundId: 'txsj',
  buildingIds: nos.map((n) => `txsj-b${n}`),
});
const compoundRole = (role: RoleGrant['role'], compoundId = 'txsj'): RoleGrant => ({ role, communityId: C, compoundId });
const home = (b: number, compoundId = 'txsj') => ({
  homeId: `${compoundId}-b${b}_1_101`,
  buildingId: `${compoundId}-b${b}`,
  compoundId,
  communityId: C,
  relation: 'owner' as const,
});
const actor = (a: Partial<Actor>): Actor => ({ openid: 'o', personId: 'p', roles: [], homes: [], ...a });

const toB3: NoticeTarget[] = [{ kind: 'building', communityId: C, compoundId: 'txsj', buildingId: 'txsj-b3' }];
const toTxsj: NoticeTarget[] = [{ kind: 'compound', communityId: C, compoundId: 'txsj' }];
const now = new Date('2026-11-28T02:00:00Z');

describe('categories and life cycle', () => {
  it('has the five categories of the issue, 紧急 last', () => {
    expect(NOTICE_CATEGORIES).toEqual(['通知', '停水停电', '活动', '财务公示', '紧急']);
  });
  it('a published notice can only be corrected or withdrawn; terminal states stay terminal', () => {
    expect(canTransition('reviewing', 'published')).toBe(true);
    expect(canTransition('reviewing', 'rejected')).toBe(true);
    expect(canTransition('reviewing', 'corrected')).toBe(false);
    expect(canTransition('published', 'corrected')).toBe(true);
    expect(canTransition('published', 'withdrawn')).toBe(true);
    expect(canTransition('published', 'reviewing')).toBe(false);
    for (const t of ['rejected', 'corrected', 'withdrawn'] as const)
      for (const to of NOTICE_STATUSES) expect(canTransition(t, to)).toBe(false);
  });
});

describe('targeting keys', () => {
  it('a building notice reaches the building and the compound/community staff, never the whole compound', () => {
    expect(noticeKeys(toB3).sort()).toEqual(['b:txsj-b3', 'sc:txsj', 'sm:qiaoxing']);
    expect(noticeKeys(toTxsj).sort()).toEqual(['c:txsj', 'sc:txsj', 'sm:qiaoxing']);
  });
  it('a resident listens on their compound and building; staff on their scopes', () => {
    expect(actorKeys(actor({ homes: [home(3)] }))).toEqual(['b:txsj-b3', 'c:txsj']);
    expect(actorKeys(actor({ roles: [lead(5, 6)], homes: [home(5)] }))).toEqual(['b:txsj-b5', 'b:txsj-b6', 'c:txsj']);
    expect(actorKeys(actor({ roles: [compoundRole('committeeMember')] }))).toEqual(['c:txsj', 'sc:txsj']);
    expect(actorKeys(actor({ roles: [compoundRole('staff')] }))).toEqual(['c:txsj']);
    expect(actorKeys(actor({ roles: [{ role: 'communityAdmin', communityId: C }] }))).toEqual(['sm:qiaoxing']);
    expect(actorKeys(actor({ personId: null }))).toEqual([]);
  });
});

describe('who may post, track and manage', () => {
  it('a lead posts to the buildings they lead only; compound roles to the compound; the office anywhere in the community', () => {
    expect(canPostTo(actor({ roles: [lead(3)] }), toB3)).toBe(true);
    expect(canPostTo(actor({ roles: [lead(5)] }), toB3)).toBe(false);
    expect(canPostTo(actor({ roles: [lead(3)] }), toTxsj)).toBe(false);
    expect(canPostTo(actor({ roles: [compoundRole('propertyManager')] }), toTxsj)).toBe(true);
    expect(canPostTo(actor({ roles: [compoundRole('staff')] }), toB3)).toBe(false);
    expect(canPostTo(actor({ roles: [compoundRole('committeeMember', 'yjlt')] }), toTxsj)).toBe(false);
    const both: NoticeTarget[] = [...toTxsj, { kind: 'compound', communityId: C, compoundId: 'yjlt' }];
    expect(canPostTo(actor({ roles: [{ role: 'communityAdmin', communityId: C }] }), both)).toBe(true);
    expect(canPostTo(actor({ roles: [compoundRole('committeeMember')] }), both)).toBe(false);
    expect(canPostTo(actor({ roles: [lead(3)] }), [])).toBe(false);
  });
  it('the role shown is the widest one that covers every target', () => {
    expect(authorRole(actor({ roles: [lead(3), compoundRole('branchSecretary')] }), toB3)).toBe('branchSecretary');
    expect(authorRole(actor({ roles: [lead(3)] }), toB3)).toBe('buildingLead');
    expect(authorRole(actor({ roles: [lead(3), { role: 'communityAdmin', communityId: C }] }), toTxsj)).toBe('communityAdmin');
    expect(authorRole(actor({ roles: [] }), toB3)).toBeNull();
  });
  it('trackable buildings: by current role only (not authorship), a lead their own, compound roles their compound', () => {
    const buildings = [3, 5].map((n) => ({ id: `txsj-b${n}`, communityId: C, compoundId: 'txsj' }));
    const notice = { authorId: 'author', buildings };
    expect(trackableBuildings(actor({ personId: 'author' }), notice)).toHaveLength(0);
    expect(trackableBuildings(actor({ personId: 'author', roles: [lead(3)] }), notice).map((b) => b.id)).toEqual(['txsj-b3']);
    expect(trackableBuildings(actor({ roles: [lead(3)] }), notice).map((b) => b.id)).toEqual(['txsj-b3']);
    expect(trackableBuildings(actor({ roles: [compoundRole('committeeMember')] }), notice)).toHaveLength(2);
    expect(trackableBuildings(actor({ roles: [compoundRole('staff')] }), notice)).toHaveLength(0);
    expect(trackableBuildings(actor({ homes: [home(3)] }), notice)).toHaveLength(0);
  });
  it('the author or whoever may post to every target manages it', () => {
    expect(canManage(actor({ personId: 'a' }), { authorId: 'a', targets: toTxsj })).toBe(true);
    expect(canManage(actor({ roles: [lead(3)] }), { authorId: 'a', targets: toTxsj })).toBe(false);
    expect(canManage(actor({ roles: [compoundRole('branchSecretary')] }), { authorId: 'a', targets: toB3 })).toBe(true);
    expect(canManage(actor({ personId: null }), { authorId: '', targets: toB3 })).toBe(false);
  });
});

describe('visibility', () => {
  const n = (over: Partial<Parameters<typeof openAccess>[0]> = {}) => ({
    authorId: 'author',
    targetKeys: noticeKeys(toB3),
    status: 'published' as const,
    expiresAt: null,
    ...over,
  });
  it('the audience reads live, corrected and withdrawn notices; not reviewing, rejected or expired ones', () => {
    const res3 = actor({ homes: [home(3)] });
    expect(openAccess(n(), res3, now)).toBe('reader');
    expect(openAccess(n({ status: 'corrected' }), res3, now)).toBe('reader');
    expect(openAccess(n({ status: 'withdrawn' }), res3, now)).toBe('reader');
    expect(openAccess(n({ status: 'reviewing' }), res3, now)).toBeNull();
    expect(openAccess(n({ status: 'rejected' }), res3, now)).toBeNull();
    expect(openAccess(n({ expiresAt: new Date(now.getTime() - 1) }), res3, now)).toBeNull();
  });
  it('outsiders see nothing; the author and trackers see everything', () => {
    expect(openAccess(n(), actor({ homes: [home(5)] }), now)).toBeNull();
    expect(openAccess(n(), actor({ homes: [home(3, 'yjlt')] }), now)).toBeNull();
    expect(openAccess(n(), actor({ roles: [compoundRole('staff')] }), now)).toBeNull();
    expect(openAccess(n({ status: 'rejected' }), actor({ personId: 'author' }), now)).toBe('full');
    expect(openAccess(n({ expiresAt: new Date(0) }), actor({ roles: [compoundRole('committeeMember')] }), now)).toBe('full');
    expect(openAccess(n({ status: 'reviewing' }), actor({ roles: [lead(3)] }), now)).toBe('full');
    expect(openAccess(n(), actor({ roles: [{ role: 'communityAdmin', communityId: C }] }), now)).toBe('full');
  });
  it('the list shows published, unexpired notices', () => {
    expect(inList(n(), now)).toBe(true);
    expect(inList(n({ status: 'corrected' }), now)).toBe(false);
    expect(inList(n({ expiresAt: now }), now)).toBe(false);
    expect(isExpired({ expiresAt: null }, now)).toBe(false);
  });
});

describe('read rates', () => {
  it('percent never shows 0 when someone read, nor 100 when a home is left', () => {
    expect(percent(0, 585)).toBe(0);
    expect(percent(1, 585)).toBe(1);
    expect(percent(584, 585)).toBe(99);
    expect(percent(585, 585)).toBe(100);
    expect(percent(1, 2)).toBe(50);
    expect(percent(1, 8)).toBe(13); // 12.5 rounds half up
    expect(percent(3, 0)).toBe(0);
  });
  it('told in person is counted apart and never beyond the homes left', () => {
    expect(rates({ homes: 68, read: 10, told: 5 })).toEqual({
      homes: 68,
      read: 10,
      told: 5,
      own: 0,
      reached: 15,
      unread: 53,
      readRate: 15,
      reachedRate: 22,
    });
    expect(rates({ homes: 2, read: 2, told: 1 })).toMatchObject({ reached: 2, told: 0, unread: 0, reachedRate: 100 });
    expect(
      sumCounts([
        { homes: 68, read: 1, told: 0 },
        { homes: 70, read: 2, told: 3 },
      ]),
    ).toEqual({ homes: 138, read: 3, told: 3, own: 0 });
  });
});

describe('text rules', () => {
  it('escapes regular-expression characters so a search is literal', () => {
    const re = new RegExp(escapeRegExp('(3栋) 1.5*小时?'));
    expect(re.test('置顶：(3栋) 1.5*小时?')).toBe(true);
    expect(re.test('3栋 1x5小时')).toBe(false);
  });
  it('excerpts and clips by characters, not bytes', () => {
    expect(excerpt('第一行\n\n第二行')).toBe('第一行 第二行');
    expect(excerpt('长'.repeat(61))).toBe('长'.repeat(60) + '…');
    expect(clip('一二三四五六七八九十一二三四五六七八九十')).toHaveLength(20);
    expect(clip('一二三四五六七八九十一二三四五六七八九十多')).toBe('一二三四五六七八九十一二三四五六七八九…');
  });
  it('says why content was refused, in Chinese', () => {
    expect(rejectionMessage('text', 'risky', 20008)).toContain('欺诈');
    expect(rejectionMessage('text', 'review', 21000)).toContain('不适宜');
    expect(rejectionMessage('image', 'risky', 20002, 1)).toContain('第2张图片');
  });
  it('points subscribe messages at the detail page', () => {
    expect(noticePage('abc')).toBe('packages/notices/pages/detail/index?id=abc');
  });
});

describe('reads across versions (homeKnows)', () => {
  const { homeKnows, nextReadFromVersion, personReadCounts } = jest.requireActual('../../core/notices/rules');
  it('an app read or told of a version from the counting one on counts; the author’s home is own', () => {
    expect(homeKnows(null)).toBeNull();
    expect(homeKnows({ app: true, appVersion: 1, told: false, toldVersion: 0 }, 1)).toBe('read');
    expect(homeKnows({ app: true, appVersion: 1, told: false, toldVersion: 0 }, 2)).toBeNull();
    expect(homeKnows({ app: true, appVersion: 1, told: true, toldVersion: 2 }, 2)).toBe('told');
    expect(homeKnows({ app: false, appVersion: 0, told: false, toldVersion: 0, author: true }, 3)).toBe('own');
    expect(homeKnows({ app: true, told: false }, 1)).toBe('read'); // no version recorded = 1
  });
  it('a correction keeps the counting version unless it must be read again', () => {
    expect(nextReadFromVersion(undefined, 1, false)).toBe(1);
    expect(nextReadFromVersion({}, 2, false)).toBe(1);
    expect(nextReadFromVersion({ readFromVersion: 1 }, 2, true)).toBe(2);
    expect(nextReadFromVersion({ readFromVersion: 2 }, 3, false)).toBe(2);
    expect(personReadCounts({ version: 1 }, 2)).toBe(false);
    expect(personReadCounts({ version: 2 }, 2)).toBe(true);
    expect(personReadCounts(null, 1)).toBe(false);
  });
  it('own homes are reached, never beyond the homes left', () => {
    expect(rates({ homes: 3, read: 1, told: 1, own: 1 })).toMatchObject({ reached: 3, unread: 0, reachedRate: 100 });
    expect(rates({ homes: 2, read: 2, told: 0, own: 1 })).toMatchObject({ own: 0, reached: 2 });
  });
});
