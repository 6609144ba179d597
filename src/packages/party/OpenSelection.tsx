/** 发起评选 (the branch or the committee): a title, the rules, places and how long nominations and votes run. */
import { useState } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
import type { SelectionDetail } from '@core/party/contract';
import { PARTY_LIMITS } from '@core/party/limits';
import { SELECTION_KINDS, SELECTION_KIND_LABELS, type SelectionKind } from '@core/party/rules';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';

export default function OpenSelection(props: { compoundId: string; onDone: (s: SelectionDetail) => void }) {
  const [kind, setKind] = useState<SelectionKind>('neighbour');
  const [title, setTitle] = useState('');
  const [rules, setRules] = useState('');
  const [places, setPlaces] = useState('3');
  const [days, setDays] = useState<'7' | '14'>('7');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([kind, title, rules, places, days]);
  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const s = await api('party').call('party.openSelection', {
        clientRequestId: rid.id,
        compoundId: props.compoundId,
        kind,
        title,
        rules,
        places: Number(places) || 0,
        nominateDays: Number(days),
        voteDays: Number(days),
      });
      rid.renew();
      props.onDone(s);
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='card party-open-selection'>
      <View className='card__title'>发起评选</View>
      <Choice
        columns={2}
        options={SELECTION_KINDS.map((k) => ({ value: k, label: SELECTION_KIND_LABELS[k] }))}
        value={kind}
        onChange={setKind}
      />
      <Input
        className='field__input party-input party-sel-title'
        value={title}
        maxlength={PARTY_LIMITS.selectionTitle}
        placeholder='评选名称，如 年度好邻居'
        onInput={(e) => setTitle(e.detail.value)}
      />
      <Textarea
        className='field__textarea party-sel-rules'
        value={rules}
        maxlength={PARTY_LIMITS.selectionRules}
        placeholder='评选规则：谁可以被提名、怎么投票、几名当选'
        onInput={(e) => setRules(e.detail.value)}
      />
      <View className='field__label party-field'>名额</View>
      <Input
        className='field__input party-input party-sel-places'
        type='number'
        value={places}
        onInput={(e) => setPlaces(e.detail.value)}
      />
      <View className='field__label party-field'>提名期和投票期各</View>
      <Choice
        columns={2}
        options={[
          { value: '7', label: '7天' },
          { value: '14', label: '14天' },
        ]}
        value={days}
        onChange={setDays}
      />
      {error ? <View className='form-error'>{error}</View> : null}
      <Btn type='primary' block loading={busy} className='party-sel-submit' onClick={submit}>
        发起
      </Btn>
    </View>
  );
}
