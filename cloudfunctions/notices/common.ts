/** Small pieces every notices use case shares. */
import { AppError } from '../../core/platform/errors';
import { openAccess, trackableBuildings } from '../../core/notices/rules';
import type { Actor } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import { notices, type NoticeDoc } from './docs';
import { people, type PersonDoc } from '../_shared/directory';

/** Reads are kept per notice (all its versions share the rootId), not per version. */
export const readId = (rootId: string, personId: string) => `${rootId}_${personId}`;
export const homeReadId = (rootId: string, homeId: string) => `${rootId}_${homeId}`;
/** The version reads of a notice count from. */
export const fromVersion = (n: Pick<NoticeDoc, 'readFromVersion'>) => n.readFromVersion ?? 1;

export async function loadNotice(ctx: Ctx, id: string): Promise<NoticeDoc> {
  const n = await notices(ctx.db).get(id);
  if (!n) throw new AppError('NOT_FOUND');
  return n;
}

/**
 * The buildings of `notice` the actor may follow up. Someone who cannot even see
 * the notice gets NOT_FOUND (existence never leaks); someone who can but may not
 * track it gets FORBIDDEN.
 */
export function mustTrack(actor: Actor, notice: NoticeDoc, now: Date) {
  const tb = trackableBuildings(actor, notice);
  if (tb.length) return tb;
  if (!openAccess(notice, actor, now)) throw new AppError('NOT_FOUND');
  throw new AppError('FORBIDDEN');
}

export async function mustPerson(ctx: Ctx, actor: Actor): Promise<PersonDoc> {
  if (!actor.personId) throw new AppError('NOT_REGISTERED');
  const p = await people(ctx.db).get(actor.personId);
  if (!p) throw new AppError('NOT_REGISTERED');
  return p;
}

/** Temp URLs for image fileIDs (one storage call, no database read). */
export async function imageUrls(ctx: Pick<Ctx, 'cloud'>, fileIDs: string[]) {
  if (!fileIDs.length) return [];
  const res = (await ctx.cloud.getTempFileURL({ fileList: fileIDs })) as {
    fileList: { fileID: string; tempFileURL: string; status: number }[];
  };
  const byId = new Map(res.fileList.map((f) => [f.fileID, f]));
  return fileIDs.map((fileID) => ({ fileID, url: byId.get(fileID)?.tempFileURL ?? '', status: byId.get(fileID)?.status ?? 1 }));
}
