/**
 * Bills: generated per compound and month by a job in batches of homes (ids are
 * home+item+period, so a second run adds nothing), read by residents for their own
 * homes, summed into arrears and collection rates.
 */
import { assertCan, can, canAnywhere, scopesOf } from '../../core/authz';
import type { ArrearsView, FeesSummary, MyBills } from '../../core/fees/contract';
import { billDoc, type BillDoc, type FeeItemDoc } from '../../core/fees/docs';
import {
  addMonths,
  billId,
  billLine,
  bookingPeriod,
  dueTitle,
  CLOSED_BY_LABEL,
  collectionRate,
  monthToClose,
  spacesByHome,
  sumFen,
} from '../../core/fees/rules';
import { AppError } from '../../core/platform/errors';
import type { JobView } from '../../core/platform/jobs';
import { periodOf } from '../../core/platform/time';
import { buildings as buildingsRepo, compounds, homes, requirePerson, type CompoundDoc, type HomeDoc } from '../_shared/directory';
import { defineJob, enqueue, jobs, jobProgress, jobView, work, workerBudgetMs } from '../_shared/jobs';
import { callerOf } from '../_shared/actor';
import type { Ctx } from '../_shared/router';
import { compoundTarget } from './common';
import { bills, feeItems, ledgerHeads, parkingSpaces } from './docs';
import { myRefunds } from './refunds';
import { billView, yuan } from './views';
import deploy from './deploy.json';

export const HOMES_PER_BATCH = 200;

interface GenerateParams {
  compoundId: string;
  period: string;
}

/**
 * Bills for these homes and this month that do not exist yet. Safe to run any number
 * of times. Parking items bill the spaces each home rents that month: the batch's
 * spaces come from one indexed $in on the homes (the `home` index of parkingSpaces).
 */
export async function writeBills(ctx: Ctx, items: FeeItemDoc[], period: string, list: HomeDoc[], now: Date): Promise<number> {
  const want: BillDoc[] = [];
  let rented = new Map<string, string[]>();
  if (items.some((it) => it.kind === 'parking') && list.length) {
    const _ = ctx.db.command;
    const spaces = await parkingSpaces(ctx.db).all({ homeId: _.in(list.map((h) => h._id)) });
    rented = spacesByHome(spaces, period);
  }
  for (const h of list) {
    for (const it of items) {
      const spaces = it.kind === 'parking' ? (rented.get(h._id) ?? []) : undefined;
      const line = billLine(it.kind, it.rates, period, { ...h, spaces: spaces?.length ?? 0 });
      if (!line) continue;
      want.push(billDoc(billId(h._id, it.code, period), h, it, period, line, now, spaces ? { spaces } : {}));
    }
  }
  const existing = await bills(ctx.db).byIds(want.map((b) => b._id));
  const missing = want.filter((b) => !existing.has(b._id));
  for (let i = 0; i < missing.length; i += 25) {
    await Promise.all(
      missing.slice(i, i + 25).map((b) =>
        bills(ctx.db)
          .add(b)
          .catch((e) => {
            // another run wrote it meanwhile (unique id / key)
            if ((e as { errCode?: number }).errCode !== -502001 && !/duplicate/i.test(String((e as Error).message))) throw e;
          }),
      ),
    );
  }
  return missing.length;
}

export const generateJob = defineJob<GenerateParams, HomeDoc[]>({
  kind: 'fees.generate',
  batchSize: 1,
  idempotent: true,
  async next(ctx, job, cursor) {
    const _ = ctx.db.command;
    const where = cursor ? { compoundId: job.params.compoundId, _id: _.gt(cursor) } : { compoundId: job.params.compoundId };
    const page = await homes(ctx.db).find(where, { orderBy: [['_id', 'asc']], limit: HOMES_PER_BATCH });
    const total =
      cursor === null ? Math.ceil((await homes(ctx.db).count({ compoundId: job.params.compoundId })) / HOMES_PER_BATCH) : undefined;
    const last = page[page.length - 1];
    return {
      items: page.length ? [{ key: `from_${page[0]._id}`, data: page }] : [],
      cursor: page.length < HOMES_PER_BATCH || !last ? null : last._id,
      ...(total !== undefined ? { total } : {}),
    };
  },
  async apply(ctx, job, item) {
    const items = await feeItems(ctx.db).find({ compoundId: job.params.compoundId }, { limit: 50 });
    await writeBills(ctx, items, job.params.period, item.data, new Date());
    return 'done';
  },
});

export async function generate(ctx: Ctx, input: { clientRequestId: string; compoundId: string; period: string }): Promise<JobView> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  assertCan(actor, 'fees.generate', compoundTarget(compound));
  const person = await requirePerson(ctx.db, actor);
  // Bills for a month after next are prepayment's business, not generation's.
  if (input.period > addMonths(periodOf(ctx.now), 1)) throw new AppError('BAD_REQUEST', '只能生成本月或下月的账单');
  const job = await enqueue(
    ctx,
    generateJob,
    { compoundId: compound._id, period: input.period },
    { createdBy: person._id, clientRequestId: input.clientRequestId },
  );
  await work(ctx, { jobId: job._id, budgetMs: workerBudgetMs(deploy) });
  return jobView((await jobs(ctx.db).get(job._id)) ?? job);
}

export async function generationStatus(ctx: Ctx, input: { jobId: string }): Promise<JobView> {
  const actor = await ctx.actor();
  return jobProgress(ctx, input.jobId, actor.personId, deploy);
}

/** The timer on the 1st: this month's bills for every compound with fee items (one job per compound and month). */
export async function monthlyGeneration(ctx: Ctx): Promise<{ queued: number }> {
  const period = periodOf(ctx.now);
  // Every fee item of the environment, a page of 1,000 at a time: a district has more than one page.
  const items = await feeItems(ctx.db).all({});
  const ids = [...new Set(items.map((i) => i.compoundId))];
  for (const compoundId of ids)
    await enqueue(ctx, generateJob, { compoundId, period }, { createdBy: 'system', clientRequestId: `auto-${compoundId}-${period}` });
  await work(ctx, { budgetMs: 40_000 });
  return { queued: ids.length };
}

const MY_BILLS_LIMIT = 60;

/** My homes' bills: one indexed $in on my homes (same cost at 585 and 30,000 homes). */
/** My bills page: what my homes owe, what they paid lately, and money owed back to them. */
export async function myBillsPage(ctx: Ctx): Promise<MyBills> {
  const mine = await myBills(ctx);
  const actor = await ctx.actor();
  return { ...mine, refunds: await myRefunds(ctx, [...new Set(actor.homes.map((h) => h.homeId))].slice(0, 20)) };
}

/** What my homes owe (the 首页 card reads this too, without refunds). */
export async function myBills(ctx: Ctx): Promise<MyBills> {
  const actor = await ctx.actor();
  const homeIds = [...new Set(actor.homes.map((h) => h.homeId))].slice(0, 20);
  if (!homeIds.length) return { homes: [], dueTitle: dueTitle([]), dueFen: 0, due: yuan(0), unpaidCount: 0, recentPaid: [], refunds: [] };
  const _ = ctx.db.command;
  const docs = await bills(ctx.db).find({ homeId: _.in(homeIds) }, { orderBy: [['period', 'desc']], limit: MY_BILLS_LIMIT });
  // The caller's bound homes: read once per invocation (me.get on the 首页 needs them too).
  const labels = await (await callerOf(ctx)).homes();
  const unpaid = docs.filter((b) => b.status === 'unpaid');
  const dueFen = sumFen(unpaid.map((b) => b.amountFen));
  return {
    homes: homeIds.map((id) => ({
      homeId: id,
      label: labels.get(id) ? `${labels.get(id)!.compoundName} ${labels.get(id)!.label}` : id,
      bills: unpaid
        .filter((b) => b.homeId === id)
        .sort((a, b) => (a.period < b.period ? -1 : 1))
        .map((b) => billView(b, ctx.now)),
    })),
    dueTitle: dueTitle(unpaid.map((b) => b.kind)),
    dueFen,
    due: yuan(dueFen),
    unpaidCount: unpaid.length,
    recentPaid: docs
      .filter((b) => b.status === 'paid')
      .slice(0, 12)
      .map((b) => billView(b, ctx.now)),
    refunds: [],
  };
}

async function monthFigures(ctx: Ctx, compoundId: string, period: string) {
  const list = await bills(ctx.db).all({ compoundPeriod: `${compoundId}_${period}` });
  const dueFen = sumFen(list.map((b) => b.amountFen));
  const paidFen = sumFen(list.filter((b) => b.status === 'paid').map((b) => b.amountFen));
  return { list, dueFen, paidFen };
}

/**
 * A month's due and paid total for one figure (the collection rate): summed by the database
 * in one aggregation, instead of reading every bill of the month (1,000 a read) to add them.
 */
async function monthTotals(ctx: Ctx, compoundId: string, period: string) {
  const $ = ctx.db.command.aggregate;
  const res = (await bills(ctx.db)
    .col()
    .aggregate()
    .match({ compoundPeriod: `${compoundId}_${period}` })
    .group({ _id: '$status', fen: $.sum('$amountFen') })
    .limit(100)
    .end()) as { list: { _id: BillDoc['status']; fen: number }[] };
  return {
    dueFen: sumFen(res.list.map((g) => g.fen)),
    paidFen: sumFen(res.list.filter((g) => g._id === 'paid').map((g) => g.fen)),
  };
}

/** Home-tab card: what I owe; for compound roles, this month's collection rate and the next month to close. */
export async function summary(ctx: Ctx): Promise<FeesSummary> {
  const actor = await ctx.actor();
  const mine = await myBills(ctx);
  const ids = scopesOf(actor, 'fees.arrears').compoundIds;
  const period = periodOf(ctx.now);
  const list = await compounds(ctx.db).byIds(ids);
  const out: FeesSummary['compounds'] = [];
  for (const c of list.values()) out.push(await compoundSummary(ctx, c, period));
  return { dueTitle: mine.dueTitle, dueFen: mine.dueFen, due: mine.due, unpaidCount: mine.unpaidCount, compounds: out };
}

/** One compound's row of the committee's card (and of the 记账 page): collection rate, the month to close, the booking month. */
export async function compoundSummary(
  ctx: Ctx,
  c: Pick<CompoundDoc, '_id' | 'name'>,
  period: string,
): Promise<FeesSummary['compounds'][number]> {
  const [f, head] = await Promise.all([monthTotals(ctx, c._id, period), ledgerHeads(ctx.db).get(c._id)]);
  const next = monthToClose(head?.closedThrough ?? null, period);
  return {
    compoundId: c._id,
    name: c.name,
    period,
    rate: collectionRate(f.paidFen, f.dueFen),
    nextToClose: next.closable ? next.period : null,
    closeHint: next.hint,
    closedBy: CLOSED_BY_LABEL,
    bookingPeriod: bookingPeriod(head?.closedThrough ?? null, period),
  };
}

/** Collection rate per building for a month, arrears per building, and a building's homes in arrears. */
export async function arrears(ctx: Ctx, input: { compoundId: string; period: string; buildingId?: string }): Promise<ArrearsView> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  const t = compoundTarget(compound);
  const whole = can(actor, 'fees.arrears', t);
  const leadOf = scopesOf(actor, 'fees.arrears').buildingIds;
  if (!whole && !canAnywhere(actor, 'fees.arrears')) throw new AppError('FORBIDDEN');
  const blds = [...(await buildingsRepo(ctx.db).find({ compoundId: compound._id }, { limit: 200 }))]
    .filter((b) => whole || leadOf.includes(b._id))
    .sort((a, b) => a.no - b.no);
  if (!blds.length) throw new AppError('FORBIDDEN');
  if (input.buildingId && !blds.some((b) => b._id === input.buildingId)) throw new AppError('NOT_FOUND');
  const month = await monthFigures(ctx, compound._id, input.period);
  // Unpaid bills of this month and the 23 before it: one indexed $in on compoundPeriod.
  const _ = ctx.db.command;
  const unpaidBefore = await bills(ctx.db).all({
    compoundPeriod: _.in(Array.from({ length: 24 }, (_x, i) => `${compound._id}_${addMonths(input.period, -i)}`)),
    status: 'unpaid',
  });
  const rows = [];
  let due = 0;
  let paid = 0;
  let homesOut: ArrearsView['homes'];
  for (const b of blds) {
    const inB = month.list.filter((x) => x.buildingId === b._id);
    const d = sumFen(inB.map((x) => x.amountFen));
    const p = sumFen(inB.filter((x) => x.status === 'paid').map((x) => x.amountFen));
    const open = unpaidBefore.filter((x) => x.buildingId === b._id);
    const byHome = new Map<string, { label: string; months: Set<string>; fen: number }>();
    for (const x of open) {
      const e = byHome.get(x.homeId) ?? { label: x.homeLabel, months: new Set<string>(), fen: 0 };
      e.months.add(x.period);
      e.fen += x.amountFen;
      byHome.set(x.homeId, e);
    }
    due += d;
    paid += p;
    rows.push({
      buildingId: b._id,
      buildingName: b.name,
      homes: b.homeCount,
      dueFen: d,
      paidFen: p,
      rate: collectionRate(p, d),
      homesInArrears: byHome.size,
      arrearsFen: sumFen([...byHome.values()].map((e) => e.fen)),
    });
    if (input.buildingId === b._id) {
      homesOut = [...byHome.entries()]
        .map(([homeId, e]) => ({ homeId, label: e.label, months: e.months.size, arrearsFen: e.fen, arrears: yuan(e.fen) }))
        .sort((x, y) => y.months - x.months || y.arrearsFen - x.arrearsFen);
    }
  }
  return {
    compoundId: compound._id,
    period: input.period,
    dueFen: due,
    paidFen: paid,
    rate: collectionRate(paid, due),
    buildings: rows,
    ...(homesOut ? { homes: homesOut } : {}),
  };
}
