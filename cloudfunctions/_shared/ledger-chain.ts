/**
 * Appending to a compound's ledger (collection `ledger`, its head in `ledgerHeads`,
 * both owned by fees): one transaction reads the head, chains each entry after it and
 * moves the head. Shared by `fees` and `payCallback` (which confirms WeChat refunds),
 * which may not import each other.
 */
import { createHash } from 'node:crypto';
import type { LedgerEntryDoc, LedgerHeadDoc } from '../../core/fees/docs';
import { bookingPeriod, chainNext, EMPTY_HEAD, type ChainFields } from '../../core/fees/rules';
import { periodOf } from '../../core/platform/time';
import type { Transaction } from './database';
import { repository } from './repo';
import type { Ctx } from './router';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const ledger = repository<LedgerEntryDoc>('ledger');
const ledgerHeads = repository<LedgerHeadDoc>('ledgerHeads');

/** The month entries go into now: this month, or the one after the last closed month. */
export function openPeriod(head: Pick<LedgerHeadDoc, 'closedThrough'> | null, now: Date): string {
  return bookingPeriod(head?.closedThrough ?? null, periodOf(now));
}

export const entryId = (compoundId: string, seq: number) => `${compoundId}_${String(seq).padStart(9, '0')}`;

export type EntryDraft = Omit<ChainFields, 'seq' | 'prevHash' | 'period' | 'at' | 'compoundId'> &
  Pick<LedgerEntryDoc, 'by' | 'byName'> &
  Partial<Pick<LedgerEntryDoc, 'reason' | 'donationBoard' | 'donor'>>;

/**
 * Append entries inside `tx`: read the head, chain each draft after it, write the
 * entries and the new head. Two appends race on the head document: one gets a
 * transaction conflict and is run again by `transaction()`.
 */
export async function appendInTx(
  ctx: Pick<Ctx, 'db'>,
  tx: Transaction,
  compound: { _id: string; communityId: string },
  drafts: EntryDraft[],
  at: Date,
): Promise<LedgerEntryDoc[]> {
  const heads = ledgerHeads(ctx.db).in(tx);
  const current = await heads.get(compound._id);
  let head = current ? { seq: current.seq, hash: current.hash } : EMPTY_HEAD;
  const period = openPeriod(current, at);
  const out: LedgerEntryDoc[] = [];
  for (const d of drafts) {
    const { by, byName, reason, donationBoard, donor, ...chain } = d;
    const next = chainNext(head, { ...chain, compoundId: compound._id, period, at: at.toISOString() }, sha256);
    const doc: LedgerEntryDoc = {
      _id: entryId(compound._id, next.fields.seq),
      ...next.fields,
      communityId: compound.communityId,
      compoundPeriod: `${compound._id}_${period}`,
      hash: next.hash,
      by,
      byName,
      ...(reason ? { reason } : {}),
      ...(donationBoard ? { donationBoard } : {}),
      ...(donor ? { donor } : {}),
    };
    const { _id, ...rest } = doc;
    await ledger(ctx.db).in(tx).put(_id, rest);
    out.push(doc);
    head = next.head;
  }
  await heads.put(compound._id, { seq: head.seq, hash: head.hash, closedThrough: current?.closedThrough ?? null, updatedAt: at });
  return out;
}
