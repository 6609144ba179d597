/** Pure client logic of the notices pages: who may post where, the post form, badge and reminder texts. */
// The registry carries home-card components: stand in for Taro and the UI kit.
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {}, useDidShow: () => undefined }));
jest.mock('@tarojs/components', () => ({ __esModule: true, View: 'view' }));
jest.mock('@/components/Btn', () => ({ __esModule: true, default: 'btn' }));

import type { CompoundInfo, Me, RoleView } from '@core/accounts/contract';
import { badgeText, canPostNotices, noticeItemClass } from '../../src/pages/notices/logic';
import { servicesFor, shortcutsFor } from '../../src/features';
import {
  audienceGroups,
  audienceLabel,
  audienceOf,
  barWidth,
  defaultSelection,
  remindText,
  todayShanghai,
  toggleAudience,
  validatePost,
} from '../../src/packages/notices/logic';

const compound = (id: string, communityId: string, n: number): CompoundInfo => ({
  id,
  name: id === 'c1' ? '天翔世家' : '御家兰庭',
  communityId,
  communityName: '幸福社区',
  buildings: Array.from({ length: n }, (_, i) => ({
    id: `${id}-b${i + 1}`,
    compoundId: id,
    name: `${i + 1}栋`,
    no: i + 1,
    kind: 'residential' as const,
    hasLift: true,
    units: ['1单元'],
    homeCount: 10,
  })),
});
const compounds = [compound('c1', 'm1', 3), compound('c2', 'm1', 2)];

function me(roles: Partial<RoleView>[]): Me {
  return {
    registered: true,
    homes: [],
    roles: roles.map((r, i) => ({ id: 'r' + i, label: '', scopeLabel: '', communityId: 'm1', role: 'buildingLead', ...r }) as RoleView),
    pendingRequests: [],
    approvalsWaiting: 0,
    uploadPrefix: 'u/o-test/',
  };
}

describe('who may post, and where', () => {
  it('a resident may not post and gets no 发布通知 entry', () => {
    expect(canPostNotices(me([]))).toBe(false);
    expect(canPostNotices(null)).toBe(false);
    expect(servicesFor(me([])).map((s) => s.key)).toEqual(['bind', 'homes', 'claim']);
    expect(audienceGroups(me([]), compounds)).toEqual([]);
  });

  it('a lead picks only among the buildings they lead, preselected when there is one', () => {
    const lead = me([{ role: 'buildingLead', compoundId: 'c1', buildingIds: ['c1-b3'] }]);
    expect(canPostNotices(lead)).toBe(true);
    expect(shortcutsFor(lead)[0].key).toBe('notice-post');
    const groups = audienceGroups(lead, compounds);
    expect(groups).toHaveLength(1);
    expect(groups[0].options.map((o) => o.label)).toEqual(['3栋']);
    expect(defaultSelection(groups)).toEqual(['b:c1-b3']);
    expect(audienceOf(defaultSelection(groups))).toEqual({ kind: 'buildings', buildingIds: ['c1-b3'] });
  });

  it('the committee gets 全小区 and every building of its own compound only', () => {
    const groups = audienceGroups(me([{ role: 'committeeMember', compoundId: 'c1' }]), compounds);
    expect(groups.map((g) => g.compoundName)).toEqual(['天翔世家']);
    expect(groups[0].options.map((o) => o.label)).toEqual(['全小区', '1栋', '2栋', '3栋']);
    expect(defaultSelection(groups)).toEqual([]);
  });

  it('the community office may post to several compounds at once', () => {
    const groups = audienceGroups(me([{ role: 'communityAdmin' }]), compounds);
    expect(groups.map((g) => g.compoundId)).toEqual(['c1', 'c2']);
    let sel = toggleAudience([], 'c:c1');
    sel = toggleAudience(sel, 'c:c2');
    expect(audienceOf(sel)).toEqual({ kind: 'compounds', compoundIds: ['c1', 'c2'] });
    expect(audienceLabel(groups, sel)).toBe('天翔世家 全小区；御家兰庭 全小区');
  });

  it('compounds and buildings do not mix: picking the other kind starts over; a second tap unpicks', () => {
    let sel = toggleAudience([], 'b:c1-b1');
    sel = toggleAudience(sel, 'b:c1-b2');
    expect(sel).toEqual(['b:c1-b1', 'b:c1-b2']);
    sel = toggleAudience(sel, 'c:c1');
    expect(sel).toEqual(['c:c1']);
    expect(toggleAudience(sel, 'c:c1')).toEqual([]);
    expect(audienceOf([])).toBeNull();
  });
});

describe('post form', () => {
  const ok = { title: '停水', body: '明天停水', expiresOn: '' };
  it('accepts a complete form', () => {
    expect(validatePost(ok, { audience: true, today: '2026-11-28' })).toEqual({});
  });
  it('names every missing or too long field, in Chinese', () => {
    const e = validatePost({ title: ' ', body: 'x'.repeat(2001), expiresOn: '2026-11-27' }, { audience: false, today: '2026-11-28' });
    expect(e).toEqual({
      title: '请填写标题',
      body: '正文不超过2000个字',
      audience: '请选择发给哪些楼栋或全小区',
      expiresOn: '截止日期不能早于今天',
    });
    expect(validatePost({ ...ok, title: '题'.repeat(41) }, { audience: true, today: '2026-11-28' }).title).toBe('标题不超过40个字');
    expect(validatePost({ ...ok, expiresOn: '2026-11-28' }, { audience: true, today: '2026-11-28' })).toEqual({});
  });
  it('today is the Shanghai calendar day', () => {
    expect(todayShanghai(Date.parse('2026-11-28T16:30:00Z'))).toBe('2026-11-29');
    expect(todayShanghai(Date.parse('2026-11-28T15:59:00Z'))).toBe('2026-11-28');
  });
});

describe('texts and classes', () => {
  it('the tab badge caps at 99+ and is removed at 0', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });
  it('unread and urgent items carry their classes; 我发布的 shows no unread dot', () => {
    expect(noticeItemClass({ unread: true, emergency: true }, 'inbox')).toBe('card notice-item notice-item--unread notice-item--urgent');
    expect(noticeItemClass({ unread: true, emergency: false }, 'authored')).toBe('card notice-item');
  });
  it('the reminder toast counts people, says who must be told in person, and when it is still sending', () => {
    expect(remindText({ reminded: 5, unreachable: 30, unreadHomes: 34, jobId: 'j1', finished: true })).toBe(
      '已提醒 5 人，30 人无法通过微信提醒（可当面告知）',
    );
    expect(remindText({ reminded: 5, unreachable: 0, unreadHomes: 34, jobId: 'j1', finished: false })).toBe('已提醒 5 人（仍在发送）');
    expect(remindText({ reminded: 0, unreachable: 0, unreadHomes: 0, jobId: 'j2', finished: true })).toBe('所有住户都已知晓，无需提醒');
  });
  it('rate bars stay within 0–100%', () => {
    expect(barWidth(-3)).toBe('0%');
    expect(barWidth(33.4)).toBe('33%');
    expect(barWidth(140)).toBe('100%');
  });
});
