/**
 * The branch's own book: income by source (党费划拨, 财政扶持, 专项补助, 社会众筹 through
 * a qualified charity, the start-up grant), the secretary's allowance and expenses
 * with receipts approved by a second 支委. It chains on the owners' ledger engine
 * (core/fees/ledger.ts chainNext / verifyChain) but in its own collections and its
 * own chain (`party:<compoundId>`, fund `party`), so the two never mix: no owners'
 * statement, balance or 校验 reads a branch entry, nor the other way round.
 */
import { createHash } from 'node:crypto';
import type { BookVerify, BookView } from '../../core/party/contract';
import { PARTY_FILES } from '../../core/party/contract';
import { BOOK_LABELS, approveProblem, bookKind, type BookCategory } from '../../core/party/rules';
import { EMPTY_HEAD, chainNext, verifyChain } from '../../core/fees/ledger';
import { witnessCode } from '../../core/platform/witness';
import { can } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import { periodOf } from '../../core/platform/time';
import { people } from '../_shared/directory';
import { assertOwnFiles, shortLivedLinks } from '../_shared/files';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import type { Transaction } from '../_shared/database';
import { assertBook, branchOf, compoundFor, idFor, targetOfCompound, type BranchCaller } from './common';
import { expenses, partyBooks, partyLedger, type PartyEntryDoc } from './docs';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const chainIdOf = (compoundId: string) => `party:${compoundId}`;
const entryId = (compoundId: string, seq: number) => `${compoundId}_${String(seq).padStart(8, '0')}`;
const RECENT = 60;

/** Append one entry in `tx`: the head and the balances move with it; a race on the head is a conflict run again. */
async function appendInTx(
  ctx: Ctx,
  tx: Transaction,
  compoundId: string,
  e: {
    category: BookCategory;
    amountFen: number;
    memo: string;
    sourceKey: string;
    receipts: string[];
    bookedBy: string;
    approvedBy: string | null;
  },
): Promise<PartyEntryDoc> {
  const books = partyBooks(ctx.db).in(tx);
  const cur = await books.get(compoundId);
  const head = cur ? { seq: cur.seq, hash: cur.hash } : EMPTY_HEAD;
  const kind = bookKind(e.category);
  const next = chainNext<BookCategory, 'party'>(
    head,
    {
      compoundId: chainIdOf(compoundId),
      period: periodOf(ctx.now),
      kind,
      category: e.category,
      fund: 'party',
      amountFen: e.amountFen,
      memo: e.memo,
      sourceKey: e.sourceKey,
      reverses: null,
      receipts: e.receipts,
      at: ctx.now.toISOString(),
    },
    sha256,
  );
  const { compoundId: chainId, ...fields } = next.fields;
  const doc: PartyEntryDoc = {
    _id: entryId(compoundId, next.fields.seq),
    ...fields,
    compoundId,
    chainId,
    reverses: null,
    fund: 'party',
    hash: next.hash,
    bookedBy: e.bookedBy,
    approvedBy: e.approvedBy,
  };
  const { _id, ...rest } = doc;
  await partyLedger(ctx.db).in(tx).put(_id, rest);
  const bal = { balanceFen: cur?.balanceFen ?? 0, incomeFen: cur?.incomeFen ?? 0, expenseFen: cur?.expenseFen ?? 0 };
  if (kind === 'income') {
    bal.balanceFen += e.amountFen;
    bal.incomeFen += e.amountFen;
  } else {
    if (bal.balanceFen < e.amountFen) throw new AppError('BAD_REQUEST', '支部经费余额不足');
    bal.balanceFen -= e.amountFen;
    bal.expenseFen += e.amountFen;
  }
  await books.put(compoundId, { seq: next.head.seq, hash: next.head.hash, ...bal });
  return doc;
}

async function view(ctx: Ctx, b: BranchCaller, compounds?: BookView['compounds']): Promise<BookView> {
  const c = b.compound;
  const [book, entries, pending] = await Promise.all([
    partyBooks(ctx.db).get(c._id),
    partyLedger(ctx.db).find({ compoundId: c._id }, { orderBy: [['seq', 'desc']], limit: RECENT }),
    expenses(ctx.db).find({ compoundId: c._id, status: 'pending' }, { orderBy: [['createdAt', 'desc']], limit: 50 }),
  ]);
  const names = await people(ctx.db).byIds(
    [...entries.map((e) => e.approvedBy ?? ''), ...pending.map((p) => p.proposedBy)].filter(Boolean),
  );
  const me = b.person?._id;
  // Only the book's readers reach here (assertBook): the receipts' links are theirs to hold.
  const links = await shortLivedLinks(ctx.cloud, [...entries.flatMap((e) => e.receipts), ...pending.flatMap((p) => p.receipts)]);
  const urls = (ids: string[]) => ids.map((f) => links.get(f) ?? '').filter(Boolean);
  return {
    compoundId: c._id,
    compounds: compounds ?? [{ compoundId: c._id, name: c.name }],
    compoundName: c.name,
    balanceFen: book?.balanceFen ?? 0,
    incomeFen: book?.incomeFen ?? 0,
    expenseFen: book?.expenseFen ?? 0,
    entries: entries.map((e) => ({
      seq: e.seq,
      date: e.at.slice(0, 10),
      kind: e.kind,
      categoryLabel: BOOK_LABELS[e.category],
      amountFen: e.amountFen,
      memo: e.memo,
      ...(e.approvedBy ? { approvedBy: names.get(e.approvedBy)?.name ?? '' } : {}),
      code: witnessCode(e.hash),
      receipts: urls(e.receipts),
    })),
    pending: pending.map((p) => ({
      id: p._id,
      categoryLabel: BOOK_LABELS[p.category],
      amountFen: p.amountFen,
      memo: p.memo,
      proposedBy: p.proposedByName,
      createdAt: p.createdAt instanceof Date ? p.createdAt.toISOString() : String(p.createdAt),
      canApprove: !!b.member && !approveProblem(p, { personId: me ?? '', committee: b.member.committee }),
      receipts: urls(p.receipts),
    })),
    canBook: can(b.actor, 'party.manage', targetOfCompound(c)),
    headCode: witnessCode(book?.hash ?? EMPTY_HEAD.hash),
  };
}

export async function book(ctx: Ctx, input: { compoundId?: string }): Promise<BookView> {
  const where = await compoundFor(ctx, input.compoundId, 'party.book');
  const b = await branchOf(ctx, where.compoundId);
  assertBook(b);
  return view(ctx, b, where.compounds);
}

async function manager(ctx: Ctx, compoundId: string) {
  const b = await branchOf(ctx, compoundId);
  assertBook(b);
  if (!can(b.actor, 'party.manage', targetOfCompound(b.compound))) throw new AppError('FORBIDDEN', '由支部书记记账');
  return b;
}

export async function bookIncome(
  ctx: Ctx,
  input: { clientRequestId: string; compoundId: string; category: BookCategory; amountFen: number; memo: string },
): Promise<BookView> {
  const b = await manager(ctx, input.compoundId);
  const sourceKey = idFor('i', b.person._id, input.clientRequestId);
  if (!(await partyLedger(ctx.db).first({ compoundId: b.compound._id, sourceKey })))
    await transaction(ctx.db, (tx) =>
      appendInTx(ctx, tx, b.compound._id, { ...input, sourceKey, receipts: [], bookedBy: b.person._id, approvedBy: null }),
    );
  return view(ctx, b);
}

export async function proposeExpense(
  ctx: Ctx,
  input: { clientRequestId: string; compoundId: string; category: BookCategory; amountFen: number; memo: string; receipts: string[] },
): Promise<BookView> {
  const b = await manager(ctx, input.compoundId);
  assertOwnFiles(ctx.openid, PARTY_FILES, input.receipts);
  const id = idFor('x', b.person._id, input.clientRequestId);
  if (!(await expenses(ctx.db).get(id)))
    await expenses(ctx.db).put(id, {
      compoundId: b.compound._id,
      category: input.category,
      amountFen: input.amountFen,
      memo: input.memo,
      receipts: input.receipts,
      proposedBy: b.person._id,
      proposedByName: b.person.name,
      status: 'pending',
      decidedBy: null,
      createdAt: ctx.now,
    });
  return view(ctx, b);
}

/** A second 支委 decides: approved, the expense is booked in the same transaction (never twice). */
export async function approveExpense(ctx: Ctx, input: { expenseId: string; approve: boolean }): Promise<BookView> {
  const x = await expenses(ctx.db).get(input.expenseId);
  if (!x) throw new AppError('NOT_FOUND');
  const b = await branchOf(ctx, x.compoundId);
  assertBook(b);
  if (!b.member) throw new AppError('FORBIDDEN', '只有支部委员可以审核支出');
  const p = approveProblem(x, { personId: b.person._id, committee: b.member.committee });
  if (p) throw new AppError(x.proposedBy === b.person._id ? 'SELF_DECISION' : 'FORBIDDEN', p);
  await transaction(ctx.db, async (tx) => {
    const cur = await expenses(ctx.db).in(tx).must(x._id);
    if (cur.status !== 'pending') throw new AppError('CONFLICT', '这笔支出已经审核过了');
    await expenses(ctx.db)
      .in(tx)
      .patch(x._id, { status: input.approve ? 'approved' : 'refused', decidedBy: b.person._id });
    if (input.approve)
      await appendInTx(ctx, tx, x.compoundId, {
        category: x.category,
        amountFen: x.amountFen,
        memo: x.memo,
        sourceKey: x._id,
        receipts: x.receipts,
        bookedBy: x.proposedBy,
        approvedBy: b.person._id,
      });
  });
  return view(ctx, b);
}

/** 校验: every entry's hash recomputes and chains to the one before, in the branch's own chain. */
export async function verify(ctx: Ctx, input: { compoundId: string }): Promise<BookVerify> {
  const b = await branchOf(ctx, input.compoundId);
  assertBook(b);
  const entries = await partyLedger(ctx.db).all({ compoundId: b.compound._id }, [['seq', 'asc']]);
  const r = verifyChain(
    entries.map((e) => ({ ...e, compoundId: e.chainId })),
    [],
    sha256,
  );
  return {
    ok: r.ok,
    checked: r.checked,
    problems: r.problems.map((p) => ({ seq: p.seq, problem: p.problem })),
    headCode: witnessCode(r.head.hash),
  };
}
