/** One line of the month's statement, with 问一问 (statement page). */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, View } from '@tarojs/components';
import type { LedgerEntryView, StatementLineView } from '@core/fees/contract';
import { formatYuan } from '@core/platform/units';
import Btn from '@/components/Btn';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';

/** Statement sums can run to millions: thousands written apart. */
export const yuan = (fen: number) => formatYuan(fen, { grouped: true });

export function Line({
  line,
  compoundId,
  period,
  canAsk,
}: {
  line: StatementLineView;
  compoundId: string;
  period: string;
  canAsk: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<LedgerEntryView[] | null>(null);
  const [question, setQuestion] = useState('');
  const request = useRequestId([question]);
  const [asked, setAsked] = useState(false);
  async function toggle() {
    setOpen(!open);
    if (!entries) {
      try {
        setEntries(await api('fees').call('ledger.entries', { compoundId, period, category: line.category }));
      } catch (e) {
        Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
      }
    }
  }
  async function ask() {
    try {
      await api('fees').call('ledger.ask', { clientRequestId: request.id, compoundId, period, category: line.category, question });
      setAsked(true);
      setQuestion('');
      Taro.showToast({ title: '已提交，记账员会公开回复', icon: 'none' });
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }
  return (
    <View className={`fees-line fees-line--${line.category}`}>
      <View className='fees-bars__row' onClick={toggle}>
        <View className='fees-bars__label'>{line.label}</View>
        <View className='fees-bars__track'>
          <View className={`fees-bars__fill fees-bars__fill--${line.kind}`} style={{ width: `${Math.max(2, line.bar)}%` }} />
        </View>
        <View className='fees-bars__amount'>{line.amount}</View>
      </View>
      {open ? (
        <View className='fees-line__detail'>
          {entries === null ? <View className='muted'>正在读取…</View> : null}
          {(entries ?? []).map((e) => (
            <View key={e.id} className='fees-entry'>
              <View>
                {e.memo} <View className='fees-bill__amount'>{e.amount}</View>
              </View>
              <View className='muted'>
                {formatDateTime(e.at)} · {e.byName}
                {e.reverses ? ` · 冲正：${e.reason ?? ''}` : ''}
                {e.reversedBy ? ' · 已冲正' : ''}
              </View>
              {e.receipts.map((r) => (
                <Image
                  key={r.fileID}
                  src={r.url}
                  mode='aspectFill'
                  className='fees-receipt-img'
                  onClick={() => Taro.previewImage({ urls: e.receipts.map((x) => x.url), current: r.url })}
                />
              ))}
            </View>
          ))}
          {line.questions.map((q) => (
            <View key={q.id} className='fees-entry'>
              <View>问：{q.question}</View>
              <View className={q.answer ? '' : 'muted'}>答：{q.answer ?? '等待记账员回复'}</View>
            </View>
          ))}
          {canAsk && !asked ? (
            <View>
              <Input
                className='fees-input'
                value={question}
                placeholder='对这一项有疑问？写下来，回复会公开'
                maxlength={200}
                onInput={(e) => setQuestion(e.detail.value)}
              />
              <Btn size='small' disabled={!question.trim()} onClick={ask}>
                提问
              </Btn>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
