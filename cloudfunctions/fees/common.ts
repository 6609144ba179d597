/** Helpers of the fees function: hashing, places, the ledger append (one transaction moves the chain head). */
import { createHash } from 'node:crypto';
import { can, livesIn } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor, Target } from '../../core/platform/roles';
import { compounds, type CompoundDoc } from '../_shared/directory';
import type { Ctx } from '../_shared/router';
import { shortLived } from '../_shared/files';

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

// The ledger append lives in _shared (payCallback confirms refunds with it too).
export { appendInTx, entryId, openPeriod, type EntryDraft } from '../_shared/ledger-chain';

/** Temporary URLs for stored files (receipts). */
export async function fileUrls(ctx: Ctx, fileIDs: string[]): Promise<Map<string, string>> {
  if (!fileIDs.length) return new Map();
  const res = (await ctx.cloud.getTempFileURL({ fileList: shortLived([...new Set(fileIDs)]) })) as {
    fileList: { fileID: string; tempFileURL: string }[];
  };
  return new Map(res.fileList.map((f) => [f.fileID, f.tempFileURL]));
}
