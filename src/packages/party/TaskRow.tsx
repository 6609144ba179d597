/** A 需要跟进 visit waiting for its concern: the lead (or the secretary) registers it as 民情 in one tap. */
import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { VisitView } from '@core/party/contract';
import { CONCERN_CATEGORIES, type ConcernCategory } from '@core/concerns/rules';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRequestId } from '@/hooks/useRequestId';
import { toServiceError } from '@/services/cloud';
import { raiseFromVisit } from './logic';

export default function TaskRow(props: { visit: VisitView; onDone: (v: VisitView) => void }) {
  const v = props.visit;
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<ConcernCategory>('公共设施');
  const [text, setText] = useState(v.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([v.id, category, text]);
  async function raise() {
    if (!text.trim()) return setError('请写下需要跟进的事');
    setBusy(true);
    setError(null);
    try {
      props.onDone(await raiseFromVisit(v, `走访时住户反映：${text.trim()}`, category, rid.id));
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='party-task'>
      <View className='row'>
        <View className='row__main'>
          <View className='row__title'>
            {v.homeLabel} · {v.modeLabel}
          </View>
          <View className='row__sub'>
            {v.date} {v.memberName} {v.topicLabels.join('、')}
            {v.note ? ` · ${v.note}` : ''}
          </View>
        </View>
        {v.canRaiseConcern && !open ? (
          <Btn size='small' type='primary' className='party-task-open' onClick={() => setOpen(true)}>
            登记民情
          </Btn>
        ) : null}
      </View>
      {open ? (
        <View className='party-task-form'>
          <Choice
            className='party-task-category'
            columns={3}
            options={CONCERN_CATEGORIES.map((c) => ({ value: c, label: c }))}
            value={category}
            onChange={setCategory}
          />
          <Input
            className='field__input party-input party-task-text'
            value={text}
            maxlength={200}
            placeholder='住户反映的事'
            onInput={(e) => setText(e.detail.value)}
          />
          {error ? <View className='form-error'>{error}</View> : null}
          <Btn type='primary' block loading={busy} className='party-task-submit' onClick={raise}>
            代住户登记为民情
          </Btn>
        </View>
      ) : null}
    </View>
  );
}
