/** Helpers of the fees function: hashing, places, the ledger append (one transaction moves the chain head). */
import { createHash } from 'node:crypto';
import { can, livesIn } from '../../core/authz';
import type { LedgerEntryDoc, LedgerHeadDoc } from '../../core/fees/docs';
import { bookingPeriod, chainNext, EMPTY_HEAD, type ChainFields } from '../../core/fees/rules';
import { AppError } from '../../core/platform/errors';
import type { Actor, Target } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import { compounds, type CompoundDoc } from '../_shared/directory';
import type { Transaction } from '../_shared/database';
import type { Ctx } from '../_shared/router';
import { ledger, ledgerHeads } from './docs';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function compoundTarget(c: Pick<CompoundDoc, '_id' | 'communityId'>): Target {
  return { communityId: c.communityId, compoundId: c._id };
}

/** A compound the caller may read the ledger of (residents by living there), else NOT_FOUND. */
export async function readableCompound(ctx: Ctx, compoundId: string): Promise<{ compound: CompoundDoc; actor: Actor }> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  const t = compoundTarget(compound);
  if (!livesIn(actor, t) && !can(actor, 'ledger.view', t)) throw new AppError('NOT_FOUND');
  return { compound, actor };
}

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
  ctx: Ctx,
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

/** Temporary URLs for stored files (receipts). */
export async function fileUrls(ctx: Ctx, fileIDs: string[]): Promise<Map<string, string>> {
  if (!fileIDs.length) return new Map();
  const res = (await ctx.cloud.getTempFileURL({ fileList: [...new Set(fileIDs)] })) as {
    fileList: { fileID: string; tempFileURL: string }[];
  };
  return new Map(res.fileList.map((f) => [f.fileID, f.tempFileURL]));
}
