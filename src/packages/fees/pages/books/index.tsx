/**
 * 记账结账: the bookkeeper or property manager books an expense (with receipt photos)
 * or other income into the open month; the committee closes the next month and
 * publishes it to the owners. Entries are never edited: a mistake is corrected by a
 * reversing entry with a reason. 欠费与催缴: this month's collection rate and arrears
 * per building, and 催缴提醒 — before the tap, who a WeChat message reaches and which
 * homes must be told in person (fees.remindPreview); after it, the job's progress
 * (fees.jobStatus), never a success for nobody reached.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, Picker, View } from '@tarojs/components';
import { can } from '@core/authz';
import { CATEGORY_LABELS, type Category } from '@core/fees/rules';
import { parseYuanToFen } from '@core/platform/units';
import { FEE_LIMITS } from '@core/fees/limits';
import { shanghaiMonth } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';
import { loadMe } from '@/store/me';
import { actorOf } from '@/utils/actor';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { FEE_ROUTES } from '@/features/fees/routes';
import '../../common.scss';
import './index.scss';
import { ArrearsPart } from './ArrearsPart';

const url = routePaths(FEE_ROUTES);
/** What people book by hand (fees and refunds post themselves). */
const BOOKABLE: Category[] = ['security', 'cleaning', 'salary', 'repairs', 'purchases', 'otherExpense', 'parking', 'evCharging', 'commonArea', 'advertising', 'donation', 'otherIncome', 'repairFundIn', 'repairFundOut'];


export default function BooksPage() {
  const params = useRouter().params;
  const me = useRemote(loadMe);
  const actor = me.data ? actorOf(me.data) : null;
  const compound = me.data?.roles.find((r) => r.compoundId && (!params.compoundId || r.compoundId === params.compoundId) && actor && (can(actor, 'ledger.book', { communityId: r.communityId, compoundId: r.compoundId }) || can(actor, 'ledger.close', { communityId: r.communityId, compoundId: r.compoundId })));
  const target = compound ? { communityId: compound.communityId, compoundId: compound.compoundId } : null;
  const books = !!(actor && target && can(actor, 'ledger.book', target));
  const closes = !!(actor && target && can(actor, 'ledger.close', target));
  const reminds = !!(actor && target && can(actor, 'fees.remind', target));
  const arrearsFirst = params.part === 'arrears';
  useEffect(() => {
    if (arrearsFirst && compound) setTimeout(() => void Taro.pageScrollTo({ selector: '.fees-arrears', duration: 0 }).catch(() => undefined), 300);
  }, [arrearsFirst, !!compound]); // eslint-disable-line react-hooks/exhaustive-deps
  const period = shanghaiMonth();
  const arrearsPart = compound?.compoundId && reminds ? <ArrearsPart compoundId={compound.compoundId} period={period} canRemind={reminds} /> : null;
  const summary = useRemote(() => api('fees').call('fees.summary', {}), [], { refreshOnShow: true });
  const recent = useRemote(() => api('fees').call('ledger.entries', { compoundId: compound!.compoundId!, period }), [compound?.compoundId], { skip: !compound });
  const next = summary.data?.compounds.find((c) => c.compoundId === compound?.compoundId);

  const [category, setCategory] = useState<Category>('repairs');
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const request = useRequestId([category, amount, memo, photos.map((p) => p.fileID)]);
  const fen = parseYuanToFen(amount);

  async function addPhotos() {
    try {
      const got = await pickAndUploadImages('receipts', FEE_LIMITS.receipts - photos.length);
      setPhotos((p) => [...p, ...got]);
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }

  async function submit() {
    if (!compound?.compoundId || !fen) return;
    setBusy('book');
    try {
      await api('fees').call('ledger.book', {
        clientRequestId: request.id,
        compoundId: compound.compoundId,
        category,
        amountFen: fen,
        memo,
        receipts: photos.map((p) => p.fileID),
        ...(category === 'donation' ? { donor: { anonymous: true, project: memo.slice(0, 20) } } : {}),
      });
      Taro.showToast({ title: '已记账', icon: 'success' });
      setAmount('');
      setMemo('');
      setPhotos([]);
      request.renew();
      recent.reload();
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  }

  async function closeMonth(p: string, publish: boolean) {
    if (!compound?.compoundId) return;
    const sure = await Taro.showModal({ title: publish ? '结账并公示' : '结账', content: `结账后${Number(p.slice(5))}月的账目不能再记入或改动，${publish ? '并向全体业主公示。' : ''}确定吗？`, confirmText: '确定', cancelText: '再想想' });
    if (!sure.confirm) return;
    setBusy('close');
    try {
      await api('fees').call('ledger.close', { compoundId: compound.compoundId, period: p });
      if (publish) await api('fees').call('ledger.publish', { compoundId: compound.compoundId, period: p });
      Taro.showToast({ title: publish ? '已结账并公示' : '已结账', icon: 'success' });
      summary.reload();
      go(`${url.feeStatement}?compoundId=${encodeURIComponent(compound.compoundId)}&period=${p}`);
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <PageShell className='fees-books'>
      <StateView {...me.state} denied={!!me.data && !compound} permission={['ledger.book', 'ledger.close']} permissionAction='记账或结账' />
      {arrearsFirst ? arrearsPart : null}
      {compound && books ? (
        <View className='card fees-book-form'>
          <View className='card__title'>记一笔（{Number(period.slice(5))}月）</View>
          <Picker mode='selector' range={BOOKABLE.map((c) => CATEGORY_LABELS[c])} value={BOOKABLE.indexOf(category)} onChange={(e) => setCategory(BOOKABLE[Number(e.detail.value)])}>
            <View className='fees-input fees-category'>类别：{CATEGORY_LABELS[category]} ▾</View>
          </Picker>
          <Input className='fees-input fees-amount-input' type='digit' placeholder='金额（元），如 1280.50' value={amount} onInput={(e) => setAmount(e.detail.value)} />
          {amount && !fen ? <View className='fees-overdue'>金额应为大于0的数字，最多两位小数</View> : null}
          <Input className='fees-input fees-memo' placeholder='用途，如：更换3栋楼道灯' maxlength={FEE_LIMITS.memo} value={memo} onInput={(e) => setMemo(e.detail.value)} />
          <View>
            {photos.map((p) => (
              <Image key={p.fileID} src={p.url} mode='aspectFill' className='fees-receipt-img' />
            ))}
          </View>
          <View className='actions'>
            <Btn size='small' className='fees-add-photo' onClick={addPhotos}>
              添加票据照片（{photos.length}/{FEE_LIMITS.receipts}）
            </Btn>
          </View>
          <Btn type='primary' block className='fees-book-submit' loading={busy === 'book'} disabled={!fen || !memo.trim()} onClick={submit}>
            记账
          </Btn>
        </View>
      ) : null}
      {compound && closes ? (
        <View className='card fees-close'>
          <View className='card__title'>结账与公示</View>
          <View className='muted'>本月收缴率 {next?.rate ?? '—'}%</View>
          {next?.nextToClose ? (
            <View className='actions'>
              <Btn type='primary' className='fees-close-btn' loading={busy === 'close'} onClick={() => closeMonth(next.nextToClose!, true)}>
                {Number(next.nextToClose.slice(5))}月结账并公示
              </Btn>
            </View>
          ) : (
            <View className='muted'>账目都已结清</View>
          )}
          <View className='row row--link' onClick={() => go(`${url.feeStatement}?compoundId=${encodeURIComponent(compound.compoundId!)}`)}>
            <View className='row__main'>查看已公示的月份</View>
          </View>
        </View>
      ) : null}
      {!arrearsFirst ? arrearsPart : null}
      {recent.data ? (
        <View className='card'>
          <View className='card__title'>本月已记（{recent.data.length} 笔）</View>
          {recent.data.slice(-20).reverse().map((e) => (
            <View key={e.id} className='fees-entry'>
              <View>
                {e.categoryLabel} · {e.memo} <View className='fees-bill__amount'>{e.amount}</View>
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
