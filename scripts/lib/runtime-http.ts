/**
 * HTTP guards for the local runtime: loopback Host only (DNS rebinding), same-origin
 * JSON POSTs only (CSRF), bounded bodies and JSON depth, and the response headers.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_MESSAGES, type ErrorCode } from '../../core/platform/errors';

/** Largest request body: a roster import is at most 2,000,000 base64 characters plus the envelope. */
export const MAX_BODY_BYTES = 2_200_000;
/** Deepest JSON nesting a request may have (objects and arrays). Real payloads stay under 6. */
export const MAX_JSON_DEPTH = 32;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
  }
}

/** Every response carries these. */
const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message?: string, headers: Record<string, string> = {}) {
  sendJson(res, status, { ok: false, error: { code, message: message ?? ERROR_MESSAGES[code] } }, headers);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Headers for a stored file: always a download, never rendered as a page of ours. */
export function fileHeaders(contentType: string, length: number): Record<string, string> {
  return {
    ...BASE_HEADERS,
    'content-type': contentType,
    'content-length': String(length),
    'content-disposition': 'attachment',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
  };
}

/**
 * The CSP for the H5 pages. Scripts only from us plus the exact inline scripts of the
 * page (Taro's template puts one in <head>), by hash; styles may be inline (Taro's
 * components set style attributes); images also from data:/blob: (picked photos).
 */
export function pageHeaders(html: string | null, contentType: string, cacheControl: string): Record<string, string> {
  const headers: Record<string, string> = { ...BASE_HEADERS, 'content-type': contentType, 'cache-control': cacheControl };
  if (html !== null) {
    const hashes = inlineScriptHashes(html)
      .map((h) => ` '${h}'`)
      .join('');
    headers['content-security-policy'] = [
      "default-src 'self'",
      `script-src 'self'${hashes}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "media-src 'self' blob:",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    headers['x-frame-options'] = 'DENY';
    headers['cross-origin-opener-policy'] = 'same-origin';
  }
  return headers;
}

export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (/\bsrc\s*=/i.test(m[1]) || m[2] === '') continue;
    out.push('sha256-' + createHash('sha256').update(m[2], 'utf8').digest('base64'));
  }
  return out;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Host headers we answer: loopback names with our port. Anything else may be a rebound DNS name. */
export function allowedHosts(port: number): Set<string> {
  return new Set(LOOPBACK_NAMES.map((h) => `${h}:${port}`));
}

export function hostAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && hosts.has(host.toLowerCase());
}

/**
 * A state-changing request must come from our own page: no Origin (same-origin
 * requests from old browsers, curl) or exactly the origin of the Host it was sent to,
 * and not marked cross-site by the browser.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${String(req.headers.host).toLowerCase()}`) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

export function isJson(req: IncomingMessage): boolean {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  return /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/.test(type);
}

/** Deepest nesting of `{`/`[` in JSON text, counting only outside strings. Stops early past `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Reads a JSON object body within the size and depth limits; throws HttpError otherwise. */
export function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((ok, fail) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return fail(new HttpError(413, 'BAD_REQUEST', '请求内容太大'));
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        over = true;
        chunks.length = 0;
        fail(new HttpError(413, 'BAD_REQUEST', '请求内容太大'));
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (over) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return ok({});
      if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
        return fail(new HttpError(400, 'BAD_REQUEST', `请求内容嵌套太深（最多 ${MAX_JSON_DEPTH} 层）`));
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return fail(new HttpError(400, 'BAD_REQUEST', '请求内容不是有效的 JSON'));
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return fail(new HttpError(400, 'BAD_REQUEST', '请求格式有误'));
      ok(value as Record<string, unknown>);
    });
    req.on('error', fail);
  });
}
