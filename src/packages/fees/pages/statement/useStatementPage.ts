/**
 * The 财务公示 page's data: one `ledger.statementPage` call shows it (the compound, its
 * trend, the newest or linked month, the donation board, and the office's picker); a
 * tapped month is one `ledger.statement`, a picked compound one `ledger.statementPage`.
 */
import { useState } from 'react';
import type { StatementView } from '@core/fees/contract';
import { useRemote } from '@/hooks/useRemote';
import { api, ServiceError } from '@/services/cloud';

export function useStatementPage(params: { compoundId?: string; period?: string }) {
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const asked = picked ?? params.compoundId;
  const page = useRemote(
    () =>
      api('fees').call('ledger.statementPage', {
        ...(asked ? { compoundId: asked } : {}),
        // The month of a link (a 财务公示 notice) belongs to its compound, not to one picked since.
        ...(params.period && !picked ? { period: params.period } : {}),
      }),
    [asked],
  );
  const p = page.data;
  const compoundId = p?.compoundId ?? undefined;
  const period = chosen ?? p?.period ?? undefined;
  const first = !!p && period === p.period;
  const other = useRemote(() => api('fees').call('ledger.statement', { compoundId: compoundId!, period: period! }), [compoundId, period], {
    skip: !compoundId || !period || first,
  });
  const statement = first ? p.statement : other.data;
  const missing = first && p.statementMissing ? new ServiceError('NOT_FOUND', p.statementMissing) : undefined;
  return {
    page,
    compoundId,
    period,
    statement: statement ?? undefined,
    statementState: first ? { loading: false, error: missing, onRetry: () => void page.reload() } : other.state,
    pick(id: string) {
      setPicked(id);
      setChosen(undefined);
    },
    choose: setChosen,
    /** The statement as the server answered after linking its notice. */
    setStatement(v: StatementView) {
      if (first) page.setData((prev) => (prev ? { ...prev, statement: v } : prev));
      else other.setData(v);
    },
  };
}
