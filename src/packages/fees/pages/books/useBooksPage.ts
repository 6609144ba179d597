/**
 * The 记账 page's data: the compound whose books the person keeps (from the kept `me`,
 * no call), then one `ledger.booksPage` (the close row, arrears, reminder preview and
 * the booking month's entries). After a booking the entries are one `ledger.entries`.
 */
import { useEffect, useState } from 'react';
import { can } from '@core/authz';
import type { LedgerEntryView } from '@core/fees/contract';
import { shanghaiMonth } from '@core/platform/period';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import { loadMe } from '@/store/me';
import { actorOf } from '@/utils/actor';

export function useBooksPage(params: { compoundId?: string }) {
  const me = useRemote(loadMe);
  const actor = me.data ? actorOf(me.data) : null;
  const compound = me.data?.roles.find(
    (r) =>
      r.compoundId &&
      (!params.compoundId || r.compoundId === params.compoundId) &&
      actor &&
      (can(actor, 'ledger.book', { communityId: r.communityId, compoundId: r.compoundId }) ||
        can(actor, 'ledger.close', { communityId: r.communityId, compoundId: r.compoundId })),
  );
  const compoundId = compound?.compoundId;
  const target = compound ? { communityId: compound.communityId, compoundId: compound.compoundId } : null;
  const page = useRemote(() => api('fees').call('ledger.booksPage', { compoundId: compoundId! }), [compoundId], {
    skip: !compoundId,
    refreshOnShow: true,
  });
  const next = page.data?.compound;
  // The month an entry goes into comes from the server (after a close it may be next month): the form and the list name it.
  const bookPeriod = next?.bookingPeriod;
  const [recent, setRecent] = useState<LedgerEntryView[] | undefined>(undefined);
  useEffect(() => setRecent(page.data?.entries), [page.data]);
  /** This month in Asia/Shanghai (+08:00 all year). */
  const period = page.data?.period ?? shanghaiMonth(Date.now());
  return {
    me,
    compoundId,
    page,
    next,
    bookPeriod,
    period,
    books: !!(actor && target && can(actor, 'ledger.book', target)),
    closes: !!(actor && target && can(actor, 'ledger.close', target)),
    reminds: !!(actor && target && can(actor, 'fees.remind', target)),
    recent,
    async reloadRecent() {
      if (!compoundId || !bookPeriod) return;
      // A lost answer leaves the list as it was; the next show reads the page again.
      const list = await api('fees')
        .call('ledger.entries', { compoundId, period: bookPeriod })
        .catch(() => undefined);
      if (list) setRecent(list);
    },
    monthWord: (p: string) => `${p.slice(0, 4) !== period.slice(0, 4) ? `${p.slice(0, 4)}年` : ''}${Number(p.slice(5))}月`,
  };
}
