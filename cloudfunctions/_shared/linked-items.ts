/**
 * The seam through which a concern links (never copies) what decides it: a repair
 * (owned by repairs, collection `repairs`) or an owners' vote (owned by votes,
 * collection `voteMatters`). It reads only `_id` and `compoundId`, to refuse a link to
 * something that does not exist or belongs to another compound; a feature that
 * renames either changes this file.
 */
import type { Database } from './database';
import { repository } from './repo';

interface LinkedRow {
  _id: string;
  compoundId: string;
}
const repairRows = repository<LinkedRow>('repairs');
const matterRows = repository<LinkedRow>('voteMatters');

/** Whether the repair or vote `id` exists in `compoundId`. */
export async function linkedItemIn(db: Database, kind: 'repair' | 'vote', id: string, compoundId: string): Promise<boolean> {
  const row = await (kind === 'repair' ? repairRows : matterRows)(db).get(id);
  return !!row && row.compoundId === compoundId;
}
