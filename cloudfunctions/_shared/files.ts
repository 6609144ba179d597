/**
 * Files a person hands to an action (a notice's photos, later a repair's or an
 * expense's receipts) must be ones they uploaded themselves, under their own
 * folder: `u/<openid>/<purpose>/<name>`. The client uploads there; the function
 * checks the path against the caller's OPENID. Any other reference — another
 * person's file, an export, a made-up name — gets the same FILE_INVALID answer,
 * so the reply never tells whether a file exists.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/platform/errors';
import { iso } from './db';
import type { Ctx } from './router';

/**
 * How long a photo link handed to a page lives. getTempFileURL links are bearer links:
 * whoever holds one opens the file until it expires (CloudBase checks no identity), so
 * privacy rests on handing links only to people entitled to the photo, and on a short
 * life (a page reads fresh links each time it is shown).
 */
export const PHOTO_URL_MAX_AGE_S = 7200;

/** getTempFileURL's fileList for photos shown on a page: each link lives PHOTO_URL_MAX_AGE_S. */
export function shortLived(fileIDs: string[]): { fileID: string; maxAge: number }[] {
  return fileIDs.map((fileID) => ({ fileID, maxAge: PHOTO_URL_MAX_AGE_S }));
}

/** getTempFileURL takes at most 50 files a call (wx-server-sdk; the emulator refuses more, emulator/sdk-core.ts). */
const TEMP_URL_BATCH = 50;

/**
 * Short-lived links for files a page shows, in batches of 50: fileID → URL (missing files
 * map to ''). Hand the result only to people entitled to the files (bearer links).
 */
export async function shortLivedLinks(
  cloud: { getTempFileURL(o: { fileList: { fileID: string; maxAge: number }[] }): unknown },
  fileIDs: string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(fileIDs)];
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += TEMP_URL_BATCH) {
    const res = (await cloud.getTempFileURL({ fileList: shortLived(ids.slice(i, i + TEMP_URL_BATCH)) })) as {
      fileList: { fileID: string; tempFileURL?: string }[];
    };
    for (const f of res.fileList) out.set(f.fileID, f.tempFileURL ?? '');
  }
  return out;
}

/** cloud://<env>.<bucket>/<path> → <path>, or null when it is not a fileID. */
export function cloudPathOf(fileID: string): string | null {
  const m = /^cloud:\/\/[^/\s]+\/([^\s?#]+)$/.exec(fileID);
  return m ? m[1] : null;
}

export function ownFolder(openid: string, purpose: string) {
  return `u/${openid}/${purpose}/`;
}

/** Every fileID must lie in the caller's own folder for `purpose`. */
export function assertOwnFiles(openid: string, purpose: string, fileIDs: string[]): void {
  const prefix = ownFolder(openid, purpose);
  for (const f of fileIDs) {
    const p = cloudPathOf(f);
    if (!openid || !p || !p.startsWith(prefix) || p.includes('..') || p.length <= prefix.length) throw new AppError('FILE_INVALID');
  }
}

/** Exports: an unguessable name under the maker's own folder; the function hands out a short-lived URL only. */
export function exportPath(openid: string, fileName: string, random: string) {
  return `exports/${openid}/${random}/${fileName}`;
}

/** How long an export's link opens (seconds): time to download it, too short to pass around. */
export const EXPORT_LINK_SECONDS = 600;

export interface PrivateExport {
  fileName: string;
  fileID: string;
  url: string;
  expiresAt: string;
}

/**
 * Store an export (a roster, a sign-up list, the accounts) under the maker's own
 * unguessable folder and hand back a link that opens it for EXPORT_LINK_SECONDS. The
 * fileID is returned for the maker's own later use; nobody else's folder is readable.
 */
export async function privateExport(ctx: Ctx, fileName: string, fileContent: Buffer): Promise<PrivateExport> {
  const up = await ctx.cloud.uploadFile({ cloudPath: exportPath(ctx.openid, fileName, randomBytes(16).toString('hex')), fileContent });
  const urls = (await ctx.cloud.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: EXPORT_LINK_SECONDS }] })) as {
    fileList: { tempFileURL: string }[];
  };
  return {
    fileName,
    fileID: up.fileID,
    url: urls.fileList[0].tempFileURL,
    expiresAt: iso(new Date(ctx.now.getTime() + EXPORT_LINK_SECONDS * 1000)),
  };
}
