/** 记一笔 (the secretary): income by source, or an expense that waits for a second 支委. Amounts in 元 → fen by core's parser. */
import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { BookView } from '@core/party/contract';
import { PARTY_LIMITS } from '@core/party/limits';
import { BOOK_EXPENSE, BOOK_INCOME, BOOK_LABELS, type BookCategory } from '@core/party/rules';
import { parseYuanToFen } from '@core/platform/units';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';

export default function BookForm(props: { compoundId: string; onDone: (b: BookView) => void }) {
  const [kind, setKind] = useState<'income' | 'expense'>('expense');
  const [category, setCategory] = useState<BookCategory>('activity');
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([kind, category, amount, memo]);
  const cats = kind === 'income' ? BOOK_INCOME : BOOK_EXPENSE;
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
          : await api('party').call('party.proposeExpense', { ...base, category: category as (typeof BOOK_EXPENSE)[number], receipts: [] });
      rid.renew();
      setAmount('');
      setMemo('');
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
      {error ? <View className='form-error'>{error}</View> : null}
      <Btn type='primary' block loading={busy} className='party-book-submit' onClick={submit}>
        {kind === 'income' ? '记入收入' : '提交支出，等待审核'}
      </Btn>
    </View>
  );
}
