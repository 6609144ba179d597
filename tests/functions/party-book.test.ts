/**
 * The branch's own book: income by source with the article's floors, expenses approved
 * by a second 支委 (never the one who booked it), on the owners' ledger engine but never
 * mixed with the owners' funds, and a 校验 that names an edited entry. Visit notes are
 * deleted a year later by the daily `retention` timer on the emulator clock; the counts stay.
 */
import { readFileSync } from 'node:fs';
import { main as fees } from '../../cloudfunctions/fees';
import { TXSJ } from '../../scripts/lib/seed-data';
import { newRequestId, type Harness } from '../support/harness';
import { dayOf, partyHarness } from './party-support';

jest.setTimeout(300_000);
const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await partyHarness({ features: ['fees', 'party'], functions: { fees }, clockStart: new Date() });
});
afterAll(() => h.close());

const owners = async () => (await h.db.collection('ledger').where({ compoundId: TXSJ }).count()).total;

describe('the branch book', () => {
  it('the demo has a year: the start-up grant, allowances approved by a second 支委, and it verifies', async () => {
    const b = await h.as('txsj-lead-5').ok('party', 'party.book', { compoundId: TXSJ });
    expect(b.entries.some((e: any) => e.categoryLabel === '组建启动经费' && e.amountFen === 300_000)).toBe(true);
    expect(b.entries.filter((e: any) => e.categoryLabel === '书记工作补贴').length).toBeGreaterThanOrEqual(11);
    expect(b.balanceFen).toBe(b.incomeFen - b.expenseFen);
    expect((await h.as('txsj-lead-5').ok('party', 'party.verify', { compoundId: TXSJ })).ok).toBe(true);
    // The community office sees it; a resident and the owners' committee do not know it exists.
    expect((await h.as('community-admin').call('party', 'party.book', { compoundId: TXSJ })).ok).toBe(true);
    // Without a compound: a member opens their own branch; the office its first compound, with each of its community's to pick.
    expect((await h.as('txsj-lead-5').ok('party', 'party.book', {})).compoundId).toBe(TXSJ);
    const office = await h.as('community-admin').ok('party', 'party.book', {});
    expect(office.compounds.map((c: { name: string }) => c.name).sort()).toEqual(['天翔世家', '御家兰庭'].sort());
    expect(await h.as('txsj-resident-3').call('party', 'party.book', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const who of ['txsj-resident-3', 'txsj-committee', 'txsj-manager'])
      expect(await h.as(who).call('party', 'party.book', { compoundId: TXSJ })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('income below the article’s floors is refused; an expense waits for a second 支委', async () => {
    const sec = h.as('txsj-secretary');
    expect(
      await sec.call('party', 'party.bookIncome', {
        clientRequestId: newRequestId(),
        compoundId: TXSJ,
        category: 'startup',
        amountFen: 100_000,
        memo: '启动经费',
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await sec.call('party', 'party.proposeExpense', {
        clientRequestId: newRequestId(),
        compoundId: TXSJ,
        category: 'allowance',
        amountFen: 10_000,
        memo: '补贴',
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const ownersBefore = await owners();
    const crid = newRequestId();
    const inc = await sec.ok('party', 'party.bookIncome', {
      clientRequestId: crid,
      compoundId: TXSJ,
      category: 'crowdfunding',
      amountFen: 50_000,
      memo: '经慈善会定向捐赠',
    });
    expect(
      await sec.ok('party', 'party.bookIncome', {
        clientRequestId: crid,
        compoundId: TXSJ,
        category: 'crowdfunding',
        amountFen: 50_000,
        memo: '经慈善会定向捐赠',
      }),
    ).toEqual(inc);
    const p = await sec.ok('party', 'party.proposeExpense', {
      clientRequestId: newRequestId(),
      compoundId: TXSJ,
      category: 'activity',
      amountFen: 12_000,
      memo: '七一主题党日',
    });
    const x = p.pending[0];
    expect(x).toMatchObject({ amountFen: 12_000, canApprove: false });
    expect(p.balanceFen).toBe(inc.balanceFen);
    // The secretary cannot approve their own; a plain member cannot; 张卫东 (支委) can, once.
    expect(await sec.call('party', 'party.approveExpense', { expenseId: x.id, approve: true })).toMatchObject({
      ok: false,
      error: { code: 'SELF_DECISION' },
    });
    const plain = (await h.db.collection('partyMembers').where({ compoundId: TXSJ, committee: false }).limit(1).get()).data[0] as any;
    expect(
      await h.as(plain.personId.replace(/^p-/, '')).call('party', 'party.approveExpense', { expenseId: x.id, approve: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const [a1, a2] = await Promise.all([
      h.as('txsj-lead-5').call('party', 'party.approveExpense', { expenseId: x.id, approve: true }),
      h.as('txsj-lead-3').call('party', 'party.approveExpense', { expenseId: x.id, approve: true }),
    ]);
    expect([a1.ok, a2.ok].filter(Boolean)).toHaveLength(1);
    const after = await sec.ok('party', 'party.book', { compoundId: TXSJ });
    expect(after.balanceFen).toBe(inc.balanceFen - 12_000);
    expect(after.entries[0]).toMatchObject({ kind: 'expense', amountFen: 12_000, approvedBy: expect.stringMatching(/张卫东|李秀英/) });
    expect(after.pending).toEqual([]);
    // Never the owners' funds: their ledger did not move and still verifies.
    expect(await owners()).toBe(ownersBefore);
    expect((await h.as('txsj-committee').ok('fees', 'ledger.verify', { compoundId: TXSJ })).ok).toBe(true);
    expect((await h.db.collection('ledger').where({ memo: '七一主题党日' }).count()).total).toBe(0);
    const chainIds = new Set(
      ((await h.db.collection('partyLedger').where({ compoundId: TXSJ }).limit(1000).get()).data as any[]).map((e) => e.chainId),
    );
    expect([...chainIds]).toEqual([`party:${TXSJ}`]);
  });

  it('receipts: only the secretary’s own uploads are accepted; links go to the book’s readers only', async () => {
    const up = async (who: string, name: string) => {
      const openid = h.as(who).openid;
      const r = (await h.emu.runAs({ openid, source: 'wx_client' }, () =>
        h.emu.sdk.uploadFile({ cloudPath: `u/${openid}/party/${name}`, fileContent: Buffer.from('\x89PNG demo') }),
      )) as { fileID: string };
      return r.fileID;
    };
    const mine = await up('txsj-secretary', 'receipt-1.png');
    const theirs = await up('txsj-lead-5', 'receipt-2.png');
    const base = { compoundId: TXSJ, category: 'supplies', amountFen: 4_200, memo: '复印党章学习材料' };
    // Someone else's file (even a 支委's), or one of the secretary's in another purpose's folder: the same FILE_INVALID, nothing written.
    const before = await h.snapshot();
    for (const receipts of [[theirs], [mine, theirs], [mine.replace('/party/', '/repairs/')]])
      expect(
        await h.as('txsj-secretary').call('party', 'party.proposeExpense', { ...base, clientRequestId: newRequestId(), receipts }),
      ).toMatchObject({
        ok: false,
        error: { code: 'FILE_INVALID' },
      });
    expect(await h.snapshot()).toBe(before);
    const b = await h
      .as('txsj-secretary')
      .ok('party', 'party.proposeExpense', { ...base, clientRequestId: newRequestId(), receipts: [mine] });
    const pending = b.pending.find((p: any) => p.memo === base.memo);
    expect(pending.receipts).toHaveLength(1);
    expect(pending.receipts[0]).toMatch(/receipt-1\.png\?exp=/);
    // The approver sees the receipt before deciding; once booked, the entry carries it for members and the office.
    const approved = await h.as('txsj-lead-5').ok('party', 'party.approveExpense', { expenseId: pending.id, approve: true });
    expect(approved.entries.find((e: any) => e.memo === base.memo).receipts).toHaveLength(1);
    const office = await h.as('community-admin').ok('party', 'party.book', { compoundId: TXSJ });
    expect(office.entries.find((e: any) => e.memo === base.memo).receipts).toHaveLength(1);
    // Nobody outside the book gets a link: residents and the owners' committee are refused the whole book.
    for (const who of ['txsj-resident-3', 'txsj-committee'])
      expect(JSON.stringify(await h.as(who).call('party', 'party.book', { compoundId: TXSJ }))).not.toContain('receipt-1');
  });

  it('an edited entry is named by 校验', async () => {
    const e = (await h.db.collection('partyLedger').where({ compoundId: TXSJ, seq: 3 }).get()).data[0] as any;
    await h.db
      .collection('partyLedger')
      .where({ _id: e._id })
      .update({ data: { amountFen: e.amountFen + 100 } });
    const v = await h.as('txsj-secretary').ok('party', 'party.verify', { compoundId: TXSJ });
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(expect.arrayContaining([{ seq: 3, problem: 'altered' }]));
  });
});

describe('visit notes a year later', () => {
  it('the retention trigger runs once a day', () => {
    const cfg = JSON.parse(readFileSync('cloudfunctions/party/config.json', 'utf8'));
    const [sec, min, hour, day] = cfg.triggers.find((x: { name: string }) => x.name === 'retention').config.split(' ');
    expect([sec, min, hour, day]).toEqual(['0', expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/), '*']);
  });

  it('are deleted by the daily timer on the emulator clock; the monthly counts stay', async () => {
    const t0 = Date.now();
    const mine = await h.as('txsj-lead-3').ok('party', 'party.mine', {});
    const v = await h.as('txsj-lead-3').ok('party', 'party.visit', {
      clientRequestId: newRequestId(),
      homeId: mine.items[0].homeId,
      date: dayOf(t0),
      mode: 'door',
      topics: ['policy'],
      followUp: false,
      note: '咨询加装电梯政策',
    });
    const before = await h.as('txsj-secretary').ok('party', 'party.reports', { compoundId: TXSJ });
    const row = (r: any) => r.members.find((m: any) => m.name === '李秀英').counts[0];
    await h.emu.timers.advanceTo(new Date(t0 + 300 * DAY));
    expect((await h.db.collection('partyVisits').where({ _id: v.id }).count()).total).toBe(1);
    const fired = await h.emu.timers.advanceTo(new Date(t0 + 367 * DAY));
    expect(fired).toEqual(expect.arrayContaining([expect.objectContaining({ functionName: 'party', name: 'retention' })]));
    expect((await h.db.collection('partyVisits').where({ _id: v.id }).count()).total).toBe(0);
    expect(
      (
        await h.db
          .collection('partyVisits')
          .where({ deleteAt: h.db.command.lte(new Date(t0 + 366 * DAY)) })
          .count()
      ).total,
    ).toBe(0);
    const month = (
      await h.db.collection('partyVisitMonths').where({ compoundId: TXSJ, period: before.periods[0], memberId: 'p-txsj-lead-3' }).get()
    ).data[0] as any;
    expect(month.visits).toBe(row(before));
  });
});
