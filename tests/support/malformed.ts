/** Malformed variants of a valid payload: wrong types, missing fields, oversized strings, stray fields. */
export function malformed(valid: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [
    ['a string instead of an object', 'hello'],
    ['an array', [1, 2]],
    ['a stray field', { ...valid, openid: 'demo-txsj-committee' }],
  ];
  for (const [k, v] of Object.entries(valid)) {
    out.push([`${k} of the wrong type`, { ...valid, [k]: typeof v === 'number' ? 'x' : typeof v === 'boolean' ? 'yes' : 12345 }]);
    out.push([`${k} oversized`, { ...valid, [k]: 'x'.repeat(2_000_001) }]);
    out.push([`${k} missing`, Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))]);
  }
  return out;
}
