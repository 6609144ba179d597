/**
 * The local runtime's session cookie: who is signed in, signed with HMAC-SHA256.
 *
 *   jl_session=v1.<base64url(openid)>.<issued, unix seconds>.<base64url(hmac)>
 *
 * The HMAC covers everything before the last dot. The key is 32 random bytes made
 * once and kept in `<dataDir>/session.key` (mode 0600), so sessions survive a
 * restart; with ':memory:' it is random per process. A missing, malformed, unsigned,
 * wrongly signed or expired cookie means "signed out".
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const SESSION_COOKIE = 'jl_session';
/** A demo session lasts a week. */
export const SESSION_MAX_AGE_S = 7 * 24 * 3600;
const VERSION = 'v1';
const KEY_BYTES = 32;
const OPENID = /^[\w-]{1,64}$/;

/** Reads `<dataDir>/session.key`, making it (atomically, mode 0600) the first time. */
export function loadSessionKey(dataDir: string): Buffer {
  if (dataDir === ':memory:') return randomBytes(KEY_BYTES);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'session.key');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const st = statSync(file);
      if ((st.mode & 0o077) !== 0) chmodSync(file, 0o600);
      const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
      if (key.length !== KEY_BYTES)
        throw new Error(`${file} is not a ${KEY_BYTES}-byte hex key: delete it to make a new one (everyone is signed out)`);
      return key;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // Write a temporary file, then link it into place: the key appears whole or not at
    // all, and of two processes starting at once only one key wins (the other reads it).
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(KEY_BYTES).toString('hex') + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
  }
  throw new Error(`could not create ${file}`);
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export interface Sessions {
  /** The cookie value for `openid`, issued now. */
  issue(openid: string, nowMs?: number): string;
  /** The OPENID of a valid cookie value, or '' (signed out). */
  verify(value: string | undefined, nowMs?: number): string;
}

export function createSessions(key: Buffer, maxAgeS = SESSION_MAX_AGE_S): Sessions {
  const mac = (body: string) => createHmac('sha256', key).update(body).digest();
  return {
    issue(openid, nowMs = Date.now()) {
      if (!OPENID.test(openid)) throw new Error('bad openid for a session');
      const body = `${VERSION}.${b64(openid)}.${Math.floor(nowMs / 1000)}`;
      return `${body}.${mac(body).toString('base64url')}`;
    },
    verify(value, nowMs = Date.now()) {
      if (!value || value.length > 300) return '';
      const parts = value.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) return '';
      const body = parts.slice(0, 3).join('.');
      const given = Buffer.from(parts[3], 'base64url');
      const expected = mac(body);
      // Same length first (the MAC length is public), then a constant-time compare.
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return '';
      if (!/^\d{1,12}$/.test(parts[2])) return '';
      const age = nowMs / 1000 - Number(parts[2]);
      if (age > maxAgeS || age < -300) return '';
      const openid = Buffer.from(parts[1], 'base64url').toString('utf8');
      return OPENID.test(openid) ? openid : '';
    },
  };
}

/** The value of cookie `name`, undefined when absent (first one wins, as browsers send the most specific first). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const ATTRS = 'Path=/; HttpOnly; SameSite=Strict';
export const sessionCookie = (value: string, maxAgeS = SESSION_MAX_AGE_S) => `${SESSION_COOKIE}=${value}; ${ATTRS}; Max-Age=${maxAgeS}`;
export const clearSessionCookie = () => `${SESSION_COOKIE}=; ${ATTRS}; Max-Age=0`;
