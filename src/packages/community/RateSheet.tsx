/**
 * 互评: another compound's 六有, item by item, as one's own compound: 认可 or 不认可 after
 * looking at its evidence. Once per pair and month, so the form says so before sending.
 */
import { useState } from 'react';
import { Textarea, View } from '@tarojs/components';
import type { ScorecardView } from '@core/community/contract';
import { COMMUNITY_LIMITS as L } from '@core/community/limits';
import Sheet from '@/components/Sheet';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import Evidence from './Evidence';

export default function RateSheet(props: {
  view: ScorecardView;
  from: { compoundId: string; name: string } | null;
  onClose: () => void;
  onDone: (v: ScorecardView) => void;
}) {
  const v = props.view;
  const [items, setItems] = useState<Record<string, boolean | null>>(() => Object.fromEntries(v.items.map((i) => [i.key, null])));
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rid = useRequestId([items, comment, props.from?.compoundId]);
  const from = props.from;

  async function submit() {
    if (!from) return;
    setError(null);
    const missing = v.items.find((i) => items[i.key] === null);
    if (missing) return setError(`请对"${missing.label}"选择认可或不认可`);
    setBusy(true);
    try {
      const next = await api('community').call('scorecards.rate', {
        clientRequestId: rid.id,
        compoundId: v.compoundId,
        fromCompoundId: from.compoundId,
        period: v.period,
        items: Object.fromEntries(v.items.map((i) => [i.key, !!items[i.key]])) as Record<(typeof v.items)[number]['key'], boolean>,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      rid.renew();
      props.onDone(next);
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Sheet open={!!from} title={`以${from?.name ?? ''}名义评${v.compoundName}`} onClose={props.onClose} className='sc-rate'>
      <View className='muted'>每个小区每月只能给{v.compoundName}评一次，提交后不能修改。请看过佐证照片再评。</View>
      {v.items.map((i) => (
        <View key={i.key} className={`sc-item sc-rate-${i.key}`}>
          <View className='sc-item__label'>
            {i.label}：自评{i.self ? (i.self.met ? '有' : '没有') : '未填'}
          </View>
          <Evidence photos={i.self?.photos ?? []} />
          <Choice
            columns={2}
            options={[
              { value: 'yes', label: '认可' },
              { value: 'no', label: '不认可' },
            ]}
            value={items[i.key] === null ? null : items[i.key] ? 'yes' : 'no'}
            onChange={(x) => setItems((s) => ({ ...s, [i.key]: x === 'yes' }))}
          />
        </View>
      ))}
      <Textarea
        className='field__textarea sc-comment'
        value={comment}
        maxlength={L.rateComment}
        placeholder='评语（选填），例如：书报角还没建好'
        onInput={(e) => setComment(e.detail.value)}
      />
      {error ? <View className='form-error'>{error}</View> : null}
      <Btn type='primary' block loading={busy} className='sc-rate-submit' onClick={() => void submit()}>
        提交互评
      </Btn>
    </Sheet>
  );
}
