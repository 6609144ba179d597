/**
 * The daily witness: once a day the `witness` timer copies each compound's chain
 * head into `ledgerDailyHeads` (_id `${compoundId}_${day}`). No action writes that
 * collection; every notice posted that day quotes the newest one (through
 * _shared/ledger-witness), and 校验 checks the chain still has each of them.
 */
import type { LedgerDailyHeadDoc } from '../../core/fees/docs';
import { formatDate } from '../../core/platform/time';
import type { Ctx } from '../_shared/router';
import { ledgerDailyHeads, ledgerHeads } from './docs';

export async function writeDailyHeads(ctx: Ctx): Promise<{ written: number }> {
  const day = formatDate(ctx.now);
  let written = 0;
  // One head per compound: a community has few compounds, but page anyway.
  for (let skip = 0; ; skip += 100) {
    const heads = await ledgerHeads(ctx.db).find({}, { orderBy: [['_id', 'asc']], skip, limit: 100 });
    for (const h of heads) {
      if (h.seq <= 0) continue;
      const doc: Omit<LedgerDailyHeadDoc, '_id'> = { compoundId: h._id, day, seq: h.seq, hash: h.hash, at: ctx.now };
      try {
        // Written once: a second run the same day (a retried trigger) leaves the first.
        await ledgerDailyHeads(ctx.db).add({ _id: `${h._id}_${day}`, ...doc });
        written++;
      } catch {
        /* already written today */
      }
    }
    if (heads.length < 100) break;
  }
  return { written };
}
