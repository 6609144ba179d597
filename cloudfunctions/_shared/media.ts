/**
 * Photos people hand to the compound go through WeChat's asynchronous image check
 * (openapi.security.mediaCheckAsync): each photo gets a trace id now and a verdict
 * later, by the wxa_media_check push (see notices' onMediaCheck, which forwards the
 * traces it does not own to the features that check photos).
 */
import { AppError } from '../../core/platform/errors';
import type { Ctx } from './router';

export interface CheckedMedia {
  fileID: string;
  traceId: string;
  status: 'pending' | 'pass' | 'risky';
  label?: number;
}

/** Start the check of each photo; a file that does not exist is FILE_INVALID like any other bad reference. */
export async function startMediaChecks(ctx: Ctx, fileIDs: string[], scene: number): Promise<CheckedMedia[]> {
  if (!fileIDs.length) return [];
  const res = (await ctx.cloud.getTempFileURL({ fileList: fileIDs })) as {
    fileList: { fileID: string; tempFileURL: string; status: number }[];
  };
  const byId = new Map(res.fileList.map((f) => [f.fileID, f]));
  if (fileIDs.some((f) => byId.get(f)?.status !== 0 || !byId.get(f)?.tempFileURL)) throw new AppError('FILE_INVALID');
  const media: CheckedMedia[] = [];
  for (const f of fileIDs) {
    try {
      const r = (await ctx.cloud.openapi.security.mediaCheckAsync({
        mediaUrl: byId.get(f)!.tempFileURL,
        mediaType: 2,
        version: 2,
        openid: ctx.openid,
        scene,
      })) as { traceId: string };
      media.push({ fileID: f, traceId: r.traceId, status: 'pending' });
    } catch (e) {
      console.error('[mediaCheckAsync]', (e as Error).message);
      throw new AppError('INTERNAL', '图片安全检测暂时不可用，请稍后再提交');
    }
  }
  return media;
}

/** A push's verdict: only an explicit pass passes. */
export function verdictOf(event: Record<string, unknown>): { traceId: string; status: 'pass' | 'risky'; label: number } {
  const result = (event.result ?? {}) as { suggest?: string; label?: number };
  return { traceId: String(event.trace_id), status: result.suggest === 'pass' ? 'pass' : 'risky', label: result.label ?? 0 };
}
