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
  payload(who?: string): Promise<Record<string, unknown>>;
  /** Codes that also count as a refusal for this action (e.g. VOTE_NOT_OWNER), besides the suite's. */
  alsoRefused?: readonly string[];
}

export interface AuthorizationOptions {
  /** What a refusal may be called; FORBIDDEN and NOT_FOUND (the thing is not theirs to know) unless a suite is stricter. */
  refused?: readonly string[];
  /** Codes that also count as a refusal in this suite (NOT_REGISTERED, NOT_ELIGIBLE …). */
  alsoRefused?: readonly string[];
  /** Every refusal writes nothing and says why in Chinese. */
  refusalsWriteNothing?: boolean;
}

/**
 * One expectation over the whole row (identity → outcome), so a failure shows every
 * identity at once; an unexpected error shows its code and message.
 */
export async function expectAuthorization(
  h: Harness,
  fn: string,
  action: string,
  spec: ActionSpec,
  identities: readonly string[],
  opts: AuthorizationOptions = {},
): Promise<void> {
  const refused = [...(opts.refused ?? ['FORBIDDEN', 'NOT_FOUND']), ...(opts.alsoRefused ?? []), ...(spec.alsoRefused ?? [])];
  const want: Record<string, string> = {};
  const got: Record<string, string> = {};
  const leaks: string[] = [];
  for (const who of identities) {
    const key = who || '(none)';
    const payload = await spec.payload(who);
    const before = opts.refusalsWriteNothing ? await h.snapshot() : null;
    const { result: r, writes } = await h.emu.measure(() => h.as(who).call(fn, action, payload));
    want[key] = who === '' ? 'UNAUTHENTICATED' : spec.allowed.includes(who) ? 'ok' : 'refused';
    if (r.ok) got[key] = 'ok';
    else if (who === '' && r.error.code === 'UNAUTHENTICATED') got[key] = 'UNAUTHENTICATED';
    else if (who !== '' && refused.includes(r.error.code)) got[key] = 'refused';
    else got[key] = `${r.error.code} ${r.error.message}`;
    if (!r.ok && before !== null) {
      if (writes !== 0 || (await h.snapshot()) !== before) leaks.push(`${key} wrote on refusal`);
      if (!/[\u4e00-\u9fa5]/.test(r.error.message)) leaks.push(`${key} refused without a Chinese message`);
    }
  }
  expect({ action, outcomes: got, leaks }).toEqual({ action, outcomes: want, leaks: [] });
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
  const cases = malformed(valid).filter(
    ([label]) => !(label.endsWith('missing') && opts.optional?.has(`${action}:${label.split(' ')[0]}`)),
  );
  for (const [i, extra] of (opts.rules ?? []).entries()) cases.push([`rule ${i}: ${JSON.stringify(extra).slice(0, 100)}`, extra]);
  for (const [label, payload] of cases) {
    const before = await h.snapshot();
    const { result, writes } = await h.emu.measure(() => caller.call(fn, action, payload));
    expect([label, result]).toEqual([
      label,
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }),
      }),
    ]);
    expect([label, writes]).toEqual([label, 0]);
    expect([label, await h.snapshot()]).toEqual([label, before]);
  }
}
