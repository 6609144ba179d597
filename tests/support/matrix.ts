/**
 * The two checks every action gets (the fees suites share them): the authorization
 * matrix — each identity calls with a fresh valid payload; the allowed succeed, no
 * identity is UNAUTHENTICATED, anyone else is refused (FORBIDDEN, or NOT_FOUND where
 * the thing is not theirs to know) — and bad input: every malformed variant of a valid
 * payload, and each rule case, is a BAD_REQUEST with a Chinese message that writes nothing.
 */
import type { Harness } from './harness';
import { malformed } from './malformed';

export interface ActionSpec {
  allowed: readonly string[];
  /** A fresh valid payload (for `who` when it depends on the caller). */
  payload: (who?: string) => Promise<Record<string, unknown>>;
}

export async function expectAuthorization(h: Harness, fn: string, action: string, spec: ActionSpec, identities: readonly string[]): Promise<void> {
  const outcomes: Record<string, string> = {};
  for (const who of identities) {
    const r = await h.as(who).call(fn, action, await spec.payload(who));
    outcomes[who || '(none)'] = r.ok ? 'ok' : `${r.error.code}`;
  }
  for (const who of identities) {
    const got = outcomes[who || '(none)'];
    if (who === '') expect([who, got]).toEqual([who, 'UNAUTHENTICATED']);
    else if (spec.allowed.includes(who)) expect([who, got]).toEqual([who, 'ok']);
    else expect([who, ['FORBIDDEN', 'NOT_FOUND'].includes(got) ? 'refused' : got]).toEqual([who, 'refused']);
  }
}

/**
 * `optional` names the fields (`action:field`) a valid payload may leave out; `rules`
 * are payloads each breaking one rule of the action.
 */
export async function expectBadInputRefused(
  h: Harness,
  fn: string,
  action: string,
  who: string,
  valid: Record<string, unknown>,
  opts: { optional?: ReadonlySet<string>; rules?: Record<string, unknown>[] } = {},
): Promise<void> {
  const caller = h.as(who);
  const cases = malformed(valid).filter(([label]) => !(label.endsWith('missing') && opts.optional?.has(`${action}:${label.split(' ')[0]}`)));
  for (const [i, extra] of (opts.rules ?? []).entries()) cases.push([`rule ${i}: ${JSON.stringify(extra).slice(0, 100)}`, extra]);
  for (const [label, payload] of cases) {
    const before = await h.snapshot();
    const { result, writes } = await h.emu.measure(() => caller.call(fn, action, payload));
    expect([label, result]).toEqual([label, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }) })]);
    expect([label, writes]).toEqual([label, 0]);
    expect([label, await h.snapshot()]).toEqual([label, before]);
  }
}
