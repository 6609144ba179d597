/**
 * 示范创建, 互学 and the monthly report on the demo: a compound assesses its 六有 with
 * photo evidence (checked by WeChat; a risky photo neither shows nor counts), another
 * compound rates it once per month (never itself; a second rating of the pair is
 * refused, a retry is not), the score shows how it was made, a case is published,
 * read and featured, and the report's page and .xlsx carry the table, the scorecards
 * and the featured cases.
 */
import ExcelJS from 'exceljs';
import { main as community } from '../../cloudfunctions/community';
import { main as notices } from '../../cloudfunctions/notices';
import { main as repairs } from '../../cloudfunctions/repairs';
import { main as activities } from '../../cloudfunctions/activities';
import { main as vehicles } from '../../cloudfunctions/vehicles';
import { main as concerns } from '../../cloudfunctions/concerns';
import { CHECK_KEYS, DEFAULT_CRITERIA } from '../../core/community/scorecard';
import { previousPeriod } from '../../core/community/rules';
import { periodOf } from '../../core/platform/time';
import { demoOpenid } from '../../scripts/lib/seed-data';
import { createHarness, newRequestId, type Harness } from '../support/harness';

jest.setTimeout(120_000);
let h: Harness;
beforeAll(async () => {
  // notices receives every photo verdict and forwards the ones it does not own, in turn, to these.
  const mains = { community, notices, repairs, activities, vehicles, concerns };
  h = await createHarness(mains as any, undefined, {
    features: ['notices', 'repairs', 'votes', 'activities', 'fees', 'concerns', 'community'],
  });
});
afterAll(() => h.close());

const C = 'qiaoxing';
const NOW = () => periodOf(new Date());
let seq = 0;
async function upload(who: string, purpose: string, name = `p-${++seq}.png`): Promise<string> {
  const openid = demoOpenid(who);
  const r = (await h.emu.runAs({ openid, source: 'wx_client' }, () =>
    h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/${purpose}/${name}`, fileContent: Buffer.from('\x89PNG demo') }),
  )) as { fileID: string };
  return r.fileID;
}
const rows = (name: string, where: object) =>
  h.db
    .collection(name)
    .where(where)
    .get()
    .then((r) => r.data as any[]);
const allYes = () => Object.fromEntries(CHECK_KEYS.map((k) => [k, true]));

describe('the demo scorecards', () => {
  it('the list: every compound of the month, the model first, each score from its lines', async () => {
    const list = await h.as('community-admin').ok('community', 'scorecards.list', { communityId: C });
    expect(list.period).toBe(NOW());
    expect(list.criteria).toEqual(DEFAULT_CRITERIA);
    expect(list.rows.map((r: any) => [r.name, r.model, r.assessed])).toEqual([
      ['天翔世家', true, true],
      ['南街3号院', false, false],
      ['侨兴小苑', false, false],
      ['御家兰庭', false, true],
    ]);
    const yjlt = list.rows.find((r: any) => r.compoundId === 'yjlt');
    expect(yjlt).toMatchObject({ itemsMet: 5, received: 0, given: 1 });
    const card = await h.as('community-admin').ok('community', 'scorecards.get', { compoundId: 'yjlt' });
    expect(card.score.score).toBe(yjlt.score);
    // How the score was made: the lines add up to it.
    const counted = card.score.lines.filter((l: any) => l.earned !== null);
    const earned = Math.round(counted.reduce((s: number, l: any) => s + l.earned, 0) * 10) / 10;
    const available = counted.reduce((s: number, l: any) => s + l.weight, 0);
    expect(card.score).toMatchObject({
      earned,
      available,
      how: `得分 = 已得 ${earned} 分 ÷ 可计满分 ${available} 分 × 100 = ${card.score.score}`,
    });
    expect(card.items.find((i: any) => i.key === 'books')).toMatchObject({ self: { met: false }, met: false });
    expect(card.items.find((i: any) => i.key === 'place').self.photos[0]).toMatchObject({ check: 'pass', url: expect.any(String) });
  });
  it('who rated whom: 天翔世家 sees 御家兰庭 rated it (a role, no name)', async () => {
    const card = await h.as('txsj-secretary').ok('community', 'scorecards.get', { compoundId: 'txsj' });
    expect(card.ratings).toEqual([expect.objectContaining({ fromCompoundName: '御家兰庭', byRole: '业委会委员' })]);
    expect(JSON.stringify(card.ratings)).not.toContain('吴丽华');
    expect(card.canAssess).toBe(true);
    expect(card.rateAs).toEqual([]);
  });
  it('last month: the record, with 互评 both ways, and closed to writes', async () => {
    const card = await h
      .as('community-admin')
      .ok('community', 'scorecards.get', { compoundId: 'yjlt', period: previousPeriod(new Date()) });
    expect(card.ratings.map((r: any) => r.fromCompoundName)).toEqual(['天翔世家']);
    expect(card.items.find((i: any) => i.key === 'books').peers).toEqual({ yes: 0, no: 1 });
    expect(card.open).toBe(false);
    const r = await h.as('txsj-secretary').call('community', 'scorecards.rate', {
      clientRequestId: newRequestId(),
      compoundId: 'yjlt',
      fromCompoundId: 'txsj',
      period: previousPeriod(new Date()),
      items: allYes(),
    });
    expect(r.ok ? 'ok' : r.error.code).toBe('SCORECARD_STATE');
  });
});

describe('互评', () => {
  it('王志明 rates 御家兰庭 for 天翔世家; a retry returns the same; a second rating of the pair is refused', async () => {
    const body = {
      clientRequestId: newRequestId(),
      compoundId: 'yjlt',
      fromCompoundId: 'txsj',
      period: NOW(),
      items: { ...allYes(), books: false },
      comment: '书报角还没建好',
    };
    const card = await h.as('txsj-secretary').ok('community', 'scorecards.rate', body);
    expect(card.ratings).toEqual([
      expect.objectContaining({ fromCompoundId: 'txsj', byRole: '小区党支部书记', comment: '书报角还没建好' }),
    ]);
    expect(card.rateAs).toEqual([{ compoundId: 'txsj', name: '天翔世家', done: true }]);
    await h.as('txsj-secretary').ok('community', 'scorecards.rate', body);
    expect(await rows('communityRatings', { toCompoundId: 'yjlt', period: NOW() })).toHaveLength(1);
    const again = await h.as('txsj-committee').call('community', 'scorecards.rate', { ...body, clientRequestId: newRequestId() });
    expect(again.ok ? 'ok' : again.error.code).toBe('ALREADY_RATED');
    const list = await h.as('txsj-secretary').ok('community', 'scorecards.list', { communityId: C });
    expect(list.rows.find((r: any) => r.compoundId === 'yjlt')).toMatchObject({ received: 1, ratedByMine: true });
  });
  it('a compound cannot rate itself, nor rate as a compound that is not the caller’s', async () => {
    const base = { clientRequestId: newRequestId(), compoundId: 'txsj', period: NOW(), items: allYes() };
    const snap = await h.snapshot();
    const own = await h.as('txsj-secretary').call('community', 'scorecards.rate', { ...base, fromCompoundId: 'txsj' });
    expect(own.ok ? 'ok' : own.error.code).toBe('RATE_OWN_COMPOUND');
    const other = await h.as('txsj-secretary').call('community', 'scorecards.rate', { ...base, fromCompoundId: 'yjlt' });
    expect(other.ok ? 'ok' : other.error.code).toBe('FORBIDDEN');
    const office = await h
      .as('community-admin')
      .call('community', 'scorecards.rate', { ...base, compoundId: 'yjlt', fromCompoundId: 'txsj' });
    expect(office.ok ? 'ok' : office.error.code).toBe('FORBIDDEN');
    expect(await h.snapshot()).toBe(snap);
  });
  it('a compound that has not assessed itself cannot be rated yet', async () => {
    const r = await h.as('txsj-secretary').call('community', 'scorecards.rate', {
      clientRequestId: newRequestId(),
      compoundId: 'qxxy',
      fromCompoundId: 'txsj',
      period: NOW(),
      items: allYes(),
    });
    expect(r.ok ? 'ok' : r.error.code).toBe('SCORECARD_STATE');
  });
});

describe('self-assessment with evidence', () => {
  it('吴丽华 assesses 御家兰庭: photos checked by WeChat; a risky one neither shows to others nor counts', async () => {
    const good = await upload('yjlt-committee', 'scorecards');
    const risky = await upload('yjlt-committee', 'scorecards', 'risky-books.png');
    const items = CHECK_KEYS.map((key) => ({ key, met: true, photos: [key === 'books' ? risky : good] }));
    const body = { clientRequestId: newRequestId(), compoundId: 'yjlt', period: NOW(), items };
    const mine = await h.as('yjlt-committee').ok('community', 'scorecards.assess', body);
    expect(mine.assessedByRole).toBe('业委会委员');
    expect(mine.items.find((i: any) => i.key === 'books').self.photos).toEqual([expect.objectContaining({ check: 'pending' })]);
    // Verdicts arrive by the push to notices, which forwards a trace it does not own.
    await h.emu.deliverMediaChecks();
    const theirs = await h.as('txsj-secretary').ok('community', 'scorecards.get', { compoundId: 'yjlt' });
    expect(theirs.items.find((i: any) => i.key === 'books').self.photos).toEqual([]);
    expect(theirs.items.find((i: any) => i.key === 'books').met).toBe(false);
    expect(theirs.items.find((i: any) => i.key === 'place').self.photos).toEqual([expect.objectContaining({ check: 'pass' })]);
    // A retry of the same request changes nothing.
    const before = (await rows('communityScorecards', { _id: `yjlt_${NOW()}` }))[0].version;
    await h.as('yjlt-committee').ok('community', 'scorecards.assess', body);
    expect((await rows('communityScorecards', { _id: `yjlt_${NOW()}` }))[0].version).toBe(before);
  });
  it('a colleague may keep the photos this month’s assessment already holds; a new one must be their own', async () => {
    const card = await h.as('txsj-committee').ok('community', 'scorecards.get', { compoundId: 'txsj' });
    const items = card.items.map((i: any) => ({ key: i.key, met: i.self.met, photos: i.self.photos.map((p: any) => p.fileID) }));
    expect(items.every((i: any) => i.photos.length === 1 && i.photos[0].includes('/u/demo-txsj-secretary/'))).toBe(true);
    const kept = await h
      .as('txsj-committee')
      .ok('community', 'scorecards.assess', { clientRequestId: newRequestId(), compoundId: 'txsj', period: NOW(), items });
    expect(kept).toMatchObject({ assessedByRole: '业委会委员' });
    expect(kept.items.every((i: any) => i.self.photos[0].check === 'pass')).toBe(true);
    const stranger = await upload('txsj-secretary', 'scorecards');
    const r = await h.as('txsj-committee').call('community', 'scorecards.assess', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      period: NOW(),
      items: items.map((i: any) => (i.key === 'flag' ? { ...i, photos: [...i.photos, stranger] } : i)),
    });
    expect(r.ok ? 'ok' : r.error.code).toBe('FILE_INVALID');
  });
  it('"有" without a photo, someone else’s photo, or another compound: refused, nothing written', async () => {
    const theirs = await upload('txsj-secretary', 'scorecards');
    const snap = await h.snapshot();
    const items = (photos: string[]) => CHECK_KEYS.map((key) => ({ key, met: true, photos }));
    const noPhoto = await h
      .as('yjlt-committee')
      .call('community', 'scorecards.assess', { clientRequestId: newRequestId(), compoundId: 'yjlt', period: NOW(), items: items([]) });
    expect(noPhoto.ok ? 'ok' : [noPhoto.error.code, noPhoto.error.message]).toEqual(['BAD_REQUEST', expect.stringContaining('请附照片')]);
    const notMine = await h.as('yjlt-committee').call('community', 'scorecards.assess', {
      clientRequestId: newRequestId(),
      compoundId: 'yjlt',
      period: NOW(),
      items: items([theirs]),
    });
    expect(notMine.ok ? 'ok' : notMine.error.code).toBe('FILE_INVALID');
    const other = await h.as('yjlt-committee').call('community', 'scorecards.assess', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      period: NOW(),
      items: items([theirs]),
    });
    expect(other.ok ? 'ok' : other.error.code).toBe('FORBIDDEN');
    expect(await h.snapshot()).toBe(snap);
  });
});

describe('互学 cases', () => {
  it('the list: the featured first; a lead of another compound reads a case and its figures, suppressed as the overview', async () => {
    const list = await h.as('yjlt-committee').ok('community', 'cases.list', { communityId: C });
    expect(list.items.map((c: any) => [c.title, c.featured])).toEqual([
      ['电动车充电棚：楼道不再拉飞线', true],
      ['捐资牌：业主捐资重建小区大门', false],
    ]);
    expect(list.publishAs).toEqual([{ compoundId: 'yjlt', name: '御家兰庭' }]);
    const kase = await h.as('yjlt-committee').ok('community', 'cases.get', { caseId: 'k-seed-txsj-shed' });
    expect(kase).toMatchObject({ compoundName: '天翔世家', byRole: '小区党支部书记', sourceLabel: '议事厅', canFeature: false });
    expect(kase.figures.map((f: any) => [f.key, f.trend.length])).toEqual([
      ['concernsSatisfaction', 12],
      ['noticeReach', 12],
    ]);
    expect(kase.photos).toEqual([expect.objectContaining({ check: 'pass' })]);
  });
  it('published with a photo, read by another compound once the photo passed, featured by the office', async () => {
    const photo = await upload('txsj-secretary', 'cases');
    const body = {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      title: '楼栋长当面告知',
      problem: '老人不看手机，通知总有人不知道。',
      done: '楼栋长对没读的住户上门告知，并在系统里记下。',
      source: 'activity',
      figures: ['noticeReach'],
      photos: [photo],
    };
    const made = await h.as('txsj-secretary').ok('community', 'cases.publish', body);
    expect(made.photos).toEqual([expect.objectContaining({ check: 'pending' })]);
    expect((await h.as('txsj-secretary').ok('community', 'cases.publish', body)).id).toBe(made.id);
    expect(await rows('communityCases', { compoundId: 'txsj' })).toHaveLength(2);
    expect((await h.as('yjlt-committee').ok('community', 'cases.get', { caseId: made.id })).photos).toEqual([]);
    await h.emu.deliverMediaChecks();
    expect((await h.as('yjlt-committee').ok('community', 'cases.get', { caseId: made.id })).photos).toEqual([
      expect.objectContaining({ check: 'pass' }),
    ]);
    const featured = await h.as('community-admin').ok('community', 'cases.feature', { caseId: made.id, featured: true });
    expect(featured).toMatchObject({ featured: true, canFeature: true });
    const list = await h.as('community-admin').ok('community', 'cases.list', { communityId: C, size: 2 });
    expect(list.items.map((c: any) => c.featured)).toEqual([true, true]);
    expect(list.nextCursor).toBe('2');
    const next = await h.as('community-admin').ok('community', 'cases.list', { communityId: C, size: 2, cursor: list.nextCursor });
    expect(next.items.map((c: any) => c.title)).toEqual(['捐资牌：业主捐资重建小区大门']);
  });
  it('text that fails the content check is refused and nothing is written', async () => {
    const snap = await h.snapshot();
    const r = await h.as('txsj-secretary').call('community', 'cases.publish', {
      clientRequestId: newRequestId(),
      compoundId: 'txsj',
      title: '测试',
      problem: '违禁词测试',
      done: '做了',
      source: 'other',
    });
    expect(r.ok ? 'ok' : r.error.code).toBe('CONTENT_REJECTED');
    expect(await h.snapshot()).toBe(snap);
  });
});

describe('the monthly report', () => {
  it('the page: the table with trends, the scorecards and the featured cases of last month', async () => {
    const r = await h.as('community-admin').ok('community', 'report.get', { communityId: C });
    expect(r.period).toBe(previousPeriod(new Date()));
    expect(r.rows.map((x: any) => x.name)).toEqual(['天翔世家', '南街3号院', '侨兴小苑', '御家兰庭']);
    expect(r.rows[0].trend.feeCollection).toHaveLength(12);
    expect(r.scorecards.find((s: any) => s.compoundId === 'yjlt')).toMatchObject({ assessed: true, received: 1, itemsMet: 5 });
    expect(r.cases.map((c: any) => c.title)).toContain('电动车充电棚：楼道不再拉飞线');
  });
  it('the .xlsx: one sheet each, the same cells as the page, a 10-minute link', async () => {
    const page = await h.as('community-admin').ok('community', 'report.get', { communityId: C });
    const file = await h.as('community-admin').ok('community', 'report.export', { communityId: C });
    expect(file.fileName).toBe(`侨兴社区-月度报告-${page.period}.xlsx`);
    expect(new Date(file.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(600_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(h.emu.readFile(file.fileID) as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      `${page.period}各小区指标`,
      '近12个月趋势',
      '示范创建评分',
      '互学精选案例',
      '指标口径',
    ]);
    const table = wb.worksheets[0];
    const yjltRow = (table.getSheetValues() as any[]).find((row) => row && row[1] === '御家兰庭');
    const yjlt = page.rows.find((x: any) => x.compoundId === 'yjlt');
    expect(yjltRow.slice(4)).toEqual(page.figures.map((f: any) => yjlt.cells[f.key].text));
    const tiny = (table.getSheetValues() as any[]).find((row) => row && row[1] === '南街3号院');
    expect(tiny.slice(4).every((t: string) => t === '样本太少' || t === '暂无数据')).toBe(true);
  });
});

describe('the community defines its criteria', () => {
  it('the office sets the weights from this month on; last month keeps its own; nobody else may', async () => {
    const before = await h.as('community-admin').ok('community', 'scorecards.get', { compoundId: 'yjlt' });
    const lastMonth = await h
      .as('community-admin')
      .ok('community', 'scorecards.get', { compoundId: 'yjlt', period: previousPeriod(new Date()) });
    // 六有 only: every figure weighs nothing.
    const weights = {
      items: { place: 20, facilities: 20, sign: 20, flag: 20, books: 10, rules: 10 },
      figures: { noticeReach: 0, feeCollection: 0, statementOnTime: 0, concernsAnswered: 0 },
    };
    const refused = await h.emu.measure(() =>
      h.as('txsj-committee').call('community', 'scorecards.setCriteria', { communityId: C, criteria: weights }),
    );
    expect([refused.result.ok ? 'ok' : refused.result.error.code, refused.writes]).toEqual(['FORBIDDEN', 0]);
    const list = await h.as('community-admin').ok('community', 'scorecards.setCriteria', { communityId: C, criteria: weights });
    expect([list.criteria, list.canSetCriteria]).toEqual([weights, true]);
    const after = await h.as('community-admin').ok('community', 'scorecards.get', { compoundId: 'yjlt' });
    // 御家兰庭 has five of six items (no 书报): 90 of 100 once only the items count.
    expect(after.score.lines.find((l: any) => l.key === 'place')).toMatchObject({ weight: 20 });
    expect(after.score.score).toBe(90);
    expect(after.score.score).not.toBe(before.score.score);
    const lastMonthAfter = await h
      .as('community-admin')
      .ok('community', 'scorecards.get', { compoundId: 'yjlt', period: previousPeriod(new Date()) });
    expect(lastMonthAfter.score).toEqual(lastMonth.score);
    expect((await h.as('txsj-secretary').ok('community', 'scorecards.list', { communityId: C })).canSetCriteria).toBe(false);
  });
});
