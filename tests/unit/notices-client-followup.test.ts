/** The words around 一键提醒 (before and after the tap), 我发布的 progress and the home card's order. */
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {}, useDidShow: () => undefined }));
jest.mock('@tarojs/components', () => ({ __esModule: true, View: 'view' }));
import { jobWords, knownBreakdown, previewWords, progressText } from '../../src/packages/notices/logic';
import { unreadFirst } from '../../src/features/notices/homeCards';

const job = (o: object) =>
  ({
    id: 'j',
    kind: 'notices.message',
    status: 'done',
    statusLabel: '',
    total: 10,
    done: 0,
    skipped: 0,
    unknown: 0,
    createdAt: '',
    ...o,
  }) as any;

describe('before the tap', () => {
  it('says how many a reminder reaches and how many homes to tell in person, and why', () => {
    const w = previewWords({ unreadHomes: 60, people: 30, withGrant: 12, homesWithGrant: 10 });
    expect(w).toMatchObject({ canRemind: true, reach: '可以微信提醒 12 人（10 户）' });
    expect(w.inPerson).toContain('50 户收不到微信提醒');
    expect(w.inPerson).toContain('18 人用小程序但没有订阅提醒');
  });
  it('nobody reachable: no button, everyone in person; all known: nothing to do', () => {
    expect(previewWords({ unreadHomes: 5, people: 0, withGrant: 0, homesWithGrant: 0 })).toMatchObject({
      canRemind: false,
      reach: '现在没有人可以微信提醒',
    });
    expect(previewWords({ unreadHomes: 0, people: 0, withGrant: 0, homesWithGrant: 0 })).toMatchObject({
      allKnown: true,
      canRemind: false,
      inPerson: null,
    });
  });
});

describe('after the tap', () => {
  it('0 reminded is a warning, never a success', () => {
    expect(jobWords(job({ done: 0, skipped: 3 }))).toMatchObject({ tone: 'warn', finished: true });
    expect(jobWords(job({ done: 0, skipped: 3 })).text).toContain('没有提醒到任何人');
  });
  it('running, done, skipped and unknown are said as they are', () => {
    expect(jobWords(job({ status: 'running', done: 4 }))).toMatchObject({
      tone: 'info',
      finished: false,
      text: '正在发送提醒：已提醒 4 人，共需检查 10 人…',
    });
    expect(jobWords(job({ done: 8 }))).toMatchObject({ tone: 'ok', text: '已提醒 8 人' });
    expect(jobWords(job({ done: 8, skipped: 2, unknown: 1 })).text).toBe('已提醒 8 人，2 人收不到（未订阅或次数用完），1 人不确定是否收到');
    expect(jobWords(job({ status: 'failed', done: 1, error: '超时' }))).toMatchObject({ tone: 'warn', finished: true });
  });
});

describe('progress words', () => {
  it('x/y 户已知晓 and the breakdown names the author’s own home', () => {
    expect(progressText({ reached: 56, homes: 68 })).toBe('56/68 户已知晓');
    expect(knownBreakdown({ homes: 68, read: 40, told: 3, own: 1, reached: 44, unread: 24, readRate: 59, reachedRate: 65 })).toBe(
      '40 户已读 · 3 户当面告知 · 1 户是发布人自家（算已知晓） · 24 户未读',
    );
  });
});

describe('home card', () => {
  it('unread only, urgent first, otherwise in the list order', () => {
    const n = (id: string, unread: boolean, emergency = false) => ({ id, unread, emergency }) as any;
    expect(unreadFirst([n('a', true), n('b', false), n('c', true, true), n('d', true)]).map((x) => x.id)).toEqual(['c', 'a', 'd']);
  });
});
