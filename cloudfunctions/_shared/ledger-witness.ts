/**
 * The seam through which notices quote the ledger's daily head: the newest head the
 * fees `witness` timer wrote for each compound (collection `ledgerDailyHeads`, owned
 * by fees). Read only. Every notice posted carries it, so every home that receives a
 * notice holds a copy of the chain head outside the database.
 */
import type { Database } from './database';
import { repository } from './repo';

interface DailyHeadDoc {
  _id: string;
  compoundId: string;
  day: string;
  seq: number;
  hash: string;
}
const dailyHeads = repository<DailyHeadDoc>('ledgerDailyHeads');

export interface QuotedHead {
  compoundId: string;
  day: string;
  seq: number;
  hash: string;
}

/** The newest daily head of each compound that has one (one indexed read per compound, newest first). */
export async function latestDailyHeads(db: Database, compoundIds: string[]): Promise<QuotedHead[]> {
  const out: QuotedHead[] = [];
  for (const compoundId of [...new Set(compoundIds)].slice(0, 20)) {
    const d = await dailyHeads(db).first({ compoundId }, { orderBy: [['day', 'desc']] });
    if (d) out.push({ compoundId, day: d.day, seq: d.seq, hash: d.hash });
  }
  return out;
}
