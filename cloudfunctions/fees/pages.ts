/**
 * The fees pages that show themselves with one call (README: one call before first
 * content): each composes the reads the page made one by one before, by calling those
 * handlers, so every check and view stays where it is. A later tap (another month, a
 * building to remind, a new entry) still calls the one action it needs.
 */
import { can, livesIn } from '../../core/authz';
import type { BooksPageView, StatementPageView, StatementView } from '../../core/fees/contract';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import { hideThenForbid } from '../_shared/access';
import { compounds } from '../_shared/directory';
import type { Ctx } from '../_shared/router';
import { arrears, compoundSummary } from './bills';
import { compoundTarget } from './common';
import { remindPreview } from './dues-remind';
import { donations, entries, statement, trend } from './ledger';

/**
 * Someone with no compound of their own (the community office) picks among the compounds
 * of their communities whose books they may read: one indexed read per community, never
 * every compound of the environment.
 */
async function officePicker(ctx: Ctx, actor: Actor): Promise<StatementPageView['compounds']> {
  const communityIds = [...new Set(actor.roles.filter((r) => !r.compoundId).map((r) => r.communityId))];
  if (!communityIds.length) return [];
  const list = await compounds(ctx.db).all({ communityId: ctx.db.command.in(communityIds) });
  return list.filter((c) => can(actor, 'ledger.view', compoundTarget(c))).map((c) => ({ id: c._id, name: c.name }));
}

/** A month's ledger.statement; one not yet published (a link to it) is a word, and the rest of the page still shows. */
async function monthOf(ctx: Ctx, compoundId: string, period: string): Promise<{ statement: StatementView | null; missing?: string }> {
  try {
    return { statement: await statement(ctx, { compoundId, period }) };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'NOT_FOUND') throw e;
    return { statement: null, missing: e.message };
  }
}

/** 财务公示: ledger.trend, the newest (or asked-for) month's ledger.statement and ledger.donations in one call. */
export async function statementPage(ctx: Ctx, input: { compoundId?: string; period?: string }): Promise<StatementPageView> {
  const actor = await ctx.actor();
  const own = actor.homes[0]?.compoundId ?? actor.roles.find((r) => r.compoundId)?.compoundId;
  const picker = own ? [] : await officePicker(ctx, actor);
  const compoundId = input.compoundId ?? own ?? picker[0]?.id;
  if (!compoundId) return { compounds: picker, compoundId: null, trend: [], period: null, statement: null, donations: [] };
  // trend reads (and refuses) first: whoever may not read this compound's books learns nothing else.
  const points = await trend(ctx, { compoundId });
  const period = input.period ?? points[points.length - 1]?.period ?? null;
  const [board, month] = await Promise.all([donations(ctx, { compoundId }), period ? monthOf(ctx, compoundId, period) : null]);
  return {
    compounds: picker,
    compoundId,
    trend: points,
    period,
    statement: month?.statement ?? null,
    ...(month?.missing ? { statementMissing: month.missing } : {}),
    donations: board,
  };
}

/**
 * 记账结账: the compound's fees.summary row, and for those who remind this month's
 * fees.arrears and the whole compound's fees.remindPreview, and the ledger.entries of
 * the month a booking goes into. For those who book or close there; whoever may not read
 * the compound's books is not told it exists.
 */
export async function booksPage(ctx: Ctx, input: { compoundId: string }): Promise<BooksPageView> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  const t = compoundTarget(compound);
  hideThenForbid(livesIn(actor, t) || can(actor, 'ledger.view', t), can(actor, 'ledger.book', t) || can(actor, 'ledger.close', t));
  const period = periodOf(ctx.now);
  const reminds = can(actor, 'fees.remind', t);
  const row = await compoundSummary(ctx, compound, period);
  const [owed, preview, list] = await Promise.all([
    reminds ? arrears(ctx, { compoundId: compound._id, period }) : null,
    reminds ? remindPreview(ctx, { compoundId: compound._id }) : null,
    entries(ctx, { compoundId: compound._id, period: row.bookingPeriod }),
  ]);
  return { period, compound: row, arrears: owed, preview, entries: list };
}
