/**
 * The fees rows of `npm run bench`: bill generation (one run over every home of the
 * compounds with fee items: ms per 1,000 homes and DB writes per home — 天翔世家's 585
 * in the small run, every compound's ~30,000 in the large one), my bills (per-user,
 * within 1.5× at 30,000), and building a month's statement from 585 homes' payments.
 */
import { performance } from 'node:perf_hooks';
import type { Emulator } from '../../emulator';
import { periodOf } from '../../core/platform/time';
import { spaceSortKey } from '../../core/fees/rules';
import { enqueue } from '../../cloudfunctions/_shared/jobs';
import { generateJob, HOMES_PER_BATCH } from '../../cloudfunctions/fees/bills';
import { BatchMeter, systemCtx } from './bench-jobs';
import type { Invoke, Measure } from './bench-kit';

/** The shape of a bench row (scripts/bench.ts `Row`). */
export interface FeeRow {
  action: string;
  homes: number;
  perUser: boolean;
  p50: number;
  p95: number;
  reads: number;
  writes: number;
  queries: number;
  scanned: number;
}

export async function feeBench<R>({
  invoke,
  measure,
  emu,
  all,
}: {
  invoke: Invoke;
  measure: Measure<R>;
  emu: Emulator;
  all: boolean;
}): Promise<(R | FeeRow)[]> {
  const period = periodOf(new Date());
  const tiers = { flat_lift: 110, flat_walkup: 110, shop: 110 };
  const ok = (r: any) => {
    if (!r?.ok) throw new Error(JSON.stringify(r?.error ?? r));
    return r.data;
  };
  ok(
    await invoke('fees', 'txsj-committee', 'fees.setRate', {
      compoundId: 'txsj',
      itemCode: 'property',
      kind: 'property',
      name: '物业费',
      from: period,
      tiers,
    }),
  );
  const db = emu.sdk.database() as any;
  let compounds = ['txsj'];
  if (all) {
    // Every compound bills (the generated ones have no committee in the demo: their items are written directly).
    const list = (await db.collection('compounds').limit(1000).get()).data as { _id: string; communityId: string }[];
    compounds = list.map((c) => c._id);
    const items = list
      .filter((c) => c._id !== 'txsj')
      .map((c) => ({
        _id: `${c._id}_property`,
        compoundId: c._id,
        communityId: c.communityId,
        code: 'property',
        kind: 'property',
        name: '物业费',
        rates: [{ from: period, tiers, setBy: 'bench', setAt: new Date().toISOString() }],
        proposals: [],
        updatedAt: new Date(),
      }));
    emu.seed('feeItems', items);
  }
  // Parking too: one home in ten rents a space, so generation's per-batch $in on the
  // spaces' home index is measured with the property fee (a bill per renting home more).
  const parkingItems: object[] = [];
  const spaces: object[] = [];
  let homes = 0;
  let renting = 0;
  for (const c of compounds) {
    const all: { _id: string; communityId: string; label: string }[] = [];
    for (;;) {
      const where = all.length ? { compoundId: c, _id: db.command.gt(all[all.length - 1]._id) } : { compoundId: c };
      const page = (await db.collection('homes').where(where).orderBy('_id', 'asc').limit(1000).get()).data as typeof all;
      all.push(...page);
      if (page.length < 1000) break;
    }
    homes += all.length;
    parkingItems.push({
      _id: `${c}_parking`,
      compoundId: c,
      communityId: all[0]?.communityId ?? '',
      code: 'parking',
      kind: 'parking',
      name: '停车费',
      rates: [{ from: period, fen: 15000, setBy: 'bench', setAt: new Date().toISOString() }],
      proposals: [],
      updatedAt: new Date(),
    });
    all.forEach((h, i) => {
      if (i % 10 !== 0) return;
      renting++;
      const spaceNo = `P-${String(i).padStart(5, '0')}`;
      spaces.push({
        _id: `${c}_${spaceNo}`,
        compoundId: c,
        communityId: h.communityId,
        spaceNo,
        sortKey: spaceSortKey(spaceNo),
        homeId: [h._id],
        rentals: [{ homeId: h._id, homeLabel: h.label, from: period, until: null, by: 'bench', byName: '压测', at: new Date() }],
        createdBy: 'bench',
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    });
  }
  emu.seed('feeItems', parkingItems);
  emu.seed('parkingSpaces', spaces);
  // Generation as the billing timer queues it (one job per compound), each job driven one
  // batch (HOMES_PER_BATCH homes) at a time: the batch is what must fit the timeout.
  const ctx = systemCtx(emu);
  const batches = new BatchMeter(emu, 'fees');
  const t = performance.now();
  const m = await emu.measure(async () => {
    for (const c of compounds) {
      const job = await enqueue(
        ctx,
        generateJob,
        { compoundId: c, period },
        { createdBy: 'system', clientRequestId: `auto-${c}-${period}` },
      );
      await batches.drive(ctx, job._id);
    }
  });
  const ms = performance.now() - t;
  const bills = (await db.collection('bills').where({ period }).count()).total;
  if (bills !== homes + renting) throw new Error(`generated ${bills} bills for ${homes} homes and ${renting} renting a space`);
  const perK = (ms * 1000) / homes;
  const gen: FeeRow = {
    action: 'fees generate bills, property + parking for 1 home in 10 (p50/p95 = ms per 1,000 homes; per home)',
    homes,
    perUser: false,
    p50: perK,
    p95: perK,
    reads: m.reads / homes,
    writes: m.writes / homes,
    queries: m.queries / homes,
    scanned: m.scanned / homes,
  };
  const rows: (R | FeeRow)[] = [gen, batches.row(`fees bill generation, per batch of ${HOMES_PER_BATCH} homes (fees.generate job)`, homes)];
  rows.push(await measure('fees myBills (my homes)', true, () => invoke('fees', 'txsj-resident-3', 'fees.myBills', {})));
  // A month of 天翔世家: every home pays (one receipt each), then the statement is built from the entries.
  const txsjBills = (
    await db
      .collection('bills')
      .where({ compoundPeriod: `txsj_${period}`, status: 'unpaid' })
      .limit(1000)
      .get()
  ).data as { _id: string }[];
  // One after another: every payment appends to the compound's one hash chain (parallel ones would meet on its head).
  for (const [i, b] of txsjBills.entries())
    ok(
      await invoke('fees', 'txsj-manager', 'fees.payOffline', {
        clientRequestId: `bench-pay-${i}-x`,
        billIds: [b._id],
        method: 'cash',
        receiptNo: `B-${i}`,
      }),
    );
  rows.push(
    await measure('fees statement build (a month of 585 homes)', false, () =>
      invoke('fees', 'txsj-committee', 'ledger.statement', { compoundId: 'txsj', period }),
    ),
  );
  return rows;
}
