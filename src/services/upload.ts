/**
 * Uploads, the one way every feature sends files to an action: pick, upload into
 * the person's own folder `u/<openid>/<purpose>/…` (Me.uploadPrefix; functions
 * accept files from nowhere else), then pass the fileID in the call.
 *
 * weapp: Taro.chooseMedia + Taro.cloud.uploadFile. h5 (local demo): the browser's
 * file picker, then POST /_upload on the local runtime, which stores the file as
 * the signed-in person under the same folder.
 */
import Taro from '@tarojs/taro';
import { ServiceError } from './cloud';
import { meOrLoad } from '@/store/me';

export interface UploadedFile {
  /** cloud://… to pass to an action. */
  fileID: string;
  /** What an <Image> can show right away (a local temp path or blob URL). */
  url: string;
}

const isWeapp = process.env.TARO_ENV === 'weapp';

function randomName(ext: string) {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.${ext}`;
}

/** h5: send one picked file (a blob: URL or a File) to the local runtime. */
async function uploadH5(purpose: string, source: string | Blob, ext: string): Promise<string> {
  const blob = typeof source === 'string' ? await (await fetch(source)).blob() : source;
  const res = await fetch(`/_upload?purpose=${encodeURIComponent(purpose)}&ext=${encodeURIComponent(ext)}`, {
    method: 'POST',
    body: blob,
    credentials: 'same-origin',
    headers: { 'content-type': blob.type || 'application/octet-stream' },
  });
  const body = (await res.json().catch(() => null)) as { fileID?: string; error?: { code?: string; message?: string } } | null;
  if (!res.ok || !body?.fileID) throw new ServiceError('NETWORK', body?.error?.message || '文件上传失败，请重试');
  return body.fileID;
}

/** Upload one local file (a temp path on weapp, a blob URL or File on h5). */
export async function uploadFile(purpose: string, source: string | Blob, ext: string): Promise<string> {
  if (!isWeapp) return uploadH5(purpose, source, ext);
  const me = await meOrLoad();
  try {
    const up = await Taro.cloud.uploadFile({ cloudPath: `${me.uploadPrefix}${purpose}/${randomName(ext)}`, filePath: source as string });
    return up.fileID;
  } catch {
    throw new ServiceError('NETWORK', '文件上传失败，请重试');
  }
}

/**
 * Pick up to `max` photos (album or camera) and upload them for `purpose`
 * ('notices', 'repairs', 'receipts', 'ballots' …). Resolves [] when the person cancels.
 */
export async function pickAndUploadImages(purpose: string, max: number): Promise<UploadedFile[]> {
  if (max <= 0) return [];
  let paths: string[];
  let sources: (string | Blob)[];
  try {
    if (isWeapp) {
      const res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      paths = res.tempFiles.map((f) => f.tempFilePath);
      sources = paths;
    } else {
      const res = await Taro.chooseImage({ count: max, sizeType: ['compressed'], sourceType: ['album'] });
      paths = res.tempFilePaths;
      // h5: upload the picked File itself; fetching its blob: URL is refused by the page's CSP (connect-src 'self').
      sources = res.tempFiles.map((f, i) => (f as { originalFileObj?: Blob }).originalFileObj ?? paths[i]);
    }
  } catch {
    return []; // cancelled
  }
  const out: UploadedFile[] = [];
  for (const [i, path] of paths.slice(0, max).entries()) {
    const source = sources[i] ?? path;
    const ext = /\.png($|\?)/i.test(path) || (typeof source !== 'string' && source.type === 'image/png') ? 'png' : 'jpg';
    try {
      out.push({ fileID: await uploadFile(purpose, source, ext), url: path });
    } catch (e) {
      throw new ServiceError('NETWORK', `第${i + 1}张图片上传失败，请重试` + (e instanceof Error && e.message ? `（${e.message}）` : ''));
    }
  }
  return out;
}
