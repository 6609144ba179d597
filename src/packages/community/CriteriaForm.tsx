/**
 * The community defines its 示范创建 criteria: the weight of each 六有 item and of each
 * scored figure. A change applies from this month on; earlier months keep the weights
 * they were scored with (the function keeps each change with its month).
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { ScorecardList } from '@core/community/contract';
import Btn from '@/components/Btn';
import { api, toServiceError } from '@/services/cloud';

export default function CriteriaForm(props: { list: ScorecardList; onSaved: (list: ScorecardList) => void }) {
  const { list } = props;
  const start = Object.fromEntries(
    list.criteriaLabels.map((l) => [`${l.kind}.${l.key}`, String((list.criteria[l.kind] as Record<string, number>)[l.key] ?? 0)]),
  );
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(start);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    const pick = (kind: 'items' | 'figures') =>
      Object.fromEntries(list.criteriaLabels.filter((l) => l.kind === kind).map((l) => [l.key, Number(values[`${kind}.${l.key}`])]));
    setBusy(true);
    setError(null);
    try {
      const criteria = { items: pick('items'), figures: pick('figures') } as ScorecardList['criteria'];
      props.onSaved(await api('community').call('scorecards.setCriteria', { communityId: list.communityId, criteria }));
      setOpen(false);
      void Taro.showToast({ title: '已保存，本月起生效', icon: 'success' });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  if (!open)
    return (
      <Btn block className='sc-criteria-open' onClick={() => (setValues(start), setOpen(true))}>
        调整评分权重
      </Btn>
    );
  return (
    <View className='card sc-criteria'>
      <View className='card__title'>评分权重（本月起生效，以前月份不变）</View>
      {list.criteriaLabels.map((l) => (
        <View key={`${l.kind}.${l.key}`} className='row'>
          <View className='row__main'>{l.label}</View>
          <Input
            className={`field__input sc-weight sc-weight-${l.key}`}
            type='number'
            maxlength={3}
            value={values[`${l.kind}.${l.key}`]}
            onInput={(e) => setValues((v) => ({ ...v, [`${l.kind}.${l.key}`]: e.detail.value }))}
          />
        </View>
      ))}
      {error ? <View className='form-error'>{error}</View> : null}
      <Btn type='primary' block loading={busy} className='sc-criteria-save' onClick={() => void save()}>
        保存
      </Btn>
      <Btn block className='sc-criteria-cancel' onClick={() => setOpen(false)}>
        取消
      </Btn>
    </View>
  );
}
