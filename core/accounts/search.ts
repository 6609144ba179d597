/**
 * Finding a compound by name among the hundreds of one environment (a 街道 or a whole
 * district): the name is cut into keys — each character and each pair of neighbouring
 * characters ("天翔世家" → 天 翔 世 家 天翔 翔世 世家) — stored with the compound in
 * `nameKeys` and indexed. A search asks for the query's own keys by equality, so it
 * reads the compounds that share them, never the whole collection. Pure: the contract
 * (validation), the accounts function (query), setup and seed (writing) share it.
 */

/** Spaces, controls, zero-width and bidi marks, fillers and the punctuation people type between words. */
const IGNORED =
  /[\s\u3000\u0000-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u2800\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u00B7\u30FB.,，、。·・\-—_'"‘’“”()（）[\]【】「」《》]/g;

/** The form names and queries are compared in: NFKC (全角 → 半角), lower case, nothing invisible or separating. */
export function searchForm(s: string): string {
  return s.normalize('NFKC').replace(IGNORED, '').toLowerCase();
}

/** Longest query, in characters after searchForm (a compound's name is rarely longer). */
export const COMPOUND_QUERY_MAX = 20;

/** What a compound stores in `nameKeys`: its characters and neighbouring pairs, once each. */
export function compoundNameKeys(name: string): string[] {
  const chars = Array.from(searchForm(name));
  return [...new Set([...chars, ...chars.slice(1).map((c, i) => chars[i] + c)])];
}

/**
 * The keys a query asks for, every one of which a matching compound holds: one character
 * asks for itself; longer queries for their neighbouring pairs ("天翔" → 天翔; "翔世家" →
 * 翔世 世家), so the characters must stand together as in the name.
 */
export function compoundQueryKeys(query: string): string[] {
  const chars = Array.from(searchForm(query));
  if (chars.length <= 1) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
}

/** A compound document as written (setup, seed): with its name's keys, so search finds it from the start. */
export function withNameKeys<C extends { name: string }>(c: C): C & { nameKeys: string[] } {
  return { ...c, nameKeys: compoundNameKeys(c.name) };
}
