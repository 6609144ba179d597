/**
 * A published month becomes a 财务公示 notice to the compound's owners: the
 * statement offers the committee a draft (title, body in plain words, a link to the
 * statement), the notice is posted through notices (which checks who may post) and
 * recorded on the statement once; residents open the statement from the notice.
 */
import { main as fees } from '../../cloudfunctions/fees';
import { main as payCallback } from '../../cloudfunctions/payCallback';
import { main as notices } from '../../cloudfunctions/notices';
import { addMonths } from '../../core/fees/rules';
import { statementNotice } from '../../core/fees/statement-notice';
import { isValidLink } from '../../core/platform/links';
import { periodOf } from '../../core/platform/time';
import { createHarness, newRequestId, type Harness } from '../support/harness';
import { AFTER_PERIOD, at } from './fees-setup';

jest.setTimeout(60_000);

const PERIOD = periodOf(new Date());
const LAST = addMonths(PERIOD, -1);
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ fees: fees as any, payCallback: payCallback as any, notices: notices as any });
  await h.db.collection('people').add({
    data: {
      _id: 'p-txsj-bookkeeper',
      openid: 'demo-txsj-bookkeeper',
      name: '钱会计',
      partyMember: false,
      showPartyBadge: false,
      createdAt: new Date(),
    },
  });
  await h.db.collection('roles').add({
    data: {
      _id: 'r-txsj-bookkeeper',
      personId: 'p-txsj-bookkeeper',
      role: 'bookkeeper',
      communityId: 'qiaoxing',
      compoundId: 'txsj',
      grantedBy: 'p-txsj-committee',
      createdAt: new Date(),
    },
  });
  await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
    clientRequestId: newRequestId(),
    compoundId: 'txsj',
    category: 'cleaning',
    amountFen: 1_234_56,
    memo: '保洁服务费',
    receipts: [],
  });
  await h.as('txsj-bookkeeper').ok('fees', 'ledger.book', {
    clientRequestId: newRequestId(),
    compoundId: 'txsj',
    category: 'parking',
    amountFen: 50_000,
    memo: '地面停车位租金',
    receipts: [],
  });
}, 60_000);
afterAll(() => h.close());

describe('the statement as a 财务公示 notice', () => {
  it('the draft says the month in words and links to its statement', () => {
    const d = statementNotice(
      { id: 'txsj', name: '天翔世家' },
      {
        period: '2026-10',
        opening: 100,
        income: 12_345_00,
        expense: 10_000_00,
        surplus: 2_345_00,
        closing: 2_345_100,
        repairFund: { opening: 0, in: 0, out: 0, closing: 0 },
        commonPart: { opening: 0, income: 50_000, expense: 0, closing: 50_000 },
        balances: { operating: 2_345_100, repairFund: 0, commonPart: 50_000 },
      },
    );
    expect(d.title).toBe('天翔世家 2026年10月财务公示');
    expect(d.body).toContain('收入 12,345.00元，支出 10,000.00元，结余 2,345.00元；月末余额 23,451.00元');
    expect(d.body).toContain('归全体业主');
    expect(d.body).not.toContain('维修资金');
    expect(d.link).toEqual({ to: 'feeStatement', params: { compoundId: 'txsj', period: '2026-10' }, label: '查看账目明细' });
    expect(isValidLink(d.link)).toBe(true);
  });

  it('is offered to the committee once the month is published, posted once, and opens the statement', async () => {
    const committee = h.as('txsj-committee');
    await committee.ok('fees', 'ledger.close', { compoundId: 'txsj', period: LAST });
    // This month closes once it is over (the day after it ends).
    let st = await at(AFTER_PERIOD, () => committee.ok('fees', 'ledger.close', { compoundId: 'txsj', period: PERIOD }));
    expect(st.noticeDraft).toBeUndefined(); // closed, not yet published
    st = await at(AFTER_PERIOD, () => committee.ok('fees', 'ledger.publish', { compoundId: 'txsj', period: PERIOD }));
    expect(st.noticeDraft).toMatchObject({
      title: expect.stringContaining('财务公示'),
      link: { to: 'feeStatement', params: { compoundId: 'txsj', period: PERIOD } },
    });
    // The bookkeeper and residents are not asked to post it.
    expect(
      (await h.as('txsj-bookkeeper').ok('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD })).noticeDraft,
    ).toBeUndefined();
    expect(
      (await h.as('txsj-resident-3').ok('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD })).noticeDraft,
    ).toBeUndefined();

    const post = {
      clientRequestId: `fin_txsj_${PERIOD}`,
      audience: { kind: 'compounds', compoundIds: ['txsj'] },
      category: '财务公示',
      title: st.noticeDraft.title,
      body: st.noticeDraft.body,
      link: st.noticeDraft.link,
    };
    const notice = await committee.ok('notices', 'notices.post', post);
    // A retry of the same post (the answer was lost) finds the same notice.
    expect((await committee.ok('notices', 'notices.post', post)).id).toBe(notice.id);
    const linked = await committee.ok('fees', 'ledger.linkNotice', { compoundId: 'txsj', period: PERIOD, noticeId: notice.id });
    expect(linked.notice).toMatchObject({ id: notice.id });
    expect(linked.noticeDraft).toBeUndefined();
    // The first notice recorded stays; a made-up id is refused.
    expect((await committee.ok('fees', 'ledger.linkNotice', { compoundId: 'txsj', period: PERIOD, noticeId: notice.id })).notice.id).toBe(
      notice.id,
    );
    expect(await committee.call('fees', 'ledger.linkNotice', { compoundId: 'txsj', period: PERIOD, noticeId: 'n-other' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });

    // A resident of 天翔世家 gets it and opens the statement from it.
    const inbox = await h.as('txsj-resident-3').ok('notices', 'notices.list', { box: 'inbox' });
    expect(inbox.items.map((n: any) => n.id)).toContain(notice.id);
    const opened = await h.as('txsj-resident-3').ok('notices', 'notices.open', { noticeId: notice.id });
    expect(opened).toMatchObject({ category: '财务公示', link: { to: 'feeStatement', params: { compoundId: 'txsj', period: PERIOD } } });
    const seen = await h.as('txsj-resident-3').ok('fees', 'ledger.statement', { compoundId: 'txsj', period: PERIOD });
    expect(seen).toMatchObject({ status: 'published', notice: { id: notice.id } });
    // 御家兰庭 does not get 天翔世家's accounts.
    const other = await h.as('yjlt-resident-1').call('notices', 'notices.list', { box: 'inbox' });
    expect(other.ok ? other.data.items.map((n: any) => n.id) : []).not.toContain(notice.id);
  });

  it('only the committee records the notice, and only for a published month', async () => {
    for (const who of ['txsj-resident-3', 'txsj-bookkeeper', 'txsj-manager', 'yjlt-committee']) {
      const r = await h.as(who).call('fees', 'ledger.linkNotice', { compoundId: 'txsj', period: PERIOD, noticeId: 'n-fake' });
      expect([who, r.ok ? 'ok' : r.error.code]).toEqual([who, expect.stringMatching(/FORBIDDEN|NOT_FOUND/)]);
    }
    const r = await h.as('txsj-committee').call('fees', 'ledger.linkNotice', { compoundId: 'txsj', period: LAST, noticeId: 'n-fake' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '请先公示该月账目' } });
  });

  it('a month published long ago is not offered as news', async () => {
    await h.as('txsj-committee').ok('fees', 'ledger.publish', { compoundId: 'txsj', period: LAST });
    expect((await h.as('txsj-committee').ok('fees', 'ledger.statement', { compoundId: 'txsj', period: LAST })).noticeDraft).toBeDefined();
    await h.db
      .collection('statements')
      .doc(`txsj_${LAST}`)
      .update({ data: { publishedAt: new Date(Date.now() - 40 * 86_400_000) } });
    expect((await h.as('txsj-committee').ok('fees', 'ledger.statement', { compoundId: 'txsj', period: LAST })).noticeDraft).toBeUndefined();
  });

  it('a notice link must name a known page with exactly its parameters', async () => {
    const base = { audience: { kind: 'compounds', compoundIds: ['txsj'] }, category: '通知', title: '测试链接', body: '正文' };
    const bad = [
      { to: 'adminPanel', params: {}, label: '打开' },
      { to: 'feeStatement', params: { compoundId: 'txsj' }, label: '查看' },
      { to: 'feeStatement', params: { compoundId: 'txsj', period: PERIOD, extra: 'x' }, label: '查看' },
      { to: 'feeStatement', params: { compoundId: '../../x', period: PERIOD }, label: '查看' },
      { to: 'feeStatement', params: { compoundId: 'txsj', period: PERIOD }, label: '\u202E看查' },
      { to: 'feeStatement', params: { compoundId: 'txsj', period: PERIOD }, label: '查看', url: 'https://evil.example' },
    ];
    for (const link of bad) {
      const before = await h.snapshot();
      const r = await h.as('txsj-committee').call('notices', 'notices.post', { ...base, clientRequestId: newRequestId(), link });
      expect([link, r.ok ? 'ok' : r.error.code]).toEqual([link, 'BAD_REQUEST']);
      expect(await h.snapshot()).toEqual(before);
    }
  });
});
