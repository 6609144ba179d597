/**
 * `npm run deploy -- --verify --env <id>`: asks every deployed function to make each of
 * its cloud calls (permissions.openapi) once with a harmless request
 * (cloudfunctions/_shared/probe.ts) and names every one refused for lack of
 * permission (-604101), so an operator learns it before residents do. Nothing is sent
 * to anyone and nothing is written.
 */
import type { Plan, Step } from './deploy-plan';

export interface VerifyRow {
  fn: string;
  api: string;
  outcome: 'allowed' | 'refused' | 'unknown' | 'no answer';
  detail?: string;
}

/** manager-node's `functions.invokeFunction(name, params)` (RetMsg = the function's JSON answer). */
export type Invoke = (name: string, params: Record<string, unknown>) => Promise<{ RetMsg?: string; ErrMsg?: string }>;

export async function verifyPermissions(plan: Plan, invoke: Invoke): Promise<VerifyRow[]> {
  const rows: VerifyRow[] = [];
  for (const s of plan.steps.filter((x): x is Extract<Step, { kind: 'function' }> => x.kind === 'function' && x.openapi.length > 0)) {
    let answer: { ok?: boolean; data?: { api: string; outcome: VerifyRow['outcome']; errCode?: number; errMsg?: string }[] } | undefined;
    let problem = '';
    try {
      const res = await invoke(s.name, { probe: 'openapi', apis: s.openapi });
      answer = res.RetMsg ? JSON.parse(res.RetMsg) : undefined;
      if (!answer?.ok) problem = res.ErrMsg || res.RetMsg || 'no answer';
    } catch (e) {
      problem = e instanceof Error ? e.message : String(e);
    }
    if (!answer?.ok || !Array.isArray(answer.data)) {
      for (const api of s.openapi) rows.push({ fn: s.name, api, outcome: 'no answer', detail: problem.slice(0, 120) });
      continue;
    }
    for (const r of answer.data)
      rows.push({
        fn: s.name,
        api: r.api,
        outcome: r.outcome,
        ...(r.errCode !== undefined ? { detail: `${r.errCode} ${r.errMsg ?? ''}`.trim().slice(0, 120) } : {}),
      });
  }
  return rows;
}

export function formatVerify(envId: string, rows: VerifyRow[]): string {
  const out = [`Cloud-call permissions in ${envId} (each function made each of its cloud calls once, harmlessly):`];
  const w = Math.max(...rows.map((r) => r.fn.length), 8);
  const a = Math.max(...rows.map((r) => r.api.length), 10);
  for (const r of rows) {
    const what =
      r.outcome === 'refused'
        ? 'REFUSED (-604101): upload this function once from WeChat DevTools (docs/deploy.md)'
        : r.outcome === 'no answer'
          ? `NO ANSWER: ${r.detail ?? ''}`
          : r.outcome;
    out.push(`  ${r.fn.padEnd(w)}  ${r.api.padEnd(a)}  ${what}`);
  }
  const bad = rows.filter((r) => r.outcome === 'refused' || r.outcome === 'no answer').length;
  out.push('', bad ? `${bad} of ${rows.length} cloud calls would fail for residents.` : `All ${rows.length} cloud calls are allowed.`);
  return out.join('\n');
}
