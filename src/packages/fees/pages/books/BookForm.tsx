/**
 * 记一笔: an expense (with receipt photos) or other income into the open month. Entries
 * are never edited: a mistake is corrected by a reversing entry with a reason.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, Picker, View } from '@tarojs/components';
import { CATEGORY_LABELS, type Category } from '@core/fees/rules';
import { parseYuanToFen } from '@core/platform/units';
import { FEE_LIMITS } from '@core/fees/limits';
import Btn from '@/components/Btn';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';

/** What people book by hand (fees and refunds post themselves). */
const BOOKABLE: Category[] = [
  'security',
  'cleaning',
  'salary',
  'repairs',
  'purchases',
  'otherExpense',
  'parking',
  'evCharging',
  'commonArea',
  'advertising',
  'donation',
  'otherIncome',
  'repairFundIn',
  'repairFundOut',
];

export function BookForm(props: {
  compoundId: string;
  /** The month a booking goes into (from the server), and this month. */
  bookPeriod: string | undefined;
  period: string;
  monthWord: (p: string) => string;
  onBooked: () => void;
}) {
  const { compoundId, bookPeriod, period, monthWord } = props;
  const [category, setCategory] = useState<Category>('repairs');
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [busy, setBusy] = useState(false);
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
    if (!fen) return;
    setBusy(true);
    try {
      await api('fees').call('ledger.book', {
        clientRequestId: request.id,
        compoundId,
        category,
        amountFen: fen,
        memo,
        receipts: photos.map((p) => p.fileID),
        ...(category === 'donation' ? { donor: { anonymous: true, project: memo.slice(0, 20) } } : {}),
      });
      Taro.showToast({ title: bookPeriod ? `已记入${monthWord(bookPeriod)}` : '已记账', icon: 'success' });
      setAmount('');
      setMemo('');
      setPhotos([]);
      request.renew();
      props.onBooked();
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='card fees-book-form'>
      <View className='card__title'>记一笔{bookPeriod ? `（记入${monthWord(bookPeriod)}）` : ''}</View>
      {bookPeriod && bookPeriod !== period ? (
        <View className='muted fees-book-month'>本月已结账，新记录记入{monthWord(bookPeriod)}的账目</View>
      ) : null}
      <Picker
        mode='selector'
        range={BOOKABLE.map((c) => CATEGORY_LABELS[c])}
        value={BOOKABLE.indexOf(category)}
        onChange={(e) => setCategory(BOOKABLE[Number(e.detail.value)])}
      >
        <View className='fees-input fees-category'>类别：{CATEGORY_LABELS[category]} ▾</View>
      </Picker>
      <Input
        className='fees-input fees-amount-input'
        type='digit'
        placeholder='金额（元），如 1280.50'
        value={amount}
        onInput={(e) => setAmount(e.detail.value)}
      />
      {amount && !fen ? <View className='fees-overdue'>金额应为大于0的数字，最多两位小数</View> : null}
      <Input
        className='fees-input fees-memo'
        placeholder='用途，如：更换3栋楼道灯'
        maxlength={FEE_LIMITS.memo}
        value={memo}
        onInput={(e) => setMemo(e.detail.value)}
      />
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
      <Btn type='primary' block className='fees-book-submit' loading={busy} disabled={!fen || !memo.trim()} onClick={submit}>
        记账
      </Btn>
    </View>
  );
}
