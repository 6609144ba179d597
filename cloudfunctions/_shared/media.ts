/**
 * Photos people hand to the compound go through WeChat's asynchronous image check
 * (openapi.security.mediaCheckAsync): each photo gets a trace id now and a verdict
 * later, by the wxa_media_check push (see notices' onMediaCheck, which forwards the
 * traces it does not own to the features that check photos).
 */
import { AppError } from '../../core/platform/errors';
import { shortLived } from './files';
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

/** A photo as a viewer gets it: a short-lived link and where its check stands. */
export interface PhotoView {
  fileID: string;
  url: string;
  check: 'pending' | 'pass' | 'risky';
}

/**
 * Temp URLs for the photos this viewer may see: `full` viewers (the author's side,
 * the handlers) also see photos still being checked; everyone else only passed ones.
 * A risky photo is never handed out; a link lives PHOTO_URL_MAX_AGE_S (bearer links).
 */
export async function photoViews(
  ctx: Pick<Ctx, 'cloud'>,
  fileIDs: string[],
  media: { fileID: string; status: string }[],
  full: boolean,
): Promise<PhotoView[]> {
  const checks = new Map(media.map((m) => [m.fileID, m.status as PhotoView['check']]));
  const list = fileIDs
    .map((f) => ({ fileID: f, url: '', check: checks.get(f) ?? ('pending' as const) }))
    .filter((p) => p.check === 'pass' || (full && p.check === 'pending'));
  if (list.length) {
    const res = (await ctx.cloud.getTempFileURL({ fileList: shortLived(list.map((p) => p.fileID)) })) as {
      fileList: { fileID: string; tempFileURL: string }[];
    };
    const urls = new Map(res.fileList.map((x) => [x.fileID, x.tempFileURL ?? '']));
    for (const p of list) p.url = urls.get(p.fileID) ?? '';
  }
  return list;
}

export interface TextCheck {
  /** msgSecCheck v2 scene: 1 资料, 2 评论, 3 论坛 (default: a board the compound reads), 4 社交日志. */
  scene?: 1 | 2 | 3 | 4;
  /** Checked as the title, with the content. */
  title?: string;
  /** What the author is told when WeChat does not pass it (from the suggestion and label). */
  rejected?: string | ((suggest: string, label: number) => string);
}

/**
 * msgSecCheck v2 on what a person typed before others read it, with the author's
 * openid. Throws CONTENT_REJECTED and writes nothing; a check that cannot run refuses
 * too, never lets text through unchecked. Every feature calls this one.
 */
export async function checkText(ctx: Ctx, content: string, opts: TextCheck = {}): Promise<void> {
  if (!content.trim() && !opts.title?.trim()) return;
  let res: { result?: { suggest?: string; label?: number } };
  try {
    res = (await ctx.cloud.openapi.security.msgSecCheck({
      openid: ctx.openid,
      scene: opts.scene ?? 3,
      version: 2,
      ...(opts.title ? { title: opts.title } : {}),
      content,
    })) as typeof res;
  } catch (e) {
    console.error('[msgSecCheck]', (e as Error).message);
    throw new AppError('INTERNAL', '内容安全检测暂时不可用，请稍后再试');
  }
  const suggest = res.result?.suggest ?? 'risky';
  if (suggest === 'pass') return;
  const r = opts.rejected ?? '内容未通过安全检测，请修改后再提交';
  throw new AppError('CONTENT_REJECTED', typeof r === 'string' ? r : r(suggest, res.result?.label ?? 0));
}
