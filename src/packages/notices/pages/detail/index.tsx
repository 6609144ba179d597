/**
 * One notice. Opening it (notices.open, the page's one call) records the read for
 * me and my home, once. Subscribe messages link here, so the path is fixed. When
 * opened from a share card in a WeChat group (weapp), the same call carries the
 * group's CloudID so the lead sees how many opened it from the building group.
 */
import PageShell from '@/components/PageShell';
import ReadAloud from '@/packages/notices/components/ReadAloud';
import '@/packages/notices/common.scss';
import './index.scss';
import { ManageCard } from './ManageCard';
import { NoticeContent } from './NoticeContent';
import { NoticeMissing } from './NoticeMissing';
import { ShareCard } from './ShareCard';
import { StatusBanners } from './StatusBanners';
import { SubscribeCard } from './SubscribeCard';
import { WithdrawSheet } from './WithdrawSheet';
import { useNoticeDetailPage } from './useNoticeDetailPage';

export default function NoticeDetailPage() {
  const page = useNoticeDetailPage();
  const n = page.notice.data;
  if (!n) return <NoticeMissing page={page} />;

  const live = n.status === 'published' && !n.expired;
  return (
    <PageShell className='notice-detail'>
      <StatusBanners n={n} />
      <NoticeContent n={n} />
      {n.body ? <ReadAloud title={n.title} body={n.body} authorName={n.author.name} authorRole={n.author.roleLabel} /> : null}
      {n.canTrack || n.canCorrect || n.canWithdraw ? <ManageCard n={n} onWithdraw={page.withdrawal.start} /> : null}
      {live ? <ShareCard /> : null}
      {live ? <SubscribeCard subscription={page.subscription} /> : null}
      <WithdrawSheet withdrawal={page.withdrawal} />
    </PageShell>
  );
}
