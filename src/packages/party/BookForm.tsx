/**
 * 记一笔 (the secretary): income by source, or an expense with its receipt photos that
 * waits for a second 支委. Amounts in 元 → fen by core's parser. Receipts go into the
 * secretary's own folder (u/<openid>/party/); the function accepts no one else's.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, View } from '@tarojs/components';
import type { BookView } from '@core/party/contract';
import { PARTY_FILES, PARTY_LIMITS } from '@core/party/limits';
import { BOOK_EXPENSE, BOOK_INCOME, BOOK_LABELS, type BookCategory } from '@core/party/rules';
import { parseYuanToFen } from '@core/platform/units';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { pickAndUploadImages, type UploadedFile } from '@/services/upload';

export default function BookForm(props: { compoundId: string; onDone: (b: BookView) => void }) {
  const [kind, setKind] = useState<'income' | 'expense'>('expense');
  const [category, setCategory] = useState<BookCategory>('activity');
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const rid = useRequestId([kind, category, amount, memo, photos.map((p) => p.fileID)]);
  const cats = kind === 'income' ? BOOK_INCOME : BOOK_EXPENSE;
  async function addPhotos() {
    try {
      const got = await pickAndUploadImages(PARTY_FILES, PARTY_LIMITS.receipts - photos.length);
      setPhotos((p) => [...p, ...got]);
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }
  async function submit() {
    const fen = parseYuanToFen(amount);
    if (!fen) return setError('请填写金额（元）');
    setBusy(true);
    setError(null);
    try {
      const base = { clientRequestId: rid.id, compoundId: props.compoundId, amountFen: fen, memo };
      const b =
        kind === 'income'
          ? await api('party').call('party.bookIncome', { ...base, category: category as (typeof BOOK_INCOME)[number] })
          : await api('party').call('party.proposeExpense', {
              ...base,
              category: category as (typeof BOOK_EXPENSE)[number],
              receipts: photos.map((p) => p.fileID),
            });
      rid.renew();
      setAmount('');
      setMemo('');
      setPhotos([]);
      props.onDone(b);
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='card party-book-form'>
      <View className='card__title'>记一笔</View>
      <Choice
        className='party-book-kind'
        columns={2}
        options={[
          { value: 'expense', label: '支出', hint: '须另一位支委审核' },
          { value: 'income', label: '收入' },
        ]}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setCategory(k === 'income' ? 'partyDues' : 'activity');
        }}
      />
      <Choice
        className='party-book-category'
        columns={2}
        options={cats.map((c) => ({ value: c, label: BOOK_LABELS[c] }))}
        value={category}
        onChange={setCategory}
      />
      <Input
        className='field__input party-input party-book-amount'
        type='digit'
        value={amount}
        placeholder='金额（元）'
        onInput={(e) => setAmount(e.detail.value)}
      />
      <Input
        className='field__input party-input party-book-memo'
        value={memo}
        maxlength={PARTY_LIMITS.bookMemo}
        placeholder='摘要，如 七一主题党日活动'
        onInput={(e) => setMemo(e.detail.value)}
      />
      {kind === 'expense' ? (
        <View className='party-receipts'>
          {photos.map((p) => (
            <Image key={p.fileID} src={p.url} mode='aspectFill' className='party-receipt-img' />
          ))}
          {photos.length < PARTY_LIMITS.receipts ? (
            <Btn size='small' className='party-add-receipt' onClick={() => void addPhotos()}>
              添加票据照片（{photos.length}/{PARTY_LIMITS.receipts}）
            </Btn>
          ) : null}
        </View>
      ) : null}
      {error ? <View className='form-error'>{error}</View> : null}
      <Btn type='primary' block loading={busy} className='party-book-submit' onClick={submit}>
        {kind === 'income' ? '记入收入' : '提交支出，等待审核'}
      </Btn>
    </View>
  );
}
