/**
 * 记账结账: the bookkeeper or property manager books an expense (with receipt photos)
 * or other income into the open month; the committee closes the next month and
 * publishes it to the owners. Entries are never edited: a mistake is corrected by a
 * reversing entry with a reason. 欠费与催缴: this month's collection rate and arrears
 * per building, and 催缴提醒 — before the tap, who a WeChat message reaches and which
 * homes must be told in person (fees.remindPreview); after it, the job's progress
 * (fees.jobStatus), never a success for nobody reached. The page shows itself with one
 * call (ledger.booksPage, useBooksPage.ts).
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { api, toServiceError } from '@/services/cloud';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { FEE_ROUTES } from '@/features/fees/routes';
import '../../common.scss';
import './index.scss';
import { ArrearsPart } from './ArrearsPart';
import { BookForm } from './BookForm';
import { useBooksPage } from './useBooksPage';

const url = routePaths(FEE_ROUTES);

export default function BooksPage() {
  const params = useRouter().params;
  const b = useBooksPage(params);
  const { compoundId, next, bookPeriod, period, monthWord } = b;
  const arrearsFirst = params.part === 'arrears';
  useEffect(() => {
    if (arrearsFirst && compoundId)
      setTimeout(() => void Taro.pageScrollTo({ selector: '.fees-arrears', duration: 0 }).catch(() => undefined), 300);
  }, [arrearsFirst, !!compoundId]); // eslint-disable-line react-hooks/exhaustive-deps
  const data = b.page.data;
  const arrearsPart =
    compoundId && b.reminds && data ? (
      <ArrearsPart compoundId={compoundId} period={data.period} arrears={data.arrears} preview={data.preview} />
    ) : null;
  const [closing, setClosing] = useState(false);

  async function closeMonth(p: string, publish: boolean) {
    if (!compoundId) return;
    const sure = await Taro.showModal({
      title: publish ? '结账并公示' : '结账',
      content: `结账后${Number(p.slice(5))}月的账目不能再记入或改动，${publish ? '并向全体业主公示。' : ''}确定吗？`,
      confirmText: '确定',
      cancelText: '再想想',
    });
    if (!sure.confirm) return;
    setClosing(true);
    try {
      await api('fees').call('ledger.close', { compoundId, period: p });
      if (publish) await api('fees').call('ledger.publish', { compoundId, period: p });
      Taro.showToast({ title: publish ? '已结账并公示' : '已结账', icon: 'success' });
      // Back on this page (refreshOnShow) the page's one read names the next month to close.
      go(`${url.feeStatement}?compoundId=${encodeURIComponent(compoundId)}&period=${p}`);
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setClosing(false);
    }
  }

  return (
    <PageShell className='fees-books'>
      <StateView
        {...(compoundId ? b.page.state : b.me.state)}
        denied={!!b.me.data && !compoundId}
        permission={['ledger.book', 'ledger.close']}
        permissionAction='记账或结账'
      />
      {arrearsFirst ? arrearsPart : null}
      {compoundId && b.books && data ? (
        <BookForm
          compoundId={compoundId}
          bookPeriod={bookPeriod}
          period={period}
          monthWord={monthWord}
          onBooked={() => void b.reloadRecent()}
        />
      ) : null}
      {compoundId && next ? (
        <View className='card fees-close'>
          <View className='card__title'>结账与公示</View>
          <View className='muted'>本月收缴率 {next.rate}%</View>
          {b.closes && next.nextToClose ? (
            <View className='actions'>
              <Btn type='primary' className='fees-close-btn' loading={closing} onClick={() => closeMonth(next.nextToClose!, true)}>
                {Number(next.nextToClose.slice(5))}月结账并公示
              </Btn>
            </View>
          ) : (
            <View className='fees-close__hint'>{next.closeHint}</View>
          )}
          {!b.closes ? <View className='muted fees-close__who'>结账和公示由{next.closedBy}操作；您记的账会计入结账的月份。</View> : null}
          <View className='row row--link' onClick={() => go(`${url.feeStatement}?compoundId=${encodeURIComponent(compoundId)}`)}>
            <View className='row__main'>查看已公示的月份</View>
          </View>
        </View>
      ) : null}
      {!arrearsFirst ? arrearsPart : null}
      {b.recent ? (
        <View className='card fees-books-recent'>
          <View className='card__title'>
            {bookPeriod ? monthWord(bookPeriod) : '本月'}已记（{b.recent.length} 笔）
          </View>
          {b.recent
            .slice(-20)
            .reverse()
            .map((e) => (
              <View key={e.id} className='fees-entry'>
                <View>
                  {e.categoryLabel} · {e.memo} {/* Money in is +, money out is − (a reversed expense gives money back: +). */}
                  <View
                    className={`fees-bill__amount fees-entry__amount--${(e.kind === 'income') === e.amountFen >= 0 ? 'income' : 'expense'}`}
                  >
                    {(e.kind === 'income') === e.amountFen >= 0 ? '+' : '−'}
                    {e.amount.replace(/^-/, '')}
                  </View>
                </View>
                <View className='muted'>
                  {e.byName}
                  {e.receipts.length ? ` · 票据 ${e.receipts.length} 张` : ''}
                </View>
              </View>
            ))}
        </View>
      ) : null}
    </PageShell>
  );
}
