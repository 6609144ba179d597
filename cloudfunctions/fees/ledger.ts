/**
 * The ledger: append-only entries chained by hash; a correction is a reversing entry
 * that points at the original with a reason (no action edits or deletes an entry).
 * Closing a month records the chain head and the statement; publishing shows it to
 * the owners; anyone of the compound can verify the chain.
 */
import { assertCan, can, livesIn } from '../../core/authz';
import type { DonationView, LedgerEntryView, StatementView, TrendPoint, VerifyView } from '../../core/fees/contract';
import type { LedgerEntryDoc, LedgerQuestionDoc, StatementDoc } from '../../core/fees/docs';
import {
  addMonths,
  buildStatement,
  CATEGORY_FUND,
  CATEGORY_LABELS,
  checkWitnesses,
  closableFrom,
  kindOfCategory,
  monthEnded,
  periodLabel,
  verifyChain,
  witnessCode,
  ZERO_BALANCES,
  type Category,
  type StatementFigures,
  type Witness,
} from '../../core/fees/rules';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import { compounds, requirePerson, type CompoundDoc } from '../_shared/directory';
import { iso } from '../_shared/db';
import { assertOwnFiles } from '../_shared/files';
import { noticeMismatch } from '../_shared/notice-links';
import { transaction } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { appendInTx, compoundTarget, fileUrls, readableCompound, sha256 } from './common';
import { ledger, ledgerDailyHeads, ledgerHeads, questions, statements } from './docs';
import { entryView, yuan } from './views';
import { statementNotice } from '../../core/fees/statement-notice';

export const RECEIPT_PURPOSE = 'receipts';

async function bookable(ctx: Ctx, compoundId: string): Promise<{ compound: CompoundDoc; actor: Actor }> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  assertCan(actor, 'ledger.book', compoundTarget(compound));
  return { compound, actor };
}

/** Entries booked by hand: expenses with receipts, other income, donations. Payments post their own. */
export async function book(
  ctx: Ctx,
  input: {
    clientRequestId: string;
    compoundId: string;
    category: Category;
    amountFen: number;
    memo: string;
    receipts: string[];
    donor?: { name?: string; anonymous: boolean; project: string };
  },
): Promise<LedgerEntryView> {
  const { compound, actor } = await bookable(ctx, input.compoundId);
  if (input.category === 'propertyFee' || input.category === 'fixedFee' || input.category === 'refund' || input.category === 'refundCommon')
    throw new AppError('BAD_REQUEST', '物业费和退款由缴费记录自动记账');
  if (input.donor && input.category !== 'donation') throw new AppError('BAD_REQUEST', '只有捐资需要填写捐资人');
  if (input.category === 'donation' && !input.donor) throw new AppError('BAD_REQUEST', '请填写捐资人或选择匿名');
  if (input.donor && !input.donor.anonymous && !input.donor.name) throw new AppError('BAD_REQUEST', '请填写捐资人姓名或选择匿名');
  assertOwnFiles(ctx.openid, RECEIPT_PURPOSE, input.receipts);
  const person = await requirePerson(ctx.db, actor);
  const sourceKey = `book_${person._id}_${input.clientRequestId}`;
  const prior = await ledger(ctx.db).first({ sourceKey });
  if (prior) return entryView(prior, await fileUrls(ctx, prior.receipts));
  const [entry] = await transaction(
    ctx.db,
    (tx) =>
      appendInTx(
        ctx,
        tx,
        compound,
        [
          {
            kind: kindOfCategory(input.category),
            category: input.category,
            fund: CATEGORY_FUND[input.category],
            amountFen: input.amountFen,
            memo: input.memo,
            sourceKey,
            reverses: null,
            receipts: input.receipts,
            by: person._id,
            byName: person.name,
            ...(input.donor
              ? {
                  donationBoard: compound._id,
                  donor: {
                    name: input.donor.anonymous ? '' : (input.donor.name ?? ''),
                    anonymous: input.donor.anonymous,
                    project: input.donor.project,
                  },
                }
              : {}),
          },
        ],
        ctx.now,
      ),
    6,
  );
  return entryView(entry, await fileUrls(ctx, entry.receipts));
}

/** A correction: a new entry of the opposite amount pointing at the original, with a reason. */
export async function reverse(ctx: Ctx, input: { clientRequestId: string; entryId: string; reason: string }): Promise<LedgerEntryView> {
  const actor = await ctx.actor();
  const orig = await ledger(ctx.db).get(input.entryId);
  if (!orig) throw new AppError('NOT_FOUND');
  const compound = (await compounds(ctx.db).get(orig.compoundId)) as CompoundDoc;
  const t = compoundTarget(compound);
  if (!livesIn(actor, t) && !can(actor, 'ledger.view', t)) throw new AppError('NOT_FOUND');
  assertCan(actor, 'ledger.book', t);
  if (orig.reverses) throw new AppError('BAD_REQUEST', '冲正记录不能再冲正');
  const person = await requirePerson(ctx.db, actor);
  const sourceKey = `reverse_${orig._id}`;
  const prior = await ledger(ctx.db).first({ sourceKey });
  if (prior) {
    if (prior.by === person._id && prior.reason === input.reason) return entryView(prior, new Map());
    throw new AppError('BAD_REQUEST', '该记录已冲正');
  }
  const [entry] = await transaction(
    ctx.db,
    (tx) =>
      appendInTx(
        ctx,
        tx,
        compound,
        [
          {
            kind: orig.kind,
            category: orig.category,
            fund: orig.fund,
            amountFen: -orig.amountFen,
            memo: `冲正：${orig.memo}`.slice(0, 60),
            sourceKey,
            reverses: orig._id,
            receipts: [],
            by: person._id,
            byName: person.name,
            reason: input.reason,
          },
        ],
        ctx.now,
      ),
    6,
  ).catch((e) => {
    if (/duplicate/i.test(String((e as Error).message))) throw new AppError('BAD_REQUEST', '该记录已冲正');
    throw e;
  });
  return entryView(entry, new Map());
}

export async function entries(ctx: Ctx, input: { compoundId: string; period: string; category?: Category }): Promise<LedgerEntryView[]> {
  await readableCompound(ctx, input.compoundId);
  const list = (await ledger(ctx.db).all({ compoundPeriod: `${input.compoundId}_${input.period}` }, [['seq', 'asc']])).filter(
    (e) => !input.category || e.category === input.category,
  );
  const reversedBy = new Map(list.filter((e) => e.reverses).map((e) => [e.reverses as string, e._id]));
  const shown = list.slice(-300);
  const urls = await fileUrls(
    ctx,
    shown.flatMap((e) => e.receipts),
  );
  return shown.map((e) => ({ ...entryView(e, urls), ...(reversedBy.has(e._id) ? { reversedBy: reversedBy.get(e._id) } : {}) }));
}

async function openingOf(ctx: Ctx, compoundId: string, period: string) {
  const prev = await statements(ctx.db).get(`${compoundId}_${addMonths(period, -1)}`);
  return prev ? prev.figures.balances : ZERO_BALANCES;
}

async function figuresOf(ctx: Ctx, compoundId: string, period: string): Promise<StatementFigures> {
  const list = await ledger(ctx.db).all({ compoundPeriod: `${compoundId}_${period}` }, [['seq', 'asc']]);
  return buildStatement(period, await openingOf(ctx, compoundId, period), list);
}

async function statementView(
  ctx: Ctx,
  compound: CompoundDoc,
  actor: Actor,
  period: string,
  doc: StatementDoc | null,
): Promise<StatementView> {
  const figures = doc ? doc.figures : await figuresOf(ctx, compound._id, period);
  const t = compoundTarget(compound);
  const qs = doc ? await questions(ctx.db).find({ statementId: doc._id }, { orderBy: [['at', 'desc']], limit: 100 }) : [];
  const maxOf = (kind: 'income' | 'expense') =>
    Math.max(1, ...figures.lines.filter((l) => l.kind === kind).map((l) => Math.abs(l.amountFen)));
  const { lines, ...rest } = figures;
  const status = doc?.status ?? 'open';
  // The committee is told when the recorded notice no longer checks out (linked before this check, or withdrawn since).
  const problem =
    doc?.notice && can(actor, 'ledger.close', t) ? await noticeMismatch(ctx.db, doc.notice.id, financeNotice(compound._id, period)) : null;
  return {
    id: `${compound._id}_${period}`,
    compoundId: compound._id,
    compoundName: compound.name,
    period,
    periodLabel: periodLabel(period),
    status,
    statusLabel: status === 'published' ? '已公示' : status === 'closed' ? '已结账待公示' : '未结账',
    figures: rest,
    lines: lines.map((l) => ({
      ...l,
      label: CATEGORY_LABELS[l.category],
      amount: yuan(l.amountFen),
      bar: Math.round((Math.abs(l.amountFen) * 100) / maxOf(l.kind)),
      questions: qs
        .filter((q) => q.category === l.category)
        .map((q) => ({ id: q._id, question: q.question, ...(q.answer ? { answer: q.answer } : {}), at: iso(q.at) })),
    })),
    head: doc?.head ?? null,
    ...(doc?.head && doc.head.seq > 0 ? { headCode: witnessCode(doc.head.hash) } : {}),
    ...(doc ? { closedAt: iso(doc.closedAt) } : {}),
    ...(doc?.publishedAt ? { publishedAt: iso(doc.publishedAt) } : {}),
    canClose: !doc && monthEnded(period, periodOf(ctx.now)) && can(actor, 'ledger.close', t),
    canPublish: status === 'closed' && can(actor, 'ledger.close', t),
    canAnswer: can(actor, 'ledger.answer', t),
    ...(doc?.notice ? { notice: { id: doc.notice.id, at: iso(doc.notice.at), ...(problem ? { problem } : {}) } } : {}),
    ...(doc?.noticeChanges?.length && can(actor, 'ledger.view', t)
      ? { noticeChanges: doc.noticeChanges.map((c) => ({ from: c.from, to: c.to, at: iso(c.at) })) }
      : {}),
    ...((offerNotice(doc, ctx.now) || problem) && can(actor, 'ledger.close', t)
      ? { noticeDraft: statementNotice({ id: compound._id, name: compound.name }, rest, doc?.head) }
      : {}),
  };
}

/** Offer the 财务公示 notice for a month published in the last 31 days and not yet announced (older months are old news). */
function offerNotice(doc: StatementDoc | null, now: Date): boolean {
  return (
    !!doc &&
    doc.status === 'published' &&
    !doc.notice &&
    !!doc.publishedAt &&
    now.getTime() - new Date(doc.publishedAt).getTime() <= 31 * 86_400_000
  );
}

/** A statement: residents see published months only; the people who keep the books see every month. */
export async function statement(ctx: Ctx, input: { compoundId: string; period: string }): Promise<StatementView> {
  const { compound, actor } = await readableCompound(ctx, input.compoundId);
  const doc = await statements(ctx.db).get(`${compound._id}_${input.period}`);
  const keeper = can(actor, 'ledger.view', compoundTarget(compound));
  if (!keeper && doc?.status !== 'published') throw new AppError('NOT_FOUND', '该月账目尚未公示');
  return statementView(ctx, compound, actor, input.period, doc);
}

/**
 * Close a month: first stop bookings into it (the head records closedThrough and the
 * chain head, in one transaction with every append), then sum its entries. Months
 * close in order; closing again returns the statement already made.
 */
export async function close(ctx: Ctx, input: { compoundId: string; period: string }): Promise<StatementView> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  assertCan(actor, 'ledger.close', compoundTarget(compound));
  const person = await requirePerson(ctx.db, actor);
  const id = `${compound._id}_${input.period}`;
  const existing = await statements(ctx.db).get(id);
  if (existing) return statementView(ctx, compound, actor, input.period, existing);
  if (!monthEnded(input.period, periodOf(ctx.now)))
    throw new AppError('BAD_REQUEST', `${periodLabel(input.period)}还没有结束，${closableFrom(input.period)}起才能结账`);
  const head = await transaction(
    ctx.db,
    async (tx) => {
      const heads = ledgerHeads(ctx.db).in(tx);
      const cur = await heads.get(compound._id);
      const closed = cur?.closedThrough ?? null;
      if (closed && closed >= input.period) return { seq: cur!.seq, hash: cur!.hash }; // closed before, statement not yet written
      if (closed && addMonths(closed, 1) !== input.period)
        throw new AppError('BAD_REQUEST', `请先结账${periodLabel(addMonths(closed, 1))}`);
      await heads.put(compound._id, {
        seq: cur?.seq ?? 0,
        hash: cur?.hash ?? '0'.repeat(64),
        closedThrough: input.period,
        updatedAt: ctx.now,
      });
      return { seq: cur?.seq ?? 0, hash: cur?.hash ?? '0'.repeat(64) };
    },
    6,
  );
  const figures = await figuresOf(ctx, compound._id, input.period);
  const doc: Omit<StatementDoc, '_id'> = {
    compoundId: compound._id,
    communityId: compound.communityId,
    period: input.period,
    status: 'closed',
    figures,
    head,
    closedBy: person._id,
    closedAt: ctx.now,
  };
  try {
    await statements(ctx.db).add({ _id: id, ...doc });
  } catch {
    /* a parallel close wrote it */
  }
  return statementView(ctx, compound, actor, input.period, (await statements(ctx.db).get(id))!);
}

export async function publish(ctx: Ctx, input: { compoundId: string; period: string }): Promise<StatementView> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  assertCan(actor, 'ledger.close', compoundTarget(compound));
  const person = await requirePerson(ctx.db, actor);
  const id = `${compound._id}_${input.period}`;
  const doc = await statements(ctx.db).get(id);
  if (!doc) throw new AppError('BAD_REQUEST', '请先结账再公示');
  if (doc.status !== 'published')
    await statements(ctx.db).patchWhere(
      { _id: id, status: 'closed' },
      { status: 'published', publishedBy: person._id, publishedAt: ctx.now },
    );
  return statementView(ctx, compound, actor, input.period, await statements(ctx.db).get(id));
}

/** What a month's 财务公示 notice must be: to the whole compound, opening this month's statement. */
const financeNotice = (compoundId: string, period: string) => ({
  category: '财务公示' as const,
  compoundId,
  to: 'feeStatement' as const,
  params: { compoundId, period },
});

/**
 * The 财务公示 notice of a published month: the client posts it through notices (the
 * notices function checks who may post to the compound) and records it here, so the
 * statement links to it and the committee is not asked again. Only a published
 * 财务公示 notice of this compound opening this month is accepted (a made-up id or
 * another compound's notice would otherwise block the real one). The first one stays;
 * with `replace` the committee swaps a wrong one, and the change is kept on the statement.
 */
export async function linkNotice(
  ctx: Ctx,
  input: { compoundId: string; period: string; noticeId: string; replace?: boolean },
): Promise<StatementView> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  assertCan(actor, 'ledger.close', compoundTarget(compound));
  const person = await requirePerson(ctx.db, actor);
  const id = `${compound._id}_${input.period}`;
  const doc = await statements(ctx.db).get(id);
  if (!doc || doc.status !== 'published') throw new AppError('BAD_REQUEST', '请先公示该月账目');
  const wrong = await noticeMismatch(ctx.db, input.noticeId, financeNotice(compound._id, input.period));
  if (wrong) throw new AppError('BAD_REQUEST', `不能关联该通知：${wrong}`);
  if (!doc.notice) {
    await statements(ctx.db).patchWhere(
      { _id: id, status: 'published', notice: ctx.db.command.exists(false) },
      { notice: { id: input.noticeId, by: person._id, at: ctx.now } },
    );
  } else if (input.replace && doc.notice.id !== input.noticeId) {
    await transaction(ctx.db, async (tx) => {
      const cur = await statements(ctx.db).in(tx).must(id);
      if (!cur.notice || cur.notice.id === input.noticeId) return;
      const change = { from: cur.notice.id, to: input.noticeId, by: person._id, at: ctx.now };
      await statements(ctx.db)
        .in(tx)
        .patch(id, { notice: { id: input.noticeId, by: person._id, at: ctx.now }, noticeChanges: [...(cur.noticeChanges ?? []), change] });
    });
  }
  return statementView(ctx, compound, actor, input.period, await statements(ctx.db).get(id));
}

/** The last 12 published (or, for the people who keep the books, closed) months. */
export async function trend(ctx: Ctx, input: { compoundId: string }): Promise<TrendPoint[]> {
  const { compound, actor } = await readableCompound(ctx, input.compoundId);
  const keeper = can(actor, 'ledger.view', compoundTarget(compound));
  const list = (await statements(ctx.db).find({ compoundId: compound._id }, { orderBy: [['period', 'desc']], limit: 24 }))
    .filter((s) => keeper || s.status === 'published')
    .slice(0, 12)
    .reverse();
  const max = Math.max(1, ...list.flatMap((s) => [s.figures.income, s.figures.expense]));
  return list.map((s) => ({
    period: s.period,
    label: `${Number(s.period.slice(5))}月`,
    incomeFen: s.figures.income,
    expenseFen: s.figures.expense,
    closingFen: s.figures.closing,
    incomeBar: Math.round((s.figures.income * 100) / max),
    expenseBar: Math.round((s.figures.expense * 100) / max),
  }));
}

/**
 * 校验: recompute every hash of the compound's chain; compare each closed month's
 * recorded head and each daily head the timer wrote; and compare the receipts the
 * caller's app kept. The chain and its recorded heads live in the database, so
 * someone who can write it could rewrite an entry and re-hash everything after it;
 * the receipts residents hold are outside it, and name the entry that changed.
 */
export async function verify(ctx: Ctx, input: { compoundId: string; receipts?: Witness[] }): Promise<VerifyView> {
  const { compound } = await readableCompound(ctx, input.compoundId);
  const list = await ledger(ctx.db).all({ compoundId: compound._id }, [['seq', 'asc']]);
  const stmts = await statements(ctx.db).all({ compoundId: compound._id });
  const days = await ledgerDailyHeads(ctx.db).find({ compoundId: compound._id }, { orderBy: [['day', 'desc']], limit: 400 });
  const r = verifyChain(
    list,
    [
      ...stmts.map((s) => ({ period: s.period, head: s.head })),
      ...days.map((d) => ({ period: d.day, head: { seq: d.seq, hash: d.hash } })),
    ],
    sha256,
  );
  const held = input.receipts ?? [];
  const receiptProblems = checkWitnesses(held, new Map(list.map((e) => [e.seq, e.hash])));
  const ok = r.ok && receiptProblems.length === 0;
  const chainWords = r.problems
    .slice(0, 3)
    .map(
      (p) =>
        `第${p.seq}笔${p.problem === 'altered' ? '被改动' : p.problem === 'missing' ? '缺失' : p.problem === 'head' ? `与${/^\d{4}-\d{2}$/.test(p.period ?? '') ? `${p.period}公示` : `${p.period}的每日校验码`}不符` : '链接断开'}`,
    );
  const receiptWords = receiptProblems
    .slice(0, 3)
    .map((p) => `您收据上的第${p.seq}笔与账本不符（收据校验码 ${p.held}，账本${p.now ? `现为 ${p.now}` : '中已没有这一笔'}）`);
  const message = ok
    ? `校验通过：${r.checked} 笔记录、${stmts.length} 个月的账目${held.length ? `、您的 ${held.length} 笔收据` : ''}都未被改动`
    : `校验发现问题：${[...receiptWords, ...chainWords].join('，')}`;
  return {
    ok,
    checked: r.checked,
    statements: stmts.length,
    dailyHeads: days.length,
    problems: r.problems.slice(0, 50),
    receipts: { checked: held.length, problems: receiptProblems.slice(0, 50) },
    message,
  };
}

export async function ask(
  ctx: Ctx,
  input: { clientRequestId: string; compoundId: string; period: string; category: Category; question: string },
): Promise<{ id: string }> {
  const { compound, actor } = await readableCompound(ctx, input.compoundId);
  const person = await requirePerson(ctx.db, actor);
  const statementId = `${compound._id}_${input.period}`;
  const s = await statements(ctx.db).get(statementId);
  if (!s || (s.status !== 'published' && !can(actor, 'ledger.view', compoundTarget(compound))))
    throw new AppError('NOT_FOUND', '该月账目尚未公示');
  if (!s.figures.lines.some((l) => l.category === input.category)) throw new AppError('BAD_REQUEST', '该月没有这一项');
  const id = `q_${person._id}_${input.clientRequestId}`;
  if (await questions(ctx.db).get(id)) return { id };
  const doc: Omit<LedgerQuestionDoc, '_id'> = {
    statementId,
    compoundId: compound._id,
    period: input.period,
    category: input.category,
    question: input.question,
    askedBy: person._id,
    at: ctx.now,
  };
  await questions(ctx.db)
    .add({ _id: id, ...doc })
    .catch(() => undefined);
  return { id };
}

export async function answer(ctx: Ctx, input: { questionId: string; answer: string }): Promise<{ id: string }> {
  const actor = await ctx.actor();
  const q = await questions(ctx.db).get(input.questionId);
  if (!q) throw new AppError('NOT_FOUND');
  const compound = (await compounds(ctx.db).get(q.compoundId)) as CompoundDoc;
  const t = compoundTarget(compound);
  if (!livesIn(actor, t) && !can(actor, 'ledger.view', t)) throw new AppError('NOT_FOUND');
  assertCan(actor, 'ledger.answer', t);
  const person = await requirePerson(ctx.db, actor);
  if (q.askedBy === person._id) throw new AppError('SELF_DECISION', '不能回答自己的提问');
  await questions(ctx.db).patch(q._id, { answer: input.answer, answeredBy: person._id, answeredAt: ctx.now });
  return { id: q._id };
}

export async function donations(ctx: Ctx, input: { compoundId: string }): Promise<DonationView[]> {
  const { compound } = await readableCompound(ctx, input.compoundId);
  const list = await ledger(ctx.db).find({ donationBoard: compound._id }, { orderBy: [['at', 'desc']], limit: 200 });
  const reversed = new Set(
    (await ledger(ctx.db).find({ compoundId: compound._id, category: 'donation', amountFen: ctx.db.command.lt(0) }, { limit: 200 })).map(
      (e) => e.reverses,
    ),
  );
  return list
    .filter((e) => !reversed.has(e._id) && e.donor)
    .map((e: LedgerEntryDoc) => ({
      id: e._id,
      project: e.donor!.project,
      donor: e.donor!.anonymous ? '匿名' : e.donor!.name,
      amount: yuan(e.amountFen),
      amountFen: e.amountFen,
      at: e.at,
      seq: e.seq,
      hash: e.hash,
      code: witnessCode(e.hash),
    }));
}
