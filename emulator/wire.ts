/**
 * Conversions between the SDK's wire format (EJSON strings built by
 * @cloudbase/database's serializers) and the plain JS values the store and
 * mingo work with.
 *
 * We use the *same* `bson` package instance as @cloudbase/database so that
 * what the SDK writes and what it parses back are byte-for-byte the formats it
 * expects from the real server.
 */
import path from 'path';

const bson = require(require.resolve('bson', { paths: [path.dirname(require.resolve('@cloudbase/database'))] }));
export const EJSON: { parse(s: string, o?: any): any; stringify(v: any, o?: any): string } = bson.EJSON;

const REGEX_FLAGS = new Set(['i', 'm', 's', 'u']);

/**
 * Parse one EJSON string coming from the SDK and turn the CloudBase/BSON
 * specials into plain JS:
 *  - `{$tcb_server_date: {offset}}` (from `db.serverDate()`) → a Date taken now,
 *    exactly what the server does when it receives the command;
 *  - BSONRegExp (from `db.RegExp` / a JS RegExp) → a native RegExp mingo understands.
 */
export function fromWire(s: string | undefined | null, now: number = Date.now()): any {
  if (s === undefined || s === null || s === '') return undefined;
  return revive(EJSON.parse(s, { relaxed: true }), now);
}

export function revive(v: any, now: number = Date.now()): any {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date || v instanceof RegExp) return v;
  if (Array.isArray(v)) return v.map((x) => revive(x, now));
  if (v._bsontype === 'BSONRegExp' || v._bsontype === 'BSONRegExp'.toLowerCase()) {
    const flags = String(v.options || '')
      .split('')
      .filter((f) => REGEX_FLAGS.has(f))
      .join('');
    return new RegExp(v.pattern, flags);
  }
  if (v._bsontype === 'ObjectId' || v._bsontype === 'ObjectID') return v.toHexString();
  if (v._bsontype) return v.valueOf ? v.valueOf() : v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number(v.$tcb_server_date?.offset || 0);
    return new Date(now + offset);
  }
  const out: Record<string, any> = {};
  for (const k of keys) out[k] = revive(v[k], now);
  return out;
}

/** Serialize a stored document the way the server answers: relaxed EJSON (Dates stay Dates on parse). */
export function toWire(doc: any): string {
  return EJSON.stringify(doc, { relaxed: true });
}

/** Storage encoding: relaxed EJSON keeps Dates, NaN/Infinity and RegExps round-tripping. */
export const encodeDoc = toWire;
export function decodeDoc(s: string): any {
  return revive(EJSON.parse(s, { relaxed: true }));
}

/**
 * A Date from any realm: documents cloned with structuredClone (updates) or made by
 * another vm context (jest) are Dates that fail `instanceof Date` here.
 */
export function isDate(v: any): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

export function isPlainObject(v: any): v is Record<string, any> {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * Index key encoding. Type-tagged so 1, '1' and true never collide, and Dates
 * compare by instant. Used both when indexing a document and when planning a
 * query, so the two always agree.
 */
export function encodeKey(v: any): string {
  if (v === null || v === undefined) return 'z';
  if (typeof v === 'string') return 's:' + v;
  if (typeof v === 'number') return 'n:' + (Object.is(v, -0) ? 0 : v);
  if (typeof v === 'boolean') return 'b:' + v;
  if (isDate(v)) return 'd:' + v.getTime();
  return 'j:' + toWire(v);
}

/** Values a Mongo index holds for `path` in `doc` (multikey: array elements are indexed one by one; missing → null). */
export function indexValues(doc: any, path: string): any[] {
  const out: any[] = [];
  const walk = (cur: any, parts: string[]) => {
    if (parts.length === 0) {
      if (Array.isArray(cur)) {
        if (cur.length === 0) out.push(cur);
        else for (const x of cur) out.push(x);
      } else out.push(cur === undefined ? null : cur);
      return;
    }
    if (Array.isArray(cur)) {
      // `a.b` over an array of sub-documents indexes each element's `b`; a
      // numeric segment addresses one element.
      const [head, ...rest] = parts;
      if (/^\d+$/.test(head)) return walk(cur[Number(head)], rest);
      if (cur.length === 0) return out.push(null);
      for (const x of cur) walk(x, parts);
      return;
    }
    if (cur === null || typeof cur !== 'object' || isDate(cur)) return out.push(null);
    const [head, ...rest] = parts;
    walk(cur[head], rest);
  };
  walk(doc, path.split('.'));
  return out.length ? out : [null];
}

/** Scalar values usable for an index lookup (no arrays/objects/regexps). */
export function isIndexableScalar(v: any): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || isDate(v);
}
